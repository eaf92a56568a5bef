"""Issue 12: everyone named in a case has a data key of their own, not only its applicant and victims. A neighbour
who reported incidents, the panel's chair, a member or an attendee is named in the case's free text under a key of
their own (``infrastructure/case_text.py``, ``named_subject``), and can be erased alone: their name then reads
"Erased on <date>" wherever the case holds it (every incident, the snapshot, the panel, the history, the pack),
while the rest of the case's text stays readable, the chain stays intact and the annual figures do not move.

Also here: a case's text stored before sealing goes with the case once it is erased, and an erasure made by one
process is seen by another within a second (``DataKeys.refresh``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import psycopg
import pytest

from application.backoffice import BackOffice
from application.inputs.erasure import NAMED
from application.named_people import NamedPerson
from domain.erasure import ErasureGround
from domain.errors import InvalidDetailsError
from domain.ids import application_id
from domain.personal import Person
from domain.values import Applicant, Channel, Problem
from infrastructure import keys as keys_module
from infrastructure.case_text import case_subject
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
from tests.personal.test_case_text_sealed import (
    CHAIR,
    ERASED,
    LOCATION,
    MEMBER,
    REJECTION,
    REPORTED_BY,
    REPORTED_TO,
    rejected,
    withdrawn_after_panel_scheduled,
)

MANAGER = "m.reid"
OTHER_REPORTER = "Mrs Una Vell, No. 8"


def named(office: BackOffice, reference: str, name: str) -> NamedPerson:
    [person] = [p for p in office.erasure.named_people(reference) if p.name == name]
    return person


def two_reporters(office: BackOffice) -> str:
    """An open case whose incidents were reported by two neighbours."""
    reference = office.cases.receive_application(
        channel=Channel.ONLINE, received_on=RECEIVED, applicant=Applicant(Person("p-21", "Ann Smith")),
        problem=Problem("noise", LOCATION), actor="public").reference
    for n, reporter in enumerate((REPORTED_BY, OTHER_REPORTER, REPORTED_BY)):
        happened = RECEIVED - timedelta(days=9 * n + 3)
        office.cases.log_incident(reference, happened_on=happened, reported_on=happened + timedelta(days=1),
                                  agency="Kent Police", reported_to=REPORTED_TO, reported_by=reporter, actor=OFFICER)
    return reference


def test_the_erasure_choices_list_each_person_named_in_the_cases_records_once_with_how_they_are_named_and_no_agency(
    office: BackOffice,
):
    reported, reference = two_reporters(office), cases.panel_held(office)
    office.cases.log_incident(reported, happened_on=date(2026, 8, 2), reported_on=date(2026, 8, 3),
                              agency="Kent Police", reported_by=f"  {REPORTED_BY.upper()} ", actor=OFFICER)

    assert [(p.name, p.roles) for p in office.erasure.named_people(reported)] == [
        (REPORTED_BY, ("reported incidents",)), (OTHER_REPORTER, ("reported incidents",))]
    people = office.erasure.named_people(reference)  # its members Kent Police and Moat Homes are agencies: no one
    assert [(p.name, p.roles) for p in people] == [("Dr Jane Holt", ("chaired the panel", "attended the panel"))]
    assert people[0].label == "Dr Jane Holt (chaired the panel; attended the panel)"


def test_erasing_a_reporter_makes_their_name_read_erased_in_every_incident_and_snapshot_and_leaves_the_rest(
    office: BackOffice, conn: psycopg.Connection[Any], schema: str, database: Database,
    make_back_office: Callable[..., BackOffice],
):
    reference = rejected(office)  # 18 incidents reported by the neighbour, and a snapshot holding them
    projector = Projector(office, conn, schema)
    projector.catch_up()
    figures = yearly_figures(conn, schema, office.profile.statistics_from, office.today(), office.calendar)

    office.erasure.erase(reference, named(office, reference, REPORTED_BY).choice,
                         ground=ErasureGround.ERASURE_REQUEST, actor=MANAGER)
    projector.catch_up()

    for reader in (office, make_back_office()):  # this process, and another with no key remembered
        application = reader.cases.get_case(reference).application
        assert {i.reported_by for i in application.incidents} == {ERASED}
        assert ({i.reported_to for i in application.incidents}, application.problem.location,
                application.ending_reason) == ({REPORTED_TO}, LOCATION, REJECTION)
        shown = " ".join([" ".join(f"{e.details} {e.reason}" for e in reader.cases.history(reference)),
                          pack_html(build_pack(reader, conn, schema, reference))])
        assert REPORTED_BY not in shown
        assert REPORTED_TO in shown
    assert office.erasure.named_people(reference) == ()
    assert len(office.erasure.erased_people(reference)) == 1
    assert audit.verify(conn, schema, office.recorder).intact
    assert yearly_figures(conn, schema, office.profile.statistics_from, office.today(), office.calendar) == figures
    text = opened(dump(database.url, schema), office.keys.key_for_reading(EVENTS))  # type: ignore[arg-type]
    assert REPORTED_BY not in text


def test_a_reporter_erased_on_one_case_stays_named_on_another_and_nothing_new_is_kept_about_them_on_the_first(
    office: BackOffice,
):
    first, second = two_reporters(office), two_reporters(office)

    office.erasure.erase(first, NAMED + REPORTED_BY, ground=ErasureGround.ERASURE_REQUEST, actor=MANAGER)
    office.cases.log_incident(first, happened_on=date(2026, 8, 20), reported_on=date(2026, 8, 21),
                              agency="Kent Police", reported_by=REPORTED_BY.lower(), actor=OFFICER)

    assert [i.reported_by for i in office.cases.get_case(first).application.incidents] == [
        ERASED, OTHER_REPORTER, ERASED, ERASED]
    assert [i.reported_by for i in office.cases.get_case(second).application.incidents] == [
        REPORTED_BY, OTHER_REPORTER, REPORTED_BY]
    assert [p.name for p in office.erasure.named_people(first)] == [OTHER_REPORTER]


def test_erasing_a_panel_member_leaves_the_chair_and_the_other_members(
    office: BackOffice, make_back_office: Callable[..., BackOffice],
):
    reference = withdrawn_after_panel_scheduled(office)

    office.erasure.erase(reference, named(office, reference, MEMBER).choice, ground=ErasureGround.ERASURE_REQUEST,
                         actor=MANAGER)

    review = make_back_office().cases.get_case(reference).review
    assert review is not None
    assert (review.chair, tuple(review.panel_members)) == (CHAIR, (ERASED, "Moat Homes"))
    papers = make_back_office().cases.case_page(reference).papers
    assert papers.members == (ERASED, "Moat Homes")


def test_a_name_not_in_the_cases_records_or_already_erased_is_refused_and_nothing_is_recorded(office: BackOffice):
    reference = two_reporters(office)
    office.erasure.erase(reference, NAMED + OTHER_REPORTER, ground=ErasureGround.ERASURE_REQUEST, actor=MANAGER)

    for whose in (NAMED + "Mr Nobody", NAMED + OTHER_REPORTER, NAMED + "  "):
        with pytest.raises(InvalidDetailsError, match="No one by that name is named in"):
            office.erasure.erase(reference, whose, ground=ErasureGround.ERASURE_REQUEST, actor=MANAGER)

    assert len(office.erasure.erased_people(reference)) == 1


def test_erasing_the_whole_case_shreds_the_keys_of_everyone_named_in_it_and_the_register_brings_none_back(
    office: BackOffice, conn: psycopg.Connection[Any], schema: str,
):
    reference = two_reporters(office)
    family = [row[0] for row in conn.execute(
        f'SELECT subject FROM "{schema}".ct_data_keys WHERE subject LIKE %s',
        (case_subject(application_id(reference)) + ":%",))]
    assert len(family) == 2  # one key per neighbour named in the application's text

    office.erasure.erase_case(reference, ground=ErasureGround.RETENTION_ENDED, actor=MANAGER)

    rows = conn.execute(f'SELECT subject, wrapped, shredded_on FROM "{schema}".ct_data_keys WHERE subject = ANY(%s)',
                        (family,)).fetchall()
    assert sorted(rows) == sorted((subject, None, date(2026, 11, 24)) for subject in family)
    assert office.erasure_register is not None
    assert case_subject(application_id(reference)) in {e.subject for e in office.erasure_register.entries()}


def test_free_text_stored_before_it_was_sealed_reads_erased_once_its_case_is_erased(
    office: BackOffice, database: Database, schema: str, make_back_office: Callable[..., BackOffice],
):
    store_rows(database, schema, "backoffice_events", STORED["events"])
    store_rows(database, schema, "backoffice_snapshots", STORED["snapshots"])
    reference = STORED["cases"]["rejected"]
    before = office.cases.get_case(reference).application
    assert before.ending_reason == "Same as CT-1."  # stored plain, before sealing

    office.erasure.erase_case(reference, ground=ErasureGround.RETENTION_ENDED, actor=MANAGER)

    for reader in (office, make_back_office()):
        application = reader.cases.get_case(reference).application
        assert (application.ending_reason, application.problem.location) == (ERASED, ERASED)
        assert application.applicant.person.name == ERASED
        assert {i.reported_to for i in application.incidents if i.reported_to} <= {ERASED}
    other = STORED["cases"]["met_withdrawn"]  # another case stored before sealing: untouched
    assert office.cases.get_case(other).application.problem.location == \
        make_back_office().cases.get_case(other).application.problem.location != ERASED


def test_an_erasure_in_one_process_is_seen_by_another_within_a_second_not_after_the_keys_minute(
    office: BackOffice, make_back_office: Callable[..., BackOffice], monkeypatch: pytest.MonkeyPatch,
):
    reference = cases.panel_scheduled(office)
    web = make_back_office()  # another process (a web worker) that has read the case, and holds its keys
    assert web.cases.get_case(reference).review.chair == "Dr Jane Holt"  # type: ignore[union-attr]
    web.keys.refresh()  # its first look at the count of shreddings

    office.erasure.erase_case(reference, ground=ErasureGround.RETENTION_ENDED, actor=MANAGER)

    assert web.cases.get_case(reference).review.chair == "Dr Jane Holt"  # type: ignore[union-attr]
    monkeypatch.setattr(keys_module, "CHECKED_EVERY", 0.0)  # the second has passed
    web.keys.refresh()  # as before every request and every job
    review = web.cases.get_case(reference).review
    assert review is not None
    assert (review.chair, web.cases.get_case(reference).application.applicant.person.name) == (ERASED, ERASED)
