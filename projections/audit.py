"""The audit trail: one entry per stored event, each carrying the hash of that event's stored bytes and
hashed together with the previous entry's hash, so the chain's head stands for the whole history.

What it proves, and how:

* The database refuses UPDATE, DELETE and TRUNCATE of the trail (a trigger), as it does for the events.
* ``verify`` recomputes the chain entry by entry, and compares every entry with the event now stored at its
  position: an event altered, removed, or inserted among events already recorded is named, as is any
  difference in count.
* A rewrite of both tables together (events and trail, recomputed) is caught by a **checkpoint**: the date,
  position, entry count and head hash, signed with a keyed MAC whose key the database never holds. Checkpoints
  are kept in ``ct_audit_checkpoints`` (append-only), written to the log, and printed in the annual report and
  the ombudsman pack, so a copy held elsewhere can be compared with ``audit verify --checkpoint``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import Any, Protocol

import psycopg
from psycopg import sql

from projections.tables import tracked_position

GENESIS = "0" * 64
_STRING = json.encoder.encode_basestring  # a str as ``json.dumps(…, ensure_ascii=False)`` writes it


def entry_json(position: int, *texts: str) -> str:
    """What an entry's hash is taken of: ``json.dumps([position, *texts], ensure_ascii=False)``, written
    straight (setting up the encoder cost more than the writing, once per entry)."""
    return f"[{int(position)!r}, {', '.join(map(_STRING, texts))}]"


FORMAT = 3  # how an entry's hash is computed: raise it when that changes (older checkpoints are then set aside)
# 3: summaries name personal fields without their values (projections/audit_summary.py)
MOST_NAMED = 20  # problems named one by one; any more are counted
PAGE = 5000


class StoredEvent(Protocol):
    id: int
    originator_id: Any
    originator_version: int
    topic: str
    state: bytes


def event_hash(stored: StoredEvent) -> str:
    """The hash of an event exactly as stored: aggregate, version, type and the stored bytes."""
    header = f"{stored.originator_id}\n{stored.originator_version}\n{stored.topic}\n".encode()
    return hashlib.sha256(header + bytes(stored.state)).hexdigest()


@dataclass(frozen=True)
class AuditEntry:
    position: int
    reference: str
    event: str
    actor: str
    recorded_at: datetime
    summary: str
    event_hash: str
    previous_hash: str

    @cached_property
    def hash(self) -> str:
        return hashlib.sha256(entry_json(self.position, self.reference, self.event, self.actor,
                                         self.recorded_at.isoformat(), self.summary, self.event_hash,
                                         self.previous_hash).encode()).hexdigest()

    def row(self) -> tuple[Any, ...]:
        return (self.position, self.reference, self.event, self.actor, self.recorded_at, self.summary,
                self.event_hash, self.previous_hash, self.hash)

    def describe(self) -> str:
        return f"{self.reference}, {self.event}, recorded {self.recorded_at:%Y-%m-%d %H:%M} UTC"


COLUMNS = "position, reference, event, actor, recorded_at, summary, event_hash, previous_hash, hash"


def last_hash(conn: psycopg.Connection[Any], schema: str) -> str:
    row = conn.execute(sql.SQL("SELECT hash FROM {}.ct_audit ORDER BY position DESC LIMIT 1").format(
        sql.Identifier(schema))).fetchone()
    return row[0] if row else GENESIS


# ----------------------------------------------------------------------------------------- checkpoints
LINE = re.compile(r"^audit-checkpoint (?P<made_at>\S+) position=(?P<position>\d+) entries=(?P<entries>\d+) "
                  r"head=(?P<head>[0-9a-f]{64}) format=(?P<format>\d+) mac=(?P<mac>[0-9a-f]{64}|unsigned)$")


@dataclass(frozen=True)
class Checkpoint:
    """The head of the chain at a moment, signed with the audit key (``mac`` empty when no key is set)."""

    made_at: datetime
    position: int
    entries: int
    head_hash: str
    mac: str = ""
    format: int = FORMAT

    def signed_text(self) -> str:
        return (f"audit-checkpoint {self.made_at.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ} position={self.position} "
                f"entries={self.entries} head={self.head_hash} format={self.format}")

    def line(self) -> str:
        """One line to keep somewhere the database administrator cannot reach."""
        return f"{self.signed_text()} mac={self.mac or 'unsigned'}"

    @property
    def when(self) -> str:
        return f"{self.made_at.astimezone(UTC):%d %B %Y %H:%M} UTC"

    @classmethod
    def parse(cls, text: str) -> Checkpoint:
        found = LINE.match(text.strip())
        if not found:
            raise ValueError("A checkpoint is one line as printed by `audit checkpoint`, the annual report or the "
                             "ombudsman pack: audit-checkpoint 2026-12-01T02:45:00Z position=… entries=… head=… "
                             "format=… mac=….")
        made_at = datetime.strptime(found["made_at"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        return cls(made_at, int(found["position"]), int(found["entries"]), found["head"],
                   "" if found["mac"] == "unsigned" else found["mac"], int(found["format"]))

    def signature_is_valid(self, key: bytes) -> bool:
        return bool(self.mac) and hmac.compare_digest(self.mac, _mac(key, self.signed_text()))


def _mac(key: bytes, text: str) -> str:
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


def make_checkpoint(conn: psycopg.Connection[Any], schema: str, key: bytes | None, now: datetime) -> Checkpoint:
    """The head of the chain now, signed with ``key`` when there is one (nothing is stored)."""
    row = conn.execute(sql.SQL("SELECT count(*), max(position) FROM {}.ct_audit").format(
        sql.Identifier(schema))).fetchone()
    entries, position = (row[0], row[1] or 0) if row else (0, 0)
    unsigned = Checkpoint(now.replace(microsecond=0), position, entries, last_hash(conn, schema))
    if key is None:
        return unsigned
    return Checkpoint(unsigned.made_at, position, entries, unsigned.head_hash, _mac(key, unsigned.signed_text()))


def store_checkpoint(conn: psycopg.Connection[Any], schema: str, checkpoint: Checkpoint) -> None:
    conn.execute(sql.SQL("INSERT INTO {}.ct_audit_checkpoints (made_at, position, entries, head_hash, format, mac) "
                         "VALUES (%s, %s, %s, %s, %s, %s)").format(sql.Identifier(schema)),
                 (checkpoint.made_at, checkpoint.position, checkpoint.entries, checkpoint.head_hash,
                  checkpoint.format, checkpoint.mac))


def stored_checkpoints(conn: psycopg.Connection[Any], schema: str, latest: int | None = None) -> list[Checkpoint]:
    """The checkpoints kept in the database, oldest first (or only the ``latest`` few)."""
    query = sql.SQL("SELECT made_at, position, entries, head_hash, mac, format FROM {}.ct_audit_checkpoints "
                    "ORDER BY made_at DESC, position DESC").format(sql.Identifier(schema))
    if latest is not None:
        query = query + sql.SQL(" LIMIT {}").format(sql.Literal(latest))
    return [Checkpoint(*row) for row in reversed(conn.execute(query).fetchall())]


# ------------------------------------------------------------------------------------------ verification
@dataclass(frozen=True)
class Verification:
    entries: int  # audit entries read
    events: int  # events in the event store up to the projector's position
    problems: tuple[str, ...] = ()
    more_problems: int = 0  # beyond those named
    pending: int = 0  # events stored after the projector's position (not yet in the trail)
    checkpoints: tuple[str, ...] = ()  # what each checkpoint compared showed, in words
    head: Checkpoint | None = None

    @property
    def intact(self) -> bool:
        return not self.problems

    @property
    def problem(self) -> str:
        """Every problem in words (empty when intact)."""
        text = " ".join(self.problems)
        if self.more_problems:
            text += f" … and {self.more_problems} more."
        return text


@dataclass
class _Findings:
    problems: list[str] = field(default_factory=list)
    more: int = 0

    def add(self, problem: str) -> None:
        if len(self.problems) < MOST_NAMED:
            self.problems.append(problem)
        else:
            self.more += 1


class EventSource(Protocol):
    def select_notifications(self, start: int | None, limit: int, stop: int | None = None, topics: Any = (),
                             *, inclusive_of_start: bool = True) -> list[Any]: ...


def _events(recorder: EventSource) -> Iterator[StoredEvent]:
    position = 0
    while True:
        page = recorder.select_notifications(position, PAGE, inclusive_of_start=False)
        yield from page
        if len(page) < PAGE:
            return
        position = page[-1].id


def _entries(conn: psycopg.Connection[Any], schema: str) -> Iterator[tuple[AuditEntry, str]]:
    query = sql.SQL(f"SELECT {COLUMNS} FROM {{}}.ct_audit ORDER BY position").format(sql.Identifier(schema))
    with conn.cursor(name="audit_verify") if not conn.autocommit else conn.cursor() as cursor:
        for row in cursor.execute(query):
            yield AuditEntry(*row[:8]), row[8]


def verify(conn: psycopg.Connection[Any], schema: str, recorder: EventSource, *, key: bytes | None = None,
           checkpoints: Iterable[Checkpoint] = (), now: datetime | None = None) -> Verification:
    """Recompute the chain, compare every entry with the event stored at its position (up to the projector's
    position), and compare the chain with each checkpoint (those stored in the database and those given)."""
    tracked = tracked_position(conn, schema)
    found = _Findings()
    previous, count, last_position, events, pending = GENESIS, 0, 0, 0, 0
    stored = _events(recorder)
    event = next(stored, None)
    for entry, recorded_hash in _entries(conn, schema):
        where = f"entry {entry.position} ({entry.describe()})"
        if entry.previous_hash != previous:
            found.add(f"The chain breaks at {where}: an entry before it was removed, or it was inserted out of "
                      "place.")
        if entry.hash != recorded_hash:
            found.add(f"Audit {where} was altered: its content no longer matches its hash.")
        while event is not None and event.id < entry.position:
            events += 1
            found.add(f"Event {event.id} (version {event.originator_version} of aggregate {event.originator_id}, "
                      f"{_event_name(event.topic)}) has no audit entry: it was inserted "
                      "among events already recorded, or its audit entry was removed.")
            event = next(stored, None)
        if event is None or event.id > entry.position:
            found.add(f"Event {entry.position} ({entry.describe()}) was removed from the event store.")
        else:
            events += 1
            if event_hash(event) != entry.event_hash:
                found.add(f"Event {entry.position} ({entry.describe()}) was altered in the event store after it "
                          "was recorded: what is stored now is not what was recorded.")
            event = next(stored, None)
        previous, count, last_position = recorded_hash, count + 1, entry.position
    while event is not None:
        if event.id <= tracked:
            events += 1
            found.add(f"Event {event.id} ({_event_name(event.topic)}) is in the event store but not in the audit "
                      "trail, although the projector passed it.")
        else:
            pending += 1
        event = next(stored, None)
    if last_position < tracked:
        found.add(f"Audit entries after position {last_position} were removed: the projector recorded events up "
                  f"to position {tracked}.")
    if events != count:
        found.add(f"The event store holds {events} events up to position {tracked}, the audit trail "
                  f"{count} entries.")
    head = Checkpoint(now or datetime.now(UTC), last_position, count, previous)
    compared = [_compare(conn, schema, checkpoint, key, found) for checkpoint in
                [*stored_checkpoints(conn, schema), *checkpoints]]
    return Verification(count, events, tuple(found.problems), found.more, pending, tuple(compared), head)


def _compare(conn: psycopg.Connection[Any], schema: str, checkpoint: Checkpoint, key: bytes | None,
             found: _Findings) -> str:
    """Compare the chain with one checkpoint; a problem goes to ``found``; returns what was shown, in words."""
    name = f"the checkpoint of {checkpoint.when} (position {checkpoint.position})"
    if checkpoint.format != FORMAT:
        return f"Set aside {name}: it was made when entries were hashed differently."
    if key is not None and not checkpoint.signature_is_valid(key):
        found.add(f"The signature of {name} does not match this installation's audit key: that checkpoint was "
                  "not made by the product (forged or mistyped).")
        return f"{name[0].upper()}{name[1:]}: signature does not match."
    if checkpoint.position == 0:
        return f"{name[0].upper()}{name[1:]}: made before any event."
    row = conn.execute(sql.SQL("SELECT hash, (SELECT count(*) FROM {0}.ct_audit WHERE position <= %s) "
                               "FROM {0}.ct_audit WHERE position = %s").format(sql.Identifier(schema)),
                       (checkpoint.position, checkpoint.position)).fetchone()
    if row is None:
        found.add(f"The audit trail has no entry at position {checkpoint.position}, which {name} recorded: the "
                  "history before that checkpoint was rewritten.")
        return f"{name[0].upper()}{name[1:]}: entry missing."
    if row[0] != checkpoint.head_hash or row[1] != checkpoint.entries:
        found.add(f"The audit trail up to position {checkpoint.position} is not the one {name} recorded: the "
                  "history before that checkpoint was rewritten.")
        return f"{name[0].upper()}{name[1:]}: does not match."
    signed = "signed, " if key is not None else ("unsigned, " if not checkpoint.mac else "")
    return f"{name[0].upper()}{name[1:]}: {signed}matches."


def _event_name(topic: str) -> str:
    return topic.rpartition(":")[2]


# -------------------------------------------------------------------------------------------- rebuild
def differences(conn: psycopg.Connection[Any], current: str, rebuilt: str) -> tuple[int, int, str]:
    """How many entries of the trail in schema ``current`` differ from (or are missing in) the one rebuilt in
    schema ``rebuilt``; the first such position; and the current head."""
    row = conn.execute(sql.SQL(
        "SELECT count(*), min(o.position) FROM {}.ct_audit o LEFT JOIN {}.ct_audit n USING (position) "
        "WHERE n.hash IS DISTINCT FROM o.hash").format(sql.Identifier(current), sql.Identifier(rebuilt))).fetchone()
    count, first = (row[0], row[1] or 0) if row else (0, 0)
    return count, first, last_hash(conn, current)
