"""API tokens: issued once, kept only as a hash, verified on every call, revoked, and useless once the
account is disabled; the API answers 401 without a good token and 403 for a role that may not."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from application.api_tokens import ApiTokenRefusedError, token_hash
from application.backoffice import BackOffice
from domain.user import Role, UserAccountError
from tests.application.cases import ready_for_decision

PROBLEM = "application/problem+json"


def bearer(back_office: BackOffice, username: str) -> dict[str, str]:
    """Headers carrying a fresh token of ``username``."""
    token = back_office.accounts.issue_api_token(username, label="tests", actor="admin").token
    return {"Authorization": f"Bearer {token}"}


def post(client: FlaskClient, url: str, body: Any, headers: dict[str, str]) -> TestResponse:
    return client.post(url, json=body, headers=headers)


def assert_problem(response: TestResponse, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM
    body: dict[str, Any] = response.get_json(force=True)
    assert body["status"] == status
    assert body["title"]
    assert body["detail"]
    return body


def test_a_token_is_shown_once_and_only_its_hash_is_kept_outside_the_events(app: Any, back_office: BackOffice) -> None:
    issued = back_office.accounts.issue_api_token("officer", label="import script", actor="admin")
    assert issued.token.startswith("officer~")
    events = list(back_office.events.get(back_office.repository.get(issued.recorded.aggregate_id).id))
    stored = repr([vars(e) for e in events]) + str(events)
    assert issued.token not in stored
    assert token_hash(issued.token) not in stored  # the events say a token was issued, not its hash
    assert back_office.accounts.credentials.get("officer", "api_token", issued.token_id) == token_hash(issued.token)
    assert events[-1].actor == "admin"
    assert back_office.accounts.verify_api_token(issued.token).username == "officer"
    assert [t.label for t in back_office.accounts.api_tokens("officer")] == ["import script"]


def test_a_wrong_or_malformed_token_is_refused(app: Any, back_office: BackOffice) -> None:
    issued = back_office.accounts.issue_api_token("officer", label="x", actor="admin")
    for token in (issued.token[:-1] + ("A" if issued.token[-1] != "A" else "B"), "", "nonsense",
                  "officer~nope~secret", "ghost~1234~secret", issued.token + "~x", "x" * 500):
        with pytest.raises(ApiTokenRefusedError):
            back_office.accounts.verify_api_token(token)


def test_a_revoked_token_stops_working(app: Any, back_office: BackOffice) -> None:
    issued = back_office.accounts.issue_api_token("officer", label="x", actor="admin")
    back_office.accounts.revoke_api_token("officer", issued.token_id, reason="laptop lost", actor="admin")
    with pytest.raises(ApiTokenRefusedError):
        back_office.accounts.verify_api_token(issued.token)
    with pytest.raises(UserAccountError, match="no working token"):
        back_office.accounts.revoke_api_token("officer", issued.token_id, reason="again", actor="admin")


def test_a_token_used_before_is_refused_at_once_when_revoked(app: Any, back_office: BackOffice) -> None:
    """A token verified before is kept by its user's version (``application.verified_tokens``); revoking it
    moves the version on, so the very next call checks it again and refuses it."""
    used, other = (back_office.accounts.issue_api_token("officer", label=label, actor="admin") for label in "xy")
    for _ in range(2):
        assert back_office.accounts.verify_api_token(used.token).username == "officer"
    back_office.accounts.revoke_api_token("officer", used.token_id, reason="laptop lost", actor="admin")
    with pytest.raises(ApiTokenRefusedError):
        back_office.accounts.verify_api_token(used.token)
    assert back_office.accounts.verify_api_token(other.token).username == "officer"


def test_a_token_used_before_carries_the_users_roles_as_changed(app: Any, client: FlaskClient,
                                                                back_office: BackOffice) -> None:
    headers = bearer(back_office, "officer")
    assert client.get("/api/cases/CT-2026-0001", headers=headers).status_code == 404  # may read cases
    back_office.accounts.change_roles("officer", roles=[Role.ADMINISTRATOR], reason="moved team", actor="admin")
    assert_problem(client.get("/api/cases/CT-2026-0001", headers=headers), 403)
    assert back_office.accounts.verify_api_token(headers["Authorization"][7:]).roles == {Role.ADMINISTRATOR}


def test_revoking_needs_a_reason_and_issuing_a_label(app: Any, back_office: BackOffice) -> None:
    issued = back_office.accounts.issue_api_token("officer", label="x", actor="admin")
    with pytest.raises(UserAccountError, match="reason"):
        back_office.accounts.revoke_api_token("officer", issued.token_id, reason=" ", actor="admin")
    with pytest.raises(UserAccountError, match="label"):
        back_office.accounts.issue_api_token("officer", label="", actor="admin")


def test_a_disabled_users_tokens_stop_working(app: Any, client: FlaskClient, back_office: BackOffice) -> None:
    headers = bearer(back_office, "officer")
    assert client.get("/api/cases/CT-2026-0001", headers=headers).status_code == 404
    back_office.accounts.disable_user("officer", reason="left the team", actor="admin")
    body = assert_problem(client.get("/api/cases/CT-2026-0001", headers=headers), 401)
    assert "disabled" in body["detail"]


def test_calls_without_a_token_or_with_a_bad_one_get_401_problem(app: Any, client: FlaskClient) -> None:
    for headers in ({}, {"Authorization": "Bearer"}, {"Authorization": "Basic b2ZmaWNlcjpw"},
                    {"Authorization": "Bearer officer~0000~forged"}):
        response = client.get("/api/cases/CT-2026-0001", headers=headers)
        assert_problem(response, 401)
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert_problem(client.post("/api/cases", json={}), 401)


def test_a_signed_in_session_is_not_enough_for_the_api(app: Any, signed_in: Any) -> None:
    client = signed_in("officer")
    assert_problem(client.get("/api/cases/CT-2026-0001"), 401)


def test_roles_apply_as_in_the_web(app: Any, client: FlaskClient, back_office: BackOffice) -> None:
    reference = ready_for_decision(back_office)
    decision = {"decided_on": "2026-09-10", "unverified_reason": "Decided on the incidents as logged."}
    for username in ("officer", "auditor", "agency", "admin"):
        body = assert_problem(post(client, f"/api/cases/{reference}/threshold/met", decision,
                                   bearer(back_office, username)), 403)
        assert "manager" in body["detail"]
    for username in ("agency", "admin"):
        assert_problem(client.get(f"/api/cases/{reference}", headers=bearer(back_office, username)), 403)
    assert_problem(post(client, f"/api/cases/{reference}/officer", {"officer": "x.y"},
                        bearer(back_office, "auditor")), 403)
    for username in ("officer", "manager", "auditor"):
        assert client.get(f"/api/cases/{reference}", headers=bearer(back_office, username)).status_code == 200
    assert post(client, f"/api/cases/{reference}/threshold/met", decision,
                bearer(back_office, "manager")).status_code == 200
