"""The printable HTML layout of the letters: template files in ``application/documents/templates/letters/``
(one page layout shared by every letter, and one body per letter kind, or the shared ``body.html``
for the letters that are their wording's paragraphs alone), rendered by the documents'
Jinja environment. Every value put into them is escaped, the partnership's wording as well as the
case's text, so a letter shows what was written and never runs it."""

from __future__ import annotations

from typing import Any

from application import documents
from domain.values import LetterKind

SHARED = ("letters/page.html", "letters/paragraphs.html", "letters/recommendations.html")
# The letters whose body is their wording's ``body`` paragraphs and nothing else share one body template.
BODY_ONLY = frozenset({LetterKind.ACKNOWLEDGEMENT, LetterKind.DELAY, LetterKind.WITHDRAWAL})


def _name(kind: LetterKind) -> str:
    return "letters/body.html" if kind in BODY_ONLY else f"letters/{kind.value}.html"


def layout_source(kind: LetterKind) -> str:
    """Everything the layout of a ``kind`` letter is made of, for its template version."""
    return "\n".join(documents.source(name) for name in (*SHARED, _name(kind)))


def render_letter(kind: LetterKind, context: dict[str, Any]) -> str:
    """The ``kind`` letter as printable HTML, from the values ``letter_context`` gives."""
    return documents.render(_name(kind), **context)
