"""The people behind user names, for text people read ("Maria Reid", not "m.reid"): the accounts, asked for
once per request (and replayed only when a user has changed, ``application.kept_accounts``)."""

from __future__ import annotations

from flask import g

from application.users import Account
from web.context import services


def accounts() -> list[Account]:
    if "accounts" not in g:
        g.accounts = services().accounts.every_account()
    return g.accounts  # type: ignore[no-any-return]


def names() -> dict[str, str]:
    """Each user name's person, by their display name (worked out once per request: a page names many)."""
    if "names" not in g:
        g.names = {account.username: account.display_name for account in accounts()}
    return g.names  # type: ignore[no-any-return]


def caseworkers() -> list[Account]:
    """Who may have cases assigned, by name."""
    return sorted((a for a in accounts() if a.may_handle_cases), key=lambda a: a.display_name.casefold())


def name_of(username: str | None, unset: str = "Not assigned") -> str:
    return names().get(username, username) if username else unset
