"""The JSON API takes each person's preferred contact and support needs (issue 14, items 1 and 3) through the one
intake schema: recorded as given, a preference without its detail refused on the field with nothing recorded, and
both documented in the OpenAPI document."""

from __future__ import annotations

from flask.testing import FlaskClient

from application.backoffice import BackOffice
from domain.personal import ContactMethod
from tests.web.test_api_commands import APPLICATION
from tests.web.test_api_errors import nothing_recorded
from tests.web.test_api_openapi import document
from tests.web.test_api_tokens import assert_problem, bearer

NEEDS = "Hearing impaired: prefers email or text.\nNo phone calls."


def test_the_api_records_each_persons_preferred_contact_and_support_needs(
        client: FlaskClient, back_office: BackOffice) -> None:
    applicant = {**APPLICATION["applicant"],  # type: ignore[dict-item]
                 "person": {"name": "Raj Patel", "phone": "01322 000000", "preferred_contact": "telephone"},
                 "victims": [{"name": "Ann Smith", "email": "ann@example.org", "preferred_contact": "email",
                              "support_needs": NEEDS}]}

    response = client.post("/api/cases", json={**APPLICATION, "applicant": applicant},
                           headers=bearer(back_office, "officer"))

    assert response.status_code == 201, response.get_data(as_text=True)
    recorded = back_office.cases.get_case(response.get_json()["reference"]).application.applicant
    assert recorded.person.preferred_contact is ContactMethod.TELEPHONE
    assert recorded.person.support_needs == ""
    assert recorded.victims[0].preferred_contact is ContactMethod.EMAIL
    assert recorded.victims[0].support_needs == NEEDS


def test_a_preferred_contact_without_its_detail_or_unknown_is_refused_on_the_field(
        client: FlaskClient, back_office: BackOffice) -> None:
    applicant = {**APPLICATION["applicant"],  # type: ignore[dict-item]
                 "person": {"name": "Raj Patel", "phone": "01322 000000", "preferred_contact": "email"},
                 "victims": [{"name": "Ann Smith", "preferred_contact": "pigeon",
                              "support_needs": "Uses a wheelchair\x1b[31m"}]}
    headers = bearer(back_office, "officer")

    body = nothing_recorded(back_office, lambda: assert_problem(client.post(
        "/api/cases", json={**APPLICATION, "applicant": applicant}, headers=headers), 422))

    assert body["errors"]["applicant.person.preferred_contact"] == [
        "Give an email address, or choose another way to be contacted."]
    assert body["errors"]["applicant.victims.0.preferred_contact"] == ["Choose one of: email, telephone, post."]
    assert body["errors"]["applicant.victims.0.support_needs"][0].startswith("Remove the control characters")


def test_the_openapi_document_describes_the_preferred_contact_and_support_needs(client: FlaskClient) -> None:
    person = document(client)["components"]["schemas"]["Person"]["properties"]

    assert [value for value in person["preferred_contact"]["enum"] if value] == ["email", "telephone", "post"]
    assert person["support_needs"]["maxLength"] == 2_000
    assert "vulnerabilities" in person["support_needs"]["description"]
