"""Erasing personal data by crypto-shredding (docs/PERSONAL-DATA.md): check, record the erasure on the case's
file (who, when, ground; no personal data), delete the subjects' data keys, then append them to the erasure
register kept outside the database. Every event stays as it was, in order; what was sealed under the deleted
keys reads back as "Erased on <date>" everywhere (pages, letters, packs, exports, the command line).

Erasing a whole case also deletes the keys of the case itself (``case_aggregate_subjects``): the free text its
application, review and file keep about it (reasons, panel members, where the problem happens, who reported an
incident …; ``infrastructure/case_text.py``). Erasing one person leaves those keys, and the case's text, alone.

A person named only in that text (a neighbour who reported incidents, the panel's chair, a member or attendee, the
secondary review's panel) has a key of their own in each aggregate's family (``named_subject``): ``named_people``
lists them, and ``erase_named`` deletes their keys, so their name reads "Erased on <date>" wherever the case
holds it, while the rest of the case's text stays.
"""

from __future__ import annotations

from eventsourcing.application import AggregateNotFoundError

from application.core import Recorded, UseCases
from application.inputs.erasure import EVERYONE, NAMED
from application.named_people import NamedPerson, named_in
from domain.application import Application
from domain.case_file import CaseFile
from domain.erasure import ErasureGround
from domain.errors import InvalidDetailsError
from domain.ids import application_id, case_file_id, case_review_id
from domain.personal import normal_name
from infrastructure.case_text import CASE, case_subject, named_subject
from infrastructure.erasure_register import Erased


def case_subjects(application: Application) -> tuple[str, ...]:
    """Whose personal data a case holds: the applicant (and the free text of the case, kept under their key)
    and every victim named."""
    applicant = application.applicant
    return tuple(dict.fromkeys([applicant.person.subject, *(v.subject for v in applicant.victims)]))


def case_aggregate_subjects(reference: str) -> tuple[str, ...]:
    """The keys of the case's own free text: one per aggregate of the case (its application, case review and
    case file), named by the aggregate's id (pseudonymous ids, no personal data)."""
    return tuple(case_subject(make(reference)) for make in (application_id, case_review_id, case_file_id))


class ErasureUseCases(UseCases):
    def erase(self, reference: str, whose: str, *, ground: ErasureGround, actor: str) -> Recorded:
        """Erase whose the erasure page or the command line chose: ``EVERYONE`` (the whole case), a person named
        in the case's text (``NamedPerson.choice``), or the applicant or a victim (their id)."""
        if whose == EVERYONE:
            return self.erase_case(reference, ground=ground, actor=actor)
        if whose.startswith(NAMED):
            return self.erase_named(reference, whose, ground=ground, actor=actor)
        return self.erase_person(reference, whose, ground=ground, actor=actor)

    def erase_case(self, reference: str, *, ground: ErasureGround, actor: str) -> Recorded:
        """Erase the personal data of everyone named in the case, and the case's own free text."""
        application = self._application(reference)
        subjects = (*case_subjects(application), *case_aggregate_subjects(application.reference))
        return self._erase(application, subjects, ground=ground, actor=actor, whole_case=True)

    def erase_person(self, reference: str, subject: str, *, ground: ErasureGround, actor: str) -> Recorded:
        """Erase one person named in the case (the applicant or a victim)."""
        application = self._application(reference)
        if subject not in case_subjects(application):
            raise InvalidDetailsError(f"No one with that id is named in {application.reference}.")
        return self._erase(application, (subject,), ground=ground, actor=actor, whole_case=False)

    def named_people(self, reference: str) -> tuple[NamedPerson, ...]:
        """The people named in the case's free text who may be erased one by one (``erase_named``)."""
        application = self._application(reference)
        return named_in(application, list(self.events.get(case_review_id(application.reference))),
                        self.profile.relevant_bodies)

    def erase_named(self, reference: str, choice: str, *, ground: ErasureGround, actor: str) -> Recorded:
        """Erase one person named in the case's free text (``NamedPerson.choice``, or their name): the keys of
        their name in the case's application, review and file, so it reads "Erased on <date>" wherever it is."""
        application = self._application(reference)
        wanted = normal_name(choice.removeprefix(NAMED))
        if not wanted or wanted not in {normal_name(p.name) for p in self.named_people(application.reference)}:
            raise InvalidDetailsError(f"No one by that name is named in {application.reference}'s records.")
        subjects = [named_subject(self.core.keys, case, wanted) for case in case_aggregate_subjects(
            application.reference)]
        if None in subjects:
            raise InvalidDetailsError(f"The records of {application.reference} are already erased.")
        return self._erase(application, tuple(s for s in subjects if s), ground=ground, actor=actor,
                           whole_case=False)

    def _erase(self, application: Application, subjects: tuple[str, ...], *, ground: ErasureGround, actor: str,
               whole_case: bool) -> Recorded:
        case_file = self._case_file(application.reference, actor)
        case_file.record_erasure(subjects=subjects, ground=ground, whole_case=whole_case,
                                 **self._kwargs(actor))
        recorded = self._save(application.reference, case_file)
        erased = case_file.erasures[-1]
        self.core.keys.shred(erased.subjects, erased.erased_on)
        register = self.core.erasure_register
        if register is not None:
            register.append(Erased(s, application.reference, erased.erased_on) for s in erased.subjects)
        return recorded

    def erased_people(self, reference: str) -> frozenset[str]:
        """Whose personal data was erased in the case: the people's pseudonymous ids, and for each person named
        in the case's text who was erased on their own, the first of their keys (not the case's own keys)."""
        case_file = self._erased_file(reference)
        if case_file is None:
            return frozenset()
        named = {e.subjects[0] for e in case_file.erasures
                 if not e.whole_case and e.subjects and all(s.startswith(CASE) for s in e.subjects)}
        return frozenset({*(s for s in case_file.erased_subjects if not s.startswith(CASE)), *named})

    def erased_subjects(self, reference: str) -> frozenset[str]:
        """Whose data was erased in the case (pseudonymous ids), the case's own keys included."""
        case_file = self._erased_file(reference)
        return frozenset() if case_file is None else case_file.erased_subjects

    def _erased_file(self, reference: str) -> CaseFile | None:
        try:
            case_file = self.repository.get(case_file_id(self._application(reference).reference))
        except AggregateNotFoundError:
            return None
        assert isinstance(case_file, CaseFile)
        return case_file

    def _case_file(self, reference: str, actor: str) -> CaseFile:
        try:
            case_file = self.repository.get(case_file_id(reference))
        except AggregateNotFoundError:
            return CaseFile(reference=reference, actor=self._actor(actor))
        assert isinstance(case_file, CaseFile)
        return case_file

    def is_erased(self, reference: str) -> bool:
        """Whether everyone named in the case has been erased."""
        return set(case_subjects(self._application(reference))) <= self.erased_subjects(reference)

    def reapply_register(self) -> list[str]:
        """Delete again every key the register says was erased (after a restore from an older backup)."""
        register = self.core.erasure_register
        if register is None:
            return []
        shredded: list[str] = []
        for entry in register.entries():
            shredded += self.core.keys.shred([entry.subject], entry.erased_on)
        return shredded
