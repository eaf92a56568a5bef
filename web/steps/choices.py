"""Choices shared by several steps: the partnership's agencies, the officers, letter channels."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from web.steps.fields import Choice, Field, Option, Options, Text
from web.steps.step import Context

OTHER = "other"


def agencies(context: Context) -> Options:
    bodies = context.back_office.profile.relevant_bodies
    return (*(Option(body, body) for body in bodies),
            Option(OTHER, "Another agency", reveals=(
                Text("other_agency", "Name of the agency", "Enter the name of the agency", when=("agency", OTHER)),)))


def agency_choice(label: str, required: str, hint: str = "") -> Field:
    return Choice("agency", label, required, hint=hint, options=agencies)


def agency_of(values: Mapping[str, Any]) -> str:
    return str(values["other_agency"] if values["agency"] == OTHER else values["agency"])


def officers(context: Context) -> Options:
    return tuple(Option(account.username, f"{account.display_name} ({account.username})")
                 for account in context.back_office.accounts.list_accounts() if account.may_handle_cases)


LETTER_CHANNELS = (Option("post", "By post"), Option("email", "By email"))
