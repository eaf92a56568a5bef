"""Enums whose members people read: the one place that says how such a member reads and prints."""

from __future__ import annotations

from enum import Enum


class Worded(Enum):
    """An enum whose value is already the words people read ("threshold not met"); it prints as its
    ``label``, which a member may give in other words by overriding it."""

    @property
    def label(self) -> str:
        return str(self.value)

    def __str__(self) -> str:
        return self.label
