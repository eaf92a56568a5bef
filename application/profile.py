"""Load and validate the partnership profile (one TOML file) with marshmallow.

Every error names the file, the key and what is wrong, e.g.
``profile.toml: threshold.minimum_incidents: The law caps the threshold at 3 …``.
"""

from __future__ import annotations

import tomllib
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

from marshmallow import Schema, ValidationError, fields, post_load, pre_load, validate, validates_schema

from application.errors import ProfileError
from application.letter_wording import COMMON_KEYS, TEXT_KEYS, placeholder_problem
from application.sign_in_profile import SignInSchema
from domain.errors import InvalidDetailsError
from domain.periods import Period
from domain.profile import COMMENCEMENT, CaseLimits, EmailSettings, LetterWording, PartnershipProfile
from domain.relevant_bodies import BodyType, RelevantBody
from domain.retention import RetentionErasure
from domain.routes import EscalationRoute, EscalationRoutes, RouteKind
from domain.sign_in import RoleMapping
from domain.text import text_problem
from domain.threshold import (
    HateIncidentRule,
    LookBackAnchor,
    SeveralComplainantsRule,
    ThresholdPolicy,
)
from domain.timescales import ROUTE_STEPS, Step, Timescales
from domain.values import AppealRoute, LetterKind

DEFAULT_PROFILE_NAME = "default_profile.toml"


class PeriodField(fields.Field):
    default_error_messages = {"invalid": "Write a period such as '1 month', '6 months' or '30 days'."}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Period:
        if not isinstance(value, str):
            raise self.make_error("invalid")
        try:
            return Period.parse(value)
        except InvalidDetailsError as error:
            raise ValidationError(str(error)) from None


class StrictSchema(Schema):
    """Unknown keys are refused; text is checked with the one rule for text (``domain.text``), line breaks
    allowed only in the keys listed in ``MULTILINE``."""

    MULTILINE: ClassVar[tuple[str, ...]] = ()

    class Meta:
        unknown = "raise"  # a misspelt key is an error, not silently ignored

    def multiline(self, key: str) -> bool:
        return key in self.MULTILINE

    @pre_load
    def plain_text(self, data: Any, **kwargs: Any) -> Any:
        if isinstance(data, dict):
            problems = {key: [f"{problem}."] for key, value in data.items()
                        for problem in [_text_problem(value, self.multiline(str(key)))] if problem}
            if problems:
                raise ValidationError(problems)
        return data


class WordingSchema(StrictSchema):
    """Letter wording: every text may run over several lines."""

    def multiline(self, key: str) -> bool:
        return True


def _text_problem(value: Any, multiline: bool) -> str | None:
    if isinstance(value, str):
        return text_problem(value, multiline=multiline)
    if isinstance(value, list):
        return next((problem for item in value if (problem := _text_problem(item, multiline))), None)
    return None


def _flag() -> fields.Boolean:
    return fields.Boolean(truthy={True}, falsy={False},
                          error_messages={"invalid": "Must be true or false."})


def _choice(enum: type) -> fields.Field:
    values = [member.value for member in enum]
    return fields.String(
        validate=validate.OneOf(values, error="Must be one of: " + ", ".join(values) + ".")
    )


class SeveralComplainantsSchema(StrictSchema):
    minimum_complainants = fields.Integer(required=True, strict=True,
                                          validate=validate.Range(min=2))
    minimum_incidents = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))


class HateIncidentsSchema(StrictSchema):
    minimum_incidents = fields.Integer(required=True, strict=True,
                                       validate=validate.Range(min=1, max=3))
    within = PeriodField(required=True)


class ThresholdSchema(StrictSchema):
    minimum_incidents = fields.Integer(
        required=True,
        strict=True,
        validate=validate.Range(
            min=1, max=3,
            error="The law caps the threshold at 3 qualifying complaints (s.104(4) of the 2014 "
                  "Act); use a whole number from 1 to 3.",
        ),
    )
    report_within = PeriodField(required=True)
    look_back = PeriodField(required=True)
    look_back_anchor = _choice(LookBackAnchor)
    most_recent_within = PeriodField()
    several_complainants = fields.Nested(SeveralComplainantsSchema)
    hate_incidents = fields.Nested(HateIncidentsSchema)
    count_duplicates_once = _flag()
    count_informal_reports = _flag()
    require_consent_to_share = _flag()

    @post_load
    def make(self, data: dict[str, Any], **kwargs: Any) -> ThresholdPolicy:
        if "look_back_anchor" in data:
            data["look_back_anchor"] = LookBackAnchor(data["look_back_anchor"])
        if "several_complainants" in data:
            data["several_complainants"] = SeveralComplainantsRule(**data["several_complainants"])
        if "hate_incidents" in data:
            data["hate_incidents"] = HateIncidentRule(**data["hate_incidents"])
        return ThresholdPolicy(**data)


def _working_days() -> fields.Integer:
    return fields.Integer(
        strict=True,
        validate=validate.Range(min=1, max=250, error="Must be a whole number of working days "
                                                      "from 1 to 250."),
    )


TimescalesSchema = StrictSchema.from_dict(
    # The routes' timescales come from [routes]; appeal_window and secondary_review are still read from an
    # older profile without [routes] (see ``_legacy_routes``).
    {step.value: _working_days() for step in Step
     if step not in ROUTE_STEPS or step in (Step.APPEAL_WINDOW, Step.SECONDARY_REVIEW)},
    name="TimescalesSchema",
)


class RelevantBodySchema(StrictSchema):
    name = fields.String(required=True, validate=validate.Length(min=1))
    type = fields.Enum(BodyType, by_value=True, required=True, error_messages={
        "unknown": "Use one of: " + ", ".join(f'"{t.value}"' for t in BodyType) + "."})
    address = fields.String(load_default="", metadata={"description": "postal address, lines separated by commas"})
    email = fields.Email(load_default="")

    @post_load
    def make(self, data: dict[str, Any], **kwargs: Any) -> RelevantBody:
        return RelevantBody(**data)


class RelevantBodyField(fields.Field):
    """A relevant body: a table with its name, type, address and email, or (as profiles written before types were
    kept) its name alone, which loads as type "other" with no address."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> RelevantBody:
        if isinstance(value, str):
            if not value.strip():
                raise ValidationError("Give the body's name.")
            return RelevantBody(value)
        if isinstance(value, dict):
            return RelevantBodySchema().load(value)  # type: ignore[no-any-return]
        raise ValidationError('Give a table such as { name = "Kent Police", type = "police", address = "…", '
                              'email = "…" }.')


class PartnershipSchema(StrictSchema):
    name = fields.String(required=True, validate=validate.Length(min=1))
    lead_agency = fields.String(required=True, validate=validate.Length(min=1))
    reference_prefix = fields.String(
        required=True,
        validate=validate.Regexp(r"^[A-Z]{2,5}$", error="Use 2 to 5 capital letters, e.g. CT."),
    )
    relevant_bodies = fields.List(RelevantBodyField(), required=True, validate=validate.Length(min=1))
    statistics_from = fields.Date()
    retention_years = fields.Integer(strict=True, validate=validate.Range(min=1, max=100))
    # who erases a case past its retention period: "manager" (a manager approves) or "automatically" (the nightly
    # job, once listed for erase_notice_days); domain/retention.py, docs/PERSONAL-DATA.md
    erase_after_retention = fields.String(validate=validate.OneOf(
        ["manager", "automatically"], error='Use "manager" (a manager approves each erasure) or "automatically".'))
    erase_notice_days = fields.Integer(strict=True, validate=validate.Range(
        min=1, max=366, error="Give the notice period in days, from 1 to 366."))

    @validates_schema
    def commencement(self, data: dict[str, Any], **kwargs: Any) -> None:
        start = data.get("statistics_from")
        if start is not None and start < COMMENCEMENT:
            raise ValidationError(
                "The Community Trigger started on 20 October 2014; use that date or later.",
                "statistics_from",
            )


class AppealSchema(StrictSchema):
    """The single ``[appeal]`` setting of profiles written before ``[routes]``: still read, and mapped onto
    both routes (``_legacy_routes``)."""

    MULTILINE = ("description",)
    route = _choice(AppealRoute)
    description = fields.String(required=True, validate=validate.Length(min=1))


class RouteSchema(StrictSchema):
    """One escalation route (``domain/routes.py``)."""

    MULTILINE = ("how_to_ask",)
    kind = fields.String(required=True, validate=validate.OneOf(
        [kind.value for kind in RouteKind], error="Must be one of: " + ", ".join(k.value for k in RouteKind) + "."))
    body = fields.String(required=True, validate=validate.Length(min=1, max=200))
    email = fields.Email(required=True)
    window = _working_days()
    answer_within = _working_days()
    how_to_ask = fields.String(required=True, validate=validate.Length(min=1))

    @post_load
    def make(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        return {**data, "kind": RouteKind(data["kind"])}


class RoutesSchema(StrictSchema):
    """Schedule 4 paragraph 3: (a) ``decision``, a "threshold not met" decision or a rejection; (b) ``review``,
    the way a case review was carried out."""

    decision = fields.Nested(RouteSchema, required=True)
    review = fields.Nested(RouteSchema, required=True)


class EmailSchema(StrictSchema):
    sender = fields.Email(required=True)
    officer_address = fields.String(
        required=True,
        validate=validate.Regexp(r"^[^@\s]*\{officer\}[^@\s]*@[^@\s]+\.[^@\s]+$",
                                 error="Write an address with {officer} where the officer's user name goes, "
                                       "e.g. {officer}@dartford.gov.uk."),
    )
    managers = fields.List(fields.Email(), load_default=list)
    reminder_working_days = fields.Integer(strict=True, validate=validate.Range(
        min=0, max=20, error="Must be a whole number of working days from 0 (the due date itself) to 20."))
    smtp_host = fields.String(validate=validate.Length(min=1))
    smtp_port = fields.Integer(strict=True, validate=validate.Range(min=1, max=65535))
    smtp_starttls = _flag()
    smtp_username = fields.String()

    @post_load
    def make(self, data: dict[str, Any], **kwargs: Any) -> EmailSettings:
        if "managers" in data:
            data["managers"] = tuple(data["managers"])
        return EmailSettings(**data)


def _most(what: str, least: int, most: int) -> fields.Integer:
    return fields.Integer(strict=True, validate=validate.Range(
        min=least, max=most, error=f"Must be a whole number of {what} from {least} to {most}."))


class LimitsSchema(StrictSchema):
    """The most items one case may hold; above the maximum a case is too slow to load and to read."""

    max_incidents = _most("incidents", 3, 1000)  # at least what the threshold can ask for
    max_agency_requests = _most("agencies", 1, 200)
    max_recommendations = _most("recommendations", 1, 500)

    @post_load
    def make(self, data: dict[str, Any], **kwargs: Any) -> CaseLimits:
        return CaseLimits(**data)


def _wording(kind: LetterKind | None = None) -> fields.String:
    def placeholders(text: str) -> None:
        problem = placeholder_problem(kind, text) if kind else None
        if problem:
            raise ValidationError(problem)

    return fields.String(validate=[
        validate.Length(min=1, error="Write the text, or leave the key out to use the default wording."),
        placeholders,
    ])


LettersSchema = WordingSchema.from_dict(
    {
        **{key: _wording() for key in COMMON_KEYS},
        **{kind.value: fields.Nested(WordingSchema.from_dict({key: _wording(kind) for key in keys},
                                                            name=f"LetterTexts_{kind.value}"))
           for kind, keys in TEXT_KEYS.items()},
    },
    name="LettersSchema",
)


@cache
def _default_letters() -> dict[str, Any]:
    text = resources.files("application").joinpath(DEFAULT_PROFILE_NAME).read_text("utf-8")
    return tomllib.loads(text).get("letters", {})


def letter_wording(given: dict[str, Any]) -> LetterWording:
    """The letters' wording: what the profile gives, and the default wording for anything it leaves out."""
    default = _default_letters()
    return LetterWording(
        **{key: given.get(key, default.get(key, "")) for key in COMMON_KEYS},
        texts={kind.value: {**default.get(kind.value, {}), **given.get(kind.value, {})} for kind in TEXT_KEYS},
    )


class ProfileSchema(StrictSchema):
    partnership = fields.Nested(PartnershipSchema, required=True)
    threshold = fields.Nested(ThresholdSchema, required=True)
    timescales = fields.Nested(TimescalesSchema, required=True)
    appeal = fields.Nested(AppealSchema)  # before [routes]: one route for everything
    routes = fields.Nested(RoutesSchema)
    letters = fields.Nested(LettersSchema, load_default=dict)
    email = fields.Nested(EmailSchema, load_default=EmailSettings)
    limits = fields.Nested(LimitsSchema, load_default=CaseLimits)
    sign_in = fields.Nested(SignInSchema, load_default=RoleMapping)

    @validates_schema
    def room_for_the_threshold(self, data: dict[str, Any], **kwargs: Any) -> None:
        rule, limits = getattr(data.get("threshold"), "several_complainants", None), data.get("limits")
        if rule and limits and limits.max_incidents < rule.minimum_incidents:
            raise ValidationError(
                f"The threshold's several_complainants rule needs {rule.minimum_incidents} incidents; allow at "
                "least that many.", "limits.max_incidents")

    @validates_schema
    def one_way_to_give_routes(self, data: dict[str, Any], **kwargs: Any) -> None:
        if "routes" in data and "appeal" in data:
            raise ValidationError("Give the routes in [routes] only; [appeal] is the older form of the same "
                                  "setting: move its description into routes.decision.how_to_ask.", "appeal")
        if "routes" not in data and "appeal" not in data:
            raise ValidationError("Say who considers an applicant's dissatisfaction: add [routes.decision] and "
                                  "[routes.review] (Schedule 4 paragraph 3 to the 2014 Act).", "routes")
        if "routes" in data:
            for step in (Step.APPEAL_WINDOW, Step.SECONDARY_REVIEW):
                if step.value in data.get("timescales", {}):
                    raise ValidationError(f"With [routes], the {step.value.replace('_', ' ')} is the route's own "
                                          "window or answer_within; leave it out here.", f"timescales.{step.value}")

    @post_load
    def make(self, data: dict[str, Any], **kwargs: Any) -> PartnershipProfile:
        partnership = data["partnership"]
        routes = _routes(data)
        return PartnershipProfile(
            name=partnership["name"],
            lead_agency=partnership["lead_agency"],
            reference_prefix=partnership["reference_prefix"],
            relevant_bodies=tuple(body.name for body in partnership["relevant_bodies"]),
            bodies=tuple(partnership["relevant_bodies"]),
            threshold=data["threshold"],
            timescales=_route_timescales(data["timescales"], routes),
            routes=routes,
            retention_years=partnership.get("retention_years", 6),
            erase_after_retention=RetentionErasure[partnership.get("erase_after_retention", "manager").upper()],
            erase_notice_days=partnership.get("erase_notice_days", 30),
            statistics_from=partnership.get("statistics_from", COMMENCEMENT),
            letters=letter_wording(data["letters"]),
            email=data["email"],
            limits=data["limits"],
            sign_in=data["sign_in"],
        )


# What an older profile's single [appeal] route becomes: its kind, and the body's name the letters print.
LEGACY_KINDS = {
    AppealRoute.INDEPENDENT_PANEL: (RouteKind.INDEPENDENT_PANEL, "an independent panel"),
    AppealRoute.POLICING_BODY: (RouteKind.LOCAL_POLICING_BODY, "the local policing body"),
    AppealRoute.OTHER: (RouteKind.OTHER_BODY, "the partnership"),
}


def _routes(data: dict[str, Any]) -> EscalationRoutes:
    if "routes" in data:
        given = data["routes"]
        return EscalationRoutes(decision=EscalationRoute(**given["decision"]),
                                review=EscalationRoute(**given["review"]))
    return _legacy_routes(data)


def _legacy_routes(data: dict[str, Any]) -> EscalationRoutes:
    """An older profile's ``[appeal]`` (one route, one description) as the same route for (a) and (b): the
    appeal window is the window to ask, for a decision and for a review alike; the body answers within the
    secondary review's timescale; the email is the partnership's own sender address."""
    appeal, timescales = data["appeal"], Timescales(**data["timescales"])
    kind, body = LEGACY_KINDS[AppealRoute(appeal.get("route", "independent_panel"))]
    route = EscalationRoute(kind=kind, body=body, email=data["email"].sender, window=timescales.appeal_window,
                            answer_within=timescales.secondary_review, how_to_ask=appeal["description"])
    return EscalationRoutes(decision=route, review=route)


def _route_timescales(given: dict[str, int], routes: EscalationRoutes) -> Timescales:
    """The timescales, with the routes' windows and answers in the steps that count them (one home each)."""
    decision, review = routes.decision, routes.review
    return Timescales(**{
        **given,
        Step.APPEAL_WINDOW.value: decision.window, Step.APPEAL_DECISION.value: decision.answer_within,
        Step.CHALLENGE_WINDOW.value: decision.window, Step.CHALLENGE_DECISION.value: decision.answer_within,
        Step.SECONDARY_REVIEW_WINDOW.value: review.window, Step.SECONDARY_REVIEW.value: review.answer_within,
    })


def _flatten(messages: Any, prefix: str = "") -> list[str]:
    if isinstance(messages, dict):
        found: list[str] = []
        for key, value in messages.items():
            found += _flatten(value, f"{prefix}.{key}" if prefix else str(key))
        return found
    if isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        return [f"{prefix or '(top level)'}: {' '.join(messages)}"]
    return [f"{prefix}: {messages}"]


def parse_profile(text: str, source: str) -> PartnershipProfile:
    """Parse and validate profile text; ``source`` names the file in error messages."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ProfileError(f"{source}: not valid TOML: {error}") from None
    # TOML dates arrive as date objects; marshmallow's Date field wants ISO text.
    partnership = raw.get("partnership")
    if isinstance(partnership, dict) and isinstance(partnership.get("statistics_from"), date):
        partnership["statistics_from"] = partnership["statistics_from"].isoformat()
    try:
        return ProfileSchema().load(raw)
    except ValidationError as error:
        problems = "; ".join(_flatten(error.messages))
        raise ProfileError(f"{source}: {problems}") from None
    except InvalidDetailsError as error:  # a rule checked by the domain value objects
        raise ProfileError(f"{source}: {error}") from None


def load_profile(path: str | Path | None = None) -> PartnershipProfile:
    """The profile at ``path``, or the default (Dartford) profile that ships with the product."""
    if path is None:
        text = resources.files("application").joinpath(DEFAULT_PROFILE_NAME).read_text("utf-8")
        return parse_profile(text, f"default profile ({DEFAULT_PROFILE_NAME})")
    file = Path(path)
    try:
        text = file.read_text("utf-8")
    except FileNotFoundError:
        raise ProfileError(f"{file}: no such file; give the path of a profile TOML file.") from None
    except (IsADirectoryError, PermissionError, UnicodeDecodeError) as error:
        raise ProfileError(f"{file}: cannot be read ({error.__class__.__name__}).") from None
    return parse_profile(text, str(file))
