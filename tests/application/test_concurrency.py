"""Two officers saving the same case at once, with real threads and separate connection pools."""

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest

from application.backoffice import BackOffice
from application.errors import ConflictError
from domain.application import Application
from tests.application import cases
from tests.application.cases import OFFICER


class LoadThenWait(BackOffice):
    """Loads the case, then waits at a barrier until the other officer has loaded it too."""

    barrier: threading.Barrier

    def _application(self, reference: str) -> Application:
        application = super()._application(reference)
        self.barrier.wait(timeout=10)
        return application


def two_officers_on_one_case(
    make_back_office: Callable[..., BackOffice],
) -> tuple[BackOffice, str, list[LoadThenWait]]:
    """A new case, and two officers (own connection pools) who will both load it before either saves."""
    setup = make_back_office()
    reference = cases.receive(setup)
    barrier = threading.Barrier(2)
    officers = [make_back_office(LoadThenWait), make_back_office(LoadThenWait)]
    for officer in officers:
        officer.barrier = barrier
    return setup, reference, officers


def test_of_two_officers_saving_the_same_case_at_once_one_succeeds_and_the_other_gets_a_conflict(
    make_back_office: Callable[..., BackOffice],
):
    setup, reference, officers = two_officers_on_one_case(make_back_office)

    def log(officer: BackOffice, day: int) -> object:
        try:
            return officer.cases.log_incident(reference, happened_on=date(2026, 8, day), reported_on=date(2026, 8, day),
                                              agency="Kent Police", actor=f"officer-{day}")
        except ConflictError as error:
            return error

    with ThreadPoolExecutor(2) as pool:
        outcomes = list(pool.map(log, officers, (3, 4)))

    conflicts = [o for o in outcomes if isinstance(o, ConflictError)]
    assert len(conflicts) == 1
    assert "Reload the case" in str(conflicts[0])
    assert reference in str(conflicts[0])
    logged = [e for e in setup.cases.history(reference) if e.event == "IncidentLogged"]
    assert len(logged) == 1


def test_the_officer_who_got_a_conflict_can_retry_and_no_event_is_lost(
    make_back_office: Callable[..., BackOffice],
):
    setup, reference, officers = two_officers_on_one_case(make_back_office)

    def acknowledge(officer: BackOffice) -> object:
        try:
            return officer.cases.acknowledge(reference, acknowledged_on=date(2026, 9, 2), actor=OFFICER)
        except ConflictError as error:
            return error

    with ThreadPoolExecutor(2) as pool:
        outcomes = list(pool.map(acknowledge, officers))
    loser = officers[[isinstance(o, ConflictError) for o in outcomes].index(True)]
    loser.barrier = threading.Barrier(1)
    loser.cases.log_incident(reference, happened_on=date(2026, 8, 1), reported_on=date(2026, 8, 1),
                             agency="Kent Police", actor=OFFICER)

    events = [e.event for e in setup.cases.history(reference)]
    assert events == ["Received", "Acknowledged", "IncidentLogged"]


@pytest.mark.timeout(120)
def test_simultaneous_receipts_get_unique_consecutive_references(make_back_office: Callable[..., BackOffice]):
    clerks = [make_back_office() for _ in range(4)]
    barrier = threading.Barrier(len(clerks))

    def receive_five(clerk: BackOffice) -> list[str]:
        barrier.wait(timeout=10)
        return [cases.receive(clerk) for _ in range(5)]

    with ThreadPoolExecutor(len(clerks)) as pool:
        references = [ref for batch in pool.map(receive_five, clerks) for ref in batch]

    assert sorted(references) == [f"CT-2026-{n:04d}" for n in range(1, 21)]
