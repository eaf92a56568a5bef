"""Use cases of the letters: which a case has reached, rendering one as printable HTML, and recording
that it was produced or sent (who, when, which template version, by which channel) in the case file.

A letter that is itself a step of the process (the acknowledgement, the threshold decision letter,
the outcome letter, the rejection letter) records that step when it is sent, in the same save as the letter."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date

from eventsourcing.domain import Aggregate

from application.archive import escalation_reason
from application.case_file import CaseFileUseCases
from application.core import Recorded
from application.letter_content import LetterFacts, letter_context
from application.letter_layout import layout_source, render_letter
from application.letter_wording import COMMON_KEYS
from application.profile import letter_wording
from application.queries import Case
from domain.deadlines import deadlines_for
from domain.letters import APPLICANT, AvailableLetter, letters_reached, require_letter
from domain.profile import LetterWording
from domain.values import LetterChannel, LetterKind


@dataclass(frozen=True)
class RenderedLetter:
    kind: LetterKind
    recipient: str  # "applicant" or the agency's name
    title: str
    template_version: str
    html: str


@dataclass(frozen=True)
class ProducedLetter:
    letter: RenderedLetter
    recorded: Recorded


class LetterUseCases(CaseFileUseCases):
    def letters_available(self, reference: str) -> list[AvailableLetter]:
        """The letters the case has reached, each with its recipient and title."""
        case = self.get_case(reference)
        return letters_reached(case.application, case.review)

    def render_letter(self, reference: str, kind: LetterKind, recipient: str = APPLICANT) -> RenderedLetter:
        """The letter as printable HTML, dated today; records nothing."""
        return self._render(self.get_case(reference), kind, recipient)

    def template_version(self, kind: LetterKind) -> str:
        """A short hash of the layout and the profile's wording of ``kind`` letters: new wording, new version."""
        wording = self._wording()
        source = json.dumps({"layout": layout_source(kind), "texts": dict(wording.texts[kind.value]),
                             **{key: getattr(wording, key) for key in COMMON_KEYS}}, sort_keys=True)
        return hashlib.sha256(source.encode("utf-8")).hexdigest()[:12]

    def produce_letter(
        self, reference: str, kind: LetterKind, recipient: str = APPLICANT, *, actor: str
    ) -> ProducedLetter:
        """Render the letter and record who produced it, when, and from which template version."""
        case = self.get_case(reference)
        letter = self._render(case, kind, recipient)
        case_file = self._case_file(case.reference, actor)
        case_file.record_letter_produced(letter=kind, recipient=letter.recipient,
                                         template_version=letter.template_version, **self._kwargs(actor))
        return ProducedLetter(letter, self._save(case.reference, case_file))

    def send_letter(
        self, reference: str, kind: LetterKind, recipient: str = APPLICANT, *, channel: LetterChannel,
        sent_on: date, actor: str,
    ) -> Recorded:
        """Record that the letter was sent, and the process step it is when that is not yet recorded."""
        case = self.get_case(reference)
        letter = self._render(case, kind, recipient)
        steps = self._send_step(case, kind, channel, sent_on, actor)
        case_file = self._case_file(case.reference, actor)
        case_file.record_letter_sent(letter=kind, recipient=letter.recipient,
                                     template_version=letter.template_version, channel=channel,
                                     sent_on=sent_on, **self._kwargs(actor))
        return self._save(case.reference, *steps, case_file)

    def _send_step(self, case: Case, kind: LetterKind, channel: LetterChannel, sent_on: date,
                   actor: str) -> list[Aggregate]:
        """The aggregates changed by the step that sending a ``kind`` letter is (refused if already done)."""
        application, review, kwargs = case.application, case.review, self._kwargs(actor)
        if kind is LetterKind.ACKNOWLEDGEMENT:
            application.acknowledge(acknowledged_on=sent_on, **kwargs)
            return [application]
        if kind is LetterKind.THRESHOLD_DECISION:
            application.send_decision_letter(sent_on=sent_on, channel=channel, **kwargs)
            return [application]
        if kind is LetterKind.OUTCOME and review is not None:
            review.send_outcome_letter(sent_on=sent_on, channel=channel, **kwargs)
            return [review]
        if kind is LetterKind.REJECTION:  # the window to challenge the rejection runs from it
            application.send_rejection_letter(sent_on=sent_on, channel=channel, **kwargs)
            return [application]
        return []

    def _render(self, case: Case, kind: LetterKind, recipient: str) -> RenderedLetter:
        available = require_letter(case.application, case.review, kind, recipient)
        deadlines = deadlines_for(case.application, case.review, self.profile.timescales, self.calendar)
        reason = escalation_reason(self._events(case.reference)) if kind is LetterKind.APPEAL_OUTCOME else ""
        facts = LetterFacts(self.profile, self._wording(), deadlines, self.today(), self.calendar, reason)
        html = render_letter(kind, letter_context(case, kind, available.recipient, facts))
        return RenderedLetter(kind, available.recipient, available.title, self.template_version(kind), html)

    def _wording(self) -> LetterWording:
        """The profile's wording; the default wording for a profile made without any."""
        wording = self.profile.letters
        return wording if wording.texts else letter_wording({})


__all__ = ["APPLICANT", "AvailableLetter", "LetterUseCases", "ProducedLetter", "RenderedLetter"]
