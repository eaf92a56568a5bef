"""The annual report: the partnership's published table, the statutory measures and the extras per
financial year, with a bar chart, and the same figures as CSV.

The chart is SVG drawn by the template with presentation attributes (fill, x, y), so it needs no
inline style or script under the app's Content-Security-Policy; the tables carry the same figures,
so nothing depends on seeing the colours."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import Response, render_template

from projections import audit, report
from projections.statistics import YearFigures, yearly_figures
from projections.tables import read_models_built
from web.access import requires
from web.context import services
from web.views.blueprint import READERS, blueprint

SERIES = (("applications", "Applications received", "#1d70b8"),
          ("threshold_met", "Applications meeting the threshold", "#00703c"),
          ("reviews_with_recommendations", "Reviews that resulted in recommendations", "#f47738"))


def _years() -> list[YearFigures] | None:
    back_office = services().back_office
    with services().read_models() as conn:
        if not read_models_built(conn, services().schema):
            return None
        return yearly_figures(conn, services().schema, back_office.profile.statistics_from, back_office.today(),
                              back_office.calendar)


def _checkpoint() -> str:
    with services().read_models() as conn:
        return audit.make_checkpoint(conn, services().schema, services().audit_key, datetime.now(UTC)).line()


def chart(years: list[YearFigures]) -> dict[str, Any]:
    """Bars for the template: three per year, scaled to the largest figure."""
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


@blueprint.get("/report")
@requires(READERS)
def annual_report() -> tuple[str, int]:
    years = _years()
    if years is None:
        return render_template("views/unavailable.html", title="The annual report is not available yet"), 503
    tables = [("The published table", report.PUBLISHED, [(y.label, *report.published_row(y)) for y in years]),
              ("The statutory measures", report.STATUTORY, [(y.label, *report.statutory_row(y)) for y in years]),
              ("More detail", report.EXTRAS, [(y.label, *report.extras_row(y)) for y in years])]
    return render_template("views/report.html", title="Annual report", tables=tables, counting_rule=report.ASSIGNMENT,
                           chart=chart(years), checkpoint=_checkpoint(), checkpoint_note=report.CHECKPOINT), 200


@blueprint.get("/report.csv")
@requires(READERS)
def annual_report_csv() -> Response | tuple[str, int]:
    years = _years()
    if years is None:
        return render_template("views/unavailable.html", title="The annual report is not available yet"), 503
    return Response(report.to_csv(years), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="community-trigger-annual-report.csv"'})
