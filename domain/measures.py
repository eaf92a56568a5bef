"""What one case contributes to the yearly statistics, from its two aggregates: the one place the counting rules
live (docs/STATISTICS.md gives each with the law behind it). The read model keeps a case's measures; the report
adds them up for the cases whose application was received in the year.

The four measures s.104(10) of the 2014 Act asks the relevant bodies to publish, each counted on its own:

* ``received``: every application (whatever became of it);
* ``threshold_not_met``: a "not met" decision was made on it, even if an appeal later overturned it (the Act
  counts the number of *times* the bodies decided the threshold was not met);
* ``reviews_carried_out``: its review panel was held (a review opened but withdrawn before the panel was not
  carried out);
* ``reviews_with_recommendations``: its review was carried out and made at least one recommendation.

Then: ``threshold_met`` (met, met by discretion or met on appeal: the review was opened), rejections, appeals and
secondary reviews by outcome, the victim invited and attending, and recommendations issued, completed, completed
by their target date and declined.

Escalations by body and outcome (``escalations``): each appeal, challenge to a rejection and secondary review the
case went to, with the body the profile's route names for it (``[routes.decision]`` for an appeal or a challenge,
``[routes.review]`` for a secondary review; Schedule 4 paragraph 3) and its outcome, or "awaiting decision"."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from domain.application import AppealOutcome, Application, ThresholdDecision
from domain.case_review import CaseReview
from domain.routes import Dissatisfaction, EscalationRoutes
from domain.values import SecondaryReviewOutcome

AWAITING = "awaiting_decision"
# Every request and the outcomes it can have, in the order the report and the onward return list them: each
# (request, outcome) is a fixed field name of the return, so recipients can map it once.
ESCALATION_OUTCOMES: tuple[tuple[str, Dissatisfaction, tuple[str, ...]], ...] = (
    ("appeal", Dissatisfaction.DECISION, (AppealOutcome.UPHELD.value, AppealOutcome.DISMISSED.value, AWAITING)),
    ("challenge", Dissatisfaction.DECISION, (AppealOutcome.UPHELD.value, AppealOutcome.DISMISSED.value, AWAITING)),
    ("secondary_review", Dissatisfaction.REVIEW, (*(o.value for o in SecondaryReviewOutcome), AWAITING)),
)
REQUEST_LABELS = {"appeal": "Appeal against \"not met\"", "challenge": "Challenge to a rejection",
                  "secondary_review": "Secondary review"}
OUTCOME_LABELS = {"upheld": "Upheld", "dismissed": "Dismissed", AWAITING: "Awaiting decision",
                  "original_review_upheld": "Original review upheld",
                  "further_recommendations": "Further recommendations", "new_review_ordered": "New review ordered"}


@dataclass(frozen=True)
class Escalation:
    """One request the applicant made to a route's body, as the statistics count it."""

    body: str  # as the profile's route names it
    request: str  # "appeal", "challenge" or "secondary_review"
    outcome: str  # one of the request's outcomes in ESCALATION_OUTCOMES

    @property
    def key(self) -> str:
        """The onward return's field for it (without the body): e.g. ``escalations_appeal_upheld``."""
        return f"escalations_{self.request}_{self.outcome}"


def escalations(application: Application, review: CaseReview | None, routes: EscalationRoutes) -> list[Escalation]:
    """The case's escalations, each with its body and outcome (the one place they are counted)."""
    found = []
    body = dict((request, routes.for_(route).body) for request, route, _ in ESCALATION_OUTCOMES)
    if application.appeal_lodged_on is not None:
        found.append(Escalation(body["appeal"], "appeal",
                                application.appeal_outcome.value if application.appeal_outcome else AWAITING))
    if application.challenge_lodged_on is not None:
        found.append(Escalation(body["challenge"], "challenge",
                                application.challenge_outcome.value if application.challenge_outcome else AWAITING))
    if review is not None and review.secondary_requested_on:
        outcome = review.secondary_outcome
        found.append(Escalation(body["secondary_review"], "secondary_review", outcome.value if outcome else AWAITING))
    return found


@dataclass(frozen=True)
class CaseMeasures:
    received: int = 1
    threshold_not_met: int = 0
    threshold_met: int = 0
    rejected: int = 0
    challenges_received: int = 0
    challenges_upheld: int = 0
    reviews_carried_out: int = 0
    reviews_with_recommendations: int = 0
    appeals_received: int = 0
    appeals_upheld: int = 0
    appeals_dismissed: int = 0
    secondary_reviews_requested: int = 0
    secondary_reviews_original_upheld: int = 0
    secondary_reviews_further_recommendations: int = 0
    secondary_reviews_new_review_ordered: int = 0
    victims_invited: int = 0
    victims_attended: int = 0
    recommendations_issued: int = 0
    recommendations_completed: int = 0
    recommendations_completed_on_time: int = 0
    recommendations_declined: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)

    @classmethod
    def from_dict(cls, stored: dict[str, Any]) -> CaseMeasures:
        """From the read model (a measure added since the row was written counts 0 until a rebuild)."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: int(v) for k, v in stored.items() if k in names})


def victims_invited(review: CaseReview) -> int:
    """The victims invited to the panel. SEAM: the review records one invitation today (``VictimInvited``); when
    several victims are recorded, each with their own invitation, count those here and nowhere else."""
    return 1 if review.victim_invited_on else 0


def victims_attended(review: CaseReview) -> int:
    """The victims who attended the panel (one flag on ``PanelHeld`` today; the same seam as above)."""
    return 1 if review.panel_held_on and review.victim_attended else 0


def case_measures(application: Application, review: CaseReview | None) -> CaseMeasures:
    held = review is not None and review.panel_held_on is not None
    recommendations = review.recommendations if review else []
    outcome = review.secondary_outcome if review else None
    return CaseMeasures(
        threshold_not_met=int(application.decision is ThresholdDecision.NOT_MET),
        threshold_met=int(application.review_opened),
        rejected=int(application.was_rejected),  # still counted when a challenge set the rejection aside
        challenges_received=int(application.challenge_lodged_on is not None),
        challenges_upheld=int(application.challenge_outcome is AppealOutcome.UPHELD),
        reviews_carried_out=int(held),
        reviews_with_recommendations=int(held and bool(recommendations)),
        appeals_received=int(application.appeal_lodged_on is not None),
        appeals_upheld=int(application.appeal_outcome is AppealOutcome.UPHELD),
        appeals_dismissed=int(application.appeal_outcome is AppealOutcome.DISMISSED),
        secondary_reviews_requested=int(bool(review and review.secondary_requested_on)),
        secondary_reviews_original_upheld=int(outcome is SecondaryReviewOutcome.ORIGINAL_REVIEW_UPHELD),
        secondary_reviews_further_recommendations=int(outcome is SecondaryReviewOutcome.FURTHER_RECOMMENDATIONS),
        secondary_reviews_new_review_ordered=int(outcome is SecondaryReviewOutcome.NEW_REVIEW_ORDERED),
        victims_invited=victims_invited(review) if review else 0,
        victims_attended=victims_attended(review) if review else 0,
        recommendations_issued=len(recommendations),
        recommendations_completed=sum(1 for r in recommendations if r.completed_on),
        recommendations_completed_on_time=sum(1 for r in recommendations if r.completed_on_time),
        recommendations_declined=sum(1 for r in recommendations if r.declined_on),
    )
