"""The relevant bodies in the profile: each with its statutory type, postal address and email; a profile that lists
them by name alone (as profiles did before) still loads; agency letters carry the agency's postal address."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from application.backoffice import BackOffice
from application.errors import ProfileError
from application.profile import DEFAULT_PROFILE_NAME, load_profile
from domain.relevant_bodies import BodyType, RelevantBody
from domain.values import LetterKind
from tests.application import cases

DEFAULT_TEXT = (Path(__file__).parents[2] / "application" / DEFAULT_PROFILE_NAME).read_text()
BODIES = re.compile(r"relevant_bodies = \[.*?\n\]", re.S)


def with_bodies(tmp_path: Path, bodies: str) -> Path:
    path = tmp_path / "profile.toml"
    path.write_text(BODIES.sub(lambda _: f"relevant_bodies = [{bodies}]", DEFAULT_TEXT, count=1))
    return path


def test_the_default_profile_types_every_relevant_body_with_an_address_and_an_email() -> None:
    profile = load_profile()

    assert [b.type for b in profile.bodies] == [BodyType.COUNCIL, BodyType.POLICE, BodyType.INTEGRATED_CARE_BOARD,
                                                BodyType.HOUSING_PROVIDER, BodyType.HOUSING_PROVIDER]
    assert all(b.address and "@" in b.email for b in profile.bodies)
    assert profile.relevant_bodies == tuple(b.name for b in profile.bodies)
    assert profile.body("Kent Police").address_lines == ["Sutton Road", "Maidstone", "ME15 9BZ"]  # type: ignore


def test_a_profile_naming_its_bodies_alone_still_loads_each_as_other_with_no_address(tmp_path: Path) -> None:
    profile = load_profile(with_bodies(tmp_path, '"Dartford Borough Council", "Kent Police"'))

    assert profile.relevant_bodies == ("Dartford Borough Council", "Kent Police")
    assert profile.bodies == (RelevantBody("Dartford Borough Council"), RelevantBody("Kent Police"))
    assert profile.bodies[0].type is BodyType.OTHER


@pytest.mark.parametrize(("bodies", "message"), [
    ('{ name = "Kent Police", type = "constabulary" }', 'Use one of: "council", "police"'),
    ('{ name = "Kent Police" }', "type"),
    ('{ name = "Kent Police", type = "police", email = "not an email" }', "email"),
    ('""', "Give the body's name."),
])
def test_a_relevant_body_with_an_unknown_type_no_type_a_bad_email_or_no_name_is_refused_at_its_key(
        tmp_path: Path, bodies: str, message: str) -> None:
    with pytest.raises(ProfileError) as refused:
        load_profile(with_bodies(tmp_path, bodies))

    assert "partnership.relevant_bodies.0" in str(refused.value)
    assert message in str(refused.value)


def test_an_agency_letter_is_addressed_to_the_agencys_postal_address(back_office: BackOffice) -> None:
    reference = cases.outcome_sent(back_office)  # a recommendation to Kent Police

    html = back_office.cases.render_letter(reference, LetterKind.AGENCY_RECOMMENDATIONS, "Kent Police").html

    assert "<address>Kent Police<br>Sutton Road<br>Maidstone<br>ME15 9BZ</address>" in html
