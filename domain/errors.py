"""Named domain errors. Each message says what happened and what the officer can do about it."""


class CaseRuleError(Exception):
    """A command broke a rule of the process; nothing was recorded."""


class InvalidDetailsError(CaseRuleError):
    """Something supplied with the command is missing or not valid."""


class OpenRecommendationsError(InvalidDetailsError):
    """The review is being closed with recommendations neither completed nor declined, and no reason why."""


class FutureDateError(InvalidDetailsError):
    """A date that must already have happened lies in the future."""


class IncidentReportedBeforeItHappenedError(InvalidDetailsError):
    """An incident's report date is before the date it happened."""


class MissingAgencyError(InvalidDetailsError):
    """An incident or recommendation does not name the agency."""


class ThresholdPolicyError(InvalidDetailsError):
    """A threshold policy breaks the law or is inconsistent."""


class CaseLimitReachedError(CaseRuleError):
    """A case already holds the most items of a kind (incidents, recommendations) the profile allows."""


class OutOfOrderError(CaseRuleError):
    """The step cannot be taken at this point of the process."""


class CaseClosedError(OutOfOrderError):
    """The case is closed, withdrawn or rejected."""


class NotAcknowledgedError(OutOfOrderError):
    """The application must be acknowledged first."""


class ConsentRequiredError(OutOfOrderError):
    """Consent that the process requires has not been given (or was withdrawn)."""


class ThresholdNotYetMetError(OutOfOrderError):
    """A review step was attempted on an application whose threshold is not met."""


class ThresholdAlreadyDecidedError(OutOfOrderError):
    """The threshold decision has already been made."""


class ThresholdDecisionContradictsAssessmentError(CaseRuleError):
    """The decision contradicts the assessment under the partnership's policy."""


class PanelNotHeldError(OutOfOrderError):
    """A step that needs the review panel was attempted before the panel was held."""


class AppealNotAllowedError(OutOfOrderError):
    """An appeal was lodged or decided when the process does not allow it."""


class SecondaryReviewNotAllowedError(OutOfOrderError):
    """A secondary-review step was attempted out of order."""


class LetterNotAvailableError(OutOfOrderError):
    """A letter was asked for before the case reached its step, or for a recipient it has no letter for."""


class AlreadyRecordedError(OutOfOrderError):
    """The step has already been recorded and can happen only once."""


class UnknownItemError(InvalidDetailsError):
    """A command refers to an incident, agency request or recommendation that does not exist."""


class UnverifiedIncidentsError(InvalidDetailsError):
    """A threshold decision with incidents the agencies have not confirmed, and no reason recorded for it."""


class ConsentWithdrawnError(OutOfOrderError):
    """A victim or the applicant withdrew consent: their information is not shared any further."""


class VictimInvolvementError(OutOfOrderError):
    """The victim's invitation to the panel, or the consultation on the action plan, is not yet recorded."""
