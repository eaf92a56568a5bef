"""An email about a case is sealed under the case's key: once the case's personal data is erased, the outbox reads
"Erased on <date>" for its text and the sender records why it did not send it, instead of sending it."""

from __future__ import annotations

import json
from typing import Any

import time_machine
from eventsourcing.persistence import StoredEvent

from application.backoffice import BackOffice
from domain.email import Email, EmailStatus
from domain.erasure import ErasureGround
from scheduler.mailer import SmtpServer, deliver
from tests.application.cases import receive
from tests.scheduler.conftest import Inbox, london

TEXT = "Ann Smith's panel is due on Friday: ring her on 01322 343000."


def queue_about(office: BackOffice, reference: str) -> Any:
    recorded = office.outbox.queue_email(key=f"reminder/{reference}/panel", to=("j.okafor@dartford.gov.uk",),
                                         subject="Hold the panel", body=TEXT, purpose="reminder",
                                         reference=reference)
    assert recorded is not None
    return recorded.aggregate_id


def test_an_erased_case_s_email_reads_as_erased_and_is_not_sent_with_the_reason_recorded(
        office: BackOffice, inbox: Inbox, smtp_profile: Any):
    with time_machine.travel(london(2026, 11, 24, 9), tick=False):
        reference = receive(office)
        email_id = queue_about(office, reference)
        assert office.outbox.email(email_id).body == TEXT
        applicant = office.cases.get_case(reference).application.applicant.person.subject
        assert office.outbox.email(email_id).sealed_body.subject == applicant

        office.erasure.erase_case(reference, ground=ErasureGround.ERASURE_REQUEST, actor="m.reid")
        email = office.outbox.email(email_id)
        assert email.is_erased
        assert email.body == "Erased on 24 November 2026"
        assert "Ann Smith" not in email.body

        server = SmtpServer.from_settings(smtp_profile.email, environ={})
        assert deliver(office, email_id, server) is EmailStatus.WITHHELD
        assert deliver(office, email_id, server) is EmailStatus.WITHHELD  # asked again: nothing more recorded

    assert inbox.messages == []
    email = office.outbox.email(email_id)
    assert email.last_error == "Not sent: its text was erased on 24 November 2026, with the personal data of its case."
    assert [type(e).__name__ for e in office.events.get(email_id)] == ["Queued", "Withheld"]


def test_an_email_about_no_case_is_sent_as_before(office: BackOffice, inbox: Inbox, smtp_profile: Any):
    recorded = office.outbox.queue_email(key="digest/2026-11-24", to=("m@dartford.gov.uk",), subject="Digest",
                                         body="Nothing is due.", purpose="digest")
    assert recorded is not None
    email = office.outbox.email(recorded.aggregate_id)
    assert email.sealed_body is None
    assert not email.is_erased
    assert deliver(office, email.id, SmtpServer.from_settings(smtp_profile.email, environ={})) is \
        EmailStatus.DELIVERED
    assert len(inbox.messages) == 1


def test_an_email_stored_before_its_text_was_sealed_still_reads(office: BackOffice):
    """A ``Queued`` event as the earlier release stored it (class version 1, no ``sealed_body``) loads with its
    text in ``body``."""
    reference = receive(office)
    email_id = queue_about(office, reference)
    [stored] = [s for s in office.recorder.select_events(email_id)]
    state = json.loads(office.mapper.cipher.decrypt(stored.state) if office.mapper.cipher else stored.state)
    del state["sealed_body"]
    state["body"] = "The text as it was stored."
    del state["class_version"]  # version 1 stored none
    old = StoredEvent(originator_id=stored.originator_id, originator_version=stored.originator_version,
                      topic=stored.topic, state=json.dumps(state).encode())
    event = office.mapper.to_domain_event(old)
    email = event.mutate(None)
    assert isinstance(email, Email)
    assert (email.body, email.sealed_body, email.is_erased) == ("The text as it was stored.", None, False)
