"""The profile's ``[sign_in]`` section: which groups give which roles, checked when the profile loads."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from application.errors import ProfileError
from application.profile import DEFAULT_PROFILE_NAME, load_profile
from domain.sign_in import RoleMapping
from domain.user import Role

DEFAULT_TEXT = resources.files("application").joinpath(DEFAULT_PROFILE_NAME).read_text("utf-8")
GROUPS = '"community-trigger-officers" = ["officer"]'


def test_the_shipped_profile_maps_a_group_to_each_role():
    mapping = load_profile().sign_in

    assert mapping.groups_claim == "groups"
    assert mapping.groups["community-trigger-managers"] == {Role.MANAGER, Role.OFFICER}
    assert {role for roles in mapping.groups.values() for role in roles} == set(Role)


def test_a_profile_without_sign_in_maps_no_group(tmp_path: Path):
    path = tmp_path / "profile.toml"
    path.write_text(DEFAULT_TEXT[:DEFAULT_TEXT.index("[sign_in]")])

    assert load_profile(path).sign_in == RoleMapping()


def test_entra_app_roles_can_be_mapped_instead_of_groups(tmp_path: Path):
    path = tmp_path / "profile.toml"
    path.write_text(DEFAULT_TEXT.replace('groups_claim = "groups"', 'groups_claim = "roles"').replace(
        GROUPS, '"CommunityTrigger.Officer" = ["officer"]'))

    mapping = load_profile(path).sign_in

    assert mapping.roles_for({"roles": ["CommunityTrigger.Officer"]}) == {Role.OFFICER}


@pytest.mark.parametrize(("change", "expected"), [
    ((GROUPS, '"community-trigger-officers" = ["officr"]'),
     "sign_in.groups.community-trigger-officers.value.0: 'officr' is not a role; use one of officer, manager"),
    ((GROUPS, '"community-trigger-officers" = []'),
     "sign_in.groups.community-trigger-officers.value: Give the group at least one role."),
    (('groups_claim = "groups"', 'group_claim = "groups"'), "sign_in.group_claim: Unknown field."),
], ids=["a misspelt role", "a group with no role", "a misspelt key"])
def test_a_mistake_in_the_sign_in_section_is_refused_with_the_key(tmp_path: Path, change: tuple[str, str],
                                                                  expected: str):
    assert change[0] in DEFAULT_TEXT
    path = tmp_path / "profile.toml"
    path.write_text(DEFAULT_TEXT.replace(change[0], change[1], 1))

    with pytest.raises(ProfileError) as raised:
        load_profile(path)

    assert expected in str(raised.value)
