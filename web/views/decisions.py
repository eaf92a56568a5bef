"""Every decision in a case as it was made: who decided, when, the reason recorded, the case just
before, the threshold policy in force, each incident's verdict and the corrections and strike-outs made to the
incidents before it (from the event store, so it stays true after the partnership changes its policy)."""

from __future__ import annotations

from flask import render_template

from application.archive import CORRECTIONS
from application.core import normalise_reference
from web.access import requires
from web.context import services
from web.views.blueprint import READERS, blueprint
from web.views.cases import guarded


@blueprint.get("/cases/<reference>/decisions")
@requires(READERS)
def case_decisions(reference: str) -> str:
    found = guarded(services().back_office.cases.decisions, reference)
    reference = normalise_reference(reference)
    return render_template("views/decisions.html", title=f"Decisions in {reference}", reference=reference,
                           decisions=found, correction_labels=CORRECTIONS)
