"""The interactive documentation at /api/docs: Swagger UI (npm ``swagger-ui-dist``, copied into
web/static/build/swagger-ui/ by web/assets/build.mjs) reading /api/openapi.json.

The app's Content-Security-Policy stays as it is on this page too: Swagger UI is started by our own
static script (web/static/api/docs.js, no inline script), and it styles elements through the DOM
(which the policy allows) rather than with inline ``style`` attributes or ``<style>`` elements, so no
relaxation is needed. (Its few ``data:`` icons are refused by ``img-src 'self'``; text labels remain.)"""

from __future__ import annotations

from flask import render_template

from web.api.base import blueprint
from web.context import services


@blueprint.get("/docs")
def docs() -> str:
    return render_template("api/docs.html", partnership=services().back_office.profile.name)
