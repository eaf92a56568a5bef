"""Which letters a case has reached, and to whom each goes. A letter is available once the step it
reports has been recorded (the acknowledgement, and the letters that are themselves a step, as soon
as the case is at that step); the agency letter is one per agency with recommendations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.application import Application, Ending
from domain.case_review import CaseReview, Recommendation
from domain.errors import LetterNotAvailableError
from domain.values import LetterKind

APPLICANT = "applicant"

TITLES = {
    LetterKind.ACKNOWLEDGEMENT: "Acknowledgement",
    LetterKind.THRESHOLD_DECISION: "Threshold decision",
    LetterKind.APPEAL_OUTCOME: "Decision on the request for a review",
    LetterKind.DELAY: "Delay letter",
    LetterKind.OUTCOME: "Outcome letter: findings and recommendations",
    LetterKind.AGENCY_RECOMMENDATIONS: "Recommendations to {agency}",
    LetterKind.SECONDARY_REVIEW_OUTCOME: "Secondary review outcome",
    LetterKind.REJECTION: "Rejection, and how to challenge it",
    LetterKind.WITHDRAWAL: "Withdrawal",
    LetterKind.ACTIONS_COMPLETED: "Actions completed",
    LetterKind.INFORMATION_REQUEST: "Request for information to {agency}",
    LetterKind.VICTIM_INVITATION: "The victim's invitation to the review panel",
}
# The letters that go to an agency, each to the agencies the case gives it.
TO_AGENCIES = frozenset({LetterKind.AGENCY_RECOMMENDATIONS, LetterKind.INFORMATION_REQUEST})


@dataclass(frozen=True)
class AvailableLetter:
    kind: LetterKind
    recipient: str  # "applicant" or the agency's name
    title: str


def letters_reached(application: Application, review: CaseReview | None) -> list[AvailableLetter]:
    """Every letter the case has reached, in the order of the process."""
    found = [_applicant_letter(kind) for kind in LetterKind
             if kind not in TO_AGENCIES and _reached(kind, application, review)]
    found += [_agency_letter(agency, LetterKind.INFORMATION_REQUEST) for agency in agencies_asked(review)]
    found += [_agency_letter(agency) for agency in agencies_with_recommendations(review)]
    return found


def require_letter(application: Application, review: CaseReview | None, kind: LetterKind,
                   recipient: str = APPLICANT) -> AvailableLetter:
    """The letter asked for; refuses when the case has not reached it or it does not go to ``recipient``."""
    recipient = (recipient or APPLICANT).strip()
    if kind is LetterKind.AGENCY_RECOMMENDATIONS:
        return _agency_letter(_agency(application, review, recipient))
    if kind is LetterKind.INFORMATION_REQUEST:
        return _agency_letter(_agency_asked(application, review, recipient), kind)
    if recipient.lower() != APPLICANT:
        raise LetterNotAvailableError(
            f"The {TITLES[kind].lower()} goes to the applicant, not {recipient}; leave out the recipient."
        )
    if not _reached(kind, application, review):
        raise LetterNotAvailableError(_not_reached(kind, application))
    return _applicant_letter(kind)


def agencies_with_recommendations(review: CaseReview | None) -> list[str]:
    """The agencies with recommendations, in the order of their first one."""
    return list(dict.fromkeys(r.agency for r in review.recommendations)) if review else []


def agencies_asked(review: CaseReview | None) -> list[str]:
    """The agencies asked for their information for the review, in the order they were asked."""
    return list(review.agency_requests) if review else []


def recommendations_for(review: CaseReview | None, agency: str) -> list[Recommendation]:
    return [r for r in review.recommendations if r.agency == agency] if review else []


def _reached(kind: LetterKind, application: Application, review: CaseReview | None) -> bool:
    match kind:
        case LetterKind.ACKNOWLEDGEMENT:
            return bool(application.acknowledged_on or not application.ended)
        case LetterKind.THRESHOLD_DECISION:
            return application.decision is not None
        case LetterKind.DELAY:
            return bool(review and review.delays)
        case LetterKind.OUTCOME:
            return bool(review and review.panel_held_on)
        case LetterKind.SECONDARY_REVIEW_OUTCOME:
            return bool(review and review.secondary_concluded_on)
        case LetterKind.APPEAL_OUTCOME:
            return application.appeal_outcome is not None or application.challenge_outcome is not None
        case LetterKind.REJECTION:
            return application.rejection_ground is not None and application.ended is Ending.REJECTED
        case LetterKind.WITHDRAWAL:
            return application.ended is Ending.WITHDRAWN
        case LetterKind.ACTIONS_COMPLETED:
            return bool(review and review.actions_completed_on)
        case LetterKind.VICTIM_INVITATION:
            return bool(review and review.victim_invited_on)
    return False


def _not_reached(kind: LetterKind, application: Application) -> str:
    reference = application.reference
    return {
        LetterKind.ACKNOWLEDGEMENT: f"{reference} was {application.ended} before it was acknowledged, so there "
                                    "is no acknowledgement letter to produce.",
        LetterKind.THRESHOLD_DECISION: f"Decide the threshold for {reference} before producing the threshold "
                                       "decision letter.",
        LetterKind.DELAY: f"No delay has been recorded for {reference}; record the delay (its reason and the "
                          "date the outcome is now expected) before producing the delay letter.",
        LetterKind.OUTCOME: f"Record the review panel for {reference}, with its findings, before producing the "
                            "outcome letter.",
        LetterKind.SECONDARY_REVIEW_OUTCOME: f"Record the conclusion of the secondary review for {reference} "
                                             "before producing its outcome letter.",
        LetterKind.APPEAL_OUTCOME: f"Record the decision on the appeal or the challenge for {reference} before "
                                   "producing the letter that tells the applicant of it.",
        LetterKind.REJECTION: f"{reference} has not been rejected; record the rejection, with its ground and "
                              "reason, before producing the rejection letter.",
        LetterKind.WITHDRAWAL: f"{reference} has not been withdrawn; record the withdrawal before producing its "
                               "letter.",
        LetterKind.ACTIONS_COMPLETED: f"The applicant is told the actions are completed once every recommendation "
                                      f"of {reference} is completed or declined, and at least one was completed; "
                                      "record the agencies' responses first.",
        LetterKind.VICTIM_INVITATION: f"Record the victim's invitation to the panel of {reference} (in person or "
                                      "virtually) before producing the invitation letter.",
    }[kind]


def _agency(application: Application, review: CaseReview | None, recipient: str) -> str:
    agencies = agencies_with_recommendations(review)
    if not agencies:
        raise LetterNotAvailableError(
            f"{application.reference} has no recommendations yet; issue them before producing a letter to an "
            "agency."
        )
    for agency in agencies:
        if agency.lower() == recipient.lower():
            return agency
    which = "Name the agency the letter goes to" if recipient.lower() == APPLICANT else (
        f"{recipient} has no recommendation in {application.reference}; name an agency that has")
    raise LetterNotAvailableError(f"{which}: {', '.join(agencies)}.")


def _agency_asked(application: Application, review: CaseReview | None, recipient: str) -> str:
    agencies = agencies_asked(review)
    for agency in agencies:
        if agency.lower() == recipient.lower():
            return agency
    if not agencies:
        raise LetterNotAvailableError(
            f"No agency has been asked for information in {application.reference}; record the request first.")
    raise LetterNotAvailableError(f"{recipient} was not asked for information in {application.reference}; name an "
                                  f"agency that was: {', '.join(agencies)}.")


def _applicant_letter(kind: LetterKind) -> AvailableLetter:
    return AvailableLetter(kind, APPLICANT, TITLES[kind])


def _agency_letter(agency: str, kind: LetterKind = LetterKind.AGENCY_RECOMMENDATIONS) -> AvailableLetter:
    return AvailableLetter(kind, agency, TITLES[kind].format(agency=agency))


def sent_as_step_on(kind: LetterKind, application: Application, review: CaseReview | None) -> date | None:
    """The date a letter that is itself a step was sent, as its step records it (None for the others, or not yet):
    recording the step by any route (the letter, the API) sends the letter."""
    if kind is LetterKind.ACKNOWLEDGEMENT:
        return application.acknowledged_on
    if kind is LetterKind.THRESHOLD_DECISION:
        return application.decision_letter_sent_on
    if kind is LetterKind.OUTCOME and review is not None:
        return review.outcome_letter_sent_on
    return None
