"""How a person would rather be contacted and their support needs (issue 14, items 1 and 3): pure rules, no
database."""

from __future__ import annotations

import pytest

from domain.errors import InvalidDetailsError
from domain.personal import ContactMethod, Person
from domain.values import LetterChannel


def test_a_person_keeps_their_preferred_contact_and_support_needs() -> None:
    person = Person("p-1", "Ann Smith", email="ann@example.org", preferred_contact=ContactMethod.EMAIL,
                    support_needs="Hearing impaired: prefers email or text.\nNo phone calls.")

    assert person.preferred_contact is ContactMethod.EMAIL
    assert person.support_needs.splitlines() == ["Hearing impaired: prefers email or text.", "No phone calls."]


def test_the_contact_methods_read_in_plain_words() -> None:
    assert [method.label for method in ContactMethod] == ["Email", "Telephone", "Letter by post"]
    assert str(ContactMethod.POST) == "Letter by post"


def test_a_person_with_no_preference_or_support_needs_is_as_before() -> None:
    person = Person("p-1", "Ann Smith")

    assert person.preferred_contact is None
    assert person.support_needs == ""


@pytest.mark.parametrize(("method", "message"), [
    (ContactMethod.EMAIL, "Give an email address, or choose another way to be contacted."),
    (ContactMethod.TELEPHONE, "Give a telephone number, or choose another way to be contacted."),
    (ContactMethod.POST, "Give an address, or choose another way to be contacted."),
])
def test_the_preferred_contact_must_match_a_detail_given(method: ContactMethod, message: str) -> None:
    with pytest.raises(InvalidDetailsError) as refused:
        Person("p-1", "Ann Smith", preferred_contact=method)

    assert str(refused.value) == message


def test_each_preferred_contact_is_accepted_with_its_detail() -> None:
    Person("p-1", "Ann", email="ann@example.org", preferred_contact=ContactMethod.EMAIL)
    Person("p-1", "Ann", phone="01322 343434", preferred_contact=ContactMethod.TELEPHONE)
    Person("p-1", "Ann", address="12 High Street", preferred_contact=ContactMethod.POST)


def test_a_preferred_contact_that_is_not_a_contact_method_is_refused() -> None:
    with pytest.raises(InvalidDetailsError):
        Person("p-1", "Ann", email="ann@example.org", preferred_contact="email")  # type: ignore[arg-type]


def test_support_needs_may_run_over_lines_but_hold_no_control_characters() -> None:
    with pytest.raises(InvalidDetailsError) as refused:
        Person("p-1", "Ann", support_needs="Uses a wheelchair\x1b[31m")

    assert "support needs or risks" in str(refused.value)


@pytest.mark.parametrize(("person", "channel"), [
    (Person("p", "A", email="a@example.org", address="1 Road", preferred_contact=ContactMethod.EMAIL),
     LetterChannel.EMAIL),
    (Person("p", "A", email="a@example.org", address="1 Road", preferred_contact=ContactMethod.POST),
     LetterChannel.POST),
    (Person("p", "A", email="a@example.org", phone="01322 343434", preferred_contact=ContactMethod.TELEPHONE),
     LetterChannel.EMAIL),
    (Person("p", "A", phone="01322 343434", address="1 Road", preferred_contact=ContactMethod.TELEPHONE),
     LetterChannel.POST),
    (Person("p", "A", email="a@example.org", address="1 Road"), LetterChannel.EMAIL),
    (Person("p", "A", address="1 Road"), LetterChannel.POST),
    (Person("p", "A"), LetterChannel.POST),
], ids=["prefers email", "prefers post", "prefers telephone, has email", "prefers telephone, no email",
        "no preference, has email", "no preference, no email", "no details"])
def test_a_letter_goes_by_the_channel_the_person_prefers(person: Person, channel: LetterChannel) -> None:
    assert LetterChannel.preferred_by(person) is channel


def test_a_letter_to_an_erased_person_goes_by_post() -> None:
    assert LetterChannel.preferred_by(Person.erased("p", None)) is LetterChannel.POST
