"""What a letter says about its case: the values of the placeholders, and the case's own text
(reasons, findings, recommendations) that the layout shows beneath the partnership's wording."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from application.letter_wording import PLACEHOLDERS, TEXT_KEYS, fill, paragraphs
from application.queries import Case
from domain.application import AppealOutcome, Application
from domain.case_review import CaseReview, Recommendation
from domain.letters import APPLICANT, recommendations_for
from domain.periods import long_date
from domain.personal import Person
from domain.profile import LetterWording, PartnershipProfile
from domain.routes import EscalationRoutes
from domain.timescales import Deadline, Step, WorkingCalendar
from domain.values import LetterKind
from domain.victims import MeetingFormat

OUTCOMES = {
    "original_review_upheld": "the original review and its recommendations stand",
    "further_recommendations": "{body} made further recommendations, set out below",
    "new_review_ordered": "a new case review will be held",
}


@dataclass(frozen=True)
class LetterFacts:
    """Everything a letter needs besides the case: the partnership, its wording and the dates."""

    profile: PartnershipProfile
    wording: LetterWording
    deadlines: list[Deadline]
    letter_date: date
    calendar: WorkingCalendar
    escalation_reason: str = ""  # the body's reasons, for the letter telling its decision


def letter_context(case: Case, kind: LetterKind, recipient: str, facts: LetterFacts) -> dict[str, Any]:
    """The values the layout of a ``kind`` letter to ``recipient`` is rendered with."""
    values = _placeholders(case, kind, recipient, facts)
    texts = facts.wording.texts[kind.value]
    filled = {key: paragraphs(fill(texts[key], values)) for key in TEXT_KEYS[kind] if key != "subject"}
    application, wording = case.application, facts.wording
    to_applicant = recipient == APPLICANT
    person = invited_victim(application) if kind is LetterKind.VICTIM_INVITATION else application.applicant.person
    return {
        **_case_text(case, kind, recipient, facts),
        "subject": " ".join(fill(texts["subject"], values).split()),
        "text": filled,
        "partnership": facts.profile.name,
        "partnership_address": _lines(wording.address),
        "contact": wording.contact,
        "addressee": person.name if to_applicant else recipient,
        "addressee_address": _lines(person.address) + ([person.postcode] if person.postcode else [])
        if to_applicant else _agency_address(facts, recipient),
        "salutation": person.name if to_applicant else "colleague",
        "letter_date": values["letter_date"],
        "reference": application.reference,
        "sign_off": wording.sign_off,
        "signature": wording.signature,
    }


def _placeholders(case: Case, kind: LetterKind, recipient: str, facts: LetterFacts) -> dict[str, str]:
    application, review, profile = case.application, case.review, facts.profile
    values = {
        "reference": application.reference,
        "partnership": profile.name,
        "lead_agency": profile.lead_agency,
        "applicant_name": application.applicant.person.name,
        "received_on": long_date(application.received_on),
        "letter_date": long_date(facts.letter_date),
        "problem": application.problem.kind,
        "location": application.problem.location,
        "decision_due_on": _due(facts.deadlines, Step.THRESHOLD_DECISION),
        "decided_on": _date(application.decided_on),
        "outcome_working_days": str(profile.timescales.outcome_letter),
        "rejected_on": _date(application.ended_on) if application.rejection_ground else "",
        "rejection_ground": application.rejection_ground.label if application.rejection_ground else "",
        "victim_name": invited_victim(application).name,
        "challenge_by": long_date(facts.calendar.add_working_days(facts.letter_date, profile.routes.decision.window)),
        "appeal_decided_on": _date(application.challenge_decided_on or application.appeal_decided_on),
        "withdrawn_on": _date(application.ended_on),
        **route_placeholders(profile.routes),
        **_review_placeholders(review, recipient, profile.routes.review.body),
    }
    if kind is LetterKind.OUTCOME:  # wording written before [routes] meant the one route there was
        values["appeal_description"] = profile.routes.review.how_to_ask
    return {name: values[name] for name in PLACEHOLDERS[kind]}


def route_placeholders(routes: EscalationRoutes) -> dict[str, str]:
    """Route (a) as ``$appeal_…``, route (b) as ``$secondary_review_…``: the body the profile names, its
    address and timescales, and how to ask it (``domain/routes.py``)."""
    found = {}
    for prefix, route in (("appeal", routes.decision), ("secondary_review", routes.review)):
        found |= {f"{prefix}_body": route.body, f"{prefix}_email": route.email,
                  f"{prefix}_working_days": str(route.window),
                  f"{prefix}_answer_working_days": str(route.answer_within),
                  f"{prefix}_description": route.how_to_ask}
    return found


def _review_placeholders(review: CaseReview | None, recipient: str, body: str) -> dict[str, str]:
    if review is None:
        return {}
    delay = review.delays[-1] if review.delays else None
    own = recommendations_for(review, recipient)
    outcome = review.secondary_outcome
    asked = review.agency_requests.get(recipient)
    return {
        "requested_on": _date(asked.requested_on if asked else None),
        "information_due_on": _date(asked.due_on if asked else None),
        "panel_held_on": _date(review.panel_held_on),
        "delay_reason": delay.reason if delay else "",
        "expected_by": _date(delay.expected_by if delay else None),
        "recommendation_count": str(len(own if own else review.recommendations)),
        "agency": recipient,
        "response_due_on": _date(min((r.response_due_on for r in own), default=None)),
        "concluded_on": _date(review.secondary_concluded_on),
        "outcome": OUTCOMES.get(outcome.value, outcome.value).format(body=body) if outcome else "",
        "secondary_review_reason": review.secondary_reason,
        "actions_completed_on": _date(review.actions_completed_on),
        "panel_date": _date(review.panel_date),
        "invited_on": _date(review.victim_invited_on),
    }


def _case_text(case: Case, kind: LetterKind, recipient: str, facts: LetterFacts) -> dict[str, Any]:
    """The case's own words the layout shows: reasons, findings, recommendations."""
    application, review = case.application, case.review
    assessment = application.assessment
    recommendations = recommendations_for(review, recipient) if kind is LetterKind.AGENCY_RECOMMENDATIONS \
        else (review.recommendations if review else []) if kind is LetterKind.ACTIONS_COMPLETED \
        else _of_review(review, secondary=kind is LetterKind.SECONDARY_REVIEW_OUTCOME)
    return {
        "met": application.decision is not None and application.decision.is_met,
        "decision_reason": application.decision_reason,
        "alternative_action": application.alternative_action,
        "verdicts": list(assessment.verdicts) if assessment else [],
        # Where only the Act's test was met (the local rules are stricter), the letter says so.
        "statutory_qualifying": assessment.statutory.qualifying if assessment and assessment.disagreement else 0,
        "findings": str(review.findings) if review and review.findings else "",
        "secondary_review_reason": review.secondary_reason if review else "",
        "rejection_reason": application.ending_reason if application.rejection_ground else "",
        "challenge": application.challenge_outcome is not None,
        "escalation_reason": facts.escalation_reason,
        "upheld": (application.challenge_outcome or application.appeal_outcome) is AppealOutcome.UPHELD,
        "escalation_heading": f"How to ask {facts.profile.routes.decision.body} to look at this again",
        "review_body": facts.profile.routes.review.body,
        "agency": recipient,
        "virtual": review is not None and review.invitation_format is MeetingFormat.VIRTUAL,
        "recommendations": [_recommendation(r) for r in recommendations],
    }


def _of_review(review: CaseReview | None, *, secondary: bool) -> list[Recommendation]:
    """The recommendations of the review panel, or only those the secondary review itself made."""
    if review is None:
        return []
    return review.secondary_recommendations if secondary else review.panel_recommendations


def _recommendation(recommendation: Recommendation) -> dict[str, Any]:
    completed, declined = recommendation.completed_on, recommendation.declined_on
    return {"number": recommendation.number, "agency": recommendation.agency, "text": recommendation.text,
            "response_due_on": long_date(recommendation.response_due_on),
            "what_became_of_it": f"completed on {long_date(completed)}" if completed
            else f"declined on {long_date(declined)}" if declined else "not yet completed"}


def invited_victim(application: Application) -> Person:
    """Whom the invitation to the panel goes to: the victim who applied, or the first victim named."""
    applicant = application.applicant
    return applicant.victims[0] if applicant.on_behalf_of_victim and applicant.victims else applicant.person


def _agency_address(facts: LetterFacts, agency: str) -> list[str]:
    """The postal address of an agency the profile lists as a relevant body (none for another agency)."""
    body = facts.profile.body(agency)
    return body.address_lines if body else []


def _due(deadlines: list[Deadline], step: Step) -> str:
    return next((long_date(d.due_on) for d in deadlines if d.step is step), "")


def _date(day: date | None) -> str:
    return long_date(day) if day else ""


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\n", ",").split(",") if line.strip()]
