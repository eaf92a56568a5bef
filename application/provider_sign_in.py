"""Signing in with the council's identity provider (OpenID Connect): the web layer checks the provider's
answer (Authlib: signature, issuer, audience, expiry, nonce, PKCE) and the profile's mapping gives the roles
(``domain.sign_in``); here the first sign-in makes or links the user's record, and every sign-in keeps the
record's roles those the provider's groups give. Only the provider's issuer and subject are recorded, never
its tokens.

* No account yet: one is registered with those roles and no password (none in the credentials table), and linked.
* An account of that username not yet linked (made by an administrator): it is linked at this first sign-in.
* An account linked to another subject, or disabled: refused, nothing recorded.
"""

from __future__ import annotations

from application.users import Account, UserUseCases, _account
from domain.sign_in import PROVIDER_ACTOR, ProviderIdentity, ProviderSignInRefusedError
from domain.user import User, UserAccountError


class AccountRefusedError(ProviderSignInRefusedError):
    reason = "account_refused"


class ProviderSignInUseCases(UserUseCases):
    def sign_in_from_provider(self, identity: ProviderIdentity) -> Account:
        """The account of the person the provider signed in, made or linked on their first sign-in."""
        user = self._find(identity.username)
        try:
            if user is None:
                user = User.register(username=identity.username, display_name=identity.display_name,
                                     email=identity.email, roles=tuple(identity.roles),
                                     actor=PROVIDER_ACTOR)
            else:
                user.check_can_sign_in_with(issuer=identity.issuer, subject=identity.subject)
            if user.identity is None:
                user.link_identity(issuer=identity.issuer, subject=identity.subject, actor=PROVIDER_ACTOR)
            if user.roles != identity.roles:
                user.change_roles(roles=tuple(identity.roles), actor=PROVIDER_ACTOR,
                                  reason="The person's groups at the identity provider changed.")
        except UserAccountError as refusal:
            raise AccountRefusedError(str(refusal)) from None
        if user.pending_events:
            self._save(user.reference, user)
        return _account(user)
