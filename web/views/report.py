"""The annual report: the partnership's published table, the statutory measures and the extras per
financial year, with a bar chart, and the same figures as CSV.

The chart is the report document's own (projections.report.chart_figure, one template file): SVG with
presentation attributes (fill, x, y), so it needs no inline style or script under the app's
Content-Security-Policy; the tables carry the same figures, so nothing depends on seeing the colours."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Response, render_template

from projections import audit, report
from projections.statistics import YearFigures, yearly_figures
from projections.tables import read_models_built
from web.access import requires
from web.context import services
from web.views.blueprint import READERS, blueprint


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


@blueprint.get("/report")
@requires(READERS)
def annual_report() -> tuple[str, int]:
    years = _years()
    if years is None:
        return render_template("views/unavailable.html", title="The annual report is not available yet"), 503
    chart = report.chart_figure(years, "ct-chart govuk-!-margin-0 govuk-!-margin-bottom-6", "govuk-body-s")
    return render_template("views/report.html", title="Annual report", tables=report.tables(years),
                           counting_rule=report.ASSIGNMENT, chart=chart, checkpoint=_checkpoint(),
                           checkpoint_note=report.CHECKPOINT), 200


@blueprint.get("/report.csv")
@requires(READERS)
def annual_report_csv() -> Response | tuple[str, int]:
    years = _years()
    if years is None:
        return render_template("views/unavailable.html", title="The annual report is not available yet"), 503
    return Response(report.to_csv(years), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="community-trigger-annual-report.csv"'})
