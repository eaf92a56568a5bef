"""Finding any case, open or closed: by its reference, a person's name, address or postcode, or an agency's
reference (``projections.search``)."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from marshmallow import fields, validate

from domain.periods import long_date
from projections.search import CaseSearch
from web.access import CASE_READERS, requires
from web.context import services
from web.forms import Errors, FormSchema

blueprint = Blueprint("search", __name__)


class SearchSchema(FormSchema):
    ORDER = ("q",)

    q = fields.String(load_default="", validate=validate.Length(
        max=200, error="Enter 200 characters or fewer: a reference, a name, an address, a postcode or an "
                       "agency's reference"))


@blueprint.get("/search")
@requires(CASE_READERS)
def find_case() -> tuple[str, int]:
    values, errors = SearchSchema().validate_form(request.args.to_dict())
    query = (values.get("q") or "").strip() if not errors else ""
    found = None
    with services().read_models() as conn:
        if not services().read_models_built(conn):
            return render_template("search.html", title="Find a case", unavailable=True, errors=Errors(),
                                   values={}), 503
        if query:
            found = CaseSearch(conn, services().schema, services().back_office.search_index).find(query)
    return render_template("search.html", title="Find a case", values=values, errors=errors, found=found,
                           long_date=long_date), (400 if errors else 200)
