"""Who a person signed in by the council's identity provider (OpenID Connect) is here, and which roles they
have: the provider's groups (or app roles) are mapped to the product's roles by the partnership's profile
(``[sign_in]``). One rule, used by the web sign-in and tested without a provider.

* Someone in none of the mapped groups is refused, and no account is made.
* The username is the part before ``@`` of the claim the profile names (``preferred_username`` by default,
  the user principal name in Microsoft Entra ID), lower-cased; it must be a valid username.
* Pure: the claims are a mapping the web layer has already checked (signature, issuer, audience, expiry, nonce).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from domain.errors import CaseRuleError
from domain.user import USERNAME, Role, normalise_username

PROVIDER_ACTOR = "identity provider"  # who an account's change made at sign-in is recorded as


class ProviderSignInRefusedError(CaseRuleError):
    """The provider signed the person in, but the back office will not: nothing was recorded."""

    reason = "refused"  # a short code for the security log


class UnknownGroupError(ProviderSignInRefusedError):
    reason = "unknown_group"


class UnusableIdentityError(ProviderSignInRefusedError):
    reason = "unusable_identity"


@dataclass(frozen=True)
class RoleMapping:
    """The profile's ``[sign_in]``: which claim lists the person's groups or app roles (``groups`` or
    ``roles``), which claim gives the username, and the roles each group gives."""

    provider_name: str = "your organisation's account"
    groups_claim: str = "groups"
    username_claim: str = "preferred_username"
    groups: Mapping[str, frozenset[Role]] = field(default_factory=dict)

    def roles_for(self, claims: Mapping[str, object]) -> frozenset[Role]:
        """The roles the person's groups give; refused when they give none."""
        found = claims.get(self.groups_claim)
        values = [found] if isinstance(found, str) else list(found) if isinstance(found, list | tuple) else []
        roles = frozenset(role for value in values if isinstance(value, str)
                          for role in self.groups.get(value, frozenset()))
        if not roles:
            raise UnknownGroupError(
                "You are not in a group that gives access to the Community Trigger back office, so you have not "
                "been signed in and no account was made. Ask your IT service desk or the back office's "
                "administrator to add you to the right group.")
        return roles


@dataclass(frozen=True)
class ProviderIdentity:
    """A person as the provider vouched for them: where (issuer) and who (subject), and what the back office
    records of them. Never a token."""

    issuer: str
    subject: str
    username: str
    display_name: str
    email: str
    roles: frozenset[Role]


def identity_from_claims(claims: Mapping[str, object], issuer: str, mapping: RoleMapping) -> ProviderIdentity:
    """The identity in validated ID token claims, with the roles the profile gives its groups."""
    roles = mapping.roles_for(claims)
    subject = claims.get("sub")
    named = claims.get(mapping.username_claim)
    if not isinstance(subject, str) or not subject or not isinstance(named, str):
        raise UnusableIdentityError(
            f"The sign-in did not say who you are (no {mapping.username_claim!r}), so you have not been signed "
            "in. Ask your IT service desk to check the back office's sign-in set-up.")
    username = normalise_username(named.split("@", 1)[0])
    if not USERNAME.match(username):
        raise UnusableIdentityError(
            f"Your account name {named!r} cannot be used as a username here (it needs 2 to 64 lower-case letters, "
            "digits, dots, hyphens or underscores before the @), so you have not been signed in. Ask the back "
            "office's administrator.")
    email = _text(claims.get("email")) or (named if "@" in named else "")
    if "@" not in email:
        raise UnusableIdentityError(
            "The sign-in did not give your email address, so you have not been signed in. Ask your IT service "
            "desk to include the email claim.")
    display_name = _text(claims.get("name")) or username
    return ProviderIdentity(issuer, subject, username, display_name, email, roles)


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def mapping_from(provider_name: str, groups_claim: str, username_claim: str,
                 groups: Mapping[str, Iterable[Role]]) -> RoleMapping:
    return RoleMapping(provider_name, groups_claim, username_claim,
                       {group: frozenset(roles) for group, roles in groups.items()})
