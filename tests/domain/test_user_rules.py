"""The User aggregate's rules about roles and sessions, without persistence."""

from __future__ import annotations

import pytest

from domain.user import Role, User, UserAccountError


def a_user(username: str = "a.admin", *roles: Role) -> User:
    return User.register(username=username, display_name="Ada Admin", email="ada@example.gov.uk",
                         roles=roles or (Role.ADMINISTRATOR,), actor="setup")


class TestRolesGivenToOneself:
    def test_an_administrator_cannot_give_themself_another_role(self) -> None:
        admin = a_user()

        with pytest.raises(UserAccountError, match="You cannot give yourself a role; ask another administrator"):
            admin.change_roles(roles=(Role.ADMINISTRATOR, Role.MANAGER), reason="Covering", actor="a.admin")

        assert admin.roles == {Role.ADMINISTRATOR}
        assert admin.version == 1

    def test_an_administrator_cannot_swap_a_role_of_their_own_for_another(self) -> None:
        admin = a_user("a.admin", Role.ADMINISTRATOR, Role.OFFICER)

        with pytest.raises(UserAccountError, match="give yourself a role"):
            admin.change_roles(roles=(Role.ADMINISTRATOR, Role.MANAGER), reason="Covering", actor="a.admin")

    def test_an_administrator_may_give_up_a_role_of_their_own_other_than_administrator(self) -> None:
        admin = a_user("a.admin", Role.ADMINISTRATOR, Role.OFFICER)

        admin.change_roles(roles=(Role.ADMINISTRATOR,), reason="No longer casework", actor="a.admin")

        assert admin.roles == {Role.ADMINISTRATOR}

    def test_another_administrator_may_give_the_role(self) -> None:
        admin = a_user()

        admin.change_roles(roles=(Role.ADMINISTRATOR, Role.MANAGER), reason="Covering", actor="b.admin")

        assert admin.roles == {Role.ADMINISTRATOR, Role.MANAGER}

    def test_an_administrator_cannot_remove_their_own_administrator_role(self) -> None:
        admin = a_user("a.admin", Role.ADMINISTRATOR, Role.OFFICER)

        with pytest.raises(UserAccountError, match="own administrator role"):
            admin.change_roles(roles=(Role.OFFICER,), reason="Moving on", actor="a.admin")


class TestSessionGeneration:
    def test_a_new_user_starts_at_generation_zero(self) -> None:
        assert a_user().session_generation == 0

    @pytest.mark.parametrize("change", ["sign out", "password", "roles", "disable"])
    def test_signing_out_a_new_password_new_roles_or_disabling_ends_the_sessions(self, change: str) -> None:
        user = a_user("j.okafor", Role.OFFICER)

        if change == "sign out":
            user.end_sessions(actor="j.okafor")
        elif change == "password":
            user.change_password(actor="admin")
        elif change == "roles":
            user.change_roles(roles=(Role.MANAGER,), reason="Promoted", actor="admin")
        else:
            user.disable(reason="Left", actor="admin")

        assert user.session_generation == 1

    def test_setting_the_agency_leaves_the_sessions_alone(self) -> None:
        user = a_user("j.okafor", Role.AGENCY_CONTACT)

        user.assign_agency(agency="Kent Police", actor="admin")

        assert user.session_generation == 0

    def test_the_generation_is_rebuilt_from_the_events(self) -> None:
        user = a_user("j.okafor", Role.OFFICER)
        user.end_sessions(actor="j.okafor")
        user.change_password(actor="admin")
        events = user.collect_events()

        rebuilt = None
        for domain_event in events:
            rebuilt = domain_event.mutate(rebuilt)

        assert rebuilt is not None
        assert rebuilt.session_generation == 2
