"""How tests/stored_events/release-0.2.0.json.gz was made (run once, on the release it records; never again: a
later release must read the file as it is). ``python -m tests.stored_events.write_release_0_2_0 DATABASE_URL``.

Release 0.2.0 stores every event encrypted (the whole-event cipher) and every personal value sealed under its
person's data key, so the fixture holds the data keys too (``ct_data_keys`` rows, wrapped by the tests' master
key, ``tests.conftest.TEST_MASTER_KEY``), and one person erased (their key shredded: their values read as
erased, forever). It records what release 0.1.0's fixture recorded, then every kind of event 0.1.0 did not have:
rejections and their challenges, the victims' involvement and the action plan, a correction of a person's
details, a subject access request, a note, an erasure (and an email withheld with it), a review body's user
and a sign-in through the identity provider."""

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
from domain.erasure import ErasureGround
from domain.personal import Person
from domain.sign_in import ProviderIdentity
from domain.user import Role
from domain.values import LetterChannel, LetterKind, RejectionGround
from domain.victims import InvolvementLevel, MeetingFormat, ShareMethod
from infrastructure.storage import open_database
from tests.application import cases
from tests.conftest import CHEAP_HASHER, TODAY
from tests.stored_events.write_fixture import record_everything

FIXTURE = Path(__file__).parent / "release-0.2.0.json.gz"
OFFICER = cases.OFFICER


def record_what_0_1_0_did_not(office: BackOffice) -> None:
    """Each kind of event release 0.2.0 added (see the module's docstring)."""
    rejected = cases.receive(office)
    office.cases.reject_application(rejected, rejected_on=date(2026, 9, 4), ground=RejectionGround.CONSENT_REFUSED,
                                    reason="The victim does not agree to the application.", actor=OFFICER)
    office.cases.send_letter(rejected, LetterKind.REJECTION, channel=LetterChannel.POST, sent_on=date(2026, 9, 7),
                             actor=OFFICER)
    office.cases.lodge_challenge(rejected, lodged_on=date(2026, 9, 10), grounds="She agrees now.", actor=OFFICER)
    office.cases.uphold_challenge(rejected, decided_on=date(2026, 9, 20), reason="Consent given on 9 September.",
                                  actor="m.reid")
    dismissed = cases.receive(office)
    office.cases.reject_application(dismissed, rejected_on=date(2026, 9, 4), ground=RejectionGround.CONSENT_REFUSED,
                                    reason="The victim does not agree.", actor=OFFICER)
    office.cases.send_letter(dismissed, LetterKind.REJECTION, channel=LetterChannel.EMAIL, sent_on=date(2026, 9, 7),
                             actor=OFFICER)
    office.cases.lodge_challenge(dismissed, lodged_on=date(2026, 9, 10), grounds="I disagree.", actor=OFFICER)
    office.cases.dismiss_challenge(dismissed, decided_on=date(2026, 9, 24), reason="She still refuses.",
                                   actor="m.reid")

    reviewed = cases.panel_scheduled(office)
    office.cases.choose_involvement(reviewed, level=InvolvementLevel.ATTEND_MEETING, chosen_on=date(2026, 9, 15),
                                    actor=OFFICER)
    not_invited = cases.panel_scheduled(office)
    office.cases.decide_not_to_invite_victim(not_invited, decided_on=date(2026, 9, 15),
                                             reason="She asked to be kept informed by letter.", actor=OFFICER)
    office.cases.invite_victim(reviewed, invited_on=date(2026, 9, 15), method="letter", format=MeetingFormat.VIRTUAL,
                               actor=OFFICER)
    office.cases.hold_panel(reviewed, held_on=date(2026, 10, 5), attendees=("Dr Jane Holt",), victim_attended=True,
                            findings="Reports were not linked.", actor=OFFICER)
    office.cases.draft_action_plan(reviewed, drafted_on=date(2026, 10, 6), plan="Patrols; a noise diary.",
                                   actor=OFFICER)
    office.cases.share_action_plan(reviewed, shared_on=date(2026, 10, 7), how=ShareMethod.EMAIL, actor=OFFICER)
    office.cases.record_action_plan_response(reviewed, responded_on=date(2026, 10, 9),
                                             response="Please add CCTV on the stairs.", actor=OFFICER)
    office.cases.finalise_action_plan(reviewed, finalised_on=date(2026, 10, 12), actor=OFFICER)
    office.cases.add_note(reviewed, text="Rang Ms Smith to explain the plan.", actor=OFFICER)

    corrected = office.cases.get_case(reviewed).application.applicant.person
    office.privacy.correct_person(reviewed, corrected=Person(corrected.subject, corrected.name,
                                                             address="14 High Street, Dartford"),
                                  reason="She moved next door.", actor=OFFICER)
    request = office.privacy.receive_subject_access_request(person=Person("sar-1", "Ann Smith"),
                                                            received_on=date(2026, 10, 20), actor=OFFICER)
    office.privacy.confirm_records(request.aggregate_id, subjects=(corrected.subject,), actor=OFFICER)
    office.privacy.answer_subject_access_request(request.aggregate_id, answered_on=date(2026, 11, 2), actor=OFFICER)

    erased = cases.receive(office)
    office.outbox.queue_email(key="fixture-erased", to=("officer@dartford.gov.uk",), subject=f"{erased}: a step is due",
                              body="Ms Smith's acknowledgement is due.", purpose="digest", reference=erased)
    office.erasure.erase_case(erased, ground=ErasureGround.RETENTION_ENDED, actor="m.reid")
    office.outbox.withhold_email(office.outbox.email_by_key("fixture-erased").id)

    office.accounts.register_user("pcc.office", display_name="Office of the Police and Crime Commissioner",
                                  email="pcc@example.gov.uk", roles=[Role.REVIEW_BODY],
                                  password="a long enough passphrase", actor="admin")
    office.accounts.assign_review_body("pcc.office", body=office.profile.routes.decision.body, actor="admin")

    office.accounts.sign_in_from_provider(ProviderIdentity(
        "https://login.example.org/tenant/v2.0", "subject-1", "jo.okafor", "Jo Okafor", "jo.okafor@council.gov.uk",
        frozenset({Role.OFFICER})))


def main(url: str) -> None:
    database = open_database(url)
    schema = f"fixture_{uuid.uuid4().hex[:8]}"
    database.create_schema(schema)
    try:
        with BackOffice(load_profile(), env=database.env(schema, pool_size=1), clock=lambda: TODAY,
                        password_hasher=CHEAP_HASHER) as office:
            record_everything(office)
            record_what_0_1_0_did_not(office)
        with database.connect() as conn:
            rows = conn.execute(f'SELECT notification_id, originator_id, originator_version, topic, state '
                                f'FROM "{schema}".backoffice_events ORDER BY notification_id').fetchall()
            keys = conn.execute(f'SELECT subject, wrapped, created_on, shredded_on FROM "{schema}".ct_data_keys '
                                'ORDER BY subject').fetchall()
    finally:
        database.drop_schema(schema)
    events = [{"originator_id": str(oid), "originator_version": version, "topic": topic,
               "state": base64.b64encode(bytes(state)).decode()} for _, oid, version, topic, state in rows]
    data_keys = [{"subject": subject, "wrapped": base64.b64encode(bytes(wrapped)).decode() if wrapped else None,
                  "created_on": str(created), "shredded_on": str(shredded) if shredded else None}
                 for subject, wrapped, created, shredded in keys]
    document = {"about": "Every event as release 0.2.0 stored it (backoffice_events rows in notification order; state "
                         "as base64 of the stored bytes, encrypted), and its data keys (ct_data_keys rows, wrapped "
                         "by tests.conftest.TEST_MASTER_KEY), written by tests/stored_events/write_release_0_2_0.py.",
                "events": events, "data_keys": data_keys}
    FIXTURE.write_bytes(gzip.compress(json.dumps(document, indent=0).encode(), mtime=0))
    print(f"Wrote {len(events)} events and {len(data_keys)} data keys to {FIXTURE}")


if __name__ == "__main__":
    main(sys.argv[1])
