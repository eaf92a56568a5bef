"""Upgrades keep history readable. Every event as each release stored it (release-0.1.0.json.gz: the demo's
cases and every other kind of event, 59 event classes, in plain text; release-0.2.0.json.gz: the same and every
kind of event 0.2.0 added, 76 event classes, encrypted, with its data keys) must load, project and show
unchanged in every later release: the read models and each case's state and history equal the committed
expectation. The newest release's fixture holds every event class of the code (a release that adds one writes a
fixture of its own: tests/stored_events/write_release_*.py).

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
from collections.abc import Callable
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
RELEASES = ("0.1.0", "0.2.0")
NEWEST = RELEASES[-1]


def fixture(release: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(gzip.decompress((HERE / f"release-{release}.json.gz").read_bytes()))
    return document


def expected_file(release: str) -> Path:
    return HERE / f"release-{release}.expected.json.gz"


STORED = fixture("0.1.0")["events"]  # kept for the tests that import it


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


def test_the_newest_fixture_holds_every_event_class_of_this_release():
    assert set(event_classes()) <= {event["topic"] for event in fixture(NEWEST)["events"]}


ALL_TOPICS = sorted({event["topic"] for release in RELEASES for event in fixture(release)["events"]})


@pytest.mark.parametrize("topic", ALL_TOPICS)
def test_every_stored_topic_still_names_an_event_class_with_a_complete_upcaster_chain(topic: str):
    cls = resolve_topic(topic)  # a renamed or moved class would fail here
    version = getattr(cls, "class_version", 1)

    assert isinstance(version, int)
    assert version >= 1
    missing = [f"upcast_v{n}_v{n + 1}" for n in range(1, version) if not hasattr(cls, f"upcast_v{n}_v{n + 1}")]
    assert not missing, f"{topic} is at class_version {version} but lacks {', '.join(missing)}"


def store(database: Database, schema: str, stored: dict[str, Any]) -> None:
    """The release's events, and its data keys in place of the ones a new schema starts with."""
    with database.connect() as conn, conn.cursor() as cursor:
        if keys := stored.get("data_keys"):
            cursor.execute(sql.SQL("DELETE FROM {}.ct_data_keys").format(sql.Identifier(schema)))
            cursor.executemany(
                sql.SQL("INSERT INTO {}.ct_data_keys (subject, wrapped, created_on, shredded_on) "
                        "VALUES (%s, %s, %s, %s)").format(sql.Identifier(schema)),
                [(k["subject"], base64.b64decode(k["wrapped"]) if k["wrapped"] else None, k["created_on"],
                  k["shredded_on"]) for k in keys])
        cursor.executemany(
            sql.SQL("INSERT INTO {}.backoffice_events (originator_id, originator_version, topic, state) "
                    "VALUES (%s, %s, %s, %s)").format(sql.Identifier(schema)),
            [(UUID(e["originator_id"]), e["originator_version"], e["topic"], base64.b64decode(e["state"]))
             for e in stored["events"]])


def shown(back_office: BackOffice, database: Database, schema: str) -> dict[str, Any]:
    """What people see of the stored history: every read model, and each case's stage and history."""
    with database.connect() as conn:
        Projector(back_office, conn, schema).catch_up()
        tables = {table: sorted(json.loads(json.dumps(row, default=str)) for row in conn.execute(
            sql.SQL("SELECT * FROM {}.{}").format(sql.Identifier(schema), sql.Identifier(table))).fetchall())
                  for table in READ_TABLES if table != "ct_search"}
        # the search index's tokens are keyed by the schema's own index key: how many words each case has
        tables["ct_search"] = [list(row) for row in conn.execute(sql.SQL(
            "SELECT reference, count(*) FROM {}.ct_search GROUP BY reference ORDER BY reference").format(
                sql.Identifier(schema)))]
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


@pytest.mark.parametrize("release", RELEASES)
def test_events_stored_by_each_release_load_project_and_show_unchanged(
    release: str, make_back_office: Callable[..., BackOffice], database: Database, schema: str
):
    make_back_office().close()  # the schema's tables, made as a release would find them
    stored = fixture(release)
    store(database, schema, stored)
    back_office = make_back_office()  # reads the release's data keys
    for event in back_office.recorder.select_notifications(1, len(stored["events"]) + 1):
        back_office.mapper.to_domain_event(event)  # every event decodes (and is upcast where its class moved on)

    found = shown(back_office, database, schema)

    if os.environ.get("CT_WRITE_EXPECTATION") == "1":
        expected_file(release).write_bytes(gzip.compress(json.dumps(found, indent=1, sort_keys=True).encode(),
                                                         mtime=0))
    expected = json.loads(gzip.decompress(expected_file(release).read_bytes()))
    assert len(found["cases"]) == len(expected["cases"]) > 40
    for table in READ_TABLES:
        assert found["read_models"][table] == expected["read_models"][table], f"read model {table} differs"
    for reference, case in expected["cases"].items():
        assert found["cases"][reference] == case, f"{reference} shows differently"
