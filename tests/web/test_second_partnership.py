"""A second partnership (Medway, references MW-…): what it is told of a reference it does not hold names its own
reference format, never the first partnership's (issue 13, point 8)."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient

from application.backoffice import BackOffice
from application.errors import CaseNotFoundError
from application.profile import load_profile
from domain.profile import PartnershipProfile
from tests.web.test_api_tokens import assert_problem, bearer


@pytest.fixture
def profile() -> PartnershipProfile:
    return load_profile(Path(__file__).parents[2] / "application" / "medway_profile.toml")


def test_an_unknown_reference_names_this_partnerships_reference_format(back_office: BackOffice):
    with pytest.raises(CaseNotFoundError) as refused:
        back_office.cases.get_case("MW-2026-0404")

    assert "References look like MW-2025-0007" in str(refused.value)
    assert "CT-" not in str(refused.value)


@pytest.mark.parametrize("reference", ["MW-2026-0404", "not*a*reference"])
def test_the_api_names_this_partnerships_reference_format(client: FlaskClient, back_office: BackOffice,
                                                          reference: str):
    response = client.get(f"/api/cases/{reference}", headers=bearer(back_office, "officer"))

    detail = assert_problem(response, 404)["detail"]
    assert "References look like MW-2025-0007" in detail
    assert "CT-" not in detail
