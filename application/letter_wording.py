"""The letters' wording in the partnership profile: which texts each letter has, the fixed list of
``$placeholders`` each may use, and their substitution.

Wording is plain text with ``string.Template`` placeholders (``$reference`` or ``${reference}``;
``$$`` for a dollar sign). It is never a template that runs: a placeholder is replaced by a value
and the result is escaped when the letter is rendered, so wording can neither run code nor reach
attributes. A blank line starts a new paragraph.
"""

from __future__ import annotations

from collections.abc import Mapping
from string import Template

from domain.values import LetterKind

COMMON_KEYS = ("signature", "sign_off", "address", "contact")

TEXT_KEYS: dict[LetterKind, tuple[str, ...]] = {
    LetterKind.ACKNOWLEDGEMENT: ("subject", "body"),
    LetterKind.THRESHOLD_DECISION: ("subject", "met", "not_met", "appeal", "closing"),
    LetterKind.APPEAL_OUTCOME: ("subject", "appeal_upheld", "appeal_dismissed", "challenge_upheld",
                                "challenge_dismissed", "closing"),
    LetterKind.DELAY: ("subject", "body"),
    LetterKind.OUTCOME: ("subject", "opening", "secondary_review", "closing"),
    LetterKind.AGENCY_RECOMMENDATIONS: ("subject", "opening", "closing"),
    LetterKind.SECONDARY_REVIEW_OUTCOME: ("subject", "body", "closing"),
    LetterKind.REJECTION: ("subject", "body", "challenge", "closing"),
    LetterKind.WITHDRAWAL: ("subject", "body"),
    LetterKind.ACTIONS_COMPLETED: ("subject", "body", "closing"),
    LetterKind.INFORMATION_REQUEST: ("subject", "body", "closing"),
    LetterKind.VICTIM_INVITATION: ("subject", "in_person", "virtual", "closing"),
}

COMMON_PLACEHOLDERS = ("reference", "partnership", "lead_agency", "applicant_name", "received_on",
                       "letter_date", "problem", "location")

# The escalation routes' placeholders (``domain/routes.py``): route (a) as ``appeal_…``, route (b) as
# ``secondary_review_…``.
APPEAL_ROUTE = ("appeal_body", "appeal_email", "appeal_working_days", "appeal_answer_working_days",
                "appeal_description")
REVIEW_ROUTE = ("secondary_review_body", "secondary_review_email", "secondary_review_working_days",
                "secondary_review_answer_working_days", "secondary_review_description")

PLACEHOLDERS: dict[LetterKind, tuple[str, ...]] = {
    LetterKind.ACKNOWLEDGEMENT: (*COMMON_PLACEHOLDERS, "decision_due_on"),
    LetterKind.THRESHOLD_DECISION: (*COMMON_PLACEHOLDERS, "decided_on", *APPEAL_ROUTE),
    LetterKind.APPEAL_OUTCOME: (*COMMON_PLACEHOLDERS, "decided_on", "appeal_decided_on", "appeal_body"),
    LetterKind.DELAY: (*COMMON_PLACEHOLDERS, "panel_held_on", "delay_reason", "expected_by",
                       "outcome_working_days"),
    # $appeal_description here is route (b)'s how_to_ask: the one route of wording written before [routes].
    LetterKind.OUTCOME: (*COMMON_PLACEHOLDERS, "panel_held_on", "recommendation_count", "appeal_description",
                         *REVIEW_ROUTE),
    LetterKind.AGENCY_RECOMMENDATIONS: (*COMMON_PLACEHOLDERS, "agency", "panel_held_on",
                                        "recommendation_count", "response_due_on"),
    LetterKind.SECONDARY_REVIEW_OUTCOME: (*COMMON_PLACEHOLDERS, "concluded_on", "outcome",
                                          "secondary_review_reason", "secondary_review_body"),
    LetterKind.REJECTION: (*COMMON_PLACEHOLDERS, "rejected_on", "rejection_ground", "challenge_by", *APPEAL_ROUTE),
    LetterKind.WITHDRAWAL: (*COMMON_PLACEHOLDERS, "withdrawn_on"),
    LetterKind.ACTIONS_COMPLETED: (*COMMON_PLACEHOLDERS, "panel_held_on", "recommendation_count",
                                   "actions_completed_on"),
    LetterKind.INFORMATION_REQUEST: (*COMMON_PLACEHOLDERS, "agency", "requested_on", "information_due_on"),
    LetterKind.VICTIM_INVITATION: (*COMMON_PLACEHOLDERS, "victim_name", "panel_date", "invited_on"),
}


def placeholder_problem(kind: LetterKind, text: str) -> str | None:
    """What is wrong with the placeholders of ``text`` for a ``kind`` letter, or None."""
    template = Template(text)
    if not template.is_valid():
        return ("A $ must start a placeholder such as $reference (or ${reference}); write $$ for a "
                "dollar sign.")
    allowed = PLACEHOLDERS[kind]
    unknown = [name for name in template.get_identifiers() if name not in allowed]
    if unknown:
        return (f"Unknown placeholder ${unknown[0]}; this letter can use "
                + ", ".join(f"${name}" for name in allowed) + ".")
    return None


def fill(text: str, values: Mapping[str, str]) -> str:
    """``text`` with its placeholders replaced (checked when the profile was loaded)."""
    return Template(text).substitute(values)


def paragraphs(text: str) -> list[str]:
    """The paragraphs of ``text``: separated by a blank line; line breaks inside one become spaces."""
    return [" ".join(block.split()) for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]
