"""Which of a case's available actions is its next step: the one the case page offers as its button.

The domain lists what a case may take now in the order of the process (``domain.actions.available_actions``). Some
of those are open for most of the case's life and do not move it on: logging or correcting an incident, recording
or withdrawing consent, giving the case to another officer, a delay notice, and what is done only when someone asks
for it (an appeal, a challenge, a secondary review, a withdrawal) or when it must be stopped (a rejection). The next
step is the first available action that is none of those; when only those are left, the case has no next step and
they are all offered alike."""

from __future__ import annotations

from collections.abc import Sequence

from domain.actions import Action, Command

ALONGSIDE = frozenset({
    Command.LOG_INCIDENT, Command.CORRECT_INCIDENT, Command.STRIKE_OUT_INCIDENT,
    Command.GIVE_CONSENT, Command.WITHDRAW_CONSENT,
    Command.LODGE_APPEAL, Command.LODGE_CHALLENGE, Command.REQUEST_SECONDARY_REVIEW,
    Command.WITHDRAW_APPLICATION, Command.REJECT_APPLICATION,
    Command.SEND_DELAY_NOTICE, Command.CHOOSE_INVOLVEMENT,
})


def next_step(actions: Sequence[Action], officer_assigned: bool) -> Action | None:
    """The first of ``actions`` (one role's, in the order of the process) that moves the case on, if any. Assigning
    an officer is the first step of an unassigned case; once one is, giving it to another is done alongside."""
    for action in actions:
        if action.command in ALONGSIDE or (action.command is Command.ASSIGN_OFFICER and officer_assigned):
            continue
        return action
    return None
