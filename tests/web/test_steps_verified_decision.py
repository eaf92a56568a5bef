"""The threshold decision on what the agencies confirmed: an incident its agency holds no record of does not
count on the decision form, in the recorded decision or its reconstruction; a report linked as the same incident
shows as such in the history, the decision reconstruction and the ombudsman pack."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

import pytest
from flask.testing import FlaskClient

from application.backoffice import BackOffice
from domain.application import ThresholdDecision
from domain.verification import VerificationAnswer
from tests.application import cases
from tests.application.cases import OFFICER
from tests.web.conftest import parse
from tests.web.test_steps_intake import form_page, recorded, refused, submit, summary

NO_RECORD = "Kent Police holds no record of this report (answered 7 September 2026). It does not count."


@pytest.fixture
def manager(signed_in: Callable[[str], FlaskClient]) -> FlaskClient:
    return signed_in("manager")


def answered_by_kent_police(back_office: BackOffice, reference: str, *, no_record: int) -> None:
    """Kent Police asked about its incidents, confirming all but ``no_record``, of which it has no record."""
    back_office.cases.request_verification(reference, agency="Kent Police", requested_on=date(2026, 9, 3),
                                           actor=OFFICER)
    for verification in back_office.cases.get_case(reference).application.incident_verifications:
        if verification.agency == "Kent Police":
            answer = VerificationAnswer.NO_RECORD if verification.number == no_record else VerificationAnswer.CONFIRMED
            back_office.cases.answer_verification(reference, number=verification.number, agency="Kent Police",
                                                  answer=answer, answered_on=date(2026, 9, 7), actor=OFFICER)


def test_an_incident_the_agency_has_no_record_of_does_not_count_towards_the_decision(
        manager: FlaskClient, back_office: BackOffice) -> None:
    # Arrange: three incidents, the last of which Kent Police has no record of
    reference = cases.ready_for_decision(back_office)
    answered_by_kent_police(back_office, reference, no_record=3)
    url = f"/cases/{reference}/threshold"

    # Act
    form = form_page(manager, url)
    before = back_office.event_count()
    met = refused(submit(manager, url, {"decision": "met", "decided_on": date(2026, 9, 10)}))
    recorded_after_refusal = back_office.event_count()
    recorded(submit(manager, url, {"decision": "not_met", "decided_on": date(2026, 9, 10),
                                   "not_met_reason": "Two incidents confirmed; the third is not on record.",
                                   "alternative_action": "Referred to the neighbourhood team.",
                                   "unverified_reason": "Kent Police has answered; the third is not on record."}),
             reference)
    reconstruction = parse(manager.get(f"/cases/{reference}/decisions"))

    # Assert
    assert NO_RECORD in form.text()
    [(message, href)] = summary(met)
    assert "not met" in message
    assert href == "#decision"
    assert recorded_after_refusal == before
    application = back_office.cases.get_case(reference).application
    assert application.decision is ThresholdDecision.NOT_MET
    assert application.assessment.verdict_for(3).reason == NO_RECORD
    assert not application.assessment.statutory.verdict_for(3).counts
    assert NO_RECORD in reconstruction.text()


def test_a_linked_report_shows_in_the_history_the_decision_reconstruction_and_the_pack(
        manager: FlaskClient, back_office: BackOffice, project: Callable[[], None]) -> None:
    # Arrange: incident 3 also reported to the council, where Kent Police has no record of it
    reference = cases.ready_for_decision(back_office)
    back_office.cases.log_incident(reference, happened_on=date(2026, 8, 2), reported_on=date(2026, 8, 4),
                                   agency="the council", duplicate_of=3, description="Loud music until 3am",
                                   actor=OFFICER)
    answered_by_kent_police(back_office, reference, no_record=3)
    url = f"/cases/{reference}/threshold"

    # Act: the council's report counts in its place
    recorded(submit(manager, url, {"decision": "met", "decided_on": date(2026, 9, 10),
                                   "unverified_reason": "The council confirms by phone."}), reference)
    history = [entry.details for entry in back_office.cases.history(reference)]
    reconstruction = parse(manager.get(f"/cases/{reference}/decisions"))
    project()
    pack = json.loads(manager.get(f"/cases/{reference}/pack.json").get_data(as_text=True))

    # Assert
    assert back_office.cases.get_case(reference).application.assessment.verdict_for(4).counts
    assert any("#4 happened 2 August 2026" in d and "same incident as #3" in d for d in history)
    assert "reported 4 August 2026 to the council, same incident as 3" in reconstruction.text()
    [linked] = [i for i in pack["incidents"] if i["number"] == 4]
    assert (linked["agency"], linked["duplicate_of"]) == ("the council", 3)
