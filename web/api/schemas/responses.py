"""Response bodies of the JSON API (used to write the responses and to document them)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from domain.actions import Command
from domain.application import AppealOutcome, Ending, ThresholdDecision
from domain.stage import Stage
from web.api.schemas.common import ApiSchema, Text, choice


class ProblemSchema(Schema):
    type = fields.String(metadata={"example": "about:blank"})
    title = fields.String()
    status = fields.Integer()
    detail = fields.String()
    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()),
                         metadata={"description": "field → messages, for invalid input"})


class RecordedSchema(Schema):
    reference = fields.String(metadata={"example": "CT-2026-0007"})
    position = fields.Integer(metadata={"description": "the event's position in the log, for read-your-writes"})
    number = fields.Integer(allow_none=True, metadata={"description": "the incident's or recommendation's number"})


class ProducedLetterSchema(RecordedSchema):
    kind = fields.String()
    recipient = fields.String()
    title = fields.String()
    template_version = fields.String()
    html = fields.String(metadata={"description": "the printable letter"})


class CaseSummarySchema(Schema):
    reference = fields.String()
    received_on = fields.Date()
    channel = fields.String()
    stage = fields.Enum(Stage, by_value=True)
    officer = fields.String()
    next_due_on = fields.Date(allow_none=True)
    next_due_for = fields.String(allow_none=True)
    overdue = fields.Boolean()
    missed_deadlines = fields.Integer()


class CaseListSchema(Schema):
    cases = fields.List(fields.Nested(CaseSummarySchema))
    total = fields.Integer()
    page = fields.Integer()
    pages = fields.Integer()
    per_page = fields.Integer()


class DeadlineSchema(Schema):
    step = fields.String()
    label = fields.String()
    subject = fields.String()
    starts_on = fields.Date()
    due_on = fields.Date()
    met_on = fields.Date(allow_none=True)
    status = fields.String(metadata={"description": "met, met late, overdue or open"})


class HistoryEntrySchema(Schema):
    recorded_at = fields.DateTime()
    actor = fields.String()
    record = fields.String()
    event = fields.String()
    version = fields.Integer()
    details = fields.String()
    reason = fields.String()


class DecisionSchema(Schema):
    kind = fields.String()
    entry = fields.Nested(HistoryEntrySchema)
    stage_before = fields.Enum(Stage, by_value=True)
    incidents_counted = fields.List(fields.Integer(), allow_none=True)


class LetterSchema(Schema):
    kind = fields.String()
    recipient = fields.String()
    title = fields.String()


class IncidentSchema(Schema):
    number = fields.Integer()
    happened_on = fields.Date()
    reported_on = fields.Date()
    agency = fields.String()
    reported_to = fields.String()
    agency_reference = fields.String()
    reported_by = fields.String()
    hate_related = fields.Boolean()
    informal = fields.Boolean()
    duplicate_of = fields.Integer(allow_none=True)
    struck_out = fields.Boolean()


class RecommendationSchema(Schema):
    number = fields.Integer()
    agency = fields.String()
    text = fields.String()
    issued_on = fields.Date()
    response_due_on = fields.Date()
    responses = fields.List(fields.Dict())


class ReviewSchema(Schema):
    stage = fields.Enum(Stage, by_value=True)
    route = fields.String()
    opened_on = fields.Date()
    agencies_requested = fields.List(fields.String())
    panel_date = fields.Date(allow_none=True)
    panel_held_on = fields.Date(allow_none=True)
    recommendations = fields.List(fields.Nested(RecommendationSchema))
    outcome_letter_sent_on = fields.Date(allow_none=True)
    secondary_review_outcome = fields.String(allow_none=True)
    closed_on = fields.Date(allow_none=True)


class DecisionStateSchema(Schema):
    decision = fields.Enum(ThresholdDecision, by_value=True, allow_none=True)
    decided_on = fields.Date(allow_none=True)
    reason = fields.String()
    alternative_action = fields.String()
    letter_sent_on = fields.Date(allow_none=True)
    appeal_lodged_on = fields.Date(allow_none=True)
    appeal_outcome = fields.Enum(AppealOutcome, by_value=True, allow_none=True)


class AvailableActionSchema(Schema):
    command = fields.String(metadata={
        "description": "the command's operationId (POST it to record the step)",
        "enum": [command.value for command in Command]})
    number = fields.Integer(allow_none=True, metadata={"description": "the recommendation it answers"})
    agency = fields.String(allow_none=True, metadata={"description": "the agency it is about"})


class CaseSchema(Schema):
    reference = fields.String()
    stage = fields.Enum(Stage, by_value=True)
    channel = fields.String()
    received_on = fields.Date()
    officer = fields.String()
    problem = fields.Dict()
    on_behalf_of_victim = fields.Boolean()
    acknowledged_on = fields.Date(allow_none=True)
    ended = fields.Enum(Ending, by_value=True, allow_none=True)
    ended_on = fields.Date(allow_none=True)
    incidents = fields.List(fields.Nested(IncidentSchema))
    consent = fields.Dict(keys=fields.String(), values=fields.Date())
    decision = fields.Nested(DecisionStateSchema)
    review = fields.Nested(ReviewSchema, allow_none=True)
    deadlines = fields.List(fields.Nested(DeadlineSchema))
    available_actions = fields.List(fields.Nested(AvailableActionSchema), metadata={
        "description": "What the calling user may record on the case now, as the process allows; the threshold "
                       "and appeal decisions and rejection are a manager's"})


class ReportSchema(Schema):
    partnership = fields.String()
    years = fields.List(fields.Dict())


class AuditSchema(Schema):
    intact = fields.Boolean()
    entries = fields.Integer(metadata={"description": "Audit entries read"})
    events = fields.Integer(metadata={"description": "Events in the event store up to the projector's position"})
    problem = fields.String(metadata={"description": "Every problem found, in words (empty when intact)"})
    problems = fields.List(fields.String(), metadata={"description": "Each problem found (the first 20)"})
    checkpoints = fields.List(fields.String(), metadata={"description": "What each stored checkpoint showed"})


class CaseListQuery(ApiSchema):
    stage = choice(Stage, load_default=None)
    officer = Text(64, load_default=None)
    overdue = fields.Boolean(load_default=False, truthy={"true"}, falsy={"false"},
                             error_messages={"invalid": "Give true or false."})
    page = fields.Integer(load_default=1, validate=validate.Range(
        min=1, max=100_000, error="Give a page number from 1 to 100000."),
        error_messages={"invalid": "Give the page as a whole number."})
    per_page = fields.Integer(load_default=25, validate=validate.Range(
        min=1, max=500, error="Give from 1 to 500 cases per page."),
        error_messages={"invalid": "Give the number per page as a whole number."})


class ReportQuery(ApiSchema):
    year = fields.Integer(load_default=None, validate=validate.Range(
        min=2014, max=2100, error="Give the year a financial year starts in, from 2014 to 2100."),
        error_messages={"invalid": "Give the year as a whole number, like 2025."})
