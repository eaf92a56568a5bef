"""The ombudsman pack of a case as a download: HTML to read or print, or JSON."""

from __future__ import annotations

from flask import Response, render_template

from projections.ombudsman import build_pack, pack_html, pack_json
from projections.tables import read_models_built
from web.access import requires
from web.context import services
from web.views.blueprint import READERS, blueprint
from web.views.cases import guarded


def _pack(reference: str, form: str) -> Response | tuple[str, int]:
    with services().read_models() as conn:
        if not read_models_built(conn, services().schema):
            return render_template("views/unavailable.html", title="The ombudsman pack is not available yet"), 503
        pack = guarded(build_pack, services().back_office, conn, services().schema, reference,
                       services().audit_key)
    if form == "json":
        body, mimetype, extension = pack_json(pack) + "\n", "application/json", "json"
    else:
        body, mimetype, extension = pack_html(pack), "text/html", "html"
    filename = f"{pack.reference}-ombudsman-pack.{extension}"
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@blueprint.get("/cases/<reference>/pack")
@requires(READERS)
def pack_download(reference: str) -> Response | tuple[str, int]:
    return _pack(reference, "html")


@blueprint.get("/cases/<reference>/pack.json")
@requires(READERS)
def pack_json_download(reference: str) -> Response | tuple[str, int]:
    return _pack(reference, "json")
