"""The ReferenceBook aggregate: issues case references such as CT-2025-0007, one book a year.

Two officers receiving applications at once both load the book; the event store's optimistic
concurrency lets one save win, and the other takes the next number on retry, so every reference
is unique within the partnership.
"""

from __future__ import annotations

from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.ids import reference_book_id


class ReferenceBook(Aggregate):
    @staticmethod
    def create_id(prefix: str, year: int) -> UUID:
        return reference_book_id(prefix, year)

    @event("Opened")
    def __init__(self, *, prefix: str, year: int, actor: str) -> None:
        self.prefix = prefix
        self.year = year
        self.last_number = 0

    def issue_reference(self, *, actor: str) -> str:
        self._issue(number=self.last_number + 1, actor=actor)
        return f"{self.prefix}-{self.year}-{self.last_number:04d}"

    @event("ReferenceIssued")
    def _issue(self, *, number: int, actor: str) -> None:
        self.last_number = number
