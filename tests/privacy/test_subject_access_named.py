"""Issue 12: a victim's subject access copy withholds the other people the case's records name outside a person's
details: the neighbour who reported incidents and the panel's chair and members (``NAMING_FIELDS``), while it
keeps the incidents she reported herself, the agencies on the panel and what the case decided."""

from __future__ import annotations

import json
from datetime import date, timedelta

from application.backoffice import BackOffice
from application.redaction import WITHHELD
from domain.personal import Person
from domain.values import ConsentKind, LetterChannel
from tests.application import cases
from tests.application.cases import OFFICER, RECEIVED

NEIGHBOUR = "Mr Bram Tolley at No. 6"
CHAIR = "Dr Ottoline Grey"
MEMBER = "PC Lena Whitfield"


def reviewed_for_a_victim(back_office: BackOffice) -> str:
    """Raj Patel applied for Ann Smith; her neighbour reported one incident, she another, Raj a third; a panel
    chaired by an independent chair, with a police officer and two agencies, was held."""
    reference = cases.receive(back_office, on_behalf=True)
    for months_before, reporter in zip((3, 2, 1), (NEIGHBOUR, "ann  SMITH", "applicant"), strict=True):
        happened = RECEIVED - timedelta(days=30 * months_before)
        back_office.cases.log_incident(reference, happened_on=happened, reported_on=happened + timedelta(days=1),
                                       agency="Kent Police", reported_by=reporter, actor=OFFICER)
    for kind in (ConsentKind.VICTIM_CONSENT, ConsentKind.SHARE_WITH_AGENCIES):
        back_office.cases.give_consent(reference, kind=kind, given_on=RECEIVED, given_by="Ann Smith", actor=OFFICER)
    back_office.cases.acknowledge(reference, acknowledged_on=date(2026, 9, 2), actor=OFFICER)
    back_office.cases.decide_threshold_met(reference, decided_on=date(2026, 9, 10), actor=OFFICER,
                                           unverified_reason="Decided on the incidents as logged.")
    back_office.cases.send_decision_letter(reference, sent_on=date(2026, 9, 10), channel=LetterChannel.EMAIL,
                                           actor=OFFICER)
    back_office.cases.schedule_panel(reference, panel_date=date(2026, 10, 5), chair=CHAIR, independent_chair=True,
                                     members=(MEMBER, "Kent Police", "Moat Homes"), scheduled_on=date(2026, 9, 14),
                                     actor=OFFICER)
    back_office.cases.decide_not_to_invite_victim(reference, decided_on=date(2026, 9, 15),
                                                 reason="She chose to be kept informed.", actor=OFFICER)
    back_office.cases.hold_panel(reference, held_on=date(2026, 10, 5), attendees=(CHAIR, "Kent Police"),
                                 victim_attended=False, findings="Reports were not linked.", actor=OFFICER)
    return reference


def test_a_victims_copy_withholds_the_neighbour_who_reported_and_the_panels_people_and_keeps_her_own_reports(
    back_office: BackOffice,
):
    reference = reviewed_for_a_victim(back_office)
    privacy = back_office.privacy
    request = privacy.receive_subject_access_request(
        person=Person("asked", "Ann Smith"), received_on=date(2026, 11, 20), actor=OFFICER).aggregate_id
    privacy.confirm_records(request, subjects=["p-1"], actor=OFFICER)

    export = privacy.export(request)

    [case] = export["cases"]
    assert case["case"] == reference
    details = {e["what"]: e["details"] for e in case["history"]}
    reported = [e["details"]["incident"]["reported by"] for e in case["history"] if e["what"] == "Incident logged"]
    assert reported == [WITHHELD, "ann  SMITH", "applicant"]
    assert (details["Panel scheduled"]["chair"], details["Panel scheduled"]["members"]) == (
        WITHHELD, [WITHHELD, "Kent Police", "Moat Homes"])
    assert details["Panel held"]["attendees"] == [WITHHELD, "Kent Police"]
    text = json.dumps(export)
    assert [name for name in (NEIGHBOUR, CHAIR, MEMBER, "Raj Patel") if name in text] == []
    assert case["you are"] == "victim"


def test_a_neighbour_named_as_reporting_finds_that_record_by_name_and_their_copy_holds_their_reports_only(
    back_office: BackOffice,
):
    reference = reviewed_for_a_victim(back_office)
    privacy = back_office.privacy
    request = privacy.receive_subject_access_request(
        person=Person("asked", "mr bram tolley AT no. 6"), received_on=date(2026, 11, 20), actor=OFFICER).aggregate_id

    [found] = privacy.candidates(request)
    assert (found.reference, found.role, found.person.name, found.matched_on) == (
        reference, "named in its records: reported incidents", NEIGHBOUR, ("name",))
    assert NEIGHBOUR not in found.subject  # a request keeps the key's subject, never the name
    privacy.confirm_records(request, subjects=[found.subject], actor=OFFICER)
    export = privacy.export(request)

    [case] = export["cases"]
    assert (case["case"], case["you are"], case["your details as held now"]) == (
        reference, "named in its records: reported incidents", [{"name": NEIGHBOUR}])
    reported = [e["details"]["incident"]["reported by"] for e in case["history"] if e["what"] == "Incident logged"]
    assert reported == [NEIGHBOUR, WITHHELD, "applicant"]  # theirs kept; the victim, who reported one, withheld
    text = json.dumps(export)
    assert [name for name in (CHAIR, MEMBER, "Raj Patel", "Ann Smith", "ann  SMITH", "12 High Street")
            if name in text] == []
    received = case["history"][0]["details"]["applicant"]
    assert (received["person"], received["victims"]) == (WITHHELD, [WITHHELD])
