"""The accounts the web interface shows (the signed-in user on every request, the people behind user names on
most pages), without replaying the users from the event store each time.

One query asks for the latest stored version of the users wanted (an index lookup on the events table). A user
read before at that version is used as it was read; otherwise the user is loaded at that version and kept. Any
change to a user (disabled, roles changed, sessions ended, a new name) records an event, so it moves the version
on and takes effect at the very next request, as when the users were loaded afresh each time.

A signed-in page asks for its user and, on most pages, for everyone (to name people): ``signed_in_and_everyone``
gives both from one query in the usual case, the latest versions of the users known so far and the event log's last
position together; only when that position shows events not read yet are they read for new users.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from application.users import Account
from domain.user import normalise_username, user_id


@dataclass(frozen=True)
class SignedIn:
    account: Account | None  # the signed-in user's
    everyone: list[Account]
    position: int  # the event log's, as they were read: a later question "as of this request" may start there


class KeptAccounts:
    def __init__(self, back_office: Any) -> None:
        self.back_office = back_office
        self._kept: dict[UUID, tuple[int, Account]] = {}  # a partnership has tens of users
        self._lock = threading.Lock()

    def every_account(self) -> list[Account]:
        """Every user's account as it stands, by username."""
        return sorted(self._current(self.back_office.accounts.user_ids()), key=lambda a: a.username)

    def signed_in_and_everyone(self, username: str) -> SignedIn:
        """The account of ``username`` (None if there is no such user), every user's account, by username, and the
        event log's position they stand at."""
        wanted = user_id(normalise_username(username))
        users = self.back_office.accounts
        versions, last = self.back_office.recorder.latest_versions_and_position(
            list(dict.fromkeys([wanted, *users.known_user_ids()])))
        everyone = users.user_ids(last)
        if missing := [i for i in everyone if i not in versions]:  # registered since the users were last read
            versions.update(self.back_office.recorder.latest_versions(missing))
        accounts = dict(zip(versions, self._at(versions.items()), strict=True))
        return SignedIn(accounts.get(wanted), sorted((accounts[i] for i in everyone if i in accounts),
                                                     key=lambda a: a.username), last)

    def _current(self, ids: Sequence[UUID]) -> list[Account]:
        return self._at(self.back_office.recorder.latest_versions(ids).items())

    def _at(self, versions: Iterable[tuple[UUID, int]]) -> list[Account]:
        accounts = []
        for aggregate_id, version in versions:
            with self._lock:
                kept = self._kept.get(aggregate_id)
            if kept is None or kept[0] != version:
                kept = (version, self.back_office.accounts.account_at(aggregate_id, version))
                with self._lock:
                    self._kept[aggregate_id] = kept
            accounts.append(kept[1])
        return accounts
