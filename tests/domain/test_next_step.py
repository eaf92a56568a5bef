"""The case's next step: the first available action that moves the case on."""

from domain.actions import Action, Command
from domain.next_step import next_step


def test_an_unassigned_case_is_first_given_to_an_officer() -> None:
    actions = (Action(Command.ASSIGN_OFFICER), Action(Command.LOG_INCIDENT), Action(Command.ACKNOWLEDGE))

    assert next_step(actions, officer_assigned=False) == Action(Command.ASSIGN_OFFICER)


def test_logging_incidents_and_reassigning_are_done_alongside_the_next_step() -> None:
    actions = (Action(Command.ASSIGN_OFFICER), Action(Command.LOG_INCIDENT), Action(Command.GIVE_CONSENT),
               Action(Command.ACKNOWLEDGE), Action(Command.WITHDRAW_APPLICATION))

    assert next_step(actions, officer_assigned=True) == Action(Command.ACKNOWLEDGE)


def test_a_case_waiting_only_on_what_someone_may_ask_for_has_no_next_step() -> None:
    actions = (Action(Command.ASSIGN_OFFICER), Action(Command.LODGE_APPEAL), Action(Command.WITHDRAW_APPLICATION))

    assert next_step(actions, officer_assigned=True) is None
