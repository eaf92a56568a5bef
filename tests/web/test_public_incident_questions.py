"""The public form asks of each incident whether it was hate-related and which household reported it, so that the
hate-incident and several-households rules work on online applications; the answers reach the case."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from application.backoffice import BackOffice
from tests.web.test_public_journey import INCIDENTS, answer, fill_in, get, reference_on, send
from tests.web.test_public_validation import refused, started, summary  # noqa: F401 (a fixture)
from web.public.submit import incident_text, reported_by

INCIDENT = INCIDENTS[0]


@pytest.mark.parametrize(("change", "expected"), [
    ({"hate_related": "", "reported_by": ""},
     {"#hate_related": "Select yes if you think this incident was motivated by hostility or prejudice",
      "#reported_by": "Select who reported this incident"}),
    ({"reported_by": "other", "household": ""},
     {"#household": "Enter which household reported it, for example their address"}),
], ids=["unanswered", "household not named"])
def test_the_incident_questions_need_an_answer_with_the_error_at_the_question(
        started: FlaskClient, change: dict[str, str], expected: dict[str, str]) -> None:  # noqa: F811
    page = refused(started, "/apply/incidents/add", {**INCIDENT, **change})

    assert summary(page) == expected
    assert started.get("/apply/incidents").headers["Location"] == "/apply/incidents/add"  # nothing kept


def test_a_hate_incident_another_household_reported_reaches_the_case(
        client: FlaskClient, back_office: BackOffice) -> None:
    fill_in(client)  # the journey's answers, then this incident changed
    answer(client, "/apply/incidents/1", {**INCIDENT, "hate_related": "yes", "reported_by": "other",
                                          "household": "16 High Street"})
    check = get(client, "/apply/check").text()
    assert "reported by another household: 16 High Street" in check
    assert "you think it was motivated by hostility or prejudice" in check

    reference = reference_on(send(client))

    first, second = back_office.cases.get_case(reference).application.incidents
    assert (first.hate_related, first.reported_by) == (True, "16 High Street")
    assert (second.hate_related, second.reported_by) == (False, "applicant")


def test_an_incident_in_a_draft_saved_before_the_questions_were_asked_is_the_applicants_and_not_hate_related(
) -> None:
    old = {"happened": "2026-10-01", "reported": "2026-10-02", "agency": "Kent Police", "description": "Music."}

    assert reported_by(old) == "applicant"
    assert incident_text(old) == "Happened 1 October 2026; reported 2 October 2026 to Kent Police. Music."
