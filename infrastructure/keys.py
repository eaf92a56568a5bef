"""The keys that protect personal data: one master key the database never holds, and a data key per person.

* The **master key** (32 bytes) comes from ``COMMUNITY_TRIGGER_MASTER_KEY`` (urlsafe base64) or from the file
  named by ``COMMUNITY_TRIGGER_MASTER_KEY_FILE``, read only through ``master_key_from_environment``. Outside
  production a laptop, the demo and the tests may use a key file under the data folder (``development_key``);
  in production (``COMMUNITY_TRIGGER_ENV=production``) a missing master key stops the start with a message
  naming the variable (``require_master_key``).
* A **data key** (AES-256-GCM) per subject: a person's pseudonymous id (``Person.subject``), under which their
  details and the free text of their case are encrypted. Data keys are kept in ``ct_data_keys`` wrapped
  (AES-GCM) by the master key; the table alone decrypts nothing.
* **Shredding** deletes a subject's data key: whatever was encrypted under it can never be read again, in the
  events, the snapshots, a backup or anywhere a copy went. The row keeps the date, so readers can say
  "erased on <date>".
* A **case subject** (``@case:<aggregate id>``, ``infrastructure/case_text.py``) has a family: the subjects of the
  people named in that aggregate's free text (``@case:<aggregate id>:<digest>``: a reporter, a panel member).
  Their keys are read with the case's in one query, and shredding the case subject shreds its family.
* The whole-event cipher key (``EVENTS``) and the blind-index key (``BLIND_INDEX``) are data keys too, kept
  the same way, so rotating the master key rewraps them with the rest and no stored event changes. They are
  never shredded.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import hmac
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import psycopg
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from psycopg import sql
from psycopg.rows import tuple_row

from infrastructure.errors import StorageError
from infrastructure.storage import create_once

log = logging.getLogger(__name__)

MASTER_KEY = "COMMUNITY_TRIGGER_MASTER_KEY"
MASTER_KEY_FILE = "COMMUNITY_TRIGGER_MASTER_KEY_FILE"
ENVIRONMENT = "COMMUNITY_TRIGGER_ENV"
DEVELOPMENT_KEY_FILE = "master.key"
NONCE = 12
EVENTS = "@events"  # the whole-event cipher's key
BLIND_INDEX = "@blind-index"  # the search index's key
DRAFTS = "@drafts"  # the public form's drafts' key (infrastructure/drafts.py)
NEVER_SHREDDED = (EVENTS, BLIND_INDEX, DRAFTS)
CASE = "@case:"  # a case aggregate's subject: ``@case:<aggregate id>``, and its family ``@case:<aggregate id>:<…>``
KEPT_FOR = 60.0  # seconds a data key read from the table is kept in memory before it is read again
CHECKED_EVERY = 1.0  # seconds between two looks at the shredding count (``refresh``)

DDL = """
CREATE TABLE IF NOT EXISTS {}.ct_data_keys (
    subject text PRIMARY KEY,
    wrapped bytea,
    created_on date NOT NULL,
    shredded_on date
);
CREATE TABLE IF NOT EXISTS {}.ct_shreddings (
    one boolean PRIMARY KEY DEFAULT true CHECK (one),
    count bigint NOT NULL
);
INSERT INTO {}.ct_shreddings (one, count) VALUES (true, 0) ON CONFLICT DO NOTHING"""


class MasterKeyError(StorageError):
    """The master key is missing or cannot be read (one line that names the variable)."""


def master_key_from_environment(environ: Mapping[str, str]) -> bytes | None:
    """The master key from ``COMMUNITY_TRIGGER_MASTER_KEY`` (urlsafe base64 of 32 bytes) or the file named by
    ``COMMUNITY_TRIGGER_MASTER_KEY_FILE``; None when neither is set. A key that is set but unusable is an error
    naming the variable, never a silent fallback."""
    text = environ.get(MASTER_KEY, "").strip()
    where = MASTER_KEY
    if not text and environ.get(MASTER_KEY_FILE, "").strip():
        path = Path(environ[MASTER_KEY_FILE].strip())
        where = f"{MASTER_KEY_FILE} ({path})"
        try:
            text = path.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError) as error:
            raise MasterKeyError(f"Cannot read the master key from {where}: {error}.") from None
    if not text:
        return None
    return decode_key(text, where)


def decode_key(text: str, where: str) -> bytes:
    try:
        key = base64.urlsafe_b64decode(text.encode("ascii"))
    except (binascii.Error, UnicodeEncodeError, ValueError):
        key = b""
    if len(key) != 32:
        raise MasterKeyError(f"{where} must hold 32 bytes in urlsafe base64 (make one with "
                             "`community-trigger keys new`).")
    return key


def new_master_key() -> str:
    """A fresh master key, as the text to put in the environment or the key file."""
    return base64.urlsafe_b64encode(os.urandom(32)).decode("ascii")


def is_production(environ: Mapping[str, str]) -> bool:
    return environ.get(ENVIRONMENT, "").strip().lower() == "production"


def require_master_key(environ: Mapping[str, str], data_dir: str | Path | None = None) -> bytes:
    """The master key to start with: the environment's; outside production, a development key file under the
    data folder (made on first use); in production, without one, refuse to start."""
    key = master_key_from_environment(environ)
    if key is not None:
        return key
    if is_production(environ):
        raise MasterKeyError(f"No master key: set {MASTER_KEY} (or {MASTER_KEY_FILE}) before starting in "
                             "production; personal data cannot be read or recorded without it.")
    return development_key(Path(data_dir or environ.get("COMMUNITY_TRIGGER_DATA_DIR") or "var"))


def development_key(data_dir: Path) -> bytes:
    """The key file of a laptop, a trial or the demo, made on first use (never used in production)."""
    path = data_dir / DEVELOPMENT_KEY_FILE
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(new_master_key() + "\n")
        log.warning("Made a development master key in %s; in production set %s.", path, MASTER_KEY)
    return decode_key(path.read_text(encoding="ascii").strip(), str(path))


def case_family(subject: str) -> str | None:
    """The case subject (``@case:<aggregate id>``) that ``subject`` is, or belongs to; None for any other."""
    if not subject.startswith(CASE):
        return None
    head, _, _ = subject[len(CASE):].partition(":")
    return CASE + head


def seal(key: bytes, plaintext: bytes, context: bytes) -> bytes:
    nonce = os.urandom(NONCE)
    return nonce + _cipher(key).encrypt(nonce, plaintext, context)


def unseal(key: bytes, sealed: bytes, context: bytes) -> bytes:
    return _cipher(key).decrypt(sealed[:NONCE], sealed[NONCE:], context)


class _Ciphers:
    """The AES-GCM object of each key, made once: making one costs twice what unsealing a short value does, and
    reading a case unseals hundreds of values under a few keys. The objects hold no state between calls (the event
    cipher shares one across threads too). All are dropped together once ``CHECKED_EVERY`` has passed (the time an
    erasure takes to reach ``DataKeys``, which then forgets the key), and at most ``KEPT`` are kept at a time."""

    KEPT = 4096  # a few per case being read

    def __init__(self) -> None:
        self.made: dict[bytes, AESGCM] = {}
        self.since = time.monotonic()

    def __call__(self, key: bytes) -> AESGCM:
        now = time.monotonic()
        if now - self.since > CHECKED_EVERY or len(self.made) >= self.KEPT:
            self.made = {}
            self.since = now
        cipher = self.made.get(key)
        if cipher is None:
            cipher = self.made[key] = AESGCM(key)
        return cipher


_cipher = _Ciphers()


class _TupleRows:
    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def execute(self, query: Any, params: Any = None) -> Any:
        return self.conn.cursor(row_factory=tuple_row).execute(query, params)

    def transaction(self) -> Any:
        return self.conn.transaction()


@dataclass(frozen=True)
class Shredded:
    """A subject whose data key was deleted (their data erased) on a date."""

    subject: str
    on: date


class DataKeys:
    """The data keys of one schema, wrapped by the master key. ``connection`` gives a connection context (a
    pool's ``connection()``); until it is attached (``attach``) nothing can be encrypted or decrypted. Keys
    read are kept in memory for at most ``KEPT_FOR`` seconds; ``shred`` forgets them here at once, and the
    projector (``forget``) as soon as it reads the erasure event."""

    def __init__(self, master: bytes, schema: str, today: Callable[[], date] = date.today) -> None:
        self.master = master
        self.schema = schema
        self.today = today
        self.table = sql.SQL("{}.ct_data_keys").format(sql.Identifier(schema))
        self.connection: Callable[[], Any] | None = None
        self._keys: dict[str, bytes] = {}
        self._shredded: dict[str, date] = {}
        self._read_at: dict[str, float] = {}
        self._absent: dict[str, float] = {}  # subjects with no key row (values stored before sealing)
        self._shreddings: int | None = None  # the shredding count last seen (``refresh``)
        self._checked_at = float("-inf")
        self._lock = threading.Lock()

    def attach(self, connection: Callable[[], Any], create: bool) -> None:
        self.connection = connection
        if create:
            with self._conn() as conn:
                create_once(conn, self.schema, sql.SQL(DDL).format(*[sql.Identifier(self.schema)] * 3))
        self.refresh()  # the count of shreddings as this process starts, to tell later ones by

    @contextlib.contextmanager
    def _conn(self) -> Iterator[Any]:
        """A connection whose rows are tuples (the event store's pool gives dictionaries)."""
        if self.connection is None:
            raise StorageError("The data keys are not connected to the database yet.")
        with self.connection() as conn:
            yield _TupleRows(conn)

    def _wrap(self, subject: str, key: bytes) -> bytes:
        return seal(self.master, key, subject.encode())

    def _unwrap(self, subject: str, wrapped: bytes) -> bytes:
        try:
            return unseal(self.master, bytes(wrapped), subject.encode())
        except InvalidTag:
            raise MasterKeyError("The master key does not open the data keys: it is not the key they were "
                                 f"made with (check {MASTER_KEY}).") from None

    # ------------------------------------------------------------------------------------ use
    def key_for_writing(self, subject: str) -> bytes | None:
        """The subject's data key, made on first use; None when it was shredded (nothing new is kept)."""
        key = self.key_for_reading(subject)
        if key is not None or subject in self._shredded:
            return key
        key = AESGCM.generate_key(256)
        with self._conn() as conn:
            conn.execute(sql.SQL("INSERT INTO {} (subject, wrapped, created_on) VALUES (%s, %s, %s) "
                                 "ON CONFLICT (subject) DO NOTHING").format(self.table),
                         (subject, self._wrap(subject, key), self.today()))
        with self._lock:
            self._keys.pop(subject, None)
            self._absent.pop(subject, None)
        return self.key_for_reading(subject)  # the row that won, if another process made one at once

    def key_for_reading(self, subject: str, sealed: bool = False) -> bytes | None:
        """The subject's data key, or None when it was shredded or never made. ``sealed``: the caller holds a value
        sealed under it, so it was made, if after this process last found none: that note is not trusted."""
        key = self._keys.get(subject)  # held and fresh: no lock (reading a dict is atomic; ``forget`` removes it)
        if key is not None and (subject in NEVER_SHREDDED
                                or time.monotonic() - self._read_at.get(subject, 0.0) < KEPT_FOR):
            return key
        with self._lock:
            if subject in self._keys and self._fresh(subject):
                return self._keys[subject]
            if subject in self._shredded:
                return None
            if not sealed and time.monotonic() - self._absent.get(subject, -KEPT_FOR) < KEPT_FOR:
                return None
        return self._remember(self._read(subject), (subject,)).get(subject)

    def read_ahead(self, subjects: Iterable[str]) -> None:
        """Read in one query the keys of ``subjects`` not held (a case subject's or family member's with the whole
        family), as ``key_for_reading`` would one by one: the projector reads a batch's keys this way. A subject
        found without a key before is asked again (the batch may hold a value sealed under a key made since)."""
        asked = set(subjects)
        with self._lock:
            wanted = {s for s in asked if not (s in self._keys and self._fresh(s)) and s not in self._shredded}
        if not wanted:
            return
        families = sorted({family for s in wanted if (family := case_family(s)) is not None})
        with self._conn() as conn:
            rows = conn.execute(sql.SQL(
                "SELECT subject, wrapped, shredded_on FROM {t} WHERE subject = ANY(%s) UNION "
                "SELECT k.subject, k.wrapped, k.shredded_on FROM unnest(%s::text[]) AS f(family) JOIN {t} AS k "
                "ON k.subject > f.family || ':' AND k.subject < f.family || ';'").format(t=self.table),
                (sorted(wanted) + families, families)).fetchall()
        self._remember(rows, wanted)

    def _remember(self, rows: list[tuple[str, bytes | None, date | None]], asked: Iterable[str]) -> dict[str, bytes]:
        """Keep the key rows read (a shredded one as its date) and note the ``asked`` subjects that have none."""
        now = time.monotonic()
        keys = {found: self._unwrap(found, wrapped) for found, wrapped, _ in rows if wrapped is not None}
        with self._lock:
            for found, wrapped, shredded_on in rows:
                if wrapped is None:
                    self._shredded[found] = shredded_on
                    self._keys.pop(found, None)
                elif found in self._shredded:  # held as erased (``take_as_shredded``): a shredded key never returns
                    keys.pop(found)
                else:
                    self._keys[found] = keys[found]
                    self._read_at[found] = now
                    self._absent.pop(found, None)
            for subject in asked:
                if subject not in self._keys and subject not in self._shredded:
                    self._absent[subject] = now
        return keys

    def _read(self, subject: str) -> list[tuple[str, bytes | None, date | None]]:
        """The key row of ``subject``; for a case subject or one of its family, the whole family's rows (the
        keys of the people named in one aggregate are then read in one query, with the case's)."""
        family = case_family(subject)
        with self._conn() as conn:
            if family is None:
                return conn.execute(sql.SQL("SELECT subject, wrapped, shredded_on FROM {} WHERE subject = %s")
                                    .format(self.table), (subject,)).fetchall()
            return conn.execute(sql.SQL("SELECT subject, wrapped, shredded_on FROM {} WHERE subject = %s "
                                        "OR (subject > %s AND subject < %s)").format(self.table),
                                (family, family + ":", family + ";")).fetchall()

    def _fresh(self, subject: str) -> bool:
        """A key read in the last ``KEPT_FOR`` seconds (another process may have shredded it since)."""
        return subject in NEVER_SHREDDED or time.monotonic() - self._read_at.get(subject, 0.0) < KEPT_FOR

    def shredded_on(self, subject: str) -> date | None:
        self.key_for_reading(subject)
        return self._shredded.get(subject)

    def blind_index(self, token: str) -> str:
        """A keyed index of a normalised search token (a name or postcode part): equal tokens give equal
        indexes, and nothing can be learnt from one without the keys."""
        key = self.key_for_writing(BLIND_INDEX)
        assert key is not None
        normal = " ".join(token.casefold().split())
        return hmac.new(key, normal.encode(), hashlib.sha256).hexdigest()

    # ------------------------------------------------------------------------------ erasure
    def shred(self, subjects: Iterable[str], on: date) -> list[str]:
        """Delete the data keys of ``subjects`` (a subject with no key yet gets a shredded row, so none is made
        later). Returns the subjects shredded now (not before)."""
        done: list[str] = []
        with self._conn() as conn, conn.transaction():
            for subject in dict.fromkeys(s for s in subjects if s not in NEVER_SHREDDED):
                row = conn.execute(sql.SQL(
                    "INSERT INTO {t} (subject, wrapped, created_on, shredded_on) VALUES (%s, NULL, %s, %s) "
                    "ON CONFLICT (subject) DO UPDATE SET wrapped = NULL, shredded_on = EXCLUDED.shredded_on "
                    "WHERE {t}.shredded_on IS NULL RETURNING subject").format(t=self.table),
                    (subject, on, on)).fetchone()
                if row:
                    done.append(subject)
                if case_family(subject) == subject:  # a case subject: the people named in its text go with it
                    done += [found for (found,) in conn.execute(sql.SQL(
                        "UPDATE {} SET wrapped = NULL, shredded_on = %s WHERE subject > %s AND subject < %s "
                        "AND shredded_on IS NULL RETURNING subject").format(self.table),
                        (on, subject + ":", subject + ";")).fetchall()]
            if done:  # every process sees the count change and reads its keys again (``refresh``)
                conn.execute(sql.SQL("UPDATE {}.ct_shreddings SET count = count + 1").format(
                    sql.Identifier(self.schema)))
        with self._lock:
            for subject in done:
                self._keys.pop(subject, None)
                self._shredded[subject] = on
        self.forget(done)
        return done

    def take_as_shredded(self, subjects: Iterable[str], on: date) -> None:
        """Hold ``subjects`` (a case subject with the people named in its text) as shredded on ``on`` in this
        process, whether or not their keys are deleted yet. The projector does so on reading an erasure: the
        erasure is saved just before its keys are deleted, and what it reads in between must already be erased
        (its search rows and the cases it holds in memory would otherwise keep the text until touched again)."""
        with self._lock:
            for one in self._held_with_families(subjects):
                self._keys.pop(one, None)
                self._absent.pop(one, None)
                self._shredded[one] = self._shredded.get(one) or on

    def forget(self, subjects: Iterable[str]) -> None:
        """Drop cached keys of subjects shredded (here or by another process): they are read again."""
        with self._lock:
            for one in self._held_with_families(subjects):
                self._keys.pop(one, None)
                self._shredded.pop(one, None)
                self._absent.pop(one, None)

    def _held_with_families(self, subjects: Iterable[str]) -> list[str]:
        """``subjects``, each case subject followed by the held keys of the people named in its text (under the
        lock)."""
        return [one for subject in subjects for one in (
            subject, *(s for s in list(self._keys) if case_family(subject) == subject and s.startswith(subject + ":")))]

    def refresh(self) -> None:
        """Forget every key read, at once, if any process shredded one since the last look (made at most every
        ``CHECKED_EVERY`` seconds). The web interface calls it before each request, the scheduler before each
        job: an erasure is then seen by every process within a second, not after ``KEPT_FOR``."""
        now = time.monotonic()
        if now - self._checked_at < CHECKED_EVERY or self.connection is None:
            return
        try:
            with self._conn() as conn:
                row = conn.execute(sql.SQL("SELECT count FROM {}.ct_shreddings").format(
                    sql.Identifier(self.schema))).fetchone()
        except psycopg.Error as error:  # the database is away: the page or job says so itself; keys age out
            log.warning("Could not look for shredded keys: %s", str(error).splitlines()[0] if str(error) else error)
            return
        count = row[0] if row else 0
        with self._lock:
            self._checked_at = now
            if self._shreddings is not None and count != self._shreddings:
                kept = {s: k for s, k in self._keys.items() if s in NEVER_SHREDDED}
                self._keys.clear()
                self._keys.update(kept)
                self._shredded.clear()
                self._absent.clear()
            self._shreddings = count

    def shredded(self) -> list[Shredded]:
        with self._conn() as conn:
            rows = conn.execute(sql.SQL("SELECT subject, shredded_on FROM {} WHERE shredded_on IS NOT NULL "
                                        "ORDER BY subject").format(self.table)).fetchall()
        return [Shredded(subject, on) for subject, on in rows]

    # ------------------------------------------------------------------------------ rotation
    def rotate(self, new_master: bytes) -> int:
        """Rewrap every data key under ``new_master`` in one transaction; the events need no rewrite (they are
        encrypted with the data keys, which do not change). Returns how many keys were rewrapped."""
        count = 0
        with self._conn() as conn, conn.transaction():
            rows = conn.execute(sql.SQL("SELECT subject, wrapped FROM {} WHERE wrapped IS NOT NULL FOR UPDATE")
                                .format(self.table)).fetchall()
            for subject, wrapped in rows:
                key = self._unwrap(subject, wrapped)
                conn.execute(sql.SQL("UPDATE {} SET wrapped = %s WHERE subject = %s").format(self.table),
                             (seal(new_master, key, subject.encode()), subject))
                count += 1
        self.master = new_master
        return count
