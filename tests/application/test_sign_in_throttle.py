"""Sign-in throttling by username and by address: a growing, bounded delay after repeated failures, never a
lock-out that refuses the right password for ever. The clock is passed in; nothing sleeps."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from psycopg_pool import ConnectionPool

from application.backoffice import BackOffice
from application.sign_in_throttle import SignInThrottle, ThrottleSettings
from application.users import SignInRefusedError, SignInThrottledError
from domain.user import Role
from infrastructure.storage import Database

PASSWORD = "correct horse battery staple"
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
HOME = "192.0.2.10"


@pytest.fixture
def throttle(database: Database, schema: str) -> Iterator[SignInThrottle]:
    with ConnectionPool(database.url, min_size=1, max_size=2, kwargs={"autocommit": True}) as pool:
        yield SignInThrottle(pool, schema)


@pytest.fixture
def back_office(back_office: BackOffice) -> BackOffice:
    back_office.accounts.register_user("j.okafor", display_name="Jo Okafor", email="jo@example.gov.uk",
                                       roles=(Role.OFFICER,), password=PASSWORD, actor="admin")
    return back_office


def at(seconds: float) -> datetime:
    return NOW + timedelta(seconds=seconds)


def fail(back_office: BackOffice, throttle: SignInThrottle, *, when: datetime = NOW, username: str = "j.okafor",
         address: str = HOME) -> Exception:
    with pytest.raises((SignInRefusedError, SignInThrottledError)) as refusal:
        back_office.accounts.verify_sign_in(username, "a wrong guess", throttle=throttle, address=address, now=when)
    return refusal.value


def test_four_failures_are_plain_refusals_and_the_right_password_then_works(
        back_office: BackOffice, throttle: SignInThrottle) -> None:
    refusals = [fail(back_office, throttle, when=at(i)) for i in range(4)]

    account = back_office.accounts.verify_sign_in("j.okafor", PASSWORD, throttle=throttle, address=HOME, now=at(5))

    assert all(isinstance(refusal, SignInRefusedError) for refusal in refusals)
    assert account.username == "j.okafor"


def test_after_five_wrong_passwords_the_right_one_waits_for_the_delay_then_works(
        back_office: BackOffice, throttle: SignInThrottle) -> None:
    for i in range(4):
        fail(back_office, throttle, when=at(i))
    fifth = fail(back_office, throttle, when=at(4))

    with pytest.raises(SignInThrottledError, match=r"Try again in 1 second, after 10:00:34 UTC") as early:
        back_office.accounts.verify_sign_in("j.okafor", PASSWORD, throttle=throttle, address=HOME, now=at(33))
    account = back_office.accounts.verify_sign_in("j.okafor", PASSWORD, throttle=throttle, address=HOME, now=at(34))

    assert isinstance(fifth, SignInThrottledError)
    assert "Try again in 30 seconds" in str(fifth)
    assert early.value.refused_until == at(34)
    assert account.username == "j.okafor"


def test_each_failure_after_the_limit_doubles_the_delay_up_to_the_longest(
        back_office: BackOffice, throttle: SignInThrottle) -> None:
    for i in range(4):
        fail(back_office, throttle, when=at(i))
    delays, when = [], at(4)
    for _ in range(8):
        refusal = fail(back_office, throttle, when=when)
        assert isinstance(refusal, SignInThrottledError)
        delays.append((refusal.refused_until - when).total_seconds())
        when = refusal.refused_until  # the next guess as soon as it is allowed

    assert delays == [30, 60, 120, 240, 480, 900, 900, 900]
    assert back_office.accounts.verify_sign_in("j.okafor", PASSWORD, throttle=throttle, address=HOME, now=when)


def test_attempts_refused_during_a_delay_do_not_lengthen_it(
        back_office: BackOffice, throttle: SignInThrottle) -> None:
    for i in range(5):
        fail(back_office, throttle, when=at(i))

    hammering = [fail(back_office, throttle, when=at(5 + i / 10), address=f"198.51.100.{i}") for i in range(50)]

    assert all(isinstance(r, SignInThrottledError) and r.refused_until == at(34) for r in hammering)
    assert back_office.accounts.verify_sign_in("j.okafor", PASSWORD, throttle=throttle, address=HOME, now=at(34))


def test_a_username_tried_from_many_addresses_is_delayed_not_locked_for_ever(
        back_office: BackOffice, throttle: SignInThrottle) -> None:
    when = NOW
    for i in range(30):
        refusal = fail(back_office, throttle, when=when, address=f"203.0.113.{i}")
        when = refusal.refused_until if isinstance(refusal, SignInThrottledError) else when + timedelta(seconds=1)

    assert when - NOW < timedelta(hours=7)  # 30 guesses took hours, not seconds
    with pytest.raises(SignInThrottledError):
        back_office.accounts.verify_sign_in("j.okafor", PASSWORD, throttle=throttle, address=HOME,
                                            now=when - timedelta(seconds=1))
    assert back_office.accounts.verify_sign_in("j.okafor", PASSWORD, throttle=throttle, address=HOME, now=when)


def test_forty_usernames_from_one_address_are_throttled_and_other_addresses_are_not(
        back_office: BackOffice, throttle: SignInThrottle) -> None:
    refusals = [fail(back_office, throttle, username=f"guess{i:02}", when=at(i)) for i in range(40)]

    throttled = [i for i, refusal in enumerate(refusals) if isinstance(refusal, SignInThrottledError)]
    assert throttled[0] == 19  # the 20th failure from one address starts a delay
    assert len(throttled) == 21  # every later guess is refused unchecked
    with pytest.raises(SignInThrottledError):  # even the right password, from that address, until the delay passes
        back_office.accounts.verify_sign_in("j.okafor", PASSWORD, throttle=throttle, address=HOME, now=at(40))
    assert back_office.accounts.verify_sign_in("j.okafor", PASSWORD, throttle=throttle, address="192.0.2.99",
                                               now=at(40))


def test_a_successful_sign_in_clears_its_usernames_failures(back_office: BackOffice, throttle: SignInThrottle) -> None:
    for _ in range(4):
        fail(back_office, throttle)
    back_office.accounts.verify_sign_in("j.okafor", PASSWORD, throttle=throttle, address=HOME, now=NOW)

    assert isinstance(fail(back_office, throttle, when=at(1)), SignInRefusedError)


def test_failures_more_than_an_hour_apart_are_forgotten(back_office: BackOffice, throttle: SignInThrottle) -> None:
    refusals = [fail(back_office, throttle, when=NOW + timedelta(minutes=61 * i)) for i in range(8)]

    assert all(isinstance(refusal, SignInRefusedError) for refusal in refusals)


def test_unknown_usernames_are_throttled_like_known_ones(back_office: BackOffice, throttle: SignInThrottle) -> None:
    refusals = [fail(back_office, throttle, username="nobody", when=at(i)) for i in range(5)]

    assert [type(r) for r in refusals] == [SignInRefusedError] * 4 + [SignInThrottledError]


def test_failures_recorded_at_once_from_several_workers_are_all_counted(throttle: SignInThrottle) -> None:
    with ThreadPoolExecutor(max_workers=10) as workers:
        results = list(workers.map(lambda i: throttle.record_failure("j.okafor", f"198.51.100.{i}", NOW), range(10)))

    assert sum(result is not None for result in results) == 6  # the 5th to the 10th
    assert throttle.check("j.okafor", HOME, NOW + timedelta(minutes=14)) is not None
    assert throttle.check("j.okafor", HOME, NOW + timedelta(minutes=15)) is None  # the longest delay


def test_the_numbers_are_settings_read_from_the_environment() -> None:
    settings = ThrottleSettings.from_environ({"COMMUNITY_TRIGGER_SIGN_IN_FAILURES_PER_USERNAME": "3",
                                              "COMMUNITY_TRIGGER_SIGN_IN_FAILURES_PER_ADDRESS": "50",
                                              "COMMUNITY_TRIGGER_SIGN_IN_FIRST_DELAY_SECONDS": "10",
                                              "COMMUNITY_TRIGGER_SIGN_IN_LONGEST_DELAY_SECONDS": "600"})

    assert settings == ThrottleSettings(3, 50, timedelta(seconds=10), timedelta(minutes=10), timedelta(hours=1))
    assert ThrottleSettings.from_environ({}) == ThrottleSettings()
    with pytest.raises(ValueError, match="COMMUNITY_TRIGGER_SIGN_IN_FAILURES_PER_USERNAME must be a whole number"):
        ThrottleSettings.from_environ({"COMMUNITY_TRIGGER_SIGN_IN_FAILURES_PER_USERNAME": "five"})


def test_settings_change_when_the_delay_starts_and_how_long_it_lasts(
        back_office: BackOffice, database: Database, schema: str) -> None:
    settings = ThrottleSettings(failures_per_username=2, first_delay=timedelta(seconds=5),
                                longest_delay=timedelta(seconds=8))
    with ConnectionPool(database.url, min_size=1, max_size=2, kwargs={"autocommit": True}) as pool:
        throttle = SignInThrottle(pool, schema, settings)
        first, second = fail(back_office, throttle, when=at(0)), fail(back_office, throttle, when=at(1))
        third = fail(back_office, throttle, when=at(6))

        assert isinstance(first, SignInRefusedError)
        assert isinstance(second, SignInThrottledError)
        assert second.refused_until == at(6)
        assert isinstance(third, SignInThrottledError)
        assert third.refused_until == at(14)
