"""A copy of an aggregate as it stands, which later changes to the aggregate do not reach: what a single
replay keeps at each decision (``CaseArchive.decisions``) instead of replaying the case again for each one.

Only what can change in place is copied: lists, dicts and sets, and dataclasses that are not frozen (a
recommendation's responses are appended to). Values that cannot change (text, numbers, dates, enums, frozen
dataclasses, tuples of them) are shared, which is what makes it cheap on a long case: its hundreds of
incidents are frozen, so keeping the state before a decision copies one list of references.
"""

from __future__ import annotations

import copy
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import TypeVar
from uuid import UUID

T = TypeVar("T")

_ATOMS = (str, int, float, bool, bytes, type(None), date, datetime, Decimal, UUID)


@cache
def _unchanging(kind: type) -> bool:
    """Whether values of ``kind`` never change once made (a frozen dataclass is taken as such throughout)."""
    if issubclass(kind, _ATOMS) or issubclass(kind, Enum):
        return True
    params = getattr(kind, "__dataclass_params__", None)
    return bool(params is not None and params.frozen)


def kept(value: T) -> T:
    """``value`` as it stands now (see the module's docstring)."""
    kind = type(value)
    if _unchanging(kind):
        return value
    if kind is list:
        if all(_unchanging(type(v)) for v in value):  # type: ignore[attr-defined]
            return list(value)  # type: ignore[arg-type,return-value]
        return [kept(v) for v in value]  # type: ignore[attr-defined,return-value]
    if kind is tuple:
        return value if all(_unchanging(type(v)) for v in value) else tuple(kept(v) for v in value)  # type: ignore[attr-defined,return-value]
    if kind is dict:
        return {k: kept(v) for k, v in value.items()}  # type: ignore[attr-defined,return-value]
    if kind in (set, frozenset):
        return kind(kept(v) for v in value)  # type: ignore[call-arg,attr-defined,return-value]
    copied = copy.copy(value)
    state = getattr(copied, "__dict__", None)
    if state is not None:  # an aggregate, a mutable dataclass or another object: its attributes, each kept
        for name, attribute in state.items():
            if not _unchanging(type(attribute)):
                state[name] = kept(attribute)
    return copied

