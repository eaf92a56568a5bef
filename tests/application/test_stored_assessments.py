"""The threshold decision's event stores both results (the Act's and the local rules'); assessments
stored before the statutory test existed keep loading, with no statutory result and their decision."""

from __future__ import annotations

from datetime import date

from eventsourcing.persistence import JSONTranscoder

from application.backoffice import BackOffice
from domain.periods import Period
from domain.threshold import LookBackAnchor, ThresholdPolicy, assess
from infrastructure.storage import Database
from infrastructure.transcodings import register_domain_transcodings
from tests.application.test_stored_states import STORED, store_rows
from tests.domain.test_threshold import incident


def test_an_assessment_stored_before_the_statutory_test_loads_without_one(
    back_office: BackOffice, database: Database, schema: str
):
    # Arrange: rows written by earlier code, whose assessments hold only the local rules' result
    store_rows(database, schema, "backoffice_events", STORED["events"])
    store_rows(database, schema, "backoffice_snapshots", STORED["snapshots"])

    # Act
    assessments = {name: back_office.cases.get_case(reference).application.assessment
                   for name, reference in STORED["cases"].items() if name != "rejected"}

    # Assert
    assert {name: (a.met, a.statutory) for name, a in assessments.items()} == {
        "not_met_upheld": (False, None), "not_met_dismissed_closed": (False, None),
        "met_by_discretion": (False, None), "met_withdrawn": (True, None)}
    assert assessments["met_withdrawn"].local_met
    assert not assessments["not_met_upheld"].statutory_met
    assert assessments["not_met_upheld"].disagreement == ""


def test_an_assessment_with_both_results_is_stored_and_read_back_whole():
    # Arrange
    transcoder = JSONTranscoder()
    register_domain_transcodings(transcoder)
    policy = ThresholdPolicy(look_back_anchor=LookBackAnchor.FIRST_INCIDENT, most_recent_within=Period(months=1))
    assessment = assess(policy, [incident(1, date(2025, 11, 3)), incident(2, date(2025, 11, 20)),
                                 incident(3, date(2026, 1, 5))], date(2026, 3, 2))

    # Act
    read_back = transcoder.decode(transcoder.encode({"assessment": assessment}))["assessment"]

    # Assert
    assert read_back == assessment
    assert read_back.statutory_met
    assert not read_back.local_met
