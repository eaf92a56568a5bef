"""Rejections are their own measure in the yearly figures: counted apart from the threshold measures, still
counted when a challenge set the rejection aside (as "not met" counts when an appeal overturned it), with the
challenges received and upheld (docs/ROUTES.md)."""

from datetime import date
from typing import Any

import psycopg

from application.backoffice import BackOffice
from domain.values import LetterChannel, LetterKind, RejectionGround
from projections.projector import Projector
from projections.statistics import yearly_figures
from tests.application import cases
from tests.application.cases import OFFICER
from tests.conftest import TODAY


def reject(back_office: BackOffice, ground: RejectionGround) -> str:
    reference = cases.receive(back_office)
    back_office.cases.reject_application(reference, rejected_on=date(2026, 9, 4), ground=ground,
                                         reason="See the file note.", actor=OFFICER)
    back_office.cases.send_letter(reference, LetterKind.REJECTION, channel=LetterChannel.POST,
                                  sent_on=date(2026, 9, 7), actor=OFFICER)
    return reference


def test_rejections_and_their_challenges_are_counted_apart_from_the_threshold_measures(
    back_office: BackOffice, projector: Projector, conn: psycopg.Connection[Any], schema: str
):
    reject(back_office, RejectionGround.VEXATIOUS)
    challenged = reject(back_office, RejectionGround.CONSENT_REFUSED)
    back_office.cases.lodge_challenge(challenged, lodged_on=date(2026, 9, 8), grounds="Consent given.", actor=OFFICER)
    back_office.cases.uphold_challenge(challenged, decided_on=date(2026, 9, 9), reason="Consent was given.",
                                       actor=OFFICER)
    cases.not_met_letter_sent(back_office)
    projector.catch_up()

    [year] = [y for y in yearly_figures(conn, schema, back_office.profile.statistics_from, TODAY,
                                        back_office.calendar) if y.starts_on <= date(2026, 9, 1) <= y.ends_on]

    assert year.applications == 3
    assert year.rejections == 2  # the one set aside still counts: it was rejected
    assert (year.challenges_received, year.challenges_upheld) == (1, 1)
    assert (year.threshold_not_met, year.threshold_met) == (1, 0)  # a rejection is neither met nor not met
