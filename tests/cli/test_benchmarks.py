"""The benchmarks an engineer runs (`./dev bench` and the scripts under bench/) still run against the product as it
is: each at a tiny size, on a database of its own, must finish and print its figures beside their floors. The
figures themselves are never asserted (no test asserts a time); the README quotes them from full-size runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from infrastructure.storage import Database
from tests.pg_clients import scratch_database, url_of

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parents[2]


def run_bench(database: Database, script: str, *args: str) -> str:
    with scratch_database(database, "ct_bench") as name:
        try:  # within pytest's own timeout (300 s), so a run that hangs says where it was
            done = subprocess.run([sys.executable, str(ROOT / "bench" / script), *args], cwd=ROOT,
                                  capture_output=True, text=True, timeout=240,
                                  env={**os.environ, "DATABASE_URL": url_of(database, name), "NO_COLOR": "1"})
        except subprocess.TimeoutExpired as stopped:
            pytest.fail(f"{script} did not finish in 240 s; it printed:\n{stopped.stdout!s}\n{stopped.stderr!s}")
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    return done.stdout


def test_the_benchmark_command_runs_every_part_and_prints_each_figure_beside_its_floor_and_target(
    server: Database, tmp_path: Path
):
    table = tmp_path / "bench-table.md"
    out = run_bench(server, "run_all.py", "--events", "1000", "--runner-events", "100", "--cases", "60",
                    "--requests", "5", "--workers", "1", "--table", str(table))

    for figure in ("projector catch-up", "rebuild process peak memory", "decisions, 500-event case",
                   "state --at, 500-event case", "dashboard, first page p95", "case page p95",
                   "JSON API command (log_incident), median"):
        assert figure in out
    for floor in ("raw paged SELECT", "bare Flask route p95", "bare library load + event + save"):
        assert floor in out
    assert "targets met; load before: load average" in out
    assert "| projector catch-up |" in table.read_text()


@pytest.mark.parametrize(("script", "args", "printed"), [
    ("search.py", ("--cases", "40", "--queries", "5"), "by agency reference"),
    ("commands.py", ("--commands", "20"), "BackOffice"),
    ("long_case.py", ("--commands", "4", "--cases", "2"), "500"),
    ("projector.py", ("--cases", "20"), "rebuild"),
])
def test_each_benchmark_script_runs_at_a_small_size(server: Database, script: str, args: tuple[str, ...],
                                                    printed: str):
    assert printed in run_bench(server, script, *args)
