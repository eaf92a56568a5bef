"""Every command of the JSON API records its event with the token's user as the actor and answers with
the reference, the event position and the number of what it created; the whole process can be run
through the API alone."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient

from application.backoffice import BackOffice
from domain.stage import Stage
from tests.web.test_api_tokens import bearer

APPLICATION = {
    "channel": "phone", "received_on": "2026-09-01",
    "applicant": {"person": {"name": "Raj Patel", "phone": "01322 000000"}, "on_behalf_of_victim": True,
                  "relationship": "councillor", "victims": [{"name": "Ann Smith", "address": "12 High Street"}]},
    "problem": {"kind": "noise", "location": "High Street, Dartford", "hate_element": "none",
                "description": "Loud music every night"},
}


class Api:
    def __init__(self, client: FlaskClient, back_office: BackOffice, username: str) -> None:
        self.client, self.back_office, self.username = client, back_office, username
        self.headers = bearer(back_office, username)

    def post(self, url: str, body: dict[str, Any], status: int = 200) -> dict[str, Any]:
        before = self.back_office.event_count()
        response = self.client.post(f"/api{url}", json=body, headers=self.headers)
        assert response.status_code == status, response.get_data(as_text=True)
        assert response.mimetype == "application/json"
        result: dict[str, Any] = response.get_json()
        assert result["position"] > before
        last = self.back_office.cases.history(result["reference"])[-1]
        assert last.actor == self.username, (url, last)
        if status == 201:
            assert response.headers["Location"] == f"/api/cases/{result['reference']}"
        return result


def test_the_whole_process_runs_through_the_api(client: FlaskClient, back_office: BackOffice) -> None:
    officer, manager = Api(client, back_office, "officer"), Api(client, back_office, "manager")
    received = officer.post("/cases", APPLICATION, 201)
    reference = received["reference"]
    assert reference == "CT-2026-0001"
    case = f"/cases/{reference}"
    officer.post(f"{case}/officer", {"officer": "manager"})
    numbers = [officer.post(f"{case}/incidents", {"happened_on": f"2026-0{m}-01", "reported_on": f"2026-0{m}-02",
                                                   "agency": "Kent Police", "description": "<script>x</script>"},
                            201)["number"] for m in (6, 7, 8)]
    assert numbers == [1, 2, 3]
    for kind in ("victim_consent", "share_with_agencies"):
        officer.post(f"{case}/consent", {"kind": kind, "given_on": "2026-09-01", "given_by": "Ann Smith"})
    officer.post(f"{case}/acknowledgement", {"acknowledged_on": "2026-09-02"})
    officer.post(f"{case}/verification-requests", {"agency": "Kent Police", "requested_on": "2026-09-03"})
    for number in numbers:
        officer.post(f"{case}/verification-answers", {"number": number, "agency": "Kent Police", "answer": "confirmed",
                                                      "answered_on": "2026-09-07"})
    manager.post(f"{case}/threshold/met", {"decided_on": "2026-09-10", "reason": "Three reports."})  # all confirmed
    officer.post(f"{case}/decision-letter", {"sent_on": "2026-09-10", "channel": "email"})
    officer.post(f"{case}/agency-information-requests", {"agency": "Kent Police", "requested_on": "2026-09-11"})
    officer.post(f"{case}/agency-information", {"agency": "Kent Police", "received_on": "2026-09-18",
                                                "summary": "Case notes"})
    officer.post(f"{case}/panel/schedule", {"panel_date": "2026-10-05", "chair": "Dr Jane Holt",
                                            "independent_chair": True, "members": ["Kent Police"],
                                            "scheduled_on": "2026-09-14"})
    officer.post(f"{case}/victim-invitation", {"invited_on": "2026-09-15", "method": "letter", "format": "virtual"})
    officer.post(f"{case}/impact-statement", {"received_on": "2026-09-25", "statement": "I cannot sleep."})
    officer.post(f"{case}/panel", {"held_on": "2026-10-05", "attendees": ["Dr Jane Holt"], "victim_attended": True,
                                   "findings": "Reports were not linked."})
    assert officer.post(f"{case}/recommendations", {"agency": "Kent Police", "text": "Link the reports.",
                                                    "issued_on": "2026-10-06"}, 201)["number"] == 1
    officer.post(f"{case}/agency-responses", {"number": 1, "response": "accepted", "responded_on": "2026-10-20"})
    officer.post(f"{case}/delay-notice", {"sent_on": "2026-10-30", "reason": "Waiting for Kent Police.",
                                          "expected_by": "2026-11-13"})
    produced = officer.post(f"{case}/letters/produced", {"kind": "delay"}, 201)
    assert produced["title"] == "Delay letter"
    assert "Waiting for Kent Police." in produced["html"]
    officer.post(f"{case}/letters/sent", {"kind": "delay", "channel": "post", "sent_on": "2026-10-30"})
    officer.post(f"{case}/outcome-letter", {"sent_on": "2026-11-02", "channel": "post"})
    officer.post(f"{case}/secondary-review/request", {"requested_on": "2026-11-05", "grounds": "Not enough."})
    officer.post(f"{case}/secondary-review/hearing", {"held_on": "2026-11-16", "panel": ["Independent panel"],
                                                      "chair": "A. Chair"})
    officer.post(f"{case}/secondary-review/conclusion", {"concluded_on": "2026-11-17",
                                                         "outcome": "original_review_upheld", "reason": "Sound."})
    officer.post(f"{case}/review/closure", {"closed_on": "2026-11-20", "reason": "All steps done.",
                                            "open_recommendations_reason": "Followed up by the officer."})
    assert back_office.cases.get_case(reference).stage is Stage.CLOSED
    stored = back_office.cases.get_case(reference).application.incidents[0].description
    assert stored is not None
    assert stored.text == "<script>x</script>"  # kept as typed; escaped wherever it is shown


def _ready(officer: Api, *, incidents: int = 3) -> str:
    reference: str = officer.post("/cases", {**APPLICATION, "applicant": {"person": {"name": "Ann Smith"}}},
                                  201)["reference"]
    for m in range(9 - incidents, 9):
        officer.post(f"/cases/{reference}/incidents", {"happened_on": f"2026-0{m}-01", "reported_on": f"2026-0{m}-02",
                                                       "agency": "Kent Police"}, 201)
    officer.post(f"/cases/{reference}/consent", {"kind": "share_with_agencies", "given_on": "2026-09-01",
                                                 "given_by": "Ann Smith"})
    officer.post(f"/cases/{reference}/acknowledgement", {"acknowledged_on": "2026-09-02"})
    return reference


def _appealed(officer: Api, manager: Api) -> str:
    """A case of two incidents decided "not met", its letter sent and an appeal lodged, through the API."""
    reference = _ready(officer, incidents=2)
    case = f"/cases/{reference}"
    manager.post(f"{case}/threshold/not-met", {"decided_on": "2026-09-10", "reason": "Two reports.",
                                               "alternative_action": "Referred to the policing team.",
                                               "unverified_reason": "Decided on the incidents as logged."})
    officer.post(f"{case}/decision-letter", {"sent_on": "2026-09-10", "channel": "post"})
    officer.post(f"{case}/appeal", {"lodged_on": "2026-09-20", "grounds": "A report was lost."})
    return reference


def test_not_met_appeal_dismissed_and_closed_through_the_api(client: FlaskClient, back_office: BackOffice) -> None:
    officer, manager = Api(client, back_office, "officer"), Api(client, back_office, "manager")
    case = f"/cases/{_appealed(officer, manager)}"
    manager.post(f"{case}/appeal/dismissed", {"decided_on": "2026-09-25", "reason": "No new evidence."})
    officer.post(f"{case}/closure", {"closed_on": "2026-09-26", "reason": "Appeal dismissed."})


def test_an_upheld_appeal_opens_the_review(client: FlaskClient, back_office: BackOffice) -> None:
    officer, manager = Api(client, back_office, "officer"), Api(client, back_office, "manager")
    reference = _appealed(officer, manager)
    case = f"/cases/{reference}"
    manager.post(f"{case}/appeal/upheld", {"decided_on": "2026-09-25", "reason": "A fourth report was found."})
    assert back_office.cases.get_case(reference).review is not None


def test_discretion_withdrawal_of_consent_withdrawal_and_rejection(client: FlaskClient,
                                                                   back_office: BackOffice) -> None:
    officer, manager = Api(client, back_office, "officer"), Api(client, back_office, "manager")
    first = _ready(officer, incidents=1)
    manager.post(f"/cases/{first}/threshold/met-by-discretion", {
        "decided_on": "2026-09-10", "grounds": ["harm"], "reason": "A vulnerable victim.",
        "unverified_reason": "Decided on the incidents as logged."})
    decided = next(e for e in back_office.cases.history(first) if e.event == "ThresholdMetByDiscretion")
    assert "harm" in decided.details
    officer.post(f"/cases/{first}/withdrawal", {"withdrawn_on": "2026-09-20", "reason": "Moved away."})
    second = _ready(officer)
    officer.post(f"/cases/{second}/consent/withdrawal", {"kind": "share_with_agencies", "withdrawn_on": "2026-09-05",
                                                         "reason": "Changed their mind."})
    manager.post(f"/cases/{second}/rejection", {"rejected_on": "2026-09-06", "ground": "vexatious",
                                                "reason": "Repeated identical applications."})
    assert back_office.cases.get_case(second).stage is Stage.REJECTED


def test_a_note_is_kept_through_the_api_and_bad_text_is_refused_on_its_field(
        client: FlaskClient, back_office: BackOffice) -> None:
    officer = Api(client, back_office, "officer")
    reference = officer.post("/cases", APPLICATION, 201)["reference"]

    officer.post(f"/cases/{reference}/notes", {"text": "Rang the victim back."}, 201)
    before = back_office.event_count()
    refused = client.post(f"/api/cases/{reference}/notes", json={"text": "\x1b[31m"}, headers=officer.headers)

    assert [note.text.text for note in back_office.cases.notes(reference)] == ["Rang the victim back."]
    assert refused.status_code == 422
    assert "text" in refused.get_data(as_text=True)
    assert back_office.event_count() == before
