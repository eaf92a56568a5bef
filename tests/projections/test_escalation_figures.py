"""Escalations counted by body and outcome (domain/measures.py): each appeal, challenge to a rejection and secondary
review under the body the profile's route names for it, in the yearly figures, the report's table and the onward
return, under both profiles (their bodies differ)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

import psycopg
import pytest

from application.backoffice import BackOffice
from projections import onward_return, report
from projections.projector import Projector
from projections.statistics import EscalationCount, YearFigures, yearly_figures
from tests.application import cases
from tests.application.cases import OFFICER
from tests.application.test_routes import PROFILES, appealed, rejected, secondary_concluded
from tests.conftest import TODAY


@pytest.fixture(params=sorted(PROFILES))
def routed(request: pytest.FixtureRequest, make_back_office: Callable[..., BackOffice]) -> BackOffice:
    return make_back_office(partnership=PROFILES[request.param])


def the_year(routed: BackOffice, conn: psycopg.Connection[Any], schema: str) -> YearFigures:
    Projector(routed, conn, schema, batch_size=50).catch_up()
    [year] = [y for y in yearly_figures(conn, schema, routed.profile.statistics_from, TODAY, routed.calendar)
              if y.starts_on <= date(2026, 9, 1) <= y.ends_on]
    return year


def test_escalations_are_counted_by_the_body_the_profile_names_and_by_outcome(
    routed: BackOffice, conn: psycopg.Connection[Any], schema: str
):
    decision_body, review_body = routed.profile.routes.decision.body, routed.profile.routes.review.body
    upheld, dismissed = rejected(routed), rejected(routed)
    routed.cases.lodge_challenge(upheld, lodged_on=date(2026, 9, 8), grounds="Consent given.", actor=OFFICER)
    routed.cases.uphold_challenge(upheld, decided_on=date(2026, 9, 9), reason="Consent was given.", actor=OFFICER)
    routed.cases.lodge_challenge(dismissed, lodged_on=date(2026, 9, 8), grounds="I disagree.", actor=OFFICER)
    routed.cases.dismiss_challenge(dismissed, decided_on=date(2026, 9, 9), reason="Consent was refused.",
                                   actor=OFFICER)
    appeal_dismissed = appealed(routed)
    appealed(routed)  # awaiting the body's decision
    routed.cases.dismiss_appeal(appeal_dismissed, decided_on=date(2026, 9, 30), reason="No report was missed.",
                                actor=OFFICER)
    secondary_concluded(routed)
    cases.receive(routed)  # not escalated: counts nowhere below

    year = the_year(routed, conn, schema)

    found = {(e.body, e.request, e.outcome): e.number for e in year.escalations if e.number}
    assert found == {
        (decision_body, "challenge", "upheld"): 1, (decision_body, "challenge", "dismissed"): 1,
        (decision_body, "appeal", "dismissed"): 1, (decision_body, "appeal", "awaiting_decision"): 1,
        (review_body, "secondary_review", "further_recommendations"): 1,
    }
    assert EscalationCount(decision_body, "appeal", "upheld", 0) in year.escalations  # every outcome listed

    table = next(rows for caption, _, rows, _ in report.tables([year]) if caption == "Escalations by body and outcome")
    assert (year.label, decision_body, "Challenge to a rejection", "Upheld", "1") in table
    assert (year.label, review_body, "Secondary review", "Further recommendations", "1") in table

    sent = json.loads(onward_return.to_json(year, routed.profile.name, "2026-11-20"))
    assert sent["figures"]["escalations_appeal_dismissed"] == 1
    assert sent["figures"]["escalations_appeal_upheld"] == 0
    assert sent["figures"]["escalations_secondary_review_further_recommendations"] == 1
    assert {"body": review_body, "request": "secondary_review", "outcome": "further_recommendations",
            "number": 1} in sent["escalations_by_body"]
    assert set(sent["figures"]) == set(sent["definitions"])  # every field is defined
    rows = onward_return.to_csv(year, routed.profile.name, "2026-11-20").splitlines()
    assert any(r.startswith("escalations_challenge_upheld,1,") for r in rows)


def test_a_year_without_escalations_says_so_in_the_report(
    routed: BackOffice, conn: psycopg.Connection[Any], schema: str
):
    cases.receive(routed)

    year = the_year(routed, conn, schema)

    assert year.escalations == ()
    table = next(rows for caption, _, rows, _ in report.tables([year]) if caption == "Escalations by body and outcome")
    assert table == [(year.label, "None", "", "", "0")]
    assert json.loads(onward_return.to_json(year, routed.profile.name, "2026-11-20"))["figures"][
        "escalations_challenge_upheld"] == 0
