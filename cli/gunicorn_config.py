"""gunicorn's configuration for the officer web interface, shipped in the package:

    gunicorn -c python:cli.gunicorn_config 'cli.web_commands:wsgi()'

(``community-trigger web --production`` runs the same). Every value can be changed from the environment:

* ``COMMUNITY_TRIGGER_BIND`` (default ``127.0.0.1:8000``: behind the council's reverse proxy);
* ``COMMUNITY_TRIGGER_WORKERS`` (default 2 × cores + 1, at most 8), ``COMMUNITY_TRIGGER_THREADS`` (default 4);
* ``COMMUNITY_TRIGGER_TIMEOUT`` (seconds a request may take before its worker is restarted; default 60);
* ``COMMUNITY_TRIGGER_TRUSTED_PROXIES``: the app itself believes that many hops of X-Forwarded-* (werkzeug's
  ProxyFix, web/security.py); gunicorn's own ``forwarded_allow_ips`` is left at its default (127.0.0.1) so
  that it never rewrites the scheme from headers a client could send;
* ``PROMETHEUS_MULTIPROC_DIR``: a folder (emptied at start) where the workers add up /metrics' request
  latencies; without it each worker counts its own.

The access log is one JSON object per request on standard output (the app's own request log, with the route
and user id, goes to standard error with the other application logs).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any


def _number(variable: str, default: int) -> int:
    text = os.environ.get(variable, "").strip()
    if text and not text.isdigit():
        raise ValueError(f"{variable} must be a whole number, not {text!r}.")
    return int(text) if text else default


bind = os.environ.get("COMMUNITY_TRIGGER_BIND", "127.0.0.1:8000").split(",")
workers = _number("COMMUNITY_TRIGGER_WORKERS", min(2 * (os.cpu_count() or 1) + 1, 8))
worker_class = "gthread"
threads = _number("COMMUNITY_TRIGGER_THREADS", 4)
timeout = _number("COMMUNITY_TRIGGER_TIMEOUT", 60)
graceful_timeout = 30
keepalive = 5
max_requests = 2000  # a worker is replaced now and then, so a slow leak cannot grow for ever
max_requests_jitter = 200
limit_request_line = 8190
proc_name = "community-trigger-web"
accesslog = "-"
errorlog = "-"
access_log_format = ('{"time": "%(t)s", "remote": "%(h)s", "method": "%(m)s", "path": "%(U)s", '
                     '"status": %(s)s, "bytes": "%(B)s", "duration_ms": %(M)s, "agent": "%(a)s"}')
# the query string (%(q)s) is left out: a search may hold a person's name


def on_starting(server: Any) -> None:
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        Path(folder).mkdir(parents=True, exist_ok=True)


def child_exit(server: Any, worker: Any) -> None:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
