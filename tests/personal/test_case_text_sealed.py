"""Issue 12: a case's own free text (reasons, where the problem happens, who reported an incident and to whom, the
applicant's relationship to the victim, the panel's chair and members) is sealed under the case's key inside each
event and snapshot, so that it is not readable even with the whole-event cipher's key, reads "Erased on <date>"
once the case is erased, and reads as it was stored when it was stored before it was sealed."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import psycopg
from psycopg import sql

from application.backoffice import BackOffice
from application.erasure import case_aggregate_subjects
from domain.erasure import ErasureGround
from domain.ids import case_review_id
from domain.personal import Person
from domain.values import Applicant, Channel, LetterKind, Problem, RejectionGround
from infrastructure.keys import EVENTS
from infrastructure.storage import Database
from projections import audit
from projections.ombudsman import build_pack, pack_html
from projections.projector import Projector
from projections.statistics import yearly_figures
from tests.application import cases
from tests.application.cases import OFFICER, RECEIVED
from tests.application.test_stored_states import STORED, store_rows
from tests.personal.dumps import dump, opened

MANAGER = "m.reid"
ERASED = "Erased on 24 November 2026"  # the tests' today
LOCATION = "Flat 9, Quill House, Elm Road"
RELATIONSHIP = "Daughter of Mrs Ada Quill"
REPORTED_BY = "Mr Bram Tolley at No. 6"
REPORTED_TO = "PC Ivo Stark"
REJECTION = "Mrs Khan at 4 Elm Road already complained about this"
WITHDRAWAL = "Mr Peter Lyle moved away from 7 Oak Lane"
CHAIR = "Dr Ottoline Grey"
MEMBER = "PC Lena Whitfield, Kent Police"
FREE_TEXT = (LOCATION, RELATIONSHIP, REPORTED_BY, REPORTED_TO, REJECTION, WITHDRAWAL, CHAIR, MEMBER)
INCIDENTS = 18  # received, 18 incidents and the rejection: the 20th event, so the rejection's save takes a snapshot


def rejected(office: BackOffice) -> str:
    """A case made for a victim, its incidents reported by a neighbour, rejected with a reason naming people."""
    applicant = Applicant(Person("p-12", "Raj Patel"), on_behalf_of_victim=True, relationship=RELATIONSHIP,
                          victims=(Person("p-11", "Ann Smith"),))
    reference = office.cases.receive_application(channel=Channel.ONLINE, received_on=RECEIVED, applicant=applicant,
                                                 problem=Problem("noise", LOCATION), actor="public").reference
    for n in range(INCIDENTS):
        happened = RECEIVED - timedelta(days=9 * n + 3)
        office.cases.log_incident(reference, happened_on=happened, reported_on=happened + timedelta(days=1),
                                  agency="Kent Police", reported_to=REPORTED_TO, reported_by=REPORTED_BY,
                                  actor=OFFICER)
    office.cases.reject_application(reference, rejected_on=date(2026, 9, 3), ground=RejectionGround.VEXATIOUS,
                                    reason=REJECTION, actor=OFFICER)
    return reference


def withdrawn_after_panel_scheduled(office: BackOffice) -> str:
    reference = cases.threshold_met(office)
    office.cases.schedule_panel(reference, panel_date=date(2026, 10, 5), chair=CHAIR, independent_chair=True,
                                members=(MEMBER, "Moat Homes"), scheduled_on=date(2026, 9, 14), actor=OFFICER)
    office.cases.withdraw_application(reference, withdrawn_on=date(2026, 9, 20), reason=WITHDRAWAL, actor=OFFICER)
    return reference


def read_back(office: BackOffice, rejected_ref: str, withdrawn_ref: str) -> dict[str, Any]:
    application = office.cases.get_case(rejected_ref).application
    withdrawn = office.cases.get_case(withdrawn_ref)
    assert withdrawn.review is not None
    return {"location": application.problem.location, "relationship": application.applicant.relationship,
            "reported_by": {i.reported_by for i in application.incidents},
            "reported_to": {i.reported_to for i in application.incidents},
            "rejection": application.ending_reason, "withdrawal": withdrawn.application.ending_reason,
            "chair": withdrawn.review.chair, "members": tuple(withdrawn.review.panel_members)}


def snapshot_count(conn: psycopg.Connection[Any], schema: str) -> int:
    row = conn.execute(sql.SQL("SELECT count(*) FROM {}.backoffice_snapshots").format(sql.Identifier(schema)))
    return row.fetchone()[0]  # type: ignore[index]


def test_a_cases_free_text_is_sealed_in_its_events_and_snapshots_even_from_someone_holding_the_event_cipher_key(
    office: BackOffice, conn: psycopg.Connection[Any], schema: str, database: Database,
    make_back_office: Callable[..., BackOffice],
):
    rejected_ref, withdrawn_ref = rejected(office), withdrawn_after_panel_scheduled(office)
    Projector(office, conn, schema).catch_up()

    text = opened(dump(database.url, schema), office.keys.key_for_reading(EVENTS))  # type: ignore[arg-type]

    assert snapshot_count(conn, schema) >= 1  # the rejected case's snapshot is in the dump too
    assert '"_type_":"case_text"' in text  # the outer cipher was opened: the sealed values are there to see
    assert [value for value in FREE_TEXT if value in text] == []
    fresh = make_back_office()  # another process reads it all back, from the snapshot and the events
    assert read_back(fresh, rejected_ref, withdrawn_ref) == {
        "location": LOCATION, "relationship": RELATIONSHIP, "reported_by": {REPORTED_BY}, "reported_to": {REPORTED_TO},
        "rejection": REJECTION, "withdrawal": WITHDRAWAL, "chair": CHAIR, "members": (MEMBER, "Moat Homes")}


def test_erasing_a_case_makes_its_free_text_read_erased_everywhere_and_keeps_the_chain_and_the_annual_figures(
    office: BackOffice, conn: psycopg.Connection[Any], schema: str, make_back_office: Callable[..., BackOffice],
):
    rejected_ref, withdrawn_ref = rejected(office), withdrawn_after_panel_scheduled(office)
    projector = Projector(office, conn, schema)
    projector.catch_up()
    figures_before = yearly_figures(conn, schema, office.profile.statistics_from, office.today(), office.calendar)

    for reference in (rejected_ref, withdrawn_ref):
        office.erasure.erase_case(reference, ground=ErasureGround.RETENTION_ENDED, actor=MANAGER)
    projector.catch_up()

    fresh = make_back_office()  # another process: no key remembered from before
    assert read_back(fresh, rejected_ref, withdrawn_ref) == {
        "location": ERASED, "relationship": ERASED, "reported_by": {ERASED}, "reported_to": {ERASED},
        "rejection": ERASED, "withdrawal": ERASED, "chair": ERASED, "members": (ERASED, ERASED)}
    for reference, letter in ((rejected_ref, LetterKind.REJECTION), (withdrawn_ref, LetterKind.WITHDRAWAL)):
        shown = " ".join([
            " ".join(f"{e.details} {e.reason}" for e in fresh.cases.history(reference)),
            fresh.cases.render_letter(reference, letter).html,
            pack_html(build_pack(fresh, conn, schema, reference)),
        ])
        assert [value for value in FREE_TEXT if value in shown] == []
    assert audit.verify(conn, schema, fresh.recorder).intact
    assert yearly_figures(conn, schema, office.profile.statistics_from, office.today(),
                          office.calendar) == figures_before


def test_erasing_a_case_records_and_registers_the_keys_of_its_application_review_and_file(office: BackOffice):
    reference = cases.receive(office)

    office.erasure.erase_case(reference, ground=ErasureGround.RETENTION_ENDED, actor=MANAGER)

    keys = case_aggregate_subjects(reference)
    assert len(keys) == 3
    assert set(keys) <= office.erasure.erased_subjects(reference)
    assert office.erasure.erased_people(reference) == {"p-1"}
    assert office.erasure_register is not None
    assert {e.subject for e in office.erasure_register.entries()} == {"p-1", *keys}


def test_a_cases_first_text_sealed_by_another_process_reads_as_written_though_its_key_was_missing_when_looked_for(
    office: BackOffice, conn: psycopg.Connection[Any], schema: str, make_back_office: Callable[..., BackOffice],
):
    """The review opens with no text, so its case subject has no key yet when a reader (the projector, a web
    worker) first looks; the key another process then makes for its first text is read, not taken as erased."""
    reference = cases.threshold_met(office)  # the review opened, none of its text written yet
    projector = Projector(make_back_office(), conn, schema)
    web = make_back_office()
    projector.catch_up()
    assert web.cases.get_case(reference).review is not None

    office.cases.decide_not_to_invite_victim(reference, decided_on=date(2026, 9, 15),
                                             reason="She chose to be kept informed.", actor=OFFICER)
    projector.catch_up()

    review = web.cases.get_case(reference).review
    assert review is not None
    assert review.not_invited_reason == "She chose to be kept informed."
    assert projector.aggregates[case_review_id(reference)].not_invited_reason == \
        "She chose to be kept informed."  # type: ignore[attr-defined]


def test_erasing_one_person_leaves_the_cases_free_text_readable(office: BackOffice):
    rejected_ref = rejected(office)

    office.erasure.erase_person(rejected_ref, "p-11", ground=ErasureGround.ERASURE_REQUEST, actor=MANAGER)

    application = office.cases.get_case(rejected_ref).application
    assert application.applicant.victims[0].name == ERASED
    assert (application.problem.location, application.applicant.relationship, application.ending_reason) == (
        LOCATION, RELATIONSHIP, REJECTION)


def test_free_text_stored_before_it_was_sealed_reads_as_it_was_stored(
    back_office: BackOffice, database: Database, schema: str
):
    store_rows(database, schema, "backoffice_events", STORED["events"])
    reference = STORED["cases"]["rejected"]
    [rejection] = [json.loads(row["state"]) for row in STORED["events"]
                   if row["topic"].endswith("Application.Rejected")]

    application = back_office.cases.get_case(reference).application

    assert rejection["reason"] == "Same as CT-1."  # a plain string in the stored event
    assert application.ending_reason == rejection["reason"]
