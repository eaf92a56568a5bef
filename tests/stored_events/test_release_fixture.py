"""Upgrades keep history readable. Every event as release 0.1.0 stored it (release-0.1.0.json.gz: the demo's
cases and every other kind of event, 59 event classes) must load, project and show unchanged in every later
release: the read models and each case's state and history equal the committed expectation.

When a stored event changes shape, raise its class's ``class_version`` and add ``upcast_vN_vN+1`` (see
docs/OPERATIONS.md, "Upgrades"); never rename or move an event class. This test then still passes, unchanged.
Only a deliberate change to what a read model or history line shows (with READ_MODEL_VERSION raised) may
rewrite the expectation: ``CT_WRITE_EXPECTATION=1 ./dev test tests/stored_events``, and say why in the commit."""

from __future__ import annotations

import base64
import gzip
import importlib
import inspect
import json
import os
import pkgutil
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.domain import Aggregate, CanMutateAggregate
from eventsourcing.utils import resolve_topic
from psycopg import sql

import domain
from application.backoffice import BackOffice
from infrastructure.storage import Database
from projections.projector import Projector
from projections.tables import READ_TABLES

HERE = Path(__file__).parent
FIXTURE = HERE / "release-0.1.0.json.gz"
EXPECTED = HERE / "release-0.1.0.expected.json.gz"
STORED = json.loads(gzip.decompress(FIXTURE.read_bytes()))["events"]


def event_classes() -> dict[str, type]:
    """Every event class of every aggregate in the domain, by topic."""
    found: dict[str, type] = {}
    for module_info in pkgutil.iter_modules(domain.__path__):
        module = importlib.import_module(f"domain.{module_info.name}")
        for aggregate in vars(module).values():
            if (inspect.isclass(aggregate) and issubclass(aggregate, Aggregate)
                    and aggregate.__module__ == module.__name__):
                for event in vars(aggregate).values():
                    if inspect.isclass(event) and issubclass(event, CanMutateAggregate) and event.__name__ not in (
                            "Event", "Created", "Snapshot"):
                        found[f"{module.__name__}:{event.__qualname__}"] = event
    return found


def test_the_fixture_holds_every_event_class_of_this_release():
    assert set(event_classes()) <= {event["topic"] for event in STORED}


@pytest.mark.parametrize("topic", sorted({event["topic"] for event in STORED}))
def test_every_stored_topic_still_names_an_event_class_with_a_complete_upcaster_chain(topic: str):
    cls = resolve_topic(topic)  # a renamed or moved class would fail here
    version = getattr(cls, "class_version", 1)

    assert isinstance(version, int)
    assert version >= 1
    missing = [f"upcast_v{n}_v{n + 1}" for n in range(1, version) if not hasattr(cls, f"upcast_v{n}_v{n + 1}")]
    assert not missing, f"{topic} is at class_version {version} but lacks {', '.join(missing)}"


def store(database: Database, schema: str) -> None:
    with database.connect() as conn, conn.cursor() as cursor:
        cursor.executemany(
            sql.SQL("INSERT INTO {}.backoffice_events (originator_id, originator_version, topic, state) "
                    "VALUES (%s, %s, %s, %s)").format(sql.Identifier(schema)),
            [(UUID(e["originator_id"]), e["originator_version"], e["topic"], base64.b64decode(e["state"]))
             for e in STORED])


def shown(back_office: BackOffice, database: Database, schema: str) -> dict[str, Any]:
    """What people see of the stored history: every read model, and each case's stage and history."""
    with database.connect() as conn:
        Projector(back_office, conn, schema).catch_up()
        tables = {table: sorted(json.loads(json.dumps(row, default=str)) for row in conn.execute(
            sql.SQL("SELECT * FROM {}.{}").format(sql.Identifier(schema), sql.Identifier(table))).fetchall())
                  for table in READ_TABLES}
        references = [row[0] for row in conn.execute(
            sql.SQL("SELECT reference FROM {}.ct_cases ORDER BY reference").format(sql.Identifier(schema)))]
    histories = {}
    for reference in references:
        case = back_office.cases.get_case(reference)
        histories[reference] = {
            "stage": case.stage.label,
            "history": [[f"{e.recorded_at:%Y-%m-%d %H:%M:%S}", e.actor, e.record, e.event, e.details, e.reason]
                        for e in back_office.cases.history(reference)]}
    return {"read_models": tables, "cases": histories}


def test_events_stored_by_release_0_1_0_load_project_and_show_unchanged(
    back_office: BackOffice, database: Database, schema: str
):
    store(database, schema)
    for event in back_office.recorder.select_notifications(1, len(STORED) + 1):
        back_office.mapper.to_domain_event(event)  # every event decodes (and is upcast where its class moved on)

    found = shown(back_office, database, schema)

    if os.environ.get("CT_WRITE_EXPECTATION") == "1":
        EXPECTED.write_bytes(gzip.compress(json.dumps(found, indent=1, sort_keys=True).encode(), mtime=0))
    expected = json.loads(gzip.decompress(EXPECTED.read_bytes()))
    assert len(found["cases"]) == len(expected["cases"]) > 40
    for table in READ_TABLES:
        assert found["read_models"][table] == expected["read_models"][table], f"read model {table} differs"
    for reference, case in expected["cases"].items():
        assert found["cases"][reference] == case, f"{reference} shows differently"
