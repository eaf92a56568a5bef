"""API tokens for the JSON API: issued to a user, shown once, kept only as a SHA-256 hash in the
credentials table (``infrastructure.credentials``, removed on revoking); the user's events record only that a
token was issued (``ApiTokenIssued``: id and label) or revoked with a reason (``ApiTokenRevoked``).

A token reads ``<username>~<token id>~<secret>``: the username says whose record to load, the
secret (``secrets.token_urlsafe(32)``, 256 random bits) is what proves it. Verification hashes the
whole token and compares it in constant time with the user's working tokens; a disabled account's
tokens stop working at once (every change to the user moves its version on, and a token is checked afresh
whenever its user's version differs from the one it was verified at: ``application.verified_tokens``). Every
refusal is the same ``ApiTokenRefusedError``, so it never tells which part was wrong.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from application.core import BackOfficeCore, Recorded
from application.errors import BackOfficeError
from application.users import Account, UserUseCases, _account
from application.verified_tokens import VerifiedTokens
from domain.user import normalise_username, user_id
from infrastructure.credentials import API_TOKEN
from infrastructure.logs import security_event

SEPARATOR = "~"
MAXIMUM_TOKEN_LENGTH = 200


class ApiTokenRefusedError(BackOfficeError):
    def __init__(self) -> None:
        super().__init__("The API token is missing, unknown, revoked or belongs to a disabled account. Send "
                         "'Authorization: Bearer <token>' with a token an administrator issued to you.")


@dataclass(frozen=True)
class IssuedToken:
    token: str  # shown once; only its hash is kept
    token_id: str
    recorded: Recorded


@dataclass(frozen=True)
class TokenInfo:
    token_id: str
    label: str


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ApiTokenUseCases(UserUseCases):
    def __init__(self, core: BackOfficeCore) -> None:
        super().__init__(core)
        self._verified_tokens = VerifiedTokens()  # one per process, kept across calls

    def issue_api_token(self, username: str, *, label: str, actor: str) -> IssuedToken:
        """A new token for ``username``: the returned ``token`` is the only time it is shown."""
        user = self._user(username)
        token_id = secrets.token_hex(4)
        token = SEPARATOR.join((user.username, token_id, secrets.token_urlsafe(32)))
        user.issue_api_token(token_id=token_id, label=label, actor=self._actor(actor))
        recorded = self._save(user.reference, user)
        self.credentials.put(user.username, API_TOKEN, token_hash(token), token_id)
        security_event("token_issued", user=user.username, token_id=token_id, actor=self._actor(actor))
        return IssuedToken(token, token_id, recorded)

    def revoke_api_token(self, username: str, token_id: str, *, reason: str, actor: str) -> Recorded:
        user = self._user(username)
        token_id = (token_id or "").strip()
        user.revoke_api_token(token_id=token_id, reason=reason, actor=self._actor(actor))
        recorded = self._save(user.reference, user)
        self.credentials.remove(user.username, API_TOKEN, token_id)
        security_event("token_revoked", user=user.username, token_id=token_id, actor=self._actor(actor))
        return recorded

    def api_tokens(self, username: str) -> list[TokenInfo]:
        """The user's working tokens (id and label; never the hash)."""
        return [TokenInfo(t.token_id, t.label) for t in self._user(username).api_tokens.values()]

    def verify_api_token(self, token: str) -> Account:
        """The enabled account the token belongs to, or ``ApiTokenRefusedError``."""
        token = (token or "").strip()
        parts = token.split(SEPARATOR)
        if len(token) > MAXIMUM_TOKEN_LENGTH or len(parts) != 3:
            raise ApiTokenRefusedError()
        username = normalise_username(parts[0])
        digest, aggregate_id = token_hash(token), user_id(username)
        version = self.recorder.latest_versions([aggregate_id]).get(aggregate_id)
        if (account := self._verified_tokens.account(digest, aggregate_id, version)) is not None:
            return account
        user = self._find(username)
        if user is None or not user.enabled:
            raise ApiTokenRefusedError()
        stored = self.credentials.get(user.username, API_TOKEN, parts[1]) if parts[1] in user.api_tokens else None
        if stored is None or not hmac.compare_digest(stored, digest):
            raise ApiTokenRefusedError()
        account = _account(user)
        self._verified_tokens.keep(digest, aggregate_id, user.version, account)
        return account
