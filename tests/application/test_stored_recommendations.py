"""A case stored before recommendations had a target date, progress or completion tracking, and before closing
recorded why recommendations were still open, keeps loading: its recommendation has no target (so no completion
deadline), stays open, and can still be followed up to completion. The rows are the bytes that code wrote
(stored_before_recommendation_targets.json, written by commit 9e8a439)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from application.backoffice import BackOffice
from domain.timescales import Step
from domain.values import AgencyResponseKind
from infrastructure.storage import Database
from tests.application.test_stored_states import store_rows

STORED = json.loads((Path(__file__).parent / "stored_before_recommendation_targets.json").read_text())


def test_a_review_stored_before_recommendation_targets_loads_and_its_recommendation_is_followed_to_completion(
        back_office: BackOffice, database: Database, schema: str) -> None:
    store_rows(database, schema, "backoffice_events", STORED["events"])
    reference = STORED["reference"]

    case = back_office.cases.get_case(reference)
    [recommendation] = case.review.recommendations  # type: ignore[union-attr]
    assert case.review.closed_on == date(2026, 11, 2)  # type: ignore[union-attr]
    assert (recommendation.target_on, recommendation.latest_response) == (None, AgencyResponseKind.ACCEPTED)
    assert recommendation.is_open
    assert not [d for d in back_office.cases.deadlines_of(case) if d.step is Step.RECOMMENDATION_COMPLETION]

    back_office.cases.record_agency_response(reference, number=1, response=AgencyResponseKind.COMPLETED,
                                             responded_on=date(2026, 11, 20), actor="j.okafor")

    review = back_office.cases.get_case(reference).review
    assert review.recommendations[0].completed_on == date(2026, 11, 20)  # type: ignore[union-attr]
    assert review.actions_completed_on == date(2026, 11, 20)  # type: ignore[union-attr]
