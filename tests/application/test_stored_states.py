"""The states (threshold decision, appeal outcome, ending, stage) are enums, and cases stored before they were
keep loading: the events never held them, but a snapshot holds the aggregate's state, and one written by the
earlier code holds them as text. The rows below are bytes that code wrote (stored_before_typed_states.json)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

from psycopg import sql

from application.backoffice import BackOffice
from domain.application import AppealOutcome, Application, Ending, ThresholdDecision
from domain.ids import application_id
from domain.stage import Stage
from infrastructure.storage import Database
from tests.application import cases
from tests.application.cases import OFFICER
from tests.application.test_snapshots import replayed, state

STORED = json.loads((Path(__file__).parent / "stored_before_typed_states.json").read_text())

EXPECTED = {  # case -> (decision, appeal outcome, ending, stage)
    "not_met_upheld": (ThresholdDecision.NOT_MET, AppealOutcome.UPHELD, None, Stage.REVIEW_OPENED),
    "not_met_dismissed_closed": (ThresholdDecision.NOT_MET, AppealOutcome.DISMISSED, Ending.CLOSED, Stage.CLOSED),
    "met_by_discretion": (ThresholdDecision.MET_BY_DISCRETION, None, None, Stage.REVIEW_OPENED),
    "met_withdrawn": (ThresholdDecision.MET, None, Ending.WITHDRAWN, Stage.WITHDRAWN),
    "rejected": (None, None, Ending.REJECTED, Stage.REJECTED),
}


def store_rows(database: Database, schema: str, table: str, rows: list[dict[str, Any]]) -> None:
    with database.connect() as conn:
        conn.cursor().executemany(
            sql.SQL("INSERT INTO {}.{} (originator_id, originator_version, topic, state) VALUES (%s, %s, %s, %s)")
            .format(sql.Identifier(schema), sql.Identifier(table)),
            [(UUID(r["originator_id"]), r["originator_version"], r["topic"], r["state"].encode()) for r in rows])


def test_cases_whose_snapshots_hold_the_states_as_text_load_with_the_states_as_enums(
    back_office: BackOffice, database: Database, schema: str
):
    store_rows(database, schema, "backoffice_events", STORED["events"])
    store_rows(database, schema, "backoffice_snapshots", STORED["snapshots"])

    for name, reference in STORED["cases"].items():
        case = back_office.cases.get_case(reference)
        application = case.application
        [snapshot] = back_office.snapshots.get(application_id(reference))  # type: ignore[union-attr]

        stored = snapshot.state  # type: ignore[attr-defined]
        assert snapshot.originator_version == application.version, name  # loaded from the old snapshot alone
        assert "class_version" not in stored
        assert (stored["decision"], stored["appeal_outcome"], stored["ended"]) == tuple(
            value.value if value else None for value in EXPECTED[name][:3])  # as text
        assert (application.decision, application.appeal_outcome, application.ended, case.stage) == EXPECTED[name]
        assert state(application) == state(replayed(back_office, application.id)), name


def test_the_threshold_decision_of_a_case_stored_as_text_still_answers_whether_the_threshold_is_met(
    back_office: BackOffice, database: Database, schema: str
):
    store_rows(database, schema, "backoffice_events", STORED["events"])
    store_rows(database, schema, "backoffice_snapshots", STORED["snapshots"])

    met = {name: back_office.cases.get_case(reference).application.threshold_met
           for name, reference in STORED["cases"].items()}

    assert met == {"not_met_upheld": True, "not_met_dismissed_closed": False, "met_by_discretion": True,
                   "met_withdrawn": True, "rejected": False}


def test_a_case_saved_with_typed_states_replays_equal_from_its_snapshot_and_from_its_events(
    make_back_office, database: Database, schema: str
):
    back_office: BackOffice = make_back_office()
    reference = cases.not_met_letter_sent(back_office)
    back_office.cases.lodge_appeal(reference, lodged_on=date(2026, 9, 15), grounds="A report was missed.",
                                   actor=OFFICER)
    back_office.cases.dismiss_appeal(reference, decided_on=date(2026, 9, 20), reason="No new report.", actor=OFFICER)
    back_office.cases.close_application(reference, closed_on=date(2026, 9, 21), reason="Appeal dismissed.",
                                        actor=OFFICER)
    aggregate_id = application_id(reference)
    back_office.take_snapshot(aggregate_id)

    loaded = make_back_office().repository.get(aggregate_id)  # another process: from the snapshot just stored
    [snapshot] = back_office.snapshots.get(aggregate_id)  # type: ignore[union-attr]

    assert isinstance(loaded, Application)
    assert snapshot.originator_version == loaded.version
    assert (snapshot.state["class_version"], snapshot.state["ended"]) == (6, Ending.CLOSED)  # type: ignore[attr-defined]
    assert (loaded.decision, loaded.appeal_outcome, loaded.ended) == (
        ThresholdDecision.NOT_MET, AppealOutcome.DISMISSED, Ending.CLOSED)
    assert state(loaded) == state(replayed(back_office, aggregate_id))
