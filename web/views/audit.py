"""The audit trail: whether the hash chain verifies (or the first entry that breaks it), then the
entries, newest first, 50 a page."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import render_template, request, url_for
from psycopg import sql

from projections import audit
from web.access import requires
from web.context import services
from web.errors import error_page
from web.views.blueprint import READERS, blueprint

PER_PAGE = 50


def _page_number() -> int | None:
    text = request.args.get("page", "1").strip()
    if not text.isdigit() or len(text) > 7 or int(text) < 1:
        return None
    return int(text)


@blueprint.get("/audit")
@requires(READERS)
def audit_trail() -> tuple[str, int]:
    page = _page_number()
    if page is None:
        return error_page(400, "There is a problem with the page number",
                          ["The page number must be a whole number from 1 upwards, like 2.",
                           "Go back to the first page of the audit trail and use the page links."])
    with services().read_models() as conn:
        schema = services().schema
        if not services().read_models_built(conn):
            return render_template("views/unavailable.html", title="The audit trail is not available yet"), 503
        verification = audit.verify(conn, schema, services().back_office.recorder, key=services().audit_key)
        checkpoint = audit.make_checkpoint(conn, schema, services().audit_key, datetime.now(UTC))
        total = conn.execute(sql.SQL("SELECT count(*) FROM {}.ct_audit").format(
            sql.Identifier(schema))).fetchone()[0]  # type: ignore[index]
        pages = max(1, -(-total // PER_PAGE))
        if page > pages:
            return error_page(400, "There is a problem with the page number",
                              [f"The audit trail has {pages} page{'s' if pages != 1 else ''}; there is no page {page}.",
                               "Go back to the first page of the audit trail and use the page links."])
        entries = conn.execute(sql.SQL(
            "SELECT position, reference, event, actor, recorded_at, summary FROM {}.ct_audit "
            "ORDER BY position DESC LIMIT %s OFFSET %s").format(sql.Identifier(schema)),
            (PER_PAGE, (page - 1) * PER_PAGE)).fetchall()
    return render_template("views/audit.html", title="Audit trail", verification=verification, entries=entries,
                           checkpoint=checkpoint, signed=services().audit_key is not None,
                           total=total, page=page, pages=pages, pagination=_pagination(page, pages)), 200


def _pagination(page: int, pages: int) -> dict[str, Any] | None:
    if pages <= 1:
        return None

    def link(number: int) -> str:
        return url_for("views.audit_trail", page=number)

    items: list[dict[str, Any]] = []
    for number in range(1, pages + 1):
        if number in (1, pages) or abs(number - page) <= 2:
            if items and number - items[-1].get("number", number) > 1:
                items.append({"ellipsis": True, "number": number - 1})
            items.append({"number": number, "href": link(number), "current": number == page})
    return {"items": [i if not i.get("ellipsis") else {"ellipsis": True} for i in items],
            "previous": {"href": link(page - 1)} if page > 1 else None,
            "next": {"href": link(page + 1)} if page < pages else None}
