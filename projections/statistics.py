"""Yearly statistics from the case list read model.

A case belongs to the financial year (1 April to 31 March) in which its application was
**received**; the first period runs from the partnership's commencement date (20 October 2014 by
default) to 31 March 2015. Within that year it counts for every measure it reaches, whenever it
reaches it. The measures:

* the four the law requires: applications received; times the threshold was not met (a "not met"
  decision, even if an appeal later overturned it); case reviews carried out (the panel was
  held); case reviews that resulted in recommendations;
* the partnership's published table: applications received; applications meeting the threshold
  (met, met by discretion, or an appeal upheld) / case reviews carried out; reviews that resulted
  in recommendations;
* rejections, their own measure (``Application.was_rejected``: an application rejected, counted even when a
  challenge later set the rejection aside), and challenges to a rejection received and upheld;
* extras: appeals received and upheld, victim attended, independent chair, median working days
  from receipt to the outcome letter, outcome letters sent on time, deadlines the scheduler recorded as missed;
  rejections, appeals dismissed, secondary reviews by outcome, victims invited, recommendations issued, completed,
  completed by their target date and declined.

Each case's own counts come from ``domain.measures`` (kept in the case list's ``measures`` column); docs/STATISTICS.md
gives each measure with the law behind it.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

import psycopg
from psycopg import sql

from domain.measures import ESCALATION_OUTCOMES, CaseMeasures
from domain.periods import long_date
from domain.timescales import WorkingCalendar


@dataclass(frozen=True)
class EscalationCount:
    body: str
    request: str
    outcome: str
    number: int


def escalation_counts(stored: list[list[str]]) -> tuple[EscalationCount, ...]:
    """The year's escalations (``domain.measures.escalations``: [body, request, outcome] per escalation) counted by
    body and outcome: every outcome of a request a body was asked for is listed, 0 included."""
    counted = Counter((body, request, outcome) for body, request, outcome in stored)
    bodies = dict.fromkeys((body, request) for body, request, _ in stored)
    return tuple(EscalationCount(body, request, outcome, counted[(body, request, outcome)])
                 for request, _, outcomes in ESCALATION_OUTCOMES for outcome in outcomes
                 for body in sorted(b for b, r in bodies if r == request))


@dataclass(frozen=True)
class YearFigures:
    label: str
    starts_on: date
    ends_on: date
    applications: int
    threshold_not_met: int
    threshold_met: int
    reviews_carried_out: int
    reviews_with_recommendations: int
    appeals_received: int
    appeals_upheld: int
    victim_attended: int
    independent_chair: int
    outcome_letters: int
    outcome_letters_on_time: int
    median_working_days_to_outcome: float | None
    deadlines_missed: int = 0
    # Counted from each case's measures (domain/measures.py); docs/STATISTICS.md gives each field's rule.
    rejections: int = 0
    challenges_received: int = 0
    challenges_upheld: int = 0
    appeals_dismissed: int = 0
    secondary_reviews_requested: int = 0
    secondary_reviews_original_upheld: int = 0
    secondary_reviews_further_recommendations: int = 0
    secondary_reviews_new_review_ordered: int = 0
    victims_invited: int = 0
    recommendations_issued: int = 0
    recommendations_completed: int = 0
    recommendations_completed_on_time: int = 0
    recommendations_declined: int = 0
    # (body, request, outcome, how many): every request and outcome the domain lists, for each body named
    escalations: tuple[EscalationCount, ...] = ()

    @property
    def short_label(self) -> str:
        return f"{self.starts_on.year}/{str(self.ends_on.year)[2:]}"

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["starts_on"], data["ends_on"] = self.starts_on.isoformat(), self.ends_on.isoformat()
        return data


def financial_years(commencement: date, today: date) -> list[tuple[date, date]]:
    first_end = date(commencement.year + (commencement.month >= 4), 3, 31)
    years = [(commencement, first_end)]
    while years[-1][1] < today:
        start = date(years[-1][1].year, 4, 1)
        years.append((start, date(start.year + 1, 3, 31)))
    return years


COLUMNS = ("received_on", "panel_held_on", "independent_chair", "outcome_letter_sent_on", "outcome_letter_due_on",
           "measures")


def yearly_figures(conn: psycopg.Connection[Any], schema: str, commencement: date, today: date,
                   calendar: WorkingCalendar) -> list[YearFigures]:
    rows = conn.execute(sql.SQL(
        "SELECT {}, (SELECT count(*) FROM {s}.ct_missed_deadlines m WHERE m.reference = c.reference) "
        "FROM {s}.ct_cases c WHERE received_on >= %s").format(
        sql.SQL(", ").join(map(sql.Identifier, COLUMNS)), s=sql.Identifier(schema)), (commencement,)).fetchall()
    cases = [dict(zip((*COLUMNS, "deadlines_missed"), row, strict=True)) for row in rows]
    return [_figures(start, end, [c for c in cases if start <= c["received_on"] <= end], calendar)
            for start, end in financial_years(commencement, today)]


def _figures(start: date, end: date, cases: list[dict[str, Any]], calendar: WorkingCalendar) -> YearFigures:
    def count(test: Any) -> int:
        return sum(1 for c in cases if test(c))

    measures = [CaseMeasures.from_dict(c["measures"]) for c in cases]

    def total(name: str) -> int:
        return sum(getattr(m, name) for m in measures)

    letters = [c for c in cases if c["outcome_letter_sent_on"]]
    days = [calendar.working_days_between(c["received_on"], c["outcome_letter_sent_on"]) for c in letters]
    return YearFigures(
        label=f"{long_date(start)} to {long_date(end)}",
        starts_on=start,
        ends_on=end,
        applications=total("received"),
        threshold_not_met=total("threshold_not_met"),
        threshold_met=total("threshold_met"),
        reviews_carried_out=total("reviews_carried_out"),
        reviews_with_recommendations=total("reviews_with_recommendations"),
        appeals_received=total("appeals_received"),
        appeals_upheld=total("appeals_upheld"),
        victim_attended=total("victims_attended"),
        independent_chair=count(lambda c: c["panel_held_on"] is not None and c["independent_chair"]),
        outcome_letters=len(letters),
        outcome_letters_on_time=sum(1 for c in letters if c["outcome_letter_sent_on"] <= c["outcome_letter_due_on"]),
        median_working_days_to_outcome=statistics.median(days) if days else None,
        deadlines_missed=sum(c["deadlines_missed"] for c in cases),
        rejections=total("rejected"),
        challenges_received=total("challenges_received"),
        challenges_upheld=total("challenges_upheld"),
        appeals_dismissed=total("appeals_dismissed"),
        secondary_reviews_requested=total("secondary_reviews_requested"),
        secondary_reviews_original_upheld=total("secondary_reviews_original_upheld"),
        secondary_reviews_further_recommendations=total("secondary_reviews_further_recommendations"),
        secondary_reviews_new_review_ordered=total("secondary_reviews_new_review_ordered"),
        victims_invited=total("victims_invited"),
        recommendations_issued=total("recommendations_issued"),
        recommendations_completed=total("recommendations_completed"),
        recommendations_completed_on_time=total("recommendations_completed_on_time"),
        recommendations_declined=total("recommendations_declined"),
        escalations=escalation_counts([e for c in cases for e in c["measures"].get("escalations", [])]),
    )
