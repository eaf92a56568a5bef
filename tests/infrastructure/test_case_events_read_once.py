"""A case's events are read in one query (``AppendOnlyRecorder.select_events_of``): the same stored events, in
the same order, as the library's ``select_events`` gives for its application, review and file one by one."""

from __future__ import annotations

from uuid import uuid4

import pytest

from application.backoffice import BackOffice
from application.errors import CaseNotFoundError
from domain.ids import application_id, case_file_id, case_review_id
from tests.application import cases


def test_one_read_gives_each_aggregates_events_in_turn_as_select_events_does(back_office: BackOffice):
    reference = cases.panel_held(back_office)
    ids = [application_id(reference), case_review_id(reference), case_file_id(reference), uuid4()]

    together = back_office.recorder.select_events_of(ids)

    assert together == [event for each in ids for event in back_office.recorder.select_events(each)]
    assert {event.originator_id for event in together} == set(ids[:2])


def test_the_history_read_in_one_query_is_the_events_in_the_order_recorded(back_office: BackOffice):
    reference = cases.panel_held(back_office)
    one_by_one = [event for each in (application_id(reference), case_review_id(reference), case_file_id(reference))
                  for event in back_office.events.get(each)]

    events = back_office.cases.events_of(reference)

    assert events == sorted(one_by_one, key=lambda e: e.timestamp)


def test_a_case_with_no_application_is_not_found(back_office: BackOffice):
    with pytest.raises(CaseNotFoundError):
        back_office.cases.events_of("CT-2026-9999")


def test_the_latest_versions_come_with_the_event_logs_last_position(back_office: BackOffice):
    reference = cases.panel_held(back_office)
    ids = [application_id(reference), case_review_id(reference), uuid4()]

    versions, last = back_office.recorder.latest_versions_and_position(ids)

    assert versions == back_office.recorder.latest_versions(ids)
    assert last == back_office.recorder.max_notification_id()
