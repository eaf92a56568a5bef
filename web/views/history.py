"""A case's history: every event in order, and the case as it stood after any event or at any
moment (read from the event store, so it is the case exactly as it was)."""

from __future__ import annotations

from datetime import datetime, time

from flask import abort, render_template, request

from application.archive import NotYetRecordedError
from application.core import LONDON, normalise_reference
from application.errors import BackOfficeError
from web.access import requires
from web.context import services
from web.forms import Errors
from web.views.blueprint import READERS, blueprint
from web.views.cases import guarded, history_of, state_of
from web.views.dates import DateField, read_time

AS_AT = DateField("at", "The date")


@blueprint.get("/cases/<reference>/history")
@requires(READERS)
def case_history(reference: str) -> str:
    entries = history_of(reference)
    reference = normalise_reference(reference)
    return render_template("views/history.html", title=f"History of {reference}", reference=reference,
                           entries=entries, date_items=AS_AT.items({}, None), errors=Errors(), values={})


@blueprint.get("/cases/<reference>/history/<int:number>")
@requires(READERS)
def case_after_event(reference: str, number: int) -> str:
    entries = history_of(reference)
    reference = normalise_reference(reference)
    if not 1 <= number <= len(entries):
        abort(404)
    case = guarded(services().back_office.cases.case_as_at_event, reference, number)
    entry = entries[number - 1]
    return render_template("views/as_at_event.html", title=f"{reference} after event {number} of {len(entries)}",
                           reference=reference, number=number, count=len(entries), entry=entry,
                           state=state_of(case, entry.recorded_at.astimezone(LONDON).date()))


@blueprint.get("/cases/<reference>/as-at")
@requires(READERS)
def case_as_at(reference: str) -> tuple[str, int]:
    """The case at the date and time asked for (London time; the end of the day when no time is given)."""
    entries = history_of(reference)
    reference = normalise_reference(reference)
    form = request.args.to_dict()
    values = {"time": str(form.get("time", ""))[:20]}
    asked = any(form.get(f"at-{part}") for part in ("day", "month", "year")) or bool(values["time"].strip())
    errors, state, moment = Errors(), None, None
    if asked:
        back_office = services().back_office
        # "as at" is about when events were recorded (their timestamps), so it is checked against the real clock
        day, message, field = AS_AT.read(form, datetime.now(LONDON).date())
        at_time = read_time(values["time"]) if values["time"].strip() else time(23, 59, 59)
        if message and field:
            errors[field] = message
        if at_time is None:
            errors["time"] = "Enter the time as hours and minutes on the 24-hour clock, like 14:30"
        if day is not None and at_time is not None:
            now = datetime.now(LONDON)
            moment = datetime.combine(day, at_time, tzinfo=LONDON)
            if not values["time"].strip():
                moment = min(moment, now)  # today without a time: as it stands now
            if moment > now:
                errors["at-day"] = "The date and time must be now or in the past"
        if not errors and moment is not None:
            try:
                state = state_of(back_office.cases.case_as_at(reference, moment), day)  # type: ignore[arg-type]
            except NotYetRecordedError:
                errors["at-day"] = (f"{reference} had not been recorded yet at that moment: its first event was "
                                    f"recorded on {entries[0].recorded_at.astimezone(LONDON):%d %B %Y at %H:%M}")
            except BackOfficeError as refusal:
                errors["at-day"] = str(refusal)
    field = next(iter(errors), None)
    title = f"{reference} as at {moment:%d %B %Y %H:%M}" if state and moment else f"{reference} as at a date and time"
    return render_template("views/as_at_moment.html", title=title, reference=reference, errors=errors,
                           values=values, date_items=AS_AT.items(form, field), state=state,
                           entries=[e for e in entries if moment and e.recorded_at <= moment]), (400 if errors else 200)
