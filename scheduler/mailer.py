"""Delivering the outbox over SMTP (standard library ``smtplib``), never sending a message twice.

The SMTP exchange is split around the one moment the server takes a message: the final "." of DATA.
Everything before it (connect, envelope, body) can fail or be cut off without the server keeping
anything, so the message is simply tried again. Just before the final ".", ``HandingOver`` is recorded
(committed). After the server's answer, ``Delivered`` (or ``DeliveryFailed`` if it refused) is recorded.
If the process dies in between, the message is found ``HandingOver`` and is marked ``DeliveryUncertain``
for a person to check: it is never resent automatically. That window lasts one round trip to the server.
"""

from __future__ import annotations

import contextlib
import os
import re
import smtplib
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate
from uuid import UUID

from application.backoffice import BackOffice
from domain.email import Email, EmailStatus
from domain.profile import EmailSettings
from infrastructure.settings import Settings

TIMEOUT = 30


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    sender: str
    starttls: bool = False
    username: str = ""
    password: str = ""

    @classmethod
    def from_settings(cls, settings: EmailSettings, environ: Mapping[str, str] | None = None) -> SmtpServer:
        """The profile's settings; SMTP_HOST, SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD and SMTP_STARTTLS in the
        environment take precedence (the password is only ever read from there)."""
        smtp = Settings.from_environ(os.environ if environ is None else environ).smtp  # read in one place
        port = smtp.port
        if port and not (port.isdigit() and 1 <= int(port) <= 65535):
            raise ValueError(f"SMTP_PORT must be a port number from 1 to 65535, not {port!r}.")
        starttls = smtp.starttls.lower()
        if starttls and starttls not in ("true", "false", "1", "0", "yes", "no"):
            raise ValueError(f"SMTP_STARTTLS must be true or false, not {starttls!r}.")
        return cls(
            host=smtp.host or settings.smtp_host,
            port=int(port) if port else settings.smtp_port,
            sender=settings.sender,
            starttls=starttls in ("true", "1", "yes") if starttls else settings.smtp_starttls,
            username=smtp.username or settings.smtp_username,
            password=smtp.password,
        )


def message_of(email: Email, sender: str) -> bytes:
    message = EmailMessage(policy=SMTP)
    message["From"] = sender
    message["To"] = ", ".join(email.to)
    message["Subject"] = email.subject
    message["Message-ID"] = email.message_id
    message["Date"] = formatdate(localtime=True)
    message.set_content(email.body)
    return message.as_bytes()


def deliver(back_office: BackOffice, email_id: UUID, server: SmtpServer) -> EmailStatus:
    """Send one queued email; returns its status afterwards."""
    email = back_office.outbox.email(email_id)
    if not email.is_pending:
        return email.status
    if email.is_erased:  # its case's personal data was erased: the text is gone, and nothing is sent
        return back_office.outbox.withhold_email(email_id).status
    try:
        smtp = _open(server)
    except (OSError, smtplib.SMTPException) as error:
        back_office.outbox.record_email_failed(email_id, error=_describe(error))
        return EmailStatus.FAILED
    try:
        return _exchange(back_office, email, smtp, server.sender)
    finally:
        smtp.close()  # whatever happened; a message whose final "." was not sent is dropped by the server


def _exchange(back_office: BackOffice, email: Email, smtp: smtplib.SMTP, sender: str) -> EmailStatus:
    try:
        refusal = _send_all_but_the_end(smtp, email, message_of(email, sender), sender)
    except (OSError, smtplib.SMTPException, ValueError) as error:  # ValueError: an address or header that
        refusal = _describe(error)  # cannot be written (a line break in it): this email fails, not the others
    if refusal:
        back_office.outbox.record_email_failed(email.id, error=refusal)
        return EmailStatus.FAILED
    back_office.outbox.hand_over_email(email.id)
    try:
        smtp.send(b".\r\n")  # the server takes the message now
        code, reply = smtp.getreply()
    except (OSError, smtplib.SMTPException) as error:
        back_office.outbox.record_email_uncertain(email.id, reason=f"The connection failed after the message was "
                                                                   f"handed over: {_describe(error)}")
        return EmailStatus.UNCERTAIN
    _quit(smtp)
    text = f"{code} {reply.decode('utf-8', 'replace')}"
    if code == 250:
        back_office.outbox.record_email_delivered(email.id, server_reply=text)
        return EmailStatus.DELIVERED
    back_office.outbox.record_email_failed(email.id, error=f"The server refused the message: {text}")
    return EmailStatus.FAILED


def _open(server: SmtpServer) -> smtplib.SMTP:
    smtp = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT)
    try:
        smtp.ehlo()
        if server.starttls:
            smtp.starttls()
            smtp.ehlo()
        if server.username:
            smtp.login(server.username, server.password)
    except BaseException:
        smtp.close()
        raise
    return smtp


def _send_all_but_the_end(smtp: smtplib.SMTP, email: Email, data: bytes, sender: str) -> str:
    """Envelope and body, without the final "." line; returns the server's refusal, or "" if all was accepted."""
    code, reply = smtp.mail(sender)
    if code != 250:
        return f"The server refused the sender {sender}: {code} {reply!r}"
    for address in email.to:
        code, reply = smtp.rcpt(address)
        if code not in (250, 251):
            return f"The server refused the recipient {address}: {code} {reply!r}"
    code, reply = smtp.docmd("DATA")
    if code != 354:
        return f"The server refused the message: {code} {reply!r}"
    body = re.sub(rb"(?m)^\.", b"..", data)  # dot-stuffing, as smtplib.SMTP.data does
    if not body.endswith(b"\r\n"):
        body += b"\r\n"
    smtp.send(body)
    return ""


def _quit(smtp: smtplib.SMTP) -> None:
    with contextlib.suppress(OSError, smtplib.SMTPException):  # the message is already taken; the caller closes
        smtp.quit()


def _describe(error: BaseException) -> str:
    return f"{error.__class__.__name__}: {error}".strip()
