"""The request to an agency for its information for the review, sent through the outbox: an email to the contact
email the profile gives the body, or a letter to its postal address, as the officer chooses (docs/RELEVANT_BODIES.md).

The email's subject names the partnership and the case's reference only: subjects are read in inboxes and logs
where the case's personal details have no place. Its text is the letter's wording."""

from __future__ import annotations

from datetime import date

from application.core import Recorded
from application.letter_content import LetterFacts, letter_context
from application.letters import LetterUseCases
from application.queries import Case
from domain.deadlines import deadlines_for
from domain.email import Email
from domain.errors import InvalidDetailsError
from domain.letters import APPLICANT
from domain.values import LetterChannel, LetterKind

PURPOSE = "information request"


def email_subject(partnership: str, reference: str) -> str:
    """The subject of the emailed request: no name, address or description of the problem."""
    return f"{partnership}: request for information for case review {reference}"


class InformationRequestUseCases(LetterUseCases):
    def send_letter(
        self, reference: str, kind: LetterKind, recipient: str = APPLICANT, *, channel: LetterChannel,
        sent_on: date, actor: str,
    ) -> Recorded:
        """Record a letter sent; the request for information, sent by email, goes through the outbox."""
        if kind is LetterKind.INFORMATION_REQUEST:
            return self.send_information_request(reference, agency=recipient, channel=channel, sent_on=sent_on,
                                                 actor=actor)
        return super().send_letter(reference, kind, recipient, channel=channel, sent_on=sent_on, actor=actor)

    def send_information_request(
        self, reference: str, *, agency: str, channel: LetterChannel, sent_on: date, actor: str
    ) -> Recorded:
        """Send the request letter to ``agency`` (asked for its information): by email, queued in the outbox to the
        body's contact email in the profile; by post, recorded as sent to its postal address. Either way the case
        file records the letter sent."""
        case = self.get_case(reference)
        letter = self._render(case, LetterKind.INFORMATION_REQUEST, agency or APPLICANT)
        kwargs = self._kwargs(actor)
        aggregates = []
        if channel is LetterChannel.EMAIL:
            body = self.profile.body(letter.recipient)
            if body is None or not body.email:
                raise InvalidDetailsError(
                    f"The partnership's profile has no contact email for {letter.recipient}; send the request by "
                    "post, or add the body's email to the profile.")
            aggregates.append(Email.queue(
                key=f"information-request/{case.reference}/{letter.recipient}/{sent_on}", to=(body.email,),
                subject=email_subject(self.profile.name, case.reference), body=self._email_text(case, letter.recipient),
                purpose=PURPOSE, reference=case.reference, queued_on=self.today(), actor=kwargs["actor"]))
        case_file = self._case_file(case.reference, actor)
        case_file.record_letter_sent(letter=LetterKind.INFORMATION_REQUEST, recipient=letter.recipient,
                                     template_version=letter.template_version, channel=channel, sent_on=sent_on,
                                     **kwargs)
        return self._save(case.reference, *aggregates, case_file)

    def _email_text(self, case: Case, agency: str) -> str:
        """The request letter as the email's plain text: its wording's paragraphs, signed as the letters are."""
        deadlines = deadlines_for(case.application, case.review, self.profile.timescales, self.calendar)
        facts = LetterFacts(self.profile, self._wording(), deadlines, self.today(), self.calendar)
        context = letter_context(case, LetterKind.INFORMATION_REQUEST, agency, facts)
        paragraphs = [f"Dear {context['salutation']},", *context["text"]["body"], *context["text"]["closing"],
                      context["sign_off"], context["signature"], context["contact"]]
        return "\n\n".join(p for p in paragraphs if p)


__all__ = ["PURPOSE", "InformationRequestUseCases", "email_subject"]
