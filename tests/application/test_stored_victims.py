"""Cases stored before each victim's consent was kept apart, before the invitation had a format and before the
action plan keep loading: the rows below are bytes the earlier code wrote (stored_before_victims.json: a case
made on a victim's behalf whose consent to share was withdrawn after the review opened)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from application.backoffice import BackOffice
from domain.actions import Command
from domain.errors import ConsentWithdrawnError
from domain.ids import application_id, case_review_id
from domain.values import ConsentKind
from domain.victims import ConsentRecord
from infrastructure.storage import Database
from tests.application.cases import OFFICER
from tests.application.test_snapshots import replayed, state
from tests.application.test_stored_states import store_rows

STORED = json.loads((Path(__file__).parent / "stored_before_victims.json").read_text())


@pytest.fixture
def stored(back_office: BackOffice, database: Database, schema: str) -> str:
    store_rows(database, schema, "backoffice_events", STORED["events"])
    store_rows(database, schema, "backoffice_snapshots", STORED["snapshots"])
    return str(STORED["reference"])


def test_a_stored_case_reads_its_consents_as_the_victims_with_the_withdrawal_and_its_date(
    back_office: BackOffice, stored: str
):
    application = back_office.cases.get_case(stored).application

    assert application.consent_records == [
        ConsentRecord(ConsentKind.VICTIM_CONSENT, 1, date(2026, 9, 1)),
        ConsentRecord(ConsentKind.SHARE_WITH_AGENCIES, 1, date(2026, 9, 1), withdrawn_on=date(2026, 9, 16)),
    ]
    assert application.consents == {ConsentKind.VICTIM_CONSENT: date(2026, 9, 1)}


def test_a_stored_case_loads_the_same_from_its_old_snapshots_as_from_its_events(back_office: BackOffice, stored: str):
    for aggregate_id in (application_id(stored), case_review_id(stored)):
        [snapshot] = back_office.snapshots.get(aggregate_id)  # type: ignore[union-attr]
        loaded = back_office.repository.get(aggregate_id)

        assert snapshot.originator_version == loaded.version  # loaded from the old snapshot alone
        # except the panel's members, kept since CaseReview version 4: an old snapshot cannot know them (the panel
        # papers rebuild such a review from its events: test_a_stored_panels_members_are_read_from_its_events)
        assert state(loaded) | {"panel_members": []} == state(replayed(back_office, aggregate_id)) | {
            "panel_members": []}


def test_a_stored_invitation_without_a_format_still_counts_as_the_victims_invitation(
    back_office: BackOffice, stored: str
):
    review = back_office.cases.get_case(stored).review

    assert review is not None
    assert (review.victim_invited_on, review.invitation_format, review.panel_held_on) == (
        date(2026, 9, 15), None, date(2026, 10, 5))
    assert review.action_plan is None


def test_consent_withdrawn_in_a_stored_case_refuses_a_new_agency_request_naming_the_withdrawal(
    back_office: BackOffice, stored: str
):
    case = back_office.cases.get_case(stored)

    with pytest.raises(ConsentWithdrawnError, match=r"Ann Smith withdrew consent to share .* on 16 September 2026"):
        back_office.cases.request_agency_information(stored, agency="Moat Homes", requested_on=date(2026, 10, 6),
                                                     actor=OFFICER)
    assert Command.REQUEST_AGENCY_INFORMATION not in {a.command for a in back_office.cases.available_actions(case)}
    assert back_office.cases.get_case(stored).review.agency_requests.keys() == {"Kent Police"}  # type: ignore[union-attr]


def test_a_stored_panels_members_are_read_from_its_events(back_office: BackOffice, stored: str):
    from application.panel_papers import as_recorded, panel_papers

    assert back_office.cases.get_case(stored).review.panel_members == []  # type: ignore[union-attr]  # old snapshot
    assert as_recorded(back_office.cases, stored).review.panel_members == ["Kent Police"]  # type: ignore[union-attr]
    assert panel_papers(back_office.cases, stored, "Kent Police").members == ("Kent Police",)
