"""The administrators' list of users."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

from application.backoffice import BackOffice
from tests.web.conftest import USERS, parse
from tests.web.pages import assert_well_formed


def test_administrators_see_every_user_with_roles_and_whether_they_can_sign_in(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice) -> None:
    back_office.accounts.disable_user("agency", reason="Left the agency", actor="admin")
    client = signed_in("admin")

    page = parse(client.get("/users"))

    assert_well_formed(page)
    rows = {row.find("th").get_text(strip=True): [td.get_text(strip=True) for td in row.find_all("td")]
            for row in page.soup.select("tbody tr")}
    assert sorted(rows) == sorted(USERS)
    assert rows["agency"] == ["Agency User", "agency@example.gov.uk", "Agency contact or panel member",
                              "No (disabled)"]
    assert rows["officer"][-2:] == ["Officer", "Yes"]
    assert "argon2" not in page.response.get_data(as_text=True)
