"""The annual report in four formats: HTML (with a bar chart), CSV, JSON and Markdown. HTML and Markdown are
rendered from the template files in ``application/documents/templates/report/``; the chart is drawn once there,
for this document and the report page alike.

Each shows the partnership's published three-column table ("n/a" in the last two columns for a
period with no applications) and the four statutory measures, then the extras."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from application import documents
from domain.measures import OUTCOME_LABELS, REQUEST_LABELS
from projections.statistics import YearFigures

ASSIGNMENT = ("A case is counted in the financial year (1 April to 31 March) in which its application was "
              "received; the first period starts on the date the Community Trigger came into force.")
PUBLISHED = ("Number of Community Trigger applications received by the CSP",
             "Number of Community Trigger applications meeting the threshold / case reviews carried out",
             "Number of Community Trigger case reviews that resulted in recommendations being made")
STATUTORY = ("Applications received", "Times the threshold was not met", "Case reviews carried out",
             "Case reviews that resulted in recommendations")
CHECKPOINT = ("The audit trail's signed checkpoint when this was made. Keep a copy somewhere the database "
              "administrator cannot reach: community-trigger audit verify --checkpoint \"LINE\" then shows whether "
              "any history up to it has been rewritten since.")
SERIES = (("applications", "Applications received", "#1d70b8"),
          ("threshold_met", "Applications meeting the threshold", "#00703c"),
          ("reviews_with_recommendations", "Reviews that resulted in recommendations", "#f47738"))
EXTRAS = ("Appeals received", "Appeals upheld", "Victim attended the panel", "Independent chair",
          "Outcome letters sent", "Outcome letters on time", "Share on time",
          "Median working days from application to outcome letter", "Deadlines recorded as missed")
ROUTES = ("Applications rejected", "Challenges to a rejection", "Challenges upheld", "Appeals dismissed",
          "Secondary reviews requested",
          "Secondary reviews: original review upheld", "Secondary reviews: further recommendations",
          "Secondary reviews: new review ordered", "Victims invited to the panel", "Recommendations made",
          "Recommendations completed", "Recommendations completed by their target date", "Recommendations declined")
MERGED_COLUMN = ("The middle column joins two measures the Act keeps apart. It counts the applications that met the "
                 "threshold (met, met by discretion, or met on appeal, so that a review was opened). Where fewer case "
                 "reviews were carried out (the review panel held) than that, it shows both, for example "
                 "\"4 met, 3 carried out\". The statutory measures below give each on its own.")
STATUTORY_NOTE = ("The four measures the relevant bodies must publish at least every 12 months (s.104 of the "
                  "Anti-social Behaviour, Crime and Policing Act 2014). Times the threshold was not met counts a "
                  "\"not met\" decision even when an appeal later overturned it.")


def merged_cell(year: YearFigures) -> str:
    """The published table's "meeting the threshold / case reviews carried out" column: one figure when the two
    agree, both when they differ."""
    if year.threshold_met == year.reviews_carried_out:
        return str(year.threshold_met)
    return f"{year.threshold_met} met, {year.reviews_carried_out} carried out"


def published_row(year: YearFigures) -> tuple[str, str, str]:
    if not year.applications:
        return ("0", "n/a", "n/a")
    return (str(year.applications), merged_cell(year), str(year.reviews_with_recommendations))


def routes_row(year: YearFigures) -> tuple[str, ...]:
    return tuple(str(n) for n in (
        year.rejections, year.challenges_received, year.challenges_upheld, year.appeals_dismissed,
        year.secondary_reviews_requested,
        year.secondary_reviews_original_upheld, year.secondary_reviews_further_recommendations,
        year.secondary_reviews_new_review_ordered, year.victims_invited, year.recommendations_issued,
        year.recommendations_completed, year.recommendations_completed_on_time, year.recommendations_declined))


def statutory_row(year: YearFigures) -> tuple[int, int, int, int]:
    return (year.applications, year.threshold_not_met, year.reviews_carried_out, year.reviews_with_recommendations)


def extras_row(year: YearFigures) -> tuple[str, ...]:
    median = year.median_working_days_to_outcome
    return (str(year.appeals_received), str(year.appeals_upheld), str(year.victim_attended),
            str(year.independent_chair), str(year.outcome_letters), str(year.outcome_letters_on_time),
            f"{round(100 * year.outcome_letters_on_time / year.outcome_letters)}%" if year.outcome_letters else "n/a",
            "n/a" if median is None else f"{median:g}", str(year.deadlines_missed),
            str(year.rejections), str(year.challenges_received), str(year.challenges_upheld))


ESCALATIONS = ("Body", "Request", "Outcome", "Number")
ESCALATIONS_NOTE = ("Each appeal, challenge to a rejection and secondary review, under the body the partnership's "
                    "procedure sends it to (Schedule 4 paragraph 3 to the Anti-social Behaviour, Crime and Policing "
                    "Act 2014), by its outcome so far.")


def escalation_rows(year: YearFigures) -> list[tuple[object, ...]]:
    if not year.escalations:
        return [(year.label, "None", "", "", "0")]
    return [(year.label, e.body, REQUEST_LABELS[e.request], OUTCOME_LABELS[e.outcome], str(e.number))
            for e in year.escalations]


def tables(years: Sequence[YearFigures]) -> list[tuple[str, Sequence[str], list[tuple[object, ...]], str]]:
    """The report's tables: caption, column headings, a row per year (its label first) and a note on how it is
    counted ("" for none)."""
    return [("The published table", PUBLISHED, [(y.label, *published_row(y)) for y in years], MERGED_COLUMN),
            ("The statutory measures", STATUTORY, [(y.label, *statutory_row(y)) for y in years], STATUTORY_NOTE),
            ("More detail", EXTRAS, [(y.label, *extras_row(y)) for y in years], ""),
            ("Rejections, escalations, victims and recommendations", ROUTES,
             [(y.label, *routes_row(y)) for y in years], ""),
            ("Escalations by body and outcome", ESCALATIONS, [row for y in years for row in escalation_rows(y)],
             ESCALATIONS_NOTE)]


def to_markdown(years: Sequence[YearFigures], partnership: str, checkpoint: str | None = None) -> str:
    return documents.render("report/report.md", partnership=partnership, counting_rule=ASSIGNMENT,
                            tables=tables(years), checkpoint=checkpoint, checkpoint_note=CHECKPOINT)


def to_csv(years: Sequence[YearFigures]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["period", "starts_on", "ends_on", *STATUTORY, "Applications meeting the threshold", *EXTRAS,
                     *ROUTES])
    for y in years:
        writer.writerow([y.label, y.starts_on, y.ends_on, *statutory_row(y), y.threshold_met, *extras_row(y),
                         *routes_row(y)])
    return out.getvalue()


def to_json(years: Sequence[YearFigures], partnership: str, checkpoint: str | None = None) -> str:
    return json.dumps({"partnership": partnership, "counting_rule": ASSIGNMENT,
                       "years": [y.as_dict() for y in years], "audit_checkpoint": checkpoint}, indent=2) + "\n"


def to_html(years: Sequence[YearFigures], partnership: str, checkpoint: str | None = None) -> str:
    return documents.render("report/report.html", partnership=partnership, counting_rule=ASSIGNMENT,
                            chart=chart_figure(years), tables=tables(years), checkpoint=checkpoint,
                            checkpoint_note=CHECKPOINT)


def chart(years: Sequence[YearFigures]) -> dict[str, Any]:
    """The chart's geometry: three bars per year, scaled to the largest figure."""
    top = max([y.applications for y in years] + [1])
    slot, bar, plot = 66, 18, 170
    bars, labels = [], []
    for i, year in enumerate(years):
        for j, (field, label, colour) in enumerate(SERIES):
            value = getattr(year, field)
            height = round(plot * value / top)
            bars.append({"x": 40 + i * slot + j * (bar + 1), "y": 190 - height, "width": bar, "height": height,
                         "fill": colour, "title": f"{year.label}: {label.lower()}, {value}"})
        labels.append({"x": 40 + i * slot, "text": year.short_label})
    return {"width": 40 + slot * len(years) + 10, "height": 220, "bars": bars, "labels": labels, "top": top,
            "series": SERIES}


def chart_figure(years: Sequence[YearFigures], figure_class: str = "", caption_class: str = "") -> Markup:
    """The bar chart of each year's applications, threshold met and reviews with recommendations, as a figure
    with its caption: the one drawing the report document and the report page both show."""
    return documents.render_markup("report/chart.html", chart=chart(years), figure_class=figure_class,
                                   caption_class=caption_class)


FORMATS = ("html", "csv", "json", "md")


def render(years: Sequence[YearFigures], partnership: str, form: str, checkpoint: str | None = None) -> str:
    """The report in ``form``; ``checkpoint``, the audit chain's signed head when it was made, is printed in every
    form but CSV (a table of figures only)."""
    if form == "html":
        return to_html(years, partnership, checkpoint)
    if form == "csv":
        return to_csv(years)
    if form == "json":
        return to_json(years, partnership, checkpoint)
    return to_markdown(years, partnership, checkpoint)
