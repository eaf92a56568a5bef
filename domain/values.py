"""Value objects and enumerations shared by the aggregates.

Every type listed in ``VALUE_TYPES`` / ``ENUM_TYPES`` has a transcoding in the application
layer, so it can be stored in events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from domain.errors import InvalidDetailsError, MissingAgencyError
from domain.personal import ContactMethod, Narrative, Person
from domain.text import check_text, check_texts
from domain.victims import VICTIM_ENUMS, VICTIM_VALUE_TYPES, VictimDetails, VictimKind


class Channel(Enum):
    ONLINE = "online"
    PHONE = "phone"
    EMAIL = "email"
    LETTER = "letter"


class LetterChannel(Enum):
    POST = "post"
    EMAIL = "email"

    @classmethod
    def preferred_by(cls, person: Person) -> LetterChannel:
        """How a letter to ``person`` goes unless the officer says otherwise: as they prefer (by email only if they
        gave an email address); with no preference, or by telephone, by email if they gave one, else by post."""
        if person.preferred_contact is ContactMethod.POST:
            return cls.POST
        return cls.EMAIL if person.email else cls.POST


class LetterKind(Enum):
    """The letters the partnership sends, each from a template in its profile."""

    ACKNOWLEDGEMENT = "acknowledgement"
    THRESHOLD_DECISION = "threshold_decision"
    APPEAL_OUTCOME = "appeal_outcome"  # the body's answer to an appeal, or to a challenge to a rejection
    DELAY = "delay"
    OUTCOME = "outcome"
    AGENCY_RECOMMENDATIONS = "agency_recommendations"
    SECONDARY_REVIEW_OUTCOME = "secondary_review_outcome"
    REJECTION = "rejection"
    WITHDRAWAL = "withdrawal"
    ACTIONS_COMPLETED = "actions_completed"  # the applicant told the recommendations' actions are completed
    INFORMATION_REQUEST = "information_request"  # an agency asked for its information for the review
    VICTIM_INVITATION = "victim_invitation"  # the victim invited to the review panel, in person or virtually


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
    CONSENT_REFUSED = "consent_refused"  # the victim's consent to the application or to sharing was refused

    @property
    def label(self) -> str:
        return REJECTION_GROUND_LABELS[self]


REJECTION_GROUND_LABELS = {
    RejectionGround.ANONYMOUS: "the application was made anonymously",
    RejectionGround.VEXATIOUS: "the application is vexatious",
    RejectionGround.MALICIOUS: "the application is malicious",
    RejectionGround.OUT_OF_SCOPE: "what the application describes is not anti-social behaviour the case review covers",
    RejectionGround.COMPLAINTS_PROCESS: "the matter belongs in an organisation's complaints procedure",
    RejectionGround.DUPLICATE: "the same matter is already the subject of another application",
    RejectionGround.CONSENT_REFUSED: "the victim's consent was refused, and the application cannot go ahead "
                                     "without it",
}


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
    victim_details: tuple[VictimDetails, ...] = ()  # each victim's kind, in the victims' order (none: individuals)

    def __post_init__(self) -> None:
        if len(self.victim_details) > len(self.victims):
            raise InvalidDetailsError("Give each victim's details: there are more victim kinds than victims.")
        for person, details in zip(self.victims, self.victim_details, strict=False):
            if details.kind.is_organisation and person.date_of_birth is not None:
                raise InvalidDetailsError(
                    f"A {details.kind.label} has no date of birth; give the contact person's name only.")
        if self.on_behalf_of_victim:
            if not self.victims:
                raise InvalidDetailsError(
                    "Enter the victim's details: the application is made on their behalf."
                )
            require_text(self.relationship, "the applicant's relationship to the victim")
        check_text(self.relationship, "the applicant's relationship to the victim")

    def victim_kind(self, number: int) -> VictimDetails:
        """The kind of the victim numbered ``number`` (1, 2, …)."""
        details = self.victim_details[number - 1] if number <= len(self.victim_details) else None
        return details or VictimDetails(VictimKind.INDIVIDUAL)

    def victim_name(self, number: int) -> str:
        """How a victim is named to people: the person, or the organisation and its contact; 0 is the applicant."""
        if number == 0 or not self.victims:
            return self.person.name
        details = self.victim_kind(number)
        name = self.victims[number - 1].name
        return f"{details.organisation} (contact: {name})" if details.kind.is_organisation else name


VALUE_TYPES: tuple[type, ...] = (Problem, Incident, Applicant, *VICTIM_VALUE_TYPES)
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
    *VICTIM_ENUMS,
)
