"""The ombudsman pack of a case as a download: HTML to read or print, or JSON."""

from __future__ import annotations

from flask import Response, render_template, url_for

from projections.ombudsman import build_pack, pack_html, pack_json
from web.access import requires
from web.context import services
from web.views.blueprint import READERS, blueprint
from web.views.cases import guarded
from web.views.letters import PrintableLetter, with_toolbar


def _pack(reference: str, form: str, inline: bool = False) -> Response | tuple[str, int]:
    with services().read_models() as conn:
        if not services().read_models_built(conn):
            return render_template("views/unavailable.html", title="The ombudsman pack is not available yet"), 503
        pack = guarded(build_pack, services().back_office, conn, services().schema, reference,
                       services().audit_key)
    if form == "json":
        body, mimetype, extension = pack_json(pack) + "\n", "application/json", "json"
    else:
        body, mimetype, extension = pack_html(pack), "text/html", "html"
    filename = f"{pack.reference}-ombudsman-pack.{extension}"
    if inline:  # read in the browser, its own styles allowed by their hash (see ``PrintableLetter``)
        back = url_for("cases.show_case", reference=pack.reference)
        return PrintableLetter(with_toolbar(body, back, "Back to the case"), filename)
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@blueprint.get("/cases/<reference>/pack/view")
@requires(READERS)
def pack_view(reference: str) -> Response | tuple[str, int]:
    """The pack to read (and print) in the browser."""
    return _pack(reference, "html", inline=True)


@blueprint.get("/cases/<reference>/pack")
@requires(READERS)
def pack_download(reference: str) -> Response | tuple[str, int]:
    return _pack(reference, "html")


@blueprint.get("/cases/<reference>/pack.json")
@requires(READERS)
def pack_json_download(reference: str) -> Response | tuple[str, int]:
    return _pack(reference, "json")
