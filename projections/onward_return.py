"""One financial year's figures for the onward return: the four statutory measures first, then the other counts,
each under a fixed field name with its definition (docs/STATISTICS.md lists them). As JSON (one object) or CSV (a
row per field: field, value, definition), so whoever the figures go to (the local policing body, the Home Office
under the Crime and Policing Act 2026's data duty once its form is known) can map the fields once."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from domain.measures import ESCALATION_OUTCOMES, OUTCOME_LABELS, REQUEST_LABELS
from projections.statistics import YearFigures

FORMAT_VERSION = 2  # 2: the escalations by outcome and by body
# (field, the YearFigures attribute, definition). Never rename a field: recipients map them.
FIELDS = (
    ("applications_received", "applications",
     "Applications for an ASB case review received in the year (s.104(10)(a)), whatever became of them."),
    ("threshold_not_met", "threshold_not_met",
     "Times the relevant bodies decided the threshold for a review was not met (s.104(10)(b)), counting a decision "
     "later overturned on appeal."),
    ("case_reviews_carried_out", "reviews_carried_out",
     "ASB case reviews carried out (s.104(10)(c)): the review panel was held."),
    ("case_reviews_with_recommendations", "reviews_with_recommendations",
     "Case reviews carried out that resulted in at least one recommendation (s.104(10)(d))."),
    ("threshold_met", "threshold_met",
     "Applications that met the threshold (met, met by discretion, or met on appeal), so that a review was opened."),
    ("applications_rejected", "rejections",
     "Applications rejected before a threshold decision (for example not an ASB matter, or consent refused)."),
    ("appeals_received", "appeals_received", "Appeals (requests to review a \"not met\" decision) received."),
    ("appeals_upheld", "appeals_upheld", "Appeals upheld: the threshold was then treated as met."),
    ("appeals_dismissed", "appeals_dismissed", "Appeals dismissed: the \"not met\" decision stood."),
    ("secondary_reviews_requested", "secondary_reviews_requested",
     "Requests for a secondary review by an applicant dissatisfied with how a review was carried out "
     "(Sch 4 para 3(b))."),
    ("secondary_reviews_original_upheld", "secondary_reviews_original_upheld",
     "Secondary reviews that upheld the original review."),
    ("secondary_reviews_further_recommendations", "secondary_reviews_further_recommendations",
     "Secondary reviews that made further recommendations."),
    ("secondary_reviews_new_review_ordered", "secondary_reviews_new_review_ordered",
     "Secondary reviews that ordered a new review."),
    ("victims_invited", "victims_invited", "Victims invited to a review panel."),
    ("victims_attended", "victim_attended", "Victims who attended a review panel."),
    ("recommendations_made", "recommendations_issued", "Recommendations made by the reviews (each counted once)."),
    ("recommendations_completed", "recommendations_completed",
     "Recommendations whose actions the agency reported completed (by the date of the export)."),
    ("recommendations_completed_on_time", "recommendations_completed_on_time",
     "Recommendations completed on or before their target date."),
    ("recommendations_declined", "recommendations_declined",
     "Recommendations the agency declined, with its reason recorded."),
)
ASSIGNMENT = ("Each application counts in the financial year (1 April to 31 March) in which it was received, for "
              "every measure it has reached by the date of the export.")


# Escalations by outcome (each body's share is in "escalations_by_body"): fixed fields, 0 included.
ESCALATION_FIELDS = tuple(
    (f"escalations_{request}_{outcome}", request, outcome,
     f"Escalations of the kind \"{REQUEST_LABELS[request]}\" to the body the procedure names for it "
     f"(Sch 4 para 3), by outcome: {OUTCOME_LABELS[outcome].lower()}.")
    for request, _, outcomes in ESCALATION_OUTCOMES for outcome in outcomes)


def escalation_figures(year: YearFigures) -> dict[str, int]:
    return {name: sum(e.number for e in year.escalations if (e.request, e.outcome) == (request, outcome))
            for name, request, outcome, _ in ESCALATION_FIELDS}


def by_body(year: YearFigures) -> list[dict[str, Any]]:
    return [{"body": e.body, "request": e.request, "outcome": e.outcome, "number": e.number}
            for e in year.escalations]


def figures(year: YearFigures) -> dict[str, int]:
    return {**{name: int(getattr(year, attribute)) for name, attribute, _ in FIELDS}, **escalation_figures(year)}


def to_json(year: YearFigures, partnership: str, made_on: str) -> str:
    document: dict[str, Any] = {
        "format": f"community-trigger-return/{FORMAT_VERSION}", "partnership": partnership,
        "period": {"label": year.label, "starts_on": year.starts_on.isoformat(), "ends_on": year.ends_on.isoformat()},
        "made_on": made_on, "counting_rule": ASSIGNMENT, "figures": figures(year),
        "escalations_by_body": by_body(year),
        "definitions": {**{name: definition for name, _, definition in FIELDS},
                        **{name: definition for name, _, _, definition in ESCALATION_FIELDS}},
    }
    return json.dumps(document, indent=2) + "\n"


def to_csv(year: YearFigures, partnership: str, made_on: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["field", "value", "definition"])
    writer.writerow(["partnership", partnership, "The Community Safety Partnership making the return."])
    writer.writerow(["period_starts_on", year.starts_on.isoformat(), "First day of the financial year."])
    writer.writerow(["period_ends_on", year.ends_on.isoformat(), "Last day of the financial year."])
    writer.writerow(["made_on", made_on, "The date the figures were exported. " + ASSIGNMENT])
    for name, attribute, definition in FIELDS:
        writer.writerow([name, int(getattr(year, attribute)), definition])
    escalations = escalation_figures(year)
    for name, _, _, definition in ESCALATION_FIELDS:
        writer.writerow([name, escalations[name], definition])
    for e in year.escalations:
        writer.writerow([f"escalations_{e.request}_{e.outcome}_by_body", e.number, f"Of those, sent to {e.body}."])
    return out.getvalue()
