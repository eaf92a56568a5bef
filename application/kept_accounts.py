"""The accounts the web interface shows (the signed-in user on every request, the people behind user names on
most pages), without replaying the users from the event store each time.

One query asks for the latest stored version of the users wanted (an index lookup on the events table). A user
read before at that version is used as it was read; otherwise the user is loaded at that version and kept. Any
change to a user (disabled, roles changed, sessions ended, a new name) records an event, so it moves the version
on and takes effect at the very next request, as when the users were loaded afresh each time.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from application.users import Account
from domain.user import normalise_username, user_id


class KeptAccounts:
    def __init__(self, back_office: Any) -> None:
        self.back_office = back_office
        self._kept: dict[UUID, tuple[int, Account]] = {}  # a partnership has tens of users
        self._lock = threading.Lock()

    def account(self, username: str) -> Account | None:
        """The account of ``username`` as its latest event leaves it, or None if there is no such user."""
        found = self._current([user_id(normalise_username(username))])
        return found[0] if found else None

    def every_account(self) -> list[Account]:
        """Every user's account as it stands, by username."""
        return sorted(self._current(self.back_office.accounts.user_ids()), key=lambda a: a.username)

    def _current(self, ids: Sequence[UUID]) -> list[Account]:
        accounts = []
        for aggregate_id, version in self.back_office.recorder.latest_versions(ids).items():
            with self._lock:
                kept = self._kept.get(aggregate_id)
            if kept is None or kept[0] != version:
                kept = (version, self.back_office.accounts.account_at(aggregate_id, version))
                with self._lock:
                    self._kept[aggregate_id] = kept
            accounts.append(kept[1])
        return accounts
