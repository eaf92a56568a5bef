"""`community-trigger users` and `community-trigger web`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from click.testing import CliRunner, Result

from application.backoffice import BackOffice
from cli.main import SCHEMA_VARIABLE, main
from domain.user import Role
from infrastructure.storage import Database

PASSWORD = "a long enough passphrase"


@pytest.fixture
def run(database: Database, schema: str) -> Callable[..., Result]:
    def invoke(*args: str, password: str | None = PASSWORD, stdin: str | None = None) -> Result:
        env = {"DATABASE_URL": database.url, SCHEMA_VARIABLE: schema, "COLUMNS": "200",
               "COMMUNITY_TRIGGER_PASSWORD": password}
        return CliRunner().invoke(main, list(args), env=env, input=stdin)

    return invoke


def test_users_add_registers_a_user_with_roles_and_the_password_from_the_environment(
        run: Callable[..., Result], back_office: BackOffice) -> None:
    result = run("users", "add", "S.Begum", "--role", "officer", "--role", "manager", "--name", "Sara Begum",
                 "--email", "sara@example.gov.uk", "--actor", "admin")

    assert result.exit_code == 0, result.output
    assert "Added s.begum (officer, manager)." in result.output
    account = back_office.accounts.get_account("s.begum")
    assert (account.display_name, account.roles) == ("Sara Begum", {Role.OFFICER, Role.MANAGER})


def test_users_add_with_an_agency_sets_the_agency_the_contact_works_for(
        run: Callable[..., Result], back_office: BackOffice) -> None:
    result = run("users", "add", "r.hale", "--role", "agency_contact", "--name", "Robert Hale", "--email",
                 "r.hale@example.gov.uk", "--agency", "Kent Police", "--actor", "admin")

    assert result.exit_code == 0, result.output
    assert "Added r.hale (agency_contact), of Kent Police." in result.output
    assert back_office.accounts.get_account("r.hale").agency == "Kent Police"


def test_users_add_refuses_an_agency_outside_the_partnership_and_adds_no_user(
        run: Callable[..., Result], back_office: BackOffice) -> None:
    before = back_office.event_count()

    result = run("users", "add", "r.hale", "--role", "agency_contact", "--name", "Robert Hale", "--email",
                 "r.hale@example.gov.uk", "--agency", "Acme Ltd")

    assert result.exit_code == 2
    assert "Acme Ltd is not one of the partnership's agencies" in result.output
    assert back_office.event_count() == before


def test_users_add_asks_for_the_password_twice_when_it_is_not_in_the_environment(
        run: Callable[..., Result], back_office: BackOffice) -> None:
    result = run("users", "add", "s.begum", "--role", "auditor", "--name", "Sara Begum", "--email",
                 "sara@example.gov.uk", password=None, stdin=f"{PASSWORD}\n{PASSWORD}\n")

    assert result.exit_code == 0, result.output
    assert back_office.accounts.get_account("s.begum").roles == {Role.AUDITOR}


def test_users_add_refuses_a_short_password_in_one_line(run: Callable[..., Result]) -> None:
    result = run("users", "add", "s.begum", "--role", "officer", "--name", "Sara", "--email", "s@example.gov.uk",
                 password="short")

    assert result.exit_code == 1
    assert "Error: Enter a password of at least 12 characters" in result.output
    assert "Traceback" not in result.output


def test_users_list_and_disable(run: Callable[..., Result], back_office: BackOffice) -> None:
    run("users", "add", "s.begum", "--role", "officer", "--name", "Sara Begum", "--email", "sara@example.gov.uk")

    disabled = run("users", "disable", "s.begum", "--reason", "Left the partnership")
    listed = run("users", "list")
    again = run("users", "disable", "s.begum", "--reason", "Twice")

    assert disabled.exit_code == 0
    assert "Disabled s.begum." in disabled.output
    assert "s.begum" in listed.output
    assert "Sara Begum" in listed.output
    assert "│ no " in listed.output
    assert again.exit_code == 1
    assert "s.begum is already disabled." in again.output
    assert back_office.accounts.get_account("s.begum").enabled is False


def test_web_serves_the_app_with_waitress_and_can_allow_local_http(
        run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    served: dict[str, Any] = {}

    def serve(app: Any, **options: Any) -> None:
        served.update(options, secure=app.config["SESSION_COOKIE_SECURE"], app=app)

    monkeypatch.setattr("waitress.serve", serve)

    result = run("web", "--port", "8123", "--local-http")

    assert result.exit_code == 0, result.output
    assert (served["host"], served["port"], served["secure"]) == ("127.0.0.1", 8123, False)
    assert "/sign-in" in {rule.rule for rule in served["app"].url_map.iter_rules()}


def test_the_wsgi_factory_builds_the_app_from_the_environment(
        database: Database, schema: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from cli.web_commands import wsgi
    from web.app import close_app

    for name, value in {"DATABASE_URL": database.url, SCHEMA_VARIABLE: schema,
                        "COMMUNITY_TRIGGER_SECRET_KEY": "production secret"}.items():
        monkeypatch.setenv(name, value)

    app = wsgi()
    close_app(app)

    assert app.config["SECRET_KEY"] == "production secret"
    assert app.config["SESSION_COOKIE_SECURE"] is True
