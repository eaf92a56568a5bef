"""The projector on real PostgreSQL: catch-up, live following, rebuild, poison events, standby."""

import threading
from datetime import date
from typing import Any

import psycopg
import pytest
from psycopg import sql

from application.backoffice import BackOffice
from demo.loader import load_demo
from domain.stage import Stage
from infrastructure.locks import hold_projector_lock
from infrastructure.storage import Database
from projections.case_list import CaseList
from projections.projector import ProjectionError, Projector
from projections.rebuild import rebuild
from tests.application import cases
from tests.application.cases import OFFICER
from tests.conftest import TODAY
from tests.projections.conftest import snapshot


def test_catch_up_lists_open_cases_with_their_next_deadline_overdue_first(
    back_office: BackOffice, projector: Projector, conn: psycopg.Connection[Any], schema: str
):
    late = cases.receive(back_office, received_on=date(2026, 9, 1))  # acknowledgement due 8 September
    recent = cases.receive(back_office, received_on=date(2026, 11, 23))
    closed = cases.receive(back_office, received_on=date(2026, 9, 1))
    back_office.cases.withdraw_application(closed, withdrawn_on=date(2026, 9, 2), reason="Moved.", actor=OFFICER)
    cases.register_officer(back_office, "s.patel")
    back_office.cases.assign_officer(recent, officer="s.patel", actor="m.reid")

    projector.catch_up()
    page = CaseList(conn, schema).open_cases(today=TODAY)

    assert [c.reference for c in page.cases] == [late, recent]
    assert page.cases[0].is_overdue(TODAY)
    assert not page.cases[1].is_overdue(TODAY)
    assert page.cases[0].next_due_for == "Pass the application to all the relevant bodies"  # due first (2 days)
    assert page.cases[1].officer == "s.patel"
    assert CaseList(conn, schema).case(closed).stage is Stage.WITHDRAWN


def test_deadline_rows_match_the_backoffice_deadlines(
    back_office: BackOffice, projector: Projector, conn: psycopg.Connection[Any], schema: str
):
    reference = cases.outcome_sent(back_office)

    projector.catch_up()

    rows = {(r.step, r.subject): (r.due_on, r.met_on) for r in CaseList(conn, schema).deadlines(reference)}
    expected = {(d.step.value, d.subject): (d.due_on, d.met_on) for d in back_office.cases.deadlines(reference)}
    assert rows == expected


def test_case_list_filters_by_stage_officer_and_overdue_and_pages(
    back_office: BackOffice, projector: Projector, conn: psycopg.Connection[Any], schema: str
):
    load_demo(back_office)
    projector.catch_up()
    case_list = CaseList(conn, schema)

    by_stage = case_list.open_cases(today=TODAY, stage=Stage.PANEL_SCHEDULED)
    by_officer = case_list.open_cases(today=TODAY, officer="j.okafor")
    first, second = (case_list.open_cases(today=TODAY, page=n, per_page=4) for n in (1, 2))
    overdue = case_list.open_cases(today=date(2027, 6, 1), overdue_only=True)

    assert [c.stage for c in by_stage.cases] == [Stage.PANEL_SCHEDULED]
    assert by_officer.cases
    assert all(c.officer == "j.okafor" for c in by_officer.cases)
    assert (first.total, first.pages, len(first.cases), len(second.cases)) == (7, 2, 4, 3)
    assert overdue.total == 7
    assert sum(case_list.stages().values()) == 7


def test_a_rebuild_gives_tables_identical_to_those_built_live(
    back_office: BackOffice, projector: Projector, conn: psycopg.Connection[Any], schema: str
):
    load_demo(back_office, on_case=lambda total: projector.catch_up())  # live: after every case
    live = snapshot(conn, schema)

    replayed = rebuild(back_office, conn, schema).events

    assert replayed == back_office.event_count()
    assert snapshot(conn, schema) == live
    assert len(live["ct_audit"]) == back_office.event_count()


def test_an_event_the_projector_cannot_process_stops_it_and_names_the_event(
    back_office: BackOffice, projector: Projector, conn: psycopg.Connection[Any], schema: str
):
    reference = cases.receive(back_office)
    projector.catch_up()
    before = snapshot(conn, schema)
    conn.execute(sql.SQL(
        "INSERT INTO {}.backoffice_events (originator_id, originator_version, topic, state) "
        "VALUES (%s, 2, 'domain.application:Application.Vanished', '{{}}')").format(sql.Identifier(schema)),
        (back_office.cases.get_case(reference).application.id,))
    cases.receive(back_office)

    with pytest.raises(ProjectionError) as raised:
        projector.catch_up()

    assert "stopped at event 4 (domain.application:Application.Vanished)" in str(raised.value)
    assert snapshot(conn, schema) == before


def test_following_live_lets_a_command_read_its_own_write(
    back_office: BackOffice, database: Database, projector: Projector, conn: psycopg.Connection[Any], schema: str
):
    stop = threading.Event()
    with database.connect() as listen:
        follower = threading.Thread(target=projector.follow, args=(stop, listen, 5.0))
        follower.start()
        try:
            recorded = back_office.cases.receive_application(**cases_receipt())
            with database.connect() as reader:
                seen = CaseList(reader, schema).wait_for(recorded.position, timeout=4)
                row = CaseList(reader, schema).case(recorded.reference)
        finally:
            stop.set()
            follower.join(10)

    assert seen
    assert row is not None
    assert row.stage is Stage.RECEIVED


def cases_receipt() -> dict[str, Any]:
    from domain.personal import Person
    from domain.values import Applicant, Channel, Problem

    return {"channel": Channel.PHONE, "received_on": TODAY, "applicant": Applicant(Person("p", "Ann Smith")),
            "problem": Problem("noise", "High Street"), "actor": OFFICER}


def test_a_second_projector_waits_as_a_standby_until_the_first_stops(database: Database, schema: str):
    took_over = threading.Event()
    waiting = threading.Event()
    with database.connect() as first:
        hold_projector_lock(first, schema, on_wait=lambda: None)

        def standby() -> None:
            with database.connect() as second:
                hold_projector_lock(second, schema, on_wait=waiting.set)
                took_over.set()

        thread = threading.Thread(target=standby)
        thread.start()
        assert waiting.wait(5)
        assert not took_over.wait(0.3)
    thread.join(10)

    assert took_over.is_set()
