"""Consent, check your answers, sending the application, and the confirmation.

Sending loads every answer through the commands' inputs (``application.inputs``, the same the officer's
forms and the API load through) first, so that a refusal comes before anything is recorded. Then it
receives the application through BackOffice (channel online, actor ``public``), logs each incident and
records each consent. Should a later call be
refused, the application stays received and the confirmation says what was not recorded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import g, redirect, render_template, request, session, url_for
from markupsafe import Markup, escape
from marshmallow import ValidationError
from werkzeug.wrappers import Response

from application.errors import BackOfficeError, ConflictError
from application.inputs import errors_at, load
from application.inputs import intake as inputs
from application.inputs.fields import nested
from domain.errors import CaseRuleError
from domain.periods import long_date
from domain.timescales import Step, due_on
from domain.values import Channel, ConsentKind, HateElement
from web.context import services
from web.forms import Errors
from web.public.answers import BASIS, CONTACT, HATE, HOSTILITY, ConsentSchema, VictimConsentSchema
from web.public.blueprint import blueprint, too_many
from web.public.flow import first_unanswered
from web.public.limits import SUBMISSIONS
from web.public.pages import View, back_link, go_on, needs_draft
from web.public.state import PROBLEMS_KEY, REFERENCE_KEY, SESSION_KEY, now, save_answers, stores

ACTOR = "public"


# ------------------------------------------------------------------------------------------------ consent
@blueprint.route("/consent", methods=["GET", "POST"])
@needs_draft
def consent() -> View:
    answers = g.answers
    behalf = answers.get("basis") == "behalf"
    if request.method == "POST":
        values, errors = (VictimConsentSchema() if behalf else ConsentSchema()).validate_form(request.form.to_dict())
        if not errors:
            answers["consent"] = {"share": True, "victim": behalf}
            save_answers(answers)
            return go_on("consent", answers)
        return show_consent(values, errors, behalf), 400
    given = answers.get("consent") or {}
    values = {"share": "yes" if given.get("share") else None,
              "victim-consent": "yes" if given.get("victim") else None}
    return show_consent(values, Errors(), behalf)


def show_consent(values: dict[str, Any], errors: Errors, behalf: bool) -> str:
    return render_template("public/consent.html", title="Consent to share information", values=values,
                           errors=errors, behalf=behalf, back=back_link("consent", g.answers),
                           victim_name=(g.answers.get("victim") or {}).get("name", "the victim"),
                           agencies=services().back_office.profile.relevant_bodies)


# ------------------------------------------------------------------------------------------ check answers
@blueprint.get("/check")
@needs_draft
def check() -> View:
    missing = first_unanswered(g.answers)
    if missing:
        return redirect(url_for(f"public.{missing}"))
    return show_check(Errors())


def show_check(errors: Errors) -> str:
    return render_template("public/check.html", title="Check your answers before sending your application",
                           sections=sections(g.answers), errors=errors, back=back_link("check", g.answers))


def change(endpoint: str, **kwargs: Any) -> str:
    return url_for(f"public.{endpoint}", change="1", **kwargs)


def row(key: str, value: str, href: str | None, hidden: str) -> dict[str, Any]:
    lines = (value or "Not given").splitlines()
    shown = {"html": Markup("<br>").join(escape(line) for line in lines)} if len(lines) > 1 else {"text": lines[0]}
    found = {"key": {"text": key}, "value": shown}
    if href:
        found["actions"] = {"items": [{"href": href, "text": "Change", "visuallyHiddenText": hidden}]}
    return found


def person_rows(person: dict[str, Any], endpoint: str, whose: str) -> list[dict[str, Any]]:
    them = "you" if whose == "your" else "them"
    method = CONTACT.get(person.get("preferred_contact", ""), ("",))[0]  # a draft saved before it was asked: none
    rows = [row("Full name", person.get("name", ""), change(endpoint), f"{whose} full name"),
            row("Address", person.get("address", ""), change(endpoint), f"{whose} address"),
            row("Postcode", person.get("postcode", ""), change(endpoint), f"{whose} postcode"),
            row("Telephone", person.get("phone", ""), change(endpoint), f"{whose} telephone number"),
            row("Email", person.get("email", ""), change(endpoint), f"{whose} email address"),
            row(f"How we should contact {them}", method, change(endpoint), f"how we should contact {them}"),
            row(f"What we should know to keep {them} safe or help {them} take part", person.get("support_needs", ""),
                change(endpoint), f"what we should know to keep {them} safe")]
    if "relationship" in person:
        rows.append(row("Your relationship to them", person["relationship"], change(endpoint),
                        "your relationship to the victim"))
    return rows


def sections(answers: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    basis = answers["basis"]
    found = [("Your application", [row("Who you are applying for", BASIS[basis][0], change("basis"),
                                       "who you are applying for")])]
    if basis == "households":
        households = answers["households"]
        found[0][1].extend([
            row("Households affected", str(households["count"]), change("households"), "how many households"),
            row("About the households", households.get("details", ""), change("households"), "about the households"),
        ])
    found.append(("Your details", person_rows(answers["applicant"], "your_details", "your")))
    if basis == "behalf":
        found.append(("The victim", person_rows(answers["victim"], "victim", "the victim's")))
    problem = answers["problem"]
    problem_rows = [
        row("Type of anti-social behaviour", problem["kind"], change("problem"), "the type of anti-social behaviour"),
        row("Where it happens", problem["location"], change("problem"), "where it happens"),
        row("Description", problem["description"], change("problem"), "the description"),
        row("Hostility or prejudice", HATE[answers["hate"]][0], change("hate"), "whether there was hostility"),
    ]
    if answers["hate"] != "none":
        problem_rows.append(row("What it was about", ", ".join(HOSTILITY[k] for k in answers.get("hostility", [])),
                                change("hostility"), "what the hostility was about"))
    found.append(("The problem", problem_rows))
    found.append(("Incidents", [
        row(f"Incident {number}", incident_text(incident), change("change_incident", number=number),
            f"incident {number}")
        for number, incident in enumerate(answers["incidents"], start=1)
    ]))
    consent_rows = [row("Sharing your information", "You agree to it being shared with the agencies",
                        change("consent"), "your consent to sharing")]
    if basis == "behalf":
        consent_rows.append(row("The victim's agreement", "The victim agrees to you applying for them",
                                change("consent"), "the victim's agreement"))
    found.append(("Consent", consent_rows))
    return found


def reported_by(incident: dict[str, Any]) -> str:
    """Who reported it, as the incident stores it: the applicant's household, or the other household named (a
    draft saved before the question was asked: the applicant)."""
    return str(incident["household"]) if incident.get("reported_by") == "other" else "applicant"


def incident_text(incident: dict[str, Any]) -> str:
    text = (f"Happened {long_date(date.fromisoformat(incident['happened']))}; reported "
            f"{long_date(date.fromisoformat(incident['reported']))} to {incident['agency']}")
    if incident.get("reported_to"):
        text += f" ({incident['reported_to']})"
    if incident.get("reference"):
        text += f", reference {incident['reference']}"
    if incident.get("reported_by") == "other":
        text += f"; reported by another household: {incident['household']}"
    if incident.get("hate_related") == "yes":
        text += "; you think it was motivated by hostility or prejudice"
    return f"{text}. {incident['description']}"


# -------------------------------------------------------------------------------------------------- send
@dataclass(frozen=True)
class Submission:
    """The commands' inputs, loaded through ``application.inputs`` before anything is recorded."""

    received: dict[str, Any]  # receive_application's input
    incidents: list[dict[str, Any]]  # log_incident's input, one per incident
    consents: list[dict[str, Any]]  # give_consent's input, one per consent


PERSON = ("name", "address", "postcode", "phone", "email", "preferred_contact", "support_needs")


def build(answers: dict[str, Any], today: date) -> Submission:
    """Every command's input, loaded through its schema; raises ``ValidationError`` if one is refused."""
    basis = answers["basis"]
    flat: dict[str, Any] = {"channel": Channel.ONLINE.value, "received_on": today,
                            **{f"applicant.person.{name}": answers["applicant"][name]
                               for name in PERSON if answers["applicant"].get(name)}}
    if basis == "behalf":
        victim = answers["victim"]
        flat.update({"applicant.on_behalf_of_victim": True, "applicant.relationship": victim["relationship"],
                     **{f"applicant.victims.0.{name}": victim[name] for name in PERSON if victim.get(name)}})
    description = answers["problem"]["description"]
    if basis == "households":
        households = answers["households"]
        note = f"Application for {households['count']} households."
        if households.get("details"):
            note += f" {households['details']}"
        description = f"{note}\n\n{description}"
    hate = HateElement(answers["hate"])
    flat.update({"problem.kind": answers["problem"]["kind"], "problem.location": answers["problem"]["location"],
                 "problem.hate_element": hate.value, "problem.description": description,
                 "problem.protected_characteristics": [HOSTILITY[k] for k in answers.get("hostility", [])]
                 if hate is not HateElement.NONE else []})
    received = load(inputs.ReceiveApplication, nested(flat))
    incidents = [load(inputs.LogIncident, {
        "happened_on": incident["happened"], "reported_on": incident["reported"], "agency": incident["agency"],
        "reported_to": incident.get("reported_to", ""), "agency_reference": incident.get("reference", ""),
        "description": incident["description"], "hate_related": incident.get("hate_related") == "yes",
        "reported_by": reported_by(incident)}) for incident in answers["incidents"]]
    consents = [(ConsentKind.SHARE_WITH_AGENCIES, answers["applicant"]["name"])]
    if basis == "behalf":
        consents.insert(0, (ConsentKind.VICTIM_CONSENT, answers["victim"]["name"]))
    return Submission(received, incidents, [load(inputs.GiveConsent, nested(
        {"kind": kind.value, "given_on": today, "given_by": given_by})) for kind, given_by in consents])


@blueprint.post("/check")
def send() -> View:
    claimed = claim_draft()
    if claimed is None:
        return redirect(url_for("public.confirmation" if REFERENCE_KEY in session else "public.start"))
    g.answers = claimed
    if first_unanswered(claimed):
        save_answers(claimed)
        return redirect(url_for(f"public.{first_unanswered(claimed)}"))
    if not stores().limiter.allow(request.remote_addr or "unknown", SUBMISSIONS, now()):
        save_answers(claimed)
        return too_many(SUBMISSIONS)
    back_office = services().back_office
    try:
        submission = build(claimed, back_office.today())
        reference = back_office.cases.receive_application(**submission.received, actor=ACTOR).reference
    except ValidationError as invalid:  # an answer the pages let through that the application's input refuses
        save_answers(claimed)
        return show_check(Errors({"send": next(iter(errors_at(invalid.messages).values()))[0]})), 400
    except (CaseRuleError, BackOfficeError) as refusal:
        save_answers(claimed)
        return show_check(Errors({"send": str(refusal)})), 409 if isinstance(refusal, ConflictError) else 400
    session[REFERENCE_KEY] = reference
    session[PROBLEMS_KEY] = record_the_rest(reference, submission)
    return redirect(url_for("public.confirmation"))


def claim_draft() -> dict[str, Any] | None:
    """Takes this visitor's draft out of the store (once: a second click finds nothing)."""
    draft_id = session.pop(SESSION_KEY, None)
    return stores().drafts.claim(draft_id, now()) if draft_id else None


def record_the_rest(reference: str, submission: Submission) -> list[str]:
    """Logs the incidents and records the consents; returns what could not be recorded."""
    back_office, problems = services().back_office, []
    for number, incident in enumerate(submission.incidents, start=1):
        try:
            back_office.cases.log_incident(reference, **incident, actor=ACTOR)
        except (CaseRuleError, BackOfficeError) as refusal:
            problems.append(f"Incident {number} was not recorded: {refusal}")
    for consent_given in submission.consents:
        try:
            back_office.cases.give_consent(reference, **consent_given, actor=ACTOR)
        except (CaseRuleError, BackOfficeError) as refusal:
            problems.append(f"{consent_given['kind'].label.capitalize()} was not recorded: {refusal}")
    return problems


# ------------------------------------------------------------------------------------------- confirmation
@blueprint.get("/confirmation")
def confirmation() -> str | Response:
    reference = session.get(REFERENCE_KEY)
    if not reference:
        return redirect(url_for("public.start"))
    back_office = services().back_office
    timescales, received = back_office.profile.timescales, back_office.today()

    def due(step: Step) -> str:
        return long_date(due_on(step, received, timescales, back_office.calendar))

    return render_template(
        "public/confirmation.html", title="Application sent", reference=reference,
        problems=session.get(PROBLEMS_KEY, []), errors=Errors(),
        acknowledge_days=timescales.acknowledge, decision_days=timescales.threshold_decision,
        acknowledge_by=due(Step.ACKNOWLEDGE), decide_by=due(Step.THRESHOLD_DECISION))
