"""Use cases of the letters: which a case has reached, rendering one as printable HTML, and recording
that it was produced or sent (who, when, which template version, by which channel) in the case file.

A letter that is itself a step of the process (the acknowledgement, the threshold decision letter,
the outcome letter, the rejection letter) records that step when it is sent, in the same save as the letter."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate

from application.archive import ESCALATION_DECISIONS, escalation_reason, replay
from application.case_file import CaseFileUseCases
from application.core import Recorded
from application.letter_content import LetterFacts, letter_context
from application.letter_layout import layout_source, render_letter
from application.letter_wording import COMMON_KEYS
from application.profile import letter_wording
from application.queries import Case
from domain.case_file import CaseFile
from domain.deadlines import deadlines_for
from domain.errors import CaseRuleError
from domain.ids import case_file_id
from domain.letters import APPLICANT, TITLES, AvailableLetter, letters_reached, require_letter, sent_as_step_on
from domain.periods import long_date
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
class SentLetter:
    """A letter as it was sent (see ``LetterUseCases.letters_as_sent``)."""

    kind: LetterKind
    recipient: str
    sent_on: date
    channel: LetterChannel
    template_version: str  # the wording's version when it was sent
    wording_changed: bool  # today's wording is another version: the text shown is today's wording
    html: str  # the whole letter document ("" if it cannot be rendered again)

    @property
    def title(self) -> str:
        return TITLES[self.kind].format(agency=self.recipient)

    @property
    def body(self) -> str:
        """The letter's body (inside ``<body>``), to show within another document."""
        found = re.search(r"<body[^>]*>(.*)</body>", self.html, re.DOTALL)
        return found.group(1) if found else ""


@dataclass(frozen=True)
class LetterStatus:
    """Where a letter is: produced (the last time), sent (when and how), or neither yet."""

    produced_on: date | None = None
    sent_on: date | None = None
    channel: LetterChannel | None = None

    @property
    def text(self) -> str:
        if self.sent_on:
            how = f" by {self.channel.value}" if self.channel else ""
            return f"Sent{how} on {long_date(self.sent_on)}"
        if self.produced_on:
            return f"Produced on {long_date(self.produced_on)}, not yet recorded as sent"
        return "Not produced yet"


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

    def letter_statuses(self, reference: str) -> dict[tuple[LetterKind, str], LetterStatus]:
        """Each letter the case has reached, by (kind, recipient): when it was last produced and when it was sent
        (from the case file, or from the step the letter is when that was recorded by another route)."""
        case = self.get_case(reference)
        try:
            case_file = self.repository.get(case_file_id(case.reference))
        except AggregateNotFoundError:
            case_file = None
        return self.letter_statuses_of(case, case_file)

    def letter_statuses_of(self, case: Case, case_file: CaseFile | None
                           ) -> dict[tuple[LetterKind, str], LetterStatus]:
        """The letter statuses of a case and its case file already read (no second read of the event store)."""
        produced, sent = (case_file.produced, case_file.sent) if case_file is not None else ([], [])
        statuses = {}
        for letter in letters_reached(case.application, case.review):
            key = (letter.kind, letter.recipient)
            made = [r.on for r in produced if (r.letter, r.recipient) == key]
            went = [r for r in sent if (r.letter, r.recipient) == key]
            step_on = sent_as_step_on(letter.kind, case.application, case.review)
            statuses[key] = LetterStatus(
                max(made) if made else None, went[-1].on if went else step_on, went[-1].channel if went else None)
        return statuses

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

    def letters_as_sent(self, reference: str) -> list[SentLetter]:
        """Each letter recorded as sent, as it read then (``letters_sent_in``)."""
        return self.letters_sent_in(self._events(reference))

    def letters_sent_in(self, events: list[Any]) -> list[SentLetter]:
        """Each letter among a case's ``events`` recorded as sent, as it read then: rendered from the case as it
        stood when it was recorded (one replay of the case), dated the day it was sent, with the wording of
        today's profile (``wording_changed`` when that is not the version it was sent with)."""
        found, reason = [], ""
        for event, application, review in replay(events):
            if type(event).__name__ in ESCALATION_DECISIONS:
                reason = str(getattr(event, "reason", ""))  # the latest decision's, as escalation_reason reads it
            if type(event).__qualname__ != "CaseFile.LetterSent":
                continue
            assert application is not None
            try:
                letter = self._render(Case(application, review), event.letter, event.recipient, event.sent_on,
                                      reason)
            except CaseRuleError:  # a letter the case no longer reaches as replayed: listed without its text
                found.append(SentLetter(event.letter, event.recipient, event.sent_on, event.channel,
                                        event.template_version, True, ""))
                continue
            found.append(SentLetter(event.letter, event.recipient, event.sent_on, event.channel,
                                    event.template_version, letter.template_version != event.template_version,
                                    letter.html))
        return found

    def _render(self, case: Case, kind: LetterKind, recipient: str, letter_date: date | None = None,
                reason: str | None = None) -> RenderedLetter:
        """The letter from ``case``; an appeal's outcome gives ``reason``, or the latest recorded if None."""
        available = require_letter(case.application, case.review, kind, recipient)
        deadlines = deadlines_for(case.application, case.review, self.profile.timescales, self.calendar)
        if kind is not LetterKind.APPEAL_OUTCOME:
            reason = ""
        elif reason is None:
            reason = escalation_reason(self._events(case.reference))
        facts = LetterFacts(self.profile, self._wording(), deadlines, letter_date or self.today(), self.calendar,
                            reason)
        html = render_letter(kind, letter_context(case, kind, available.recipient, facts))
        return RenderedLetter(kind, available.recipient, available.title, self.template_version(kind), html)

    def _wording(self) -> LetterWording:
        """The profile's wording; the default wording for a profile made without any."""
        wording = self.profile.letters
        return wording if wording.texts else letter_wording({})


__all__ = ["APPLICANT", "AvailableLetter", "LetterStatus", "LetterUseCases", "ProducedLetter", "RenderedLetter",
           "SentLetter"]
