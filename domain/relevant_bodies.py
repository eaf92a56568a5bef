"""The relevant bodies of a local government area (s.105 of the 2014 Act and Sch 4 para 5): each with its
statutory type, postal address and contact email, as the partnership's profile lists them.

In England: the district council or unitary authority, the chief officer of police, each integrated care board
whose area falls wholly or partly within the area (clinical commissioning groups before 1 July 2022), and the
local providers of social housing co-opted under Sch 4 Part 2. In Wales: the council, the chief officer of police,
each Local Health Board, and co-opted social housing providers."""

from __future__ import annotations

from dataclasses import dataclass

from domain.words import Worded


class BodyType(Worded):
    COUNCIL = "council"
    POLICE = "police"
    INTEGRATED_CARE_BOARD = "integrated care board"
    LOCAL_HEALTH_BOARD = "local health board"
    HOUSING_PROVIDER = "co-opted registered housing provider"
    OTHER = "other"


@dataclass(frozen=True)
class RelevantBody:
    name: str
    type: BodyType = BodyType.OTHER  # a profile that names the body only (written before types were kept)
    address: str = ""  # postal address, lines separated by commas
    email: str = ""

    @property
    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.address.split(",") if line.strip()]
