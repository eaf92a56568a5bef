"""The audit key: the secret that signs the audit trail's checkpoints (an HMAC), held outside the database.

A database administrator who rewrites both the events and the audit trail cannot sign a checkpoint for the
new history without this key, so comparing with an earlier signed checkpoint shows the rewrite.

Where it comes from, first found first:

* ``COMMUNITY_TRIGGER_AUDIT_KEY_FILE``: a file holding the key (at least 32 characters, e.g. 64 hex digits from
  ``community-trigger audit new-key FILE``); readable only by the service's user.
* ``COMMUNITY_TRIGGER_AUDIT_KEY``: the key itself (for a secrets manager that sets variables).
* With the embedded database only: ``audit.key`` in the data folder, made on first use (a laptop or a trial).

With an external database and neither variable, checkpoints are made unsigned and every place that shows
them says so.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path

from application.errors import BackOfficeError

FILE_VARIABLE = "COMMUNITY_TRIGGER_AUDIT_KEY_FILE"
KEY_VARIABLE = "COMMUNITY_TRIGGER_AUDIT_KEY"
EMBEDDED_FILE = "audit.key"
SHORTEST = 32


class AuditKeyError(BackOfficeError):
    """The audit key is set but cannot be used; the message says how to fix it."""


def load_audit_key(environ: Mapping[str, str], data_dir: Path | None) -> bytes | None:
    """The audit key from the environment, or (``data_dir`` given: the embedded database) from the data folder,
    made there on first use. None when there is none."""
    if environ.get(FILE_VARIABLE):
        return _read(Path(environ[FILE_VARIABLE]), FILE_VARIABLE)
    if environ.get(KEY_VARIABLE):
        return _checked(environ[KEY_VARIABLE].strip(), KEY_VARIABLE)
    if data_dir is None:
        return None
    path = data_dir / EMBEDDED_FILE
    if not path.exists():
        write_new_key(path)
    return _read(path, str(path))


def write_new_key(path: Path) -> None:
    """Write a new random key (64 hex digits) to ``path``, readable by its owner only; never overwrites."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise AuditKeyError(f"{path} already exists; an audit key is never overwritten (checkpoints signed with it "
                            "could no longer be checked). Choose another file.") from None
    except OSError as error:
        raise AuditKeyError(f"Cannot write the audit key to {path}: {error.strerror}.") from None
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(secrets.token_hex(32) + "\n")


def _read(path: Path, where: str) -> bytes:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "it is not text"
        raise AuditKeyError(f"Cannot read the audit key from {path} ({where}): {reason}.") from None
    return _checked(text.strip(), where)


def _checked(key: str, where: str) -> bytes:
    if len(key) < SHORTEST:
        raise AuditKeyError(f"The audit key in {where} is too short: use at least {SHORTEST} characters, e.g. the "
                            "64 hex digits that `community-trigger audit new-key FILE` writes.")
    return key.encode()
