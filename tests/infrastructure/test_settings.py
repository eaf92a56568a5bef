"""One settings object, read from the environment in one place; production refuses to start without its keys."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import main
from infrastructure.settings import Settings, SettingsError
from web.security import security_config

KEY = base64.urlsafe_b64encode(os.urandom(32)).decode()
SECRET = "s" * 40
PRODUCTION = {"COMMUNITY_TRIGGER_ENV": "production", "COMMUNITY_TRIGGER_SECRET_KEY": SECRET,
              "COMMUNITY_TRIGGER_MASTER_KEY": KEY, "DATABASE_URL": "postgresql://ct@db.example/ct"}


def test_the_settings_are_read_from_the_environment():
    settings = Settings.from_environ({**PRODUCTION, "COMMUNITY_TRIGGER_TRUSTED_PROXIES": "2", "SMTP_PORT": "587",
                                      "COMMUNITY_TRIGGER_SCHEMA": "ct", "COMMUNITY_TRIGGER_READY_MAX_LAG_SECONDS": "5"})

    assert settings.production
    assert settings.master_key == base64.urlsafe_b64decode(KEY)
    assert (settings.trusted_proxies, settings.smtp.port, settings.schema) == (2, "587", "ct")
    assert settings.ready_max_lag_seconds == 5
    assert settings.log_format == "json"  # production logs one JSON object per line
    assert settings.checked() is settings


def test_outside_production_nothing_is_required_and_logs_are_plain_text():
    settings = Settings.from_environ({})

    assert not settings.production
    assert settings.checked().log_format == "text"


@pytest.mark.parametrize(("missing", "named"), [
    ("COMMUNITY_TRIGGER_SECRET_KEY", "COMMUNITY_TRIGGER_SECRET_KEY"),
    ("COMMUNITY_TRIGGER_MASTER_KEY", "COMMUNITY_TRIGGER_MASTER_KEY"),
    ("DATABASE_URL", "DATABASE_URL"),
])
def test_production_refuses_to_start_without_a_key_and_names_the_variable(missing: str, named: str):
    environ = {k: v for k, v in PRODUCTION.items() if k != missing}

    with pytest.raises(SettingsError, match=named):
        Settings.from_environ(environ).checked()


def test_the_master_key_may_come_from_a_file(tmp_path: Path):
    file = tmp_path / "master.key"
    file.write_text(KEY + "\n", encoding="ascii")
    environ = {k: v for k, v in PRODUCTION.items() if k != "COMMUNITY_TRIGGER_MASTER_KEY"}

    settings = Settings.from_environ({**environ, "COMMUNITY_TRIGGER_MASTER_KEY_FILE": str(file)})

    assert settings.checked().master_key == base64.urlsafe_b64decode(KEY)


@pytest.mark.parametrize(("variable", "value"), [
    ("COMMUNITY_TRIGGER_MASTER_KEY", "too short"), ("COMMUNITY_TRIGGER_TRUSTED_PROXIES", "two"),
    ("COMMUNITY_TRIGGER_LOG_FORMAT", "xml"),
    ("COMMUNITY_TRIGGER_READY_MAX_LAG_SECONDS", "soon"),
])
def test_a_setting_that_cannot_be_read_is_refused_with_its_name(variable: str, value: str):
    with pytest.raises(SettingsError, match=variable):
        Settings.from_environ({variable: value})


def test_the_web_app_refuses_production_without_a_secret_key():
    environ = {k: v for k, v in PRODUCTION.items() if k != "COMMUNITY_TRIGGER_SECRET_KEY"}

    with pytest.raises(SettingsError, match="COMMUNITY_TRIGGER_SECRET_KEY must be set"):
        security_config(environ, {})


def test_every_command_refuses_production_without_a_master_key_in_one_line():
    environ = {k: v for k, v in PRODUCTION.items() if k != "COMMUNITY_TRIGGER_MASTER_KEY"}

    result = CliRunner().invoke(main, ["cases"], env={**environ, "COMMUNITY_TRIGGER_MASTER_KEY": None,
                                                     "COMMUNITY_TRIGGER_MASTER_KEY_FILE": None})

    assert result.exit_code == 1
    assert "COMMUNITY_TRIGGER_MASTER_KEY" in result.output
    assert "Traceback" not in result.output
