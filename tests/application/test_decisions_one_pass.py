"""The decisions are reconstructed in one replay of the case: each decision's "case before it" is exactly the
case replayed from its events up to the one before the decision, for every decision of every demo case, and a
later event never changes the state kept for an earlier decision."""

from __future__ import annotations

import copy
from typing import Any

from application.backoffice import BackOffice
from application.kept import kept
from demo.loader import load_demo
from domain.application import Application
from domain.values import Incident


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
