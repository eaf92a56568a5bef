"""Structured logs: one JSON object per line (python-json-logger), with the time, level, logger and message,
and the fields a log call passes in ``extra`` (a request's route, status, duration and user id; a job's name
and result; a security event's kind). Messages never carry personal data: people are named by their user id.

Loggers: ``community_trigger.requests`` (one line per request), ``community_trigger.security`` (sign-ins,
failures, role and token changes), ``community_trigger.audit`` (audit checkpoints), ``scheduler`` (job runs).
"""

from __future__ import annotations

import logging

from pythonjsonlogger.json import JsonFormatter

REQUESTS = "community_trigger.requests"
SECURITY = "community_trigger.security"


def json_formatter() -> logging.Formatter:
    return JsonFormatter("{asctime}{levelname}{name}{message}", style="{", timestamp=False,
                         rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
                         datefmt="%Y-%m-%dT%H:%M:%S%z")


def security_event(kind: str, **fields: object) -> None:
    """One line of the security log: ``kind`` (e.g. ``sign_in``, ``sign_in_failed``, ``roles_changed``,
    ``token_issued``) and the ids involved, never a name, email address or password."""
    logging.getLogger(SECURITY).info("security %s", kind, extra={"event": kind, **fields})
