"""The CaseFile aggregate: what is kept beside a case's process steps. The deadlines the
scheduler found missed, and every letter produced or sent (which template version, who, when,
by which channel). One per case, so the scheduler's writes never conflict with an officer's
edit of the application or the review."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.dates import not_in_future
from domain.erasure import Erasure, ErasureGround
from domain.errors import AlreadyRecordedError, InvalidDetailsError, OutOfOrderError
from domain.ids import case_file_id
from domain.periods import long_date
from domain.personal import Narrative
from domain.timescales import Deadline, Step
from domain.values import LetterChannel, LetterKind, require_text


@dataclass(frozen=True)
class MissedDeadline:
    step: Step
    subject: str
    label: str
    starts_on: date
    due_on: date
    noticed_on: date


@dataclass(frozen=True)
class LetterRecord:
    letter: LetterKind
    recipient: str  # "applicant" or the agency's name
    template_version: str
    on: date
    actor: str
    channel: LetterChannel | None = None  # None: produced, not (yet) sent


@dataclass(frozen=True)
class CaseNote:
    """A note an officer or manager keeps on the case: who, when, and what (personal data: a ``Narrative``)."""

    written_on: date
    actor: str
    text: Narrative


class CaseFile(Aggregate):
    @staticmethod
    def create_id(reference: str) -> UUID:
        return case_file_id(reference)

    @event("Started")
    def __init__(self, *, reference: str, actor: str) -> None:
        self.reference = reference
        self.missed: list[MissedDeadline] = []
        self.produced: list[LetterRecord] = []
        self.sent: list[LetterRecord] = []
        self.notes: list[CaseNote] = []
        self.erasures: list[Erasure] = []

    # ------------------------------------------------------------------------ deadlines
    def has_recorded_missed(self, deadline: Deadline) -> bool:
        return any((m.step, m.subject, m.due_on) == (deadline.step, deadline.subject, deadline.due_on)
                   for m in self.missed)

    def record_deadline_missed(self, *, deadline: Deadline, actor: str, today: date) -> None:
        """Record that ``deadline`` passed with its step not done. Recorded once per due date."""
        if not deadline.step.is_partnership_target:
            raise OutOfOrderError(
                f"'{deadline.label}' for {self.reference} is the applicant's time, not a target of the "
                "partnership: it cannot be missed."
            )
        if not deadline.is_overdue(today):
            raise OutOfOrderError(
                f"'{deadline.label}' for {self.reference} is due on {long_date(deadline.due_on)}"
                + (" and was met" if deadline.met_on else "")
                + "; a deadline is missed only when its due date has passed with the step not done."
            )
        if self.has_recorded_missed(deadline):
            raise AlreadyRecordedError(
                f"'{deadline.label}' for {self.reference} was already recorded as missed."
            )
        self._record_deadline_missed(step=deadline.step, subject=deadline.subject,
                                     label=deadline.label, starts_on=deadline.starts_on,
                                     due_on=deadline.due_on, noticed_on=today, actor=actor)

    @event("DeadlineMissed")
    def _record_deadline_missed(self, *, step: Step, subject: str, label: str, starts_on: date,
                                due_on: date, noticed_on: date, actor: str) -> None:
        self.missed.append(MissedDeadline(step, subject, label, starts_on, due_on, noticed_on))

    # ---------------------------------------------------------------------------- notes
    def add_note(self, *, text: Narrative, actor: str, today: date) -> None:
        require_text(text.text, "the note")
        self._add_note(text=text, written_on=today, actor=actor)

    @event("NoteAdded")
    def _add_note(self, *, text: Narrative, written_on: date, actor: str) -> None:
        self.notes.append(CaseNote(written_on, actor, text))

    # -------------------------------------------------------------------------- letters
    def record_letter_produced(self, *, letter: LetterKind, recipient: str, template_version: str,
                               actor: str, today: date) -> None:
        require_text(recipient, "who the letter is for")
        require_text(template_version, "the template version")
        self._record_letter_produced(letter=letter, recipient=recipient,
                                     template_version=template_version, produced_on=today,
                                     actor=actor)

    @event("LetterProduced")
    def _record_letter_produced(self, *, letter: LetterKind, recipient: str, template_version: str,
                                produced_on: date, actor: str) -> None:
        self.produced.append(LetterRecord(letter, recipient, template_version, produced_on, actor))

    def record_letter_sent(self, *, letter: LetterKind, recipient: str, template_version: str,
                           channel: LetterChannel, sent_on: date, actor: str, today: date) -> None:
        require_text(recipient, "who the letter is for")
        require_text(template_version, "the template version")
        not_in_future(sent_on, today, "date the letter was sent")
        self._record_letter_sent(letter=letter, recipient=recipient, template_version=template_version,
                                 channel=channel, sent_on=sent_on, actor=actor)

    @event("LetterSent")
    def _record_letter_sent(self, *, letter: LetterKind, recipient: str, template_version: str,
                            channel: LetterChannel, sent_on: date, actor: str) -> None:
        self.sent.append(LetterRecord(letter, recipient, template_version, sent_on, actor, channel))

    # -------------------------------------------------------------------------- erasure
    @property
    def erased_subjects(self) -> frozenset[str]:
        return frozenset(s for e in self.erasures for s in e.subjects)

    def record_erasure(self, *, subjects: tuple[str, ...], ground: ErasureGround, whole_case: bool, actor: str,
                       today: date) -> None:
        """Record that the personal data of ``subjects`` was erased (their keys deleted). Each subject once."""
        if not subjects:
            raise InvalidDetailsError("Choose whose personal data to erase.")
        if not isinstance(ground, ErasureGround):
            raise InvalidDetailsError("Choose the ground for the erasure.")
        already = [s for s in subjects if s in self.erased_subjects]
        if already and len(already) == len(subjects):
            raise AlreadyRecordedError(f"The personal data asked for on {self.reference} was already erased.")
        self._record_erasure(subjects=tuple(s for s in subjects if s not in already), ground=ground,
                             whole_case=whole_case, erased_on=today, actor=actor)

    @event("PersonalDataErased")
    def _record_erasure(self, *, subjects: tuple[str, ...], ground: ErasureGround, whole_case: bool,
                        erased_on: date, actor: str) -> None:
        self.erasures.append(Erasure(tuple(subjects), ground, erased_on, actor, whole_case))
