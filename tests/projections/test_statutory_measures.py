"""The annual report's four statutory measures (s.104(10) of the 2014 Act) match counts made directly from the
stored events, for the demo data and for a year built by hand: applications received (``Received``), times the
threshold was not met (``ThresholdNotMet``), case reviews carried out (``PanelHeld``) and reviews that resulted in
recommendations (``PanelHeld`` and at least one ``RecommendationIssued``), each case in the financial year its
application was received. The expected counts never read the read model or the code that fills it."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import pytest

from application.backoffice import BackOffice
from domain.values import AgencyResponseKind
from infrastructure.storage import Database
from projections.projector import Projector
from projections.report import merged_cell
from projections.statistics import yearly_figures
from tests.application import cases
from tests.application.cases import OFFICER
from tests.conftest import TODAY, Demo

pytestmark = pytest.mark.xdist_group("demo")


def financial_year(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def counted_from_events(back_office: BackOffice) -> dict[int, tuple[int, int, int, int]]:
    """Per financial year: (received, not met, reviews carried out, reviews with recommendations), from the events
    as stored, read through the event store (so they are decoded as the product decodes them)."""
    year_of: dict[Any, int] = {}  # an application's or review's id -> its financial year
    references: dict[str, int] = {}
    names: list[tuple[str, Any, Any]] = []
    start = 1
    while batch := back_office.recorder.select_notifications(start, 500):
        for notification in batch:
            event = back_office.mapper.to_domain_event(notification)
            names.append((notification.topic.rsplit(".", 1)[-1], event.originator_id, event))
        start = batch[-1].id + 1
    for name, originator, event in names:
        if name == "Received" and hasattr(event, "received_on"):
            year_of[originator] = references[event.reference] = financial_year(event.received_on)
    for name, originator, event in names:
        if name == "Opened" and hasattr(event, "application_id"):
            year_of[originator] = references[event.reference]
    received, not_met, held, recommended = Counter(), Counter(), set(), set()
    for name, originator, event in names:
        if name == "Received" and hasattr(event, "received_on"):
            received[year_of[originator]] += 1
        elif name == "ThresholdNotMet":
            not_met[year_of[originator]] += 1
        elif name == "PanelHeld":
            held.add(originator)
        elif name == "RecommendationIssued":
            recommended.add(originator)
    years = set(received)
    return {year: (received[year], not_met[year], sum(1 for r in held if year_of[r] == year),
                   sum(1 for r in held & recommended if year_of[r] == year)) for year in years}


def reported(back_office: BackOffice, database: Database, schema: str) -> dict[int, tuple[int, int, int, int]]:
    with database.connect() as conn:
        Projector(back_office, conn, schema).catch_up()
        years = yearly_figures(conn, schema, back_office.profile.statistics_from, TODAY, back_office.calendar)
    return {y.starts_on.year if y.starts_on.month == 4 else y.starts_on.year - 1:
            (y.applications, y.threshold_not_met, y.reviews_carried_out, y.reviews_with_recommendations)
            for y in years if y.applications}


def test_the_demo_reports_the_four_statutory_measures_the_stored_events_give(demo: Demo, database: Database) -> None:
    expected = counted_from_events(demo.back_office)

    assert reported(demo.back_office, database, demo.schema) == expected
    assert expected[2020] == (7, 2, 3, 3)  # the year the published table shows as "4" meeting the threshold


def test_a_hand_built_year_reports_each_statutory_measure_exactly_and_separately(
        back_office: BackOffice, database: Database, schema: str) -> None:
    cases.not_met_letter_sent(back_office)                    # received, not met
    appealed = cases.not_met_letter_sent(back_office)         # received, not met, then met on appeal
    back_office.cases.lodge_appeal(appealed, lodged_on=date(2026, 9, 20), grounds="The incidents were linked.",
                                   actor=OFFICER)
    back_office.cases.uphold_appeal(appealed, decided_on=date(2026, 9, 25), reason="They were.", actor="m.reid")
    cases.threshold_met(back_office)                          # received, met, no panel yet: not carried out
    cases.panel_held(back_office)                             # carried out, no recommendations
    with_recs = cases.outcome_sent(back_office)               # carried out, with a recommendation
    back_office.cases.record_agency_response(with_recs, number=1, response=AgencyResponseKind.COMPLETED,
                                             responded_on=date(2026, 10, 20), actor=OFFICER)
    cases.receive(back_office)                                # received only

    expected = counted_from_events(back_office)
    got = reported(back_office, database, schema)

    assert got == expected
    assert got[2026] == (6, 2, 2, 1)


def test_the_published_column_shows_both_figures_when_fewer_reviews_were_carried_out_than_met_the_threshold(
        demo: Demo, database: Database) -> None:
    with database.connect() as conn:
        Projector(demo.back_office, conn, demo.schema).catch_up()  # whichever test of the module runs first
        years = {y.short_label: y for y in yearly_figures(conn, demo.schema, demo.back_office.profile.statistics_from,
                                                          TODAY, demo.back_office.calendar)}

    assert merged_cell(years["2020/21"]) == "4 met, 3 carried out"
    assert merged_cell(years["2021/22"]) == "2"
