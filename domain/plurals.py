"""Counts in words people read: "1 incident", "2 incidents", never "incident(s)"."""

from __future__ import annotations


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """``count`` with the word in the right number: ``counted(1, "day")`` is "1 day", ``counted(2, "day")`` "2 days"."""
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


def in_number(count: int, singular: str, plural: str | None = None) -> str:
    """The word alone, in the right number for ``count``: "incident" for 1, "incidents" otherwise."""
    return singular if count == 1 else plural or singular + "s"
