"""Steps from receipt to acknowledgement: a new application taken by phone, email or letter, the officer,
incidents, consent and the acknowledgement."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from application.backoffice import Cases
from application.core import Recorded
from application.inputs import intake as inputs
from application.inputs.intake import SUPPORT_NEEDS
from domain.actions import Command
from domain.errors import (
    AlreadyRecordedError,
    FutureDateError,
    IncidentReportedBeforeItHappenedError,
    InvalidDetailsError,
    MissingAgencyError,
    UnknownItemError,
)
from domain.personal import ContactMethod
from domain.values import ConsentKind
from domain.victims import VictimKind
from web.steps.choices import OTHER, agency_choice, agency_of, officers
from web.steps.fields import Choice, DateField, Email, LongText, Number, Option, Text, yes_no
from web.steps.step import Context, Step, calls, load_input
from web.steps.victims import CONSENT_STEPS

CHANNELS = (Option("phone", "By phone"), Option("email", "By email"), Option("letter", "By letter"))
HATE = (Option("none", "No"), Option("hate_incident", "Yes, a hate incident"),
        Option("hate_crime", "Yes, a hate crime"))
VICTIM_KINDS = tuple(Option(kind.value, kind.label.capitalize()) for kind in VictimKind)
CONSENTS = tuple(Option(kind.value, kind.label[0].upper() + kind.label[1:]) for kind in ConsentKind)
CONTACT = tuple(Option(method.value, method.label) for method in ContactMethod)
SUPPORT_HINT = ("Optional. Vulnerabilities, health, language or access needs, adjustments, and any risk to them or to "
                "staff")


# The new application's input (``inputs.ReceiveApplication``) by field path → the form field typed into it.
RECEIPT = {
    "channel": "channel", "received_on": "received_on", "applicant.person.name": "name",
    "applicant.person.address": "address", "applicant.person.postcode": "postcode", "applicant.person.phone": "phone",
    "applicant.person.email": "email", "applicant.person.preferred_contact": "preferred_contact",
    "applicant.person.support_needs": "support_needs", "applicant.on_behalf_of_victim": "on_behalf",
    "applicant.relationship": "relationship", "applicant.victims.0.name": "victim_name",
    "applicant.victims.0.address": "victim_address", "applicant.victims.0.postcode": "victim_postcode",
    "applicant.victims.0.phone": "victim_phone", "applicant.victims.0.email": "victim_email",
    "applicant.victims.0.preferred_contact": "victim_preferred_contact",
    "applicant.victims.0.support_needs": "victim_support_needs", "problem.kind": "problem",
    "problem.location": "location", "problem.hate_element": "hate_element", "problem.description": "description",
}


# Each victim's kind and a second victim (several households, or a business or community group), by field path.
VICTIMS_TYPED = {"applicant.victim_details.0.organisation": "victim_organisation",
                 "applicant.victims.1.name": "second_victim_name",
                 "applicant.victim_details.1.organisation": "second_victim_organisation"}


def victims(typed: Mapping[str, Any]) -> dict[str, Any]:
    """The victims' kinds and the second victim as the input's paths (only for an application made for victims)."""
    if not typed["on_behalf"]:
        return {}
    found: dict[str, Any] = {}
    if typed.get("second_victim_name"):
        found.update({"applicant.victims.1.name": typed["second_victim_name"],
                      "applicant.victim_details.1.kind": typed.get("second_victim_kind") or "individual",
                      "applicant.victim_details.1.organisation": typed.get("second_victim_organisation", "")})
    if found or typed.get("victim_kind") not in (None, "", "individual") or typed.get("victim_organisation"):
        found.update({"applicant.victim_details.0.kind": typed.get("victim_kind") or "individual",
                      "applicant.victim_details.0.organisation": typed.get("victim_organisation", "")})
    return found  # none when the one victim is a person: stored as before


def receive(context: Context, values: Mapping[str, Any], actor: str) -> Recorded:
    typed = {**values, "on_behalf": values["on_behalf"] == "yes"}
    given = load_input(inputs.ReceiveApplication, typed,
                       typed_at={**RECEIPT, **VICTIMS_TYPED, "applicant.victims": "victim_name"},
                       **{path: typed[name] for path, name in RECEIPT.items() if name in typed}, **victims(typed))
    return context.back_office.cases.receive_application(**given, actor=actor)


NEW_APPLICATION = Step(
    "new_application", "/applications/new", "Record a new application", "Record the application",
    intro="For an application received by phone, email or letter. Applications made online arrive by themselves.",
    on_case=False, act=receive, done="Application {reference} recorded.",
    refusals={FutureDateError: "received_on"},
    fields=(
        Choice("channel", "How was the application received?", "Select how the application was received",
               options=CHANNELS),
        DateField("received_on", "When was it received?", what="the date the application was received"),
        Text("name", "Applicant's full name", "Enter the applicant's full name", autocomplete="off"),
        Text("address", "Address", hint="Optional"),
        Text("postcode", "Postcode", hint="Optional", max_length=10, width="govuk-input--width-10"),
        Text("phone", "Phone number", hint="Optional", max_length=30, width="govuk-input--width-20",
             input_type="tel"),
        Email("email", "Email address", hint="Optional", max_length=254),
        Choice("preferred_contact", "How would the applicant rather be contacted?",
               hint="Optional. Give the matching detail above", options=CONTACT, inline=True),
        LongText("support_needs", "Support needs or risks", hint=SUPPORT_HINT, max_length=SUPPORT_NEEDS, rows=3),
        yes_no("on_behalf", "Is the applicant applying on behalf of the victim?",
               "Select yes if the applicant is applying on behalf of the victim", yes=(
                   Text("relationship", "Their relationship to the victim",
                        "Enter the applicant's relationship to the victim", hint="For example, carer, councillor or MP",
                        when=("on_behalf", "yes")),
                   Text("victim_name", "Victim's full name", "Enter the victim's full name",
                        when=("on_behalf", "yes")),
                   Text("victim_address", "Victim's address", hint="Optional", when=("on_behalf", "yes")),
                   Text("victim_postcode", "Victim's postcode", hint="Optional", max_length=10,
                        width="govuk-input--width-10", when=("on_behalf", "yes")),
                   Text("victim_phone", "Victim's phone number", hint="Optional", max_length=30,
                        width="govuk-input--width-20", input_type="tel", when=("on_behalf", "yes")),
                   Email("victim_email", "Victim's email address", hint="Optional", max_length=254,
                         when=("on_behalf", "yes")),
                   Choice("victim_preferred_contact", "How would the victim rather be contacted?",
                          hint="Optional. Give the matching detail above", options=CONTACT, inline=True,
                          when=("on_behalf", "yes")),
                   LongText("victim_support_needs", "The victim's support needs or risks", hint=SUPPORT_HINT,
                            max_length=SUPPORT_NEEDS, rows=3, when=("on_behalf", "yes")),
                   Choice("victim_kind", "Is the victim a person, a business or a community group?",
                          hint="Optional: a person unless you say otherwise", options=VICTIM_KINDS,
                          when=("on_behalf", "yes")),
                   Text("victim_organisation", "Name of the business or community group",
                        hint="Only for a business or community group; the name above is its contact",
                        when=("on_behalf", "yes")),
                   Text("second_victim_name", "Another victim's full name (another household, or a contact)",
                        hint="Optional. More victims can be added through the API", when=("on_behalf", "yes")),
                   Choice("second_victim_kind", "Is the other victim a person, a business or a community group?",
                          hint="Optional", options=VICTIM_KINDS, when=("on_behalf", "yes")),
                   Text("second_victim_organisation", "Name of the other victim's business or community group",
                        hint="Only for a business or community group", when=("on_behalf", "yes")))),
        Text("problem", "Type of anti-social behaviour", "Enter the type of anti-social behaviour",
             hint="For example, noise, harassment or vandalism"),
        Text("location", "Where it happens", "Enter where the anti-social behaviour happens",
             hint="A street, estate or address"),
        Choice("hate_element", "Is the behaviour motivated by hate?",
               "Select whether the behaviour is motivated by hate", options=HATE),
        LongText("description", "What is happening", hint="Optional. In the applicant's words, if they gave them."),
    ))


assign = calls(Cases.assign_officer, inputs.AssignOfficer, "officer")


ASSIGN_OFFICER = Step(
    "assign_officer", "/cases/<reference>/officer", "Assign an officer", "Assign the officer",
    commands=(Command.ASSIGN_OFFICER,),
    act=assign, done="Case {reference} assigned to {officer}.",
    fields=(Choice("officer", "Who will handle the case?", "Select the officer who will handle the case",
                   options=officers),))


def log(context: Context, values: Mapping[str, Any], actor: str) -> Recorded:
    given = load_input(inputs.LogIncident, values, "happened_on", "reported_on", "reported_to", "agency_reference",
                       "duplicate_of", "description", agency=agency_of(values),
                       reported_by=values.get("reported_by") or "applicant",
                       hate_related=values["hate_related"] == "yes", informal=values["informal"] == "yes")
    return context.back_office.cases.log_incident(context.reference, **given, actor=actor)


LOG_INCIDENT = Step(
    "log_incident", "/cases/<reference>/incidents/new", "Log an incident", "Log the incident",
    commands=(Command.LOG_INCIDENT,),
    act=log, done="Incident {number} logged on case {reference}.",
    refusals={IncidentReportedBeforeItHappenedError: "reported_on", FutureDateError: "happened_on",
              UnknownItemError: "duplicate_of", MissingAgencyError: "agency", InvalidDetailsError: "duplicate_of"},
    fields=(
        DateField("happened_on", "When did it happen?", what="the date the incident happened", on_the_day=False),
        DateField("reported_on", "When was it reported?", what="the date the incident was reported",
                  on_the_day=False),
        agency_choice("Which agency was it reported to?", "Select the agency the incident was reported to"),
        Text("reported_to", "Officer or team it was reported to", hint="Optional"),
        Text("reported_by", "Who reported it", hint=(
            "Optional: the applicant if left blank. The household that made the report, for example 14 Elm Road; "
            "reports by several households can meet the threshold")),
        Text("agency_reference", "The agency's reference number", hint="Optional, for example a crime number",
             max_length=100, width="govuk-input--width-20"),
        LongText("description", "What happened", hint="Optional"),
        yes_no("hate_related", "Was it hate-related?", "Select yes if the incident was hate-related"),
        yes_no("informal", "Was it an informal report?", "Select yes if it was an informal report",
               hint="For example, a diary sheet or a conversation rather than a report to the agency"),
        Number("duplicate_of", "Same incident as number", hint=(
            "Optional. If this is an incident already logged, reported to another agency as well, enter the "
            "number of the one already logged")),
    ))


def incident(context: Context) -> dict[str, Any]:
    """The incident the form is about, as it stands (None when the case has no such incident)."""
    number = context.args["number"]
    found = next((i for i in context.case.application.incidents if i.number == number), None) if context.case else None
    return {"incident": found, "number": number}


def as_it_stands(context: Context) -> dict[str, Any]:
    """The correction form opens with the incident as it stands, so that only what was wrong is retyped."""
    found = incident(context)["incident"]
    if found is None:
        return {}
    known = found.agency in context.back_office.profile.relevant_bodies
    return {**{name: {"day": str(day.day), "month": str(day.month), "year": str(day.year)}
               for name, day in (("happened_on", found.happened_on), ("reported_on", found.reported_on))},
            "agency": found.agency if known else OTHER, "other_agency": "" if known else found.agency,
            "agency_reference": found.agency_reference, "hate_related": "yes" if found.hate_related else "no",
            "description": found.description.text if found.description else ""}


def correct(context: Context, values: Mapping[str, Any], actor: str) -> Recorded:
    given = load_input(inputs.CorrectIncident, values, "happened_on", "reported_on", "agency_reference", "description",
                       "reason", agency=agency_of(values), hate_related=values["hate_related"] == "yes",
                       number=context.args["number"])
    return context.back_office.cases.correct_incident(context.reference, **given, actor=actor)


CORRECT_INCIDENT = Step(
    "correct_incident", "/cases/<reference>/incidents/<int:number>/correction", "Correct incident {number}",
    "Record the correction", commands=(Command.CORRECT_INCIDENT,), act=correct, extra=incident, prefill=as_it_stands,
    template="steps/incident.html", done="Incident {number} corrected on case {reference}.",
    intro="Enter the incident as it should stand. The history and the ombudsman pack keep what was first logged.",
    refusals={IncidentReportedBeforeItHappenedError: "reported_on", FutureDateError: "happened_on",
              MissingAgencyError: "agency", UnknownItemError: "reason", InvalidDetailsError: "happened_on",
              AlreadyRecordedError: "reason"},
    fields=(
        DateField("happened_on", "When did it happen?", what="the date the incident happened", on_the_day=False),
        DateField("reported_on", "When was it reported?", what="the date the incident was reported",
                  on_the_day=False),
        agency_choice("Which agency was it reported to?", "Select the agency the incident was reported to"),
        Text("agency_reference", "The agency's reference number", hint="Optional, for example a crime number",
             max_length=100, width="govuk-input--width-20"),
        LongText("description", "What happened", hint="Optional"),
        yes_no("hate_related", "Was it hate-related?", "Select yes if the incident was hate-related"),
        LongText("reason", "Why is it corrected?", "Enter why the incident is corrected",
                 hint="For example, the police log gives another date"),
    ))


def strike_out(context: Context, values: Mapping[str, Any], actor: str) -> Recorded:
    given = load_input(inputs.StrikeOutIncident, values, "reason", number=context.args["number"])
    return context.back_office.cases.strike_out_incident(context.reference, **given, actor=actor)


STRIKE_OUT_INCIDENT = Step(
    "strike_out_incident", "/cases/<reference>/incidents/<int:number>/strike-out", "Strike out incident {number}",
    "Strike it out", commands=(Command.STRIKE_OUT_INCIDENT,), act=strike_out, extra=incident,
    template="steps/incident.html", done="Incident {number} struck out on case {reference}.",
    intro="A struck-out incident stays in the record, marked, and no longer counts towards the threshold.",
    fields=(LongText("reason", "Why is it struck out?", "Enter why the incident is struck out",
                     hint="For example, it was logged on the wrong case"),))


GIVE_CONSENT, WITHDRAW_CONSENT = CONSENT_STEPS  # each victim's consent: the victims' steps


STEPS = (NEW_APPLICATION, ASSIGN_OFFICER, LOG_INCIDENT, CORRECT_INCIDENT, STRIKE_OUT_INCIDENT, GIVE_CONSENT,
         WITHDRAW_CONSENT)
