"""The demo data: the published yearly table, every stage and outcome, and a clean audit trail."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date

import pytest

from application.backoffice import BackOffice, Case
from demo.loader import load_demo
from domain.application import AppealOutcome, Ending, ThresholdDecision
from domain.stage import Stage
from domain.timescales import Step
from domain.values import AgencyResponseKind, ConsentKind, ReviewRoute
from tests.conftest import Demo

pytestmark = pytest.mark.xdist_group("demo")  # one worker loads the module's demo cases once

# Financial year (by its first calendar year) -> (applications, threshold met = reviews carried out,
# reviews with recommendations): the partnership's published table, then 2024/25 and 2025/26.
PUBLISHED = {
    2017: (2, 1, 0),
    2018: (0, 0, 0),
    2019: (5, 2, 0),
    2020: (7, 4, 3),
    2021: (6, 2, 1),
    2022: (3, 0, 0),
    2023: (4, 2, 0),
    2024: (4, 2, 1),
    2025: (5, 2, 1),
}
OPEN_STAGES = {Stage.RECEIVED, Stage.ACKNOWLEDGED, Stage.THRESHOLD_NOT_MET, Stage.AGENCY_INFORMATION_REQUESTED,
               Stage.PANEL_SCHEDULED, Stage.RECOMMENDATIONS_ISSUED, Stage.SECONDARY_REVIEW_REQUESTED}


def financial_year(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


@pytest.fixture
def back_office(demo: Demo) -> BackOffice:
    """The module's demo cases, loaded once: these tests only read them."""
    return demo.back_office


@pytest.fixture
def references(demo: Demo) -> list[str]:
    return demo.references


@pytest.fixture
def cases(back_office: BackOffice, references: list[str]) -> list[Case]:
    return [back_office.cases.get_case(reference) for reference in references]


def is_open(case: Case) -> bool:
    return not case.application.ended and not (case.review and case.review.closed_on)


def events_named(back_office: BackOffice, cases: list[Case], event: str) -> list[tuple[Case, str, str]]:
    """(case, details, reason) of every history entry called ``event``."""
    return [(case, entry.details, entry.reason) for case in cases
            for entry in back_office.cases.history(case.reference) if entry.event == event]


def test_demo_reproduces_the_published_yearly_table(cases: list[Case]):
    applications, met, with_recommendations = Counter(), Counter(), Counter()
    for case in cases:
        year = financial_year(case.application.received_on)
        applications[year] += 1
        met[year] += case.application.threshold_met
        with_recommendations[year] += bool(case.review and case.review.recommendations)

    found = {year: (applications[year], met[year], with_recommendations[year]) for year in PUBLISHED}

    assert found == PUBLISHED
    assert not [year for year in applications if year < 2017]


def test_demo_returns_unique_references_in_date_order_and_reports_progress(
        make_back_office: Callable[..., BackOffice]):
    back_office = make_back_office()  # its own schema: this test loads the demo itself
    progress: list[int] = []

    references = load_demo(back_office, on_case=progress.append)

    assert len(set(references)) == len(references)
    assert progress == [len(references)] * len(references)
    received = [back_office.cases.get_case(reference).application.received_on for reference in references]
    assert received == sorted(received)
    assert references[0] == "CT-2017-0001"


def test_demo_has_open_cases_of_the_current_year_at_every_stage_one_overdue_and_one_due_for_a_reminder(
    back_office: BackOffice, cases: list[Case]
):
    today = back_office.today()
    open_cases = {case.stage: case for case in cases if is_open(case)}

    assert set(open_cases) == OPEN_STAGES
    overdue = {}
    for case in open_cases.values():
        assert financial_year(case.application.received_on) == financial_year(today)
        overdue[case.stage] = [d.label for d in back_office.cases.deadlines(case.reference) if d.is_overdue(today)]
    assert {stage: labels for stage, labels in overdue.items() if labels} == {Stage.AGENCY_INFORMATION_REQUESTED: [
        "Agency information due (Kent Police)", "Agency information due (Dartford Borough Council)",
        "Agency information due (Moat Homes)"]}
    threshold_due = [d.due_on for d in back_office.cases.deadlines(open_cases[Stage.ACKNOWLEDGED].reference)
                     if d.label.startswith("Decide the threshold")]
    assert threshold_due == [back_office.calendar.add_working_days(today, 2)]
    assert open_cases[Stage.ACKNOWLEDGED].application.incidents
    assert back_office.cases.appeal_window_closes_on(open_cases[Stage.THRESHOLD_NOT_MET].application) >= today
    awaiting = open_cases[Stage.RECOMMENDATIONS_ISSUED].review
    assert awaiting is not None
    assert awaiting.recommendations
    assert all(not recommendation.responses for recommendation in awaiting.recommendations)


def test_demo_covers_every_threshold_decision_appeal_and_ending(back_office: BackOffice, cases: list[Case]):
    assert set(ThresholdDecision) <= {case.application.decision for case in cases}
    assert set(AppealOutcome) <= {case.application.appeal_outcome for case in cases}
    assert set(Ending) <= {case.application.ended for case in cases}
    assert {case.review.route for case in cases if case.review} == set(ReviewRoute)

    closed_after_window = [
        case for case in cases
        if case.application.decision is ThresholdDecision.NOT_MET and case.application.ended is Ending.CLOSED
        and not case.application.appeal_lodged_on
        and case.application.ended_on > back_office.cases.appeal_window_closes_on(case.application)
    ]
    assert closed_after_window
    assert [case for case in cases if case.application.appeal_outcome is AppealOutcome.DISMISSED
            and case.application.ended is Ending.CLOSED]
    assert [case for case in cases if case.application.appeal_outcome is AppealOutcome.UPHELD and case.review
            and case.review.closed_on]

    discretion = [case for case in cases if case.application.decision is ThresholdDecision.MET_BY_DISCRETION]
    assert discretion
    assert all(not case.application.assessment.met for case in discretion)
    assert any(incident.hate_related for case in discretion for incident in case.application.incidents)
    by_discretion = events_named(back_office, cases, "ThresholdMetByDiscretion")
    assert len(by_discretion) == len(discretion)
    assert all("grounds: harm" in details and reason for _, details, reason in by_discretion)
    not_met = events_named(back_office, cases, "ThresholdNotMet")
    assert not_met
    assert all("alternative action:" in details and reason for _, details, reason in not_met)

    third_party = [case for case in cases if case.application.on_behalf_of_victim]
    assert third_party
    assert all(ConsentKind.VICTIM_CONSENT in case.application.consents for case in third_party)

    withdrawn_after_consent = {case.reference for case, _, _ in
                               events_named(back_office, cases, "ConsentWithdrawn")}
    assert withdrawn_after_consent
    assert all(back_office.cases.get_case(reference).application.ended is Ending.WITHDRAWN
               for reference in withdrawn_after_consent)
    assert [case for case in cases if case.application.ended is Ending.WITHDRAWN and case.review
            and case.review.closed_on and not case.review.panel_held_on]

    grounds = {details for _, details, _ in events_named(back_office, cases, "Rejected")}
    for ground in ("anonymous", "vexatious", "out of scope"):
        assert any(f"ground: {ground}" in details for details in grounds), ground


def test_demo_covers_every_step_of_the_case_review(back_office: BackOffice, cases: list[Case]):
    reviews = [case.review for case in cases if case.review]

    assert any(r.agency_requests and all(q.received_on for q in r.agency_requests.values()) for r in reviews)
    assert any(r.independent_chair and r.panel_held_on for r in reviews)
    assert any(not r.independent_chair and r.panel_held_on for r in reviews)
    assert any(r.victim_invited_on and r.impact_statement_received_on for r in reviews)
    assert {r.victim_attended for r in reviews if r.panel_held_on} == {True, False}
    responses = {kind for r in reviews for rec in r.recommendations for kind, _ in rec.responses}
    assert responses == set(AgencyResponseKind)
    declined = [reason for _, details, reason in events_named(back_office, cases, "AgencyResponded")
                if "response: declined" in details]
    assert declined
    assert all(declined)

    late_letters = [
        r for r in reviews if r.delay_notices and r.outcome_letter_sent_on and r.panel_held_on
        and r.delay_notices[0] < r.outcome_letter_sent_on
        and r.outcome_letter_sent_on > back_office.calendar.add_working_days(
            r.panel_held_on, back_office.profile.timescales.for_step(Step.OUTCOME_LETTER))
    ]
    assert late_letters
    assert any(r.secondary_requested_on and r.secondary_held_on and r.secondary_concluded_on for r in reviews)
    closed = [case for case in cases if case.review and case.review.closed_on and not case.application.ended]
    assert closed
    assert all(case.stage is Stage.CLOSED and case.review.outcome_letter_sent_on for case in closed)


def test_every_event_in_every_demo_case_names_who_acted(back_office: BackOffice, references: list[str]):
    actors = Counter()
    for reference in references:
        history = back_office.cases.history(reference)
        assert history
        for entry in history:
            assert entry.actor.strip(), f"{reference}: {entry.record}.{entry.event} has no actor"
            actors[entry.actor] += 1

    assert {"public", "j.okafor", "s.patel", "m.reid"} <= set(actors)


def test_demo_people_are_fictional_with_stable_subjects(cases: list[Case]):
    subjects = [case.application.applicant.person.subject for case in cases]

    assert all(subject.startswith("demo-person-") for subject in subjects)
    assert len(set(subjects)) == len(subjects)
    assert all(case.application.problem.location.endswith("Dartford") for case in cases)
