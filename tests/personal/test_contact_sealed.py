"""A person's preferred contact and support needs are kept sealed with the rest of their details (issue 14,
items 1 and 3): stored inside the sealed JSON under their own key, read back as they were given, erased with them;
a person sealed before the fields existed reads with neither."""

from __future__ import annotations

import base64
import json
from datetime import date

from application.backoffice import BackOffice
from domain.erasure import ErasureGround
from domain.personal import ContactMethod, Person
from domain.values import Applicant, Channel, Problem
from infrastructure.keys import seal, unseal
from infrastructure.sealed import Sealed
from infrastructure.transcodings import ValueObjectAsDict

NEEDS = "Hearing impaired: prefers email or text.\nNo phone calls."


def sealed_person(back_office: BackOffice) -> Sealed:
    return Sealed(Person, back_office.keys, ValueObjectAsDict(Person))


def test_the_preferred_contact_is_sealed_as_its_value_and_read_back_as_the_method(back_office: BackOffice) -> None:
    person = Person("p-sealed-1", "Ann Smith", email="ann@example.org", preferred_contact=ContactMethod.EMAIL,
                    support_needs=NEEDS)
    transcoding = sealed_person(back_office)

    stored = transcoding.encode(person)
    inside = json.loads(unseal(back_office.keys.key_for_reading("p-sealed-1") or b"",
                               base64.b64decode(stored["sealed"]), b"Personp-sealed-1"))

    assert set(stored) == {"subject", "sealed"}
    assert inside["preferred_contact"] == "email"
    assert inside["support_needs"] == NEEDS
    assert transcoding.decode(json.loads(json.dumps(stored))) == person


def test_a_person_sealed_before_the_fields_existed_reads_with_no_preference_and_no_support_needs(
        back_office: BackOffice) -> None:
    old = {"name": "Ann Smith", "address": "12 High Street", "postcode": "DA1 1AA", "phone": "", "email": "",
           "date_of_birth": "1938-03-09"}
    key = back_office.keys.key_for_writing("p-sealed-2") or b""
    stored = {"subject": "p-sealed-2",
              "sealed": base64.b64encode(seal(key, json.dumps(old).encode(), b"Personp-sealed-2")).decode()}

    person = sealed_person(back_office).decode(stored)

    assert person == Person("p-sealed-2", "Ann Smith", "12 High Street", "DA1 1AA", date_of_birth=date(1938, 3, 9))
    assert person.preferred_contact is None
    assert person.support_needs == ""


def test_a_case_keeps_the_applicants_preferred_contact_and_support_needs_until_they_are_erased(
        back_office: BackOffice) -> None:
    applicant = Person("p-case-1", "Ann Smith", address="12 High Street", phone="01322 343434",
                       preferred_contact=ContactMethod.TELEPHONE, support_needs=NEEDS)
    reference = back_office.cases.receive_application(
        channel=Channel.PHONE, received_on=date(2026, 9, 1), applicant=Applicant(applicant),
        problem=Problem("noise", "High Street, Dartford"), actor="officer").reference

    kept = back_office.cases.get_case(reference).application.applicant.person
    back_office.erasure.erase_person(reference, "p-case-1", ground=ErasureGround.ERASURE_REQUEST, actor="manager")
    erased = back_office.cases.get_case(reference).application.applicant.person

    assert (kept.preferred_contact, kept.support_needs) == (ContactMethod.TELEPHONE, NEEDS)
    assert erased.is_erased
    assert (erased.preferred_contact, erased.support_needs) == (None, "")


def test_the_history_names_the_people_but_never_prints_their_support_needs_or_preference(
        back_office: BackOffice) -> None:
    applicant = Person("p-case-2", "Ann Smith", email="ann@example.org", preferred_contact=ContactMethod.EMAIL,
                       support_needs=NEEDS)
    reference = back_office.cases.receive_application(
        channel=Channel.PHONE, received_on=date(2026, 9, 1), applicant=Applicant(applicant),
        problem=Problem("noise", "High Street, Dartford"), actor="officer").reference
    corrected = Person("p-case-2", "Ann Smith", email="ann@example.org", preferred_contact=ContactMethod.EMAIL,
                       support_needs="Uses a wheelchair.")
    back_office.privacy.correct_person(reference, corrected=corrected, reason="She told us", actor="j.okafor")

    received, correction = back_office.cases.history(reference)[0], back_office.cases.history(reference)[-1]

    assert "Ann Smith" in received.details
    for entry in (received, correction):
        assert "Hearing impaired" not in entry.details + entry.readable
        assert "wheelchair" not in entry.details + entry.readable
    assert "changed: support needs or risks" in correction.details
