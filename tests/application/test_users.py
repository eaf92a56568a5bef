"""Users: registered, changed and disabled through the BackOffice, audited like every other step;
signing in refuses wrong passwords, unknown and disabled users alike, and throttles repeated failures."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import psycopg
import pytest
from argon2 import extract_parameters, profiles
from psycopg_pool import ConnectionPool

from application.backoffice import BackOffice
from application.errors import ConflictError
from application.sign_in_throttle import SignInThrottle
from application.users import REFUSED, SignInRefusedError, UserNotFoundError
from cli.main import Settings
from domain.profile import PartnershipProfile
from domain.user import Role, UserAccountError, user_id
from infrastructure.storage import Database
from projections.projector import Projector

PASSWORD = "correct horse battery staple"
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
ADDRESS = "192.0.2.10"


@pytest.fixture
def throttle(database: Database, schema: str) -> Iterator[SignInThrottle]:
    with ConnectionPool(database.url, min_size=1, max_size=2, kwargs={"autocommit": True}) as pool:
        yield SignInThrottle(pool, schema)


def register(back_office: BackOffice, username: str = "j.okafor", *roles: Role) -> None:
    back_office.accounts.register_user(username, display_name="Jo Okafor", email="jo@example.gov.uk",
                                       roles=roles or (Role.OFFICER,), password=PASSWORD, actor="admin")


def test_a_registered_user_signs_in_with_their_password(back_office: BackOffice, throttle: SignInThrottle) -> None:
    register(back_office, "J.Okafor", Role.OFFICER, Role.MANAGER)

    account = back_office.accounts.verify_sign_in(" j.OKAFOR ", PASSWORD, throttle=throttle, address=ADDRESS, now=NOW)

    assert (account.username, account.display_name, account.roles) == (
        "j.okafor", "Jo Okafor", {Role.OFFICER, Role.MANAGER})


def test_the_product_hashes_passwords_with_argon2id_at_rfc_9106_low_memory_parameters(
        env: dict[str, str], profile: PartnershipProfile, throttle: SignInThrottle, tmp_path: Any) -> None:
    """The other tests hash with the cheapest parameters; what the command line composes, and a BackOffice built
    without a hasher, use RFC 9106's low-memory recommendation: argon2id, 3 passes over 64 MiB in 4 lanes."""
    production = profiles.RFC_9106_LOW_MEMORY
    assert (production.type.name, production.time_cost, production.memory_cost, production.parallelism) == (
        "ID", 3, 64 * 1024, 4)
    cli_hasher = Settings(tmp_path, None, None).password_hasher
    assert (cli_hasher.time_cost, cli_hasher.memory_cost, cli_hasher.parallelism, cli_hasher.type.name) == (
        3, 64 * 1024, 4, "ID")
    with BackOffice(profile, env=env) as product:
        register(product)
        stored = product.accounts.credentials.get("j.okafor", "password")
        assert stored is not None

        assert extract_parameters(stored) == production
        assert extract_parameters(product.accounts._decoy()) == production  # an unknown username costs the same
        assert product.accounts.verify_sign_in("j.okafor", PASSWORD, throttle=throttle, address=ADDRESS, now=NOW)


def test_the_user_id_is_derived_from_the_lowercased_username(back_office: BackOffice) -> None:
    recorded = back_office.accounts.register_user("A.Admin", display_name="Ann Admin", email="ann@example.gov.uk",
                                                  roles=[Role.ADMINISTRATOR], password=PASSWORD, actor="setup")

    assert recorded.aggregate_id == user_id("a.admin")


@pytest.mark.parametrize("password", ["", "short", "elevenchars"])
def test_a_password_shorter_than_twelve_characters_is_refused_with_the_minimum(
        back_office: BackOffice, password: str) -> None:
    with pytest.raises(UserAccountError, match="at least 12 characters"):
        back_office.accounts.register_user("j.okafor", display_name="Jo", email="jo@example.gov.uk",
                                           roles=[Role.OFFICER], password=password, actor="admin")

    assert back_office.event_count() == 0


def test_a_second_user_with_the_same_username_is_refused(back_office: BackOffice) -> None:
    register(back_office)

    with pytest.raises(UserAccountError, match=r"already a user called j\.okafor"):
        register(back_office, "J.OKAFOR")


@pytest.mark.parametrize(("username", "roles", "email", "message"), [
    ("x", (Role.OFFICER,), "x@example.gov.uk", "2 to 64 characters"),
    ("has space", (Role.OFFICER,), "x@example.gov.uk", "2 to 64 characters"),
    ("j.okafor", (), "x@example.gov.uk", "at least one role"),
    ("j.okafor", (Role.OFFICER,), "not an email", "email address"),
])
def test_invalid_user_details_are_refused_with_what_to_fix(
        back_office: BackOffice, username: str, roles: tuple[Role, ...], email: str, message: str) -> None:
    with pytest.raises(UserAccountError, match=message):
        back_office.accounts.register_user(username, display_name="Jo", email=email, roles=roles, password=PASSWORD,
                                           actor="admin")


@pytest.mark.parametrize("case", ["wrong password", "unknown user", "disabled user"])
def test_wrong_password_unknown_user_and_disabled_user_get_the_same_refusal(
        back_office: BackOffice, throttle: SignInThrottle, case: str) -> None:
    register(back_office)
    if case == "disabled user":
        back_office.accounts.disable_user("j.okafor", reason="Left the partnership", actor="admin")
    username = "nobody" if case == "unknown user" else "j.okafor"
    password = "not the password" if case == "wrong password" else PASSWORD

    with pytest.raises(SignInRefusedError) as refusal:
        back_office.accounts.verify_sign_in(username, password, throttle=throttle, address=ADDRESS, now=NOW)

    assert str(refusal.value) == REFUSED


def test_changing_the_password_replaces_the_old_one(back_office: BackOffice, throttle: SignInThrottle) -> None:
    register(back_office)

    back_office.accounts.change_password("j.okafor", password="a brand new passphrase", actor="j.okafor")

    with pytest.raises(SignInRefusedError):
        back_office.accounts.verify_sign_in("j.okafor", PASSWORD, throttle=throttle, address=ADDRESS, now=NOW)
    assert back_office.accounts.verify_sign_in("j.okafor", "a brand new passphrase", throttle=throttle,
                                               address=ADDRESS, now=NOW)


def test_roles_change_with_a_reason_and_a_disabled_user_can_be_enabled_again(back_office: BackOffice) -> None:
    register(back_office)

    back_office.accounts.change_roles("j.okafor", roles=[Role.MANAGER], reason="Promoted", actor="admin")
    back_office.accounts.disable_user("j.okafor", reason="On leave", actor="admin")
    back_office.accounts.enable_user("j.okafor", reason="Back from leave", actor="admin")

    account = back_office.accounts.get_account("j.okafor")
    assert (account.roles, account.enabled) == ({Role.MANAGER}, True)


@pytest.mark.parametrize(("command", "message"), [
    (lambda bo: bo.accounts.change_roles("j.okafor", roles=[Role.OFFICER], reason="x", actor="admin"), "already has"),
    (lambda bo: bo.accounts.change_roles("j.okafor", roles=[Role.MANAGER], reason=" ", actor="admin"), "reason"),
    (lambda bo: bo.accounts.disable_user("j.okafor", reason="", actor="admin"), "reason"),
    (lambda bo: bo.accounts.disable_user("j.okafor", reason="x", actor="j.okafor"), "your own account"),
    (lambda bo: bo.accounts.enable_user("j.okafor", reason="x", actor="admin"), "can already sign in"),
    (lambda bo: bo.accounts.disable_user("nobody", reason="x", actor="admin"), "No user has the username"),
])
def test_refused_user_changes_say_why_and_record_nothing(
        back_office: BackOffice, command: Any, message: str) -> None:
    register(back_office)
    before = back_office.event_count()

    with pytest.raises((UserAccountError, UserNotFoundError), match=message):
        command(back_office)

    assert back_office.event_count() == before


def test_an_administrator_cannot_remove_their_own_administrator_role(back_office: BackOffice) -> None:
    register(back_office, "a.admin", Role.ADMINISTRATOR)

    with pytest.raises(UserAccountError, match="own administrator role"):
        back_office.accounts.change_roles("a.admin", roles=[Role.OFFICER], reason="Moving on", actor="a.admin")


def test_concurrent_changes_to_one_user_lose_nothing(make_back_office: Any) -> None:
    first, second = make_back_office(), make_back_office()
    register(first)
    user = second.accounts._user("j.okafor")
    first.accounts.disable_user("j.okafor", reason="Left", actor="admin")
    user.change_roles(roles=(Role.MANAGER,), reason="Promoted", actor="admin")

    with pytest.raises(ConflictError):
        second._save(user.reference, user)


def test_the_users_are_listed_by_username(back_office: BackOffice) -> None:
    for username in ("c.three", "a.one", "b.two"):
        register(back_office, username)

    assert [a.username for a in back_office.accounts.list_accounts()] == ["a.one", "b.two", "c.three"]


def test_user_administration_enters_the_audit_trail_without_the_password_hash(
        back_office: BackOffice, database: Database, schema: str) -> None:
    register(back_office)
    back_office.accounts.change_password("j.okafor", password="a brand new passphrase", actor="j.okafor")
    back_office.accounts.disable_user("j.okafor", reason="Left the partnership", actor="admin")

    with database.connect() as conn:
        Projector(back_office, conn, schema).catch_up()
        rows = conn.execute(psycopg.sql.SQL("SELECT reference, event, actor, summary FROM {}.ct_audit ORDER BY "
                                            "position").format(psycopg.sql.Identifier(schema))).fetchall()

    assert [row[1:3] for row in rows] == [("User.Registered", "admin"), ("User.PasswordChanged", "j.okafor"),
                                          ("User.Disabled", "admin")]
    assert all("user j.okafor" in row[0] for row in rows)
    assert "argon2" not in repr(rows)
    assert "Left the partnership" in rows[2][3]


def test_an_administrator_sets_the_agency_a_user_works_for_which_the_account_shows(back_office: BackOffice) -> None:
    register(back_office, "r.hale", Role.AGENCY_CONTACT)
    assert back_office.accounts.get_account("r.hale").agency == ""

    back_office.accounts.assign_agency("R.Hale", agency=" Kent Police ", actor="admin")

    assert back_office.accounts.get_account("r.hale").agency == "Kent Police"
    last = list(back_office.events.get(user_id("r.hale")))[-1]
    assert (type(last).__name__, last.agency, last.actor) == ("AgencyAssigned", "Kent Police", "admin")
    assert [a.agency for a in back_office.accounts.list_accounts() if a.username == "r.hale"] == ["Kent Police"]


def test_an_agency_outside_the_partnership_or_unchanged_is_refused_and_nothing_recorded(
        back_office: BackOffice) -> None:
    register(back_office, "r.hale", Role.AGENCY_CONTACT)
    back_office.accounts.assign_agency("r.hale", agency="Kent Police", actor="admin")
    before = back_office.event_count()

    with pytest.raises(UserAccountError, match="Acme Ltd is not one of the partnership's agencies; choose one of: "):
        back_office.accounts.assign_agency("r.hale", agency="Acme Ltd", actor="admin")
    with pytest.raises(UserAccountError, match="already works for Kent Police"):
        back_office.accounts.assign_agency("r.hale", agency="Kent Police", actor="admin")
    with pytest.raises(UserNotFoundError):
        back_office.accounts.assign_agency("nobody", agency="Kent Police", actor="admin")
    assert back_office.event_count() == before
