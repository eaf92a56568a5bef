"""`community-trigger users token` prints a new API token once; `users revoke-token` stops it working."""

from __future__ import annotations

from click.testing import CliRunner

from application.backoffice import BackOffice
from cli.main import SCHEMA_VARIABLE, main
from domain.user import Role
from infrastructure.storage import Database


def test_users_token_prints_a_working_token_once_and_revoke_token_stops_it(
        database: Database, schema: str, back_office: BackOffice) -> None:
    back_office.accounts.register_user("s.begum", display_name="Sara Begum", email="s@example.gov.uk",
                                       roles=[Role.OFFICER], password="a long enough passphrase", actor="admin")
    env = {"DATABASE_URL": database.url, SCHEMA_VARIABLE: schema}
    issued = CliRunner().invoke(main, ["users", "token", "S.Begum", "--label", "import script", "--actor", "admin"],
                                env=env)
    assert issued.exit_code == 0, issued.output
    token = issued.stdout.strip()
    assert back_office.accounts.verify_api_token(token).username == "s.begum"
    token_id = token.split("~")[1]
    assert f"Token {token_id}" in issued.stderr

    refused = CliRunner().invoke(main, ["users", "token", "s.begum", "--label", " "], env=env)
    assert refused.exit_code == 1
    assert "label" in refused.output
    assert "Traceback" not in refused.output

    revoked = CliRunner().invoke(main, ["users", "revoke-token", "s.begum", token_id, "--reason", "leaked"], env=env)
    assert revoked.exit_code == 0, revoked.output
    assert back_office.accounts.api_tokens("s.begum") == []
