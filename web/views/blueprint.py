"""The views blueprint, the roles its pages use, and what its templates (and the case page's links)
share."""

from __future__ import annotations

from datetime import date

from flask import Blueprint

from application.history import describe
from domain.periods import long_date
from domain.user import Role
from projections.case_list import CaseList
from web.context import services

blueprint = Blueprint("views", __name__)

READERS = frozenset({Role.OFFICER, Role.MANAGER, Role.AUDITOR})
CASEWORKERS = frozenset({Role.OFFICER, Role.MANAGER})
MANAGERS_AND_ADMINISTRATORS = frozenset({Role.MANAGER, Role.ADMINISTRATOR})


@blueprint.context_processor
def helpers() -> dict[str, object]:
    return {"long_date": long_date, "describe": describe}


@blueprint.app_template_global()
def missed_deadlines(reference: str) -> list[tuple[str, date, date]]:
    """The deadlines of the case the scheduler recorded as missed (none before the read models exist)."""
    with services().read_models() as conn:
        if not services().read_models_built(conn):
            return []
        return CaseList(conn, services().schema).missed_deadlines(reference)
