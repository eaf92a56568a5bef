"""The files a council's infrastructure team installs: the systemd units (checked by ``systemd-analyze verify``)
and gunicorn's configuration."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UNITS = sorted((ROOT / "deploy" / "systemd").glob("*.service"))
INSTALLED_BINARY = "/opt/community-trigger/venv/bin/community-trigger"


def systemd_analyze() -> str:
    found = shutil.which("systemd-analyze")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("systemd-analyze is missing: CI must check the units (apt-get install systemd)")
        pytest.skip("systemd-analyze is not installed on this machine")
    return found


def test_the_web_projector_scheduler_and_migrate_units_are_shipped():
    assert [unit.name for unit in UNITS] == ["community-trigger-migrate.service", "community-trigger-projector.service",
                                             "community-trigger-scheduler.service", "community-trigger-web.service"]


@pytest.mark.parametrize("unit", UNITS, ids=[unit.stem for unit in UNITS])
def test_each_unit_passes_systemd_analyze_verify_and_runs_hardened_as_its_own_user(unit: Path, tmp_path: Path):
    analyze = systemd_analyze()
    text = unit.read_text(encoding="utf-8")
    (tmp_path / "environment").write_text("DATABASE_URL=postgresql://ct@db.example/ct\n", encoding="utf-8")
    # verify checks that the program exists: point it at this checkout's, and at a real environment file
    checked = tmp_path / unit.name
    checked.write_text(text.replace(INSTALLED_BINARY, str(Path(sys.executable).parent / "community-trigger"))
                       .replace("/etc/community-trigger/environment", str(tmp_path / "environment")), encoding="utf-8")

    result = subprocess.run([analyze, "verify", str(checked)], capture_output=True, text=True, timeout=60)

    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "", result.stderr  # an unknown or misspelt directive is only a warning
    for line in ("User=community-trigger", "NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes",
                 "PrivateTmp=yes", "CapabilityBoundingSet=", "Environment=COMMUNITY_TRIGGER_ENV=production",
                 f"ExecStart={INSTALLED_BINARY} "):
        assert line in text, f"{unit.name} lacks {line}"
    if "oneshot" not in text:
        assert "Restart=" in text


def test_a_misspelt_directive_is_caught_by_the_check(tmp_path: Path):
    analyze = systemd_analyze()
    unit = tmp_path / "community-trigger-projector.service"
    unit.write_text(UNITS[1].read_text(encoding="utf-8").replace(INSTALLED_BINARY, sys.executable)
                    .replace("Restart=always", "Restart=sometimes").replace("EnvironmentFile=", "#"), encoding="utf-8")

    result = subprocess.run([analyze, "verify", str(unit)], capture_output=True, text=True, timeout=60)

    assert "Restart" in result.stderr or "sometimes" in result.stderr


def test_the_gunicorn_configuration_reads_its_numbers_from_the_environment():
    code = ("import cli.gunicorn_config as c; "
            "print(c.bind, c.workers, c.threads, c.timeout, c.worker_class, c.accesslog)")
    environ = {**os.environ, "COMMUNITY_TRIGGER_BIND": "0.0.0.0:9000", "COMMUNITY_TRIGGER_WORKERS": "3",
               "COMMUNITY_TRIGGER_TIMEOUT": "45"}

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environ, cwd=ROOT,
                            timeout=60, check=True)

    assert result.stdout.split() == ["['0.0.0.0:9000']", "3", "4", "45", "gthread", "-"]
