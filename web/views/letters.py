"""A case's letters: the ones it has reached, producing one to print (recorded as LetterProduced,
then shown as its own printable document) and recording that one was sent (LetterSent, and the
process step the letter is, in the same save).

The printable letter is the full HTML document the letter layout makes (A4 print styles in one
inline ``<style>`` element), served as it is. The app's Content-Security-Policy allows only
stylesheets from the service itself (``style-src 'self'``) and is set on every response after the
view has run, so a header set here would be overwritten. ``PrintableLetter`` therefore adds the
SHA-256 hash of each of the letter's own ``<style>`` elements to ``style-src`` as the response is
sent: those exact styles apply, and nothing else inline would (no 'unsafe-inline')."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping
from typing import Any

from flask import Response, abort, flash, redirect, render_template, request, url_for
from markupsafe import Markup
from werkzeug.datastructures import Headers

from application.core import normalise_reference
from application.documents.pdf import pdf_of
from application.errors import BackOfficeError, ConflictError
from domain.errors import CaseRuleError
from domain.letters import APPLICANT, AvailableLetter
from domain.periods import long_date
from domain.values import LetterChannel, LetterKind
from web.access import current_account, may, requires
from web.context import services
from web.forms import Errors
from web.views.blueprint import CASEWORKERS, READERS, blueprint
from web.views.cases import guarded, history_of
from web.views.dates import DateField

STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL | re.IGNORECASE)
SENT_ON = DateField("sent_on", "The date the letter was sent")
CHANNELS = {"post": LetterChannel.POST, "email": LetterChannel.EMAIL}
LETTER_EVENTS = ("LetterProduced", "LetterSent")


class PrintableLetter(Response):
    """A letter document whose own inline styles the Content-Security-Policy allows by their hash."""

    def __init__(self, document: str, filename: str) -> None:
        super().__init__(document, mimetype="text/html",
                         headers={"Content-Disposition": f'inline; filename="{filename}"'})
        self.style_sources = " ".join(
            f"'sha256-{base64.b64encode(hashlib.sha256(css.encode('utf-8')).digest()).decode()}'"
            for css in STYLE.findall(document))

    def get_wsgi_headers(self, environ: Any) -> Headers:
        headers = super().get_wsgi_headers(environ)
        policy = headers.get("Content-Security-Policy")
        if policy and self.style_sources:
            headers["Content-Security-Policy"] = policy.replace("style-src 'self'",
                                                                f"style-src 'self' {self.style_sources}", 1)
        return headers


def _kind(value: str) -> LetterKind:
    try:
        return LetterKind(value)
    except ValueError:
        abort(404)


def _recipient(form: Mapping[str, Any]) -> str:
    return str(form.get("recipient") or APPLICANT).strip()[:200] or APPLICANT


def _letters_page(reference: str, errors: Errors, status: int = 200) -> tuple[str, int]:
    available: list[AvailableLetter] = guarded(services().back_office.cases.letters_available, reference)
    statuses = guarded(services().back_office.cases.letter_statuses, reference)
    records = [e for e in history_of(reference) if e.event in LETTER_EVENTS]
    reference = normalise_reference(reference)
    return render_template("views/letters.html", title=f"Letters for {reference}", reference=reference,
                           letters=available, statuses=statuses, records=records, errors=errors,
                           may_work=may(CASEWORKERS)), status


@blueprint.get("/cases/<reference>/letters")
@requires(READERS)
def case_letters(reference: str) -> tuple[str, int]:
    return _letters_page(reference, Errors())


@blueprint.post("/cases/<reference>/letters/produce")
@requires(CASEWORKERS)
def produce_letter(reference: str) -> Any:
    """Records that the letter was produced, then shows it to print."""
    account = current_account()
    assert account is not None
    try:
        kind = LetterKind(request.form.get("letter", ""))
    except ValueError:
        return _letters_page(reference, Errors({"letters": "Choose a letter to produce from the list"}), 400)
    recipient = _recipient(request.form)
    try:
        guarded(services().back_office.cases.produce_letter, reference, kind, recipient, actor=account.username)
    except ConflictError as conflict:
        return _letters_page(reference, Errors({"letters": str(conflict)}), 409)
    except (CaseRuleError, BackOfficeError) as refusal:
        return _letters_page(reference, Errors({"letters": str(refusal)}), 400)
    flash("Produced and recorded in the case file: print it, or download it as a PDF, then record it as sent.")
    return redirect(url_for("views.letter_page", reference=normalise_reference(reference), kind=kind.value,
                            recipient=None if recipient == APPLICANT else recipient))


@blueprint.get("/cases/<reference>/letters/<kind>/print")
@requires(READERS)
def print_letter(reference: str, kind: str) -> Any:
    """The letter as its own printable document, dated today (producing it records LetterProduced)."""
    try:
        letter = guarded(services().back_office.cases.render_letter, reference, _kind(kind), _recipient(request.args))
    except CaseRuleError:
        abort(404)
    back = url_for("views.letter_page", reference=normalise_reference(reference), kind=letter.kind.value,
                   recipient=request.args.get("recipient") or None)
    filename = f"{normalise_reference(reference)}-{letter.kind.value}.html"
    return PrintableLetter(with_toolbar(letter.html, back), filename)


TOOLBAR = (
    '<style>@media print {{ .ct-toolbar {{ display: none; }} }} .ct-toolbar {{ display: flex; gap: 6mm; '
    'flex-wrap: wrap; padding: 3mm 0; margin-bottom: 6mm; border-bottom: 1pt solid #b1b4b6; }}</style>'
    '<nav class="ct-toolbar" aria-label="{label}"><a href="{back}">{text}</a>'
    '<button type="button" data-ct-print>Print</button></nav>'
    '<script src="{script}"></script>')


def with_toolbar(document: str, back: str, text: str = "Back to the letter's page", label: str = "Letter") -> str:
    """The printable document with a bar that is not printed: back to where it was opened from, and print."""
    bar = Markup(TOOLBAR).format(back=back, text=text, label=label, script=url_for("static", filename="print.js"))
    return re.sub(r"(<body[^>]*>)", lambda found: found.group(1) + bar, document, count=1)


@blueprint.route("/cases/<reference>/letters/<kind>/send", methods=["GET", "POST"])  # the address it had before
@blueprint.route("/cases/<reference>/letters/<kind>", methods=["GET", "POST"])
@requires(READERS)
def letter_page(reference: str, kind: str) -> Any:
    """One letter: where it is (produced, sent), print it, download it as PDF, and record it as sent (the date
    today unless changed, the channel the applicant prefers)."""
    letter_kind = _kind(kind)
    back_office = services().back_office
    available: list[AvailableLetter] = guarded(back_office.cases.letters_available, reference)
    reference = normalise_reference(reference)
    form = request.form if request.method == "POST" else request.args
    recipient = _recipient(form)
    letter = next((a for a in available if a.kind is letter_kind and a.recipient == recipient), None)
    errors, status = Errors(), 200
    if request.method == "POST":
        if not may(CASEWORKERS):
            abort(403)
        channel = CHANNELS.get(str(form.get("channel", "")))
        if channel is None:
            errors["channel"] = "Select how the letter was sent: by post or by email"
        sent_on, message, field = SENT_ON.read(form, back_office.today())
        if message and field:
            errors[field] = message
        if not errors and channel is not None and sent_on is not None:
            account = current_account()
            assert account is not None
            try:
                back_office.cases.send_letter(reference, letter_kind, recipient, channel=channel, sent_on=sent_on,
                                              actor=account.username)
            except ConflictError as conflict:
                errors["channel"], status = str(conflict), 409
            except (CaseRuleError, BackOfficeError) as refusal:
                errors["sent_on-day"] = str(refusal)
            else:
                title = letter.title if letter else letter_kind.value.replace("_", " ")
                flash(f"Recorded: the {title.lower()} was sent by {channel.value} on {long_date(sent_on)}.")
                return redirect(url_for("cases.show_case", reference=reference))
        status = status if status != 200 else 400
    statuses = guarded(back_office.cases.letter_statuses, reference)
    title = letter.title if letter else letter_kind.value.replace("_", " ").capitalize()
    field = next(iter(errors), None)
    to = None if recipient == APPLICANT else recipient
    dated = form if request.method == "POST" else {f"sent_on-{part}": value for part, value in zip(
        ("day", "month", "year"), (back_office.today().day, back_office.today().month, back_office.today().year),
        strict=True)}
    return render_template("views/letter.html", title=title, reference=reference, kind=letter_kind,
                           recipient=recipient, to=to, letter=letter, status=statuses.get((letter_kind, recipient)),
                           errors=errors, may_work=may(CASEWORKERS),
                           channel=(form.get("channel") if request.method == "POST"
                                    else _usual_channel(back_office, reference, recipient)),
                           date_items=SENT_ON.items(dated, field)), status


def _usual_channel(back_office: Any, reference: str, recipient: str) -> str:
    """How the letter would usually go: to the applicant by the channel the domain gives for their preferred
    contact (``LetterChannel.preferred_by``), to an agency by post."""
    if recipient != APPLICANT:
        return "post"
    person = guarded(back_office.cases.get_case, reference).application.applicant.person
    return LetterChannel.preferred_by(person).value


@blueprint.get("/cases/<reference>/letters/<kind>/pdf")
@requires(READERS)
def letter_pdf(reference: str, kind: str) -> Response:
    """The letter as a PDF on A4 pages, dated today (downloading it records nothing)."""
    try:
        letter = guarded(services().back_office.cases.render_letter, reference, _kind(kind), _recipient(request.args))
    except CaseRuleError:
        abort(404)
    filename = f"{normalise_reference(reference)}-{letter.kind.value}.pdf"
    return Response(pdf_of(letter.html), mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
