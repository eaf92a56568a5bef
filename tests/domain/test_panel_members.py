"""The panel's members, kept in the review: which agencies sit on the scheduled panel and may read its papers,
and only until the review closes. Without a database."""

from __future__ import annotations

from datetime import date

from domain.case_review import CaseReview
from tests.domain.test_case_review_rules import ACTOR, TODAY, opened, outcome_letter_sent, scheduled


def test_the_scheduled_panels_members_are_kept() -> None:
    assert scheduled().panel_members == ["Kent Police", "Dartford Borough Council"]


def test_an_agency_named_among_the_members_sits_on_the_panel_in_any_case_and_spacing() -> None:
    review = scheduled()

    assert review.panel_member("Kent Police")
    assert review.panel_member("  dartford   borough council ")


def test_a_member_line_naming_a_person_of_the_agency_counts_for_the_agency() -> None:
    review = opened()
    review.schedule_panel(panel_date=date(2026, 5, 19), chair="Pat Quinn", independent_chair=True,
                          members=("PC Sam Lee, Kent Police", "Moat Homes"), actor=ACTOR, today=TODAY,
                          scheduled_on=date(2026, 4, 22))

    assert review.panel_member("Kent Police")


def test_an_agency_not_named_or_without_a_name_does_not_sit_on_the_panel() -> None:
    review = scheduled()

    assert not review.panel_member("Moat Homes")
    assert not review.panel_member("")


def test_no_agency_sits_on_a_panel_not_yet_scheduled() -> None:
    assert not opened().panel_member("Kent Police")


def test_the_members_no_longer_sit_on_the_panel_once_the_review_closes() -> None:
    review = outcome_letter_sent()
    assert review.panel_member("Kent Police")

    review.close(closed_on=date(2026, 7, 1), reason="Actions agreed.", actor=ACTOR, today=TODAY,
                 open_recommendations_reason="The police report on their own timetable.")

    assert not review.panel_member("Kent Police")


def test_a_snapshot_stored_before_members_were_kept_loads_with_none() -> None:
    stored: dict = {"reference": "CT-2026-0001", "chair": "Pat Quinn"}

    CaseReview.upcast_v3_v4(stored)

    assert stored["panel_members"] == []
    assert CaseReview.class_version == 4
