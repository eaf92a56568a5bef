"""Sign-in throttling by username and by address, with a growing delay and never a lock-out.

Failed attempts are counted twice: for the username tried (known or not) and for the address the
attempt came from. Once a username has had ``failures_per_username`` failures (5 by default), or an
address ``failures_per_address`` (20), every further attempt for that username, or from that
address, is refused without checking the password until a delay has passed: 30 seconds after the
failure that reached the limit, then twice as long after each further failure (1, 2, 4 minutes...),
but never more than ``longest_delay`` (15 minutes). Attempts refused during a delay are not counted,
so nobody can keep an account shut by sending more of them; once the delay has passed the right
password works at once. The counts are forgotten after ``forget_after`` (an hour) without a failure,
and a successful sign-in clears its username's count (not its address's: one person's success must
not let an address go on guessing other usernames).

Where the counters live, and why: in a small PostgreSQL table (``ct_sign_in_attempts``, in the
BackOffice's schema, ``infrastructure.sign_in_attempts``), not in the event store and not in process memory.

* Not in process memory: production runs several web workers, and a counter per worker would
  multiply the allowed attempts by the number of workers and reset on every restart.
* Not in the event store: failed attempts are operational noise, often for usernames that do not
  exist (so there is no aggregate to record them on), and they must expire; the event store keeps
  everything for ever. Every change to an account, by contrast, is an event.
* One row per username and one per address, changed under a row lock in one transaction, so
  concurrent attempts from several workers count exactly.

The numbers are settings (``ThrottleSettings.from_environ``); the clock is passed in (``now``), so
tests control time without sleeping.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from infrastructure.sign_in_attempts import Connections, SignInAttempts

USERNAME, ADDRESS = "username", "address"
PREFIX = "COMMUNITY_TRIGGER_SIGN_IN_"


@dataclass(frozen=True)
class ThrottleSettings:
    failures_per_username: int = 5
    failures_per_address: int = 20
    first_delay: timedelta = timedelta(seconds=30)
    longest_delay: timedelta = timedelta(minutes=15)
    forget_after: timedelta = timedelta(hours=1)

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> ThrottleSettings:
        """From ``COMMUNITY_TRIGGER_SIGN_IN_FAILURES_PER_USERNAME``, ``..._FAILURES_PER_ADDRESS``,
        ``..._FIRST_DELAY_SECONDS``, ``..._LONGEST_DELAY_SECONDS`` and ``..._FORGET_AFTER_SECONDS``
        (whole numbers of at least 1); the defaults for those not set."""
        default = cls()

        def number(name: str, fallback: int) -> int:
            text = environ.get(PREFIX + name, "").strip()
            if not text:
                return fallback
            if not text.isdigit() or int(text) < 1:
                raise ValueError(f"{PREFIX + name} must be a whole number of at least 1, not {text!r}.")
            return int(text)

        def seconds(name: str, fallback: timedelta) -> timedelta:
            return timedelta(seconds=number(name, int(fallback.total_seconds())))

        return cls(number("FAILURES_PER_USERNAME", default.failures_per_username),
                   number("FAILURES_PER_ADDRESS", default.failures_per_address),
                   seconds("FIRST_DELAY_SECONDS", default.first_delay),
                   seconds("LONGEST_DELAY_SECONDS", default.longest_delay),
                   seconds("FORGET_AFTER_SECONDS", default.forget_after))

    def delay(self, failures: int, limit: int) -> timedelta | None:
        """How long attempts are refused after the ``failures``-th failure (None: not yet)."""
        if failures < limit:
            return None
        return min(self.first_delay * 2 ** min(failures - limit, 30), self.longest_delay)


@dataclass(frozen=True)
class Throttled:
    refused_until: datetime


class SignInThrottle:
    def __init__(self, connections: Connections, schema: str, settings: ThrottleSettings | None = None) -> None:
        self.settings = settings or ThrottleSettings()
        self.attempts = SignInAttempts(connections, schema)

    def check(self, username: str, address: str, now: datetime) -> Throttled | None:
        """Whether attempts for ``username``, or from ``address``, are refused at ``now`` (and until when)."""
        until = self.attempts.refused_until(((USERNAME, username), (ADDRESS, address)), now)
        return Throttled(until) if until is not None else None

    def record_failure(self, username: str, address: str, now: datetime) -> Throttled | None:
        """Count a failed attempt for the username and for the address; returns the delay this starts, if any."""
        until = self.attempts.record_failures(((USERNAME, username), (ADDRESS, address)), now,
                                              self.settings.forget_after, self._refusal)
        latest = max((u for u in until if u is not None), default=None)
        return Throttled(latest) if latest else None

    def _refusal(self, kind: str, failures: int) -> timedelta | None:
        limit = self.settings.failures_per_username if kind == USERNAME else self.settings.failures_per_address
        return self.settings.delay(failures, limit)

    def record_success(self, username: str) -> None:
        self.attempts.forget(USERNAME, username)
