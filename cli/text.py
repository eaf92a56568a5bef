"""Text in and out of the command line. Options a person types are checked with the one rule for text
(``domain.text``); stored text printed to the terminal never carries control characters (they could
move the cursor, retitle the window or ring the bell) nor, in rich output, markup that rich would act on."""

from __future__ import annotations

from typing import Any

import click
from rich.markup import escape

from domain.text import shown, text_problem


class PlainText(click.ParamType):
    """A text option: control characters are refused, and line breaks too unless ``multiline``."""

    name = "text"

    def __init__(self, *, multiline: bool = False) -> None:
        self.multiline = multiline

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value)
        problem = text_problem(text, multiline=self.multiline)
        if problem:
            self.fail(f"{problem}.", param, ctx)
        return text


TEXT = PlainText()
LONG_TEXT = PlainText(multiline=True)


def plain(value: object) -> str:
    """Stored text for ``click.echo``: control characters as visible escapes (line breaks kept)."""
    return shown(str(value))


def cell(value: object) -> str:
    """Stored text for rich (tables, ``Console.print``): visible escapes, and markup escaped ("" for None)."""
    return "" if value is None else escape(shown(str(value)))
