"""A review-body user (domain/review_body.py): they see only the cases referred to their body, read those cases'
papers, record their body's decision with its reasons through the same forms a manager uses, and are refused every
other case and every decision of another body's route."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from flask.testing import FlaskClient

from application.backoffice import BackOffice
from domain.application import AppealOutcome
from domain.user import Role
from domain.values import SecondaryReviewOutcome
from tests.application import cases
from tests.application.cases import OFFICER
from tests.application.test_routes import appealed
from tests.web.conftest import PASSWORD, parse
from tests.web.test_steps_intake import submit


def panel_user(back_office: BackOffice) -> str:
    """A review-body user of route (b)'s body (the "review" user of tests/web/conftest.py acts for route (a)'s)."""
    back_office.accounts.register_user("panel", display_name="Panel User", email="panel@example.gov.uk",
                                       roles=[Role.REVIEW_BODY], password=PASSWORD, actor="setup")
    back_office.accounts.assign_review_body("panel", body=back_office.profile.routes.review.body, actor="setup")
    return "panel"


def test_the_body_sees_reads_and_decides_an_appeal_referred_to_it_and_nothing_else(
    client: FlaskClient, signed_in: Callable[[str], FlaskClient], back_office: BackOffice,
    project: Callable[[], None],
) -> None:
    body = back_office.profile.routes.decision.body
    reference = appealed(back_office)
    other = cases.threshold_met(back_office)  # referred to no body
    project()
    signed_in("review")

    listed = parse(client.get("/review-body"))
    assert listed.status == 200
    assert f"Cases referred to {body} (1)" in listed.text()
    assert reference in listed.text()
    assert other not in listed.text()
    assert listed.soup.find("a", href=f"/cases/{reference}/appeal/decision") is not None

    papers = parse(client.get(f"/review-body/cases/{reference}"))
    assert papers.status == 200
    assert "Appeal lodged" in papers.text()
    assert "A report was missed." in papers.text()

    response = submit(client, f"/cases/{reference}/appeal/decision", {
        "outcome": "dismissed", "decided_on": date(2026, 9, 30), "reason": "No report was missed."})
    assert response.status_code == 302
    assert response.headers["Location"] == "/review-body"
    application = back_office.cases.get_case(reference).application
    assert application.appeal_outcome is AppealOutcome.DISMISSED

    assert client.get(f"/review-body/cases/{other}").status_code == 403
    assert client.get(f"/cases/{other}").status_code == 403  # never the case page
    assert client.get(f"/cases/{other}/appeal/decision").status_code == 403


def test_another_bodys_user_is_refused_the_appeal_and_concludes_only_the_secondary_review_referred_to_it(
    client: FlaskClient, signed_in: Callable[[str], FlaskClient], back_office: BackOffice,
    project: Callable[[], None],
) -> None:
    appeal = appealed(back_office)
    secondary = cases.outcome_sent(back_office)
    back_office.cases.request_secondary_review(secondary, requested_on=date(2026, 10, 14),
                                               grounds="The police did not act.", actor=OFFICER)
    back_office.cases.hold_secondary_review(secondary, held_on=date(2026, 10, 20), panel=("A. Reviewer",),
                                            chair="A. Reviewer", actor=OFFICER)
    project()
    signed_in(panel_user(back_office))

    listed = parse(client.get("/review-body")).text()
    assert secondary in listed
    assert appeal not in listed
    assert client.get(f"/review-body/cases/{appeal}").status_code == 403
    assert client.get(f"/cases/{appeal}/appeal/decision").status_code == 403
    before = back_office.event_count()
    assert client.post(f"/cases/{appeal}/appeal/decision", data={}).status_code in (400, 403)
    assert back_office.event_count() == before

    response = submit(client, f"/cases/{secondary}/review/secondary-review/conclusion", {
        "outcome": SecondaryReviewOutcome.ORIGINAL_REVIEW_UPHELD.value, "concluded_on": date(2026, 10, 22),
        "reason": "The review was carried out properly."})
    assert response.status_code == 302, parse(response).text()
    review = back_office.cases.get_case(secondary).review
    assert review is not None
    assert review.secondary_outcome is SecondaryReviewOutcome.ORIGINAL_REVIEW_UPHELD


def test_a_review_body_user_without_a_body_set_sees_nothing_of_any_case(
    client: FlaskClient, signed_in: Callable[[str], FlaskClient], back_office: BackOffice,
    project: Callable[[], None],
) -> None:
    reference = appealed(back_office)
    back_office.accounts.register_user("unset", display_name="Unset User", email="unset@example.gov.uk",
                                       roles=[Role.REVIEW_BODY], password=PASSWORD, actor="setup")
    project()
    signed_in("unset")

    assert "no review body set yet" in parse(client.get("/review-body")).text()
    assert reference not in parse(client.get(f"/cases/{reference}/appeal/decision")).text()
    assert client.get(f"/review-body/cases/{reference}").status_code == 403


def test_an_administrator_sets_the_body_from_the_routes_and_is_refused_another(
    client: FlaskClient, signed_in: Callable[[str], FlaskClient], back_office: BackOffice,
) -> None:
    signed_in("admin")
    page = parse(client.get("/users/review"))
    options = [o.get_text(strip=True) for o in page.soup.select("select#review-body option")]
    assert options[1:] == [back_office.profile.routes.decision.body, back_office.profile.routes.review.body]

    refused = submit(client, "/users/review/review-body", {"body": "Someone else"}, page=page)
    assert refused.status_code == 400
    assert "is not a body the partnership's routes name" in parse(refused).text()

    done = submit(client, "/users/review/review-body", {"body": back_office.profile.routes.review.body}, page=page)
    assert done.status_code == 302
    assert back_office.accounts.get_account("review").review_body == back_office.profile.routes.review.body
