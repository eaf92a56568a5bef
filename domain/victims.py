"""The victims of an application and their part in it: who they are (a person, a business or a community
group), each one's consent (how given, when, and its withdrawal), the level of involvement they choose, how
the panel invites them, and the action plan they are consulted on (docs/VICTIMS.md).

Value objects and enums only: the aggregates (``Application``, ``CaseReview``) record and check them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.errors import InvalidDetailsError
from domain.text import check_text
from domain.words import Worded

GUIDANCE_2025 = ("the statutory guidance (July 2025): victims choose their level of involvement, are invited to "
                 "meetings in person or virtually, and are consulted on the action plan before it is finalised")
GUIDANCE_2021 = "the statutory guidance (2021): the relevant bodies should always consider inviting the victim"


class VictimKind(Worded):
    """The gov.uk guidance: a victim may be an individual, a business or a community group."""

    INDIVIDUAL = "individual"
    BUSINESS = "business"
    COMMUNITY_GROUP = "community_group"

    @property
    def label(self) -> str:
        return {VictimKind.INDIVIDUAL: "individual", VictimKind.BUSINESS: "business",
                VictimKind.COMMUNITY_GROUP: "community group"}[self]

    @property
    def is_organisation(self) -> bool:
        return self is not VictimKind.INDIVIDUAL


@dataclass(frozen=True)
class VictimDetails:
    """What kind of victim one of an application's victims is; a business or community group names the
    organisation (the victim's person is then its contact)."""

    kind: VictimKind = VictimKind.INDIVIDUAL
    organisation: str = ""

    def __post_init__(self) -> None:
        check_text(self.organisation, "the name of the business or community group")
        if self.kind.is_organisation and not self.organisation.strip():
            raise InvalidDetailsError(f"Enter the name of the {self.kind.label}.")
        if not self.kind.is_organisation and self.organisation.strip():
            raise InvalidDetailsError("An individual victim has no organisation name; choose business or "
                                      "community group.")


class ConsentMethod(Worded):
    """How a consent was given or withdrawn."""

    WRITTEN = "written"
    VERBAL = "verbal"
    ONLINE = "online"


@dataclass(frozen=True)
class ConsentRecord:
    """One consent as given by one person: ``victim`` is the victim's number (1, 2, …), 0 for the applicant.
    Consents stored before victims were numbered read as the applicant's (share) or the first victim's."""

    kind: object  # a ConsentKind (domain.values imports this module, so the type is not named here)
    victim: int
    given_on: date
    method: ConsentMethod | None = None
    withdrawn_on: date | None = None
    withdrawn_how: ConsentMethod | None = None

    @property
    def in_force(self) -> bool:
        return self.withdrawn_on is None


class InvolvementLevel(Worded):
    """How involved a victim chooses to be in their case review (July 2025 guidance; the 2021 guidance's
    invitation to the meeting; a representative may speak for them)."""

    KEPT_INFORMED = "kept_informed"
    VIEWS_IN_WRITING = "views_in_writing"
    ATTEND_MEETING = "attend_meeting"
    REPRESENTED = "represented"

    @property
    def label(self) -> str:
        return {InvolvementLevel.KEPT_INFORMED: "kept informed of progress and the outcome",
                InvolvementLevel.VIEWS_IN_WRITING: "gives their views in writing",
                InvolvementLevel.ATTEND_MEETING: "attends the review meeting",
                InvolvementLevel.REPRESENTED: "represented at the meeting by someone they choose"}[self]

    @property
    def meets_panel(self) -> bool:
        return self in (InvolvementLevel.ATTEND_MEETING, InvolvementLevel.REPRESENTED)


class MeetingFormat(Worded):
    IN_PERSON = "in_person"
    VIRTUAL = "virtual"

    @property
    def label(self) -> str:
        return {MeetingFormat.IN_PERSON: "in person", MeetingFormat.VIRTUAL: "virtually"}[self]


class ShareMethod(Worded):
    """How the draft action plan was shared with the victim."""

    LETTER = "letter"
    EMAIL = "email"
    PHONE = "phone"
    IN_PERSON = "in_person"

    @property
    def label(self) -> str:
        return {ShareMethod.LETTER: "by letter", ShareMethod.EMAIL: "by email", ShareMethod.PHONE: "by phone",
                ShareMethod.IN_PERSON: "in person"}[self]


@dataclass(frozen=True)
class ActionPlan:
    """The action plan as it stands: drafted, shared with the victim, their response, finalised."""

    drafted_on: date
    shared_on: date | None = None
    shared_how: ShareMethod | None = None
    response_on: date | None = None
    finalised_on: date | None = None
    finalised_without_consultation: str = ""  # the reason, when finalised before the victim responded

    @property
    def consulted(self) -> bool:
        return self.response_on is not None


VICTIM_VALUE_TYPES: tuple[type, ...] = (VictimDetails, ConsentRecord, ActionPlan)
VICTIM_ENUMS = (VictimKind, ConsentMethod, InvolvementLevel, MeetingFormat, ShareMethod)
