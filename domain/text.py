"""Text people type, checked once for every way in, and stored text shown safely whatever it holds.

``text_problem`` is the one rule every entry point calls (web forms, the public form, the JSON API, the
CLI, the profile file, and the domain's own commands): no control characters (C0, including NUL, DEL and
C1), no Unicode line or paragraph separators, no bidirectional overrides or isolates, and no unpaired
surrogates. Line breaks and tabs are allowed only where the text may run over several lines.

``shown`` is for the other direction: text already stored (perhaps before this check existed) is data,
so anything that writes it to a read table, a page or a terminal shows such characters as visible escapes
(``\\x00``, ``\\u202e``) instead of passing them on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import fields, is_dataclass

from domain.errors import InvalidDetailsError

_NEVER = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_LINE_BREAKS = "\t\n\r"
SINGLE_LINE = re.compile(f"[{_NEVER}{_LINE_BREAKS}]")
MULTI_LINE = re.compile(f"[{_NEVER}]")
_SURROGATE = re.compile("[\ud800-\udfff]")

CONTROL_MESSAGE = ("Remove the control characters (invisible characters such as NUL, escape or a text-direction "
                   "override) from this text")
LINE_BREAK_MESSAGE = "Write this on one line: remove the line breaks and tabs"
SURROGATE_MESSAGE = "Remove the characters that cannot be stored (broken emoji or symbols) from this text"


def text_problem(value: str, *, multiline: bool = False) -> str | None:
    """What is wrong with typed text, in words for the person who typed it, or None when it may be stored.
    Line breaks and tabs are allowed only when ``multiline``."""
    found = (MULTI_LINE if multiline else SINGLE_LINE).search(value)
    if found is None:
        return None
    if _SURROGATE.search(value):
        return SURROGATE_MESSAGE
    if not multiline and not MULTI_LINE.search(value):
        return LINE_BREAK_MESSAGE
    return CONTROL_MESSAGE


def check_text(value: str, what: str, *, multiline: bool = False) -> None:
    """Refuse (``InvalidDetailsError``) text that may not be stored; ``what`` names it in the message."""
    problem = text_problem(value or "", multiline=multiline)
    if problem:
        raise InvalidDetailsError(f"{what[0].upper()}{what[1:]}: {problem[0].lower()}{problem[1:]}.")


def check_texts(values: Iterable[str], what: str) -> None:
    for value in values:
        check_text(value, what)


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(value: str, *, multiline: bool = True) -> str:
    """Stored text made safe to show or copy into a read table: each character the check refuses becomes a
    visible escape (NUL as ``\\x00``, ESC as ``\\x1b``, a right-to-left override as ``\\u202e``). Line
    breaks and tabs stay when ``multiline``, else they are escaped too."""
    return (MULTI_LINE if multiline else SINGLE_LINE).sub(_escape, value)


def check_stored(value: object, what: str = "the text") -> None:
    """Refuse anything that would store refused text anywhere inside ``value`` (an event, a value object,
    a collection): the last guard before an event is written, so a way in nobody thought of cannot store
    it either. Line breaks are allowed here; single-line fields are checked where they are typed."""
    if isinstance(value, str):
        check_text(value, what, multiline=True)
    elif isinstance(value, dict):
        for key, item in value.items():
            check_stored(key, what)
            check_stored(item, key.replace("_", " ") if isinstance(key, str) else what)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            check_stored(item, what)
    elif is_dataclass(value) and not isinstance(value, type):
        for item in fields(value):
            check_stored(getattr(value, item.name), item.name.replace("_", " "))


def shown_value(value: object) -> object:
    """``shown`` for a template's output (Jinja's ``finalize``): text, and anything shown as its text (a
    ``Narrative``, a ``Person``), is made safe; markup the template built (``__html__``) and numbers are left
    as they are."""
    if value is None or hasattr(value, "__html__") or isinstance(value, int | float):
        return value
    return shown(str(value))
