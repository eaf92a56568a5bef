"""Every document the documents' Jinja environment renders (each letter, the annual report, the ombudsman
pack) shows stored text as text: markup is escaped, never run, and control characters come out as visible
escapes, whatever was stored before the checks existed."""

from __future__ import annotations

from contextlib import ExitStack
from datetime import date
from typing import Any
from unittest.mock import patch

import psycopg

from application.backoffice import BackOffice
from domain.personal import Person
from domain.text import MULTI_LINE
from domain.values import Applicant, Channel, ConsentKind, LetterChannel, Problem
from projections import report
from projections.ombudsman import build_pack, pack_html
from projections.projector import Projector
from projections.statistics import YearFigures
from tests.application.cases import OFFICER, RECEIVED, log_qualifying_incidents

NAME = '<b onmouseover="alert(1)">Ann</b>\x00Smith\x1b]0;owned\x07'
SHOWN_NAME = "&lt;b onmouseover=&#34;alert(1)&#34;&gt;Ann&lt;/b&gt;\\x00Smith\\x1b]0;owned\\x07"
TEXT = "<script>alert('x')</script>\x1b[2J done"
SHOWN_TEXT = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\\x1b[2J done"


def outcome_sent_with_marked_up_text(back_office: BackOffice) -> str:
    """A case to its outcome letter whose applicant's name, threshold reason, findings and recommendation hold
    markup and control characters, recorded with the checks switched off (as events stored before them)."""
    with ExitStack() as checks_off:
        for check in ("domain.personal.check_text", "domain.values.check_text", "domain.application.check_text",
                      "domain.values.check_texts", "application.core.check_stored"):
            checks_off.enter_context(patch(check))
        reference = back_office.cases.receive_application(
            channel=Channel.PHONE, received_on=RECEIVED, applicant=Applicant(Person("p-1", NAME, address="1 Road")),
            problem=Problem("noise", "High Street, Dartford"), actor=OFFICER).reference
        log_qualifying_incidents(back_office, reference)
        back_office.cases.give_consent(reference, kind=ConsentKind.SHARE_WITH_AGENCIES, given_on=RECEIVED,
                                       given_by="Ann Smith", actor=OFFICER)
        back_office.cases.acknowledge(reference, acknowledged_on=date(2026, 9, 2), actor=OFFICER)
        back_office.cases.decide_threshold_met(reference, decided_on=date(2026, 9, 10), reason=TEXT, actor=OFFICER,
                                               unverified_reason="Decided on the incidents as logged.")
        back_office.cases.send_decision_letter(reference, sent_on=date(2026, 9, 10), channel=LetterChannel.EMAIL,
                                               actor=OFFICER)
        back_office.cases.schedule_panel(reference, panel_date=date(2026, 10, 5), chair="Dr Jane Holt",
                                         independent_chair=True, members=("Kent Police",),
                                         scheduled_on=date(2026, 9, 14), actor=OFFICER)
        back_office.cases.decide_not_to_invite_victim(reference, decided_on=date(2026, 9, 15),
                                                 reason="She chose to be kept informed.", actor=OFFICER)
        back_office.cases.hold_panel(reference, held_on=date(2026, 10, 5), attendees=("Dr Jane Holt",),
                                     victim_attended=True, findings=TEXT, actor=OFFICER)
        back_office.cases.issue_recommendation(reference, agency="Kent Police", text=TEXT, issued_on=date(2026, 10, 6),
                                               actor=OFFICER)
        back_office.cases.send_outcome_letter(reference, sent_on=date(2026, 10, 12), channel=LetterChannel.POST,
                                              actor=OFFICER)
    return reference


def assert_shown_as_text(document: str) -> None:
    assert "<b onmouseover" not in document
    assert "<script>" not in document
    assert MULTI_LINE.findall(document) == []


def test_every_letter_shows_a_stored_name_and_text_with_markup_escaped_and_control_characters_visible(
    back_office: BackOffice,
) -> None:
    reference = outcome_sent_with_marked_up_text(back_office)

    letters = {(item.kind, item.recipient): back_office.cases.render_letter(reference, item.kind, item.recipient).html
               for item in back_office.cases.letters_available(reference)}

    assert len(letters) >= 4  # acknowledgement, threshold decision, outcome, the agency's recommendations
    for (kind, recipient), html in letters.items():
        assert_shown_as_text(html)
        assert SHOWN_NAME in html or SHOWN_TEXT in html, (kind, recipient)
    applicant_letters = [html for (_, recipient), html in letters.items() if recipient == "applicant"]
    assert all(f"Dear {SHOWN_NAME}," in html for html in applicant_letters)


def test_the_ombudsman_pack_shows_stored_text_with_markup_escaped_and_control_characters_visible(
    back_office: BackOffice, projector: Projector, conn: psycopg.Connection[Any], schema: str
) -> None:
    reference = outcome_sent_with_marked_up_text(back_office)
    projector.catch_up()

    html = pack_html(build_pack(back_office, conn, schema, reference))

    assert_shown_as_text(html)
    assert f"<strong>Reason recorded:</strong> {SHOWN_TEXT}</p>" in html
    assert f"<td>{SHOWN_TEXT}</td>" in html  # the recommendation


def test_the_annual_report_shows_the_partnership_name_as_text_in_html_and_markdown() -> None:
    year = YearFigures("1 April 2020 to 31 March 2021", date(2020, 4, 1), date(2021, 3, 31), 7, 2, 4, 3, 3, 1, 0,
                       1, 1, 3, 2, 12.5, 1)

    html = report.render([year], NAME, "html", "checkpoint <line>")
    markdown = report.render([year], NAME, "md", "checkpoint <line>")

    assert_shown_as_text(html)
    assert f"<h1>Community Trigger (ASB Case Review): {SHOWN_NAME}</h1>" in html
    assert "<pre>checkpoint &lt;line&gt;</pre>" in html
    assert MULTI_LINE.findall(markdown) == []
    assert "# Community Trigger (ASB Case Review): <b onmouseover=\"alert(1)\">Ann</b>\\x00Smith" in markdown
