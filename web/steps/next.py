"""The links under "What to do next" on the case page: the domain's available actions (``domain.actions``), each
turned into its step's form. No process rule lives here: what is offered, and to whom, is the domain's answer.

Officers and managers see the steps they may take; a decision the case waits on that only someone else may take
(a manager's threshold or appeal decision) is shown as "Waiting for a manager's decision on …" instead."""

from __future__ import annotations

from dataclasses import dataclass

from flask import g, url_for

from application.queries import Case
from domain.actions import Action, Command, allowed_for, awaited_decisions
from domain.next_step import next_step
from domain.values import LetterKind
from web.access import current_account
from web.context import services
from web.steps import decision, escalation, intake, relevant_bodies, verification, victims
from web.steps import review as reviewing
from web.steps.step import CASEWORKERS, Step

STEP_FOR: dict[Command, Step] = {command: step for step in (*intake.STEPS, *verification.STEPS, *decision.STEPS,
                                                                          *escalation.STEPS, *reviewing.STEPS,
                                                                          *victims.STEPS, *relevant_bodies.STEPS)
                                 for command in step.commands}


PER_INCIDENT = frozenset({Command.CORRECT_INCIDENT, Command.STRIKE_OUT_INCIDENT})  # linked from each incident
# The steps that are a letter: sending the letter records the step, so they are done from the letter's own page
# (produce, print or download, record as sent), the one route for each letter.
LETTER_FOR = {Command.ACKNOWLEDGE: (LetterKind.ACKNOWLEDGEMENT, "Acknowledge the application"),
              Command.SEND_DECISION_LETTER: (LetterKind.THRESHOLD_DECISION, "Send the decision letter"),
              Command.SEND_OUTCOME_LETTER: (LetterKind.OUTCOME, "Send the outcome letter")}


@dataclass(frozen=True)
class NextStep:
    text: str
    href: str


@dataclass(frozen=True)
class NextSteps:
    links: tuple[NextStep, ...]
    waiting: tuple[str, ...]  # what the case waits for a manager to decide ("the threshold")
    ended: bool  # the case has ended (the links left: agencies' responses to its recommendations)
    for_incident: dict[int, tuple[NextStep, ...]]  # by incident number: correct it, strike it out
    primary: NextStep | None = None  # the case's next step for this role (domain.next_step), the page's button

    @property
    def others(self) -> tuple[NextStep, ...]:
        """The steps offered under the button."""
        return tuple(step for step in self.links if step != self.primary)


def link(case: Case, action: Action) -> NextStep:
    if action.command in LETTER_FOR:
        kind, title = LETTER_FOR[action.command]
        return NextStep(title, url_for("views.letter_page", reference=case.reference, kind=kind.value))
    step = STEP_FOR[action.command]
    if action.command is Command.RECORD_AGENCY_RESPONSE:
        return NextStep(f"Record the response to recommendation {action.number} ({action.agency})",
                        url_for(f"steps.{step.endpoint}", reference=case.reference, number=action.number))
    if action.command in PER_INCIDENT:
        return NextStep(step.title.format(number=action.number),
                        url_for(f"steps.{step.endpoint}", reference=case.reference, number=action.number))
    title = step.title
    if action.command is Command.ASSIGN_OFFICER and case.application.officer:
        title = "Give the case to another officer"  # one is assigned; the domain allows a change
    return NextStep(title, url_for(f"steps.{step.endpoint}", reference=case.reference))


def next_steps(case: Case) -> NextSteps | None:
    """What the signed-in caseworker can do next on ``case``. None for people who do not record steps. Worked
    out once per request for a case as it stands (the case page shows it in two places)."""
    worked_out: dict[tuple[str, int, int | None], NextSteps | None] = g.setdefault("next_steps", {})
    key = (case.reference, case.application.version, case.review.version if case.review else None)
    if key not in worked_out:
        worked_out[key] = _next_steps(case)
    return worked_out[key]


def _next_steps(case: Case) -> NextSteps | None:
    account = current_account()
    if account is None or not account.has_any(CASEWORKERS):
        return None
    actions = services().back_office.cases.available_actions(case)
    allowed = allowed_for(actions, account.roles)
    links = dict.fromkeys(link(case, action) for action in allowed if action.command not in PER_INCIDENT)
    for_incident: dict[int, tuple[NextStep, ...]] = {}
    for action in allowed:
        if action.command in PER_INCIDENT and action.number is not None:
            for_incident[action.number] = (*for_incident.get(action.number, ()), link(case, action))
    primary = next_step(allowed, officer_assigned=bool(case.application.officer))
    return NextSteps(tuple(links), awaited_decisions(actions, account.roles), case.has_ended, for_incident,
                     link(case, primary) if primary is not None else None)
