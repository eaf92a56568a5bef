"""BackOffice is one event-sourced core and four groups of use cases that share it."""

from __future__ import annotations

import pytest

from application.backoffice import COLLABORATORS, BackOffice
from application.core import BackOfficeCore
from tests.application import cases


def public_methods(cls: type) -> set[str]:
    return {name for name in dir(cls) if not name.startswith("_") and callable(getattr(cls, name))}


def test_every_use_case_is_in_exactly_one_group_and_none_hides_the_core():
    core = set(dir(BackOfficeCore))
    seen: dict[str, str] = {}
    for group, cls in COLLABORATORS.items():
        for name in public_methods(cls) - core:
            assert name not in seen, f"{name} is in both {seen[name]} and {group}"
            seen[name] = group
    assert {"receive_application", "get_case", "history"} <= {n for n, g in seen.items() if g == "cases"}
    assert {"register_user", "verify_api_token"} <= {n for n, g in seen.items() if g == "accounts"}
    assert seen["queue_email"] == "outbox"
    assert seen["record_audit_trail_replaced"] == "records"


def test_the_groups_share_one_core_so_what_one_records_the_others_and_the_core_see(back_office: BackOffice):
    before = back_office.event_count()
    reference = cases.receive(back_office)

    assert back_office.cases.core is back_office.accounts.core is back_office.outbox.core is back_office
    assert back_office.event_count() > before
    assert back_office.cases.get_case(reference).reference == reference
    assert back_office.cases.today() == back_office.today()


@pytest.mark.parametrize(("name", "found"), [("get_case", "back_office.cases.get_case"),
                                              ("verify_sign_in", "back_office.accounts.verify_sign_in")])
def test_a_use_case_asked_of_the_back_office_itself_names_the_group_it_is_in(back_office: BackOffice, name: str,
                                                                            found: str):
    with pytest.raises(AttributeError, match=found.replace(".", r"\.")):
        getattr(back_office, name)

    with pytest.raises(AttributeError, match="no attribute 'no_such_thing'"):
        getattr(back_office, "no" + "_such_thing")
