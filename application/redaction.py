"""What a subject access export may show of a case: the requester's own personal data, and the case's own
facts, with every other person's personal data withheld (UK GDPR Art 15(4): the right to a copy must not
adversely affect the rights of others; DPA 2018 Sch 2 para 16).

* A ``Person`` whose ``subject`` is not one of the requester's confirmed records is withheld whole.
* A ``Narrative`` (free text written by or about a person) under another person's subject is withheld whole:
  it may say who that person is or what they told the partnership (unless its text is only the requester's
  name, as when an applicant records that the victim gave consent).
* A name the case's records hold outside a ``Person`` (``NAMING_FIELDS``: a neighbour who reported an incident,
  the panel's chair, members and attendees) is withheld unless it is the requester's own name.
* Any other text (officers' reasons, locations, who a consent was given by) is kept, with every other person's
  name, surname, address, postcode, telephone number and email in the case, and every other name its records
  hold, replaced by ``WITHHELD``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Iterable
from datetime import date, datetime
from enum import Enum
from typing import Any

from domain.periods import long_date
from domain.personal import NAMING_FIELDS, Narrative, Person, normal_name
from domain.rectification import DETAIL_WORDS
from domain.values import Applicant

WITHHELD = "[withheld: another person's information]"
HIDDEN = {"originator_id", "originator_version", "timestamp", "originator_topic", "application_id", "actor",
          "password", "token_hash"}


def person_details(person: Person) -> dict[str, str]:
    """A person's details as the export shows them (the empty ones left out)."""
    shown = {words: _plain(getattr(person, name)) for name, words in DETAIL_WORDS.items()}
    return {words: value for words, value in shown.items() if value}


class Redactor:
    """Redacts the values of one case for a requester whose records are ``mine`` (subjects), given the people
    recorded in that case (``others``) and the names its records hold outside them (``named``)."""

    def __init__(self, mine: Collection[str], others: Iterable[Person], named: Iterable[str] = (),
                 own: Iterable[str] = ()) -> None:
        """``own``: the requester's names among ``named`` (when the records name them: a neighbour who reported)."""
        others = tuple(others)
        self.mine = frozenset(mine)
        self.withheld = 0
        identifiers: set[str] = set()
        for person in others:
            if person.subject in self.mine:
                continue
            identifiers |= {person.name, person.address, person.postcode, person.phone, person.email}
            identifiers |= {part for part in re.split(r"[\s,]+", person.name) if len(part) >= 3}
            identifiers.add(person.address.split(",")[0].split("\n")[0])  # the house and street, not the town
        self.names = {normal_name(p.name) for p in others if p.subject in self.mine} | {normal_name(n) for n in own}
        self.named = {normal_name(name) for name in named} - self.names  # other people its records name
        identifiers |= {name for name in named if normal_name(name) in self.named}  # whole: "PC Lee, Kent Police"
        identifiers = {i.strip() for i in identifiers if i and len(i.strip()) >= 3}
        self.pattern = (re.compile("|".join(re.escape(i) for i in sorted(identifiers, key=len, reverse=True)),
                                   re.IGNORECASE) if identifiers else None)

    def scrub(self, text: str) -> str:
        if not self.pattern or not text:
            return text
        scrubbed, count = self.pattern.subn(WITHHELD, text)
        self.withheld += count
        return scrubbed

    def name(self, value: Any) -> Any:
        """A field that names a person (``NAMING_FIELDS``): withheld when it is another person the case's records
        name; the requester's own name, a code ("applicant") or an organisation (a panel member "Kent Police")
        is kept."""
        if isinstance(value, (tuple, list)):
            return [self.name(item) for item in value]
        if isinstance(value, str) and normal_name(value) in self.named:
            self.withheld += 1
            return WITHHELD
        return self.value(value)

    def value(self, value: Any) -> Any:
        """``value`` as plain JSON-ready data (str, bool, int, list, dict), redacted."""
        match value:
            case Person():
                if value.subject in self.mine:
                    return person_details(value)
                self.withheld += 1
                return WITHHELD
            case Narrative():
                if value.subject in self.mine or normal_name(value.text) in self.names:
                    return value.text  # theirs, or only their name (who gave a consent, say)
                self.withheld += 1
                return WITHHELD
            case Applicant() if value.person.subject not in self.mine and value.relationship:
                self.withheld += 1  # the applicant's relationship to the victim says who the applicant is
                return self.fields(value) | {"relationship": WITHHELD}
            case bool() | int() | float() | None:
                return value
            case date() | datetime():
                return _plain(value)
            case Enum():
                return str(value.value).replace("_", " ")
            case str():
                return self.scrub(value)
            case tuple() | list() | frozenset() | set():
                return [self.value(v) for v in value]
            case dict():
                return {self.scrub(str(k)): self.value(v) for k, v in value.items()}
            case _ if dataclasses.is_dataclass(value):
                return self.fields(value)
            case _:
                return self.scrub(str(value))

    def fields(self, obj: Any) -> dict[str, Any]:
        """A dataclass (an event or a value object) as words and redacted values, its empty fields left out."""
        found = {}
        for f in dataclasses.fields(obj):
            raw = getattr(obj, f.name, None)
            if f.name in HIDDEN or raw in (None, "", (), []):
                continue
            found[f.name.replace("_", " ")] = self.name(raw) if f.name in NAMING_FIELDS else self.value(raw)
        return found


def _plain(value: Any) -> str:
    match value:
        case datetime():
            return value.isoformat(timespec="seconds")
        case date():
            return long_date(value)
        case None:
            return ""
        case _:
            return str(value)


def words(name: str) -> str:
    """'IncidentLogged' -> 'Incident logged'."""
    spaced = re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()
    return spaced[:1].upper() + spaced[1:]
