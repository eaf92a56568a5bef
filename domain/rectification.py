"""Rectification (UK GDPR Art 16): putting right a person's details in a case, as a recorded correction.

The correction event (``Application.PersonCorrected``) holds the corrected ``Person`` (the same ``subject``, so
the same key encrypts and erases it), the names of the details that changed, who made it and why. It does not
repeat the old values: they stay only in the event that first recorded them, which the append-only store keeps
(and erasure by the person's key removes with everything else about them). Every view shows the details as
corrected; the history shows that they were corrected, which details, by whom and why. docs/SUBJECT-ACCESS.md
says why.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

from domain.errors import AlreadyRecordedError, InvalidDetailsError, UnknownItemError
from domain.personal import Person
from domain.text import check_text
from domain.values import Applicant, require_text

DETAIL_WORDS = {"name": "name", "address": "address", "postcode": "postcode", "phone": "telephone number",
                "email": "email address", "date_of_birth": "date of birth",
                "preferred_contact": "preferred contact method", "support_needs": "support needs or risks"}


def people_of(applicant: Applicant) -> tuple[Person, ...]:
    """The applicant and the victims they act for, each once."""
    seen: dict[str, Person] = {}
    for person in (applicant.person, *applicant.victims):
        seen.setdefault(person.subject, person)
    return tuple(seen.values())


def changed_details(before: Person, after: Person) -> tuple[str, ...]:
    return tuple(DETAIL_WORDS[f.name] for f in fields(Person)
                 if f.name in DETAIL_WORDS and getattr(before, f.name) != getattr(after, f.name))


def with_person(applicant: Applicant, corrected: Person) -> Applicant:
    """``applicant`` with every record of ``corrected.subject`` replaced by ``corrected``."""
    person = corrected if applicant.person.subject == corrected.subject else applicant.person
    victims = tuple(corrected if v.subject == corrected.subject else v for v in applicant.victims)
    return replace(applicant, person=person, victims=victims)


def correct_person(application: Any, *, corrected: Person, reason: str, actor: str) -> tuple[str, ...]:
    """The check for ``Application.correct_person``; records the correction through ``_correct_person``."""
    current = {p.subject: p for p in people_of(application.applicant)}.get(corrected.subject)
    if current is None:
        raise UnknownItemError(f"{application.reference} has no person with that record; choose the applicant or a "
                               "victim of this case.")
    require_text(reason, "why the details are corrected (what the person said was wrong)")
    check_text(reason, "why the details are corrected", multiline=True)
    if not corrected.name.strip():
        raise InvalidDetailsError("Enter the person's name.")
    changed = changed_details(current, corrected)
    if not changed:
        raise AlreadyRecordedError(f"{current.name}'s details already stand as entered; change what was wrong.")
    application._correct_person(corrected=corrected, changed=changed, reason=reason.strip(), actor=actor)
    return changed
