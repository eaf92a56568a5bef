"""Use cases of the escalation routes (Schedule 4 paragraph 3; ``docs/ROUTES.md``): challenging a rejection,
and telling the body the profile names that a request has come for it.

The body is a party to the case: when an appeal, a challenge or a request for a secondary review is recorded,
an email to the body (``[routes.*].email``) is queued through the outbox in the same save, so the request and
the notice to the body are recorded together or not at all. The email names the case by its reference and the
dates, never the applicant: the body reads the case in the back office.
"""

from __future__ import annotations

from datetime import date

from application.core import Recorded, UseCases
from domain.application import Application
from domain.deadlines import challenge_window_closes_on, secondary_review_window_closes_on
from domain.email import Email
from domain.periods import long_date
from domain.routes import Dissatisfaction, EscalationRoute
from domain.timescales import Step, due_on

ESCALATION = "escalation"  # the outbox purpose of the emails to a body

WHAT = {
    Step.APPEAL_DECISION: "an appeal against a decision that the threshold for a case review is not met",
    Step.CHALLENGE_DECISION: "a challenge to the rejection of an application",
    Step.SECONDARY_REVIEW: "a secondary review of the way a case review was carried out",
}


class EscalationUseCases(UseCases):
    def challenge_window_closes_on(self, application: Application) -> date | None:
        return challenge_window_closes_on(application, self.profile.timescales, self.calendar)

    def lodge_challenge(
        self, reference: str, *, lodged_on: date, grounds: str, actor: str, late_reason: str = ""
    ) -> Recorded:
        """The applicant challenges a rejection; the body of route (a) is told."""
        application = self._application(reference)
        closes_on = self.challenge_window_closes_on(application) or lodged_on
        application.lodge_challenge(lodged_on=lodged_on, grounds=self._narrative(application, grounds),
                                    window_closes_on=closes_on, late_reason=late_reason, **self._kwargs(actor))
        notice = self.body_notice(application.reference, Dissatisfaction.DECISION, Step.CHALLENGE_DECISION,
                                  lodged_on, actor)
        return self._save(application.reference, notice, application)

    def uphold_challenge(self, reference: str, *, decided_on: date, reason: str, actor: str) -> Recorded:
        """The body sets the rejection aside: the application is open again."""
        application = self._application(reference)
        application.uphold_challenge(decided_on=decided_on, reason=reason, **self._kwargs(actor))
        return self._save(application.reference, application)

    def dismiss_challenge(self, reference: str, *, decided_on: date, reason: str, actor: str) -> Recorded:
        application = self._application(reference)
        application.dismiss_challenge(decided_on=decided_on, reason=reason, **self._kwargs(actor))
        return self._save(application.reference, application)

    def secondary_review_window_closes_on(self, reference: str) -> date | None:
        _, review = self._review(reference, "asking for a secondary review")
        return secondary_review_window_closes_on(review, self.profile.timescales, self.calendar)

    def body_notice(self, reference: str, dissatisfaction: Dissatisfaction, step: Step, asked_on: date,
                    actor: str) -> Email:
        """The email that tells the route's body of a request (queued once: its key is the case and the step)."""
        route: EscalationRoute = self.profile.routes.for_(dissatisfaction)
        answer_by = due_on(step, asked_on, self.profile.timescales, self.calendar)
        body = (
            f"The applicant in Community Trigger case {reference} asked on {long_date(asked_on)} for "
            f"{WHAT[step]}. Under the {self.profile.name}'s procedure this comes to {route.body} "
            f"({route.kind.label}), who answers within {route.answer_within} working days of the request, that is "
            f"by {long_date(answer_by)}.\n\nPlease read the case in the Community Trigger back office, quoting "
            f"{reference}, and record the decision with its reasons there (or send them to the Community Safety "
            f"Unit, who will record them).\n\n{self.profile.name}"
        )
        return Email.queue(
            key=f"{ESCALATION}/{reference}/{step.value}", to=(route.email,),
            subject=f"Community Trigger {reference}: {WHAT[step]}", body=body, purpose=ESCALATION,
            reference=reference, queued_on=self.today(), actor=self._actor(actor),
            body_subject=self._application(reference).applicant.person.subject)
