"""Use cases on a case's file: recording the deadlines that passed with their step not done.
(Letters are produced and sent through ``application.letters``, which records them here too.)"""

from __future__ import annotations

from eventsourcing.application import AggregateNotFoundError

from application.core import Recorded
from application.queries import CaseQueries
from domain.case_file import CaseFile, CaseNote, MissedDeadline
from domain.ids import case_file_id

SCHEDULER = "system:scheduler"


class CaseFileUseCases(CaseQueries):
    def _case_file(self, reference: str, actor: str) -> CaseFile:
        """The case's file, started (not yet saved) the first time something is kept in it."""
        try:
            case_file = self.repository.get(case_file_id(reference))
        except AggregateNotFoundError:
            return CaseFile(reference=reference, actor=self._actor(actor))
        assert isinstance(case_file, CaseFile)
        return case_file

    def record_missed_deadlines(self, reference: str, *, actor: str = SCHEDULER) -> list[MissedDeadline]:
        """Record every deadline of the case whose due date has passed with its step not done, once
        per due date. Returns what it recorded (nothing when there is nothing new)."""
        case = self.get_case(reference)
        case_file = self._case_file(case.reference, actor)
        already = len(case_file.missed)
        for deadline in self.deadlines_of(case):
            if deadline.counts_as_missed(self.today()) and not case_file.has_recorded_missed(deadline):
                case_file.record_deadline_missed(deadline=deadline, **self._kwargs(actor))
        if len(case_file.missed) > already:
            self._save(case.reference, case_file)
        return case_file.missed[already:]

    def add_note(self, reference: str, *, text: str, actor: str) -> Recorded:
        """Keep a note on the case (who and when are recorded with it); allowed at any stage, closed too."""
        case = self.get_case(reference)
        case_file = self._case_file(case.reference, actor)
        case_file.add_note(text=self._narrative(case.application, text), **self._kwargs(actor))
        return self._save(case.reference, case_file)

    def notes(self, reference: str) -> list[CaseNote]:
        case = self.get_case(reference)
        try:
            case_file = self.repository.get(case_file_id(case.reference))
        except AggregateNotFoundError:
            return []
        return list(case_file.notes)

    def missed_deadlines(self, reference: str) -> list[MissedDeadline]:
        case = self.get_case(reference)
        try:
            case_file = self.repository.get(case_file_id(case.reference))
        except AggregateNotFoundError:
            return []
        return list(case_file.missed)


__all__ = ["SCHEDULER", "CaseFileUseCases", "Recorded"]
