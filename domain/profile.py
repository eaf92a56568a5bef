"""The partnership's profile: who it is and its local rules (loaded from TOML by the application
layer, which validates it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from domain.threshold import ThresholdPolicy
from domain.timescales import Timescales
from domain.values import AppealRoute

COMMENCEMENT = date(2014, 10, 20)  # Part 6 of the 2014 Act in force (SI 2014/2590)


@dataclass(frozen=True)
class PartnershipProfile:
    name: str
    lead_agency: str
    reference_prefix: str
    relevant_bodies: tuple[str, ...]
    threshold: ThresholdPolicy
    timescales: Timescales
    appeal_route: AppealRoute
    appeal_description: str
    retention_years: int = 6
    statistics_from: date = COMMENCEMENT
    letters: dict[str, str] = field(default_factory=dict)
