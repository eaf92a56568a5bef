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

from domain.stage import Stage
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


# The stages of an open review whose panel has been scheduled: its members may read the papers.
PANEL_STAGES = (Stage.PANEL_SCHEDULED, Stage.PANEL_HELD, Stage.RECOMMENDATIONS_ISSUED, Stage.OUTCOME_LETTER_SENT,
                Stage.SECONDARY_REVIEW_REQUESTED, Stage.SECONDARY_REVIEW_HELD, Stage.SECONDARY_REVIEW_CONCLUDED)


def open_panel_cases(conn: psycopg.Connection[Any], schema: str) -> list[str]:
    """The open cases whose review has a scheduled panel (which agencies sit on it is read from each case)."""
    with conn.cursor() as cursor:
        rows = cursor.execute(sql.SQL(
            "SELECT reference FROM {}.ct_cases WHERE is_open AND stage = ANY(%s) ORDER BY reference").format(
            sql.Identifier(schema)), ([stage.value for stage in PANEL_STAGES],)).fetchall()
    return [row[0] for row in rows]
