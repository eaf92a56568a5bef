"""The applicant's draft: its id in the signed session, its answers in ``ct_public_drafts``.

The stores are made on first use (creating their tables if needed) and kept on the app."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from flask import current_app, session

from infrastructure.drafts import Drafts
from infrastructure.rate_limits import RateLimiter
from web.context import services

KEY = "community_trigger_public"
SESSION_KEY = "public_draft"
REFERENCE_KEY = "public_reference"  # the last application sent, for its confirmation page
PROBLEMS_KEY = "public_problems"  # what of it could not be recorded


@dataclass(frozen=True)
class Stores:
    drafts: Drafts
    limiter: RateLimiter


def stores() -> Stores:
    found: Stores | None = current_app.extensions.get(KEY)
    if found is None:
        pool, schema = services().pool, services().schema
        found = current_app.extensions[KEY] = Stores(Drafts(pool, schema, services().back_office.keys),
                                                           RateLimiter(pool, schema))
    return found


def now() -> datetime:
    return datetime.now(UTC)


def current_answers() -> dict[str, Any] | None:
    """The answers of this visitor's draft, or None when there is none (or it has expired)."""
    draft_id = session.get(SESSION_KEY)
    if not draft_id:
        return None
    return stores().drafts.load(draft_id, now())


def save_answers(answers: dict[str, Any]) -> None:
    draft_id = session.get(SESSION_KEY)
    if draft_id and stores().drafts.exists(draft_id):
        stores().drafts.save(draft_id, answers, now())
    else:
        session[SESSION_KEY] = stores().drafts.start(answers, now())
        session.pop(REFERENCE_KEY, None)
        session.pop(PROBLEMS_KEY, None)


def discard_draft() -> None:
    draft_id = session.pop(SESSION_KEY, None)
    if draft_id:
        stores().drafts.delete(draft_id)
