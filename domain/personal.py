"""Personal data lives only in these value objects.

Names, contact details, how each would rather be contacted, their support needs or risks, dates of birth and
free text about people are kept apart from the rest of each event, so that they are encrypted per person
(crypto-shredding) and erased after the retention period without rewriting the history around them. Each carries the
``subject`` it belongs to: the key under which it is encrypted and erased (infrastructure/keys.py).

Once a subject's key is deleted (erasure), their values read back as ``Person.erased`` / ``Narrative.erased``:
the subject kept, every detail gone, and the words "Erased on <date>" where the name or text was, so every
page, letter, pack and export shows that in its place and no reader fails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import TypeVar

from domain.errors import InvalidDetailsError
from domain.text import check_text

T = TypeVar("T")


def erased_words(on: date | None) -> str:
    return f"Erased on {on.day} {on:%B %Y}" if on else "Erased"


_ERASED_WORDS = re.compile(r"Erased( on \d{1,2} [A-Z][a-z]+ \d{4})?")


def normal_name(name: str) -> str:
    """A name as it is compared: spaces collapsed, case folded ("PC  Lee" is "pc lee")."""
    return " ".join(name.split()).casefold()


def reads_erased(text: str) -> bool:
    """Whether ``text`` is what an erased value reads (``erased_words``): a case's own free text, once its key is
    deleted, is a plain ``str`` saying so, with no subject to ask."""
    return bool(_ERASED_WORDS.fullmatch(text))


class ContactMethod(Enum):
    """How a person would rather be contacted about the case (their own choice, recorded with their details)."""

    EMAIL = "email"
    TELEPHONE = "telephone"
    POST = "post"

    @property
    def label(self) -> str:
        return CONTACT_LABELS[self]

    def __str__(self) -> str:
        return self.label


CONTACT_LABELS = {ContactMethod.EMAIL: "Email", ContactMethod.TELEPHONE: "Telephone",
                  ContactMethod.POST: "Letter by post"}
CONTACT_NEEDS = {ContactMethod.EMAIL: ("email", "Give an email address, or choose another way to be contacted."),
                 ContactMethod.TELEPHONE: ("phone", "Give a telephone number, or choose another way to be contacted."),
                 ContactMethod.POST: ("address", "Give an address, or choose another way to be contacted.")}


def contact_problem(method: ContactMethod | None, *, email: str = "", phone: str = "", address: str = "") -> str | None:
    """What is missing for ``method`` to be used (the detail it needs), in words, or None when it can be."""
    if method is None:
        return None
    detail, message = CONTACT_NEEDS[method]
    given = {"email": email, "phone": phone, "address": address}[detail]
    return None if given and given.strip() else message


@dataclass(frozen=True)
class Person:
    subject: str  # a stable pseudonymous id for the person (key for encryption and erasure)
    name: str
    address: str = ""
    postcode: str = ""
    phone: str = ""
    email: str = ""
    date_of_birth: date | None = None
    preferred_contact: ContactMethod | None = None  # how they would rather be contacted, if they said
    support_needs: str = ""  # vulnerabilities, risks, support needs or adjustments, in their or an officer's words

    @classmethod
    def erased(cls, subject: str, on: date | None) -> Person:
        return _marked(cls(subject=subject, name=erased_words(on)), on)

    @property
    def erased_on(self) -> date | None:
        """The date the person's key was deleted, when this was read back after that (else None)."""
        return self.__dict__.get("_erased_on")

    @property
    def is_erased(self) -> bool:
        return "_erased_on" in self.__dict__

    def __post_init__(self) -> None:
        if not self.name or not self.name.strip():
            raise InvalidDetailsError("Enter the person's name.")
        for what, value in (("the person's name", self.name), ("the postcode", self.postcode),
                            ("the telephone number", self.phone), ("the email address", self.email)):
            check_text(value, what)
        check_text(self.address, "the address", multiline=True)
        check_text(self.support_needs, "the support needs or risks", multiline=True)
        if self.preferred_contact is not None and not isinstance(self.preferred_contact, ContactMethod):
            raise InvalidDetailsError("Choose how the person would rather be contacted: email, telephone or post.")
        problem = contact_problem(self.preferred_contact, email=self.email, phone=self.phone, address=self.address)
        if problem:
            raise InvalidDetailsError(problem)

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Narrative:
    """Free text written by or about a person (descriptions, statements, grounds)."""

    subject: str
    text: str

    @classmethod
    def erased(cls, subject: str, on: date | None) -> Narrative:
        return _marked(cls(subject=subject, text=erased_words(on)), on)

    @property
    def erased_on(self) -> date | None:
        return self.__dict__.get("_erased_on")

    @property
    def is_erased(self) -> bool:
        return "_erased_on" in self.__dict__

    def __post_init__(self) -> None:
        check_text(self.text, "the text", multiline=True)

    def __str__(self) -> str:
        return self.text


def _marked(value: T, on: date | None) -> T:
    """The value marked as read back after its subject's key was deleted (not a field: the value's shape, its
    equality and what is stored for it stay as they were)."""
    object.__setattr__(value, "_erased_on", on)
    return value


NAMING_FIELDS = frozenset({"reported_by", "chair", "members", "panel_members", "attendees", "panel"})
"""Fields of events, snapshots and values that hold a person's name as typed, outside a ``Person``: who reported
an incident (``Incident.reported_by``; ``"applicant"`` is a code), the panel's chair, members and attendees, the
secondary review's chair and panel. Each name is sealed under a key of that person (infrastructure/case_text.py),
can be erased alone (application/named_people.py) and is withheld from anyone else's subject access copy
(application/redaction.py)."""

PERSONAL_TYPES: tuple[type, ...] = (Person, Narrative)
PERSONAL_ENUMS: tuple[type[Enum], ...] = (ContactMethod,)
