"""The nightly audit checkpoint: the chain's head signed with the audit key, kept in the database and written
to the log, from where it is shipped out of the database administrator's reach."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest

from application.backoffice import BackOffice
from projections import audit
from scheduler.runner import Scheduler
from tests.application.cases import outcome_sent


def test_the_nightly_checkpoint_is_kept_logged_and_verifies(
    office: BackOffice, project: Callable[[], None], make_scheduler: Callable[[], Scheduler], database: Any,
    schema: str, caplog: pytest.LogCaptureFixture,
):
    outcome_sent(office)
    project()
    scheduler = make_scheduler()

    with caplog.at_level(logging.INFO, logger="community_trigger.audit"):
        line = scheduler.run("checkpoint")

    assert [r.getMessage() for r in caplog.records if r.name == "community_trigger.audit"] == [line]
    checkpoint = audit.Checkpoint.parse(line)
    with database.connect() as conn:
        assert audit.stored_checkpoints(conn, schema) == [checkpoint]
        result = audit.verify(conn, schema, office.recorder)
    assert checkpoint.entries == office.event_count()
    assert result.intact
    assert result.checkpoints[-1].endswith("matches.")
