"""The signed-in account for each web request, without replaying the user from the event store each time.

Every request looks up one row: the user's latest stored version (an index lookup on the events table). If
the account was read at that version before, that reading is used; otherwise the user is loaded once and kept.
Any change to the user (disabled, roles changed, sessions ended) records an event, so it moves the version on
and takes effect at the very next request, as when the user was loaded afresh each time.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from application.users import Account, UserNotFoundError
from domain.user import normalise_username, user_id

KEPT = 1000  # accounts kept per back office (a partnership has tens of users)


class SignedInAccounts:
    def __init__(self, back_office: Any) -> None:
        self.back_office = back_office
        self._kept: OrderedDict[str, tuple[int, Account]] = OrderedDict()
        self._lock = threading.Lock()

    def account(self, username: str) -> Account | None:
        """The account of ``username`` as its latest event leaves it, or None if there is no such user."""
        username = normalise_username(username)
        latest = self.back_office.recorder.select_events(user_id(username), desc=True, limit=1)
        if not latest:
            return None
        version = latest[0].originator_version
        with self._lock:
            kept = self._kept.get(username)
            if kept is not None and kept[0] == version:
                self._kept.move_to_end(username)
                return kept[1]
        try:
            account = self.back_office.accounts.get_account(username)
        except UserNotFoundError:
            return None
        with self._lock:  # kept at the version looked up: if it has moved on since, the next request reloads it
            self._kept[username] = (version, account)
            while len(self._kept) > KEPT:
                self._kept.popitem(last=False)
        return account
