"""Password and API-token hashes live in ``ct_credentials``, never in the events: the events say only that a
password was set or changed and that a token was issued or revoked. Users stored before (whose events hold the
hash, as the old code wrote them) keep signing in, and their hash moves to the table when they are loaded."""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from psycopg_pool import ConnectionPool

from application.api_tokens import ApiTokenRefusedError, token_hash
from application.backoffice import BackOffice
from application.profile import load_profile
from application.sign_in_throttle import SignInThrottle
from application.users import SignInRefusedError
from demo.loader import DEMO_PASSWORD, ensure_demo_users, load_demo
from domain.personal import Person
from domain.user import PasswordHash, Role, User
from infrastructure.credentials import API_TOKEN, PASSWORD
from infrastructure.storage import Database
from tests.conftest import CHEAP_HASHER, TODAY

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
ADDRESS = "192.0.2.10"
ARGON2 = re.compile(rb"\$argon2")


@pytest.fixture
def throttle(database: Database, schema: str) -> Iterator[SignInThrottle]:
    with ConnectionPool(database.url, min_size=1, max_size=2, kwargs={"autocommit": True}) as pool:
        yield SignInThrottle(pool, schema)


def stored_states(back_office: BackOffice) -> list[bytes]:
    """Every stored event's bytes as the whole-event cipher opens them (what someone holding the keys could read:
    the password hashes must not be there even then)."""
    mapper = back_office.mapper

    def opened(state: bytes) -> bytes:
        state = mapper.cipher.decrypt(state) if mapper.cipher else state
        return mapper.compressor.decompress(state) if mapper.compressor else state

    return [opened(n.state) for n in back_office.recorder.select_notifications(1, 10**6)]


def test_no_password_or_token_hash_is_in_the_events_after_the_demo_loads_and_demo_users_still_sign_in(
        database: Database) -> None:
    schema = f"test_creds_{uuid.uuid4().hex[:12]}"
    database.create_schema(schema)
    try:
        with BackOffice(load_profile(), env=database.env(schema, pool_size=1), clock=lambda: TODAY,
                        password_hasher=CHEAP_HASHER) as back_office:
            load_demo(back_office)
            ensure_demo_users(back_office)
            issued = back_office.accounts.issue_api_token("admin", label="case import", actor="admin")
            back_office.accounts.change_password("m.reid", password="a new and longer passphrase", actor="admin")
            states = stored_states(back_office)
            notifications = back_office.recorder.select_notifications(1, 10**6)
            events = [back_office.mapper.to_domain_event(n) for n in notifications]
            with ConnectionPool(database.url, min_size=1, max_size=2, kwargs={"autocommit": True}) as pool:
                throttle = SignInThrottle(pool, schema)
                signed_in = back_office.accounts.verify_sign_in("j.okafor", DEMO_PASSWORD, throttle=throttle,
                                                                address=ADDRESS, now=NOW)
                changed = back_office.accounts.verify_sign_in("m.reid", "a new and longer passphrase",
                                                              throttle=throttle, address=ADDRESS, now=NOW)
            by_token = back_office.accounts.verify_api_token(issued.token)
    finally:
        database.drop_schema(schema)

    assert len(states) > 500
    assert not [s for s in states if ARGON2.search(s)]
    assert not [s for s in states if token_hash(issued.token).encode() in s or issued.token.encode() in s]
    user_events = [e for e in events if isinstance(e, User.Event)]
    assert len(user_events) >= 7
    assert all(getattr(e, "password", None) is None and getattr(e, "token_hash", None) is None for e in user_events)
    assert (signed_in.username, changed.username, by_token.username) == ("j.okafor", "m.reid", "admin")


def test_a_password_change_replaces_the_hash_and_the_old_password_stops_working(
        back_office: BackOffice, throttle: SignInThrottle) -> None:
    back_office.accounts.register_user("j.okafor", display_name="Jo Okafor", email="jo@example.gov.uk",
                                       roles=[Role.OFFICER], password="the first passphrase", actor="admin")
    first = back_office.accounts.credentials.get("j.okafor", PASSWORD)

    back_office.accounts.change_password("j.okafor", password="the second passphrase", actor="admin")

    assert back_office.accounts.credentials.get("j.okafor", PASSWORD) not in (None, first)
    with pytest.raises(SignInRefusedError):
        back_office.accounts.verify_sign_in("j.okafor", "the first passphrase", throttle=throttle, address=ADDRESS,
                                            now=NOW)
    assert back_office.accounts.verify_sign_in("j.okafor", "the second passphrase", throttle=throttle,
                                               address=ADDRESS, now=NOW).username == "j.okafor"


def test_revoking_a_token_removes_its_hash_and_a_disabled_users_token_stops_working(back_office: BackOffice) -> None:
    for name in ("admin", "officer"):
        back_office.accounts.register_user(name, display_name=name.title(), email=f"{name}@example.gov.uk",
                                           roles=[Role.ADMINISTRATOR if name == "admin" else Role.OFFICER],
                                           password="a long enough passphrase", actor="system")
    revoked = back_office.accounts.issue_api_token("officer", label="old script", actor="admin")
    kept = back_office.accounts.issue_api_token("officer", label="new script", actor="admin")

    back_office.accounts.revoke_api_token("officer", revoked.token_id, reason="Script retired", actor="admin")

    assert back_office.accounts.credentials.get("officer", API_TOKEN, revoked.token_id) is None
    with pytest.raises(ApiTokenRefusedError):
        back_office.accounts.verify_api_token(revoked.token)
    assert back_office.accounts.verify_api_token(kept.token).username == "officer"
    back_office.accounts.disable_user("officer", reason="Left the council", actor="admin")
    with pytest.raises(ApiTokenRefusedError):
        back_office.accounts.verify_api_token(kept.token)


def test_a_user_stored_before_signs_in_and_their_old_hashes_move_to_the_table(
        back_office: BackOffice, throttle: SignInThrottle, database: Database, schema: str) -> None:
    """The events below are the ones the old code wrote: ``Registered`` and ``PasswordChanged`` with the argon2
    hash, ``ApiTokenIssued`` with the token's SHA-256, in the same event classes (so the same stored topics)."""
    old_token = "l.old~ab12cd34~" + "s" * 43
    user = User(PasswordHash(CHEAP_HASHER.hash("the password set first")), username="l.old",
                person=Person(subject="user:l.old", name="Lee Old", email="lee@example.gov.uk"),
                roles=(Role.OFFICER,), actor="admin")
    user._change_password(PasswordHash(CHEAP_HASHER.hash("the password set later")), actor="admin")
    user._issue_api_token(PasswordHash(hashlib.sha256(old_token.encode()).hexdigest()), token_id="ab12cd34",
                          label="old script", actor="admin")
    back_office.save(user)
    assert back_office.accounts.credentials.get("l.old", PASSWORD) is None
    assert [s for s in stored_states(back_office) if ARGON2.search(s)]  # as the old code stored it

    with pytest.raises(SignInRefusedError):
        back_office.accounts.verify_sign_in("l.old", "the password set first", throttle=throttle, address=ADDRESS,
                                            now=NOW)
    account = back_office.accounts.verify_sign_in("l.old", "the password set later", throttle=throttle,
                                                  address=ADDRESS, now=NOW)

    assert account.username == "l.old"
    assert back_office.accounts.credentials.get("l.old", PASSWORD) is not None
    assert back_office.accounts.verify_api_token(old_token).username == "l.old"
    back_office.accounts.change_password("l.old", password="the password set now", actor="admin")
    assert back_office.accounts.verify_sign_in("l.old", "the password set now", throttle=throttle, address=ADDRESS,
                                               now=NOW).username == "l.old"
    with pytest.raises(SignInRefusedError):  # the old hash in the old event no longer counts
        back_office.accounts.verify_sign_in("l.old", "the password set later", throttle=throttle, address=ADDRESS,
                                            now=NOW)
