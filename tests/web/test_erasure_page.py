"""The manager's "Erase personal data" page: ground and confirmation required, then the case reads erased."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from application.backoffice import BackOffice
from domain.erasure import ErasureGround
from infrastructure import keys as keys_module
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


def test_a_manager_erases_the_panels_chair_by_name_and_the_rest_of_the_panel_stays(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice) -> None:
    manager = signed_in("manager")
    reference = cases.panel_scheduled(back_office)
    url = f"/cases/{reference}/erasure"
    page = form_page(manager, url)
    choices = {item["value"]: page.soup.select_one(f"label[for={item['id']}]").get_text(strip=True)
               for item in page.soup.select("input[name=person]")}
    assert choices["named:dr jane holt"] == "Dr Jane Holt (chaired the panel)"
    assert "named:moat homes" not in choices  # a member that is an agency names no one

    unknown = refused(submit(manager, url, {"person": "named:mr nobody", "ground": ErasureGround.ERASURE_REQUEST.value,
                                            "confirmed": "yes"}, page=page))
    assert [text for text, _ in summary(unknown)] == [f"No one by that name is named in {reference}'s records."]
    done = submit(manager, url, {"person": "named:dr jane holt", "ground": ErasureGround.ERASURE_REQUEST.value,
                                 "confirmed": "yes"}, page=page)

    assert done.status_code == 302
    case_page = parse(manager.get(f"/cases/{reference}")).text()
    assert "Dr Jane Holt" not in case_page
    assert "Erased on 24 November 2026" in case_page
    assert "Moat Homes" in case_page
    assert "Ann Smith" in case_page


def test_a_case_erased_by_another_process_reads_erased_on_the_next_page_without_waiting_for_the_keys_minute(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice,
        make_back_office: Callable[..., BackOffice], monkeypatch: pytest.MonkeyPatch) -> None:
    manager = signed_in("manager")
    reference = cases.receive(back_office)
    assert "Ann Smith" in parse(manager.get(f"/cases/{reference}")).text()  # this worker now holds her key

    make_back_office().erasure.erase_case(reference, ground=ErasureGround.ERASURE_REQUEST, actor="m.reid")
    monkeypatch.setattr(keys_module, "CHECKED_EVERY", 0.0)  # the second between two looks has passed

    case_page = parse(manager.get(f"/cases/{reference}")).text()
    assert "Ann Smith" not in case_page
    assert "Erased on 24 November 2026" in case_page
