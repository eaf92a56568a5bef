"""The partnership's profile: who it is and its local rules (loaded from TOML by the application
layer, which validates it)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from domain.relevant_bodies import RelevantBody
from domain.retention import RetentionErasure
from domain.routes import EscalationRoutes
from domain.sign_in import RoleMapping
from domain.threshold import ThresholdPolicy
from domain.timescales import Timescales

COMMENCEMENT = date(2014, 10, 20)  # Part 6 of the 2014 Act in force (SI 2014/2590)


@dataclass(frozen=True)
class EmailSettings:
    """Who the scheduler emails, from which address, and how early it reminds. The SMTP password is
    never in the profile: it comes from the environment (SMTP_PASSWORD)."""

    sender: str = "community.trigger@localhost"
    officer_address: str = "{officer}@localhost"  # an officer's user name becomes their address
    managers: tuple[str, ...] = ()
    reminder_working_days: int = 2
    smtp_host: str = "localhost"
    smtp_port: int = 25
    smtp_starttls: bool = False
    smtp_username: str = ""

    def address_of(self, officer: str) -> str:
        return self.officer_address.replace("{officer}", officer)


@dataclass(frozen=True)
class LetterWording:
    """The wording of the partnership's letters: the parts every letter shares, and per letter kind
    (``LetterKind.value``) its texts, which may use ``$placeholders`` (checked by the application layer)."""

    signature: str = ""
    sign_off: str = "Yours sincerely"
    address: str = ""  # the partnership's postal address, lines separated by commas
    contact: str = ""  # telephone and email, as the letterhead shows them
    texts: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class CaseLimits:
    """The most items one case may hold. Every command loads the whole case, and officers and the public
    read it in one page, so a case cannot grow without bound; the profile sets these (``[limits]``)."""

    max_incidents: int = 200  # incidents logged on one application
    max_agency_requests: int = 30  # agencies asked for information in one case review
    max_recommendations: int = 50  # recommendations issued in one case review


@dataclass(frozen=True)
class PartnershipProfile:
    name: str
    lead_agency: str
    reference_prefix: str
    relevant_bodies: tuple[str, ...]
    threshold: ThresholdPolicy
    timescales: Timescales
    routes: EscalationRoutes  # who an applicant who is dissatisfied may ask, for a decision and for a review
    retention_years: int = 6
    statistics_from: date = COMMENCEMENT
    letters: LetterWording = field(default_factory=LetterWording)
    email: EmailSettings = field(default_factory=EmailSettings)
    limits: CaseLimits = field(default_factory=CaseLimits)
    sign_in: RoleMapping = field(default_factory=RoleMapping)  # groups → roles at the identity provider's sign-in
    bodies: tuple[RelevantBody, ...] = ()  # the relevant bodies with their type and addresses, in profile order
    erase_after_retention: RetentionErasure = RetentionErasure.MANAGER  # domain/retention.py
    erase_notice_days: int = 30  # how long a case is listed before the nightly job erases it (AUTOMATICALLY)

    def body(self, name: str) -> RelevantBody | None:
        """The relevant body called ``name`` (None for an agency that is not one)."""
        return next((b for b in self.bodies if b.name == name), None)
