"""The Application aggregate: one Community Trigger application, from receipt to the threshold
decision, the decision letter and any appeal against a "not met" decision."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import Enum
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain import plurals
from domain.dates import done_first, not_already, not_before, not_in_future
from domain.errors import (
    AlreadyRecordedError,
    AppealNotAllowedError,
    CaseClosedError,
    CaseLimitReachedError,
    ConsentRequiredError,
    ConsentWithdrawnError,
    IncidentReportedBeforeItHappenedError,
    InvalidDetailsError,
    NotAcknowledgedError,
    OutOfOrderError,
    ThresholdAlreadyDecidedError,
    ThresholdDecisionContradictsAssessmentError,
    ThresholdNotYetMetError,
    UnknownItemError,
    UnverifiedIncidentsError,
)
from domain.ids import application_id
from domain.periods import long_date
from domain.personal import Narrative, Person
from domain.profile import CaseLimits
from domain.rectification import correct_person, with_person
from domain.stage import Stage
from domain.text import check_text
from domain.threshold import ThresholdAssessment, ThresholdPolicy, assess
from domain.upcasting import fields_added
from domain.values import (
    Applicant,
    Channel,
    ConsentKind,
    DiscretionGround,
    Incident,
    LetterChannel,
    Problem,
    RejectionGround,
    require_agency,
    require_text,
)
from domain.verification import (
    PROCEDURE,
    IncidentVerification,
    VerificationAnswer,
    VerificationAnswerGiven,
    VerificationRequest,
    same_agency,
    verifications,
)
from domain.victims import ConsentMethod, ConsentRecord
from domain.words import Worded

SHIPPED_LIMITS = CaseLimits()


class ThresholdDecision(Worded):
    MET = "met"
    MET_BY_DISCRETION = "met_by_discretion"
    NOT_MET = "not_met"

    @property
    def is_met(self) -> bool:
        return self is not ThresholdDecision.NOT_MET

    @property
    def label(self) -> str:
        return f"threshold {self.verdict}"

    @property
    def verdict(self) -> str:
        """The decision in a word or three: "met", "met by discretion", "not met"."""
        return {ThresholdDecision.MET: "met", ThresholdDecision.MET_BY_DISCRETION: "met by discretion",
                ThresholdDecision.NOT_MET: "not met"}[self]


class AppealOutcome(Worded):
    UPHELD = "upheld"
    DISMISSED = "dismissed"

    @property
    def label(self) -> str:
        return self.stage.label

    @property
    def stage(self) -> Stage:
        return {AppealOutcome.UPHELD: Stage.APPEAL_UPHELD, AppealOutcome.DISMISSED: Stage.APPEAL_DISMISSED}[self]


class Ending(Worded):
    """How an application ended without (or after) a case review: each is also the case's last stage."""

    WITHDRAWN = "withdrawn"
    REJECTED = "rejected"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return self.stage.label

    @property
    def stage(self) -> Stage:
        return {Ending.WITHDRAWN: Stage.WITHDRAWN, Ending.REJECTED: Stage.REJECTED, Ending.CLOSED: Stage.CLOSED}[self]

    @property
    def is_early(self) -> bool:
        """Withdrawn or rejected: the case ended before the process ran its course."""
        return self is not Ending.CLOSED


APPLICATION_ENUMS: tuple[type[Enum], ...] = (ThresholdDecision, AppealOutcome, Ending)


@dataclass(frozen=True)
class IncidentLog:
    """An application's incidents as one value, as its snapshots keep them (stored compactly: a long case's
    snapshot is mostly its incidents)."""

    incidents: tuple[Incident, ...]


def stored_victim(kind: ConsentKind, victim: int | None, on_behalf_of_victim: bool) -> int:
    """Whose a consent is; one stored before victims were numbered (None, or -1) is the victim's (the first) on an
    application made on a victim's behalf, else the applicant's own consent to share."""
    if victim is not None and victim >= 0:
        return victim
    return 1 if kind is ConsentKind.VICTIM_CONSENT or on_behalf_of_victim else 0


def consents_in_force(records: list[ConsentRecord]) -> dict[ConsentKind, date]:
    """Each kind someone's consent is in force for, with the first date such a consent was given."""
    kinds: dict[ConsentKind, date] = {}
    for record in sorted((r for r in records if r.in_force), key=lambda r: r.given_on):
        kinds.setdefault(record.kind, record.given_on)  # type: ignore[arg-type]
    return kinds


def withdrawn(records: list[ConsentRecord], kind: ConsentKind, victim: int, on: date,
              how: ConsentMethod | None) -> list[ConsentRecord]:
    """The records with the consent in force of ``kind`` from ``victim`` marked withdrawn ``on``."""
    return [replace(r, withdrawn_on=on, withdrawn_how=how) if r.kind is kind and r.victim == victim and r.in_force
            else r for r in records]


class Application(Aggregate):
    class_version = 6  # 2: the decision, the appeal outcome and the ending are enums (were their values)
    # 3: the incidents' verification with the agencies; 4: the rejection letter and its challenge;
    # 5: each person's consent (consent_records); 6: the application passed to the relevant bodies

    @staticmethod
    def create_id(reference: str) -> UUID:
        return application_id(reference)

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """A snapshot stored before the states were enums holds their values (text): map them onto the enums."""
        for name, enum in (("decision", ThresholdDecision), ("appeal_outcome", AppealOutcome), ("ended", Ending)):
            if state.get(name) is not None:
                state[name] = enum(state[name])

    @staticmethod
    def upcast_v2_v3(state: dict[str, Any]) -> None:
        """A snapshot stored before incidents were verified with the agencies: none was asked yet."""
        state.setdefault("verification_requests", [])
        state.setdefault("verification_answers", [])
        state.setdefault("unverified_reason", "")

    @staticmethod
    def upcast_v3_v4(state: dict[str, Any]) -> None:
        """A snapshot stored before a rejection could be challenged: no rejection letter, no challenge."""
        for name in ("rejection_letter_sent_on", "challenge_lodged_on", "challenge_outcome", "challenge_decided_on"):
            state.setdefault(name, None)

    @staticmethod
    def upcast_v4_v5(state: dict[str, Any]) -> None:
        """A snapshot stored before each person's consent was kept holds only the consents in force, not the
        withdrawals: ``consent_records`` None says so, and the repository folds the aggregate from its events."""
        state.setdefault("consent_records", None)

    @staticmethod
    def upcast_v5_v6(state: dict[str, Any]) -> None:
        """A snapshot stored before passing the application on was recorded: not recorded yet."""
        state.setdefault("passed_to_bodies_on", None)
        state.setdefault("passed_to_bodies", [])

    class Snapshot(Aggregate.Snapshot):
        """The application as it stood at one version, so that a long case loads without replaying every
        event. Stored keys are text, so the consents (keyed by their kind) are kept as (kind, date) pairs;
        the incidents are kept as one ``IncidentLog``."""

        @classmethod
        def take(cls, aggregate: Any) -> Application.Snapshot:
            snapshot = super().take(aggregate)
            snapshot.state["consents"] = [[kind, on] for kind, on in snapshot.state["consents"].items()]
            snapshot.state["incidents"] = IncidentLog(tuple(snapshot.state["incidents"]))
            return snapshot

        def mutate(self, _: None) -> Application:
            application = super().mutate(_)
            assert isinstance(application, Application)
            application.consents = {kind: on for kind, on in application.consents}  # type: ignore[misc]
            application.incidents = list(application.incidents.incidents)  # type: ignore[attr-defined]
            return application

    # ----------------------------------------------------------------------------- receipt
    @classmethod
    def receive(
        cls,
        *,
        reference: str,
        channel: Channel,
        received_on: date,
        applicant: Applicant,
        problem: Problem,
        actor: str,
        today: date,
    ) -> Application:
        not_in_future(received_on, today, "date the application was received")
        for person in (applicant.person, *applicant.victims):
            if person.date_of_birth is not None:
                not_in_future(person.date_of_birth, today, "date of birth")
        return cls(
            reference=reference,
            channel=channel,
            received_on=received_on,
            applicant=applicant,
            problem=problem,
            actor=actor,
        )

    @event("Received")
    def __init__(
        self,
        *,
        reference: str,
        channel: Channel,
        received_on: date,
        applicant: Applicant,
        problem: Problem,
        actor: str,
    ) -> None:
        self.reference = reference
        self.channel = channel
        self.received_on = received_on
        self.applicant = applicant
        self.problem = problem
        self.incidents: list[Incident] = []
        self.consents: dict[ConsentKind, date] = {}  # the kinds in force, each with the first date it was given
        self.consent_records: list[ConsentRecord] = []  # every consent, whose it is, how given, and any withdrawal
        self.acknowledged_on: date | None = None
        self.passed_to_bodies_on: date | None = None  # s.104(3)(b): the application passed to the relevant bodies
        self.passed_to_bodies: list[str] = []  # the bodies it was passed to, as the profile named them
        self.decision: ThresholdDecision | None = None
        self.decided_on: date | None = None
        self.decision_reason = ""  # the reason recorded with the decision, as the letter gives it
        self.alternative_action = ""  # what will be done instead, when the threshold is not met
        self.assessment: ThresholdAssessment | None = None
        self.policy: ThresholdPolicy | None = None
        self.decision_letter_sent_on: date | None = None
        self.appeal_lodged_on: date | None = None
        self.appeal_outcome: AppealOutcome | None = None
        self.appeal_decided_on: date | None = None
        self.ended: Ending | None = None
        self.ended_on: date | None = None
        self.ending_reason = ""
        self.rejection_ground: RejectionGround | None = None
        self.rejection_letter_sent_on: date | None = None  # the challenge window runs from it
        self.challenge_lodged_on: date | None = None  # the applicant's challenge to the rejection
        self.challenge_outcome: AppealOutcome | None = None
        self.challenge_decided_on: date | None = None
        self.review_opened = False
        self.officer = "" if actor == "public" else actor  # the officer handling the case
        self.verification_requests: list[VerificationRequest] = []
        self.verification_answers: list[VerificationAnswerGiven] = []
        self.unverified_reason = ""  # why the threshold was decided with incidents still unverified

    @property
    def on_behalf_of_victim(self) -> bool:
        return self.applicant.on_behalf_of_victim

    @property
    def threshold_met(self) -> bool:
        return (self.decision is not None and self.decision.is_met) or self.appeal_outcome is AppealOutcome.UPHELD

    @property
    def stage(self) -> Stage:
        if self.challenge_pending:
            return Stage.REJECTION_CHALLENGED
        if self.ended:
            return self.ended.stage
        if self.review_opened:
            return Stage.REFERRED_TO_REVIEW
        if self.appeal_outcome:
            return self.appeal_outcome.stage
        if self.appeal_lodged_on:
            return Stage.APPEAL_LODGED
        if self.decision is ThresholdDecision.NOT_MET:
            return Stage.THRESHOLD_NOT_MET
        if self.acknowledged_on:
            return Stage.ACKNOWLEDGED
        return Stage.RECEIVED

    @property
    def was_rejected(self) -> bool:
        """Whether the application was rejected, for the statistics' count of rejections: still true when a
        challenge set the rejection aside, as a "not met" decision counts even when an appeal overturned it."""
        return self.rejection_ground is not None

    @property
    def challenge_pending(self) -> bool:
        """A rejection challenged and not yet decided: the case is open again while the body considers it."""
        return self.ended is Ending.REJECTED and self.challenge_lodged_on is not None and self.challenge_outcome is None

    # ---------------------------------------------------------------------------- guards
    def _require_open(self) -> None:
        if self.ended:
            raise CaseClosedError(
                f"Application {self.reference} was {self.ended.label} on {long_date(self.ended_on)}; "
                "no further steps can be recorded on it."
            )

    def _require_undecided(self, advice: str) -> None:
        if self.decision:
            raise ThresholdAlreadyDecidedError(
                f"The threshold for {self.reference} was already decided on "
                f"{long_date(self.decided_on)} ({self.decision.verdict}); {advice}"
            )

    def require_threshold_met(self, step: str) -> None:
        """Called before any case-review step: a review exists only after the threshold is met."""
        if not self.threshold_met:
            raise ThresholdNotYetMetError(
                f"{step[0].upper()}{step[1:]} can only happen once the threshold is met; "
                f"{self.reference} is at stage '{self.stage.label}'. Record the threshold decision "
                "first."
            )

    def check_can_assign_officer(self) -> None:
        self._require_open()

    def assign_officer(self, *, officer: str, actor: str) -> None:
        self.check_can_assign_officer()
        require_text(officer, "the officer to assign")
        check_text(officer, "the officer to assign")
        if officer.strip() == self.officer:
            raise AlreadyRecordedError(f"{self.reference} is already assigned to {self.officer}.")
        self._assign_officer(officer=officer.strip(), actor=actor)

    @event("OfficerAssigned")
    def _assign_officer(self, *, officer: str, actor: str) -> None:
        self.officer = officer

    # ---------------------------------------------------------------------------- incidents
    def log_incident(
        self,
        *,
        happened_on: date,
        reported_on: date,
        agency: str,
        actor: str,
        today: date,
        reported_to: str = "",
        agency_reference: str = "",
        reported_by: str = "applicant",
        hate_related: bool = False,
        informal: bool = False,
        duplicate_of: int | None = None,
        description: Narrative | None = None,
        limits: CaseLimits = SHIPPED_LIMITS,
    ) -> Incident:
        """``limits``: the partnership's (its profile's ``[limits]``); the default is the shipped profile's."""
        self.check_can_log_incident(limits)
        not_in_future(happened_on, today, "date the incident happened")
        not_in_future(reported_on, today, "date the incident was reported")
        if reported_on < happened_on:
            raise IncidentReportedBeforeItHappenedError(
                f"The incident is recorded as reported on {long_date(reported_on)}, before it "
                f"happened on {long_date(happened_on)}; check both dates."
            )
        if duplicate_of is not None:
            self._check_same_incident(self._incident(duplicate_of), happened_on, agency)
        incident = Incident(
            number=len(self.incidents) + 1,
            happened_on=happened_on,
            reported_on=reported_on,
            agency=agency.strip(),
            reported_to=reported_to,
            agency_reference=agency_reference,
            reported_by=reported_by,
            hate_related=hate_related,
            informal=informal,
            duplicate_of=duplicate_of,
            description=description,
        )
        self._log_incident(incident=incident, actor=actor)
        return incident

    def check_can_log_incident(self, limits: CaseLimits = SHIPPED_LIMITS) -> None:
        self._require_open()
        self._require_undecided("new evidence belongs in an appeal or a new application.")
        if len(self.incidents) >= limits.max_incidents:
            raise CaseLimitReachedError(
                f"This case already has {len(self.incidents)} incidents, the most the partnership's profile "
                "allows (limits.max_incidents). The threshold needs far fewer: keep a written summary of any "
                "further incidents with the case papers, or ask an administrator to raise max_incidents in the "
                "profile."
            )

    @event("IncidentLogged")
    def _log_incident(self, *, incident: Incident, actor: str) -> None:
        self.incidents.append(incident)

    @staticmethod
    def _check_same_incident(original: Incident, happened_on: date, agency: str) -> None:
        """A report linked as the same incident as ``original``: another agency, the same day of behaviour."""
        if original.agency.strip().lower() == agency.strip().lower():
            raise InvalidDetailsError(
                f"Incident {original.number} was also reported to {agency}; a duplicate is the "
                "same incident reported to a different agency."
            )
        if original.happened_on != happened_on:
            raise InvalidDetailsError(
                f"Incident {original.number} happened on {long_date(original.happened_on)}, not on "
                f"{long_date(happened_on)}; only a report of the same behaviour on the same day is the same "
                "incident."
            )

    @property
    def incidents_as_they_stand(self) -> list[Incident]:
        """The incidents as corrected, without those struck out: what the threshold assessment counts."""
        return [incident for incident in self.incidents if not incident.struck_out]

    def check_can_correct_incident(self) -> None:
        """Correcting and striking out alike: before the threshold decision, which stored what it assessed."""
        self._require_open()
        self._require_undecided("the decision stands on the incidents it assessed; a wrong record is "
                                "put right in an appeal or a new application.")
        if not self.incidents_as_they_stand:
            raise OutOfOrderError(f"{self.reference} has no incident to correct.")

    def correct_incident(
        self,
        *,
        number: int,
        happened_on: date,
        reported_on: date,
        agency: str,
        agency_reference: str,
        hate_related: bool,
        description: Narrative | None,
        reason: str,
        actor: str,
        today: date,
    ) -> Incident:
        """Put right what was logged wrongly: the dates, agency, agency's reference, description and hate flag."""
        self.check_can_correct_incident()
        original = self._standing_incident(number)
        require_text(reason, "why the incident is corrected")
        check_text(reason, "why the incident is corrected")
        not_in_future(happened_on, today, "date the incident happened")
        not_in_future(reported_on, today, "date the incident was reported")
        if reported_on < happened_on:
            raise IncidentReportedBeforeItHappenedError(
                f"The incident is recorded as reported on {long_date(reported_on)}, before it "
                f"happened on {long_date(happened_on)}; check both dates."
            )
        corrected = replace(original, happened_on=happened_on, reported_on=reported_on, agency=agency.strip(),
                            agency_reference=agency_reference.strip(), hate_related=hate_related,
                            description=description)
        if corrected == original:
            raise AlreadyRecordedError(f"Incident {number} already stands as entered; change what was wrong.")
        for linked in self.incidents_as_they_stand:
            if linked.number == original.duplicate_of:
                self._check_same_incident(linked, happened_on, agency)
            elif linked.duplicate_of == number:
                self._check_same_incident(corrected, linked.happened_on, linked.agency)
        self._correct_incident(original=original, corrected=corrected, reason=reason.strip(), actor=actor)
        return corrected

    @event("IncidentCorrected")
    def _correct_incident(self, *, original: Incident, corrected: Incident, reason: str, actor: str) -> None:
        self.incidents[original.number - 1] = corrected

    def strike_out_incident(self, *, number: int, reason: str, actor: str) -> None:
        """Strike out an incident logged wrongly: it stays in the record, marked, and no longer counts."""
        self.check_can_correct_incident()
        self._standing_incident(number)
        require_text(reason, "why the incident is struck out")
        check_text(reason, "why the incident is struck out")
        self._strike_out_incident(number=number, reason=reason.strip(), actor=actor)

    @event("IncidentStruckOut")
    def _strike_out_incident(self, *, number: int, reason: str, actor: str) -> None:
        self.incidents[number - 1] = replace(self.incidents[number - 1], struck_out=True)

    def _standing_incident(self, number: int) -> Incident:
        incident = self._incident(number)
        if incident.struck_out:
            raise AlreadyRecordedError(f"Incident {number} was struck out; it can no longer be changed.")
        return incident

    def _incident(self, number: int) -> Incident:
        for incident in self.incidents:
            if incident.number == number:
                return incident
        raise UnknownItemError(
            f"{self.reference} has no incident {number}; it has {plurals.counted(len(self.incidents), 'incident')}."
        )

    # ------------------------------------------------------------------------------ consent
    def give_consent(
        self, *, kind: ConsentKind, given_on: date, given_by: Narrative, actor: str, today: date,
        victim: int | None = None, method: ConsentMethod | None = None,
    ) -> None:
        self._require_open()
        not_in_future(given_on, today, "date consent was given")
        require_text(given_by.text, "who gave consent")
        number = self._consenting(kind, victim)
        self.check_can_give_consent(kind, number)
        self._give_consent(kind=kind, given_on=given_on, given_by=given_by, actor=actor, victim=number,
                           method=method)

    def _consenting(self, kind: ConsentKind, victim: int | None) -> int:
        """Whose consent it is: the victim's number (1, 2, …), or 0 for the applicant's own consent to share."""
        victims = len(self.applicant.victims)
        if victim is None:  # the one victim's (on an application made for victims), else the applicant's
            victims_consent = kind is ConsentKind.VICTIM_CONSENT or self.on_behalf_of_victim
            if victims_consent and victims > 1:
                raise InvalidDetailsError("Choose which victim gave consent: the application names "
                                          f"{victims} victims, and each gives their own.")
            return 1 if victims_consent else 0
        lowest = 1 if kind is ConsentKind.VICTIM_CONSENT else 0
        if not lowest <= victim <= victims:
            raise UnknownItemError(f"{self.reference} has no victim {victim}; it names {victims}.")
        return victim

    def consent_in_force(self, kind: ConsentKind, victim: int) -> ConsentRecord | None:
        return next((r for r in self.consent_records if r.kind is kind and r.victim == victim and r.in_force), None)

    def _consenters(self, kind: ConsentKind) -> range:
        return range(1 if kind is ConsentKind.VICTIM_CONSENT else 0, len(self.applicant.victims) + 1)

    def check_can_give_consent(self, kind: ConsentKind, victim: int | None = None) -> None:
        """With no victim given: passes when someone's consent of this kind may still be recorded."""
        self._require_open()
        if kind is ConsentKind.VICTIM_CONSENT and not self.on_behalf_of_victim:
            raise InvalidDetailsError(
                "The victim applied themselves, so no separate victim consent is needed; record "
                "consent to share with the agencies instead."
            )
        people = self._consenters(kind) if victim is None else (victim,)
        if all(self.consent_in_force(kind, number) for number in people):
            whose = "" if victim is None else f" (given by {self.applicant.victim_name(victim)})"
            raise AlreadyRecordedError(f"{kind.label.capitalize()} is already recorded{whose}.")

    @event("ConsentGiven")
    def _give_consent(
        self, *, kind: ConsentKind, given_on: date, given_by: Narrative, actor: str, victim: int = -1,
        method: ConsentMethod | None = None,
    ) -> None:
        self.consent_records.append(ConsentRecord(kind, stored_victim(kind, victim, self.on_behalf_of_victim), given_on,
                                                   method))
        self.consents = consents_in_force(self.consent_records)

    def withdraw_consent(
        self, *, kind: ConsentKind, withdrawn_on: date, reason: str, actor: str, today: date,
        victim: int | None = None, method: ConsentMethod | None = None,
    ) -> None:
        self._require_open()
        not_in_future(withdrawn_on, today, "date consent was withdrawn")
        require_text(reason, "why consent was withdrawn (what the person said)")
        number = self._withdrawing(kind, victim)
        self.check_can_withdraw_consent(kind, number)
        record = self.consent_in_force(kind, number)
        assert record is not None
        not_before(withdrawn_on, record.given_on, "date consent was withdrawn", "the date it was given")
        self._withdraw_consent(kind=kind, withdrawn_on=withdrawn_on, reason=reason, actor=actor, victim=number,
                               method=method)

    def _withdrawing(self, kind: ConsentKind, victim: int | None) -> int:
        if victim is not None:
            return self._consenting(kind, victim)
        in_force = [r.victim for r in self.consent_records if r.kind is kind and r.in_force]
        if len(in_force) > 1:
            raise InvalidDetailsError(f"Choose whose {kind.label} is withdrawn: {len(in_force)} people gave it.")
        return in_force[0] if in_force else self._consenting(kind, None)

    def check_can_withdraw_consent(self, kind: ConsentKind, victim: int | None = None) -> None:
        self._require_open()
        people = self._consenters(kind) if victim is None else (victim,)
        if not any(self.consent_in_force(kind, number) for number in people):
            raise UnknownItemError(f"There is no {kind.label} on record to withdraw.")

    @event("ConsentWithdrawn")
    def _withdraw_consent(
        self, *, kind: ConsentKind, withdrawn_on: date, reason: str, actor: str, victim: int = -1,
        method: ConsentMethod | None = None,
    ) -> None:
        self.consent_records = withdrawn(self.consent_records, kind,
                                         stored_victim(kind, victim, self.on_behalf_of_victim), withdrawn_on, method)
        self.consents = consents_in_force(self.consent_records)

    @property
    def consent_withdrawn(self) -> ConsentRecord | None:
        """The first consent withdrawn and not given again since (None if every consent still stands)."""
        return next((r for r in self.consent_records
                     if not r.in_force and self.consent_in_force(r.kind, r.victim) is None), None)  # type: ignore[arg-type]

    def check_can_share_with_new_agency(self) -> None:
        """Consent withdrawn (and not given again) stops information going to an agency that does not hold it
        (docs/VICTIMS.md): the request is refused naming who withdrew it and when."""
        record = self.consent_withdrawn
        if record is not None:
            assert record.withdrawn_on is not None
            raise ConsentWithdrawnError(
                f"{self.applicant.victim_name(record.victim)} withdrew {record.kind.label} "  # type: ignore[attr-defined]
                f"on {long_date(record.withdrawn_on)}, so the case's information is not shared with an agency "
                "that does not already hold it. Record their consent again if they give it, or continue the "
                "review with the agencies already asked."
            )

    # ------------------------------------------------------------------------ acknowledgement
    def check_can_acknowledge(self) -> None:
        self._require_open()
        not_already(self.acknowledged_on, f"{self.reference} was already acknowledged")

    def acknowledge(self, *, acknowledged_on: date, actor: str, today: date) -> None:
        self._require_open()
        not_in_future(acknowledged_on, today, "acknowledgement date")
        not_before(acknowledged_on, self.received_on, "acknowledgement date",
                   "the date the application was received")
        self.check_can_acknowledge()
        self._acknowledge(acknowledged_on=acknowledged_on, actor=actor)

    @event("Acknowledged")
    def _acknowledge(self, *, acknowledged_on: date, actor: str) -> None:
        self.acknowledged_on = acknowledged_on

    # ------------------------------------------------------------- passed to the relevant bodies
    def check_can_pass_to_relevant_bodies(self) -> None:
        """s.104(3)(b) ASB, Crime and Policing Act 2014: the procedure must ensure an application made to the point
        of contact is passed on to all the relevant bodies (docs/RELEVANT_BODIES.md). Recorded once, before the
        threshold decision: the bodies decide the threshold together (s.104(1)(b)), so they have it by then."""
        self._require_open()
        self._require_undecided("the relevant bodies had the application when they decided it.")
        not_already(self.passed_to_bodies_on, f"{self.reference} was already passed to the relevant bodies")

    def pass_to_relevant_bodies(
        self, *, passed_on: date, bodies: tuple[str, ...], actor: str, today: date
    ) -> None:
        self.check_can_pass_to_relevant_bodies()
        not_in_future(passed_on, today, "date the application was passed on")
        not_before(passed_on, self.received_on, "date the application was passed on",
                   "the date the application was received")
        if not bodies:
            raise InvalidDetailsError(
                "The partnership's profile names no relevant bodies, so the application cannot be passed to them "
                "(s.104(3)(b) Anti-social Behaviour, Crime and Policing Act 2014): add them to the profile.")
        self._pass_to_relevant_bodies(passed_on=passed_on, bodies=tuple(bodies), actor=actor)

    @event("PassedToRelevantBodies")
    def _pass_to_relevant_bodies(self, *, passed_on: date, bodies: tuple[str, ...], actor: str) -> None:
        self.passed_to_bodies_on = passed_on
        self.passed_to_bodies = list(bodies)  # a list, as a snapshot gives it back

    # ------------------------------------------------------------------ incident verification
    @property
    def incident_verifications(self) -> tuple[IncidentVerification, ...]:
        """Each incident's verification with its agency, in the incidents' order (those struck out have none)."""
        return verifications(self.incidents_as_they_stand, self.verification_requests, self.verification_answers)

    def assess_threshold(self, policy: ThresholdPolicy) -> ThresholdAssessment:
        """The threshold assessment of the incidents as they stand, with what the agencies said about them:
        every caller (the decision, the actions, the case page and form) assesses through here."""
        return assess(policy, self.incidents_as_they_stand, self.received_on, self.incident_verifications)

    def _not_yet_asked(self, agency: str) -> tuple[int, ...]:
        asked = {number for request in self.verification_requests for number in request.numbers}
        return tuple(i.number for i in self.incidents_as_they_stand
                     if same_agency(i.agency, agency) and i.number not in asked)

    def check_can_request_verification(self, agency: str = "") -> tuple[int, ...]:
        """The incidents reported to ``agency`` (any agency when "") not yet sent to it to confirm."""
        self._require_open()
        self._require_undecided("incidents are confirmed with the agencies before the decision.")
        agencies = [agency] if agency.strip() else list(dict.fromkeys(i.agency for i in self.incidents_as_they_stand))
        for name in agencies:
            if numbers := self._not_yet_asked(name):
                return numbers
        if agency.strip():
            if any(same_agency(i.agency, agency) for i in self.incidents_as_they_stand):
                raise AlreadyRecordedError(f"Every incident reported to {agency.strip()} was already sent to it "
                                           "to confirm.")
            raise UnknownItemError(f"No incident of {self.reference} was reported to {agency.strip()}.")
        raise OutOfOrderError("Every incident has already been sent to its agency to confirm; log an incident "
                              "first.")

    def request_verification(
        self, *, agency: str, requested_on: date, due_on: date, actor: str, today: date
    ) -> None:
        """Ask ``agency`` to confirm every incident reported to it that it was not asked about yet."""
        require_agency(agency, "you are asking to confirm the incidents reported to it")
        numbers = self.check_can_request_verification(agency)
        not_in_future(requested_on, today, "date the confirmation was requested")
        not_before(requested_on, self.received_on, "request date", "the date the application was received")
        self._request_verification(agency=self._incident(numbers[0]).agency, requested_on=requested_on,
                                   due_on=due_on, incidents=numbers, actor=actor)

    @event("IncidentVerificationRequested")
    def _request_verification(
        self, *, agency: str, requested_on: date, due_on: date, incidents: tuple[int, ...], actor: str
    ) -> None:
        self.verification_requests.append(VerificationRequest(agency, requested_on, due_on, tuple(incidents)))

    def check_can_answer_verification(self, agency: str = "") -> tuple[int, ...]:
        """The incidents ``agency`` (any agency when "") was asked to confirm and has not answered yet."""
        self._require_open()
        self._require_undecided("the agencies' answers are recorded before the decision.")
        answered = {given.number for given in self.verification_answers}
        awaited = tuple(number for request in self.verification_requests
                        if not agency.strip() or same_agency(request.agency, agency)
                        for number in request.numbers if number not in answered)
        if not awaited:
            asked = ", ".join(dict.fromkeys(r.agency for r in self.verification_requests)) or "no agency yet"
            raise UnknownItemError(f"{agency.strip() or 'No agency'} has no incident of {self.reference} waiting to "
                                   f"be confirmed; confirmation was asked of {asked}.")
        return awaited

    def answer_verification(
        self, *, number: int, agency: str, answer: VerificationAnswer, answered_on: date, actor: str,
        today: date, agency_reference: str = "", reason: str = "",
    ) -> None:
        """``agency``'s answer about incident ``number``: it confirms it, disputes it (giving its own reference
        and why) or holds no record of it."""
        incident = self._incident(number)
        if number not in self.check_can_answer_verification(agency):
            raise UnknownItemError(f"{agency.strip()} was not asked to confirm incident {number} (it was reported "
                                   f"to {incident.agency}), or has already answered.")
        request = next(r for r in self.verification_requests if number in r.numbers)
        not_in_future(answered_on, today, "date the agency answered")
        not_before(answered_on, request.requested_on, "date the agency answered", "the request")
        if answer is VerificationAnswer.DISPUTED:
            require_text(agency_reference, "the agency's own reference for the incident it disputes")
            require_text(reason, "why the agency disputes the incident")
        check_text(agency_reference, "the agency's reference")
        check_text(reason, "the agency's reason")
        self._answer_verification(number=number, agency=request.agency, answer=answer, answered_on=answered_on,
                                  agency_reference=agency_reference.strip(), reason=reason.strip(), actor=actor)

    @event("IncidentVerificationAnswered")
    def _answer_verification(
        self, *, number: int, agency: str, answer: VerificationAnswer, answered_on: date, agency_reference: str,
        reason: str, actor: str,
    ) -> None:
        self.verification_answers.append(
            VerificationAnswerGiven(number, agency, answer, answered_on, agency_reference, reason))

    def check_verified_or_explained(self, unverified_reason: str) -> None:
        """A threshold decision with incidents the agencies have not confirmed records why it was made without."""
        unverified = [str(v.number) for v in self.incident_verifications if not v.confirmed]
        if unverified and not unverified_reason.strip():
            raise UnverifiedIncidentsError(
                f"{plurals.in_number(len(unverified), 'Incident')} {', '.join(unverified)} "
                f"{plurals.in_number(len(unverified), 'has', 'have')} not been confirmed by the agency they were "
                "reported to, "
                f"and {PROCEDURE}: ask the agencies, or record why the decision is made without their confirmation."
            )

    # ------------------------------------------------------------------- threshold decision
    def check_can_decide_threshold(self, policy: ThresholdPolicy) -> None:
        """What every threshold decision needs, whichever way it goes."""
        self._require_open()
        self._require_undecided("a decision is made once; an appeal can change it.")
        if not self.acknowledged_on:
            raise NotAcknowledgedError(
                f"Acknowledge {self.reference} before deciding the threshold, so that the "
                "applicant knows their application was received."
            )
        missing = [self.applicant.victim_name(n) for n in self._consenters(ConsentKind.VICTIM_CONSENT)
                   if not self.consent_in_force(ConsentKind.VICTIM_CONSENT, n)]
        if self.on_behalf_of_victim and missing:
            raise ConsentRequiredError(
                f"{self.reference} was made on behalf of the victim; record the victim's consent "
                f"before deciding the threshold (still needed from {', '.join(missing)})."
            )
        if policy.require_consent_to_share and ConsentKind.SHARE_WITH_AGENCIES not in self.consents:
            raise ConsentRequiredError(
                "The partnership's policy needs consent to share information with the agencies "
                "before the threshold is decided; record it, or reject the application if it "
                "was refused."
            )

    def _check_can_decide(self, decided_on: date, policy: ThresholdPolicy, today: date) -> None:
        self.check_can_decide_threshold(policy)
        not_in_future(decided_on, today, "decision date")
        not_before(decided_on, self.received_on, "decision date",
                   "the date the application was received")

    def check_can_decide_threshold_met(self, assessment: ThresholdAssessment, policy: ThresholdPolicy) -> None:
        self.check_can_decide_threshold(policy)
        if not assessment.met:
            raise ThresholdDecisionContradictsAssessmentError(
                "Under the partnership's policy the threshold is not met "
                f"({plurals.counted(assessment.qualifying, 'qualifying incident')}). Record a discretionary "
                "decision with your reasons, or record that the threshold is not met."
            )

    def check_can_decide_threshold_met_by_discretion(
        self, assessment: ThresholdAssessment, policy: ThresholdPolicy
    ) -> None:
        self.check_can_decide_threshold(policy)
        if assessment.met and not assessment.local_met:
            raise ThresholdDecisionContradictsAssessmentError(
                f"{assessment.statutory_requirement} The decision is required by the Act, not "
                "discretionary; record that the threshold is met."
            )
        if assessment.met:
            raise ThresholdDecisionContradictsAssessmentError(
                "The threshold is already met under the partnership's policy ("
                + "; ".join(assessment.rules_met)
                + "); record that the threshold is met, not a discretionary decision, so the "
                "statistics stay true."
            )

    def check_can_decide_threshold_not_met(self, assessment: ThresholdAssessment, policy: ThresholdPolicy) -> None:
        self.check_can_decide_threshold(policy)
        if assessment.statutory_met and not assessment.local_met:
            raise ThresholdDecisionContradictsAssessmentError(
                f"{assessment.statutory_requirement} It cannot be recorded as not met, whatever the "
                "local rules say; record that the threshold is met."
            )
        if assessment.met:
            required_by = ("the law says a review must then be held (s.104(4))" if assessment.statutory_met else
                           "the partnership's published procedure, whose criteria the Act leaves to it "
                           "(s.104(5)), then requires a review")
            raise ThresholdDecisionContradictsAssessmentError(
                "The threshold is met under the partnership's policy ("
                + "; ".join(assessment.rules_met)
                + f"), and {required_by}; record that the threshold is met."
            )

    def decide_threshold_met(
        self,
        *,
        assessment: ThresholdAssessment,
        policy: ThresholdPolicy,
        decided_on: date,
        actor: str,
        today: date,
        reason: str = "",
        unverified_reason: str = "",
    ) -> None:
        """``reason``: the officer's own words; without them, the assessment's reason is recorded.
        ``unverified_reason``: why the decision is made with incidents the agencies have not confirmed."""
        self._check_can_decide(decided_on, policy, today)
        self.check_can_decide_threshold_met(assessment, policy)
        self.check_verified_or_explained(unverified_reason)
        self._threshold_met(
            policy=policy, assessment=assessment, decided_on=decided_on, actor=actor,
            reason=reason.strip() or assessment.reason, unverified_reason=unverified_reason.strip(),
        )

    @event("ThresholdMet")
    def _threshold_met(
        self,
        *,
        policy: ThresholdPolicy,
        assessment: ThresholdAssessment,
        decided_on: date,
        actor: str,
        reason: str,
        unverified_reason: str = "",
    ) -> None:
        self._record_decision(ThresholdDecision.MET, policy, assessment, decided_on)
        self.decision_reason, self.unverified_reason = reason, unverified_reason

    def decide_threshold_met_by_discretion(
        self,
        *,
        assessment: ThresholdAssessment,
        policy: ThresholdPolicy,
        decided_on: date,
        grounds: tuple[DiscretionGround, ...],
        reason: str,
        actor: str,
        today: date,
        unverified_reason: str = "",
    ) -> None:
        self._check_can_decide(decided_on, policy, today)
        self.check_can_decide_threshold_met_by_discretion(assessment, policy)
        if not grounds:
            raise InvalidDetailsError(
                "Choose the grounds for the discretionary decision: persistence, harm or the "
                "adequacy of the response (s.104(5))."
            )
        require_text(reason, "the reason for the discretionary decision")
        self.check_verified_or_explained(unverified_reason)
        self._threshold_met_by_discretion(
            policy=policy,
            assessment=assessment,
            decided_on=decided_on,
            grounds=tuple(grounds),
            reason=reason,
            actor=actor,
            unverified_reason=unverified_reason.strip(),
        )

    @event("ThresholdMetByDiscretion")
    def _threshold_met_by_discretion(
        self,
        *,
        policy: ThresholdPolicy,
        assessment: ThresholdAssessment,
        decided_on: date,
        grounds: tuple[DiscretionGround, ...],
        reason: str,
        actor: str,
        unverified_reason: str = "",
    ) -> None:
        self._record_decision(ThresholdDecision.MET_BY_DISCRETION, policy, assessment, decided_on)
        self.decision_reason, self.unverified_reason = reason, unverified_reason

    def decide_threshold_not_met(
        self,
        *,
        assessment: ThresholdAssessment,
        policy: ThresholdPolicy,
        decided_on: date,
        reason: str,
        alternative_action: str,
        actor: str,
        today: date,
        unverified_reason: str = "",
    ) -> None:
        self._check_can_decide(decided_on, policy, today)
        self.check_can_decide_threshold_not_met(assessment, policy)
        require_text(reason, "the reason the threshold is not met")
        require_text(alternative_action, "the action that will be taken instead")
        self.check_verified_or_explained(unverified_reason)
        self._threshold_not_met(
            policy=policy,
            assessment=assessment,
            decided_on=decided_on,
            reason=reason,
            alternative_action=alternative_action,
            actor=actor,
            unverified_reason=unverified_reason.strip(),
        )

    @event("ThresholdNotMet")
    def _threshold_not_met(
        self,
        *,
        policy: ThresholdPolicy,
        assessment: ThresholdAssessment,
        decided_on: date,
        reason: str,
        alternative_action: str,
        actor: str,
        unverified_reason: str = "",
    ) -> None:
        self._record_decision(ThresholdDecision.NOT_MET, policy, assessment, decided_on)
        self.decision_reason, self.alternative_action = reason, alternative_action
        self.unverified_reason = unverified_reason

    def _record_decision(
        self, decision: ThresholdDecision, policy: ThresholdPolicy, assessment: ThresholdAssessment, on: date
    ) -> None:
        self.decision, self.policy, self.assessment, self.decided_on = (
            decision, policy, assessment, on)

    def mark_review_opened(self, *, opened_on: date, actor: str) -> None:
        self.require_threshold_met("opening a case review")
        if self.review_opened:
            raise AlreadyRecordedError(f"A case review is already open for {self.reference}.")
        self._review_opened(opened_on=opened_on, actor=actor)

    @event("ReferredForReview")
    def _review_opened(self, *, opened_on: date, actor: str) -> None:
        self.review_opened = True

    # ---------------------------------------------------------------------- decision letter
    def check_can_send_decision_letter(self) -> None:
        self._require_open()
        done_first(self.decision, f"Decide the threshold for {self.reference} before sending the decision letter.")
        not_already(self.decision_letter_sent_on, "The decision letter was already sent")

    def send_decision_letter(
        self, *, sent_on: date, channel: LetterChannel, actor: str, today: date
    ) -> None:
        self.check_can_send_decision_letter()
        not_in_future(sent_on, today, "date the letter was sent")
        not_before(sent_on, self.decided_on, "letter date", "the decision")
        self._send_decision_letter(sent_on=sent_on, channel=channel, actor=actor)

    @event("DecisionLetterSent")
    def _send_decision_letter(self, *, sent_on: date, channel: LetterChannel, actor: str) -> None:
        self.decision_letter_sent_on = sent_on

    # -------------------------------------------------------------------------------- appeal
    def check_can_lodge_appeal(self) -> None:
        self._require_open()
        if self.decision is not ThresholdDecision.NOT_MET:
            raise AppealNotAllowedError(
                "Only a decision that the threshold is not met can be appealed; "
                f"{self.reference} is at stage '{self.stage.label}'."
            )
        if not self.decision_letter_sent_on:
            raise AppealNotAllowedError(
                "Send the decision letter first: it tells the applicant how to appeal, and the "
                "appeal window runs from it."
            )
        not_already(self.appeal_lodged_on, "An appeal was already lodged")

    def lodge_appeal(
        self,
        *,
        lodged_on: date,
        grounds: Narrative,
        window_closes_on: date,
        actor: str,
        today: date,
        late_reason: str = "",
    ) -> None:
        self.check_can_lodge_appeal()
        require_text(grounds.text, "the grounds of appeal")
        not_in_future(lodged_on, today, "date the appeal was lodged")
        not_before(lodged_on, self.decision_letter_sent_on, "appeal date", "the decision letter")
        if lodged_on > window_closes_on and not late_reason.strip():
            raise AppealNotAllowedError(
                f"The appeal window closed on {long_date(window_closes_on)}; to accept a late "
                "appeal, record the reason for accepting it."
            )
        self._lodge_appeal(lodged_on=lodged_on, grounds=grounds, late_reason=late_reason,
                           actor=actor)

    @event("AppealLodged")
    def _lodge_appeal(
        self, *, lodged_on: date, grounds: Narrative, late_reason: str, actor: str
    ) -> None:
        self.appeal_lodged_on = lodged_on

    def check_can_decide_appeal(self) -> None:
        """Upholding and dismissing alike."""
        self._require_open()
        if not self.appeal_lodged_on:
            raise AppealNotAllowedError(f"No appeal has been lodged for {self.reference}.")
        if self.appeal_outcome:
            raise AlreadyRecordedError(f"The appeal was already decided ({self.appeal_outcome.label}).")

    def _check_appeal_decision(self, decided_on: date, reason: str, today: date) -> None:
        self.check_can_decide_appeal()
        require_text(reason, "the reason for the appeal decision")
        not_in_future(decided_on, today, "appeal decision date")
        not_before(decided_on, self.appeal_lodged_on, "appeal decision date", "the appeal")

    def uphold_appeal(self, *, decided_on: date, reason: str, actor: str, today: date) -> None:
        self._check_appeal_decision(decided_on, reason, today)
        self._uphold_appeal(decided_on=decided_on, reason=reason, actor=actor)

    @event("AppealUpheld")
    def _uphold_appeal(self, *, decided_on: date, reason: str, actor: str) -> None:
        self.appeal_outcome, self.appeal_decided_on = AppealOutcome.UPHELD, decided_on

    def dismiss_appeal(self, *, decided_on: date, reason: str, actor: str, today: date) -> None:
        self._check_appeal_decision(decided_on, reason, today)
        self._dismiss_appeal(decided_on=decided_on, reason=reason, actor=actor)

    @event("AppealDismissed")
    def _dismiss_appeal(self, *, decided_on: date, reason: str, actor: str) -> None:
        self.appeal_outcome, self.appeal_decided_on = AppealOutcome.DISMISSED, decided_on

    # -------------------------------------------------------------------------------- endings
    def check_can_withdraw(self) -> None:
        self._require_open()

    def withdraw(self, *, withdrawn_on: date, reason: str, actor: str, today: date) -> None:
        self.check_can_withdraw()
        require_text(reason, "why the application was withdrawn")
        not_in_future(withdrawn_on, today, "withdrawal date")
        not_before(withdrawn_on, self.received_on, "withdrawal date", "the application")
        self._withdraw(withdrawn_on=withdrawn_on, reason=reason, actor=actor)

    @event("Withdrawn")
    def _withdraw(self, *, withdrawn_on: date, reason: str, actor: str) -> None:
        self.ended, self.ended_on, self.ending_reason = Ending.WITHDRAWN, withdrawn_on, reason

    def check_can_reject(self) -> None:
        self._require_open()
        if self.decision:
            raise ThresholdAlreadyDecidedError(
                "The threshold has been decided, so the application can no longer be rejected; "
                "close it or withdraw it instead."
            )

    def reject(
        self, *, rejected_on: date, ground: RejectionGround, reason: str, actor: str, today: date
    ) -> None:
        self.check_can_reject()
        require_text(reason, "the reason for rejecting the application")
        not_in_future(rejected_on, today, "rejection date")
        not_before(rejected_on, self.received_on, "rejection date", "the application")
        self._reject(rejected_on=rejected_on, ground=ground, reason=reason, actor=actor)

    @event("Rejected")
    def _reject(self, *, rejected_on: date, ground: RejectionGround, reason: str, actor: str) -> None:
        self.ended, self.ended_on, self.ending_reason = Ending.REJECTED, rejected_on, reason
        self.rejection_ground = ground

    # ------------------------------------------------------------- challenge to a rejection
    # Schedule 4 paragraph 3(a): a rejected application is an application "dealt with"; the applicant may ask
    # the body the profile names for route (a) to look at it again, as they may appeal a "not met" decision.
    def check_can_send_rejection_letter(self) -> None:
        if self.ended is not Ending.REJECTED:
            raise OutOfOrderError(f"{self.reference} has not been rejected, so there is no rejection letter to send.")
        not_already(self.rejection_letter_sent_on, "The rejection letter was already sent")

    def send_rejection_letter(self, *, sent_on: date, channel: LetterChannel, actor: str, today: date) -> None:
        self.check_can_send_rejection_letter()
        not_in_future(sent_on, today, "date the letter was sent")
        not_before(sent_on, self.ended_on, "date the letter was sent", "the rejection")
        self._send_rejection_letter(sent_on=sent_on, channel=channel, actor=actor)

    @event("RejectionLetterSent")
    def _send_rejection_letter(self, *, sent_on: date, channel: LetterChannel, actor: str) -> None:
        self.rejection_letter_sent_on = sent_on

    def check_can_lodge_challenge(self) -> None:
        if self.ended is not Ending.REJECTED:
            raise AppealNotAllowedError(
                f"Only a rejected application can be challenged; {self.reference} is at stage '{self.stage.label}'.")
        if not self.rejection_letter_sent_on:
            raise AppealNotAllowedError(
                "Send the rejection letter first: it tells the applicant how to challenge the rejection, and the "
                "window to challenge runs from it.")
        not_already(self.challenge_lodged_on, "A challenge to the rejection was already lodged")

    def lodge_challenge(
        self, *, lodged_on: date, grounds: Narrative, window_closes_on: date, actor: str, today: date,
        late_reason: str = "",
    ) -> None:
        self.check_can_lodge_challenge()
        require_text(grounds.text, "why the applicant disagrees with the rejection")
        not_in_future(lodged_on, today, "date the challenge was lodged")
        not_before(lodged_on, self.rejection_letter_sent_on, "challenge date", "the rejection letter")
        if lodged_on > window_closes_on and not late_reason.strip():
            raise AppealNotAllowedError(
                f"The window to challenge the rejection closed on {long_date(window_closes_on)}; to accept a late "
                "challenge, record the reason for accepting it.")
        self._lodge_challenge(lodged_on=lodged_on, grounds=grounds, late_reason=late_reason, actor=actor)

    @event("ChallengeLodged")
    def _lodge_challenge(self, *, lodged_on: date, grounds: Narrative, late_reason: str, actor: str) -> None:
        self.challenge_lodged_on = lodged_on

    def check_can_decide_challenge(self) -> None:
        if not self.challenge_pending:
            if self.challenge_outcome:
                raise AlreadyRecordedError(
                    f"The challenge to the rejection was already decided ({self.challenge_outcome.label}).")
            raise AppealNotAllowedError(f"No challenge to the rejection of {self.reference} is waiting for a decision.")

    def _check_challenge_decision(self, decided_on: date, reason: str, today: date) -> None:
        self.check_can_decide_challenge()
        require_text(reason, "the reason for the decision on the challenge")
        not_in_future(decided_on, today, "date the challenge was decided")
        not_before(decided_on, self.challenge_lodged_on, "date the challenge was decided", "the challenge")

    def uphold_challenge(self, *, decided_on: date, reason: str, actor: str, today: date) -> None:
        """The rejection is set aside: the application is open again, at the step it had reached."""
        self._check_challenge_decision(decided_on, reason, today)
        self._uphold_challenge(decided_on=decided_on, reason=reason, actor=actor)

    @event("ChallengeUpheld")
    def _uphold_challenge(self, *, decided_on: date, reason: str, actor: str) -> None:
        self.challenge_outcome, self.challenge_decided_on = AppealOutcome.UPHELD, decided_on
        self.ended, self.ended_on, self.ending_reason = None, None, ""

    def dismiss_challenge(self, *, decided_on: date, reason: str, actor: str, today: date) -> None:
        self._check_challenge_decision(decided_on, reason, today)
        self._dismiss_challenge(decided_on=decided_on, reason=reason, actor=actor)

    @event("ChallengeDismissed")
    def _dismiss_challenge(self, *, decided_on: date, reason: str, actor: str) -> None:
        self.challenge_outcome, self.challenge_decided_on = AppealOutcome.DISMISSED, decided_on

    def check_can_close(self, appeal_window_closes_on: date | None, today: date) -> None:
        """``today``: an application is closed on a date not in the future, so while the appeal window is open
        (today included) no closing date can be accepted."""
        self._require_open()
        if self.review_opened:
            raise OutOfOrderError(
                f"{self.reference} went to a case review; close the case review instead."
            )
        if self.decision is not ThresholdDecision.NOT_MET:
            raise OutOfOrderError(
                "An application is closed after a 'not met' decision; decide the threshold first, "
                "or withdraw or reject the application."
            )
        done_first(self.decision_letter_sent_on, "Send the decision letter before closing: the applicant must be "
                   "told the decision and how to appeal.")
        if self.appeal_lodged_on and not self.appeal_outcome:
            raise OutOfOrderError("Decide the appeal before closing the application.")
        self._require_appeal_window_passed(appeal_window_closes_on, today)

    def _require_appeal_window_passed(self, appeal_window_closes_on: date | None, on: date) -> None:
        if not self.appeal_lodged_on and appeal_window_closes_on is not None and on <= appeal_window_closes_on:
            raise OutOfOrderError(
                f"The appeal window is open until {long_date(appeal_window_closes_on)}; close the "
                "application after it has passed."
            )

    def close(
        self, *, closed_on: date, reason: str, appeal_window_closes_on: date | None, actor: str,
        today: date,
    ) -> None:
        self.check_can_close(appeal_window_closes_on, today)
        self._require_appeal_window_passed(appeal_window_closes_on, closed_on)
        require_text(reason, "the reason for closing")
        not_in_future(closed_on, today, "closing date")
        if self.appeal_decided_on:
            not_before(closed_on, self.appeal_decided_on, "closing date", "the appeal decision")
        else:
            not_before(closed_on, self.decision_letter_sent_on, "closing date", "the decision letter")
        self._close(closed_on=closed_on, reason=reason, actor=actor)

    @event("Closed")
    def _close(self, *, closed_on: date, reason: str, actor: str) -> None:
        self.ended, self.ended_on, self.ending_reason = Ending.CLOSED, closed_on, reason

    # ----------------------------------------------------------------------------- rectification (UK GDPR Art 16)
    def correct_person(self, *, corrected: Person, reason: str, actor: str) -> tuple[str, ...]:
        """Put right a person's details (the applicant or a victim, found by ``corrected.subject``), at any stage,
        closed cases included. Returns the names of the details changed. See docs/SUBJECT-ACCESS.md."""
        return correct_person(self, corrected=corrected, reason=reason, actor=actor)

    @event("PersonCorrected")
    def _correct_person(self, *, corrected: Person, changed: tuple[str, ...], reason: str, actor: str) -> None:
        self.applicant = with_person(self.applicant, corrected)


# Fields the events gained after release 0.1.0 stored them (domain/upcasting.py): who gave or withdrew a consent
# (stored before victims were numbered: None), and how.
for _changed in (Application.ConsentGiven, Application.ConsentWithdrawn):  # type: ignore[attr-defined]
    fields_added(_changed, 2, victim=None, method=None)
