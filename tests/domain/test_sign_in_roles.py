"""The profile's mapping from the identity provider's groups (or app roles) to the product's roles, and who a
person is here: pure rules, no provider and no database."""

from __future__ import annotations

from typing import Any

import pytest

from domain.sign_in import RoleMapping, UnknownGroupError, UnusableIdentityError, identity_from_claims, mapping_from
from domain.user import Role

ISSUER = "https://login.microsoftonline.com/tenant/v2.0"
MAPPING = mapping_from("your council account", "groups", "preferred_username", {
    "csu-officers": [Role.OFFICER],
    "csu-managers": [Role.MANAGER, Role.OFFICER],
    "auditors": [Role.AUDITOR],
})


def claims(**more: Any) -> dict[str, Any]:
    return {"sub": "subject-1", "preferred_username": "Jo.Okafor@council.gov.uk", "name": "Jo Okafor",
            "email": "jo.okafor@council.gov.uk", "groups": ["csu-officers"], **more}


def test_each_mapped_group_adds_its_roles_and_unmapped_groups_add_none():
    assert MAPPING.roles_for(claims(groups=["csu-managers", "auditors", "canteen"])) == frozenset(
        {Role.MANAGER, Role.OFFICER, Role.AUDITOR})


@pytest.mark.parametrize("groups", [["canteen"], [], None, "canteen", [42]],
                         ids=["only unmapped", "empty", "no claim", "a single unmapped value", "not text"])
def test_someone_in_no_mapped_group_is_refused_with_a_plain_message(groups: Any):
    given = claims(groups=groups) if groups is not None else {k: v for k, v in claims().items() if k != "groups"}

    with pytest.raises(UnknownGroupError) as refused:
        MAPPING.roles_for(given)

    assert "not in a group that gives access" in str(refused.value)
    assert "no account was made" in str(refused.value)


def test_app_roles_are_read_from_the_claim_the_profile_names():
    app_roles = mapping_from("x", "roles", "preferred_username", {"CommunityTrigger.Manager": [Role.MANAGER]})

    assert app_roles.roles_for({"roles": ["CommunityTrigger.Manager"], "groups": ["csu-officers"]}) == {Role.MANAGER}


def test_a_single_group_given_as_text_counts():
    assert MAPPING.roles_for(claims(groups="auditors")) == {Role.AUDITOR}


def test_the_identity_has_the_username_before_the_at_lower_cased_and_the_subject_not_a_token():
    identity = identity_from_claims(claims(), ISSUER, MAPPING)

    assert (identity.issuer, identity.subject, identity.username) == (ISSUER, "subject-1", "jo.okafor")
    assert (identity.display_name, identity.email, identity.roles) == (
        "Jo Okafor", "jo.okafor@council.gov.uk", frozenset({Role.OFFICER}))


def test_without_an_email_claim_the_user_principal_name_is_the_address():
    given = {k: v for k, v in claims().items() if k != "email"}

    assert identity_from_claims(given, ISSUER, MAPPING).email == "Jo.Okafor@council.gov.uk"


@pytest.mark.parametrize(("change", "words"), [
    ({"preferred_username": None}, "did not say who you are"),
    ({"sub": ""}, "did not say who you are"),
    ({"preferred_username": "Jo Okafor@council.gov.uk"}, "cannot be used as a username"),
    ({"preferred_username": "jo", "email": None}, "did not give your email address"),
], ids=["no username claim", "no subject", "a space in the name", "no email at all"])
def test_an_identity_the_back_office_cannot_use_is_refused_with_what_is_missing(change: dict[str, Any], words: str):
    given = {k: v for k, v in {**claims(), **change}.items() if v is not None}

    with pytest.raises(UnusableIdentityError) as refused:
        identity_from_claims(given, ISSUER, MAPPING)

    assert words in str(refused.value)


def test_the_group_is_checked_before_anything_else_so_an_outsider_learns_nothing_more():
    with pytest.raises(UnknownGroupError):
        identity_from_claims({"groups": ["canteen"]}, ISSUER, MAPPING)


def test_a_mapping_with_no_groups_refuses_everyone():
    with pytest.raises(UnknownGroupError):
        RoleMapping().roles_for(claims())
