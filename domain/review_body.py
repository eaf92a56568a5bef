"""The review body: a body the profile's routes name (the local policing body's office, an independent panel, another
named body) whose own users record its decisions in the back office (``docs/ROUTES.md``; Schedule 4 paragraph 3 to
the Anti-social Behaviour, Crime and Policing Act 2014).

A user with the "Review body" role acts for one body, set by an administrator. They see only the cases referred to
that body: an appeal against "not met" or a challenge to a rejection lodged with the body of route (a), or a
secondary review requested of the body of route (b). On those cases they record only the body's decision, with
its reasons, through the same commands a manager or an officer uses. The one home of that rule is here.
"""

from __future__ import annotations

from domain.actions import Command
from domain.application import Application
from domain.case_review import CaseReview
from domain.routes import Dissatisfaction, EscalationRoutes

# The body's decisions, and the route whose body makes them.
DECISIONS = {
    Command.UPHOLD_APPEAL: Dissatisfaction.DECISION, Command.DISMISS_APPEAL: Dissatisfaction.DECISION,
    Command.UPHOLD_CHALLENGE: Dissatisfaction.DECISION, Command.DISMISS_CHALLENGE: Dissatisfaction.DECISION,
    Command.CONCLUDE_SECONDARY_REVIEW: Dissatisfaction.REVIEW,
}


def review_bodies(routes: EscalationRoutes) -> tuple[str, ...]:
    """The bodies a review-body user may act for: each body the routes name, once."""
    return tuple(dict.fromkeys((routes.decision.body, routes.review.body)))


def referrals(application: Application, review: CaseReview | None) -> tuple[Dissatisfaction, ...]:
    """The routes the case has been referred along: (a) once an appeal or a challenge was lodged, (b) once a
    secondary review was requested (decided or not: the body keeps reading the cases it decided)."""
    found = []
    if application.appeal_lodged_on is not None or application.challenge_lodged_on is not None:
        found.append(Dissatisfaction.DECISION)
    if review is not None and review.secondary_requested_on:
        found.append(Dissatisfaction.REVIEW)
    return tuple(found)


def is_referred_to(body: str, application: Application, review: CaseReview | None,
                   routes: EscalationRoutes) -> bool:
    """Whether the case was referred to ``body``: a review-body user of it may read the case's papers."""
    return bool(body) and any(routes.for_(route).body == body for route in referrals(application, review))


def may_decide(command: Command, body: str, application: Application, review: CaseReview | None,
               routes: EscalationRoutes) -> bool:
    """Whether a review-body user of ``body`` may record ``command`` on the case: one of the body's decisions, on a
    case referred to it along that decision's route. (Whether the decision is open now is the command's own check.)"""
    route = DECISIONS.get(command)
    return (route is not None and bool(body) and routes.for_(route).body == body
            and route in referrals(application, review))
