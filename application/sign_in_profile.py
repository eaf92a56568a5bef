"""The profile's ``[sign_in]`` section: how the council's identity provider's groups (or app roles) give the
product's roles (``domain.sign_in.RoleMapping``). Validated here so a mistake names the key, e.g.
``sign_in.groups.csu-officers: 'officr' is not a role``.

    [sign_in]
    provider_name = "your Dartford Borough Council account"  # the words on the sign-in button
    groups_claim = "groups"               # or "roles" for Entra ID app roles
    username_claim = "preferred_username"
    [sign_in.groups]
    "3f2a…-group-object-id" = ["officer"]
    "CommunityTrigger.Manager" = ["manager", "officer"]
"""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, post_load, validate

from domain.sign_in import RoleMapping
from domain.user import Role

ROLE_NAMES = ", ".join(role.value for role in Role)


class RoleName(fields.Field):
    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Role:
        try:
            return Role(value)
        except ValueError:
            raise ValidationError(f"{value!r} is not a role; use one of {ROLE_NAMES}.") from None


def _claim() -> fields.String:
    return fields.String(validate=validate.Regexp(r"^[A-Za-z0-9_.:/-]{1,100}$",
                                                  error="Write the claim's name, like groups or roles."))


class SignInSchema(Schema):
    class Meta:
        unknown = "raise"  # a misspelt key is an error, not silently ignored

    provider_name = fields.String(validate=validate.Length(min=1, max=100))
    groups_claim = _claim()
    username_claim = _claim()
    groups = fields.Dict(keys=fields.String(validate=validate.Length(min=1, max=200)),
                         values=fields.List(RoleName(), validate=validate.Length(
                             min=1, error="Give the group at least one role.")),
                         load_default=dict)

    @post_load
    def make(self, data: dict[str, Any], **kwargs: Any) -> RoleMapping:
        data["groups"] = {group: frozenset(roles) for group, roles in data["groups"].items()}
        return RoleMapping(**data)
