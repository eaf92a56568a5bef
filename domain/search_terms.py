"""What a case can be found by: the rule of which of its details are searchable.

An officer finds a case by its reference, any person's name, address or postcode, or an agency's own
reference for one of its incidents. The details themselves are personal data: the read side never keeps
them, only keyed hashes of their words (``infrastructure.blind_index``), so a search matches words
exactly (case and accents aside), never parts of words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

from domain.application import Application
from domain.personal import Person, reads_erased

_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The words of ``text``, folded for matching: lower case, accents and punctuation dropped, and each
    run of letters or digits one word ("O'Neill" gives "o" and "neill", plus "oneill" from ``compact``)."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return _WORD.findall(plain)


def compact(text: str) -> str:
    """The whole text as one word: "SW1A 1AA" and "sw1a1aa" are the same postcode, "PC/123-45" one reference."""
    return "".join(words(text))


def terms_of(text: str) -> set[str]:
    """The searchable terms of one detail: each of its words, and the detail written as one word."""
    found = set(words(text))
    if len(found) > 1:
        found.add(compact(text))
    return found


def query_terms(query: str) -> list[set[str]]:
    """What a search asks for: each word must match (in any detail of the case). A word may also be part of
    a detail written as one word (a postcode typed without its space matches its compact form)."""
    return [{word} for word in dict.fromkeys(words(query))]


def _people(application: Application) -> Iterator[Person]:
    applicant = application.applicant
    yield applicant.person
    yield from applicant.victims


def searchable_details(application: Application) -> Iterable[str]:
    """The case's details an officer may search by: people's names, addresses and postcodes, and the agencies'
    references for its incidents (as logged, and as an agency gave them when it answered a verification)."""
    for person in _people(application):
        if not person.is_erased:  # an erased person is no longer searchable
            yield from (person.name, person.address, person.postcode)
    for incident in application.incidents:  # an erased case's references read "Erased on …": not searchable
        if incident.agency_reference and not reads_erased(incident.agency_reference):
            yield incident.agency_reference
    for answer in application.verification_answers:
        if answer.agency_reference and not reads_erased(answer.agency_reference):
            yield answer.agency_reference


def searchable_terms(application: Application) -> set[str]:
    found: set[str] = set()
    for detail in searchable_details(application):
        if isinstance(detail, str) and detail:
            found |= terms_of(detail)
    return found
