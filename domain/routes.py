"""The routes an applicant who is dissatisfied may take, as the partnership's procedure sets them out.

Schedule 4 paragraph 3 to the Anti-social Behaviour, Crime and Policing Act 2014: the review procedures
must say what is to happen where an applicant is dissatisfied with the way the relevant bodies have
(a) dealt with an application for an ASB case review, or (b) carried out an ASB case review. The law
does not name the body; the Crime and Policing Act 2026 adds the local policing body (the police and
crime commissioner, a mayor, or whoever holds that role after them) as one that can review a "threshold
not met" decision. So each route is configuration: the profile names, for (a) and (b) separately, the
kind of body, the body itself, its address, the applicant's window to ask and the body's time to answer
(``docs/ROUTES.md``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from domain.errors import InvalidDetailsError
from domain.text import check_text

SCHEDULE_4 = "Schedule 4 paragraph 3 to the Anti-social Behaviour, Crime and Policing Act 2014"


class RouteKind(Enum):
    """Who considers the applicant's request."""

    INTERNAL_APPEAL = "internal_appeal"  # the partnership itself, by someone not involved in the decision
    LOCAL_POLICING_BODY = "local_policing_body"  # PCC, mayor or successor (Crime and Policing Act 2026)
    INDEPENDENT_PANEL = "independent_panel"
    OTHER_BODY = "other_body"

    @property
    def label(self) -> str:
        return ROUTE_KIND_LABELS[self]


ROUTE_KIND_LABELS = {
    RouteKind.INTERNAL_APPEAL: "internal appeal",
    RouteKind.LOCAL_POLICING_BODY: "review by the local policing body",
    RouteKind.INDEPENDENT_PANEL: "review by an independent panel",
    RouteKind.OTHER_BODY: "review by another body",
}


class Dissatisfaction(Enum):
    """The two things Schedule 4 paragraph 3 says an applicant may be dissatisfied with."""

    DECISION = "decision"  # (a) how the application was dealt with: "threshold not met", or rejected
    REVIEW = "review"  # (b) how the case review was carried out

    @property
    def label(self) -> str:
        return {
            Dissatisfaction.DECISION: "a decision that the threshold is not met, or a rejected application",
            Dissatisfaction.REVIEW: "the way a case review was carried out",
        }[self]


@dataclass(frozen=True)
class EscalationRoute:
    """One route: the body, how to reach it, and its timescales in working days."""

    kind: RouteKind
    body: str  # the body's name as letters print it, e.g. "the Police and Crime Commissioner for Kent"
    email: str  # where the body is told of a request
    window: int  # working days from the letter for the applicant to ask
    answer_within: int  # working days from the request for the body's answer
    how_to_ask: str = ""  # the letters' paragraph: how to ask, where to write

    def __post_init__(self) -> None:
        check_text(self.body, "the body's name")
        check_text(self.how_to_ask, "how to ask", multiline=True)
        if not self.body.strip():
            raise InvalidDetailsError("Name the body that considers the request.")
        for what, days in (("window", self.window), ("answer_within", self.answer_within)):
            if not 1 <= days <= 250:
                raise InvalidDetailsError(f"The route's {what} must be from 1 to 250 working days, not {days}.")


@dataclass(frozen=True)
class EscalationRoutes:
    """The route for each kind of dissatisfaction (Schedule 4 paragraph 3 (a) and (b))."""

    decision: EscalationRoute
    review: EscalationRoute

    def for_(self, dissatisfaction: Dissatisfaction) -> EscalationRoute:
        return self.decision if dissatisfaction is Dissatisfaction.DECISION else self.review
