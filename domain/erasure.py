"""Erasure of personal data (UK GDPR Art. 5(1)(e) storage limitation, Art. 17 right to erasure; DPA 2018 s.47
for law-enforcement processing): what grounds an erasure may have, and what is recorded about one.

An erasure records who, when, on what ground, and the pseudonymous subjects whose keys were deleted; it holds
no personal data itself. The events around it are never rewritten (docs/PERSONAL-DATA.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.user import Role
from domain.words import Worded


class ErasureGround(Worded):
    RETENTION_ENDED = "the retention period ended (UK GDPR Article 5(1)(e))"
    ERASURE_REQUEST = "the person asked for erasure and it applies (UK GDPR Article 17)"
    NO_LAWFUL_BASIS = "there is no longer a lawful basis to keep it"
    WRONGLY_RECORDED = "it was recorded against the wrong person or case"


@dataclass(frozen=True)
class Erasure:
    subjects: tuple[str, ...]  # pseudonymous ids of the people erased, and of the case's own keys (never any details)
    ground: ErasureGround
    erased_on: date
    actor: str
    whole_case: bool


ERASURE_TYPES: tuple[type, ...] = (Erasure,)
ERASURE_ENUMS: tuple[type, ...] = (ErasureGround,)

# Who may erase a case's personal data: a manager (it cannot be undone).
ERASERS = frozenset({Role.MANAGER})
