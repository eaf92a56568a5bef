"""Queries read from the event store: a case as it stands, its deadlines, its history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from application.core import UseCases, normalise_reference
from application.history import HistoryEntry, entry_for
from domain.actions import has_ended
from domain.application import Application
from domain.case_review import CaseReview
from domain.deadlines import deadlines_for
from domain.ids import application_id, case_file_id, case_review_id
from domain.stage import Stage
from domain.timescales import Deadline


@dataclass(frozen=True)
class Case:
    """A case as it stands: its application and, once opened, its review. Read-only."""

    application: Application
    review: CaseReview | None

    @property
    def reference(self) -> str:
        return self.application.reference

    @property
    def has_ended(self) -> bool:
        return has_ended(self.application, self.review)

    @property
    def stage(self) -> Stage:
        if self.review is not None and not self.application.ended:
            return self.review.stage
        return self.application.stage


class CaseQueries(UseCases):
    def get_case(self, reference: str) -> Case:
        application = self._application(reference)
        review = None
        if application.review_opened:
            review = self.repository.get(case_review_id(application.reference))
        return Case(application, review)

    def deadlines(self, reference: str) -> list[Deadline]:
        return self.deadlines_of(self.get_case(reference))

    def deadlines_of(self, case: Case) -> list[Deadline]:
        """The deadlines of a case already loaded (no second read of the event store)."""
        return deadlines_for(case.application, case.review, self.profile.timescales, self.calendar)

    def history(self, reference: str) -> list[HistoryEntry]:
        """Every event of the case in the order it was recorded."""
        return [entry_for(e) for e in self._events(reference)]

    def _events(self, reference: str) -> list[Any]:
        """The domain events of the case's application and review, in the order they were recorded."""
        reference = normalise_reference(reference)
        self._application(reference)  # not found -> CaseNotFoundError
        events = [*self.events.get(application_id(reference)), *self.events.get(case_review_id(reference)),
                  *self.events.get(case_file_id(reference))]
        return sorted(events, key=lambda e: e.timestamp)
