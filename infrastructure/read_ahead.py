"""Reading a batch of stored events (the projector's) with the data keys they need read in one query, instead of
one query per subject as each sealed value is first met, or each case aggregate first checked for erasure.

The subjects are found in each event's deciphered JSON: a sealed value is stored as ``{"subject": …, "sealed": …}``
(``sealed.py``) or ``{"s": …, "f": …, "sealed": …}`` (``case_text.py``), and every event of a case aggregate is
checked against its case subject (``CaseTextMapper``). Finding them is only a way to read ahead: a subject missed
here is read when its value is decoded, as before, and text wrongly taken for one costs a row looked up in vain.
Nothing is decided here about what reads as erased: the transcodings still ask ``DataKeys`` for each value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from eventsourcing.persistence import Cipher, StoredEvent

from infrastructure.keys import CASE

SEALED_SUBJECT = re.compile(rb'"(?:subject|s)":"([^"\\]+)",(?:"f":"[^"\\]*",)?"sealed"')


class Deciphered:
    """A stored event with its state deciphered: what the mapper reads of one (the event cipher reads plain JSON
    as it is, so the mapper decodes it without deciphering twice)."""

    __slots__ = ("originator_id", "originator_version", "state", "topic")

    def __init__(self, stored: StoredEvent, state: bytes) -> None:
        self.originator_id, self.originator_version, self.topic = (stored.originator_id, stored.originator_version,
                                                                   stored.topic)
        self.state = state


def deciphered(stored_events: Iterable[StoredEvent], cipher: Cipher | None) -> list[Any]:
    """Each stored event with its state deciphered; one that cannot be deciphered is left as stored, so decoding
    it raises the error for that event."""
    if cipher is None:
        return list(stored_events)
    events: list[Any] = []
    for stored in stored_events:
        try:
            events.append(Deciphered(stored, cipher.decrypt(stored.state)))
        except Exception:  # decoding this event again names it and raises the error
            events.append(stored)
    return events


def subjects_named(stored_events: Iterable[Any], case_aggregates: frozenset[str]) -> set[str]:
    """The subjects whose keys the (deciphered) events need: those of their sealed values, and the case subject of
    each event of a case aggregate (``case_aggregates``, by class name)."""
    sealed: set[bytes] = set()
    cases: set[str] = set()
    for stored in stored_events:
        if stored.topic.rpartition(":")[2].partition(".")[0] in case_aggregates:
            cases.add(f"{CASE}{stored.originator_id}")
        sealed.update(SEALED_SUBJECT.findall(stored.state))
    return cases.union(subject.decode() for subject in sealed)
