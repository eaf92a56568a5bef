"""The manager's "Erase personal data" page: ground and confirmation required, then the case reads erased."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

from application.backoffice import BackOffice
from domain.erasure import ErasureGround
from tests.application import cases
from tests.web.conftest import parse
from tests.web.test_steps_intake import form_page, refused, submit, summary


def test_a_manager_erases_a_case_after_choosing_the_ground_and_confirming(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice) -> None:
    manager = signed_in("manager")
    reference = cases.receive(back_office)
    url = f"/cases/{reference}/erasure"
    page = form_page(manager, url)
    before = back_office.event_count()

    answer = refused(submit(manager, url, {"person": "everyone"}, page=page))

    assert [text for text, _ in summary(answer)] == ["Choose the ground for the erasure",
                                                     "Confirm that you understand the erasure cannot be undone"]
    assert back_office.event_count() == before
    done = submit(manager, url, {"person": "everyone", "ground": ErasureGround.RETENTION_ENDED.value,
                                 "confirmed": "yes"}, page=page)
    assert done.status_code == 302
    case_page = parse(manager.get(f"/cases/{reference}")).text()
    assert "Ann Smith" not in case_page
    assert "Erased on 24 November 2026" in case_page


def test_an_officer_may_not_open_the_erasure_page(signed_in: Callable[[str], FlaskClient],
                                                  back_office: BackOffice) -> None:
    officer = signed_in("officer")
    reference = cases.receive(back_office)

    assert officer.get(f"/cases/{reference}/erasure").status_code == 403
