"""Replaying a case as it was: its state as at any event or moment, and what each decision-maker
had in front of them when they decided. Read from the event store itself."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from application.core import A, normalise_reference
from application.errors import BackOfficeError
from application.history import HistoryEntry, entry_for
from application.kept import kept
from application.queries import Case, CaseQueries
from domain.application import Application
from domain.case_review import CaseReview
from domain.threshold import ThresholdAssessment, ThresholdPolicy

DECISIONS = {
    "ThresholdMet": "Threshold met",
    "ThresholdMetByDiscretion": "Threshold met by discretion",
    "ThresholdNotMet": "Threshold not met",
    "AppealUpheld": "Appeal upheld",
    "AppealDismissed": "Appeal dismissed",
    "RecommendationIssued": "Recommendation issued",
    "SecondaryReviewConcluded": "Secondary review concluded",
    "Rejected": "Application rejected",
    "ChallengeUpheld": "Challenge to the rejection upheld",
    "ChallengeDismissed": "Challenge to the rejection dismissed",
}
# The decisions of an escalation body (``docs/ROUTES.md``), whose reasons its outcome letter gives.
ESCALATION_DECISIONS = ("AppealUpheld", "AppealDismissed", "ChallengeUpheld", "ChallengeDismissed")
# Changes to the incidents after they were logged, in words (the decision reconstruction and the pack list them).
CORRECTIONS = {"IncidentCorrected": "Incident corrected", "IncidentStruckOut": "Incident struck out"}


class NotYetRecordedError(BackOfficeError):
    """The case did not exist yet at the moment asked for."""


@dataclass(frozen=True)
class Decision:
    """A decision, with what the decision-maker had in front of them at that moment."""

    kind: str
    entry: HistoryEntry  # who, when, the details and the reason recorded
    before: Case  # the case just before the decision
    policy: ThresholdPolicy | None  # the threshold policy in force, for threshold decisions
    assessment: ThresholdAssessment | None  # the per-incident verdicts it produced
    corrections: tuple[HistoryEntry, ...] = ()  # the incidents corrected or struck out before it


class CaseArchive(CaseQueries):
    def case_as_at(self, reference: str, moment: datetime) -> Case:
        """The case as it stood at ``moment`` (timezone-aware)."""
        return self._case_after(reference, [e for e in self._events(reference) if e.timestamp <= moment],
                                f"at {moment:%Y-%m-%d %H:%M:%S %Z}")

    def case_as_at_event(self, reference: str, number: int) -> Case:
        """The case just after the ``number``-th event of its history (1 is its receipt)."""
        events = self._events(reference)
        if not 1 <= number <= len(events):
            raise BackOfficeError(f"{normalise_reference(reference)} has events 1 to {len(events)}; "
                                  f"there is no event {number}.")
        return self._case_after(reference, events[:number], f"after event {number}")

    def _case_after(self, reference: str, events: list[Any], when: str) -> Case:
        """The case replayed from ``events`` themselves (never from a snapshot, which is only a cache)."""
        application = _replayed(events, Application)
        if application is None:
            raise NotYetRecordedError(f"{normalise_reference(reference)} had no events recorded yet {when} "
                                      "(times are when events were recorded, in UTC).")
        return Case(application, _replayed(events, CaseReview))

    def decisions(self, reference: str) -> list[Decision]:
        """Every decision in the case, each with the case as it stood just before it."""
        return decisions_in(self._events(reference))


def decisions_in(events: list[Any]) -> list[Decision]:
    """Every decision among a case's ``events``, each with the case as it stood just before it: the case is
    replayed once, in order, and the state before each decision is kept as it stood (``kept``) as the replay
    passes it."""
    found, corrections = [], []
    for event, application, review in replay(events):
        name = type(event).__name__
        if name in DECISIONS:
            if application is None:
                raise NotYetRecordedError("The case had no application recorded yet before its first decision.")
            found.append(Decision(DECISIONS[name], entry_for(event), Case(kept(application), kept(review)),
                                  getattr(event, "policy", None), getattr(event, "assessment", None),
                                  tuple(corrections)))
        if name in CORRECTIONS:
            corrections.append(entry_for(event))
    return found


def replay(events: list[Any]) -> Iterator[tuple[Any, Application | None, CaseReview | None]]:
    """Each of a case's ``events`` (in the order recorded) with its application and review as they stood just
    before it. The aggregates are the replay's own, changed as it passes on: ``kept`` keeps one as it stands."""
    application: Application | None = None
    review: CaseReview | None = None
    for event in events:
        yield event, application, review
        record = type(event).__qualname__.partition(".")[0]
        if record == Application.__name__:
            application = event.mutate(application)
        elif record == CaseReview.__name__:
            review = event.mutate(review)


def escalation_reason(events: list[Any]) -> str:
    """The reasons recorded with the latest decision on an appeal or a challenge ("" if none)."""
    found = [e for e in events if type(e).__name__ in ESCALATION_DECISIONS]
    return str(getattr(found[-1], "reason", "")) if found else ""


def _replayed(events: list[Any], kind: type[A]) -> A | None:
    """The ``kind`` aggregate after ``events`` (those of other aggregates are passed over)."""
    aggregate = None
    mine = (e for e in events if type(e).__qualname__.startswith(kind.__name__ + "."))
    for event in sorted(mine, key=lambda e: e.originator_version):
        aggregate = event.mutate(aggregate)
    assert aggregate is None or isinstance(aggregate, kind)
    return aggregate
