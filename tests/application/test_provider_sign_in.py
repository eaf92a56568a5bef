"""The first sign-in with the identity provider makes or links the user's record through the use cases, records
the provider's issuer and subject (never a token), keeps the roles the groups give, and refuses accounts that
belong to someone else or are disabled, recording nothing."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator

import pytest
from psycopg_pool import ConnectionPool

from application.backoffice import BackOffice
from application.provider_sign_in import AccountRefusedError
from application.sign_in_throttle import SignInThrottle
from application.users import SignInRefusedError
from domain.sign_in import ProviderIdentity
from domain.user import Role, User, user_id
from infrastructure.storage import Database

ISSUER = "https://login.microsoftonline.com/tenant/v2.0"
IDENTITY = ProviderIdentity(ISSUER, "subject-1", "jo.okafor", "Jo Okafor", "jo.okafor@council.gov.uk",
                            frozenset({Role.OFFICER}))


@pytest.fixture
def throttle(database: Database, schema: str) -> Iterator[SignInThrottle]:
    with ConnectionPool(database.url, min_size=1, max_size=2, kwargs={"autocommit": True}) as pool:
        yield SignInThrottle(pool, schema)


def stored_text(back_office: BackOffice) -> str:
    """Every stored event's bytes as the whole-event cipher opens them (what a database administrator holding the
    keys could read)."""
    mapper = back_office.mapper

    def opened(state: bytes) -> str:
        state = mapper.cipher.decrypt(state) if mapper.cipher else state
        state = mapper.compressor.decompress(state) if mapper.compressor else state
        return state.decode("utf-8", "replace")

    return json.dumps([opened(n.state) for n in back_office.recorder.select_notifications(1, 1000)])


def test_a_first_sign_in_makes_an_account_with_the_groups_roles_and_the_providers_subject(back_office: BackOffice):
    account = back_office.accounts.sign_in_from_provider(IDENTITY)

    assert (account.username, account.display_name, account.roles) == ("jo.okafor", "Jo Okafor", {Role.OFFICER})
    user = back_office.repository.get(user_id("jo.okafor"))
    assert isinstance(user, User)
    assert user.identity == (ISSUER, "subject-1")
    assert [type(e).__name__ for e in back_office.repository.event_store.get(user.id)] == ["Registered",
                                                                                             "IdentityLinked"]


def test_an_account_made_at_sign_in_has_no_password_that_works(back_office: BackOffice, throttle):
    back_office.accounts.sign_in_from_provider(IDENTITY)

    for password in ("", "(none)", "anything at all"):
        with pytest.raises(SignInRefusedError):
            back_office.accounts.verify_sign_in("jo.okafor", password, throttle=throttle,
                                                address="192.0.2.1")


def test_an_account_an_administrator_made_is_linked_at_the_first_sign_in(back_office: BackOffice):
    back_office.accounts.register_user("jo.okafor", display_name="Jo Okafor", email="jo@example.gov.uk",
                                       roles=[Role.OFFICER], password="a long enough passphrase", actor="admin")

    back_office.accounts.sign_in_from_provider(IDENTITY)

    assert back_office.repository.get(user_id("jo.okafor")).identity == (ISSUER, "subject-1")


def test_the_groups_decide_the_roles_at_every_sign_in(back_office: BackOffice):
    back_office.accounts.sign_in_from_provider(IDENTITY)

    account = back_office.accounts.sign_in_from_provider(
        dataclasses.replace(IDENTITY, roles=frozenset({Role.MANAGER, Role.OFFICER})))

    assert account.roles == {Role.MANAGER, Role.OFFICER}
    events = list(back_office.repository.event_store.get(user_id("jo.okafor")))
    assert type(events[-1]).__name__ == "RolesChanged"
    assert events[-1].actor == "identity provider"


def test_a_sign_in_that_changes_nothing_records_nothing(back_office: BackOffice):
    back_office.accounts.sign_in_from_provider(IDENTITY)
    before = back_office.event_count()

    back_office.accounts.sign_in_from_provider(IDENTITY)

    assert back_office.event_count() == before


def test_an_account_linked_to_another_subject_is_refused_and_nothing_is_recorded(back_office: BackOffice):
    back_office.accounts.sign_in_from_provider(IDENTITY)
    before = back_office.event_count()

    with pytest.raises(AccountRefusedError) as refused:
        back_office.accounts.sign_in_from_provider(dataclasses.replace(IDENTITY, subject="someone-else",
                                                                       roles=frozenset({Role.ADMINISTRATOR})))

    assert "belongs to someone else at the identity provider" in str(refused.value)
    assert back_office.event_count() == before
    assert back_office.accounts.get_account("jo.okafor").roles == {Role.OFFICER}


def test_a_disabled_account_is_refused(back_office: BackOffice):
    back_office.accounts.sign_in_from_provider(IDENTITY)
    back_office.accounts.register_user("admin", display_name="Admin", email="admin@example.gov.uk",
                                       roles=[Role.ADMINISTRATOR], password="a long enough passphrase", actor="setup")
    back_office.accounts.disable_user("jo.okafor", reason="Left the council", actor="admin")

    with pytest.raises(AccountRefusedError, match="is disabled"):
        back_office.accounts.sign_in_from_provider(IDENTITY)


def test_no_token_is_stored(back_office: BackOffice):
    back_office.accounts.sign_in_from_provider(IDENTITY)

    stored = stored_text(back_office)
    assert "subject-1" in stored
    assert "token" not in stored.lower()
