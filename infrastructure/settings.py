"""The deployment's settings: read from the environment here, once, into one object that the web app factory,
the WSGI entry point and every command use. Nothing else reads these variables.

``COMMUNITY_TRIGGER_ENV=production`` switches on the production checks: a process refuses to start without a
secret key or a master key, and says which variable to set. docs/OPERATIONS.md lists every variable.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from infrastructure.keys import MASTER_KEY as MASTER_KEY_VARIABLE
from infrastructure.keys import MASTER_KEY_FILE as MASTER_KEY_FILE_VARIABLE
from infrastructure.keys import MasterKeyError, master_key_from_environment
from infrastructure.oidc_settings import OidcSettings

ENV_VARIABLE = "COMMUNITY_TRIGGER_ENV"
SECRET_KEY_VARIABLE = "COMMUNITY_TRIGGER_SECRET_KEY"
TRUSTED_PROXIES_VARIABLE = "COMMUNITY_TRIGGER_TRUSTED_PROXIES"
SCHEMA_VARIABLE = "COMMUNITY_TRIGGER_SCHEMA"
LOG_FORMAT_VARIABLE = "COMMUNITY_TRIGGER_LOG_FORMAT"
READY_LAG_VARIABLE = "COMMUNITY_TRIGGER_READY_MAX_LAG_SECONDS"
READY_JOBS_VARIABLE = "COMMUNITY_TRIGGER_READY_MAX_JOB_AGE_SECONDS"
MIN_SECRET_LENGTH = 32


class SettingsError(ValueError):
    """A setting is missing or cannot be read; the message names the variable."""


@dataclass(frozen=True)
class Smtp:
    """Overrides of the profile's mail server (the password is only ever read from the environment), as given:
    the mailer (scheduler/mailer.py) checks them when it first sends, so a bad port stops only the scheduler."""

    host: str = ""
    port: str = ""
    username: str = ""
    password: str = field(default="", repr=False)
    starttls: str = ""


@dataclass(frozen=True)
class Settings:
    production: bool = False
    database_url: str | None = None  # the runtime role's URL (DATABASE_URL); None: the embedded server
    migration_url: str | None = None  # the owner role's URL, for `migrate` and `rebuild`
    runtime_role: str | None = None  # the role `migrate` grants the application's rights to
    schema: str = "public"
    data_dir: Path = Path("var")
    profile: Path | None = None
    secret_key: str = field(default="", repr=False)
    master_key: bytes | None = field(default=None, repr=False)
    trusted_proxies: int = 0
    log_format: str = "text"  # "json" in production
    ready_max_lag_seconds: float = 60.0  # /readyz: how far the read models may trail the newest event
    ready_max_job_age_seconds: float = 300.0  # /readyz: how long ago the scheduler last ran a job (0: not checked)
    smtp: Smtp = Smtp()
    oidc: OidcSettings = OidcSettings()

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> Settings:
        production = environ.get(ENV_VARIABLE, "").strip().lower() == "production"
        profile = environ.get("COMMUNITY_TRIGGER_PROFILE", "").strip()
        try:
            master_key = master_key_from_environment(environ)
        except (ValueError, MasterKeyError) as error:
            raise SettingsError(str(error)) from None
        log_format = environ.get(LOG_FORMAT_VARIABLE, "").strip().lower() or ("json" if production else "text")
        if log_format not in ("json", "text"):
            raise SettingsError(f"{LOG_FORMAT_VARIABLE} must be json or text, not {log_format!r}.")
        return cls(
            production=production,
            database_url=environ.get("DATABASE_URL", "").strip() or None,
            migration_url=environ.get("COMMUNITY_TRIGGER_MIGRATION_URL", "").strip() or None,
            runtime_role=environ.get("COMMUNITY_TRIGGER_RUNTIME_ROLE", "").strip() or None,
            schema=environ.get(SCHEMA_VARIABLE, "").strip() or "public",
            data_dir=Path(environ.get("COMMUNITY_TRIGGER_DATA_DIR", "").strip() or "var"),
            profile=Path(profile) if profile else None,
            secret_key=environ.get(SECRET_KEY_VARIABLE, ""),
            master_key=master_key,
            trusted_proxies=_count(environ, TRUSTED_PROXIES_VARIABLE, "the number of proxies in front of the app "
                                                                      "(0 for none)"),
            log_format=log_format,
            ready_max_lag_seconds=_seconds(environ, READY_LAG_VARIABLE, 60.0),
            ready_max_job_age_seconds=_seconds(environ, READY_JOBS_VARIABLE, 300.0),
            smtp=Smtp(host=environ.get("SMTP_HOST", "").strip(), port=environ.get("SMTP_PORT", "").strip(),
                      username=environ.get("SMTP_USERNAME", "").strip(), password=environ.get("SMTP_PASSWORD", ""),
                      starttls=environ.get("SMTP_STARTTLS", "").strip()),
            oidc=OidcSettings.from_environ(environ),
        )

    def problems(self) -> list[str]:
        """What stops this process starting: in production, a missing secret key or master key."""
        if not self.production:
            return []
        found = []
        if len(self.secret_key.strip()) < MIN_SECRET_LENGTH:
            found.append(f"{SECRET_KEY_VARIABLE} must be set to a random string of at least {MIN_SECRET_LENGTH} "
                         "characters (sessions are signed with it, and every web worker must share it).")
        if self.master_key is None:
            found.append(f"{MASTER_KEY_VARIABLE} (or {MASTER_KEY_FILE_VARIABLE}, a file holding it) must be set: "
                         "personal data is encrypted with it.")
        if self.database_url is None:
            found.append("DATABASE_URL must be set: production runs on an external PostgreSQL server, not the "
                         "embedded one.")
        return found

    def checked(self) -> Settings:
        """These settings, or SettingsError naming each variable to set (production only)."""
        if found := self.problems():
            raise SettingsError(f"{ENV_VARIABLE}=production, but: " + " ".join(found))
        return self


def _count(environ: Mapping[str, str], variable: str, what: str) -> int:
    text = environ.get(variable, "").strip() or "0"
    if not text.isdigit():
        raise SettingsError(f"{variable} must be {what}, not {text!r}.")
    return int(text)


def _seconds(environ: Mapping[str, str], variable: str, default: float) -> float:
    text = environ.get(variable, "").strip()
    try:
        value = float(text) if text else default
    except ValueError:
        value = -1.0
    if value < 0:
        raise SettingsError(f"{variable} must be a number of seconds (0 or more), not {text!r}.")
    return value
