"""The annual report in four formats: HTML (with a bar chart), CSV, JSON and Markdown.

Each shows the partnership's published three-column table ("n/a" in the last two columns for a
period with no applications) and the four statutory measures, then the extras."""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Sequence

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
EXTRAS = ("Appeals received", "Appeals upheld", "Victim attended the panel", "Independent chair",
          "Outcome letters sent", "Outcome letters on time", "Share on time",
          "Median working days from application to outcome letter", "Deadlines recorded as missed")


def published_row(year: YearFigures) -> tuple[str, str, str]:
    if not year.applications:
        return ("0", "n/a", "n/a")
    return (str(year.applications), str(year.threshold_met), str(year.reviews_with_recommendations))


def statutory_row(year: YearFigures) -> tuple[int, int, int, int]:
    return (year.applications, year.threshold_not_met, year.reviews_carried_out, year.reviews_with_recommendations)


def extras_row(year: YearFigures) -> tuple[str, ...]:
    median = year.median_working_days_to_outcome
    return (str(year.appeals_received), str(year.appeals_upheld), str(year.victim_attended),
            str(year.independent_chair), str(year.outcome_letters), str(year.outcome_letters_on_time),
            f"{round(100 * year.outcome_letters_on_time / year.outcome_letters)}%" if year.outcome_letters else "n/a",
            "n/a" if median is None else f"{median:g}", str(year.deadlines_missed))


def to_markdown(years: Sequence[YearFigures], partnership: str, checkpoint: str | None = None) -> str:
    def table(headers: Sequence[str], rows: list[Sequence[object]]) -> str:
        lines = ["| Period | " + " | ".join(headers) + " |", "|---" + "|---:" * len(headers) + "|"]
        lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
        return "\n".join(lines)

    return "\n\n".join([
        f"# Community Trigger (ASB Case Review): {partnership}", ASSIGNMENT,
        "## The published table", table(PUBLISHED, [(y.label, *published_row(y)) for y in years]),
        "## The statutory measures", table(STATUTORY, [(y.label, *statutory_row(y)) for y in years]),
        "## More detail", table(EXTRAS, [(y.label, *extras_row(y)) for y in years]),
        *(["## Audit checkpoint", CHECKPOINT, f"    {checkpoint}"] if checkpoint else []),
    ]) + "\n"


def to_csv(years: Sequence[YearFigures]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["period", "starts_on", "ends_on", *STATUTORY, "Applications meeting the threshold", *EXTRAS])
    for y in years:
        writer.writerow([y.label, y.starts_on, y.ends_on, *statutory_row(y), y.threshold_met, *extras_row(y)])
    return out.getvalue()


def to_json(years: Sequence[YearFigures], partnership: str, checkpoint: str | None = None) -> str:
    return json.dumps({"partnership": partnership, "counting_rule": ASSIGNMENT,
                       "years": [y.as_dict() for y in years], "audit_checkpoint": checkpoint}, indent=2) + "\n"


def to_html(years: Sequence[YearFigures], partnership: str, checkpoint: str | None = None) -> str:
    e = html.escape

    def table(caption: str, headers: Sequence[str], rows: list[Sequence[object]]) -> str:
        head = "".join(f'<th scope="col">{e(h)}</th>' for h in ("Period", *headers))
        body = "".join("<tr>" + f'<th scope="row">{e(str(r[0]))}</th>' + "".join(
            f'<td class="num">{e(str(c))}</td>' for c in r[1:]) + "</tr>" for r in rows)
        return f"<table><caption>{e(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Community Trigger annual report: {e(partnership)}</title>
<style>
body{{font-family:Arial,Helvetica,sans-serif;margin:2rem;max-width:70rem;color:#0b0c0c}}
table{{border-collapse:collapse;margin:1.5rem 0;width:100%}} caption{{text-align:left;font-weight:bold;padding:.5rem 0}}
th,td{{border-bottom:1px solid #b1b4b6;padding:.4rem .6rem;text-align:left;vertical-align:top}}
td.num{{text-align:right}} .bar-applications{{fill:#1d70b8}} .bar-met{{fill:#00703c}} .bar-recs{{fill:#f47738}}
@media print{{body{{margin:0}}}}
</style></head><body>
<h1>Community Trigger (ASB Case Review): {e(partnership)}</h1>
<p>{e(ASSIGNMENT)}</p>
{_chart(years)}
{table("The published table", PUBLISHED, [(y.label, *published_row(y)) for y in years])}
{table("The statutory measures", STATUTORY, [(y.label, *statutory_row(y)) for y in years])}
{table("More detail", EXTRAS, [(y.label, *extras_row(y)) for y in years])}
{f"<h2>Audit checkpoint</h2><p>{e(CHECKPOINT)}</p><pre>{e(checkpoint)}</pre>" if checkpoint else ""}
</body></html>
"""


def _chart(years: Sequence[YearFigures]) -> str:
    """A bar chart of each year's applications, threshold met and reviews with recommendations."""
    top = max([y.applications for y in years] + [1])
    width, height, slot = 60 * len(years) + 40, 220, 60
    bars, labels = [], []
    for i, y in enumerate(years):
        for j, (value, kind) in enumerate(((y.applications, "applications"), (y.threshold_met, "met"),
                                           (y.reviews_with_recommendations, "recs"))):
            h = round(170 * value / top)
            x = 30 + i * slot + j * 16
            bars.append(f'<rect class="bar-{kind}" x="{x}" y="{190 - h}" width="14" height="{h}">'
                        f"<title>{html.escape(y.label)}: {value}</title></rect>")
        labels.append(f'<text x="{30 + i * slot}" y="208" font-size="11">{y.short_label}</text>')
    return (f'<figure><svg role="img" aria-labelledby="chart-title" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}"><title id="chart-title">Applications (blue), applications meeting '
            f"the threshold (green) and reviews with recommendations (orange), by year</title>"
            + "".join(bars) + "".join(labels)
            + "</svg><figcaption>Blue: applications received. Green: applications meeting the threshold. "
              "Orange: reviews that resulted in recommendations.</figcaption></figure>")


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
