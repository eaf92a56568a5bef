"""The stage a case is at: one list, in the order of the process, for the application
(``Application.stage``) and its case review (``CaseReview.stage``). Each value is the text the read
models store and the dashboard filters on."""

from __future__ import annotations

from domain.words import Worded


class Stage(Worded):
    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    THRESHOLD_NOT_MET = "threshold not met"
    APPEAL_LODGED = "appeal lodged"
    APPEAL_DISMISSED = "appeal dismissed"
    APPEAL_UPHELD = "appeal upheld"
    REFERRED_TO_REVIEW = "referred to case review"  # the application's own stage once its review is open
    REVIEW_OPENED = "review opened"
    AGENCY_INFORMATION_REQUESTED = "agency information requested"
    PANEL_SCHEDULED = "panel scheduled"
    PANEL_HELD = "panel held"
    RECOMMENDATIONS_ISSUED = "recommendations issued"
    OUTCOME_LETTER_SENT = "outcome letter sent"
    SECONDARY_REVIEW_REQUESTED = "secondary review requested"
    SECONDARY_REVIEW_HELD = "secondary review held"
    SECONDARY_REVIEW_CONCLUDED = "secondary review concluded"
    WITHDRAWN = "withdrawn"
    REJECTED = "rejected"
    REJECTION_CHALLENGED = "rejection challenged"  # open again while the body considers the challenge
    CLOSED = "closed"

    @property
    def is_open(self) -> bool:
        """Whether a case at this stage is still open (not closed, withdrawn or rejected)."""
        return self not in ENDED

    @property
    def is_case_stage(self) -> bool:
        """Whether a whole case can be at this stage: an application referred to a review is at its review's
        stage."""
        return self is not Stage.REFERRED_TO_REVIEW


ENDED = frozenset({Stage.WITHDRAWN, Stage.REJECTED, Stage.CLOSED})
