"""One input per command (``application.inputs``): every field of a new application, an incident and a consent
is stored whichever way it comes in (the officer's forms, the public form, the JSON API); the same application
sent all three ways stores the same events; and the API refuses what the forms refuse."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, is_dataclass
from datetime import date
from typing import Any

from flask.testing import FlaskClient

from application.backoffice import BackOffice
from domain.ids import application_id
from domain.values import Channel, ConsentKind, HateElement
from tests.conftest import TODAY
from tests.web.conftest import parse
from tests.web.test_api_commands import Api
from tests.web.test_api_tokens import assert_problem, bearer
from tests.web.test_public_journey import answer, get, post, reference_on
from tests.web.test_public_journey import send as send_public
from tests.web.test_steps_intake import recorded, submit

ANN = {"name": "Ann Smith", "address": "12 High Street, Dartford", "postcode": "DA1 1DR", "phone": "01322 343000",
       "email": "ann@example.com", "preferred_contact": "email"}
BERT = {"name": "Bert Jones", "address": "14 High Street, Dartford", "postcode": "DA1 1DS", "phone": "07700 900982",
        "preferred_contact": "telephone", "support_needs": "Hard of hearing.\nA British Sign Language interpreter."}
PROBLEM = {"kind": "noise", "location": "High Street, Dartford", "description": "Loud music every night."}
INCIDENT = {"agency": "Kent Police", "reported_to": "PC Brown", "agency_reference": "KP-1",
            "description": "Music until 3am."}
HAPPENED, REPORTED = date(2026, 10, 1), date(2026, 10, 2)
REPORTED_BY = "16 High Street, Dartford"  # another household, and a hate incident: the same through each way in


# ------------------------------------------------------------------------------------------ the three ways in
def through_the_officer_forms(client: FlaskClient) -> str:
    """The application taken by phone, its incident and the applicant's consent, each on its step form."""
    received = submit(client, "/applications/new", {
        "channel": "phone", "received_on": TODAY, **ANN, "on_behalf": "yes", "relationship": "carer",
        **{f"victim_{key}": value for key, value in BERT.items()}, "problem": PROBLEM["kind"],
        "location": PROBLEM["location"], "hate_element": "none", "description": PROBLEM["description"]})
    assert received.status_code == 302, received.get_data(as_text=True)
    reference = received.headers["Location"].removeprefix("/cases/")
    recorded(submit(client, f"/cases/{reference}/incidents/new", {
        "happened_on": HAPPENED, "reported_on": REPORTED, **INCIDENT, "hate_related": "yes", "informal": "no",
        "reported_by": REPORTED_BY}),
        reference)
    for kind, given_by in ((ConsentKind.VICTIM_CONSENT, "Bert Jones"), (ConsentKind.SHARE_WITH_AGENCIES, "Ann Smith")):
        recorded(submit(client, f"/cases/{reference}/consent/new", {
            "kind": kind.value, "given_on": TODAY, "given_by": given_by}), reference)
    return reference


def through_the_public_form(client: FlaskClient) -> str:
    get(client, "/apply")
    answer(client, "/apply/who", {"basis": "behalf"})
    answer(client, "/apply/your-details", ANN)
    answer(client, "/apply/victim", {**BERT, "relationship": "carer"})
    answer(client, "/apply/problem", PROBLEM)
    answer(client, "/apply/hostility", {"element": "none"})
    answer(client, "/apply/incidents/add", {
        "happened-day": str(HAPPENED.day), "happened-month": str(HAPPENED.month), "happened-year": str(HAPPENED.year),
        "reported-day": str(REPORTED.day), "reported-month": str(REPORTED.month), "reported-year": str(REPORTED.year),
        "agency": INCIDENT["agency"], "reported_to": INCIDENT["reported_to"], "reference": INCIDENT["agency_reference"],
        "description": INCIDENT["description"], "hate_related": "yes", "reported_by": "other",
        "household": REPORTED_BY})
    post(client, "/apply/incidents", {"another": "no"})
    answer(client, "/apply/consent", {"share": "yes", "victim-consent": "yes"})
    return reference_on(send_public(client))


def through_the_api(api: Api) -> str:
    reference: str = api.post("/cases", {
        "channel": "phone", "received_on": TODAY.isoformat(),
        "applicant": {"person": ANN, "on_behalf_of_victim": True, "relationship": "carer", "victims": [BERT]},
        "problem": {"kind": PROBLEM["kind"], "location": PROBLEM["location"], "hate_element": "none",
                    "description": PROBLEM["description"]}}, 201)["reference"]
    api.post(f"/cases/{reference}/incidents", {
        "happened_on": HAPPENED.isoformat(), "reported_on": REPORTED.isoformat(), **INCIDENT, "hate_related": True,
        "reported_by": REPORTED_BY}, 201)
    for kind, given_by in ((ConsentKind.VICTIM_CONSENT, "Bert Jones"), (ConsentKind.SHARE_WITH_AGENCIES, "Ann Smith")):
        api.post(f"/cases/{reference}/consent", {"kind": kind.value, "given_on": TODAY.isoformat(),
                                                  "given_by": given_by})
    return reference


# ------------------------------------------------------------------------------------------ stored events
IGNORED = {"originator_id", "originator_version", "timestamp", "actor", "reference", "subject"}


def plain(value: Any) -> Any:
    """An event's value without what differs between two recordings of the same thing (ids, actor, time, the
    reference, the pseudonymous subjects)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {item.name: plain(getattr(value, item.name)) for item in fields(value) if item.name not in IGNORED}
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items() if key not in IGNORED}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def stored(back_office: BackOffice, reference: str) -> list[tuple[str, dict[str, Any]]]:
    return [(type(event).__name__, plain(vars(event))) for event in back_office.events.get(application_id(reference))]


def without_channel(events: list[tuple[str, dict[str, Any]]]) -> list[tuple[str, dict[str, Any]]]:
    return [(name, {key: value for key, value in data.items() if key != "channel"}) for name, data in events]


def test_the_same_application_through_the_officer_forms_the_public_form_and_the_api_stores_the_same_events(
        client: FlaskClient, signed_in: Callable[[str], FlaskClient], back_office: BackOffice, app: Any) -> None:
    public = through_the_public_form(app.test_client())
    by_api = through_the_api(Api(app.test_client(), back_office, "officer"))
    by_officer = through_the_officer_forms(signed_in("officer"))

    officer_events, api_events, public_events = (stored(back_office, reference)
                                                 for reference in (by_officer, by_api, public))
    assert [name for name, _ in officer_events] == [
        "Received", "IncidentLogged", "ConsentGiven", "ConsentGiven"]
    assert officer_events == api_events
    # The public form is the online channel by definition; everything else it stores is the same.
    assert public_events[0][1]["channel"] is Channel.ONLINE
    assert officer_events[0][1]["channel"] is Channel.PHONE
    assert without_channel(public_events) == without_channel(officer_events)
    received = officer_events[0][1]
    assert received["problem"]["description"] == {"text": PROBLEM["description"]}
    assert received["applicant"]["victims"][0]["phone"] == BERT["phone"]


# ------------------------------------------------------------------------------------------ every field, each way
def assert_every_field_stored(back_office: BackOffice, reference: str, channel: Channel) -> None:
    application = back_office.cases.get_case(reference).application
    assert application.channel is channel
    assert application.received_on == TODAY
    person = application.applicant.person
    assert (person.name, person.address, person.postcode, person.phone, person.email,
            person.preferred_contact.value) == tuple(ANN.values())
    assert application.applicant.on_behalf_of_victim
    assert application.applicant.relationship == "carer"
    [victim] = application.applicant.victims
    assert (victim.name, victim.address, victim.postcode, victim.phone, victim.preferred_contact.value,
            victim.support_needs) == tuple(BERT.values())
    problem = application.problem
    assert (problem.kind, problem.location, str(problem.description)) == tuple(PROBLEM.values())
    assert problem.hate_element is HateElement.NONE
    [incident] = application.incidents
    assert (incident.happened_on, incident.reported_on, incident.agency, incident.reported_to,
            incident.agency_reference, str(incident.description)) == (HAPPENED, REPORTED, *INCIDENT.values())
    assert (incident.hate_related, incident.reported_by) == (True, REPORTED_BY)
    assert set(application.consents) == {ConsentKind.VICTIM_CONSENT, ConsentKind.SHARE_WITH_AGENCIES}


def test_every_field_sent_through_the_officer_forms_is_stored(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice) -> None:
    assert_every_field_stored(back_office, through_the_officer_forms(signed_in("officer")), Channel.PHONE)


def test_every_field_sent_through_the_public_form_is_stored(client: FlaskClient, back_office: BackOffice) -> None:
    assert_every_field_stored(back_office, through_the_public_form(client), Channel.ONLINE)


def test_every_field_sent_through_the_api_is_stored_including_the_problems_description(
        client: FlaskClient, back_office: BackOffice) -> None:
    assert_every_field_stored(back_office, through_the_api(Api(client, back_office, "officer")), Channel.PHONE)


def test_the_api_stores_the_fields_only_it_offers(client: FlaskClient, back_office: BackOffice) -> None:
    api = Api(client, back_office, "officer")
    reference = api.post("/cases", {
        "channel": "letter", "received_on": TODAY.isoformat(),
        "applicant": {"person": {**ANN, "date_of_birth": "1960-05-04"}},
        "problem": {**PROBLEM, "hate_element": "hate_crime", "protected_characteristics": ["Race", "Religion"]}},
        201)["reference"]
    case = f"/cases/{reference}"
    api.post(f"{case}/incidents", {"happened_on": "2026-10-01", "reported_on": "2026-10-02", "agency": "Kent Police"},
             201)
    api.post(f"{case}/incidents", {"happened_on": "2026-10-01", "reported_on": "2026-10-03", "agency": "Moat Homes",
                                   "reported_by": "neighbour at number 14", "hate_related": True, "informal": True,
                                   "duplicate_of": 1}, 201)

    application = back_office.cases.get_case(reference).application
    assert application.applicant.person.date_of_birth == date(1960, 5, 4)
    assert not application.applicant.on_behalf_of_victim
    assert application.problem.hate_element is HateElement.HATE_CRIME
    assert application.problem.protected_characteristics == ("Race", "Religion")
    second = application.incidents[1]
    assert (second.reported_by, second.hate_related, second.informal, second.duplicate_of) == (
        "neighbour at number 14", True, True, 1)


def test_the_officer_form_stores_an_incident_for_another_agency_with_its_flags(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice) -> None:
    client = signed_in("officer")
    officer = through_the_officer_forms(client)
    recorded(submit(client, f"/cases/{officer}/incidents/new", {
        "happened_on": HAPPENED, "reported_on": date(2026, 10, 3), "agency": "other",
        "other_agency": "Dartford Fire Station", "hate_related": "yes", "informal": "yes", "duplicate_of": "1"}),
        officer)

    incident = back_office.cases.get_case(officer).application.incidents[1]
    assert (incident.agency, incident.hate_related, incident.informal, incident.duplicate_of) == (
        "Dartford Fire Station", True, True, 1)


# ------------------------------------------------------------------------------------------ one path, one check
def test_the_api_refuses_an_agency_contact_or_an_unknown_user_as_the_officer_and_records_nothing(
        client: FlaskClient, back_office: BackOffice) -> None:
    reference = through_the_api(Api(client, back_office, "officer"))
    headers = bearer(back_office, "officer")
    before = back_office.event_count()

    for name, message in (("agency", "agency cannot be given cases"), ("nobody.here", "There is no user nobody.here"),
                          ("Not A Username!", "Enter the username of an officer or manager")):
        body = assert_problem(client.post(f"/api/cases/{reference}/officer", json={"officer": name},
                                          headers=headers), 422)
        assert list(body["errors"]) == ["officer"]
        assert message in body["errors"]["officer"][0]

    assert back_office.event_count() == before
    assert back_office.cases.get_case(reference).application.officer == "officer"


def test_an_officer_assigned_through_the_api_is_stored(client: FlaskClient, back_office: BackOffice) -> None:
    api = Api(client, back_office, "officer")
    reference = through_the_api(api)

    api.post(f"/cases/{reference}/officer", {"officer": "manager"})

    assert back_office.cases.get_case(reference).application.officer == "manager"


def test_the_input_refuses_an_application_on_a_victims_behalf_without_the_victim_at_that_field(
        client: FlaskClient, back_office: BackOffice) -> None:
    headers = bearer(back_office, "officer")
    before = back_office.event_count()

    body = assert_problem(client.post("/api/cases", json={
        "channel": "phone", "received_on": TODAY.isoformat(),
        "applicant": {"person": ANN, "on_behalf_of_victim": True, "relationship": "carer"},
        "problem": {"kind": "noise", "location": "High Street"}}, headers=headers), 422)

    assert body["errors"] == {"applicant.victims": [
        "Enter the victim's details: the application is made on their behalf."]}
    assert back_office.event_count() == before


def test_a_value_the_officer_form_lets_through_but_the_input_refuses_is_shown_at_its_field_and_records_nothing(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice) -> None:
    officer = signed_in("officer")
    before = back_office.event_count()

    page = parse(submit(officer, "/applications/new", {
        "channel": "phone", "received_on": date(1950, 1, 2), "name": "Ann Smith", "on_behalf": "no",
        "problem": "noise", "location": "High Street", "hate_element": "none"}))

    assert page.status == 400
    assert [(a.get_text(strip=True), a["href"]) for a in page.soup.select(".govuk-error-summary a")] == [
        ("Enter a date from 1990-01-01 to 2099-12-31.", "#received_on-day")]
    assert back_office.event_count() == before


def test_the_officer_form_and_the_api_take_the_same_longest_reason(
        signed_in: Callable[[str], FlaskClient], client: FlaskClient, back_office: BackOffice, app: Any) -> None:
    headers = bearer(back_office, "officer")
    by_api = through_the_api(Api(app.test_client(), back_office, "officer"))
    by_form = through_the_api(Api(app.test_client(), back_office, "officer"))
    officer = signed_in("officer")
    before = back_office.event_count()

    too_long = assert_problem(app.test_client().post(f"/api/cases/{by_api}/withdrawal", headers=headers, json={
        "withdrawn_on": TODAY.isoformat(), "reason": "x" * 5001}), 422)
    form = parse(submit(officer, f"/cases/{by_form}/withdrawal", {"withdrawn_on": TODAY, "reason": "x" * 5001}))

    assert too_long["errors"] == {"reason": ["Enter from 1 to 5000 characters."]}
    assert form.status == 400
    assert form.soup.select_one(".govuk-character-count")["data-maxlength"] == "5000"
    assert back_office.event_count() == before
    assert app.test_client().post(f"/api/cases/{by_api}/withdrawal", headers=headers, json={
        "withdrawn_on": TODAY.isoformat(), "reason": "x" * 5000}).status_code == 200
    recorded(submit(officer, f"/cases/{by_form}/withdrawal", {"withdrawn_on": TODAY, "reason": "x" * 5000}), by_form)
    assert {back_office.cases.get_case(reference).application.ending_reason for reference in (by_api, by_form)} == {
        "x" * 5000}
