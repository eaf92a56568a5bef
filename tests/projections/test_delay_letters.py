"""The case list's "delay letter needed" is the domain's answer, stored by the projector."""

from datetime import date, timedelta
from typing import Any

import psycopg

from application.backoffice import BackOffice
from domain.reminders import needs_delay_letter
from domain.timescales import Step
from projections.case_list import CaseList
from projections.projector import Projector
from tests.application import cases
from tests.application.cases import OFFICER


def test_the_case_list_flags_the_cases_the_domain_says_need_a_delay_letter(
    back_office: BackOffice, projector: Projector, conn: psycopg.Connection[Any], schema: str
):
    needs_one = cases.panel_held(back_office)
    has_one = cases.panel_held(back_office)
    back_office.cases.send_delay_notice(has_one, sent_on=date(2026, 11, 10), reason="Awaiting the housing report",
                                        expected_by=date(2026, 12, 4), actor=OFFICER)
    withdrawn = cases.panel_held(back_office)
    back_office.cases.withdraw_application(withdrawn, withdrawn_on=date(2026, 11, 10), reason="Moved.", actor=OFFICER)
    not_reviewed = cases.threshold_met(back_office)
    references = [needs_one, has_one, withdrawn, not_reviewed]

    projector.catch_up()
    case_list = CaseList(conn, schema)
    flagged = {r for r in references if (row := case_list.case(r)) and row.needs_delay_letter_by(date(2027, 12, 31))}

    assert flagged == {needs_one}
    listed = case_list.open_cases(today=date(2026, 11, 24)).cases
    assert {c.reference for c in listed if c.needs_delay_letter_by(date(2027, 12, 31))} == {needs_one}
    for reference in references:
        case = back_office.cases.get_case(reference)
        domain_says = needs_delay_letter(back_office.cases.deadlines(reference),
                                         case.review.delay_notices if case.review else ())
        assert (reference in flagged) == domain_says, reference


def test_a_delay_letter_is_not_flagged_before_the_outcome_letter_comes_due(
    back_office: BackOffice, projector: Projector, conn: psycopg.Connection[Any], schema: str
):
    reference = cases.panel_held(back_office)
    outcome_due = next(d.due_on for d in back_office.cases.deadlines(reference) if d.step is Step.OUTCOME_LETTER)

    projector.catch_up()
    case_list = CaseList(conn, schema)

    row = case_list.case(reference)  # the dashboard reads the case list's rows
    assert row is not None
    assert row.needs_delay_letter_by(outcome_due)
    assert not row.needs_delay_letter_by(outcome_due - timedelta(days=1))
