"""The erasure register: a file OUTSIDE the database, one JSON line per erased subject (ids and dates only, no
personal data), only ever appended to. Restoring a backup of the database taken before an erasure brings back
the erased person's wrapped key; re-applying the register (at every start, and by
`community-trigger erasures reapply`) deletes it again. Keep the register with the master key, not with the
database backups (docs/PERSONAL-DATA.md).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

REGISTER = "COMMUNITY_TRIGGER_ERASURE_REGISTER"
DEFAULT_NAME = "erasures.jsonl"


@dataclass(frozen=True)
class Erased:
    subject: str
    reference: str
    erased_on: date


class ErasureRegister:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    @classmethod
    def from_environment(cls, environ: dict[str, str] | os._Environ[str],
                         data_dir: str | Path | None = None) -> ErasureRegister | None:
        """The register named by ``COMMUNITY_TRIGGER_ERASURE_REGISTER``, else ``erasures.jsonl`` under the data
        folder when one is given, else None."""
        if environ.get(REGISTER, "").strip():
            return cls(environ[REGISTER].strip())
        return cls(Path(data_dir) / DEFAULT_NAME) if data_dir is not None else None

    def append(self, entries: Iterable[Erased]) -> None:
        lines = "".join(json.dumps({"subject": e.subject, "reference": e.reference,
                                    "erased_on": e.erased_on.isoformat()}) + "\n" for e in entries)
        if not lines:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(lines)
            handle.flush()
            os.fsync(handle.fileno())

    def entries(self) -> list[Erased]:
        if not self.path.exists():
            return []
        found = []
        for line in self.path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                data = json.loads(line)
                found.append(Erased(data["subject"], data["reference"], date.fromisoformat(data["erased_on"])))
        return found
