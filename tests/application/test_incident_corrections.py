"""Correcting and striking out incidents through the use cases, stored in PostgreSQL: the case reloads as
corrected, the assessment counts the incidents as they stand, and the history keeps the original beside the
correction with who and why."""

from __future__ import annotations

from datetime import date

import pytest

from application.backoffice import BackOffice
from domain.errors import InvalidDetailsError, ThresholdAlreadyDecidedError
from infrastructure.storage import Database
from tests.application import cases
from tests.application.cases import OFFICER
from tests.application.test_snapshots import replayed
from tests.application.test_stored_states import STORED, store_rows


def correct_first(back_office: BackOffice, reference: str, **changes: object) -> None:
    first = back_office.cases.get_case(reference).application.incidents[0]
    given: dict[str, object] = {
        "happened_on": first.happened_on, "reported_on": first.reported_on, "agency": first.agency,
        "agency_reference": first.agency_reference, "hate_related": first.hate_related,
        "description": "Loud music until 3am", "reason": "The police log gives another reference.", **changes}
    back_office.cases.correct_incident(reference, number=1, actor=OFFICER, **given)  # type: ignore[arg-type]


def test_a_corrected_incident_is_stored_and_the_history_shows_the_original_and_the_correction(
        back_office: BackOffice) -> None:
    reference = cases.ready_for_decision(back_office)

    correct_first(back_office, reference, agency_reference="KP-99", hate_related=True)

    incident = back_office.cases.get_case(reference).application.incidents[0]
    assert (incident.agency_reference, incident.hate_related) == ("KP-99", True)
    entry = back_office.cases.history(reference)[-1]
    assert (entry.event, entry.actor, entry.reason) == ("IncidentCorrected", OFFICER,
                                                        "The police log gives another reference.")
    original, corrected = entry.details.split("; corrected: ")
    assert original.startswith("original: #1")
    assert "(ref KP-3)" in original
    assert "hate-related" not in original
    assert "(ref KP-99)" in corrected
    assert "hate-related" in corrected


def test_a_struck_out_incident_no_longer_counts_towards_the_threshold(back_office: BackOffice) -> None:
    reference = cases.ready_for_decision(back_office)
    assert back_office.cases.assess_threshold(reference).met

    back_office.cases.strike_out_incident(reference, number=2, reason="Logged on the wrong case.", actor=OFFICER)

    assessment = back_office.cases.assess_threshold(reference)
    assert (assessment.met, [v.number for v in assessment.verdicts]) == (False, [1, 3])
    assert back_office.cases.get_case(reference).application.incidents[1].struck_out
    entry = back_office.cases.history(reference)[-1]
    assert (entry.event, entry.details, entry.reason) == ("IncidentStruckOut", "number: 2", "Logged on the wrong case.")


def test_a_decision_then_refuses_the_strike_out_that_would_change_what_it_assessed(
        back_office: BackOffice) -> None:
    reference = cases.threshold_met(back_office)
    before = len(back_office.cases.history(reference))

    with pytest.raises(ThresholdAlreadyDecidedError):
        back_office.cases.strike_out_incident(reference, number=2, reason="Wrong case.", actor=OFFICER)

    assert len(back_office.cases.history(reference)) == before


def test_a_report_of_another_day_cannot_be_linked_as_the_same_incident(back_office: BackOffice) -> None:
    reference = cases.ready_for_decision(back_office)
    first = back_office.cases.get_case(reference).application.incidents[0]

    with pytest.raises(InvalidDetailsError, match="same day"):
        back_office.cases.log_incident(reference, happened_on=date(2026, 6, 20), reported_on=date(2026, 6, 21),
                                       agency="Moat Homes", duplicate_of=first.number, actor=OFFICER)


def test_incidents_stored_before_they_could_be_struck_out_load_as_standing(
        back_office: BackOffice, database: Database, schema: str) -> None:
    store_rows(database, schema, "backoffice_events", STORED["events"])  # events and a snapshot the old code wrote
    store_rows(database, schema, "backoffice_snapshots", STORED["snapshots"])

    for reference in STORED["cases"].values():
        application = back_office.cases.get_case(reference).application
        assert application.incidents_as_they_stand == application.incidents
        assert not any(incident.struck_out for incident in replayed(back_office, application.id).incidents)
