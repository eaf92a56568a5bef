"""The officer interface's views of a case and of the service: a case's history and its state as at
any event or moment, its decisions as they were made, the ombudsman pack, its letters, the annual
report and the audit trail. One blueprint ("views"), one module per concept."""

from __future__ import annotations

from web.views import audit, decisions, history, letters, pack, report  # noqa: F401  (each adds its routes)
from web.views.blueprint import blueprint

__all__ = ["blueprint"]
