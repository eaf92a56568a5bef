"""Who may see what: the signed-in account, checked against the user's latest event on every request
(so disabling a user or changing their roles takes effect at once; ``application.kept_accounts``), and a
decorator that refuses other roles with 403.

A session holds the username and the account's session generation when it started; signing out,
a new password, a change of roles or disabling the account moves the generation on
(``User.end_sessions``), so every session started before it ends at its next request."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from flask import abort, g, redirect, request, session, url_for

from application.users import Account
from domain.user import Role
from web.context import services

F = TypeVar("F", bound=Callable[..., Any])

CASE_READERS = frozenset({Role.OFFICER, Role.MANAGER, Role.AUDITOR})
ADMINISTRATORS = frozenset({Role.ADMINISTRATOR})
EVERYONE = frozenset(Role)


def load_account() -> None:
    """Before every request: ``g.account`` is the signed-in, enabled account, or None."""
    g.account = None
    username = session.get("username")
    if not username:
        return
    signed_in = services().accounts.signed_in_and_everyone(username)
    account, g.accounts, g.log_position = signed_in.account, signed_in.everyone, signed_in.position  # web.people
    if account is None or not account.enabled or session.get("generation") != account.session_generation:
        session.clear()
        return
    g.account = account


def current_account() -> Account | None:
    account: Account | None = g.get("account")
    return account


def requires(roles: frozenset[Role]) -> Callable[[F], F]:
    """Signed-out people go to sign in (and come back); signed-in people without a role get 403."""

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            account = current_account()
            if account is None:
                return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))
            if not account.has_any(roles):
                abort(403)
            return view(*args, **kwargs)

        return guarded  # type: ignore[return-value]

    return decorate


def may(roles: frozenset[Role]) -> bool:
    account = current_account()
    return account is not None and account.has_any(roles)
