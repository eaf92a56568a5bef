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
by their target date and declined."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from domain.application import AppealOutcome, Application, ThresholdDecision
from domain.case_review import CaseReview
from domain.values import SecondaryReviewOutcome


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
