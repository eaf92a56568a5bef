"""Value objects and enumerations shared by the aggregates.

Every type listed in ``VALUE_TYPES`` / ``ENUM_TYPES`` has a transcoding in the application
layer, so it can be stored in events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from domain.errors import InvalidDetailsError, MissingAgencyError
from domain.personal import Narrative, Person
from domain.text import check_text, check_texts


class Channel(Enum):
    ONLINE = "online"
    PHONE = "phone"
    EMAIL = "email"
    LETTER = "letter"


class LetterChannel(Enum):
    POST = "post"
    EMAIL = "email"


class LetterKind(Enum):
    """The letters the partnership sends, each from a template in its profile."""

    ACKNOWLEDGEMENT = "acknowledgement"
    THRESHOLD_DECISION = "threshold_decision"
    DELAY = "delay"
    OUTCOME = "outcome"
    AGENCY_RECOMMENDATIONS = "agency_recommendations"
    SECONDARY_REVIEW_OUTCOME = "secondary_review_outcome"
    ACTIONS_COMPLETED = "actions_completed"  # the applicant told the recommendations' actions are completed


class HateElement(Enum):
    NONE = "none"
    HATE_INCIDENT = "hate_incident"
    HATE_CRIME = "hate_crime"


class ConsentKind(Enum):
    VICTIM_CONSENT = "victim_consent"  # the victim agrees that someone applies for them
    SHARE_WITH_AGENCIES = "share_with_agencies"  # consent to share details with partner agencies

    @property
    def label(self) -> str:
        return {
            ConsentKind.VICTIM_CONSENT: "the victim's consent to the application",
            ConsentKind.SHARE_WITH_AGENCIES: "consent to share information with the agencies",
        }[self]


class RejectionGround(Enum):
    ANONYMOUS = "anonymous"
    VEXATIOUS = "vexatious"
    MALICIOUS = "malicious"
    OUT_OF_SCOPE = "out_of_scope"
    COMPLAINTS_PROCESS = "complaints_process"
    DUPLICATE = "duplicate"


class DiscretionGround(Enum):
    """s.104(5): the matters a local threshold may take into account."""

    PERSISTENCE = "persistence"
    HARM = "harm"
    ADEQUACY_OF_RESPONSE = "adequacy_of_response"


class ReviewRoute(Enum):
    THRESHOLD_MET = "threshold_met"
    MET_BY_DISCRETION = "met_by_discretion"
    APPEAL_UPHELD = "appeal_upheld"


class AgencyResponseKind(Enum):
    ACCEPTED = "accepted"
    DECLINED = "declined"
    COMPLETED = "completed"  # the response's date is the date the actions were completed
    PROGRESS = "progress"  # progress reported on an accepted recommendation (what was done, in the reason)

    @property
    def label(self) -> str:
        return RESPONSE_LABELS[self]


RESPONSE_LABELS = {AgencyResponseKind.ACCEPTED: "Accepted", AgencyResponseKind.DECLINED: "Declined",
                   AgencyResponseKind.COMPLETED: "Completed", AgencyResponseKind.PROGRESS: "Progress reported"}


class SecondaryReviewOutcome(Enum):
    ORIGINAL_REVIEW_UPHELD = "original_review_upheld"
    FURTHER_RECOMMENDATIONS = "further_recommendations"
    NEW_REVIEW_ORDERED = "new_review_ordered"


class AppealRoute(Enum):
    INDEPENDENT_PANEL = "independent_panel"
    POLICING_BODY = "policing_body"  # PCC, mayor or whoever holds the local policing body's role
    OTHER = "other"


def require_text(value: str, what: str) -> None:
    if not value or not value.strip():
        raise InvalidDetailsError(f"Enter {what}.")


def require_agency(agency: str, what: str) -> None:
    if not agency or not agency.strip():
        raise MissingAgencyError(f"Enter the agency {what}.")


@dataclass(frozen=True)
class Problem:
    """What the application is about."""

    kind: str  # e.g. "noise", "harassment", "vandalism"
    location: str
    hate_element: HateElement = HateElement.NONE
    protected_characteristics: tuple[str, ...] = ()
    description: Narrative | None = None

    def __post_init__(self) -> None:
        require_text(self.kind, "the type of anti-social behaviour")
        require_text(self.location, "where the anti-social behaviour happens")
        check_text(self.kind, "the type of anti-social behaviour")
        check_text(self.location, "where the anti-social behaviour happens", multiline=True)
        check_texts(self.protected_characteristics, "what the hostility or prejudice was about")


@dataclass(frozen=True)
class Incident:
    """One reported incident of anti-social behaviour, as the applicant or an agency gave it."""

    number: int
    happened_on: date
    reported_on: date
    agency: str
    reported_to: str = ""  # officer or team
    agency_reference: str = ""
    reported_by: str = "applicant"  # the complainant (person or household) who reported it
    hate_related: bool = False
    informal: bool = False  # a diary sheet or an informal conversation, not a report
    duplicate_of: int | None = None  # the same incident reported to another agency
    description: Narrative | None = None
    struck_out: bool = False  # struck out as wrongly logged: kept in the record, no longer counted

    def __post_init__(self) -> None:
        require_agency(self.agency, "the incident was reported to (for example Kent Police or the council)")
        for what, value in (("the agency", self.agency), ("who it was reported to", self.reported_to),
                            ("the agency's reference", self.agency_reference),
                            ("who reported it", self.reported_by)):
            check_text(value, what)


@dataclass(frozen=True)
class Applicant:
    """Who applied, and for whom."""

    person: Person
    on_behalf_of_victim: bool = False
    relationship: str = ""  # carer, councillor, MP, family member … when acting for the victim
    victims: tuple[Person, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.on_behalf_of_victim:
            if not self.victims:
                raise InvalidDetailsError(
                    "Enter the victim's details: the application is made on their behalf."
                )
            require_text(self.relationship, "the applicant's relationship to the victim")
        check_text(self.relationship, "the applicant's relationship to the victim")


VALUE_TYPES: tuple[type, ...] = (Problem, Incident, Applicant)
ENUM_TYPES: tuple[type[Enum], ...] = (
    Channel,
    LetterChannel,
    LetterKind,
    HateElement,
    ConsentKind,
    RejectionGround,
    DiscretionGround,
    ReviewRoute,
    AgencyResponseKind,
    SecondaryReviewOutcome,
    AppealRoute,
)
