"""Every stage of a case, as an officer and as a manager: each step "What to do next" offers is accepted when its
form is sent (the browser is redirected to the case and an event is stored), and each step it does not offer is
refused (nothing stored). The links come from the domain's available actions, so this checks that what the case
page offers and what the process accepts are one answer."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict

from application.backoffice import BackOffice
from domain.application import ThresholdDecision
from domain.values import ConsentKind, LetterChannel, SecondaryReviewOutcome
from tests.application import cases
from tests.web.conftest import parse
from tests.web.test_steps_intake import client_for, submit
from web.steps import STEPS

TODAY = date(2026, 11, 24)  # the test BackOffice's today
BY = cases.OFFICER
Stage = Callable[[BackOffice, str], Any]


def decide_threshold(bo: BackOffice, ref: str) -> Any:
    return bo.cases.decide_threshold_met(ref, decided_on=date(2026, 9, 10), actor="manager",
                                         unverified_reason="Decided on the incidents as logged.")


# Two paths through the process, one stage at a time (the dates leave every form's "today" valid).
MET_PATH: list[tuple[str, Stage]] = [
    ("officer assigned", lambda bo, ref: bo.cases.assign_officer(ref, officer="officer", actor=BY)),
    ("incidents logged", lambda bo, ref: cases.log_qualifying_incidents(bo, ref, 3)),
    ("consent given", lambda bo, ref: bo.cases.give_consent(
        ref, kind=ConsentKind.SHARE_WITH_AGENCIES, given_on=cases.RECEIVED, given_by="Ann Smith", actor=BY)),
    ("acknowledged", lambda bo, ref: bo.cases.acknowledge(ref, acknowledged_on=date(2026, 9, 2), actor=BY)),
    ("threshold met", decide_threshold),
    ("decision letter sent", lambda bo, ref: bo.cases.send_decision_letter(
        ref, sent_on=date(2026, 9, 10), channel=LetterChannel.EMAIL, actor=BY)),
    ("information requested", lambda bo, ref: bo.cases.request_agency_information(
        ref, agency="Kent Police", requested_on=date(2026, 9, 11), actor=BY)),
    ("information received", lambda bo, ref: bo.cases.record_agency_information(
        ref, agency="Kent Police", received_on=date(2026, 9, 12), summary="Three reports", actor=BY)),
    ("panel scheduled", lambda bo, ref: bo.cases.schedule_panel(
        ref, panel_date=date(2026, 10, 5), chair="Dr Jane Holt", independent_chair=True, members=("Kent Police",),
        scheduled_on=date(2026, 9, 14), actor=BY)),
    ("victim not invited", lambda bo, ref: bo.cases.decide_not_to_invite_victim(
        ref, decided_on=date(2026, 9, 14), reason="She chose to be kept informed.", actor=BY)),
    ("panel held", lambda bo, ref: bo.cases.hold_panel(
        ref, held_on=date(2026, 10, 5), attendees=("Dr Jane Holt",), victim_attended=True, findings="Not linked",
        actor=BY)),
    ("recommendation issued", lambda bo, ref: bo.cases.issue_recommendation(
        ref, agency="Kent Police", text="Link the reports.", issued_on=date(2026, 10, 6), actor=BY)),
    ("outcome letter sent", lambda bo, ref: bo.cases.send_outcome_letter(
        ref, sent_on=date(2026, 10, 12), channel=LetterChannel.POST, actor=BY)),
    ("secondary review requested", lambda bo, ref: bo.cases.request_secondary_review(
        ref, requested_on=date(2026, 10, 13), grounds="Nothing changed", actor=BY)),
    ("secondary review held", lambda bo, ref: bo.cases.hold_secondary_review(
        ref, held_on=date(2026, 10, 20), panel=("A. Brown",), chair="PCC office", actor=BY)),
    ("secondary review concluded", lambda bo, ref: bo.cases.conclude_secondary_review(
        ref, concluded_on=date(2026, 10, 21), outcome=SecondaryReviewOutcome.ORIGINAL_REVIEW_UPHELD,
        reason="Sound", actor=BY)),
    ("review closed", lambda bo, ref: bo.cases.close_review(ref, closed_on=date(2026, 10, 22), reason="Done",
                                                            open_recommendations_reason="Followed up.", actor=BY)),
]
NOT_MET_PATH: list[tuple[str, Stage]] = [
    MET_PATH[0],
    ("two incidents logged", lambda bo, ref: cases.log_qualifying_incidents(bo, ref, 2)),
    *MET_PATH[2:4],
    ("threshold not met", lambda bo, ref: bo.cases.decide_threshold_not_met(
        ref, decided_on=date(2026, 9, 10), reason="Two incidents", alternative_action="Mediation", actor="manager",
        unverified_reason="Decided on the incidents as logged.")),
    ("decision letter sent", MET_PATH[5][1]),
    ("appeal lodged", lambda bo, ref: bo.cases.lodge_appeal(ref, lodged_on=date(2026, 9, 15), grounds="Missed",
                                                            actor=BY)),
    ("appeal dismissed", lambda bo, ref: bo.cases.dismiss_appeal(
        ref, decided_on=date(2026, 9, 20), reason="Rightly decided", actor="manager")),
    ("application closed", lambda bo, ref: bo.cases.close_application(
        ref, closed_on=date(2026, 9, 21), reason="Appeal dismissed", actor=BY)),
]

FORMS: dict[str, dict[str, Any]] = {
    "assign_officer": {"officer": "manager"},
    "pass_to_relevant_bodies": {"passed_on": TODAY},
    "log_incident": {"happened_on": TODAY, "reported_on": TODAY, "agency": "Kent Police", "hate_related": "no",
                     "informal": "no"},
    "correct_incident": {"happened_on": TODAY, "reported_on": TODAY, "agency": "Kent Police", "hate_related": "yes",
                         "reason": "The police log gives another date"},
    "strike_out_incident": {"reason": "Logged on the wrong case"},
    "give_consent": {"kind": "share_with_agencies", "given_on": TODAY, "given_by": "Ann Smith"},
    "withdraw_consent": {"kind": "share_with_agencies", "withdrawn_on": TODAY, "reason": "Changed her mind"},
    "request_verification": {"agency": "Kent Police"},
    "answer_verification": {"agency": "Kent Police", "number": 1, "answer": "confirmed", "answered_on": TODAY},
    "threshold_decision": {"decision": "met", "decided_on": TODAY,
                           "unverified_reason": "Decided on the incidents as logged."},
    "lodge_appeal": {"lodged_on": TODAY, "grounds": "The police logs were missed", "late_reason": "In hospital"},
    "decide_appeal": {"outcome": "dismissed", "decided_on": TODAY, "reason": "Rightly decided"},
    "lodge_challenge": {"lodged_on": TODAY, "grounds": "The victim agrees now", "late_reason": "In hospital"},
    "decide_challenge": {"outcome": "dismissed", "decided_on": TODAY, "reason": "Rightly rejected"},
    "withdraw_application": {"withdrawn_on": TODAY, "reason": "Moved away"},
    "reject_application": {"ground": "vexatious", "reason": "The same complaint again", "rejected_on": TODAY},
    "close_application": {"closed_on": TODAY, "reason": "The appeal window passed"},
    "request_agency_information": {"agencies": ["other"], "other_agency": "Moat Homes"},
    "record_agency_information": {"agency": "Kent Police", "received_on": TODAY, "summary": "Three reports"},
    "schedule_panel": {"panel_date": TODAY, "chair": "Dr Jane Holt", "independent_chair": "yes",
                       "members": "Kent Police"},
    "invite_victim": {"invited_on": TODAY, "method": "email", "format": "virtual"},
    "impact_statement": {"received_on": TODAY, "statement": "I cannot sleep"},
    "choose_involvement": {"level": "views_in_writing", "chosen_on": TODAY},
    "victim_not_invited": {"decided_on": TODAY, "reason": "She chose to give her views in writing."},
    "draft_action_plan": {"drafted_on": TODAY, "plan": "Patrols and a noise diary."},
    "share_action_plan": {"shared_on": TODAY, "how": "email"},
    "action_plan_response": {"responded_on": TODAY, "response": "Add CCTV."},
    "finalise_action_plan": {"finalised_on": TODAY},
    "hold_panel": {"held_on": TODAY, "attendees": "Dr Jane Holt", "victim_attended": "yes", "findings": "Not linked"},
    "issue_recommendation": {"agency": "Kent Police", "text": "Link the reports", "issued_on": TODAY},
    "agency_response": {"response": "accepted", "responded_on": TODAY},
    "delay_notice": {"sent_on": TODAY, "reason": "Waiting for the minutes", "expected_by": date(2026, 12, 10)},
    "request_secondary_review": {"requested_on": TODAY, "grounds": "Nothing changed", "late_reason": "In hospital"},
    "hold_secondary_review": {"held_on": TODAY, "chair": "PCC office", "panel": "A. Brown"},
    "conclude_secondary_review": {"outcome": "further_recommendations", "concluded_on": TODAY, "reason": "More"},
    "close_review": {"closed_on": TODAY, "reason": "All done", "open_recommendations_reason": "Followed up."},
}
CASE_STEPS = [step for step in STEPS if step.on_case]
# The steps that are letters are recorded from the letter's own page ("Record as sent"), which then shows the letters.
LETTER_STEPS = ("acknowledgement", "threshold_decision", "outcome")
LETTER_FORM = {"recipient": "applicant", "sent_on": TODAY, "channel": "post"}


def form_for(back_office: BackOffice, reference: str, endpoint: str) -> dict[str, Any]:
    if endpoint == "threshold_decision" and not back_office.cases.assess_threshold(reference).met:
        return {"decision": ThresholdDecision.NOT_MET.value, "decided_on": TODAY, "not_met_reason": "Too few incidents",
                "alternative_action": "Mediation", "unverified_reason": "Decided on the incidents as logged."}
    return FORMS[endpoint]


def offered(client: FlaskClient, reference: str) -> set[str]:
    """The addresses of the steps "What to do next" offers, and those offered beside each incident."""
    page = parse(client.get(f"/cases/{reference}"))
    heading = page.soup.find(id="next-steps")
    section = heading.find_next_sibling("ul") if heading else None
    beside_incidents = page.soup.find(id="incidents").find_next("table")
    return ({link["href"] for link in section.find_all("a")} if section else set()) | (
        {link["href"] for link in beside_incidents.find_all("a")} if beside_incidents else set())


def address(endpoint: str, reference: str, number: int = 1) -> str:
    step = next(s for s in CASE_STEPS if s.endpoint == endpoint)
    return step.rule.replace("<reference>", reference).replace("<int:number>", str(number))


def as_sent(hidden: list[Any], form: dict[str, Any]) -> MultiDict[str, str]:
    """The form as a browser sends it (see ``submit``), with the page's hidden fields."""
    data = [(field["name"], field["value"]) for field in hidden]
    for name, value in form.items():
        if isinstance(value, date):
            data += [(f"{name}-day", str(value.day)), (f"{name}-month", str(value.month)),
                     (f"{name}-year", str(value.year))]
        else:
            data.append((name, str(value)))
    return MultiDict(data)


def build(back_office: BackOffice, path: list[tuple[str, Stage]], stages: int) -> str:
    reference = cases.receive(back_office)
    for _, stage in path[:stages]:
        stage(back_office, reference)
    return reference


def events(back_office: BackOffice, reference: str) -> int:
    return len(back_office.cases.history(reference))


def check_every_stage(app: Flask, back_office: BackOffice, path: list[tuple[str, Stage]]) -> None:
    clients = {"officer": client_for(app, "officer"), "manager": client_for(app, "manager")}
    for stages in range(len(path) + 1):
        reference = build(back_office, path, stages)
        where = path[stages - 1][0] if stages else "received"
        for role, client in clients.items():
            links = offered(client, reference)
            # Every form of the case carries the same CSRF token and case version: read them once.
            hidden = parse(client.get(address("withdraw_application", reference))).soup.select(
                "form input[type=hidden]")
            for step in CASE_STEPS:
                url = address(step.endpoint, reference)
                if url in links:
                    continue
                before = events(back_office, reference)
                response = client.post(url, data=as_sent(hidden, form_for(back_office, reference, step.endpoint)))
                assert response.status_code in (400, 403, 404, 409), (where, role, step.endpoint, "not offered")
                assert events(back_office, reference) == before
            for kind in LETTER_STEPS:
                url = f"/cases/{reference}/letters/{kind}"
                if url in links:
                    fresh = build(back_office, path, stages)
                    before = events(back_office, fresh)
                    response = submit(client, url.replace(reference, fresh), LETTER_FORM)
                    assert response.status_code == 302, (where, role, kind, parse(response).text()[:400])
                    assert events(back_office, fresh) > before, (where, role, kind)
                    continue
                before = events(back_office, reference)
                response = client.post(url, data=as_sent(hidden, LETTER_FORM))
                assert response.status_code in (400, 403, 404, 409), (where, role, kind, "not offered")
                assert events(back_office, reference) == before
            for url in sorted(links - {f"/cases/{reference}/letters/{kind}" for kind in LETTER_STEPS}):
                number = re.search(r"/(?:recommendations|incidents)/(\d+)/", url)
                endpoint = next(s.endpoint for s in CASE_STEPS
                                if address(s.endpoint, reference, int(number[1]) if number else 1) == url)
                fresh = build(back_office, path, stages)  # each offered step on a case of its own at this stage
                before = events(back_office, fresh)
                response = submit(client, url.replace(reference, fresh), form_for(back_office, fresh, endpoint))
                assert response.status_code == 302, (where, role, endpoint, parse(response).text()[:400])
                assert response.headers["Location"] == f"/cases/{fresh}"
                assert events(back_office, fresh) > before, (where, role, endpoint)


def test_every_offered_step_is_accepted_and_no_refused_step_is_offered_on_the_way_to_a_review(
        app: Flask, back_office: BackOffice) -> None:
    check_every_stage(app, back_office, MET_PATH)


def test_every_offered_step_is_accepted_and_no_refused_step_is_offered_on_the_way_to_an_appeal(
        app: Flask, back_office: BackOffice) -> None:
    check_every_stage(app, back_office, NOT_MET_PATH)
