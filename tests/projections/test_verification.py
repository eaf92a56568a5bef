"""Verification of incidents with the agencies through the use cases: the request's due date from the profile's
timescale, the answers, the decision's recorded reason, the history, the decision reconstruction and the
ombudsman pack, and the agency's page listing what it owes."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import psycopg
import pytest

from application.backoffice import BackOffice
from domain.errors import UnverifiedIncidentsError
from domain.ids import application_id
from domain.timescales import Step
from domain.verification import VerificationAnswer
from projections.agency_requests import open_agency_deadlines
from projections.ombudsman import build_pack, pack_html, pack_json
from projections.projector import Projector
from tests.application import cases
from tests.application.cases import OFFICER

ASKED = date(2026, 9, 3)
ANSWERED = date(2026, 9, 7)


def asked(back_office: BackOffice, incidents: int = 3) -> str:
    """Three (or ``incidents``) incidents reported to Kent Police, which is asked to confirm them."""
    reference = cases.ready_for_decision(back_office, incidents=incidents)
    back_office.cases.request_verification(reference, agency="Kent Police", requested_on=ASKED, actor=OFFICER)
    return reference


def test_a_request_is_due_after_the_profiles_working_days_and_shows_among_the_deadlines(back_office: BackOffice):
    reference = asked(back_office)

    [deadline] = [d for d in back_office.cases.deadlines(reference) if d.step is Step.INCIDENT_VERIFICATION]
    assert (deadline.label, deadline.starts_on, deadline.due_on) == (
        "Agency to confirm the incidents reported to it (Kent Police)", ASKED, date(2026, 9, 10))  # 5 working days


def test_the_answers_are_kept_and_a_decision_with_a_disputed_incident_records_why(back_office: BackOffice):
    reference = asked(back_office, incidents=4)  # three still count without the disputed one
    for number in (1, 2, 4):
        back_office.cases.answer_verification(reference, number=number, agency="Kent Police",
                                              answer=VerificationAnswer.CONFIRMED, answered_on=ANSWERED,
                                              actor=OFFICER)
    back_office.cases.answer_verification(reference, number=3, agency="Kent Police",
                                          answer=VerificationAnswer.DISPUTED, answered_on=ANSWERED,
                                          agency_reference="KP/26/17", reason="The call was about another street.",
                                          actor=OFFICER)

    with pytest.raises(UnverifiedIncidentsError, match="Incident 3 has not been confirmed"):
        back_office.cases.decide_threshold_met(reference, decided_on=date(2026, 9, 10), actor=OFFICER)
    back_office.cases.decide_threshold_met(reference, decided_on=date(2026, 9, 10), actor=OFFICER,
                                           unverified_reason="The applicant's diary places it on our street.")

    case = back_office.cases.get_case(reference)
    assert [v.confirmed for v in case.application.incident_verifications] == [True, True, False, True]
    assert case.application.unverified_reason == "The applicant's diary places it on our street."
    history = {entry.event: entry for entry in back_office.cases.history(reference)}
    assert history["IncidentVerificationRequested"].details.startswith("agency: Kent Police; requested on: 3 September")
    assert "incidents: 1, 2, 3" in history["IncidentVerificationRequested"].details
    answered = [e for e in back_office.cases.history(reference) if e.event == "IncidentVerificationAnswered"]
    assert "answer: disputed" in answered[-1].details
    assert "agency reference: KP/26/17" in answered[-1].details
    assert answered[-1].reason == "The call was about another street."
    assert "unverified reason: The applicant's diary places it on our street." in history["ThresholdMet"].details
    [decision] = [d for d in back_office.cases.decisions(reference) if d.kind.startswith("Threshold")]
    assert [v.label for v in decision.before.application.incident_verifications][2].startswith(
        "disputed by Kent Police on 7 September 2026 (their reference KP/26/17)")


def test_the_pack_shows_each_incidents_confirmation_and_what_the_decision_maker_had(
    back_office: BackOffice, projector: Projector, conn: psycopg.Connection[Any], schema: str,
):
    reference = asked(back_office, incidents=4)  # three still count without the one Kent Police has no record of
    back_office.cases.answer_verification(reference, number=1, agency="Kent Police",
                                          answer=VerificationAnswer.NO_RECORD, answered_on=ANSWERED, actor=OFFICER)
    back_office.cases.decide_threshold_met(reference, decided_on=date(2026, 9, 10), actor=OFFICER,
                                           unverified_reason="Kent Police is slow to answer.")
    projector.catch_up()

    pack = build_pack(back_office, conn, schema, reference)
    data = json.loads(pack_json(pack))
    assert data["incident_verifications"][0] == {
        "incident": 1, "agency": "Kent Police", "verification": "Kent Police holds no record on 7 September 2026"}
    assert data["incident_verifications"][1]["verification"] == "awaiting Kent Police (asked on 3 September 2026)"
    [decision] = [d for d in data["decisions"] if d["verifications_before"]]
    assert decision["verifications_before"][0]["verification"] == "Kent Police holds no record on 7 September 2026"
    html = pack_html(pack)
    assert "<h2>Incidents confirmed with the agencies</h2>" in html
    assert "Incident 1: Kent Police holds no record on 7 September 2026" in html
    assert "Incident verification answered" in html  # the timeline in plain words


def test_the_agencys_open_requests_to_confirm_incidents_are_listed_for_it_and_no_other(
    back_office: BackOffice, projector: Projector, conn: psycopg.Connection[Any], schema: str,
):
    reference = asked(back_office)
    projector.catch_up()

    assert [(d.reference, d.step) for d in open_agency_deadlines(conn, schema, "Kent Police")] == [
        (reference, Step.INCIDENT_VERIFICATION.value)]
    assert open_agency_deadlines(conn, schema, "the council") == []


def test_a_snapshot_keeps_the_verification_and_loads_to_the_state_the_events_give(back_office: BackOffice):
    reference = asked(back_office)
    back_office.cases.answer_verification(reference, number=2, agency="Kent Police",
                                          answer=VerificationAnswer.DISPUTED, answered_on=ANSWERED,
                                          agency_reference="KP/9", reason="Another address.", actor=OFFICER)
    aggregate_id = application_id(reference)
    back_office.take_snapshot(aggregate_id)

    loaded = back_office.repository.get(aggregate_id)
    replayed = None
    for event in back_office.events.get(aggregate_id):
        replayed = event.mutate(replayed)
    assert replayed is not None
    assert loaded.incident_verifications == replayed.incident_verifications
    assert loaded.verification_requests[0].numbers == (1, 2, 3)
