"""Use cases from receipt to the threshold decision, the decision letter and any appeal."""

from __future__ import annotations

import random
import time
from datetime import date

from eventsourcing.application import AggregateNotFoundError

from application.core import Recorded
from application.errors import ConflictError
from application.escalation import EscalationUseCases
from application.queries import Case
from domain.actions import Action, Circumstances, available_actions
from domain.application import Application
from domain.case_review import CaseReview
from domain.deadlines import appeal_window_closes_on
from domain.ids import case_review_id, reference_book_id
from domain.reference_book import ReferenceBook
from domain.routes import Dissatisfaction
from domain.threshold import ThresholdAssessment
from domain.timescales import Step, due_on
from domain.user import USERNAME, NotAnOfficerError, User, normalise_username, user_id
from domain.values import (
    Applicant,
    Channel,
    ConsentKind,
    DiscretionGround,
    LetterChannel,
    Problem,
    RejectionGround,
    ReviewRoute,
)
from domain.verification import VerificationAnswer
from domain.victims import ConsentMethod

RECEIPT_ATTEMPTS = 30


class IntakeUseCases(EscalationUseCases):
    # ---------------------------------------------------------------------------- receipt
    def receive_application(
        self, *, channel: Channel, received_on: date, applicant: Applicant, problem: Problem,
        actor: str,
    ) -> Recorded:
        """Record a new application; returns its new reference (e.g. CT-2025-0007)."""
        kwargs = self._kwargs(actor)
        for attempt in range(RECEIPT_ATTEMPTS):  # another receipt may take the same number: retry
            if attempt:
                time.sleep(random.uniform(0, 0.005 * attempt))
            book = self._reference_book(received_on.year, kwargs["actor"])
            reference = book.issue_reference(actor=kwargs["actor"])
            application = Application.receive(
                reference=reference, channel=channel, received_on=received_on,
                applicant=applicant, problem=problem, **kwargs,
            )
            try:
                return self._save(reference, book, application)
            except ConflictError:
                continue
        raise ConflictError(
            "new application",
            "So many applications were being received at the same moment that this one could not "
            "be given a reference; nothing was saved. Submit it again.",
        )

    def _reference_book(self, year: int, actor: str) -> ReferenceBook:
        prefix = self.profile.reference_prefix
        book_id = reference_book_id(prefix, year)
        try:
            book = self.repository.get(book_id)
        except AggregateNotFoundError:
            return ReferenceBook(prefix=prefix, year=year, actor=actor)
        assert isinstance(book, ReferenceBook)
        return book

    def assign_officer(self, reference: str, *, officer: str, actor: str) -> Recorded:
        application = self._case_application(reference)
        application.assign_officer(officer=self._officer(officer), actor=self._actor(actor))
        return self._save(application.reference, application)

    def _case_application(self, reference: str) -> Application:
        """The application a command is recorded on; refused once the case has ended with its review."""
        application = self._application(reference)
        if application.review_opened:
            self._get(case_review_id(application.reference), application.reference, CaseReview).check_case_open()
        return application

    def _officer(self, officer: str) -> str:
        """The username of an existing user who may handle cases, or ``NotAnOfficerError``."""
        username = normalise_username(officer)
        if not USERNAME.match(username):
            raise NotAnOfficerError("Enter the username of an officer or manager, like j.okafor.")
        try:
            user = self.repository.get(user_id(username))
        except AggregateNotFoundError:
            raise NotAnOfficerError(f"There is no user {username}; choose an officer or manager from the "
                                    "users list.") from None
        if not isinstance(user, User) or not user.may_handle_cases:
            raise NotAnOfficerError(f"{username} cannot be given cases: only an officer or manager whose account "
                                    "is enabled can.")
        return username

    # ---------------------------------------------------------------- incidents and consent
    def log_incident(
        self, reference: str, *, happened_on: date, reported_on: date, agency: str, actor: str,
        reported_to: str = "", agency_reference: str = "", reported_by: str = "applicant",
        hate_related: bool = False, informal: bool = False, duplicate_of: int | None = None,
        description: str = "",
    ) -> Recorded:
        application = self._case_application(reference)
        incident = application.log_incident(
            happened_on=happened_on, reported_on=reported_on, agency=agency,
            reported_to=reported_to, agency_reference=agency_reference, reported_by=reported_by,
            hate_related=hate_related, informal=informal, duplicate_of=duplicate_of,
            description=self._narrative(application, description) if description.strip() else None,
            limits=self.profile.limits, **self._kwargs(actor),
        )
        return self._save(application.reference, application, number=incident.number)

    def correct_incident(
        self, reference: str, *, number: int, happened_on: date, reported_on: date, agency: str,
        agency_reference: str, hate_related: bool, description: str, reason: str, actor: str,
    ) -> Recorded:
        application = self._case_application(reference)
        application.correct_incident(
            number=number, happened_on=happened_on, reported_on=reported_on, agency=agency,
            agency_reference=agency_reference, hate_related=hate_related, reason=reason,
            description=self._narrative(application, description) if description.strip() else None,
            **self._kwargs(actor),
        )
        return self._save(application.reference, application, number=number)

    def strike_out_incident(self, reference: str, *, number: int, reason: str, actor: str) -> Recorded:
        application = self._case_application(reference)
        application.strike_out_incident(number=number, reason=reason, actor=self._actor(actor))
        return self._save(application.reference, application, number=number)

    def give_consent(
        self, reference: str, *, kind: ConsentKind, given_on: date, given_by: str, actor: str,
        victim: int | None = None, method: ConsentMethod | None = None,
    ) -> Recorded:
        application = self._case_application(reference)
        application.give_consent(kind=kind, given_on=given_on,
                                 given_by=self._narrative(application, given_by), victim=victim, method=method,
                                 **self._kwargs(actor))
        return self._save(application.reference, application)

    def withdraw_consent(
        self, reference: str, *, kind: ConsentKind, withdrawn_on: date, reason: str, actor: str,
        victim: int | None = None, method: ConsentMethod | None = None,
    ) -> Recorded:
        application = self._case_application(reference)
        application.withdraw_consent(kind=kind, withdrawn_on=withdrawn_on, reason=reason, victim=victim,
                                     method=method, **self._kwargs(actor))
        return self._save(application.reference, application)

    def acknowledge(self, reference: str, *, acknowledged_on: date, actor: str) -> Recorded:
        application = self._case_application(reference)
        application.acknowledge(acknowledged_on=acknowledged_on, **self._kwargs(actor))
        return self._save(application.reference, application)

    def pass_to_relevant_bodies(self, reference: str, *, passed_on: date, actor: str) -> Recorded:
        """Record that the application was passed on to every relevant body the profile names (s.104(3)(b))."""
        application = self._case_application(reference)
        application.pass_to_relevant_bodies(passed_on=passed_on, bodies=tuple(self.profile.relevant_bodies),
                                            **self._kwargs(actor))
        return self._save(application.reference, application)

    # ---------------------------------------------------------------- incident verification
    def request_verification(self, reference: str, *, agency: str, requested_on: date, actor: str) -> Recorded:
        """Ask ``agency`` to confirm the incidents reported to it (due in the profile's working days)."""
        application = self._case_application(reference)
        application.request_verification(
            agency=agency, requested_on=requested_on,
            due_on=due_on(Step.INCIDENT_VERIFICATION, requested_on, self.profile.timescales, self.calendar),
            **self._kwargs(actor))
        return self._save(application.reference, application)

    def answer_verification(
        self, reference: str, *, number: int, agency: str, answer: VerificationAnswer, answered_on: date,
        actor: str, agency_reference: str = "", reason: str = "",
    ) -> Recorded:
        """Record ``agency``'s answer about incident ``number``: confirmed, disputed or no record held."""
        application = self._case_application(reference)
        application.answer_verification(number=number, agency=agency, answer=answer, answered_on=answered_on,
                                        agency_reference=agency_reference, reason=reason, **self._kwargs(actor))
        return self._save(application.reference, application, number=number)

    # ------------------------------------------------------------------- threshold decision
    def assess_threshold(self, reference: str) -> ThresholdAssessment:
        """The assessment under the partnership's current policy (records nothing)."""
        application = self._application(reference)
        return application.assess_threshold(self.profile.threshold)

    def decide_threshold_met(
        self, reference: str, *, decided_on: date, actor: str, reason: str = "", unverified_reason: str = ""
    ) -> Recorded:
        """Record that the threshold is met (as the policy says) and open the case review."""
        application = self._case_application(reference)
        application.decide_threshold_met(
            assessment=self._assess(application), policy=self.profile.threshold,
            decided_on=decided_on, reason=reason, unverified_reason=unverified_reason, **self._kwargs(actor),
        )
        return self._open_review(application, decided_on, ReviewRoute.THRESHOLD_MET, actor)

    def decide_threshold_met_by_discretion(
        self, reference: str, *, decided_on: date, grounds: tuple[DiscretionGround, ...],
        reason: str, actor: str, unverified_reason: str = "",
    ) -> Recorded:
        application = self._case_application(reference)
        application.decide_threshold_met_by_discretion(
            assessment=self._assess(application), policy=self.profile.threshold,
            decided_on=decided_on, grounds=grounds, reason=reason, unverified_reason=unverified_reason,
            **self._kwargs(actor),
        )
        return self._open_review(application, decided_on, ReviewRoute.MET_BY_DISCRETION, actor)

    def decide_threshold_not_met(
        self, reference: str, *, decided_on: date, reason: str, alternative_action: str,
        actor: str, unverified_reason: str = "",
    ) -> Recorded:
        application = self._case_application(reference)
        application.decide_threshold_not_met(
            assessment=self._assess(application), policy=self.profile.threshold,
            decided_on=decided_on, reason=reason, alternative_action=alternative_action,
            unverified_reason=unverified_reason, **self._kwargs(actor),
        )
        return self._save(application.reference, application)

    def _assess(self, application: Application) -> ThresholdAssessment:
        return application.assess_threshold(self.profile.threshold)

    def _open_review(
        self, application: Application, opened_on: date, route: ReviewRoute, actor: str
    ) -> Recorded:
        kwargs = self._kwargs(actor)
        review = CaseReview.open(reference=application.reference, application_id=application.id,
                                 opened_on=opened_on, route=route, **kwargs)
        application.mark_review_opened(opened_on=opened_on, actor=kwargs["actor"])
        return self._save(application.reference, application, review)

    def send_decision_letter(
        self, reference: str, *, sent_on: date, channel: LetterChannel, actor: str
    ) -> Recorded:
        application = self._case_application(reference)
        application.send_decision_letter(sent_on=sent_on, channel=channel, **self._kwargs(actor))
        return self._save(application.reference, application)

    # -------------------------------------------------------------------------------- appeal
    def appeal_window_closes_on(self, application: Application) -> date | None:
        return appeal_window_closes_on(application, self.profile.timescales, self.calendar)

    # ------------------------------------------------------------------------ what can happen next
    def available_actions(self, case: Case) -> tuple[Action, ...]:
        """The commands ``case`` may take now and who may take each, as the domain's own checks answer."""
        return available_actions(case.application, case.review, Circumstances(
            policy=self.profile.threshold, limits=self.profile.limits, today=self.today(),
            appeal_window_closes_on=self.appeal_window_closes_on(case.application)))

    def lodge_appeal(
        self, reference: str, *, lodged_on: date, grounds: str, actor: str, late_reason: str = ""
    ) -> Recorded:
        application = self._case_application(reference)
        closes_on = self.appeal_window_closes_on(application) or lodged_on
        application.lodge_appeal(
            lodged_on=lodged_on, grounds=self._narrative(application, grounds),
            window_closes_on=closes_on, late_reason=late_reason, **self._kwargs(actor),
        )
        notice = self.body_notice(application.reference, Dissatisfaction.DECISION, Step.APPEAL_DECISION,
                                  lodged_on, actor)
        return self._save(application.reference, notice, application)

    def uphold_appeal(self, reference: str, *, decided_on: date, reason: str, actor: str) -> Recorded:
        """Uphold an appeal against 'not met': the case goes to a review."""
        application = self._case_application(reference)
        application.uphold_appeal(decided_on=decided_on, reason=reason, **self._kwargs(actor))
        return self._open_review(application, decided_on, ReviewRoute.APPEAL_UPHELD, actor)

    def dismiss_appeal(
        self, reference: str, *, decided_on: date, reason: str, actor: str
    ) -> Recorded:
        application = self._case_application(reference)
        application.dismiss_appeal(decided_on=decided_on, reason=reason, **self._kwargs(actor))
        return self._save(application.reference, application)

    # ------------------------------------------------------------------------------ endings
    def withdraw_application(
        self, reference: str, *, withdrawn_on: date, reason: str, actor: str
    ) -> Recorded:
        """The applicant withdraws; an open case review ends with it."""
        application = self._case_application(reference)
        kwargs = self._kwargs(actor)
        application.withdraw(withdrawn_on=withdrawn_on, reason=reason, **kwargs)
        changed = [application]
        if application.review_opened:
            review = self.repository.get(case_review_id(application.reference))
            if not review.closed_on:
                review.end_on_withdrawal(withdrawn_on=withdrawn_on, reason=reason, **kwargs)
                changed.append(review)
        return self._save(application.reference, *changed)

    def reject_application(
        self, reference: str, *, rejected_on: date, ground: RejectionGround, reason: str,
        actor: str,
    ) -> Recorded:
        application = self._case_application(reference)
        application.reject(rejected_on=rejected_on, ground=ground, reason=reason,
                           **self._kwargs(actor))
        return self._save(application.reference, application)

    def close_application(
        self, reference: str, *, closed_on: date, reason: str, actor: str
    ) -> Recorded:
        application = self._case_application(reference)
        application.close(closed_on=closed_on, reason=reason,
                          appeal_window_closes_on=self.appeal_window_closes_on(application),
                          **self._kwargs(actor))
        return self._save(application.reference, application)

