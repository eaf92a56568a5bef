"""Verifying incidents with the agencies before the threshold decision.

The procedure asks the partnership to confirm the incidents with the agencies they were reported to before it
decides. The officer asks an agency to confirm the incidents reported to it (a request, with a due date); the
agency answers for each incident: it confirms it, disputes it (giving its own reference and why) or holds no
record of it. The records here are the Application's; the rules that use them live on the Application, and
``verifications`` gives each incident's state, as the case page and the decision form show it beside the
threshold assessment's verdicts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import Enum

from domain.periods import long_date
from domain.values import Incident
from domain.words import Worded

PROCEDURE = "the procedure asks the partnership to confirm the incidents with the agencies before deciding"


class VerificationAnswer(Worded):
    """What an agency says about one incident it was asked to confirm."""

    CONFIRMED = "confirmed"
    DISPUTED = "disputed"
    NO_RECORD = "no_record"

    @property
    def label(self) -> str:
        return {VerificationAnswer.CONFIRMED: "confirmed", VerificationAnswer.DISPUTED: "disputed",
                VerificationAnswer.NO_RECORD: "no record held"}[self]


@dataclass(frozen=True)
class VerificationRequest:
    """The officer's request to ``agency`` to confirm the incidents ``numbers`` reported to it."""

    agency: str
    requested_on: date
    due_on: date
    numbers: tuple[int, ...]


@dataclass(frozen=True)
class VerificationAnswerGiven:
    """An agency's answer about incident ``number``."""

    number: int
    agency: str
    answer: VerificationAnswer
    answered_on: date
    agency_reference: str = ""
    reason: str = ""


@dataclass(frozen=True)
class IncidentVerification:
    """Where one incident stands with its agency: not asked yet, asked (``requested_on``), or answered."""

    number: int
    agency: str
    requested_on: date | None = None
    answer: VerificationAnswerGiven | None = None

    @property
    def confirmed(self) -> bool:
        return self.answer is not None and self.answer.answer is VerificationAnswer.CONFIRMED

    @property
    def label(self) -> str:
        """In plain words, for the case page and the decision form."""
        if self.answer is not None:
            given = self.answer
            text = {VerificationAnswer.CONFIRMED: f"confirmed by {self.agency}",
                    VerificationAnswer.DISPUTED: f"disputed by {self.agency}",
                    VerificationAnswer.NO_RECORD: f"{self.agency} holds no record"}[given.answer]
            text += f" on {long_date(given.answered_on)}"
            if given.agency_reference:
                text += f" (their reference {given.agency_reference})"
            return f"{text}: {given.reason}" if given.reason else text
        if self.requested_on is not None:
            return f"awaiting {self.agency} (asked on {long_date(self.requested_on)})"
        return f"not yet asked of {self.agency}"


REQUEST_TYPES: tuple[type, ...] = (VerificationRequest, VerificationAnswerGiven)  # kept in the snapshots
VERIFICATION_ENUMS: tuple[type[Enum], ...] = (VerificationAnswer,)


def verifications(incidents: Iterable[Incident], requests: Iterable[VerificationRequest],
                  answers: Iterable[VerificationAnswerGiven]) -> tuple[IncidentVerification, ...]:
    """Each incident's verification, in the incidents' order."""
    asked = {number: request.requested_on for request in requests for number in request.numbers}
    answered = {given.number: given for given in answers}
    return tuple(IncidentVerification(i.number, i.agency, asked.get(i.number), answered.get(i.number))
                 for i in incidents)


def same_agency(one: str, other: str) -> bool:
    return one.strip().lower() == other.strip().lower()
