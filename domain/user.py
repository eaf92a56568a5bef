"""The User aggregate: one person who signs in to the back office, their roles and whether they
may sign in. Every change records who made it, and a reason where a person decided, so user
administration is audited like every other step.

The domain never sees a password, nor a hash of one: the application layer hashes passwords and API
tokens and keeps the hashes in a credentials table (``infrastructure/credentials.py``), where they can be
replaced and removed. The events only say that a password was set or changed, or a token issued or revoked.
Users stored before that change have a ``PasswordHash`` in their ``Registered``/``PasswordChanged``/
``ApiTokenIssued`` events; ``legacy_password`` and ``ApiToken.token_hash`` carry it so the application can move
it to the table when the user is loaded (``PasswordHash``'s text never shows the hash).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from enum import Enum
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.errors import CaseRuleError, InvalidDetailsError
from domain.personal import Person

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


class UserAccountError(CaseRuleError):
    """A user-administration command broke a rule; nothing was recorded."""


class NotAnOfficerError(InvalidDetailsError):
    """A case was to be given to someone who is not a user who may handle cases."""

    field = "officer"  # the input the message is about


class Role(Enum):
    OFFICER = "officer"
    MANAGER = "manager"
    AGENCY_CONTACT = "agency_contact"  # agency contact or panel member
    AUDITOR = "auditor"
    ADMINISTRATOR = "administrator"
    REVIEW_BODY = "review_body"  # a body the profile's routes name (e.g. the PCC's office): its referred cases only

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.OFFICER: "Officer",
    Role.MANAGER: "Manager",
    Role.AGENCY_CONTACT: "Agency contact or panel member",
    Role.AUDITOR: "Auditor",
    Role.ADMINISTRATOR: "Administrator",
    Role.REVIEW_BODY: "Review body",
}


CASEWORKER_ROLES = frozenset({Role.OFFICER, Role.MANAGER})


def may_handle_cases(roles: frozenset[Role], enabled: bool) -> bool:
    """Who a case may be assigned to: an enabled account with the officer or manager role."""
    return enabled and bool(roles & CASEWORKER_ROLES)


@dataclass(frozen=True)
class PasswordHash:
    """A password hash made by the application layer (argon2); its text never shows the hash."""

    value: str = field(repr=False)

    def __str__(self) -> str:
        return "(set; not shown)" if self.value else "(none)"




def user_id(username: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"/community-trigger/users/{username.strip().lower()}")


def normalise_username(username: str) -> str:
    return (username or "").strip().lower()


def _roles(roles: tuple[Role, ...] | list[Role] | set[Role] | frozenset[Role]) -> tuple[Role, ...]:
    if not roles:
        raise UserAccountError("Give the user at least one role: officer, manager, agency_contact, auditor, "
                               "administrator or review_body.")
    return tuple(sorted(set(roles), key=lambda r: list(Role).index(r)))


def _reason(reason: str, what: str) -> str:
    if not reason or not reason.strip():
        raise UserAccountError(f"Give the reason for {what}: it is kept in the user's history.")
    return reason.strip()


class User(Aggregate):
    @staticmethod
    def create_id(username: str) -> UUID:
        return user_id(username)

    @classmethod
    def register(cls, *, username: str, display_name: str, email: str, roles: tuple[Role, ...],
                 actor: str) -> User:
        username = normalise_username(username)
        if not USERNAME.match(username):
            raise UserAccountError(
                "Enter a username of 2 to 64 characters: lower-case letters, digits, dots, hyphens or "
                "underscores, starting with a letter or digit (for example j.okafor).")
        if "@" not in (email or ""):
            raise UserAccountError("Enter the user's email address, like name@example.gov.uk.")
        person = Person(subject=f"user:{username}", name=(display_name or "").strip(), email=email.strip())
        return cls(username=username, person=person, roles=_roles(roles), actor=actor)

    @event("Registered")
    def __init__(self, password: PasswordHash | None = None, *, username: str, person: Person,
                 roles: tuple[Role, ...], actor: str) -> None:  # password: only in events stored before (the
        # library takes every keyword-only parameter as required, so the old field is an optional positional one)
        self.username = username
        self.reference = f"user {username}"  # how the audit trail names the record
        self.person = person
        self.roles = frozenset(roles)
        self.legacy_password = password  # only in users stored before credentials left the events
        self.enabled = True
        self.agency = ""  # the agency an agency contact or panel member works for, once an administrator sets it

    @property
    def display_name(self) -> str:
        return self.person.name

    @property
    def email(self) -> str:
        return self.person.email

    @property
    def may_handle_cases(self) -> bool:
        return may_handle_cases(self.roles, self.enabled)

    def change_roles(self, *, roles: tuple[Role, ...], reason: str, actor: str) -> None:
        roles = _roles(roles)
        if frozenset(roles) == self.roles:
            raise UserAccountError(f"{self.username} already has exactly these roles; nothing to change.")
        if actor == self.username and Role.ADMINISTRATOR in self.roles and Role.ADMINISTRATOR not in roles:
            raise UserAccountError("You cannot remove your own administrator role; ask another administrator.")
        if actor == self.username and not frozenset(roles) <= self.roles:
            raise UserAccountError("You cannot give yourself a role; ask another administrator to do it.")
        self._change_roles(roles=roles, reason=_reason(reason, "changing the roles"), actor=actor)

    @event("RolesChanged")
    def _change_roles(self, *, roles: tuple[Role, ...], reason: str, actor: str) -> None:
        self.roles = frozenset(roles)
        self._session_generation = self.session_generation + 1

    def assign_agency(self, *, agency: str, actor: str) -> None:
        agency = (agency or "").strip()
        if not agency:
            raise UserAccountError("Choose the agency the user works for.")
        if agency == self.agency:
            raise UserAccountError(f"{self.username} already works for {agency}; nothing to change.")
        self._assign_agency(agency=agency, actor=actor)

    @event("AgencyAssigned")
    def _assign_agency(self, *, agency: str, actor: str) -> None:
        self.agency = agency

    @property
    def review_body(self) -> str:
        """The body (one the profile's routes name) a review-body user acts for, once an administrator sets it."""
        body: str = self.__dict__.get("_review_body", "")
        return body

    def assign_review_body(self, *, body: str, actor: str) -> None:
        body = (body or "").strip()
        if not body:
            raise UserAccountError("Choose the review body the user acts for.")
        if body == self.review_body:
            raise UserAccountError(f"{self.username} already acts for {body}; nothing to change.")
        self._assign_review_body(body=body, actor=actor)

    @event("ReviewBodyAssigned")
    def _assign_review_body(self, *, body: str, actor: str) -> None:
        self._review_body = body

    def change_password(self, *, actor: str) -> None:
        """Record that the password was changed (the new hash is kept in the credentials table, not here)."""
        self._change_password(actor=actor)

    @event("PasswordChanged")
    def _change_password(self, password: PasswordHash | None = None, *, actor: str) -> None:
        self.legacy_password = password
        self._session_generation = self.session_generation + 1

    # ---------------------------------------------------------------- sessions
    @property
    def session_generation(self) -> int:
        """How many times the user's sessions have been ended: a session started before the latest
        sign-out, password change, role change or disabling no longer works."""
        generation: int = self.__dict__.get("_session_generation", 0)
        return generation

    def end_sessions(self, *, actor: str) -> None:
        self._end_sessions(actor=actor)

    @event("SessionsEnded")
    def _end_sessions(self, *, actor: str) -> None:
        self._session_generation = self.session_generation + 1

    def disable(self, *, reason: str, actor: str) -> None:
        if not self.enabled:
            raise UserAccountError(f"{self.username} is already disabled.")
        if actor == self.username:
            raise UserAccountError("You cannot disable your own account; ask another administrator.")
        self._disable(reason=_reason(reason, "disabling the account"), actor=actor)

    @event("Disabled")
    def _disable(self, *, reason: str, actor: str) -> None:
        self.enabled = False
        self._session_generation = self.session_generation + 1

    def enable(self, *, reason: str, actor: str) -> None:
        if self.enabled:
            raise UserAccountError(f"{self.username} can already sign in.")
        self._enable(reason=_reason(reason, "enabling the account"), actor=actor)

    @event("Enabled")
    def _enable(self, *, reason: str, actor: str) -> None:
        self.enabled = True

    # ---------------------------------------------------------------- the identity provider's subject
    @property
    def identity(self) -> tuple[str, str] | None:
        """The (issuer, subject) by which the council's identity provider knows this user, once they have
        signed in with it (never a token)."""
        linked = self.__dict__.get("_identity")
        return (linked[0], linked[1]) if linked else None

    def check_can_sign_in_with(self, *, issuer: str, subject: str) -> None:
        if self.identity is not None and self.identity != (issuer, subject):
            raise UserAccountError(
                f"The back office's account {self.username} belongs to someone else at the identity provider, so "
                "you have not been signed in. Ask the back office's administrator.")
        if not self.enabled:
            raise UserAccountError(
                f"The back office's account {self.username} is disabled, so you have not been signed in. Ask the "
                "back office's administrator.")

    def link_identity(self, *, issuer: str, subject: str, actor: str) -> None:
        """Record who the provider says this user is, at their first sign-in with it."""
        self.check_can_sign_in_with(issuer=issuer, subject=subject)
        if self.identity is not None:
            raise UserAccountError(f"{self.username} already signs in with the identity provider.")
        self._link_identity(issuer=issuer, subject=subject, actor=actor)

    @event("IdentityLinked")
    def _link_identity(self, *, issuer: str, subject: str, actor: str) -> None:
        self._identity = (issuer, subject)

    # ---------------------------------------------------------------- API tokens (hashes only)
    @property
    def api_tokens(self) -> dict[str, ApiToken]:
        """The user's API tokens that still work, by token id (older aggregates have none)."""
        return {i: t for i, t in self.__dict__.get("_api_tokens", {}).items() if not t.revoked}

    def issue_api_token(self, *, token_id: str, label: str, actor: str) -> None:
        label = (label or "").strip()
        if not label or len(label) > 100:
            raise UserAccountError("Give the token a label of 1 to 100 characters that says what it is for, like "
                                   "'case import script'.")
        if not self.enabled:
            raise UserAccountError(f"{self.username} is disabled; enable the account before issuing it a token.")
        if token_id in self.__dict__.get("_api_tokens", {}):
            raise UserAccountError(f"{self.username} already has a token {token_id}; issue a new one.")
        self._issue_api_token(token_id=token_id, label=label, actor=actor)

    @event("ApiTokenIssued")
    def _issue_api_token(self, token_hash: PasswordHash | None = None, *, token_id: str, label: str,
                         actor: str) -> None:
        tokens = dict(self.__dict__.get("_api_tokens", {}))
        tokens[token_id] = ApiToken(token_id, label, token_hash)
        self._api_tokens = tokens

    def revoke_api_token(self, *, token_id: str, reason: str, actor: str) -> None:
        if token_id not in self.api_tokens:
            raise UserAccountError(f"{self.username} has no working token {token_id!r}; list the user's tokens.")
        self._revoke_api_token(token_id=token_id, reason=_reason(reason, "revoking the token"), actor=actor)

    @event("ApiTokenRevoked")
    def _revoke_api_token(self, *, token_id: str, reason: str, actor: str) -> None:
        tokens = dict(self._api_tokens)
        tokens[token_id] = replace(tokens[token_id], revoked=True)
        self._api_tokens = tokens


@dataclass(frozen=True)
class ApiToken:
    """An API token as the user's record keeps it: its id and label. Its SHA-256 hash is in the credentials
    table; ``token_hash`` is set only for a token issued before that, whose event held the hash."""

    token_id: str
    label: str
    token_hash: PasswordHash | None = None  # legacy: the token's SHA-256 (hex), in the type that never shows it
    revoked: bool = False


USER_VALUE_TYPES: tuple[type, ...] = (PasswordHash,)
USER_ENUM_TYPES: tuple[type[Enum], ...] = (Role,)
