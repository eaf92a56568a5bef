"""How a person's name is compared (``normal_name``) and which fields hold a name as typed (``NAMING_FIELDS``):
the one home that sealing, erasure and subject access all ask. Without a database."""

from __future__ import annotations

import dataclasses
import inspect

import domain.application
import domain.case_review
import domain.values
from domain.personal import NAMING_FIELDS, normal_name
from tests.domain.test_case_review_rules import scheduled


def test_a_name_typed_with_odd_spacing_or_case_compares_equal() -> None:
    assert normal_name("  Dr   Jane\tHOLT \n") == normal_name("dr jane holt") == "dr jane holt"


def test_case_folding_goes_beyond_lower_case() -> None:
    assert normal_name("Groß") == normal_name("GROSS")


def test_different_names_stay_different() -> None:
    assert normal_name("Jane Holt") != normal_name("Jane Holte")
    assert normal_name("") == ""


def _fields_of(module: object) -> set[str]:
    """Every parameter of an event (its ``__init__``) and every dataclass field defined in ``module``."""
    names: set[str] = set()
    for _, kind in inspect.getmembers(module, inspect.isclass):
        if dataclasses.is_dataclass(kind):
            names |= {f.name for f in dataclasses.fields(kind)}
        for _, nested in inspect.getmembers(kind, inspect.isclass):
            if nested.__module__ == kind.__module__:
                names |= set(inspect.signature(nested.__init__).parameters)
    return names


def test_every_naming_field_is_a_field_the_case_records_hold() -> None:
    """A field renamed in the aggregates but not here would stop being sealed under its person's own key (events
    and values are sealed field by field, snapshots by the aggregate's attributes)."""
    held = (_fields_of(domain.application) | _fields_of(domain.case_review) | _fields_of(domain.values)
            | set(vars(scheduled())))

    assert not NAMING_FIELDS - held, f"not held by any event or value: {sorted(NAMING_FIELDS - held)}"
