"""The officer's forms for incidents: who reported an incident and who it was reported to, shown on the case page;
correcting and striking out an incident, linked beside it; a link across different days refused at its field."""

from __future__ import annotations

from datetime import date

from flask.testing import FlaskClient

from application.backoffice import BackOffice
from tests.application import cases
from tests.web.conftest import parse
from tests.web.test_steps_intake import officer, recorded, refused, submit, summary  # noqa: F401 (a fixture)

INCIDENT = {"happened_on": date(2026, 8, 1), "reported_on": date(2026, 8, 2), "agency": "Kent Police",
            "hate_related": "no", "informal": "no"}


def test_who_reported_it_and_who_it_was_reported_to_are_stored_and_shown_on_the_case_page(
        officer: FlaskClient, back_office: BackOffice) -> None:  # noqa: F811
    reference = cases.receive(back_office)

    recorded(submit(officer, f"/cases/{reference}/incidents/new", {
        **INCIDENT, "reported_to": "PC Amir Shah", "reported_by": "14 Elm Road"}), reference)

    [incident] = back_office.cases.get_case(reference).application.incidents
    assert (incident.reported_to, incident.reported_by) == ("PC Amir Shah", "14 Elm Road")
    row = parse(officer.get(f"/cases/{reference}")).soup.find(id="incidents").find_next("table").find("tbody").tr
    assert "to PC Amir Shah" in row.get_text(" ", strip=True)
    assert "reported by 14 Elm Road" in row.get_text(" ", strip=True)


def test_an_incident_logged_without_saying_who_reported_it_is_the_applicants(
        officer: FlaskClient, back_office: BackOffice) -> None:  # noqa: F811
    reference = cases.receive(back_office)

    recorded(submit(officer, f"/cases/{reference}/incidents/new", INCIDENT), reference)

    assert back_office.cases.get_case(reference).application.incidents[0].reported_by == "applicant"


def test_a_link_to_an_incident_of_another_day_is_refused_at_the_link(
        officer: FlaskClient, back_office: BackOffice) -> None:  # noqa: F811
    reference = cases.receive(back_office)
    recorded(submit(officer, f"/cases/{reference}/incidents/new", INCIDENT), reference)
    before = back_office.event_count()

    page = refused(submit(officer, f"/cases/{reference}/incidents/new", {
        **INCIDENT, "happened_on": date(2026, 8, 2), "agency": "other", "other_agency": "Moat Homes",
        "duplicate_of": "1"}))

    [(message, href)] = summary(page)
    assert "happened on 1 August 2026, not on 2 August 2026" in message
    assert href == "#duplicate_of"
    assert back_office.event_count() == before


def test_an_incident_is_corrected_from_the_link_beside_it_and_the_case_page_shows_it_corrected(
        officer: FlaskClient, back_office: BackOffice) -> None:  # noqa: F811
    reference = cases.receive(back_office)
    recorded(submit(officer, f"/cases/{reference}/incidents/new", INCIDENT), reference)
    links = parse(officer.get(f"/cases/{reference}")).soup.find(id="incidents").find_next("table").find_all("a")
    correct = next(a["href"] for a in links if a.get_text(strip=True) == "Correct incident 1")

    recorded(submit(officer, correct, {
        "happened_on": date(2026, 7, 31), "reported_on": date(2026, 8, 2), "agency": "Kent Police",
        "agency_reference": "KP-7", "hate_related": "yes", "reason": "The police log gives 31 July."}), reference)

    incident = back_office.cases.get_case(reference).application.incidents[0]
    assert (incident.happened_on, incident.agency_reference, incident.hate_related) == (
        date(2026, 7, 31), "KP-7", True)
    assert "Incident 1 corrected" in parse(officer.get(f"/cases/{reference}")).text()


def test_a_correction_without_a_reason_is_refused_at_the_reason(
        officer: FlaskClient, back_office: BackOffice) -> None:  # noqa: F811
    reference = cases.receive(back_office)
    recorded(submit(officer, f"/cases/{reference}/incidents/new", INCIDENT), reference)
    before = back_office.event_count()

    page = refused(submit(officer, f"/cases/{reference}/incidents/1/correction", {**INCIDENT, "hate_related": "yes"}))

    assert summary(page) == [("Enter why the incident is corrected", "#reason")]
    assert back_office.event_count() == before


def test_a_struck_out_incident_is_marked_and_no_longer_counts_on_the_case_page(
        officer: FlaskClient, back_office: BackOffice) -> None:  # noqa: F811
    reference = cases.ready_for_decision(back_office)

    recorded(submit(officer, f"/cases/{reference}/incidents/2/strike-out", {"reason": "Logged on the wrong case."}),
             reference)

    page = parse(officer.get(f"/cases/{reference}"))
    rows = page.soup.find(id="incidents").find_next("table").find("tbody").find_all("tr")
    assert "No, struck out" in rows[1].get_text(" ", strip=True)
    assert not any("Strike out incident 2" in a.get_text() for a in rows[1].find_all("a"))
    assert back_office.cases.assess_threshold(reference).met is False


def test_the_correction_form_opens_with_the_incident_as_it_stands(
        officer: FlaskClient, back_office: BackOffice) -> None:  # noqa: F811
    reference = cases.receive(back_office)
    recorded(submit(officer, f"/cases/{reference}/incidents/new", {
        **INCIDENT, "agency": "other", "other_agency": "Fire and Rescue", "agency_reference": "FR-3",
        "description": "A bin set alight", "hate_related": "yes"}), reference)

    form = parse(officer.get(f"/cases/{reference}/incidents/1/correction")).soup

    assert [form.find("input", attrs={"name": f"happened_on-{part}"})["value"] for part in ("day", "month", "year")] \
        == ["1", "8", "2026"]
    assert form.find("input", attrs={"name": "agency", "value": "other"}).has_attr("checked")
    assert form.find("input", attrs={"name": "other_agency"})["value"] == "Fire and Rescue"
    assert form.find("input", attrs={"name": "agency_reference"})["value"] == "FR-3"
    assert form.find("textarea", attrs={"name": "description"}).get_text(strip=True) == "A bin set alight"
    assert form.find("input", attrs={"name": "hate_related", "value": "yes"}).has_attr("checked")


def test_the_decision_reconstruction_lists_the_corrections_and_strike_outs_made_before_the_decision(
        officer: FlaskClient, back_office: BackOffice) -> None:  # noqa: F811
    reference = cases.ready_for_decision(back_office)
    back_office.cases.log_incident(reference, **{**INCIDENT, "hate_related": False, "informal": False},
                                   actor=cases.OFFICER)
    back_office.cases.strike_out_incident(reference, number=4, reason="Logged on the wrong case.", actor=cases.OFFICER)
    back_office.cases.correct_incident(reference, number=3, happened_on=date(2026, 8, 3), reported_on=date(2026, 8, 3),
                                       agency="Kent Police", agency_reference="KP-1-corrected", hate_related=False,
                                       description="Loud music until 3am",
                                       reason="The agency's reference was mistyped.", actor=cases.OFFICER)
    back_office.cases.decide_threshold_met(reference, decided_on=date(2026, 9, 10), actor="manager",
                                           unverified_reason="Decided on the incidents as logged.")

    page = parse(officer.get(f"/cases/{reference}/decisions"))

    table = page.soup.find("caption", string="Corrections and strike-outs of incidents before decision 1")
    assert table is not None, page.text()
    rows = [" ".join(row.get_text(" ").split()) for row in table.find_parent("table").find("tbody").find_all("tr")]
    assert len(rows) == 2
    assert "Incident struck out" in rows[0]
    assert "Logged on the wrong case." in rows[0]
    assert "Incident corrected" in rows[1]
    assert "The agency's reference was mistyped." in rows[1]
    assert "KP-1-corrected" in rows[1]
