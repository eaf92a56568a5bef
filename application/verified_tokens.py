"""API tokens verified before, kept by the version of their user, so an API call does not replay the user and read
the credentials table each time.

A token's hash is kept with the user's latest stored version when it was verified and the account it gave. The next
call asks only for the user's latest version (one index lookup on the events table); at the same version the answer
stands. Revoking a token, disabling the account or changing its roles each records an event on the user, so the
version moves on and the next call checks the token afresh (the revoked token's hash is gone from the credentials
table by then): a change takes effect at the very next call, as when every call loaded the user.
"""

from __future__ import annotations

import threading
from uuid import UUID

from application.users import Account


class VerifiedTokens:
    KEPT = 1000  # a partnership issues tens of tokens; past this many, start again

    def __init__(self) -> None:
        self._kept: dict[str, tuple[UUID, int, Account]] = {}  # token hash: (user id, version, account)
        self._lock = threading.Lock()

    def account(self, digest: str, user: UUID, version: int | None) -> Account | None:
        """The account the token of ``digest`` gave when ``user`` was at ``version``, if it was verified then."""
        with self._lock:
            kept = self._kept.get(digest)
        if kept is None or version is None or kept[:2] != (user, version):
            return None
        return kept[2]

    def keep(self, digest: str, user: UUID, version: int, account: Account) -> None:
        with self._lock:
            if len(self._kept) >= self.KEPT:
                self._kept.clear()
            self._kept[digest] = (user, version, account)
