"""The header and the service navigation at the top of every page, each from a GOV.UK macro that costs about a
tenth of a page's time. The header depends only on the partnership's name and the app's root; the navigation only on
the links (a role's, with the current page marked) and the app's root: so each rendering is kept (a few hundred at
most). The sign-out form, which holds the session's CSRF token, goes into the navigation's slot on each page."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from flask import render_template, request
from markupsafe import Markup

SLOT = "<!-- ct: sign-out -->"


def service_navigation(navigation: list[dict[str, Any]], sign_out: Markup) -> Markup:
    """The navigation with ``navigation``'s links and ``sign_out`` (blank when signed out) at its end."""
    signed_in = bool(sign_out.strip())
    rendered = _rendered(request.script_root, json.dumps(navigation, sort_keys=True),
                         Markup(SLOT) if signed_in else sign_out)
    return rendered.replace(Markup(SLOT), sign_out) if signed_in else rendered


@lru_cache(maxsize=512)
def _rendered(_: str, navigation: str, end: Markup) -> Markup:
    return Markup(render_template("_service_navigation.html", navigation=json.loads(navigation), end=end))


def page_header(partnership: str) -> Markup:
    """GOV.UK's generic header, with ``partnership`` as its logo, linking to the start page."""
    return _header(request.script_root, partnership)


@lru_cache(maxsize=64)
def _header(_: str, partnership: str) -> Markup:
    return Markup(render_template("_page_header.html", partnership=partnership))
