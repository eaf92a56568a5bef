"""Role and token changes go to the security log, with ids only (never a name, email address or token)."""

from __future__ import annotations

import logging

import pytest

from application.backoffice import BackOffice
from domain.user import Role
from tests.application import cases


def test_role_and_token_changes_are_in_the_security_log_with_ids_only(
    back_office: BackOffice, caplog: pytest.LogCaptureFixture
):
    cases.register_officer(back_office)
    caplog.clear()  # its user_added line is logged whenever an earlier test left the logger at INFO
    with caplog.at_level(logging.INFO, logger="community_trigger.security"):
        back_office.accounts.change_roles(cases.OFFICER, roles=[Role.OFFICER, Role.MANAGER], reason="Promoted",
                                          actor="admin")
        issued = back_office.accounts.issue_api_token(cases.OFFICER, label="import", actor="admin")
        back_office.accounts.revoke_api_token(cases.OFFICER, issued.token_id, reason="Done", actor="admin")

    lines = [r for r in caplog.records if r.name == "community_trigger.security"]
    assert [(r.event, r.user, r.actor) for r in lines] == [  # type: ignore[attr-defined]
        ("roles_changed", cases.OFFICER, "admin"), ("token_issued", cases.OFFICER, "admin"),
        ("token_revoked", cases.OFFICER, "admin")]
    assert lines[0].roles == ["manager", "officer"]  # type: ignore[attr-defined]
    assert issued.token not in caplog.text
    assert "@dartford.gov.uk" not in caplog.text
