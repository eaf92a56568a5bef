"""Listing every user (or every subject access request) reads the event log once per process, then only what was
recorded since: a user registered by another process is listed, and a page asking again does not read the whole
log again (at 50,000 cases that cost the dashboard about 250 ms a request)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from application.backoffice import BackOffice
from domain.user import Role, User
from infrastructure.aggregate_ids import AggregateIds
from tests.application import cases


class CountingRecorder:
    """The real recorder, noting where each read of the log started."""

    def __init__(self, recorder: Any) -> None:
        self.recorder, self.starts = recorder, []

    def max_notification_id(self) -> int | None:
        return self.recorder.max_notification_id()

    def select_notifications(self, start: int, limit: int, **kwargs: Any) -> Any:
        self.starts.append(start)
        return self.recorder.select_notifications(start, limit, **kwargs)


def register(back_office: BackOffice, username: str) -> None:
    back_office.accounts.register_user(username, display_name=username.title(), email=f"{username}@example.gov.uk",
                                       roles=[Role.OFFICER], password="a long enough password 1", actor="admin")


def test_a_user_registered_by_another_process_is_listed_and_only_new_events_are_read_again(
    make_back_office: Callable[..., BackOffice]
):
    web, other = make_back_office(), make_back_office()
    register(web, "ann.first")
    cases.receive(web)  # events of other kinds in between
    assert [a.username for a in web.accounts.list_accounts()] == ["ann.first"]

    end_of_log = web.recorder.max_notification_id()
    web.aggregate_ids.recorder = recorder = CountingRecorder(web.recorder)
    register(other, "bea.second")

    assert [a.username for a in web.accounts.list_accounts()] == ["ann.first", "bea.second"]
    assert recorder.starts == [end_of_log + 1]  # what was recorded since, not the whole log


def test_asking_again_reads_only_what_was_recorded_since(make_back_office: Callable[..., BackOffice]):
    back_office = make_back_office()
    register(back_office, "ann.first")
    cases.receive(back_office)
    recorder = CountingRecorder(back_office.recorder)
    ids = AggregateIds(recorder)
    first = ids.of(User.Registered)
    end_of_log = back_office.recorder.max_notification_id()
    assert recorder.starts == [1]
    assert len(first) == 1

    assert ids.of(User.Registered) == first
    assert recorder.starts == [1]  # nothing recorded since: the log is not read again

    register(back_office, "bea.second")
    assert len(ids.of(User.Registered)) == 2
    assert recorder.starts == [1, end_of_log + 1]
