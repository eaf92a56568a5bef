"""The start page and the question pages, one thing per page: each shows its question with the answer
already given, checks what was sent, keeps it in the draft and goes on (POST/redirect/GET)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from flask import g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from web.context import services
from web.forms import Errors, FormSchema
from web.public import answers as asked
from web.public.blueprint import blueprint
from web.public.flow import next_step, previous_step
from web.public.state import current_answers, save_answers

F = TypeVar("F", bound=Callable[..., Any])
View = str | Response | tuple[str, int]


def needs_draft(view: F) -> F:
    """A page after the first needs the visitor's draft; without one (never started, or expired)
    they go to the start page."""

    @functools.wraps(view)
    def with_draft(*args: Any, **kwargs: Any) -> Any:
        answers = current_answers()
        if answers is None:
            return redirect(url_for("public.start"))
        g.answers = answers
        return view(*args, **kwargs)

    return with_draft  # type: ignore[return-value]


def changing() -> bool:
    """The page was opened from the check answers page, and goes back there."""
    return request.args.get("change") == "1"


def back_link(name: str, answers: dict[str, Any]) -> str:
    return url_for("public.check" if changing() else f"public.{previous_step(name, answers)}")


def go_on(name: str, answers: dict[str, Any]) -> Response:
    target = next_step(name, answers, changing=changing())
    return redirect(url_for(f"public.{target}", change="1" if changing() and target != "check" else None))


def most_incidents() -> int:
    """The most incidents the form takes: its own limit, or the partnership's for a case if that is lower."""
    return min(asked.MAX_INCIDENTS, services().back_office.profile.limits.max_incidents)


@blueprint.get("")
def start() -> str:
    profile = services().back_office.profile
    return render_template("public/start.html", title="Apply for an anti-social behaviour case review",
                           threshold=profile.threshold.describe(), timescales=profile.timescales,
                           max_incidents=most_incidents(), errors=Errors())


@dataclass(frozen=True)
class Question:
    """A page asking one thing (or a small group of things) kept under ``key`` in the draft."""

    name: str
    title: str
    template: str
    schema: type[FormSchema]
    key: str
    single: str = ""  # the answer is this one field's value, not a dict of fields
    lists: tuple[str, ...] = ()  # fields sent as several values (checkboxes)
    extra: dict[str, Any] = field(default_factory=dict)

    def read(self) -> dict[str, Any]:
        form: dict[str, Any] = request.form.to_dict()
        for name in self.lists:
            form[name] = request.form.getlist(name)
        return form

    def kept(self, values: dict[str, Any]) -> Any:
        return values[self.single] if self.single else values

    def shown(self, answers: dict[str, Any]) -> dict[str, Any]:
        found = answers.get(self.key)
        if found is None:
            return {}
        return {self.single: found} if self.single else dict(found)


QUESTIONS = {q.name: q for q in (
    Question("basis", "Who are you applying for?", "public/radios.html", asked.BasisSchema, "basis", single="basis",
             extra={"options": asked.BASIS, "field": "basis"}),
    Question("households", "How many households are affected?", "public/households.html", asked.HouseholdsSchema,
             "households"),
    Question("your_details", "Your details", "public/person.html", asked.ApplicantSchema, "applicant",
             extra={"whose": "your", "victim": False, "contact_options": asked.CONTACT}),
    Question("victim", "The victim's details", "public/person.html", asked.VictimSchema, "victim",
             extra={"whose": "the victim's", "victim": True, "contact_options": asked.CONTACT}),
    Question("problem", "About the anti-social behaviour", "public/problem.html", asked.ProblemSchema, "problem"),
    Question("hate", "Do you think any of the behaviour was motivated by hostility or prejudice?",
             "public/radios.html", asked.HateSchema, "hate", single="element",
             extra={"options": asked.HATE, "field": "element",
                    "hint": "For example because of someone's disability, race, religion, sexual orientation or "
                            "transgender identity."}),
    Question("hostility", "What do you think the hostility or prejudice was about?", "public/hostility.html",
             asked.HostilitySchema, "hostility", single="characteristics", lists=("characteristics",),
             extra={"options": asked.HOSTILITY}),
)}


def ask(name: str) -> View:
    question = QUESTIONS[name]
    answers: dict[str, Any] = g.get("answers") or {}
    if request.method == "POST":
        values, errors = question.schema().validate_form(question.read())
        if not errors:
            answers[question.key] = question.kept(values)
            save_answers(answers)
            return go_on(name, answers)
        return show(question, answers, values, errors), 400
    return show(question, answers, question.shown(answers), Errors())


def show(question: Question, answers: dict[str, Any], values: dict[str, Any], errors: Errors) -> str:
    return render_template(question.template, title=question.title, values=values, errors=errors,
                           back=back_link(question.name, answers), limits=asked.LIMITS, **question.extra)


@blueprint.route("/who", methods=["GET", "POST"])
def basis() -> View:
    g.answers = current_answers() or {}  # the first question: the draft starts when it is answered
    return ask("basis")


def _register(name: str, path: str) -> None:
    def view() -> View:
        return ask(name)

    view.__name__ = name
    blueprint.add_url_rule(path, endpoint=name, view_func=needs_draft(view), methods=["GET", "POST"])


for _name, _path in (("households", "/households"), ("your_details", "/your-details"), ("victim", "/victim"),
                     ("problem", "/problem"), ("hate", "/hostility"), ("hostility", "/hostility-about")):
    _register(_name, _path)

