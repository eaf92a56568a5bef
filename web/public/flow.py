"""The order of the pages, which apply to this applicant, and which are answered.

The pages that apply depend on earlier answers (the victim's details only when applying for
someone else; the households only for several households; what the hostility was about only when
there was some). "Continue" goes to the next page that applies; from the check answers page
(``?change=1``) it goes back there once everything is answered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Answers = dict[str, Any]

# endpoint (without "public.") → (applies to these answers?, answered?)
STEPS: tuple[tuple[str, Callable[[Answers], bool], Callable[[Answers], bool]], ...] = (
    ("basis", lambda a: True, lambda a: "basis" in a),
    ("households", lambda a: a.get("basis") == "households", lambda a: "households" in a),
    ("your_details", lambda a: True, lambda a: "applicant" in a),
    ("victim", lambda a: a.get("basis") == "behalf", lambda a: "victim" in a),
    ("problem", lambda a: True, lambda a: "problem" in a),
    ("hate", lambda a: True, lambda a: "hate" in a),
    ("hostility", lambda a: a.get("hate", "none") != "none", lambda a: "hostility" in a),
    ("incidents", lambda a: True, lambda a: bool(a.get("incidents")) and bool(a.get("incidents_done"))),
    ("consent", lambda a: True, lambda a: consent_answered(a)),
)


def consent_answered(answers: Answers) -> bool:
    consent = answers.get("consent") or {}
    return bool(consent.get("share")) and (answers.get("basis") != "behalf" or bool(consent.get("victim")))


def applicable(answers: Answers) -> list[str]:
    return [name for name, applies, _ in STEPS if applies(answers)]


def first_unanswered(answers: Answers) -> str | None:
    return next((name for name, applies, answered in STEPS if applies(answers) and not answered(answers)), None)


def next_step(current: str, answers: Answers, *, changing: bool = False) -> str:
    """Where "Continue" goes from ``current``."""
    if changing:
        return first_unanswered(answers) or "check"
    names = applicable(answers)
    later = names[names.index(current) + 1:] if current in names else []
    return later[0] if later else "check"


def previous_step(current: str, answers: Answers) -> str:
    """Where the back link of ``current`` goes."""
    names = ["start", *applicable(answers), "check"]
    if current not in names:
        return "start"
    return names[max(names.index(current) - 1, 0)]
