"""Deadlines recorded as missed reach the dashboard, the statistics and the ombudsman pack; emails the outbox."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import psycopg
from psycopg import sql

from application.backoffice import BackOffice
from domain.email import EmailStatus
from projections.case_list import CaseList
from projections.deadline_watch import DeadlineWatch
from projections.ombudsman import build_pack, pack_html, pack_json
from projections.projector import Projector
from projections.rebuild import rebuild
from projections.statistics import yearly_figures
from projections.tables import READ_MODEL_VERSION, read_model_version
from tests.application import cases
from tests.projections.conftest import snapshot


def test_a_missed_deadline_shows_on_the_dashboard_in_the_statistics_and_in_the_pack(
    back_office: BackOffice, projector: Projector, conn: psycopg.Connection[Any], schema: str,
):
    reference = cases.receive(back_office)  # received 1 September 2026: nothing done since
    missed = back_office.cases.record_missed_deadlines(reference)
    assert sorted(((m.label, m.due_on) for m in missed), key=lambda m: m[1]) == [
        ("Pass the application to all the relevant bodies", date(2026, 9, 3)),
        ("Acknowledge the application", date(2026, 9, 8)),
        ("Decide the threshold and tell the applicant", date(2026, 9, 15))]
    assert back_office.cases.record_missed_deadlines(reference) == []  # once
    projector.catch_up()

    [summary] = CaseList(conn, schema).open_cases(today=back_office.today()).cases
    assert summary.missed_deadlines == 3
    assert sorted(CaseList(conn, schema).missed_deadlines(reference), key=lambda m: m[1]) == [
        ("Pass the application to all the relevant bodies", date(2026, 9, 3), date(2026, 11, 24)),
        ("Acknowledge the application", date(2026, 9, 8), date(2026, 11, 24)),
        ("Decide the threshold and tell the applicant", date(2026, 9, 15), date(2026, 11, 24))]
    [year] = [y for y in yearly_figures(conn, schema, back_office.profile.statistics_from, back_office.today(),
                                         back_office.calendar) if y.starts_on == date(2026, 4, 1)]
    assert year.deadlines_missed == 3

    pack = build_pack(back_office, conn, schema, reference)
    assert {"step": "Acknowledge the application", "from": "2026-09-01", "due": "2026-09-08",
            "recorded_missed_on": "2026-11-24"} in json.loads(pack_json(pack))["deadlines_recorded_missed"]
    assert "<h2>Deadlines recorded as missed</h2>" in pack_html(pack)


def test_the_outbox_read_model_follows_each_email_and_a_rebuild_gives_the_same_tables(
    back_office: BackOffice, projector: Projector, conn: psycopg.Connection[Any], schema: str,
):
    recorded = back_office.outbox.queue_email(key="k1", to=("a@example.org",), subject="Hello", body="Text",
                                              purpose="reminder", reference="CT-2026-0001")
    assert recorded is not None
    back_office.outbox.hand_over_email(recorded.aggregate_id)
    projector.catch_up()
    [row] = DeadlineWatch(conn, schema).emails(EmailStatus.HANDING_OVER)
    assert (row.subject, row.recipients, row.attempts) == ("Hello", "a@example.org", 1)

    back_office.outbox.record_email_delivered(recorded.aggregate_id, server_reply="250 OK")
    projector.catch_up()
    assert DeadlineWatch(conn, schema).emails(EmailStatus.HANDING_OVER) == []
    before = snapshot(conn, schema)
    rebuild(back_office, conn, schema)
    assert snapshot(conn, schema) == before


def test_read_models_of_an_older_version_are_dropped_and_replayed(
    back_office: BackOffice, projector: Projector, conn: psycopg.Connection[Any], schema: str,
):
    cases.receive(back_office)
    projector.catch_up()
    before = snapshot(conn, schema)
    conn.execute(sql.SQL("DROP TABLE {}.ct_read_model_version").format(sql.Identifier(schema)))  # as version 1
    assert read_model_version(conn, schema) == 1

    again = Projector(back_office, conn, schema)
    assert again.outdated_tables_dropped
    assert again.catch_up() == back_office.event_count()
    assert read_model_version(conn, schema) == READ_MODEL_VERSION
    assert snapshot(conn, schema) == before
