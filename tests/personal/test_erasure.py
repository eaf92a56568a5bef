"""Issue 12 (2): erasing a person deletes their key. Their data is unreadable from the events, the read models
and the letters, and shows as "Erased on <date>"; the events, decisions, audit chain and annual figures stay as
they were; restoring a backup taken before the erasure and re-applying the register leaves them erased."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

import psycopg
import pytest
from psycopg.conninfo import make_conninfo

from application.backoffice import BackOffice
from application.erasure import case_aggregate_subjects, case_subjects
from domain.erasure import ErasureGround
from domain.errors import AlreadyRecordedError
from domain.ids import application_id, case_review_id
from domain.values import LetterKind
from infrastructure.erasure_register import ErasureRegister
from infrastructure.storage import Database
from projections import audit
from projections.projector import Projector
from projections.search import CaseSearch
from projections.statistics import yearly_figures
from tests.application import cases
from tests.personal.dumps import dump, restore

MANAGER = "m.reid"
ERASED = "Erased on 24 November 2026"  # the tests' today


def everything_readable(office: BackOffice, reference: str) -> str:
    """All a user can get about the case: the case, its history and its letters, as text."""
    case = office.cases.get_case(reference)
    history = " ".join(f"{e.details} {e.reason}" for e in office.cases.history(reference))
    letter = office.cases.render_letter(reference, LetterKind.ACKNOWLEDGEMENT).html
    return f"{case.application.applicant} {case.application.problem} {history} {letter}"


def test_erasing_a_case_shows_erased_on_its_date_everywhere_and_keeps_the_history_decisions_and_chain(
    office: BackOffice, conn: psycopg.Connection[Any], schema: str, database: Database,
    make_back_office: Callable[..., BackOffice],
):
    reference = cases.outcome_sent(office)
    projector = Projector(office, conn, schema)
    projector.catch_up()
    figures_before = yearly_figures(conn, schema, office.profile.statistics_from, office.today(), office.calendar)
    history_before = [(e.record, e.event, e.version) for e in office.cases.history(reference)]
    assert "Ann Smith" in everything_readable(office, reference)

    office.erasure.erase_case(reference, ground=ErasureGround.RETENTION_ENDED, actor=MANAGER)
    projector.catch_up()

    fresh = make_back_office()  # another process: nothing remembered from before
    for reader in (office, fresh):
        text = everything_readable(reader, reference)
        assert "Ann Smith" not in text
        assert "12 High Street" not in text
        assert ERASED in text
        assert reader.cases.get_case(reference).application.applicant.person.is_erased
    history_after = [(e.record, e.event, e.version) for e in fresh.cases.history(reference)]
    assert history_after[:len(history_before)] == history_before  # nothing rewritten, one event added
    assert history_after[-1][1] == "PersonalDataErased"
    assert fresh.cases.get_case(reference).stage == office.cases.get_case(reference).stage
    assert "Ann Smith" not in dump(database.url, schema)
    assert audit.verify(conn, schema, fresh.recorder).intact
    assert yearly_figures(conn, schema, office.profile.statistics_from, office.today(),
                          office.calendar) == figures_before


def test_a_projector_in_another_process_that_holds_the_keys_honours_an_erasure_made_elsewhere(
    office: BackOffice, conn: psycopg.Connection[Any], schema: str, make_back_office: Callable[..., BackOffice],
):
    """The projector reads each batch's keys ahead and keeps them: an erasure made by another process (the web)
    reaches it all the same, through the erasure event, in the same batch as the case's events before it."""
    reference = cases.panel_scheduled(office)
    projector = Projector(make_back_office(), conn, schema)  # a process of its own
    projector.catch_up()  # it now holds the case's keys, read ahead
    assert projector.aggregates[case_review_id(reference)].chair == "Dr Jane Holt"  # type: ignore[attr-defined]
    office.cases.decide_not_to_invite_victim(reference, decided_on=date(2026, 9, 15),  # in one batch with the
                                             reason="She chose to be kept informed.", actor=cases.OFFICER)  # erasure

    office.erasure.erase_case(reference, ground=ErasureGround.RETENTION_ENDED, actor=MANAGER)
    projector.catch_up()

    application = projector.aggregates[application_id(reference)]
    review = projector.aggregates[case_review_id(reference)]
    assert (application.applicant.person.name, review.chair,  # type: ignore[attr-defined]
            review.not_invited_reason) == (ERASED, ERASED, ERASED)  # type: ignore[attr-defined]
    assert {i.reported_to for i in application.incidents if i.reported_to} <= {ERASED}  # type: ignore[attr-defined]
    found = CaseSearch(conn, schema, office.search_index).find("Ann Smith")
    assert reference not in {case.reference for case in found.cases}


def test_a_projector_reading_an_erasure_before_its_keys_are_deleted_keeps_nothing_of_the_case(
    office: BackOffice, conn: psycopg.Connection[Any], schema: str, make_back_office: Callable[..., BackOffice],
):
    """The erasure is saved, then its keys are deleted: a projector of its own reading in between must not keep
    the case's text in memory or in the search index (the keys still open it for that moment)."""
    reference = cases.panel_scheduled(office)
    projector = Projector(make_back_office(), conn, schema)
    projector.catch_up()
    keys = office.erasure.core.keys
    delete_keys = keys.shred

    def read_before_the_keys_go(subjects: Any, on: date) -> list[str]:
        projector.catch_up()  # the erasure is saved; its keys are not deleted yet
        return delete_keys(subjects, on)

    keys.shred = read_before_the_keys_go  # type: ignore[method-assign]
    try:
        office.erasure.erase_case(reference, ground=ErasureGround.RETENTION_ENDED, actor=MANAGER)
    finally:
        del keys.shred

    application = projector.aggregates[application_id(reference)]
    review = projector.aggregates[case_review_id(reference)]
    assert (application.applicant.person.name, review.chair) == (ERASED, ERASED)  # type: ignore[attr-defined]
    found = CaseSearch(conn, schema, office.search_index).find("Ann Smith")
    assert reference not in {case.reference for case in found.cases}


def test_erasing_one_victim_leaves_the_applicant_acting_for_them_readable(office: BackOffice):
    reference = cases.receive(office, on_behalf=True)
    victim = office.cases.get_case(reference).application.applicant.victims[0]

    office.erasure.erase_person(reference, victim.subject, ground=ErasureGround.ERASURE_REQUEST, actor=MANAGER)

    applicant = office.cases.get_case(reference).application.applicant
    assert applicant.person.name == "Raj Patel"
    assert [v.name for v in applicant.victims] == [ERASED]


def test_an_erasure_is_recorded_once_with_who_when_and_the_ground_and_no_personal_data(
    office: BackOffice, register: ErasureRegister
):
    reference = cases.receive(office)
    office.erasure.erase_case(reference, ground=ErasureGround.RETENTION_ENDED, actor=MANAGER)

    with pytest.raises(AlreadyRecordedError):
        office.erasure.erase_case(reference, ground=ErasureGround.RETENTION_ENDED, actor=MANAGER)
    [entry] = [e for e in office.cases.history(reference) if e.event == "PersonalDataErased"]
    assert entry.actor == MANAGER
    assert "retention period ended" in entry.details
    assert "Ann Smith" not in entry.details
    assert [(e.subject, e.reference) for e in register.entries()] == [
        ("p-1", reference), *((key, reference) for key in case_aggregate_subjects(reference))]


def test_restoring_a_backup_from_before_an_erasure_and_reapplying_the_register_leaves_the_person_erased(
    office: BackOffice, register: ErasureRegister, database: Database, schema: str,
    make_back_office: Callable[..., BackOffice],
):
    reference = cases.receive(office)
    backup = dump(database.url, schema)
    office.erasure.erase_case(reference, ground=ErasureGround.ERASURE_REQUEST, actor=MANAGER)

    name = f"restore_{uuid.uuid4().hex[:10]}"
    with database.connect() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        restored = Database(url=make_conninfo(database.url, dbname=name))
        restore(restored.url, backup)
        without = BackOffice(office.profile, env=restored.env(schema, pool_size=1), clock=office.clock,
                             password_hasher=office.password_hasher)
        with without:  # the backup alone brings the person back: that is what the register is for
            assert without.cases.get_case(reference).application.applicant.person.name == "Ann Smith"
        with BackOffice(office.profile, env=restored.env(schema, pool_size=1), clock=office.clock,
                        password_hasher=office.password_hasher, erasure_register=register) as reapplied:
            person = reapplied.cases.get_case(reference).application.applicant.person
            assert person.is_erased
            assert person.name == ERASED
    finally:
        with database.connect() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_subjects_of_a_case_are_its_applicant_and_every_victim(office: BackOffice):
    reference = cases.receive(office, on_behalf=True)

    assert case_subjects(office.cases.get_case(reference).application) == ("p-2", "p-1")
