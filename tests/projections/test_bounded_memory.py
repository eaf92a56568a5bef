"""The projector holds a bounded number of aggregates and gives the read tables statistics while it fills them:
neither changes what it writes."""

from typing import Any

import psycopg

from application.backoffice import BackOffice
from demo.loader import load_demo
from domain.application import Application
from projections.projector import Projector
from projections.rebuild import rebuild
from tests.projections.conftest import snapshot


def test_a_projector_holding_two_aggregates_writes_what_a_rebuild_holding_them_all_writes(
    back_office: BackOffice, conn: psycopg.Connection[Any], schema: str
):
    small = Projector(back_office, conn, schema, batch_size=7, keep=2)
    load_demo(back_office, on_case=lambda total: small.catch_up())  # live, loading aggregates again and again
    live = snapshot(conn, schema)

    rebuild(back_office, conn, schema)  # one pass, every aggregate held

    assert len(small.aggregates) <= 2
    assert snapshot(conn, schema) == live
    assert len(live["ct_audit"]) == back_office.event_count()


def test_after_a_batch_the_projector_lets_go_of_closed_cases_and_keeps_open_ones(
    back_office: BackOffice, conn: psycopg.Connection[Any], schema: str
):
    references = load_demo(back_office)
    projector = Projector(back_office, conn, schema, batch_size=5000)

    projector.catch_up()

    held = {a.reference for a in projector.aggregates.values() if isinstance(a, Application)}
    open_cases = {r for r in references if not back_office.cases.get_case(r).has_ended}
    assert held == open_cases


def test_a_rebuild_leaves_the_case_tables_with_statistics(
    back_office: BackOffice, conn: psycopg.Connection[Any], schema: str
):
    load_demo(back_office)

    rebuild(back_office, conn, schema)

    analysed = dict(conn.execute(
        "SELECT relname, last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE schemaname = %s "
        "AND relname IN ('ct_cases', 'ct_deadlines')", (schema,)).fetchall())
    assert analysed == {"ct_cases": True, "ct_deadlines": True}
