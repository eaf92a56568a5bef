"""The ombudsman pack: decisions with reasons, letters, deadlines, agency responses, the audit check."""

import json
from datetime import date
from html.parser import HTMLParser
from typing import Any

import psycopg
from bs4 import BeautifulSoup
from psycopg import sql

from application.backoffice import BackOffice
from domain.user import Role
from domain.values import AgencyResponseKind, LetterChannel, LetterKind
from projections.ombudsman import build_pack, pack_html, pack_json
from projections.projector import Projector
from tests.application import cases
from tests.application.cases import OFFICER


def reviewed_case(back_office: BackOffice) -> str:
    reference = cases.outcome_sent(back_office)
    back_office.cases.record_agency_response(reference, number=1, response=AgencyResponseKind.DECLINED,
                                             responded_on=date(2026, 10, 20), reason="No budget.", actor=OFFICER)
    return reference


def test_the_pack_holds_what_an_ombudsman_looks_for(
    back_office: BackOffice, projector: Projector, conn: psycopg.Connection[Any], schema: str
):
    reference = reviewed_case(back_office)
    projector.catch_up()

    pack = json.loads(pack_json(build_pack(back_office, conn, schema, reference)))

    threshold = pack["decisions"][0]
    assert threshold["decision"] == "Threshold met"
    assert threshold["policy"].startswith("3 qualifying incidents")
    assert [v["counts"] for v in threshold["verdicts"]] == [True, True, True]
    statutory = threshold["statutory_test"]
    assert (statutory["met"], statutory["qualifying"], statutory["required"]) == (True, 3, 3)
    assert [v["qualifies"] for v in statutory["verdicts"]] == [True, True, True]
    assert statutory["disagreement"] is None
    assert [letter["letter"] for letter in pack["letters"]] == [
        "Threshold decision letter", "Outcome letter (findings and recommendations)"]
    outcome = next(d for d in pack["deadlines"] if d["step"].startswith("Send the findings"))
    assert (outcome["due"], outcome["met"], outcome["status"]) == ("2026-11-16", "2026-10-12", "met")
    assert pack["recommendations"][0]["responses"] == [{"response": "declined", "on": "2026-10-20"}]
    assert pack["audit"]["result"].startswith("Intact")
    assert len(pack["timeline"]) == len(back_office.cases.history(reference))


def test_the_pack_says_when_the_audit_chain_was_tampered_with(
    back_office: BackOffice, projector: Projector, conn: psycopg.Connection[Any], schema: str
):
    reference = reviewed_case(back_office)
    projector.catch_up()
    table = sql.SQL("{}.ct_audit").format(sql.Identifier(schema))
    with conn.transaction():
        conn.execute(sql.SQL("ALTER TABLE {} DISABLE TRIGGER ct_audit_append_only").format(table))
        conn.execute(sql.SQL("UPDATE {} SET summary = 'nothing happened' WHERE position = 6").format(table))

    pack = build_pack(back_office, conn, schema, reference)

    assert pack.audit_result.startswith("NOT INTACT: Audit entry 6")


class Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.h1 = 0
        self.h2: list[str] = []
        self._in_h2 = False

    def handle_starttag(self, tag: str, attrs: list[Any]) -> None:
        self.h1 += tag == "h1"
        self._in_h2 = tag == "h2"

    def handle_data(self, data: str) -> None:
        if self._in_h2:
            self.h2.append(data)
            self._in_h2 = False


def test_the_html_pack_has_one_heading_and_every_section(
    back_office: BackOffice, projector: Projector, conn: psycopg.Connection[Any], schema: str
):
    reference = reviewed_case(back_office)
    projector.catch_up()
    parser = Headings()

    parser.feed(pack_html(build_pack(back_office, conn, schema, reference)))

    assert parser.h1 == 1
    assert parser.h2 == ["Audit trail", "Decisions and their reasons", "Incidents as they stand",
                         "Incident corrections and strike-outs (as first logged, and as corrected)",
                         "Incidents confirmed with the agencies", "The review panel", "Information from the agencies",
                         "Letters", "Deadlines", "Deadlines recorded as missed", "Recommendations and agency responses",
                         "Timeline", "Letters as sent"]


def test_the_pack_shows_the_panel_the_agency_information_and_each_letter_as_sent_with_peoples_names(
    back_office: BackOffice, projector: Projector, conn: psycopg.Connection[Any], schema: str
):
    reference = cases.threshold_met(back_office)
    back_office.cases.request_agency_information(reference, agency="Kent Police", requested_on=date(2026, 9, 11),
                                                 actor=OFFICER)
    back_office.cases.record_agency_information(reference, agency="Kent Police", received_on=date(2026, 9, 12),
                                                summary="Three reports, never linked.", actor=OFFICER)
    back_office.cases.schedule_panel(reference, panel_date=date(2026, 10, 5), chair="Dr Jane Holt",
                                     independent_chair=True, members=("Kent Police",), scheduled_on=date(2026, 9, 14),
                                     actor=OFFICER)
    back_office.cases.decide_not_to_invite_victim(reference, reason="She asked to be kept informed by letter.",
                                                  decided_on=date(2026, 9, 14), actor=OFFICER)
    back_office.cases.hold_panel(reference, held_on=date(2026, 10, 5), attendees=("Dr Jane Holt", "Kent Police"),
                                 victim_attended=True, findings="Reports were not linked.", actor=OFFICER)
    back_office.accounts.register_user("m.reid", display_name="Maria Reid", email="m.reid@example.gov.uk",
                                       roles=[Role.OFFICER], password="a long enough passphrase", actor="setup")
    back_office.cases.send_letter(reference, LetterKind.OUTCOME, channel=LetterChannel.POST,
                                  sent_on=date(2026, 10, 8), actor="m.reid")
    projector.catch_up()

    html = pack_html(build_pack(back_office, conn, schema, reference))
    text = " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())

    panel = text[text.index("The review panel"):text.index("Information from the agencies")]
    assert "Panel held" in panel
    assert "findings:" in panel
    agencies = text[text.index("Information from the agencies"):text.index("Letters Letter")]
    assert "Three reports, never linked." in agencies
    sent = text[text.index("Letters as sent"):]
    assert "Outcome letter: findings and recommendations, sent by post on 08 October 2026" in sent
    assert "Reports were not linked." in sent  # the findings, as the letter gave them
    assert "Dear" in sent
    assert "Maria Reid" in text
    assert "CaseFile.LetterSent" not in text


def test_the_pack_shows_each_incident_as_it_stands_and_every_correction_beside_the_original(
    back_office: BackOffice, projector: Projector, conn: psycopg.Connection[Any], schema: str
):
    reference = cases.receive(back_office)
    cases.log_qualifying_incidents(back_office, reference, 2)
    back_office.cases.log_incident(reference, happened_on=date(2026, 8, 20), reported_on=date(2026, 8, 21),
                                   agency="Moat Homes", reported_to="Housing team", reported_by="14 Elm Road",
                                   actor=OFFICER)
    back_office.cases.correct_incident(
        reference, number=1, happened_on=date(2026, 7, 2), reported_on=date(2026, 7, 4), agency="Kent Police",
        agency_reference="KP-20", hate_related=True, description="Loud music until 3am",
        reason="The police log gives 2 July.", actor=OFFICER)
    back_office.cases.strike_out_incident(reference, number=2, reason="Logged on the wrong case.", actor=OFFICER)
    projector.catch_up()
    pack = build_pack(back_office, conn, schema, reference)

    data = json.loads(pack_json(pack))

    third = data["incidents"][2]
    assert (third["reported_to"], third["reported_by"]) == ("Housing team", "14 Elm Road")
    assert [i["struck_out"] for i in data["incidents"]] == [False, True, False]
    corrected, struck_out = data["corrections"]
    assert (corrected["correction"], corrected["reason"]) == ("Incident corrected", "The police log gives 2 July.")
    assert "original: #1 happened 3 July 2026" in corrected["details"]
    assert "corrected: #1 happened 2 July 2026" in corrected["details"]
    assert (struck_out["correction"], struck_out["reason"]) == ("Incident struck out", "Logged on the wrong case.")
    html = pack_html(pack)
    assert "Housing team" in html
    assert "Incident corrected" in html
    assert "original: #1 happened 3 July 2026" in html


def test_the_pack_is_built_from_one_read_of_the_case_and_agrees_with_each_query_made_alone(
    back_office: BackOffice, projector: Projector, conn: psycopg.Connection[Any], schema: str
):
    reference = cases.panel_held(back_office)
    cases_ = back_office.cases
    cases_.issue_recommendation(reference, agency="Kent Police", text="Link the reports.",
                                issued_on=date(2026, 10, 6), actor=OFFICER)
    cases_.send_letter(reference, LetterKind.OUTCOME, channel=LetterChannel.POST, sent_on=date(2026, 10, 8),
                       actor=OFFICER)
    projector.catch_up()
    recorder = back_office.recorder
    reads = []
    read_events = recorder.select_events_of
    recorder.select_events_of = lambda ids: reads.append(ids) or read_events(ids)  # type: ignore[method-assign]
    try:
        pack = build_pack(back_office, conn, schema, reference)
    finally:
        del recorder.select_events_of

    assert len(reads) == 1
    assert pack.decisions == cases_.decisions(reference)
    assert len(pack.letters_sent) == 1
    assert "Link the reports." in pack.letters_sent[0].html
    assert pack.letters_sent == tuple(cases_.letters_as_sent(reference))
    assert pack.deadlines == cases_.deadlines(reference)
    assert pack.missed == cases_.missed_deadlines(reference)
    assert pack.timeline == cases_.history(reference)
