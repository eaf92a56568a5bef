"""The one rule for typed text, and how stored text is shown: pure functions, no database."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import InvalidDetailsError
from domain.personal import Narrative, Person
from domain.text import (
    CONTROL_MESSAGE,
    LINE_BREAK_MESSAGE,
    SURROGATE_MESSAGE,
    check_stored,
    shown,
    shown_value,
    text_problem,
)
from domain.values import Applicant, Incident, Problem
from tests.domain.aggregates import assert_refused
from tests.domain.test_application_rules import received


@pytest.mark.parametrize("character", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b", "\u2028", "\u2029",
                                       "\u202a", "\u202e", "\u2066", "\u2069"],
                         ids=["NUL", "BEL", "ESC", "DEL", "NEL", "CSI", "line separator", "paragraph separator",
                              "LRE", "RLO", "LRI", "PDI"])
def test_control_characters_are_refused_in_any_field(character: str) -> None:
    assert text_problem(f"Ann{character}Smith") == CONTROL_MESSAGE
    assert text_problem(f"Ann{character}Smith", multiline=True) == CONTROL_MESSAGE


def test_line_breaks_and_tabs_are_allowed_only_in_multi_line_text() -> None:
    for text in ("one\ntwo", "one\r\ntwo", "one\ttwo"):
        assert text_problem(text) == LINE_BREAK_MESSAGE
        assert text_problem(text, multiline=True) is None


def test_ordinary_text_in_any_script_is_allowed() -> None:
    for text in ("Ann O'Brien-Smith", "Zoë Ünal", "محمد", "李雷", "emoji 🙂", "<script>x</script>", ""):
        assert text_problem(text) is None


def test_an_unpaired_surrogate_is_refused_as_unstorable() -> None:
    assert text_problem("broken \ud83d emoji") == SURROGATE_MESSAGE


def test_shown_turns_each_refused_character_into_a_visible_escape_and_keeps_line_breaks() -> None:
    assert shown("a\x00b\x1b[2Jc\u202ed\x9be\nf\tg") == "a\\x00b\\x1b[2Jc\\u202ed\\x9be\nf\tg"
    assert shown("a\nb", multiline=False) == "a\\x0ab"
    assert shown("Plain text, unchanged.") == "Plain text, unchanged."


def test_shown_value_leaves_markup_and_numbers_and_shows_objects_by_their_text() -> None:
    class Html(str):
        def __html__(self) -> str:
            return str(self)

    assert shown_value(Html("<b>\x00</b>")) == "<b>\x00</b>"
    assert shown_value(3) == 3
    class Stored:
        def __str__(self) -> str:
            return "Loud\x00"

    assert shown_value(Stored()) == "Loud\\x00"


@pytest.mark.parametrize("make", [
    lambda: Person("p-1", "Ann\x00Smith"),
    lambda: Person("p-1", "Ann Smith", phone="0132\x1b2"),
    lambda: Person("p-1", "Ann Smith", email="ann@example.com\r\nBcc: x@example.com"),
    lambda: Person("p-1", "Ann Smith", address="12 High\x00 Street"),
    lambda: Narrative("p-1", "Loud music\x07"),
    lambda: Problem("noise\x1b", "High Street"),
    lambda: Problem("noise", "High Street", protected_characteristics=("race\x00",)),
    lambda: Incident(1, date(2026, 8, 1), date(2026, 8, 2), "Kent\u202e Police"),
    lambda: Applicant(Person("p-2", "Raj Patel"), on_behalf_of_victim=True, relationship="carer\x00",
                      victims=(Person("p-1", "Ann Smith"),)),
], ids=["name", "phone", "email with a header", "address", "narrative", "kind", "characteristic", "agency",
        "relationship"])
def test_value_objects_refuse_control_characters(make: object) -> None:
    with pytest.raises(InvalidDetailsError, match="remove the"):
        make()  # type: ignore[operator]


def test_value_objects_keep_line_breaks_where_text_runs_over_lines() -> None:
    person = Person("p-1", "Ann Smith", address="12 High Street\nDartford")
    narrative = Narrative("p-1", "Loud music.\r\n\tEvery night.")

    assert person.address.endswith("Dartford")
    assert narrative.text.endswith("night.")


def test_the_officer_of_a_case_must_be_on_one_line_without_control_characters() -> None:
    application = received()

    for officer in ("j.okafor\r\nBcc: x", "j.okafor\x00"):
        assert_refused(application, InvalidDetailsError,
                       lambda o=officer: application.assign_officer(officer=o, actor="m.reid"), "officer")


def test_check_stored_finds_refused_text_anywhere_inside_an_event() -> None:
    check_stored({"reason": "Fine.\nOn two lines.", "items": ("a", "b"), "when": date(2026, 1, 1)})

    with pytest.raises(InvalidDetailsError, match="Summary"):
        check_stored({"nested": [{"summary": "ok\x00"}]}, "the event")
