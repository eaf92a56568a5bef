"""Queries read from the event store: a case as it stands, its deadlines, its history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from application.case_papers import CasePapers, papers_of
from application.core import UseCases, normalise_reference
from application.errors import CaseNotFoundError
from application.history import HistoryEntry, entry_for
from domain.actions import has_ended
from domain.application import Application
from domain.case_file import CaseFile
from domain.case_review import CaseReview
from domain.deadlines import deadlines_for
from domain.ids import application_id, case_file_id, case_review_id
from domain.stage import Stage
from domain.threshold import ThresholdAssessment
from domain.timescales import Deadline
from infrastructure.case_text import case_subject


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


@dataclass(frozen=True)
class CaseRead:
    """Everything one read of a case's events gives: the case, its case file (None until something is kept in
    it), its history and its papers."""

    case: Case
    case_file: CaseFile | None
    history: list[HistoryEntry]
    papers: CasePapers


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

    def case_with_history(self, reference: str) -> tuple[Case, list[HistoryEntry]]:
        """The case as it stands and its history, from one read of its events (the case page shows both)."""
        found = self.case_page(reference)
        return found.case, found.history

    def case_page(self, reference: str) -> CaseRead:
        """The case, its case file, its history and its papers (panel members, agency summaries, impact
        statement), from one read of its events."""
        return self.read_of(self._events(reference))

    @staticmethod
    def read_of(events: list[Any]) -> CaseRead:
        """The case, its case file, its history and its papers, from the case's ``events`` (``events_of``)."""
        application, review, case_file = None, None, None
        for event in events:
            record = type(event).__qualname__.partition(".")[0]
            if record == Application.__name__:
                application = event.mutate(application)
            elif record == CaseReview.__name__:
                review = event.mutate(review)
            elif record == CaseFile.__name__:
                case_file = event.mutate(case_file)
        assert isinstance(application, Application)
        return CaseRead(Case(application, review), case_file, [entry_for(e) for e in events], papers_of(events))

    def assessment_of(self, case: Case) -> ThresholdAssessment:
        """The threshold assessment of a case already loaded, under the partnership's current policy."""
        return case.application.assess_threshold(self.profile.threshold)

    def events_of(self, reference: str) -> list[Any]:
        """The domain events of the case, in the order they were recorded (for queries that read what the
        events say and the aggregates do not keep)."""
        return self._events(reference)

    def _events(self, reference: str) -> list[Any]:
        """The domain events of the case's application, review and file, in the order they were recorded (read
        in one query)."""
        reference = normalise_reference(reference)
        application = application_id(reference)
        ids = [application, case_review_id(reference), case_file_id(reference)]
        stored = self.recorder.select_events_of(ids)
        if not stored or stored[0].originator_id != application:
            raise CaseNotFoundError(reference)
        self.core.keys.read_ahead(case_subject(i) for i in {event.originator_id for event in stored})
        to_domain_event = self.core.mapper.to_domain_event
        return sorted((to_domain_event(event) for event in stored), key=lambda e: e.timestamp)
