"""The CaseReview aggregate: the review that follows a met threshold (or an upheld appeal), from
agency information to the panel, recommendations, the outcome letter and a secondary review."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.dates import done_first, not_already, not_before, not_in_future
from domain.errors import (
    AlreadyRecordedError,
    CaseClosedError,
    CaseLimitReachedError,
    InvalidDetailsError,
    OpenRecommendationsError,
    OutOfOrderError,
    PanelNotHeldError,
    SecondaryReviewNotAllowedError,
    UnknownItemError,
    VictimInvolvementError,
)
from domain.ids import case_review_id
from domain.periods import long_date
from domain.personal import Narrative, normal_name
from domain.profile import CaseLimits
from domain.stage import Stage
from domain.upcasting import fields_added
from domain.values import (
    AgencyResponseKind,
    LetterChannel,
    ReviewRoute,
    SecondaryReviewOutcome,
    require_agency,
    require_text,
)
from domain.victims import GUIDANCE_2021, GUIDANCE_2025, ActionPlan, InvolvementLevel, MeetingFormat, ShareMethod


@dataclass
class AgencyRequest:
    agency: str
    requested_on: date
    due_on: date
    received_on: date | None = None


@dataclass
class Recommendation:
    number: int
    agency: str
    text: str
    issued_on: date
    response_due_on: date
    responses: list[tuple[AgencyResponseKind, date]] = field(default_factory=list)
    target_on: date | None = None  # when the actions should be completed (None: issued before targets were kept)

    @property
    def latest_response(self) -> AgencyResponseKind | None:
        return self.responses[-1][0] if self.responses else None

    @property
    def completed_on(self) -> date | None:
        """The date the agency completed the actions, as it reported."""
        return next((on for kind, on in self.responses if kind is AgencyResponseKind.COMPLETED), None)

    @property
    def declined_on(self) -> date | None:
        return self.responses[-1][1] if self.latest_response is AgencyResponseKind.DECLINED else None

    @property
    def is_open(self) -> bool:
        """Still to be followed up: neither completed nor declined."""
        return self.completed_on is None and self.declined_on is None

    @property
    def completed_on_time(self) -> bool:
        return (self.completed_on is not None and self.target_on is not None
                and self.completed_on <= self.target_on)


@dataclass(frozen=True)
class DelayNotice:
    sent_on: date
    reason: str
    expected_by: date


SHIPPED_LIMITS = CaseLimits()
REVIEW_TYPES: tuple[type, ...] = (AgencyRequest, Recommendation, DelayNotice)  # kept in the review's snapshots


class CaseReview(Aggregate):
    class_version = 4  # 2: which recommendations the secondary review made, and its late reason; 3: the victim's
    # involvement, the panel invitation's format or reason, the action plan; 4: the panel's members

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """A snapshot stored before the secondary review's own recommendations were told apart: those issued
        before it was held are the panel's."""
        held = state.get("secondary_held_on")
        state.setdefault("panel_recommendation_count", None if held is None else sum(
            1 for r in state.get("recommendations", []) if getattr(r, "issued_on", held) < held))

    @staticmethod
    def upcast_v2_v3(state: dict[str, Any]) -> None:
        """A snapshot stored before the victim's involvement was kept: none recorded."""
        for name, value in (("involvement", None), ("involvement_chosen_on", None), ("invitation_format", None),
                            ("not_invited_reason", ""), ("not_invited_on", None), ("early_reason", ""),
                            ("action_plan", None)):
            state.setdefault(name, value)

    @staticmethod
    def upcast_v3_v4(state: dict[str, Any]) -> None:
        """A snapshot stored before the panel's members were kept: none known. A snapshot cannot read the
        scheduling event again, so the panel papers' query rebuilds such a review from its events
        (``application.panel_papers.as_recorded``)."""
        state.setdefault("panel_members", [])

    @staticmethod
    def create_id(reference: str) -> UUID:
        return case_review_id(reference)

    @classmethod
    def open(
        cls, *, reference: str, application_id: UUID, opened_on: date, route: ReviewRoute,
        actor: str, today: date,
    ) -> CaseReview:
        not_in_future(opened_on, today, "date the review was opened")
        return cls(reference=reference, application_id=application_id, opened_on=opened_on,
                   route=route, actor=actor)

    @event("Opened")
    def __init__(
        self, *, reference: str, application_id: UUID, opened_on: date, route: ReviewRoute,
        actor: str,
    ) -> None:
        self.reference = reference
        self.application_id = application_id
        self.opened_on = opened_on
        self.route = route
        self.agency_requests: dict[str, AgencyRequest] = {}
        self.panel_date: date | None = None
        self.panel_scheduled_on: date | None = None
        self.chair: str = ""
        self.independent_chair = False
        self.panel_members: list[str] = []  # as scheduled: one person or agency a line (a list, as snapshots keep it)
        self.victim_invited_on: date | None = None
        self.impact_statement_received_on: date | None = None
        self.panel_held_on: date | None = None
        self.victim_attended: bool | None = None
        self.findings: Narrative | None = None
        self.recommendations: list[Recommendation] = []
        self.delay_notices: list[date] = []
        self.delays: list[DelayNotice] = []  # the same notices, with the reason and the expected date
        self.outcome_letter_sent_on: date | None = None
        self.secondary_requested_on: date | None = None
        self.secondary_held_on: date | None = None
        self.secondary_concluded_on: date | None = None
        self.secondary_outcome: SecondaryReviewOutcome | None = None
        self.secondary_reason = ""
        self.panel_recommendation_count: int | None = None  # set when the secondary review is held
        self.closed_on: date | None = None
        self.involvement: InvolvementLevel | None = None
        self.involvement_chosen_on: date | None = None
        self.invitation_format: MeetingFormat | None = None
        self.not_invited_reason = ""  # why the victim is not invited to the panel (one or the other before it)
        self.not_invited_on: date | None = None
        self.early_reason = ""  # why the panel was held before the date it was scheduled for
        self.action_plan: ActionPlan | None = None

    @property
    def stage(self) -> Stage:
        for done, stage in (
            (self.closed_on, Stage.CLOSED),
            (self.secondary_concluded_on, Stage.SECONDARY_REVIEW_CONCLUDED),
            (self.secondary_held_on, Stage.SECONDARY_REVIEW_HELD),
            (self.secondary_requested_on, Stage.SECONDARY_REVIEW_REQUESTED),
            (self.outcome_letter_sent_on, Stage.OUTCOME_LETTER_SENT),
            (self.recommendations, Stage.RECOMMENDATIONS_ISSUED),
            (self.panel_held_on, Stage.PANEL_HELD),
            (self.panel_date, Stage.PANEL_SCHEDULED),
            (self.agency_requests, Stage.AGENCY_INFORMATION_REQUESTED),
        ):
            if done:
                return stage
        return Stage.REVIEW_OPENED

    # ---------------------------------------------------------------------------- guards
    def check_case_open(self) -> None:
        """Once its review is closed a case has ended: nothing more is recorded on its application either."""
        self._require_not_closed()

    def _require_not_closed(self) -> None:
        if self.closed_on:
            raise CaseClosedError(
                f"The case review for {self.reference} was closed on {long_date(self.closed_on)};"
                " no further steps can be recorded."
            )

    def _require_open(self, on: date, today: date, what: str) -> None:
        self._require_not_closed()
        not_in_future(on, today, what)
        not_before(on, self.opened_on, what, "the date the review was opened")

    def _require_panel_held(self, step: str) -> None:
        if not self.panel_held_on:
            raise PanelNotHeldError(
                f"{step[0].upper()}{step[1:]} can only happen after the review panel has been "
                f"held; record the panel for {self.reference} first."
            )

    # ------------------------------------------------------------------ agency information
    def request_agency_information(
        self, *, agency: str, requested_on: date, due_on: date, actor: str, today: date,
        limits: CaseLimits = SHIPPED_LIMITS,
    ) -> None:
        self._require_open(requested_on, today, "request date")
        require_agency(agency, "you are asking for information")
        if agency.strip() in self.agency_requests:
            raise AlreadyRecordedError(f"Information was already requested from {agency}.")
        self.check_can_request_agency_information(limits)
        self._request_agency_information(agency=agency.strip(), requested_on=requested_on,
                                         due_on=due_on, actor=actor)

    def check_can_request_agency_information(self, limits: CaseLimits = SHIPPED_LIMITS) -> None:
        self._require_not_closed()
        if len(self.agency_requests) >= limits.max_agency_requests:
            raise CaseLimitReachedError(
                f"This review has already asked {len(self.agency_requests)} agencies for information, the most "
                "the partnership's profile allows (limits.max_agency_requests). Ask one of those agencies to "
                "gather what the others hold, or ask an administrator to raise max_agency_requests in the "
                "profile."
            )
        if self.panel_held_on:
            raise OutOfOrderError("The panel has been held; information is requested before it.")

    @event("AgencyInformationRequested")
    def _request_agency_information(
        self, *, agency: str, requested_on: date, due_on: date, actor: str
    ) -> None:
        self.agency_requests[agency] = AgencyRequest(agency, requested_on, due_on)

    def record_agency_information(
        self, *, agency: str, received_on: date, summary: Narrative, actor: str, today: date
    ) -> None:
        self._require_open(received_on, today, "date the information was received")
        request = self.check_can_record_agency_information(agency)
        not_before(received_on, request.requested_on, "date received", "the request")
        require_text(summary.text, "a summary of what the agency supplied")
        self._record_agency_information(agency=request.agency, received_on=received_on,
                                        summary=summary, actor=actor)

    def check_can_record_agency_information(self, agency: str) -> AgencyRequest:
        """The open request to ``agency`` its information answers."""
        self._require_not_closed()
        request = self.agency_requests.get(agency.strip())
        if request is None:
            asked = ", ".join(self.agency_requests) or "no agency yet"
            raise UnknownItemError(
                f"No information was requested from {agency}; requests went to {asked}."
            )
        not_already(request.received_on, f"{agency}'s information was already received")
        return request

    @event("AgencyInformationReceived")
    def _record_agency_information(
        self, *, agency: str, received_on: date, summary: Narrative, actor: str
    ) -> None:
        self.agency_requests[agency].received_on = received_on

    # --------------------------------------------------------------------------------- panel
    def schedule_panel(
        self, *, panel_date: date, chair: str, independent_chair: bool, members: tuple[str, ...],
        actor: str, today: date, scheduled_on: date,
    ) -> None:
        self._require_open(scheduled_on, today, "date the panel was scheduled")
        self.check_can_schedule_panel()
        require_text(chair, "who chairs the panel")
        not_before(panel_date, self.opened_on, "panel date", "the date the review was opened")
        self._schedule_panel(panel_date=panel_date, chair=chair,
                             independent_chair=independent_chair, members=tuple(members),
                             scheduled_on=scheduled_on, actor=actor)

    def check_can_schedule_panel(self) -> None:
        self._require_not_closed()
        if self.panel_held_on:
            raise AlreadyRecordedError("The panel has already been held.")

    @event("PanelScheduled")
    def _schedule_panel(
        self, *, panel_date: date, chair: str, independent_chair: bool, members: tuple[str, ...],
        scheduled_on: date, actor: str,
    ) -> None:
        self.panel_date, self.chair, self.independent_chair = panel_date, chair, independent_chair
        self.panel_scheduled_on = scheduled_on
        self.panel_members = list(members)

    def panel_member(self, agency: str) -> bool:
        """Whether ``agency`` sits on this review's scheduled panel and may read its papers: named among the
        members (a line that is the agency, or names it, as in "PC Lee, Kent Police"), and only until the review
        closes."""
        wanted = normal_name(agency)
        if not wanted or self.panel_date is None or self.closed_on is not None:
            return False
        return any(wanted in normal_name(member) for member in self.panel_members)

    def invite_victim(
        self, *, invited_on: date, method: str, actor: str, today: date, format: MeetingFormat | None = None,
    ) -> None:
        self._require_open(invited_on, today, "invitation date")
        self.check_can_invite_victim()
        require_text(method, "how the victim was invited (letter, email, phone)")
        if format is None:
            raise InvalidDetailsError(f"Choose whether the victim attends in person or virtually ({GUIDANCE_2025}).")
        self._invite_victim(invited_on=invited_on, method=method, actor=actor, format=format)

    def check_can_invite_victim(self) -> None:
        self._require_not_closed()
        done_first(self.panel_date, "Schedule the panel first, so the invitation can give its date.")
        if self.panel_held_on:
            raise OutOfOrderError("The panel has already been held.")
        not_already(self.victim_invited_on, "The victim was already invited")
        if self.not_invited_reason:
            raise AlreadyRecordedError(f"It is recorded that the victim is not invited: {self.not_invited_reason}")

    @event("VictimInvited")
    def _invite_victim(self, *, invited_on: date, method: str, actor: str, format: MeetingFormat | None = None) -> None:
        self.victim_invited_on = invited_on
        self.invitation_format = format

    def decide_not_to_invite_victim(self, *, decided_on: date, reason: str, actor: str, today: date) -> None:
        self._require_open(decided_on, today, "date of the decision")
        self.check_can_decide_not_to_invite_victim()
        require_text(reason, f"why the victim is not invited to the panel ({GUIDANCE_2021})")
        self._decide_not_to_invite_victim(decided_on=decided_on, reason=reason.strip(), actor=actor)

    def check_can_decide_not_to_invite_victim(self) -> None:
        self._require_not_closed()
        if self.panel_held_on:
            raise OutOfOrderError("The panel has already been held.")
        not_already(self.victim_invited_on, "The victim was already invited")
        if self.not_invited_reason:
            raise AlreadyRecordedError("Why the victim is not invited is already recorded.")

    @event("VictimNotInvited")
    def _decide_not_to_invite_victim(self, *, decided_on: date, reason: str, actor: str) -> None:
        self.not_invited_reason, self.not_invited_on = reason, decided_on

    def choose_involvement(self, *, level: InvolvementLevel, chosen_on: date, actor: str, today: date) -> None:
        self._require_open(chosen_on, today, "date the victim chose")
        self.check_can_choose_involvement()
        if level is self.involvement:
            raise AlreadyRecordedError(f"The victim's chosen involvement is already: {level.label}.")
        self._choose_involvement(level=level, chosen_on=chosen_on, actor=actor)

    def check_can_choose_involvement(self) -> None:
        self._require_not_closed()

    @event("VictimInvolvementChosen")
    def _choose_involvement(self, *, level: InvolvementLevel, chosen_on: date, actor: str) -> None:
        self.involvement, self.involvement_chosen_on = level, chosen_on

    def receive_impact_statement(
        self, *, received_on: date, statement: Narrative, actor: str, today: date
    ) -> None:
        self._require_open(received_on, today, "date the statement was received")
        self.check_can_receive_impact_statement()
        require_text(statement.text, "the impact statement")
        self._receive_impact_statement(received_on=received_on, statement=statement, actor=actor)

    def check_can_receive_impact_statement(self) -> None:
        self._require_not_closed()
        if self.panel_held_on:
            raise OutOfOrderError("The panel has already been held.")

    @event("ImpactStatementReceived")
    def _receive_impact_statement(
        self, *, received_on: date, statement: Narrative, actor: str
    ) -> None:
        self.impact_statement_received_on = received_on

    def hold_panel(
        self, *, held_on: date, attendees: tuple[str, ...], victim_attended: bool,
        findings: Narrative, actor: str, today: date, early_reason: str = "",
    ) -> None:
        self._require_open(held_on, today, "date the panel was held")
        self.check_can_hold_panel()
        not_before(held_on, self.panel_scheduled_on, "date the panel was held", "the date it was scheduled")
        if self.panel_date and held_on < self.panel_date and not early_reason.strip():
            raise InvalidDetailsError(
                f"The panel was scheduled for {long_date(self.panel_date)}; enter why it was held earlier, on "
                f"{long_date(held_on)} (the victim and the agencies were told the scheduled date).")
        if not attendees:
            raise InvalidDetailsError("Enter who attended the panel.")
        require_text(findings.text, "the panel's findings")
        self._hold_panel(held_on=held_on, attendees=tuple(attendees),
                         victim_attended=victim_attended, findings=findings, actor=actor,
                         early_reason=early_reason.strip() if self.panel_date and held_on < self.panel_date else "")

    def check_can_hold_panel(self) -> None:
        self._require_not_closed()
        done_first(self.panel_date, f"Schedule the panel for {self.reference} before recording that it was held.")
        not_already(self.panel_held_on, "The panel was already held")
        if not self.victim_invited_on and not self.not_invited_reason:
            raise VictimInvolvementError(
                f"Invite the victim to the panel (in person or virtually), or record why they are not invited, "
                f"before the panel is held: {GUIDANCE_2021}.")

    @event("PanelHeld")
    def _hold_panel(
        self, *, held_on: date, attendees: tuple[str, ...], victim_attended: bool,
        findings: Narrative, actor: str, early_reason: str = "",
    ) -> None:
        self.panel_held_on, self.victim_attended, self.findings = held_on, victim_attended, findings
        self.early_reason = early_reason

    # ---------------------------------------------------------------------------- action plan
    def draft_action_plan(self, *, drafted_on: date, plan: Narrative, actor: str, today: date) -> None:
        self._require_open(drafted_on, today, "date the action plan was drafted")
        self.check_can_draft_action_plan()
        not_before(drafted_on, self.panel_held_on, "date the action plan was drafted", "the panel")
        require_text(plan.text, "the draft action plan")
        self._draft_action_plan(drafted_on=drafted_on, plan=plan, actor=actor)

    def check_can_draft_action_plan(self) -> None:
        self._require_not_closed()
        self._require_panel_held("drafting the action plan")
        if self.action_plan is not None:
            raise AlreadyRecordedError(f"The action plan was drafted on {long_date(self.action_plan.drafted_on)}.")

    @event("ActionPlanDrafted")
    def _draft_action_plan(self, *, drafted_on: date, plan: Narrative, actor: str) -> None:
        self.action_plan = ActionPlan(drafted_on)

    def _require_plan(self) -> ActionPlan:
        if self.action_plan is None:
            raise VictimInvolvementError("Draft the action plan first.")
        if self.action_plan.finalised_on:
            raise AlreadyRecordedError(f"The action plan was finalised on {long_date(self.action_plan.finalised_on)}.")
        return self.action_plan

    def share_action_plan(self, *, shared_on: date, how: ShareMethod, actor: str, today: date) -> None:
        self._require_open(shared_on, today, "date the action plan was shared")
        plan = self.check_can_share_action_plan()
        not_before(shared_on, plan.drafted_on, "date the action plan was shared", "the date it was drafted")
        self._share_action_plan(shared_on=shared_on, how=how, actor=actor)

    def check_can_share_action_plan(self) -> ActionPlan:
        self._require_not_closed()
        plan = self._require_plan()
        not_already(plan.shared_on, "The draft action plan was already shared with the victim")
        return plan

    @event("ActionPlanShared")
    def _share_action_plan(self, *, shared_on: date, how: ShareMethod, actor: str) -> None:
        assert self.action_plan is not None
        self.action_plan = replace(self.action_plan, shared_on=shared_on, shared_how=how)

    def record_action_plan_response(
        self, *, responded_on: date, response: Narrative, actor: str, today: date,
    ) -> None:
        self._require_open(responded_on, today, "date of the victim's response")
        plan = self.check_can_record_action_plan_response()
        not_before(responded_on, plan.shared_on, "date of the victim's response", "the date the plan was shared")
        require_text(response.text, "the victim's response to the draft action plan")
        self._record_action_plan_response(responded_on=responded_on, response=response, actor=actor)

    def check_can_record_action_plan_response(self) -> ActionPlan:
        self._require_not_closed()
        plan = self._require_plan()
        done_first(plan.shared_on, "Share the draft action plan with the victim before recording their response.")
        not_already(plan.response_on, "The victim's response was already recorded")
        return plan

    @event("ActionPlanResponseReceived")
    def _record_action_plan_response(self, *, responded_on: date, response: Narrative, actor: str) -> None:
        assert self.action_plan is not None
        self.action_plan = replace(self.action_plan, response_on=responded_on)

    def finalise_action_plan(
        self, *, finalised_on: date, actor: str, today: date, without_consultation: str = "",
    ) -> None:
        self._require_open(finalised_on, today, "date the action plan was finalised")
        plan = self.check_can_finalise_action_plan()
        not_before(finalised_on, plan.response_on or plan.drafted_on, "date the action plan was finalised",
                   "the victim's response" if plan.response_on else "the date it was drafted")
        if not plan.consulted and not without_consultation.strip():
            raise VictimInvolvementError(
                "The victim has not responded to the draft action plan: record their response, or why the plan "
                f"is finalised without it ({GUIDANCE_2025}).")
        self._finalise_action_plan(finalised_on=finalised_on, actor=actor,
                                   without_consultation="" if plan.consulted else without_consultation.strip())

    def check_can_finalise_action_plan(self) -> ActionPlan:
        self._require_not_closed()
        return self._require_plan()

    @event("ActionPlanFinalised")
    def _finalise_action_plan(self, *, finalised_on: date, actor: str, without_consultation: str) -> None:
        assert self.action_plan is not None
        self.action_plan = replace(self.action_plan, finalised_on=finalised_on,
                                   finalised_without_consultation=without_consultation)

    # ----------------------------------------------------------------------- recommendations
    def issue_recommendation(
        self, *, agency: str, text: str, issued_on: date, response_due_on: date, actor: str,
        today: date, limits: CaseLimits = SHIPPED_LIMITS, target_on: date | None = None,
    ) -> int:
        self._require_open(issued_on, today, "date the recommendation was issued")
        self._require_panel_held("issuing a recommendation")
        not_before(issued_on, self.panel_held_on, "date the recommendation was issued", "the panel")
        if target_on is not None:
            not_before(target_on, issued_on, "target date for completing the actions", "the recommendation")
        require_agency(agency, "the recommendation is addressed to")
        require_text(text, "what the agency is recommended to do")
        self.check_can_issue_recommendation(limits)
        number = len(self.recommendations) + 1
        self._issue_recommendation(number=number, agency=agency.strip(), text=text,
                                   issued_on=issued_on, response_due_on=response_due_on,
                                   actor=actor, target_on=target_on)
        return number

    def check_can_issue_recommendation(self, limits: CaseLimits = SHIPPED_LIMITS) -> None:
        self._require_not_closed()
        self._require_panel_held("issuing a recommendation")
        if self.secondary_requested_on and not self.secondary_held_on:
            raise OutOfOrderError("Hold the secondary review before issuing its recommendations.")
        if self.outcome_letter_sent_on and not self.secondary_held_on:
            raise OutOfOrderError(
                "The outcome letter has been sent; further recommendations come from a secondary "
                "review."
            )
        if len(self.recommendations) >= limits.max_recommendations:
            raise CaseLimitReachedError(
                f"This review has already issued {len(self.recommendations)} recommendations, the most the "
                "partnership's profile allows (limits.max_recommendations). One recommendation can list "
                "several actions for the same agency; or ask an administrator to raise max_recommendations "
                "in the profile."
            )

    @event("RecommendationIssued")
    def _issue_recommendation(
        self, *, number: int, agency: str, text: str, issued_on: date, response_due_on: date,
        actor: str, target_on: date | None = None,  # None in events stored before targets were kept
    ) -> None:
        self.recommendations.append(
            Recommendation(number, agency, text, issued_on, response_due_on, target_on=target_on)
        )

    def record_agency_response(
        self, *, number: int, response: AgencyResponseKind, responded_on: date, reason: str,
        actor: str, today: date,
    ) -> None:
        not_in_future(responded_on, today, "date of the response")
        recommendation = self._recommendation(number)
        not_before(responded_on, recommendation.issued_on, "response date", "the recommendation")
        if response is AgencyResponseKind.DECLINED:
            require_text(reason, "the agency's reason for declining (it must 'have regard' to it)")
        if response is AgencyResponseKind.PROGRESS:
            require_text(reason, "the progress the agency reported")
        self.check_can_record_agency_response(number)
        if (response in (AgencyResponseKind.PROGRESS, AgencyResponseKind.COMPLETED)
                and recommendation.latest_response is AgencyResponseKind.DECLINED):
            raise OutOfOrderError(
                f"{recommendation.agency} declined recommendation {number}; record that it accepted it "
                "before reporting progress or completion.")
        if recommendation.responses:
            not_before(responded_on, recommendation.responses[-1][1], "response date",
                       "the agency's last response")
        self._record_agency_response(number=number, agency=recommendation.agency,
                                     response=response, responded_on=responded_on, reason=reason,
                                     actor=actor)

    def check_can_record_agency_response(self, number: int) -> None:
        # Responses are still recorded after the review closes: recommendations are followed up.
        if self._recommendation(number).latest_response is AgencyResponseKind.COMPLETED:
            raise AlreadyRecordedError(f"Recommendation {number} is already completed.")

    @event("AgencyResponded")
    def _record_agency_response(
        self, *, number: int, agency: str, response: AgencyResponseKind, responded_on: date,
        reason: str, actor: str,
    ) -> None:
        self.recommendations[number - 1].responses.append((response, responded_on))

    def _recommendation(self, number: int) -> Recommendation:
        if not 1 <= number <= len(self.recommendations):
            raise UnknownItemError(
                f"{self.reference} has no recommendation {number}; it has "
                f"{len(self.recommendations)}."
            )
        return self.recommendations[number - 1]

    # ---------------------------------------------------------------------------- letters
    def send_delay_notice(
        self, *, sent_on: date, reason: str, expected_by: date, actor: str, today: date
    ) -> None:
        self._require_open(sent_on, today, "date the delay letter was sent")
        self.check_can_send_delay_notice()
        require_text(reason, "the reason for the delay, as the applicant will read it")
        not_before(expected_by, sent_on, "expected date", "the delay letter")
        self._send_delay_notice(sent_on=sent_on, reason=reason, expected_by=expected_by,
                                actor=actor)

    def check_can_send_delay_notice(self) -> None:
        self._require_not_closed()
        if self.outcome_letter_sent_on:
            raise OutOfOrderError("The outcome letter has already been sent; there is no delay.")

    @event("DelayNoticeSent")
    def _send_delay_notice(
        self, *, sent_on: date, reason: str, expected_by: date, actor: str
    ) -> None:
        self.delay_notices.append(sent_on)
        self.delays.append(DelayNotice(sent_on, reason, expected_by))

    def send_outcome_letter(
        self, *, sent_on: date, channel: LetterChannel, actor: str, today: date
    ) -> None:
        self._require_open(sent_on, today, "date the outcome letter was sent")
        self.check_can_send_outcome_letter()
        not_before(sent_on, self.panel_held_on, "letter date", "the panel")
        self._send_outcome_letter(sent_on=sent_on, channel=channel, actor=actor)

    def check_can_send_outcome_letter(self) -> None:
        self._require_not_closed()
        self._require_panel_held("sending the outcome letter")
        not_already(self.outcome_letter_sent_on, "The outcome letter was already sent")

    @event("OutcomeLetterSent")
    def _send_outcome_letter(self, *, sent_on: date, channel: LetterChannel, actor: str) -> None:
        self.outcome_letter_sent_on = sent_on

    # --------------------------------------------------------------------- secondary review
    def request_secondary_review(
        self, *, requested_on: date, grounds: Narrative, actor: str, today: date,
        window_closes_on: date | None = None, late_reason: str = "",
    ) -> None:
        """``window_closes_on``: the last day of the applicant's window (the profile's route for a review,
        counted from the outcome letter); a later request needs the reason it is accepted late."""
        self._require_open(requested_on, today, "date the secondary review was requested")
        self.check_can_request_secondary_review()
        not_before(requested_on, self.outcome_letter_sent_on, "request date", "the outcome letter")
        require_text(grounds.text, "why the applicant is dissatisfied")
        if window_closes_on is not None and requested_on > window_closes_on and not late_reason.strip():
            raise SecondaryReviewNotAllowedError(
                f"The window to ask for a secondary review closed on {long_date(window_closes_on)}; to accept a "
                "late request, record the reason for accepting it.")
        self._request_secondary_review(requested_on=requested_on, grounds=grounds, actor=actor,
                                       late_reason=late_reason)

    def check_can_request_secondary_review(self) -> None:
        self._require_not_closed()
        if not self.outcome_letter_sent_on:
            raise SecondaryReviewNotAllowedError(
                "A secondary review is requested after the outcome letter; send the outcome "
                "letter first."
            )
        if self.secondary_requested_on:
            raise AlreadyRecordedError(
                f"A secondary review was already requested on "
                f"{long_date(self.secondary_requested_on)}."
            )

    @event("SecondaryReviewRequested")
    def _request_secondary_review(
        self, *, requested_on: date, grounds: Narrative, actor: str, late_reason: str = ""
    ) -> None:
        self.secondary_requested_on = requested_on

    def hold_secondary_review(
        self, *, held_on: date, panel: tuple[str, ...], chair: str, actor: str, today: date
    ) -> None:
        self._require_open(held_on, today, "date the secondary review was held")
        self.check_can_hold_secondary_review()
        not_before(held_on, self.secondary_requested_on, "date held", "the request")
        require_text(chair, "who chaired the secondary review")
        if not panel:
            raise InvalidDetailsError("Enter who carried out the secondary review.")
        self._hold_secondary_review(held_on=held_on, panel=tuple(panel), chair=chair, actor=actor)

    def check_can_hold_secondary_review(self) -> None:
        self._require_not_closed()
        if not self.secondary_requested_on:
            raise SecondaryReviewNotAllowedError("No secondary review has been requested.")
        if self.secondary_held_on:
            raise AlreadyRecordedError("The secondary review has already been held.")

    @event("SecondaryReviewHeld")
    def _hold_secondary_review(
        self, *, held_on: date, panel: tuple[str, ...], chair: str, actor: str
    ) -> None:
        self.secondary_held_on = held_on
        self.panel_recommendation_count = len(self.recommendations)

    def conclude_secondary_review(
        self, *, concluded_on: date, outcome: SecondaryReviewOutcome, reason: str, actor: str,
        today: date,
    ) -> None:
        self._require_open(concluded_on, today, "date the secondary review concluded")
        self.check_can_conclude_secondary_review()
        not_before(concluded_on, self.secondary_held_on, "conclusion date", "the review")
        require_text(reason, "the reasons for the secondary review's conclusion")
        self._conclude_secondary_review(concluded_on=concluded_on, outcome=outcome,
                                        reason=reason, actor=actor)

    def check_can_conclude_secondary_review(self) -> None:
        self._require_not_closed()
        if not self.secondary_held_on:
            raise SecondaryReviewNotAllowedError(
                "Record that the secondary review was held before its conclusion."
            )
        if self.secondary_concluded_on:
            raise AlreadyRecordedError("The secondary review has already concluded.")

    @event("SecondaryReviewConcluded")
    def _conclude_secondary_review(
        self, *, concluded_on: date, outcome: SecondaryReviewOutcome, reason: str, actor: str
    ) -> None:
        self.secondary_concluded_on, self.secondary_outcome = concluded_on, outcome
        self.secondary_reason = reason

    @property
    def secondary_recommendations(self) -> list[Recommendation]:
        """What the secondary review itself recommended: those issued after it was held."""
        count = self.panel_recommendation_count
        return [] if count is None else self.recommendations[count:]

    @property
    def panel_recommendations(self) -> list[Recommendation]:
        count = self.panel_recommendation_count
        return list(self.recommendations if count is None else self.recommendations[:count])

    # -------------------------------------------------------------------------------- close
    def end_on_withdrawal(self, *, withdrawn_on: date, reason: str, actor: str, today: date) -> None:
        self._require_open(withdrawn_on, today, "withdrawal date")
        require_text(reason, "why the application was withdrawn")
        self._end_on_withdrawal(withdrawn_on=withdrawn_on, reason=reason, actor=actor)

    @event("EndedOnWithdrawal")
    def _end_on_withdrawal(self, *, withdrawn_on: date, reason: str, actor: str) -> None:
        self.closed_on = withdrawn_on

    @property
    def open_recommendations(self) -> list[Recommendation]:
        """The recommendations neither completed nor declined."""
        return [r for r in self.recommendations if r.is_open]

    @property
    def actions_completed_on(self) -> date | None:
        """When the last open recommendation was completed or declined, if at least one was completed and none is
        still open: the day the applicant can be told the actions are completed."""
        if not self.recommendations or self.open_recommendations:
            return None
        if not any(r.completed_on for r in self.recommendations):
            return None
        return max((r.completed_on or r.declined_on) for r in self.recommendations)  # type: ignore[type-var]

    def check_can_close(self) -> None:
        self._require_not_closed()
        done_first(self.outcome_letter_sent_on, "Send the outcome letter before closing: the applicant must be "
                   "told the findings and recommendations (s.104).")
        if self.secondary_requested_on and not self.secondary_concluded_on:
            raise SecondaryReviewNotAllowedError(
                "A secondary review is under way; conclude it before closing the case."
            )

    def close(
        self, *, closed_on: date, reason: str, actor: str, today: date, open_recommendations_reason: str = "",
    ) -> None:
        self._require_open(closed_on, today, "closing date")
        self.check_can_close()
        require_text(reason, "the reason for closing")
        still_open = self.open_recommendations
        if still_open and not open_recommendations_reason.strip():
            numbers = ", ".join(str(r.number) for r in still_open)
            raise OpenRecommendationsError(
                f"Recommendation{'s' if len(still_open) > 1 else ''} {numbers} {'are' if len(still_open) > 1 else 'is'}"
                " not yet completed or declined. Enter why the review is being closed before then: the agencies "
                "must still have regard to them (s.104(8)), and the applicant was told they would hear when the "
                "actions are completed.")
        self._close(closed_on=closed_on, reason=reason, actor=actor,
                    open_recommendations_reason=open_recommendations_reason.strip() if still_open else "",
                    open_recommendations=tuple(r.number for r in still_open))

    @event("Closed")
    def _close(
        self, *, closed_on: date, reason: str, actor: str, open_recommendations_reason: str = "",
        open_recommendations: tuple[int, ...] = (),  # both absent from events stored before they were kept
    ) -> None:
        self.closed_on = closed_on


# Fields the events gained after release 0.1.0 stored them (domain/upcasting.py), each with what an event stored
# before meant by leaving it out.
fields_added(CaseReview.Closed, 2, open_recommendations=(), open_recommendations_reason="")  # type: ignore[attr-defined]
fields_added(CaseReview.PanelHeld, 2, early_reason="")  # type: ignore[attr-defined]
fields_added(CaseReview.RecommendationIssued, 2, target_on=None)  # type: ignore[attr-defined]
fields_added(CaseReview.SecondaryReviewRequested, 2, late_reason="")  # type: ignore[attr-defined]
fields_added(CaseReview.VictimInvited, 2, format=None)  # type: ignore[attr-defined]
