"""One case from a phone call to the end of its secondary review, using only the web forms, each reached from
the case page's "What to do next"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from application.backoffice import BackOffice
from domain.stage import Stage
from tests.web.conftest import parse
from tests.web.pages import assert_well_formed
from tests.web.test_steps_intake import PHONE_APPLICATION, client_for, recorded, submit

TODAY = date(2026, 11, 24)  # the test BackOffice's today


def next_step(client: FlaskClient, reference: str, text: str) -> str:
    """The address of the step called ``text`` offered on the case page."""
    page = parse(client.get(f"/cases/{reference}"))
    assert_well_formed(page)
    links = {link.get_text(" ", strip=True).removesuffix(f" for {reference}"): link["href"]
             for link in page.soup.find(id="next-steps").find_next("ul").find_all("a")}
    assert text in links, sorted(links)
    return str(links[text])


def test_a_case_goes_from_a_phone_call_through_every_step_to_its_secondary_review(
        signed_in: Callable[[str], FlaskClient], app: Flask, back_office: BackOffice) -> None:
    officer = signed_in("officer")
    manager = client_for(app, "manager")
    response = submit(officer, "/applications/new", {**PHONE_APPLICATION, "received_on": date(2026, 9, 1)})
    reference = response.headers["Location"].rsplit("/", 1)[1]
    recorded(response, reference)

    def step(client: FlaskClient, text: str, form: dict[str, Any]) -> None:
        recorded(submit(client, next_step(client, reference, text), form), reference)

    step(officer, "Give the case to another officer", {"officer": "manager"})  # its recorder has it
    for month in (6, 7, 8):
        step(officer, "Log an incident", {"happened_on": date(2026, month, 1), "reported_on": date(2026, month, 2),
                                          "agency": "Kent Police", "agency_reference": f"KP-{month}",
                                          "description": "Loud music", "hate_related": "no", "informal": "no"})
    step(officer, "Record consent", {"kind": "share_with_agencies", "given_on": date(2026, 9, 1),
                                     "given_by": "Ann Smith"})
    step(officer, "Acknowledge the application", {"recipient": "applicant", "sent_on": date(2026, 9, 2),
                                                  "channel": "post"})
    step(officer, "Ask an agency to confirm the incidents", {"agency": "Kent Police"})
    for number in (1, 2, 3):
        step(officer, "Record an agency's answer about an incident", {
            "agency": "Kent Police", "number": number, "answer": "confirmed", "answered_on": TODAY})
    step(manager, "Decide the threshold", {"decision": "met", "decided_on": date(2026, 9, 10)})
    step(officer, "Send the decision letter", {"recipient": "applicant", "sent_on": date(2026, 9, 10),
                                               "channel": "email"})
    step(officer, "Request information from an agency", {"agencies": ["Kent Police"]})
    step(officer, "Record information from an agency", {"agency": "Kent Police", "received_on": TODAY,
                                                        "summary": "Three reports, not linked"})
    step(officer, "Schedule the review panel", {"panel_date": TODAY, "chair": "Dr Jane Holt",
                                                "independent_chair": "yes", "members": "Kent Police\nMoat Homes"})
    step(officer, "Invite the victim to the panel", {"invited_on": TODAY, "method": "email", "format": "in_person"})
    step(officer, "Record the victim's impact statement", {"received_on": TODAY, "statement": "I cannot sleep"})
    step(officer, "Record the review panel", {"held_on": TODAY, "attendees": "Dr Jane Holt\nKent Police",
                                              "victim_attended": "yes", "findings": "Reports were not linked"})
    step(officer, "Issue a recommendation", {"agency": "Kent Police", "text": "Link the reports", "issued_on": TODAY})
    step(officer, "Record the response to recommendation 1 (Kent Police)", {"response": "accepted",
                                                                             "responded_on": TODAY})
    step(officer, "Record a delay letter", {"sent_on": TODAY, "reason": "Waiting for the minutes",
                                            "expected_by": date(2026, 12, 10)})
    step(officer, "Send the outcome letter", {"recipient": "applicant", "sent_on": TODAY, "channel": "post"})
    step(officer, "Record a request for a secondary review", {"requested_on": TODAY, "grounds": "Nothing changed"})
    step(officer, "Record the secondary review", {"held_on": TODAY, "chair": "PCC office", "panel": "A. Brown"})
    step(officer, "Record the secondary review's conclusion", {"outcome": "further_recommendations",
                                                              "concluded_on": TODAY, "reason": "More to do"})
    step(officer, "Close the case review", {"closed_on": TODAY, "reason": "All done",
                                            "open_recommendations_reason": "Followed up by the officer."})

    case = back_office.cases.get_case(reference)
    assert case.stage is Stage.CLOSED
    events = [entry.event for entry in back_office.cases.history(reference) if entry.record != "ReferenceBook"]
    assert events == [
        "Received", "OfficerAssigned", "IncidentLogged", "IncidentLogged", "IncidentLogged", "ConsentGiven",
        "Acknowledged", "Started", "LetterSent", "IncidentVerificationRequested", "IncidentVerificationAnswered",
        "IncidentVerificationAnswered", "IncidentVerificationAnswered", "ThresholdMet", "Opened", "ReferredForReview",
        "DecisionLetterSent", "LetterSent",
        "AgencyInformationRequested", "AgencyInformationReceived", "PanelScheduled", "VictimInvited",
        "ImpactStatementReceived", "PanelHeld", "RecommendationIssued", "AgencyResponded", "DelayNoticeSent",
        "OutcomeLetterSent", "LetterSent", "SecondaryReviewRequested", "SecondaryReviewHeld",
        "SecondaryReviewConcluded", "Closed",
    ]
    assert {entry.actor for entry in back_office.cases.history(reference) if entry.record != "ReferenceBook"} == {
        "officer", "manager"}
    final = parse(officer.get(f"/cases/{reference}"))
    assert "There is nothing more to record" in final.text()
