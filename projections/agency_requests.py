"""Which cases wait on an agency: the open deadlines in the deadline read model (``ct_deadlines``) for
requests for information addressed to the agency, requests to confirm the incidents reported to it, and
responses to its recommendations and the completion of their actions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import class_row

from domain.timescales import Step


@dataclass(frozen=True)
class AgencyDeadline:
    reference: str
    step: str
    due_on: date


def open_agency_deadlines(conn: psycopg.Connection[Any], schema: str, agency: str) -> list[AgencyDeadline]:
    """The agency's open requests for information, and the cases with a recommendation to the agency still
    waiting for its response (by case: the recommendations themselves are read from the case)."""
    with conn.cursor(row_factory=class_row(AgencyDeadline)) as cursor:
        return cursor.execute(sql.SQL(
            "SELECT reference, step, min(due_on) AS due_on FROM {}.ct_deadlines WHERE met_on IS NULL AND "
            "((step IN (%s, %s) AND subject = %s) OR (step IN (%s, %s) AND right(subject, %s) = %s)) "
            "GROUP BY reference, step ORDER BY min(due_on), reference, step").format(sql.Identifier(schema)),
            (Step.AGENCY_INFORMATION.value, Step.INCIDENT_VERIFICATION.value, agency,
             Step.RECOMMENDATION_RESPONSE.value, Step.RECOMMENDATION_COMPLETION.value,
             len(agency) + 4, f" to {agency}")).fetchall()
