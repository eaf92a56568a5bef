"""The pages of subject access, rectification and the access log: a request recorded, its records confirmed,
its copy read, and it listed on the dashboard with its due date; viewing a case (page or API) writes one row in
the access log, which auditors and managers read filtered by case and by user."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient

from application.backoffice import BackOffice
from tests.application import cases
from tests.web.conftest import csrf_token, parse
from tests.web.pages import assert_well_formed
from tests.web.test_api_tokens import bearer


def record_request(client: FlaskClient, **values: str) -> Any:
    token = csrf_token(client, "/subject-access/new")
    return client.post("/subject-access/new", data={"csrf_token": token, **values})


def test_a_request_is_recorded_its_records_confirmed_and_it_is_on_the_dashboard_with_its_due_date(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice, project: Any) -> None:
    reference = cases.receive(back_office, on_behalf=True)
    project()
    officer = signed_in("officer")

    response = record_request(officer, name="Ann Smith", address="12 High Street, Dartford",
                              received_on="2026-11-20")
    assert response.status_code == 302
    page = parse(officer.get(response.headers["Location"]))
    assert_well_formed(page)
    assert "21 December 2026 (one calendar month from receipt, UK GDPR Article 12(3))" in page.text()
    box = page.soup.find("input", attrs={"name": "subjects"})
    assert box["value"] == "p-1"
    assert f"{reference}: Ann Smith (victim)" in page.text()
    request_path = response.headers["Location"]
    confirmed = officer.post(f"{request_path}/records", data={"csrf_token": csrf_token(officer, request_path),
                                                                "subjects": "p-1"})
    assert confirmed.status_code == 302

    dashboard = parse(officer.get("/cases"))
    section = dashboard.soup.find("h2", id="subject-access").find_next("table").get_text(" ")
    assert "21 December 2026" in section
    assert "20 November 2026" in section
    copy = parse(officer.get(f"{request_path}/export"))
    assert_well_formed(copy)
    assert "Ann Smith" in copy.text()
    assert "Raj Patel" not in copy.text()
    assert "councillor" not in copy.text()
    data = officer.get(f"{request_path}/export.json").get_json()
    assert data["cases"][0]["case"] == reference
    log = back_office.privacy.access_entries(reference=reference, username="officer")
    assert [e.what for e in log].count("subject access export") == 2  # the page and the JSON


def test_a_request_without_a_name_or_date_shows_the_errors_on_the_fields_and_records_nothing(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice) -> None:
    officer = signed_in("officer")

    page = parse(record_request(officer, name="", received_on="2026-13-01"))

    assert page.status == 400
    assert_well_formed(page)
    assert {a["href"] for a in page.soup.select(".govuk-error-summary a")} == {"#name", "#received_on"}
    assert back_office.privacy.subject_access_requests() == []


def test_viewing_a_case_or_reading_it_through_the_api_writes_one_access_log_row_each(
        signed_in: Callable[[str], FlaskClient], client: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.receive(back_office)
    auditor = signed_in("auditor")

    assert auditor.get(f"/cases/{reference}").status_code == 200
    assert auditor.get(f"/cases/{reference}/history").status_code == 200
    assert client.get(f"/api/cases/{reference}", headers=bearer(back_office, "officer")).status_code == 200
    assert auditor.get("/cases/CT-1999-9999").status_code == 404

    entries = back_office.privacy.access_entries()
    assert sorted((e.username, e.what, e.reference) for e in entries) == [
        ("auditor", f"/cases/{reference}", reference), ("auditor", f"/cases/{reference}/history", reference),
        ("officer", f"/api/cases/{reference}", reference)]


def test_the_access_log_page_filters_by_case_and_user_for_auditors_and_managers_only(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice) -> None:
    back_office.privacy.record_view("j.okafor", "/cases/CT-2026-0001", "CT-2026-0001")
    back_office.privacy.record_view("m.reid", "/cases/CT-2026-0002", "CT-2026-0002")
    auditor = signed_in("auditor")

    page = parse(auditor.get("/access-log?case=ct-2026-0001"))
    assert_well_formed(page)
    rows = page.soup.find("tbody").find_all("tr")
    assert [r.find_all("td")[1].get_text(strip=True) for r in rows] == ["j.okafor"]
    by_user = parse(auditor.get("/access-log?user=m.reid"))
    assert [r.find_all("td")[3].get_text(strip=True) for r in by_user.soup.find("tbody").find_all("tr")] == [
        "CT-2026-0002"]


def test_officers_cannot_read_the_access_log(signed_in: Callable[[str], FlaskClient]) -> None:
    assert signed_in("officer").get("/access-log").status_code == 403


def test_an_officer_corrects_a_persons_details_and_the_case_shows_them(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice) -> None:
    reference = cases.receive(back_office)
    officer = signed_in("officer")
    case = parse(officer.get(f"/cases/{reference}"))
    link = case.soup.find(id="correct-details").find("a")
    form_url = link["href"]
    assert link.get_text(strip=True) == "Ann Smith"
    form = parse(officer.get(form_url))
    assert_well_formed(form)
    assert form.soup.find("textarea", attrs={"name": "address"}).get_text().strip() == "12 High Street, Dartford"

    refused = parse(officer.post(form_url, data={"csrf_token": csrf_token(officer, form_url), "name": "Ann Smith",
                                                 "address": "14 High Street, Dartford"}))
    assert refused.status == 400
    assert refused.soup.select_one(".govuk-error-summary a")["href"] == "#reason"
    done = officer.post(form_url, data={"csrf_token": csrf_token(officer, form_url), "name": "Ann Smith",
                                        "address": "14 High Street, Dartford", "reason": "Wrong house number"})
    assert done.status_code == 302
    assert back_office.cases.get_case(reference).application.applicant.person.address == "14 High Street, Dartford"


def test_a_correction_carries_the_preferred_contact_and_support_needs_and_refuses_a_preference_without_its_detail(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice) -> None:
    reference = cases.receive(back_office)
    officer = signed_in("officer")
    form_url = parse(officer.get(f"/cases/{reference}")).soup.find(id="correct-details").find("a")["href"]
    kept = {"name": "Ann Smith", "address": "12 High Street, Dartford", "reason": "She told us how to reach her"}
    needs = "Hard of hearing.\nLetters only."

    refused = parse(officer.post(form_url, data={"csrf_token": csrf_token(officer, form_url), **kept,
                                                 "preferred_contact": "email"}))
    done = officer.post(form_url, data={"csrf_token": csrf_token(officer, form_url), **kept,
                                        "preferred_contact": "post", "support_needs": needs})
    reopened = parse(officer.get(form_url))

    assert refused.status == 400
    assert refused.soup.select_one(".govuk-error-summary a")["href"] == "#preferred_contact"
    assert "Give an email address, or choose another way to be contacted." in refused.soup.get_text()
    assert done.status_code == 302
    person = back_office.cases.get_case(reference).application.applicant.person
    assert (person.preferred_contact.value, person.support_needs) == ("post", needs)
    changed = back_office.cases.history(reference)[-1].details
    assert "changed: preferred contact method, support needs or risks" in changed
    assert reopened.soup.find("input", attrs={"name": "preferred_contact", "value": "post"}).has_attr("checked")
    assert reopened.soup.find("textarea", attrs={"name": "support_needs"}).get_text().strip().startswith("Hard of")
