"""The decisions are reconstructed in one replay of the case: each decision's "case before it" is exactly the
case replayed from its events up to the one before the decision, for every decision of every demo case, and a
later event never changes the state kept for an earlier decision."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from application.backoffice import BackOffice
from application.kept import kept
from demo.loader import load_demo
from domain.application import Application
from domain.values import Incident, LetterChannel, LetterKind
from tests.application import cases
from tests.application.cases import OFFICER


def state(aggregate: Any) -> dict[str, Any] | None:
    if aggregate is None:
        return None
    found = dict(vars(aggregate))
    found.pop("_pending_events")
    return found


def test_each_decision_of_every_demo_case_shows_the_case_as_replayed_up_to_just_before_it(back_office: BackOffice):
    references = load_demo(back_office)
    compared = 0

    for reference in references:
        timeline = back_office.cases.history(reference)
        for decision in back_office.cases.decisions(reference):
            number = timeline.index(decision.entry)  # events before the decision
            replayed = back_office.cases.case_as_at_event(reference, number)
            assert state(decision.before.application) == state(replayed.application), reference
            assert state(decision.before.review) == state(replayed.review), reference
            compared += 1

    assert compared > 20


def test_what_is_kept_of_an_aggregate_does_not_change_when_the_aggregate_does(back_office: BackOffice):
    references = load_demo(back_office)
    application = back_office.cases.get_case(references[0]).application
    before = copy.deepcopy(state(application))

    kept_copy = kept(application)
    application.incidents.append(application.incidents[0] if application.incidents else None)  # type: ignore[arg-type]
    application.consents.clear()

    assert isinstance(kept_copy, Application)
    assert state(kept_copy) == before
    assert all(isinstance(i, Incident) for i in kept_copy.incidents)



def test_each_letter_as_sent_reads_as_rendered_from_the_case_replayed_up_to_it(back_office: BackOffice):
    cases_ = back_office.cases
    reference = cases.ready_for_decision(back_office)
    cases_.decide_threshold_met(reference, decided_on=date(2026, 9, 10), actor=OFFICER,
                                unverified_reason="Decided on the incidents as logged.")
    cases_.send_letter(reference, LetterKind.THRESHOLD_DECISION, channel=LetterChannel.EMAIL,
                       sent_on=date(2026, 9, 10), actor=OFFICER)
    cases_.schedule_panel(reference, panel_date=date(2026, 10, 5), chair="Dr Jane Holt", independent_chair=True,
                          members=("Kent Police",), scheduled_on=date(2026, 9, 14), actor=OFFICER)
    cases_.decide_not_to_invite_victim(reference, decided_on=date(2026, 9, 15), reason="Kept informed.",
                                       actor=OFFICER)
    cases_.hold_panel(reference, held_on=date(2026, 10, 5), attendees=("Dr Jane Holt",), victim_attended=True,
                      findings="Reports were not linked.", actor=OFFICER)
    cases_.issue_recommendation(reference, agency="Kent Police", text="Link the reports.",
                                issued_on=date(2026, 10, 6), actor=OFFICER)
    cases_.send_letter(reference, LetterKind.OUTCOME, channel=LetterChannel.POST, sent_on=date(2026, 10, 8),
                       actor=OFFICER)
    events = cases_.events_of(reference)
    sent_at = [n for n, e in enumerate(events, 1) if type(e).__qualname__ == "CaseFile.LetterSent"]

    letters = cases_.letters_as_sent(reference)

    assert [letter.kind for letter in letters] == [LetterKind.THRESHOLD_DECISION, LetterKind.OUTCOME]
    for number, letter in zip(sent_at, letters, strict=True):
        again = cases_._render(cases_.case_as_at_event(reference, number), letter.kind, letter.recipient,
                               letter.sent_on)
        assert letter.html == again.html
