"""A form for every step of the process (officers and managers): one page per BackOffice use case, from a
new application taken by phone to the secondary review. The case page lists the steps open to the case
("What to do next", ``steps/next_steps.html``)."""

from __future__ import annotations

from flask import Blueprint

from web.steps import decision, escalation, intake, relevant_bodies, review, verification, victims
from web.steps.next import next_steps
from web.steps.step import CASEWORKERS, register

blueprint = Blueprint("steps", __name__)

STEPS = (*intake.STEPS, *verification.STEPS, *decision.STEPS, *escalation.STEPS, *review.STEPS,
         *victims.STEPS, *relevant_bodies.STEPS)
for _step in STEPS:
    register(blueprint, _step)

blueprint.add_app_template_global(next_steps)

__all__ = ["CASEWORKERS", "STEPS", "blueprint"]
