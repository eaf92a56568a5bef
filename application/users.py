"""User administration and signing in: the users of the back office are an event-sourced aggregate
(``domain.user.User``) in the same event store as the cases, so every change to an account is
recorded with who made it, and appears in the audit trail.

Passwords are hashed here with argon2 (argon2-cffi), never in the domain, by the back office's
``password_hasher`` (``application.passwords``), and the hash is kept in the credentials table
(``infrastructure.credentials``), never in the events: they record only that a password was set or changed.
A user stored before that has the hash in an old event; loading the user moves it to the table. An unknown username, a
disabled account and a wrong password are refused with the same message (and the same work: an
unknown username still costs one hash), so the refusal never tells an attacker which usernames
exist. Repeated failures are throttled (``application.sign_in_throttle``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import UUID

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from eventsourcing.application import AggregateNotFoundError

from application.core import Recorded, UseCases
from application.errors import BackOfficeError
from application.sign_in_throttle import SignInThrottle
from domain.review_body import review_bodies
from domain.user import (
    PasswordHash,
    Role,
    User,
    UserAccountError,
    may_handle_cases,
    normalise_username,
    user_id,
)
from infrastructure.credentials import API_TOKEN, PASSWORD, Credentials
from infrastructure.logs import security_event

MINIMUM_PASSWORD_LENGTH = 12
REFUSED = "Enter a correct username and password. Both are case-sensitive, except the username."


class UserNotFoundError(BackOfficeError):
    def __init__(self, username: str) -> None:
        super().__init__(f"No user has the username {username!r}; check it, or list the users.")


class SignInRefusedError(BackOfficeError):
    """Unknown username, disabled account or wrong password: one message for all three."""

    def __init__(self) -> None:
        super().__init__(REFUSED)


class SignInThrottledError(BackOfficeError):
    def __init__(self, refused_until: datetime, now: datetime) -> None:
        super().__init__(
            f"There have been too many failed attempts to sign in. Try again in {_wait(refused_until - now)}, "
            f"after {refused_until.astimezone(UTC):%H:%M:%S} UTC; or ask an administrator to help.")
        self.refused_until = refused_until


def _wait(delay: timedelta) -> str:
    seconds = max(1, math.ceil(delay.total_seconds()))
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


@dataclass(frozen=True)
class Account:
    """A user as the web layer sees it (never the aggregate, never the password hash)."""

    username: str
    display_name: str
    email: str
    roles: frozenset[Role]
    enabled: bool
    agency: str = ""  # the agency an agency contact works for ("" until an administrator sets it)
    session_generation: int = 0  # a session started at an older generation has ended (``User.end_sessions``)
    review_body: str = ""  # the body a review-body user acts for ("" until an administrator sets it)

    def has_any(self, roles: Iterable[Role]) -> bool:
        return bool(self.roles & set(roles))

    @property
    def may_handle_cases(self) -> bool:
        return may_handle_cases(self.roles, self.enabled)


def _account(user: User) -> Account:
    return Account(user.username, user.display_name, user.email, user.roles, user.enabled, user.agency,
                   user.session_generation, user.review_body)


def hash_password(password: str, hasher: PasswordHasher) -> PasswordHash:
    if len(password or "") < MINIMUM_PASSWORD_LENGTH:
        raise UserAccountError(
            f"Enter a password of at least {MINIMUM_PASSWORD_LENGTH} characters; a few unrelated words "
            "make a strong one that is easy to remember.")
    return PasswordHash(hasher.hash(password))


class UserUseCases(UseCases):
    _decoy_hash: str | None = None
    _credentials: Credentials | None = None

    @property
    def credentials(self) -> Credentials:
        """The credentials table, in the event store's schema, reached through the event store's pool."""
        if self._credentials is None:
            datastore = self.recorder.datastore
            self._credentials = Credentials(datastore.pool, datastore.schema)
        return self._credentials

    # ------------------------------------------------------------------------------ commands
    def register_user(self, username: str, *, display_name: str, email: str, roles: Iterable[Role],
                      password: str, actor: str) -> Recorded:
        hashed = hash_password(password, self.password_hasher)
        user = User.register(username=username, display_name=display_name, email=email, roles=tuple(roles),
                             actor=self._actor(actor))
        if user.id in self.repository:
            raise UserAccountError(f"There is already a user called {user.username}; choose another username.")
        recorded = self._save(user.reference, user)
        self.credentials.put(user.username, PASSWORD, hashed.value)
        security_event("user_added", user=user.username, actor=self._actor(actor),
                       roles=sorted(r.value for r in user.roles))
        return recorded

    def change_roles(self, username: str, *, roles: Iterable[Role], reason: str, actor: str) -> Recorded:
        user = self._user(username)
        user.change_roles(roles=tuple(roles), reason=reason, actor=self._actor(actor))
        recorded = self._save(user.reference, user)
        security_event("roles_changed", user=user.username, actor=self._actor(actor),
                       roles=sorted(r.value for r in user.roles))
        return recorded

    def assign_agency(self, username: str, *, agency: str, actor: str) -> Recorded:
        """Set the agency a user (an agency contact or panel member) works for: one of the partnership's bodies."""
        user = self._user(username)
        agency = (agency or "").strip()
        bodies = self.profile.relevant_bodies
        if agency not in bodies:
            raise UserAccountError(f"{agency or 'That'} is not one of the partnership's agencies; choose one of: "
                                   f"{', '.join(bodies)}.")
        user.assign_agency(agency=agency, actor=self._actor(actor))
        return self._save(user.reference, user)

    def assign_review_body(self, username: str, *, body: str, actor: str) -> Recorded:
        """Set the body a review-body user acts for: one of the bodies the profile's routes name."""
        user = self._user(username)
        body = (body or "").strip()
        bodies = review_bodies(self.profile.routes)
        if body not in bodies:
            raise UserAccountError(f"{body or 'That'} is not a body the partnership's routes name; choose one of: "
                                   f"{', '.join(bodies)}.")
        user.assign_review_body(body=body, actor=self._actor(actor))
        return self._save(user.reference, user)

    def change_password(self, username: str, *, password: str, actor: str) -> Recorded:
        user = self._user(username)
        hashed = hash_password(password, self.password_hasher)
        user.change_password(actor=self._actor(actor))
        recorded = self._save(user.reference, user)
        self.credentials.put(user.username, PASSWORD, hashed.value)
        security_event("password_changed", user=user.username, actor=self._actor(actor))
        return recorded

    def end_sessions(self, username: str, *, actor: str) -> Recorded:
        """End every session of the user (signing out ends them all, on every device)."""
        user = self._user(username)
        user.end_sessions(actor=self._actor(actor))
        return self._save(user.reference, user)

    def disable_user(self, username: str, *, reason: str, actor: str) -> Recorded:
        user = self._user(username)
        user.disable(reason=reason, actor=self._actor(actor))
        recorded = self._save(user.reference, user)
        security_event("user_disabled", user=user.username, actor=self._actor(actor))
        return recorded

    def enable_user(self, username: str, *, reason: str, actor: str) -> Recorded:
        user = self._user(username)
        user.enable(reason=reason, actor=self._actor(actor))
        recorded = self._save(user.reference, user)
        security_event("user_enabled", user=user.username, actor=self._actor(actor))
        return recorded

    # ------------------------------------------------------------------------------- queries
    def get_account(self, username: str) -> Account:
        return _account(self._user(username))

    def user_ids(self, last: int | None = None) -> tuple[UUID, ...]:
        """The id of every user, in the order they were registered (up to the event log's position ``last``, when
        the caller has just read it)."""
        return self.aggregate_ids.of(User.Registered, last)

    def known_user_ids(self) -> tuple[UUID, ...]:
        """The users' ids as last read, without reading (none before the first ``user_ids``)."""
        return self.aggregate_ids.known(User.Registered)

    def account_at(self, aggregate_id: UUID, version: int) -> Account:
        """The account of the user ``aggregate_id`` as its event ``version`` left it."""
        user = self.repository.get(aggregate_id, version=version)
        assert isinstance(user, User)
        self._move_legacy_hashes(user)
        return _account(user)

    def list_accounts(self) -> list[Account]:
        """Every user, by username (read from the event store: there are few users)."""
        users = [self.repository.get(i) for i in self.aggregate_ids.of(User.Registered)]
        for user in users:
            self._move_legacy_hashes(user)
        return sorted((_account(u) for u in users), key=lambda a: a.username)

    def verify_sign_in(self, username: str, password: str, *, throttle: SignInThrottle, address: str,
                       now: datetime | None = None) -> Account:
        """The account, if ``password`` is right and the account may sign in; else a refusal. ``address``
        is where the attempt came from (the client's address), throttled as well as the username."""
        username, now = normalise_username(username), now or datetime.now(UTC)
        if (throttled := throttle.check(username, address, now)) is not None:
            raise SignInThrottledError(throttled.refused_until, now)
        user = self._find(username)
        stored = self.credentials.get(user.username, PASSWORD) if user else None
        verified = self._verified(stored or self._decoy(), password)  # the same work either way
        if user is None or not user.enabled or not verified:
            if (throttled := throttle.record_failure(username, address, now)) is not None:
                raise SignInThrottledError(throttled.refused_until, now)
            raise SignInRefusedError()
        throttle.record_success(username)
        return _account(user)

    def move_credentials_out_of_history(self) -> int:
        """Copy every hash still held only in old events into the credentials table (``migrate`` runs it; loading a
        user does the same for that user). How many users were looked at."""
        accounts = self.list_accounts()
        return len(accounts)

    # ------------------------------------------------------------------------------- loading
    def _find(self, username: str) -> User | None:
        try:
            user = self.repository.get(user_id(username))
        except AggregateNotFoundError:
            return None
        assert isinstance(user, User)
        self._move_legacy_hashes(user)
        return user

    def _move_legacy_hashes(self, user: User) -> None:
        """A user stored before credentials left the events: its latest password hash and its working tokens' hashes
        are still in old events; put them in the table unless the table already has one (never overwrite)."""
        if user.legacy_password is not None:
            self.credentials.put(user.username, PASSWORD, user.legacy_password.value, replace=False)
        for token in user.api_tokens.values():
            if token.token_hash is not None:
                self.credentials.put(user.username, API_TOKEN, token.token_hash.value, token.token_id, replace=False)

    def _user(self, username: str) -> User:
        user = self._find(normalise_username(username))
        if user is None:
            raise UserNotFoundError(normalise_username(username))
        return user

    def _decoy(self) -> str:
        """A hash to check when the username is unknown, so that takes as long as a wrong password."""
        if self._decoy_hash is None:
            self._decoy_hash = self.password_hasher.hash("decoy password for unknown usernames")
        return self._decoy_hash

    def _verified(self, password_hash: str, password: str) -> bool:
        try:
            return self.password_hasher.verify(password_hash, password or "")
        except (VerificationError, InvalidHashError):
            return False
