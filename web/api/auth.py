"""Bearer-token authentication of the JSON API and its role checks.

Every call (except the OpenAPI document and its documentation page) sends
``Authorization: Bearer <token>``; every call reads the token's user's latest version, and a token is checked
afresh whenever that version has moved since it was last verified (``application.verified_tokens``), so a
revoked token or a disabled account stops working at once. The API never reads or sets the session cookie.
"""

from __future__ import annotations

from flask import g, request

from application.api_tokens import ApiTokenRefusedError
from application.users import Account
from domain.user import Role
from web.api.problems import ProblemError
from web.context import services

CASE_READERS = frozenset({Role.OFFICER, Role.MANAGER, Role.AUDITOR})
CASEWORKERS = frozenset({Role.OFFICER, Role.MANAGER})
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="community-trigger"'}


def authenticate() -> Account:
    """The account of the request's bearer token, or a 401 problem."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ProblemError(401, "Send 'Authorization: Bearer <token>' with a token an administrator issued to you.",
                         headers=CHALLENGE)
    try:
        account = services().back_office.accounts.verify_api_token(token.strip())
    except ApiTokenRefusedError as refused:
        raise ProblemError(401, str(refused), headers=CHALLENGE) from None
    g.api_account = account
    return account


def caller() -> Account:
    """The account of this request's token, once ``require`` or ``authenticate`` has checked it."""
    account: Account = g.api_account
    return account


def require(roles: frozenset[Role]) -> Account:
    account = authenticate()
    if not account.has_any(roles):
        allowed = ", ".join(sorted(role.label.lower() for role in roles))
        raise ProblemError(403, f"Only these roles may do this: {allowed}. Ask an administrator if you need it.")
    return account
