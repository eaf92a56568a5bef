"""The one Jinja environment every document is rendered by (the letters, the annual report and the
ombudsman pack), loading template files from ``templates/`` beside this module.

HTML and SVG templates are autoescaped, so every value put into them is shown as text and never runs;
every value, in any template, is passed through ``shown_value``, so control characters in stored text
come out as visible escapes (``\\x00``), as on the web pages. An undefined name is an error, not a
blank. It sits in the application layer so that both the use cases (letters) and the projections
(report, pack) can render with it."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from domain.text import shown_value

_environment = Environment(loader=PackageLoader(__name__, "templates"),
                           autoescape=select_autoescape(("html", "svg")), undefined=StrictUndefined,
                           trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, finalize=shown_value)


def render(name: str, **context: Any) -> str:
    """The template file ``name`` (a path under ``templates/``) rendered with ``context``."""
    return _environment.get_template(name).render(context)


def render_markup(name: str, **context: Any) -> Markup:
    """``render`` for a fragment another document or page includes as it is (already escaped)."""
    return Markup(render(name, **context))


def source(name: str) -> str:
    """The text of the template file ``name``, for a version that changes when it does."""
    loader = _environment.loader
    assert loader is not None
    return loader.get_source(_environment, name)[0]
