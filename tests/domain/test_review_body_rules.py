"""The review body's scope, from the aggregates alone (no database): a body sees a case once an escalation along
its route was lodged, and may record only that route's decisions; a user acts for one body at a time."""

from __future__ import annotations

from datetime import date

import pytest

from domain.actions import Command
from domain.review_body import is_referred_to, may_decide, review_bodies
from domain.routes import EscalationRoute, EscalationRoutes, RouteKind
from domain.user import Role, User, UserAccountError
from tests.domain.test_application_rules import lodge, not_met_with_letter

ROUTES = EscalationRoutes(
    decision=EscalationRoute(RouteKind.LOCAL_POLICING_BODY, "the Police and Crime Commissioner for Kent",
                             "pcc@example.gov.uk", 15, 25),
    review=EscalationRoute(RouteKind.INDEPENDENT_PANEL, "an independent panel", "panel@example.gov.uk", 20, 20))
PCC, PANEL = ROUTES.decision.body, ROUTES.review.body


def test_the_bodies_a_user_may_act_for_are_those_the_routes_name_each_once() -> None:
    assert review_bodies(ROUTES) == (PCC, PANEL)
    same = EscalationRoutes(decision=ROUTES.decision, review=ROUTES.decision)
    assert review_bodies(same) == (PCC,)


def test_a_not_met_decision_reaches_the_body_only_once_the_appeal_is_lodged_and_only_that_routes_body() -> None:
    application = not_met_with_letter()
    assert not is_referred_to(PCC, application, None, ROUTES)

    lodge(application, date(2026, 3, 20))

    assert is_referred_to(PCC, application, None, ROUTES)
    assert not is_referred_to(PANEL, application, None, ROUTES)
    assert not is_referred_to("", application, None, ROUTES)
    assert may_decide(Command.UPHOLD_APPEAL, PCC, application, None, ROUTES)
    assert may_decide(Command.DISMISS_APPEAL, PCC, application, None, ROUTES)
    assert not may_decide(Command.UPHOLD_APPEAL, PANEL, application, None, ROUTES)
    assert not may_decide(Command.CONCLUDE_SECONDARY_REVIEW, PCC, application, None, ROUTES)
    assert not may_decide(Command.DECIDE_THRESHOLD_MET, PCC, application, None, ROUTES)  # not a body's decision


def test_a_user_acts_for_one_review_body_set_with_its_own_event() -> None:
    user = User.register(username="kent.pcc", display_name="A Caseworker", email="a@kent-pcc.gov.uk",
                         roles=(Role.REVIEW_BODY,), actor="admin")
    assert user.review_body == ""
    assert Role.REVIEW_BODY.label == "Review body"

    user.assign_review_body(body=PCC, actor="admin")

    assert user.review_body == PCC
    assert type(user.pending_events[-1]).__name__ == "ReviewBodyAssigned"
    with pytest.raises(UserAccountError, match="already acts for"):
        user.assign_review_body(body=PCC, actor="admin")
    with pytest.raises(UserAccountError, match="Choose the review body"):
        user.assign_review_body(body=" ", actor="admin")
