"""A case cannot grow without bound: the most incidents, agency requests and recommendations one case
may hold come from the partnership's profile, and the aggregates refuse one more with a message that
says what to do instead."""

from __future__ import annotations

from datetime import date, timedelta

from domain.application import Application
from domain.errors import CaseLimitReachedError
from domain.profile import CaseLimits
from tests.domain.aggregates import assert_refused
from tests.domain.test_application_rules import ACTOR, TODAY, received
from tests.domain.test_case_review_rules import PANEL_DAY, opened, panel_held
from tests.domain.test_case_review_rules import TODAY as REVIEW_TODAY


def log(application: Application, limits: CaseLimits | None = None) -> None:
    day = TODAY - timedelta(days=1)
    application.log_incident(happened_on=day, reported_on=day, agency="Kent Police", actor=ACTOR, today=TODAY,
                             **({"limits": limits} if limits else {}))


def test_the_shipped_limit_refuses_the_201st_incident_and_says_what_to_do_instead() -> None:
    # Arrange
    application = received()
    for _ in range(200):
        log(application)

    # Act / Assert
    message = assert_refused(
        application, CaseLimitReachedError, lambda: log(application),
        "This case already has 200 incidents, the most the partnership's profile allows (limits.max_incidents)",
        "keep a written summary of any further incidents", "ask an administrator to raise max_incidents",
    )
    assert "CaseLimits" not in message
    assert len(application.incidents) == 200


def test_a_partnerships_own_incident_limit_is_applied() -> None:
    # Arrange
    application, limits = received(), CaseLimits(max_incidents=3)
    for _ in range(3):
        log(application, limits)

    # Act / Assert
    assert_refused(application, CaseLimitReachedError, lambda: log(application, limits),
                   "This case already has 3 incidents")
    assert [incident.number for incident in application.incidents] == [1, 2, 3]


def test_a_review_asks_at_most_the_profiles_number_of_agencies_for_information() -> None:
    # Arrange
    review, limits = opened(), CaseLimits(max_agency_requests=2)

    def ask(agency: str) -> None:
        review.request_agency_information(agency=agency, requested_on=date(2026, 4, 22), due_on=date(2026, 5, 6),
                                          actor=ACTOR, today=REVIEW_TODAY, limits=limits)

    ask("Kent Police")
    ask("Moat Homes")

    # Act / Assert
    assert_refused(review, CaseLimitReachedError, lambda: ask("Clarion Housing"),
                   "This review has already asked 2 agencies for information",
                   "(limits.max_agency_requests)", "raise max_agency_requests")
    assert list(review.agency_requests) == ["Kent Police", "Moat Homes"]


def test_a_review_issues_at_most_the_profiles_number_of_recommendations() -> None:
    # Arrange
    review, limits = panel_held(), CaseLimits(max_recommendations=2)

    def issue() -> int:
        return review.issue_recommendation(agency="Kent Police", text="Link the reports.", issued_on=PANEL_DAY,
                                           response_due_on=date(2026, 6, 16), actor=ACTOR, today=REVIEW_TODAY,
                                           limits=limits)

    issue()
    issue()

    # Act / Assert
    assert_refused(review, CaseLimitReachedError, issue,
                   "This review has already issued 2 recommendations", "One recommendation can list several actions",
                   "raise max_recommendations")
    assert len(review.recommendations) == 2
