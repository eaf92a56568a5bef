"""Use cases of the victim's part in the review: their chosen involvement, the reason they are not invited
to the panel, and the action plan they are consulted on (docs/VICTIMS.md). Consent per victim is taken by
``IntakeUseCases.give_consent`` / ``withdraw_consent``."""

from __future__ import annotations

from datetime import date

from application.core import Recorded, UseCases
from domain.victims import InvolvementLevel, ShareMethod


class VictimUseCases(UseCases):
    def choose_involvement(self, reference: str, *, level: InvolvementLevel, chosen_on: date, actor: str) -> Recorded:
        _, review = self._review(reference, "recording the victim's chosen involvement")
        review.choose_involvement(level=level, chosen_on=chosen_on, **self._kwargs(actor))
        return self._save(review.reference, review)

    def decide_not_to_invite_victim(self, reference: str, *, decided_on: date, reason: str, actor: str) -> Recorded:
        _, review = self._review(reference, "recording why the victim is not invited")
        review.decide_not_to_invite_victim(decided_on=decided_on, reason=reason, **self._kwargs(actor))
        return self._save(review.reference, review)

    def draft_action_plan(self, reference: str, *, drafted_on: date, plan: str, actor: str) -> Recorded:
        application, review = self._review(reference, "drafting the action plan")
        review.draft_action_plan(drafted_on=drafted_on, plan=self._narrative(application, plan),
                                 **self._kwargs(actor))
        return self._save(review.reference, review)

    def share_action_plan(self, reference: str, *, shared_on: date, how: ShareMethod, actor: str) -> Recorded:
        _, review = self._review(reference, "sharing the action plan with the victim")
        review.share_action_plan(shared_on=shared_on, how=how, **self._kwargs(actor))
        return self._save(review.reference, review)

    def record_action_plan_response(self, reference: str, *, responded_on: date, response: str,
                                    actor: str) -> Recorded:
        application, review = self._review(reference, "recording the victim's response to the action plan")
        review.record_action_plan_response(responded_on=responded_on,
                                           response=self._narrative(application, response), **self._kwargs(actor))
        return self._save(review.reference, review)

    def finalise_action_plan(self, reference: str, *, finalised_on: date, actor: str,
                             without_consultation: str = "") -> Recorded:
        _, review = self._review(reference, "finalising the action plan")
        review.finalise_action_plan(finalised_on=finalised_on, without_consultation=without_consultation,
                                    **self._kwargs(actor))
        return self._save(review.reference, review)
