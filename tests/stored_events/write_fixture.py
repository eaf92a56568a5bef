"""How tests/stored_events/release-0.1.0.json.gz was made (run once, on the release it records; never again: a
later release must read the file as it is). ``python -m tests.stored_events.write_fixture DATABASE_URL``.

The demo's 43 cases, then what the demo does not write: users and their changes, API tokens, incident
corrections, strike-outs and verification, an officer assigned, a letter produced and sent, missed deadlines,
emails through every delivery status and an audit trail replaced."""

from __future__ import annotations

import base64
import gzip
import json
import sys
import uuid
from datetime import date
from pathlib import Path

from application.backoffice import BackOffice
from application.profile import load_profile
from demo.loader import ensure_demo_users, load_demo
from domain.user import Role
from domain.values import LetterChannel, LetterKind
from domain.verification import VerificationAnswer
from infrastructure.storage import open_database
from tests.application import cases
from tests.conftest import CHEAP_HASHER, TODAY

FIXTURE = Path(__file__).parent / "release-0.1.0.json.gz"


def record_everything(office: BackOffice) -> None:
    load_demo(office)
    ensure_demo_users(office)
    accounts, admin = office.accounts, "admin"
    accounts.change_roles("j.okafor", roles=[*accounts.get_account("j.okafor").roles, Role.AUDITOR],
                          reason="Review of roles", actor=admin)
    accounts.assign_agency("r.hale", agency=office.profile.relevant_bodies[0], actor=admin)
    accounts.change_password("t.brooks", password="another long passphrase", actor="t.brooks")
    accounts.end_sessions("t.brooks", actor="t.brooks")
    accounts.disable_user("t.brooks", reason="Left the partnership", actor=admin)
    accounts.enable_user("t.brooks", reason="Returned", actor=admin)
    token = accounts.issue_api_token("j.okafor", label="case import script", actor=admin)
    accounts.revoke_api_token("j.okafor", token.token_id, reason="Script retired", actor=admin)

    reference = cases.ready_for_decision(office, incidents=4)
    office.cases.assign_officer(reference, officer="j.okafor", actor="m.reid")
    office.cases.correct_incident(reference, number=1, happened_on=date(2026, 6, 3), reported_on=date(2026, 6, 4),
                                  agency="Kent Police", agency_reference="KP-3b", hate_related=False,
                                  description="", reason="Date typed wrongly", actor=cases.OFFICER)
    office.cases.strike_out_incident(reference, number=4, reason="Logged twice", actor=cases.OFFICER)
    office.cases.request_verification(reference, agency="Kent Police", requested_on=date(2026, 9, 3),
                                      actor=cases.OFFICER)
    office.cases.answer_verification(reference, number=2, agency="Kent Police", answer=VerificationAnswer.CONFIRMED,
                                     answered_on=date(2026, 9, 4), agency_reference="KP-2", actor=cases.OFFICER)
    unacknowledged = cases.receive(office)
    office.cases.produce_letter(unacknowledged, LetterKind.ACKNOWLEDGEMENT, actor=cases.OFFICER)
    office.cases.send_letter(unacknowledged, LetterKind.ACKNOWLEDGEMENT, channel=LetterChannel.POST,
                             sent_on=date(2026, 9, 4), actor=cases.OFFICER)
    office.cases.record_missed_deadlines(reference)

    outbox = office.outbox
    for n, ending in enumerate(("delivered", "failed", "uncertain", "queued")):
        recorded = outbox.queue_email(key=f"fixture-{n}", to=("officer@dartford.gov.uk",), subject="Deadline due",
                                      body="A step is due today.", purpose="digest", reference=reference)
        assert recorded is not None
        email = outbox.email_by_key(f"fixture-{n}")
        if ending == "queued":
            continue
        if ending == "failed":
            outbox.record_email_failed(email.id, error="550 mailbox unavailable")
            continue
        outbox.hand_over_email(email.id)
        if ending == "delivered":
            outbox.record_email_delivered(email.id, server_reply="250 OK")
        else:
            outbox.record_email_uncertain(email.id, reason="The process stopped during hand-over")
    office.records.record_audit_trail_replaced(differing_entries=1, first_differing_position=3, previous_head="0" * 64,
                                               actor="admin", reason="Restored from backup")


def main(url: str) -> None:
    database = open_database(url)
    schema = f"fixture_{uuid.uuid4().hex[:8]}"
    database.create_schema(schema)
    try:
        with BackOffice(load_profile(), env=database.env(schema, pool_size=1), clock=lambda: TODAY,
                        password_hasher=CHEAP_HASHER) as office:
            record_everything(office)
        with database.connect() as conn:
            rows = conn.execute(f'SELECT notification_id, originator_id, originator_version, topic, state '
                                f'FROM "{schema}".backoffice_events ORDER BY notification_id').fetchall()
    finally:
        database.drop_schema(schema)
    events = [{"originator_id": str(oid), "originator_version": version, "topic": topic,
               "state": base64.b64encode(bytes(state)).decode()} for _, oid, version, topic, state in rows]
    document = {"about": "Every event as release 0.1.0 stored it (backoffice_events rows in notification order; "
                         "state as base64 of the stored bytes), written by tests/stored_events/write_fixture.py.",
                "events": events}
    FIXTURE.write_bytes(gzip.compress(json.dumps(document, indent=0).encode(), mtime=0))
    print(f"Wrote {len(events)} events to {FIXTURE}")


if __name__ == "__main__":
    main(sys.argv[1])
