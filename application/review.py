"""Use cases of the case review: agency information, panel, recommendations, letters, the
secondary review and closure."""

from __future__ import annotations

from datetime import date

from application.core import Recorded
from application.escalation import EscalationUseCases
from domain.deadlines import secondary_review_window_closes_on
from domain.routes import Dissatisfaction
from domain.timescales import Step, due_on
from domain.values import AgencyResponseKind, LetterChannel, SecondaryReviewOutcome
from domain.victims import MeetingFormat


class ReviewUseCases(EscalationUseCases):
    def _due(self, step: Step, start: date) -> date:
        return due_on(step, start, self.profile.timescales, self.calendar)

    def request_agency_information(
        self, reference: str, *, agency: str, requested_on: date, actor: str
    ) -> Recorded:
        application, review = self._review(reference, "requesting agency information")
        application.check_can_share_with_new_agency()
        review.request_agency_information(
            agency=agency, requested_on=requested_on,
            due_on=self._due(Step.AGENCY_INFORMATION, requested_on), limits=self.profile.limits,
            **self._kwargs(actor),
        )
        return self._save(review.reference, review)

    def request_information_from_agencies(
        self, reference: str, *, agencies: tuple[str, ...], requested_on: date, actor: str
    ) -> Recorded:
        """One request for information to each agency, saved together: if the review refuses any of them (already
        asked, the profile's most, the panel held), none is recorded."""
        application, review = self._review(reference, "requesting agency information")
        application.check_can_share_with_new_agency()
        due_on = self._due(Step.AGENCY_INFORMATION, requested_on)
        for agency in agencies:
            review.request_agency_information(agency=agency, requested_on=requested_on, due_on=due_on,
                                              limits=self.profile.limits, **self._kwargs(actor))
        return self._save(review.reference, review)

    def record_agency_information(
        self, reference: str, *, agency: str, received_on: date, summary: str, actor: str
    ) -> Recorded:
        application, review = self._review(reference, "recording agency information")
        review.record_agency_information(
            agency=agency, received_on=received_on,
            summary=self._narrative(application, summary), **self._kwargs(actor),
        )
        return self._save(review.reference, review)

    def schedule_panel(
        self, reference: str, *, panel_date: date, chair: str, independent_chair: bool,
        members: tuple[str, ...], scheduled_on: date, actor: str,
    ) -> Recorded:
        _, review = self._review(reference, "scheduling a panel")
        review.schedule_panel(panel_date=panel_date, chair=chair,
                              independent_chair=independent_chair, members=members,
                              scheduled_on=scheduled_on, **self._kwargs(actor))
        return self._save(review.reference, review)

    def invite_victim(
        self, reference: str, *, invited_on: date, method: str, actor: str, format: MeetingFormat | None = None,
    ) -> Recorded:
        _, review = self._review(reference, "inviting the victim to the panel")
        review.invite_victim(invited_on=invited_on, method=method, format=format, **self._kwargs(actor))
        return self._save(review.reference, review)

    def receive_impact_statement(
        self, reference: str, *, received_on: date, statement: str, actor: str
    ) -> Recorded:
        application, review = self._review(reference, "receiving an impact statement")
        review.receive_impact_statement(
            received_on=received_on, statement=self._narrative(application, statement),
            **self._kwargs(actor),
        )
        return self._save(review.reference, review)

    def hold_panel(
        self, reference: str, *, held_on: date, attendees: tuple[str, ...],
        victim_attended: bool, findings: str, actor: str, early_reason: str = "",
    ) -> Recorded:
        application, review = self._review(reference, "holding the review panel")
        review.hold_panel(held_on=held_on, attendees=attendees, victim_attended=victim_attended,
                          findings=self._narrative(application, findings), early_reason=early_reason,
                          **self._kwargs(actor))
        return self._save(review.reference, review)

    def issue_recommendation(
        self, reference: str, *, agency: str, text: str, issued_on: date, actor: str,
        response_due_on: date | None = None, target_on: date | None = None,
    ) -> Recorded:
        """Address a recommendation to an agency; its response is due, and its actions are to be completed, by
        the profile's targets unless dates are given. Returns the recommendation's number."""
        _, review = self._review(reference, "issuing a recommendation")
        due_on = response_due_on or self._due(Step.RECOMMENDATION_RESPONSE, issued_on)
        target = target_on or self._due(Step.RECOMMENDATION_COMPLETION, issued_on)
        number = review.issue_recommendation(agency=agency, text=text, issued_on=issued_on,
                                             response_due_on=due_on, limits=self.profile.limits,
                                             target_on=target, **self._kwargs(actor))
        return self._save(review.reference, review, number=number)

    def record_agency_response(
        self, reference: str, *, number: int, response: AgencyResponseKind, responded_on: date,
        actor: str, reason: str = "",
    ) -> Recorded:
        _, review = self._review(reference, "recording an agency's response")
        review.record_agency_response(number=number, response=response,
                                      responded_on=responded_on, reason=reason,
                                      **self._kwargs(actor))
        return self._save(review.reference, review)

    def send_delay_notice(
        self, reference: str, *, sent_on: date, reason: str, expected_by: date, actor: str
    ) -> Recorded:
        _, review = self._review(reference, "sending a delay letter")
        review.send_delay_notice(sent_on=sent_on, reason=reason, expected_by=expected_by,
                                 **self._kwargs(actor))
        return self._save(review.reference, review)

    def send_outcome_letter(
        self, reference: str, *, sent_on: date, channel: LetterChannel, actor: str
    ) -> Recorded:
        _, review = self._review(reference, "sending the outcome letter")
        review.send_outcome_letter(sent_on=sent_on, channel=channel, **self._kwargs(actor))
        return self._save(review.reference, review)

    def request_secondary_review(
        self, reference: str, *, requested_on: date, grounds: str, actor: str, late_reason: str = ""
    ) -> Recorded:
        """The applicant asks for a secondary review: within the window of the profile's route for a review (from
        the outcome letter), or later with the reason it is accepted late; the route's body is told."""
        application, review = self._review(reference, "requesting a secondary review")
        review.request_secondary_review(
            requested_on=requested_on, grounds=self._narrative(application, grounds), late_reason=late_reason,
            window_closes_on=secondary_review_window_closes_on(review, self.profile.timescales, self.calendar),
            **self._kwargs(actor))
        notice = self.body_notice(review.reference, Dissatisfaction.REVIEW, Step.SECONDARY_REVIEW, requested_on,
                                  actor)
        return self._save(review.reference, notice, review)

    def hold_secondary_review(
        self, reference: str, *, held_on: date, panel: tuple[str, ...], chair: str, actor: str
    ) -> Recorded:
        _, review = self._review(reference, "holding a secondary review")
        review.hold_secondary_review(held_on=held_on, panel=panel, chair=chair,
                                     **self._kwargs(actor))
        return self._save(review.reference, review)

    def conclude_secondary_review(
        self, reference: str, *, concluded_on: date, outcome: SecondaryReviewOutcome,
        reason: str, actor: str,
    ) -> Recorded:
        _, review = self._review(reference, "concluding a secondary review")
        review.conclude_secondary_review(concluded_on=concluded_on, outcome=outcome,
                                         reason=reason, **self._kwargs(actor))
        return self._save(review.reference, review)

    def close_review(
        self, reference: str, *, closed_on: date, reason: str, actor: str, open_recommendations_reason: str = "",
    ) -> Recorded:
        _, review = self._review(reference, "closing the case review")
        review.close(closed_on=closed_on, reason=reason, open_recommendations_reason=open_recommendations_reason,
                     **self._kwargs(actor))
        return self._save(review.reference, review)
