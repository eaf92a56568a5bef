"""Subject access (UK GDPR Art 15), rectification (Art 16) and who looked: the use cases of
``back_office.privacy``.

* Finding a person across every case: each application's applicant and victims are compared with the details
  the requester gave (name with date of birth, email, telephone or postcode; or email or telephone alone), and so
  is each person its records name (a neighbour who reported incidents, the panel's chair or members:
  ``application.named_people``), by name, the only detail held about them; the officer confirms which of the
  records found are that person (``confirm_records``).
* The export: everything held about the confirmed records, case by case, with every other person's personal data
  withheld (``application.redaction``), and the access-log entries of those cases.
* Rectification: a person's details in one case put right, as ``Application.PersonCorrected``.
* The access log (``infrastructure.access_log``): one row per view of a case's personal data.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from application.core import Recorded, UseCases, normalise_reference
from application.errors import BackOfficeError
from application.named_people import named_in
from application.redaction import Redactor, person_details, words
from domain.application import Application
from domain.ids import application_id, case_file_id, case_review_id
from domain.personal import Person, normal_name
from domain.rectification import people_of
from domain.subject_access import LAW, SubjectAccessRequest
from infrastructure.access_log import AccessEntry, AccessLog
from infrastructure.case_text import case_subject, named_subject

SAR_EXPORT = "subject access export"


class RequestNotFoundError(BackOfficeError):
    def __init__(self, reference: str) -> None:
        super().__init__(f"There is no subject access request {reference}; check the reference on the dashboard.")


@dataclass(frozen=True)
class Candidate:
    """A person record in one case that may be the requester, and why it matched."""

    reference: str
    role: str  # "applicant", "victim", "applicant and victim", or how the case's records name them
    person: Person  # for a person the records name: their name, under the subject of their key in the case
    matched_on: tuple[str, ...]
    named: bool = False  # named in the case's records, not one of its people

    @property
    def subject(self) -> str:
        return self.person.subject


@dataclass(frozen=True)
class RequestSummary:
    id: UUID
    reference: str
    name: str
    received_on: date
    due_on: date
    answered_on: date | None
    records: int


def _same(a: str, b: str) -> bool:
    return bool(a and b) and normal_name(a) == normal_name(b)


def _phone(value: str) -> str:
    return "".join(c for c in value if c.isdigit())


def matches(wanted: Person, found: Person) -> tuple[str, ...]:
    """Why ``found`` may be ``wanted``: the details that agree. A name alone is not enough (two people share one),
    nor a postcode alone; an email address or a telephone number is."""
    agreed = []
    if _same(wanted.email, found.email):
        agreed.append("email address")
    if _phone(wanted.phone) and _phone(wanted.phone) == _phone(found.phone):
        agreed.append("telephone number")
    name = _same(wanted.name, found.name)
    if name and wanted.date_of_birth and wanted.date_of_birth == found.date_of_birth:
        agreed.append("date of birth")
    if name and _same(wanted.postcode.replace(" ", ""), found.postcode.replace(" ", "")):
        agreed.append("postcode")
    if name and _same(wanted.address, found.address):
        agreed.append("address")
    return ("name", *agreed) if name and agreed else tuple(agreed)


class PrivacyUseCases(UseCases):
    _access_log: AccessLog | None = None

    # ------------------------------------------------------------------------------ the access log
    @property
    def access_log(self) -> AccessLog:
        if self._access_log is None:
            datastore = self.recorder.datastore
            self._access_log = AccessLog(datastore.pool, datastore.schema)
        return self._access_log

    def record_view(self, username: str, what: str, reference: str) -> None:
        """One row: ``username`` viewed ``what`` (a page or API route) of case ``reference``."""
        self.access_log.record(username, what, normalise_reference(reference))

    def access_entries(self, *, reference: str = "", username: str = "") -> list[AccessEntry]:
        references = [normalise_reference(reference)] if reference.strip() else None
        return self.access_log.entries(references=references, username=username.strip().lower() or None)

    # ------------------------------------------------------------------------------ rectification
    def correct_person(self, reference: str, *, corrected: Person, reason: str, actor: str) -> Recorded:
        application = self._application(reference)
        application.correct_person(corrected=corrected, reason=reason, actor=self._actor(actor))
        return self._save(application.reference, application)

    def people(self, reference: str) -> tuple[Person, ...]:
        """The people of a case whose details can be corrected (the applicant and the victims)."""
        return people_of(self._application(reference).applicant)

    # ------------------------------------------------------------------------------ subject access requests
    def receive_subject_access_request(self, *, person: Person, received_on: date, actor: str) -> Recorded:
        request = SubjectAccessRequest.receive(person=person, received_on=received_on, calendar=self.calendar,
                                               actor=self._actor(actor), today=self.today())
        return self._save(request.reference, request)

    def confirm_records(self, request_id: UUID, *, subjects: Iterable[str], actor: str) -> Recorded:
        request = self.subject_access_request(request_id)
        known = {c.subject for c in self._all_people()}
        unknown = [s for s in subjects if s not in known]
        if unknown:
            raise BackOfficeError("A record chosen is not in any case; search again and choose from the list.")
        request.confirm_records(subjects=tuple(subjects), actor=self._actor(actor))
        return self._save(request.reference, request)

    def answer_subject_access_request(self, request_id: UUID, *, answered_on: date, actor: str) -> Recorded:
        request = self.subject_access_request(request_id)
        request.answer(answered_on=answered_on, actor=self._actor(actor), today=self.today())
        return self._save(request.reference, request)

    def subject_access_request(self, request_id: UUID) -> SubjectAccessRequest:
        try:
            request = self.repository.get(request_id)
        except AggregateNotFoundError:
            raise RequestNotFoundError(str(request_id)) from None
        if not isinstance(request, SubjectAccessRequest):
            raise RequestNotFoundError(str(request_id))
        return request

    def subject_access_requests(self, *, open_only: bool = False, last: int | None = None) -> list[RequestSummary]:
        """Every request (or the open ones), soonest due first: those recorded up to the event log's position
        ``last`` when the caller has just read it (``KeptAccounts.signed_in_and_everyone``), else up to now."""
        summaries = []
        for request_id in self._ids(SubjectAccessRequest.Received, last):
            request = self.subject_access_request(request_id)
            if open_only and not request.is_open:
                continue
            summaries.append(RequestSummary(request.id, request.reference, str(request.person), request.received_on,
                                            request.due_on, request.answered_on, len(request.subjects)))
        return sorted(summaries, key=lambda s: (s.answered_on is not None, s.due_on, s.reference))

    def candidates(self, request_id: UUID) -> list[Candidate]:
        """The person records, across every case, that may be the requester (best matches first)."""
        wanted = self.subject_access_request(request_id).person
        found = [Candidate(c.reference, c.role, c.person, why, c.named) for c in self._all_people()
                 if (why := (("name",) if _same(wanted.name, c.person.name) else ()) if c.named
                     else matches(wanted, c.person))]
        return sorted(found, key=lambda c: (-len(c.matched_on), c.reference))

    def export(self, request_id: UUID) -> dict[str, Any]:
        """Everything held about the requester's confirmed records, other people's personal data withheld."""
        request = self.subject_access_request(request_id)
        mine = set(request.subjects)
        cases = [self._case_export(application, mine) for application in self._applications()
                 if mine & self._subjects(application)]
        references = [case["case"] for case in cases]
        log = self.access_log.entries(references=references) if references else []
        return {
            "request": {"reference": request.reference, "received on": request.received_on.isoformat(),
                        "due on": request.due_on.isoformat(), "due because": f"one calendar month from receipt ({LAW})",
                        "answered on": request.answered_on.isoformat() if request.answered_on else None},
            "person as they gave their details": person_details(request.person),
            "cases": cases,
            "who viewed these cases": [{"when": e.viewed_at.isoformat(timespec="seconds"), "who": e.username,
                                        "what": e.what, "case": e.reference} for e in log],
        }

    def record_export_views(self, request_id: UUID, username: str) -> None:
        """Viewing an export is viewing each case in it: one access-log row per case."""
        request = self.subject_access_request(request_id)
        mine = set(request.subjects)
        for application in self._applications():
            if mine & self._subjects(application):
                self.record_view(username, SAR_EXPORT, application.reference)

    # ------------------------------------------------------------------------------ helpers
    def _case_export(self, application: Application, mine: set[str]) -> dict[str, Any]:
        people = people_of(application.applicant)
        events = self._events(application.reference)
        named = self._named(application, [e for e in events if type(e).__qualname__.startswith("CaseReview.")])
        own = [c for c in named if c.subject in mine]
        redactor = Redactor(mine, people, (c.person.name for c in named), own=(c.person.name for c in own))
        roles = [*(_role(application, p) for p in people if p.subject in mine), *(c.role for c in own)]
        history = []
        for event in events:
            record, _, name = type(event).__qualname__.partition(".")
            history.append({"recorded at": event.timestamp.isoformat(timespec="seconds"),
                            "what": words(name or record), "by": redactor.scrub(str(getattr(event, "actor", ""))),
                            "details": redactor.fields(event)})
        return {
            "case": application.reference,
            "you are": " and ".join(dict.fromkeys(roles)),
            "your details as held now": [*(person_details(p) for p in people if p.subject in mine),
                                         *({"name": c.person.name} for c in own)],
            "history": history,
            "items withheld": redactor.withheld,
        }

    def _events(self, reference: str) -> list[Any]:
        reference = normalise_reference(reference)
        events = [*self.events.get(application_id(reference)), *self.events.get(case_review_id(reference)),
                  *self.events.get(case_file_id(reference))]
        return sorted(events, key=lambda e: e.timestamp)

    def _ids(self, event_class: type, last: int | None = None) -> Iterator[UUID]:
        yield from self.aggregate_ids.of(event_class, last)

    def _applications(self) -> Iterator[Application]:
        for aggregate_id in self._ids(Application.Received):
            application = self.repository.get(aggregate_id)
            assert isinstance(application, Application)
            yield application

    def _all_people(self) -> Iterator[Candidate]:
        for application in self._applications():
            for person in people_of(application.applicant):
                yield Candidate(application.reference, _role(application, person), person, ())
            yield from self._named(application)

    def _subjects(self, application: Application) -> set[str]:
        """The subjects of everyone a case holds: its people, and each person its records name."""
        return {*(p.subject for p in people_of(application.applicant)), *(c.subject for c in self._named(application))}

    def _named(self, application: Application, review_events: list[Any] | None = None) -> list[Candidate]:
        """Each person the case's records name, as a record a requester may be: their name under the subject of
        their key in the case's application (pseudonymous: a request keeps subjects, never names)."""
        if review_events is None:
            review_events = list(self.events.get(case_review_id(application.reference)))
        case = case_subject(application.id)
        found = []
        for named in named_in(application, review_events, self.profile.relevant_bodies):
            subject = named_subject(self.core.keys, case, named.name)
            if subject is not None:
                found.append(Candidate(application.reference, f"named in its records: {'; '.join(named.roles)}",
                                       Person(subject, named.name), (), named=True))
        return found


def _role(application: Application, person: Person) -> str:
    roles = []
    if application.applicant.person.subject == person.subject:
        roles.append("applicant")
    if any(v.subject == person.subject for v in application.applicant.victims):
        roles.append("victim")
    return " and ".join(roles)
