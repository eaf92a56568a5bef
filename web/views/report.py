"""The annual report: the partnership's published table, the statutory measures and the extras per
financial year, with a bar chart, and the same figures as CSV.

The chart is the report document's own (projections.report.chart_figure, one template file): SVG with
presentation attributes (fill, x, y), so it needs no inline style or script under the app's
Content-Security-Policy; the tables carry the same figures, so nothing depends on seeing the colours."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import Response, abort, render_template, request

from projections import audit, onward_return, report
from projections.statistics import YearFigures, yearly_figures
from web.access import requires
from web.context import services
from web.views.blueprint import READERS, blueprint


def _years() -> list[YearFigures] | None:
    back_office = services().back_office
    with services().read_models() as conn:
        if not services().read_models_built(conn):
            return None
        return yearly_figures(conn, services().schema, back_office.profile.statistics_from, back_office.today(),
                              back_office.calendar)


def _checkpoint() -> str:
    with services().read_models() as conn:
        return audit.make_checkpoint(conn, services().schema, services().audit_key, datetime.now(UTC)).line()


@blueprint.get("/report")
@requires(READERS)
def annual_report() -> tuple[str, int]:
    years = _years()
    if years is None:
        return render_template("views/unavailable.html", title="The annual report is not available yet"), 503
    chart = report.chart_figure(years, "ct-chart govuk-!-margin-0 govuk-!-margin-bottom-6", "govuk-body-s")
    return render_template("views/report.html", title="Annual report", tables=in_parts(report.tables(years)),
                           return_years=list(reversed(years[-3:])),
                           counting_rule=report.ASSIGNMENT, chart=chart, checkpoint=_checkpoint(),
                           checkpoint_note=report.CHECKPOINT), 200


COLUMNS_ON_A_PAGE = 5  # figures per table on the page, so a desktop sees every table whole


Table = tuple[str, Any, list[tuple[Any, ...]], str]  # caption, column headings, rows, how it is counted


def in_parts(tables: list[Table]) -> list[Table]:
    """The report's tables for the page: one with more figures than fit a desktop's width becomes several, each
    with the period and at most ``COLUMNS_ON_A_PAGE`` figures ("More detail (part 1 of 2)"); its note goes with
    the first part."""
    found = []
    for caption, headers, rows, note in tables:
        starts = range(0, len(headers), COLUMNS_ON_A_PAGE)
        for part, start in enumerate(starts, 1):
            end = start + COLUMNS_ON_A_PAGE
            title = caption if len(starts) == 1 else f"{caption} (part {part} of {len(starts)})"
            found.append((title, headers[start:end], [(row[0], *row[1:][start:end]) for row in rows],
                          note if part == 1 else ""))
    return found


@blueprint.get("/report.csv")
@requires(READERS)
def annual_report_csv() -> Response | tuple[str, int]:
    years = _years()
    if years is None:
        return render_template("views/unavailable.html", title="The annual report is not available yet"), 503
    return Response(report.to_csv(years), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="community-trigger-annual-report.csv"'})


@blueprint.get("/report/return.<any(csv, json):form>")
@requires(READERS)
def onward_return_download(form: str) -> Response | tuple[str, int]:
    """One year's figures for the onward return (``?year=2025`` for 2025/26; the latest year without it)."""
    years = _years()
    if years is None:
        return render_template("views/unavailable.html", title="The annual report is not available yet"), 503
    wanted = request.args.get("year", type=int)
    found = years[-1] if wanted is None else next((y for y in years if y.starts_on.year == wanted), None)
    if found is None:
        abort(404)
    back_office = services().back_office
    made_on = back_office.today().isoformat()
    name = f"community-trigger-return-{found.short_label.replace('/', '-')}.{form}"
    if form == "csv":
        return Response(onward_return.to_csv(found, back_office.profile.name, made_on), mimetype="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})
    return Response(onward_return.to_json(found, back_office.profile.name, made_on), mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
