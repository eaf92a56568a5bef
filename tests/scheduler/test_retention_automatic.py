"""Retention that acts by itself, when the profile says so (``erase_after_retention = "automatically"``): the
nightly job erases a closed case once it has been listed past its retention period for the notice period, as the
scheduler, on the ground that the retention period ended; the annual figures do not change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from importlib import resources
from typing import Any

import pytest
import time_machine

from application.backoffice import BackOffice
from application.case_file import SCHEDULER
from application.profile import DEFAULT_PROFILE_NAME, ProfileError, parse_profile
from domain.erasure import ErasureGround
from domain.profile import PartnershipProfile
from domain.retention import RetentionErasure
from domain.values import AgencyResponseKind
from infrastructure.scheduler_tables import retention_list
from projections.statistics import yearly_figures
from scheduler.runner import Scheduler
from tests.application.cases import OFFICER, outcome_sent
from tests.scheduler.conftest import london


@pytest.fixture
def smtp_profile(smtp_profile: PartnershipProfile) -> PartnershipProfile:
    return replace(smtp_profile, erase_after_retention=RetentionErasure.AUTOMATICALLY, erase_notice_days=30)


def test_a_case_listed_for_the_notice_period_is_erased_by_the_nightly_job_and_the_figures_stay(
    office: BackOffice, project: Callable[[], None], make_scheduler: Callable[[], Scheduler], database: Any,
    schema: str,
):
    with time_machine.travel(london(2026, 11, 24, 9), tick=True) as clock:
        closed = outcome_sent(office)
        office.cases.record_agency_response(closed, number=1, response=AgencyResponseKind.COMPLETED,
                                            responded_on=date(2026, 11, 19), actor=OFFICER)
        office.cases.close_review(closed, closed_on=date(2026, 11, 20), reason="All recommendations completed.",
                                  actor=OFFICER)
        project()
        scheduler = make_scheduler()
        clock.move_to(london(2032, 11, 21, 2, 30))
        assert scheduler.run("retention") == 1
        with database.connect() as conn:
            figures = yearly_figures(conn, schema, office.profile.statistics_from, date(2032, 11, 21),
                                     office.calendar)

        clock.move_to(london(2032, 12, 20, 2, 30))  # listed 29 days: the notice is not over
        assert scheduler.run("retention") == 1
        assert not office.erasure.is_erased(closed)
        with database.connect() as conn:
            assert [row[3] for row in retention_list(conn, schema)] == [date(2032, 11, 21)]  # first listed

        clock.move_to(london(2032, 12, 21, 2, 30))  # 30 days
        assert scheduler.run("retention") == 0
        project()
        with database.connect() as conn:
            assert retention_list(conn, schema) == []
            assert yearly_figures(conn, schema, office.profile.statistics_from, date(2032, 11, 21),
                                  office.calendar) == figures
        assert scheduler.run("retention") == 0

    assert office.erasure.is_erased(closed)
    assert office.cases.get_case(closed).application.applicant.person.is_erased
    erasures = office.erasure._case_file(closed, SCHEDULER).erasures
    assert [(e.ground, e.actor, e.erased_on, e.whole_case) for e in erasures] == [
        (ErasureGround.RETENTION_ENDED, SCHEDULER, date(2032, 12, 21), True)]


def test_by_default_the_nightly_job_only_lists_and_a_manager_erases() -> None:
    text = resources.files("application").joinpath(DEFAULT_PROFILE_NAME).read_text("utf-8")
    profile = parse_profile(text, "default")
    assert profile.erase_after_retention is RetentionErasure.MANAGER
    automatic = parse_profile(text.replace("[partnership]\n", '[partnership]\nerase_after_retention = "automatically"'
                                           "\nerase_notice_days = 45\n", 1), "automatic")
    assert (automatic.erase_after_retention, automatic.erase_notice_days) == (RetentionErasure.AUTOMATICALLY, 45)
    with pytest.raises(ProfileError, match='Use "manager"'):
        parse_profile(text.replace("[partnership]\n", '[partnership]\nerase_after_retention = "never"\n', 1), "bad")
