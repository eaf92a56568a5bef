"""The ombudsman pack for one case: what complaint handlers and the Local Government and Social
Care Ombudsman look for (domain.md §5.2): the timeline; every decision with its reasons and what
the decision-maker had in front of them; every letter and when it was sent; each deadline with its
due date and whether it was met; agency responses to recommendations; and the audit-chain check.
The HTML pack is rendered from the template file ``application/documents/templates/pack.html``."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import psycopg
from markupsafe import Markup
from psycopg import sql

from application import documents
from application.archive import CORRECTIONS, Decision, decisions_in
from application.backoffice import BackOffice
from application.history import HistoryEntry, describe
from application.letters import SentLetter
from domain.case_file import MissedDeadline
from domain.periods import long_date
from domain.stage import Stage
from domain.threshold import ThresholdAssessment
from domain.timescales import Deadline
from domain.values import Incident
from domain.verification import IncidentVerification
from projections import audit
from projections.report import CHECKPOINT

PANEL = ("PanelScheduled", "VictimInvited", "ImpactStatementReceived", "PanelHeld")
AGENCY_INFORMATION = ("AgencyInformationRequested", "AgencyInformationReceived")
LETTERS = {"DecisionLetterSent": "Threshold decision letter", "DelayNoticeSent": "Delay letter",
           "OutcomeLetterSent": "Outcome letter (findings and recommendations)", "VictimInvited": "Panel invitation",
           "LetterProduced": "Letter produced from its template", "LetterSent": "Letter sent"}




@dataclass(frozen=True)
class Pack:
    reference: str
    stage: Stage
    generated_on: date
    timeline: list[HistoryEntry]
    decisions: list[Decision]
    deadlines: list[Deadline]
    missed: list[MissedDeadline]
    recommendations: list[dict[str, Any]]
    audit_entries: int
    audit_result: str
    audit_checkpoint: str  # the chain's signed head when the pack was made, to keep and compare later
    incidents: tuple[Incident, ...] = ()  # as they stand now (the originals and corrections: ``corrections``)
    verifications: tuple[IncidentVerification, ...] = ()  # each incident's confirmation by its agency
    letters_sent: tuple[SentLetter, ...] = ()  # each letter's text as it was sent
    names: dict[str, str] = field(default_factory=dict)  # user names → people's names

    def person(self, username: str) -> str:
        return self.names.get(username, username)

    @property
    def panel(self) -> list[HistoryEntry]:
        """The review panel: scheduled (chair, members), the victim's invitation and statement, and the panel held
        (who attended, the findings)."""
        return [e for e in self.timeline if e.event in PANEL]

    @property
    def agency_information(self) -> list[HistoryEntry]:
        """What each agency was asked for and what it gave."""
        return [e for e in self.timeline if e.event in AGENCY_INFORMATION]

    @property
    def corrections(self) -> list[HistoryEntry]:
        """Each correction (the incident as first logged, then as corrected) and strike-out, with who and why."""
        return [e for e in self.timeline if e.event in CORRECTIONS]

    @property
    def letters(self) -> list[HistoryEntry]:
        return [e for e in self.timeline if e.event in LETTERS]


def build_pack(back_office: BackOffice, conn: psycopg.Connection[Any], schema: str, reference: str,
               key: bytes | None = None) -> Pack:
    """The pack of ``reference``; ``key``, the audit key, signs the checkpoint printed in it."""
    cases = back_office.cases
    events = cases.events_of(reference)  # one read of the case, everything below replayed from it
    read = cases.read_of(events)
    case, timeline = read.case, read.history
    recommendations = [
        {"number": r.number, "agency": r.agency, "recommendation": r.text, "issued_on": r.issued_on,
         "response_due_on": r.response_due_on,
         "responses": [{"response": kind.value, "on": on} for kind, on in r.responses]}
        for r in (case.review.recommendations if case.review else [])
    ]
    chain = audit.verify(conn, schema, back_office.recorder, key=key)
    checkpoint = audit.make_checkpoint(conn, schema, key, datetime.now(UTC))
    entries = conn.execute(sql.SQL("SELECT count(*) FROM {}.ct_audit WHERE reference = %s").format(
        sql.Identifier(schema)), (case.reference,)).fetchone()[0]  # type: ignore[index]
    if not chain.intact:
        result = f"NOT INTACT: {chain.problem}"
    elif entries < len(timeline):
        result = (f"The chain is intact, but it holds {entries} of this case's {len(timeline)} events: run the "
                  "projector to bring it up to date.")
    else:
        result = f"Intact: the whole chain ({chain.entries} entries) verifies, with all {entries} of this case's."
    return Pack(case.reference, case.stage, back_office.today(), timeline, decisions_in(events),
                cases.deadlines_of(case), list(read.case_file.missed) if read.case_file else [], recommendations,
                entries, result, checkpoint.line(), tuple(case.application.incidents),
                case.application.incident_verifications, tuple(cases.letters_sent_in(events)),
                {a.username: a.display_name for a in back_office.accounts.list_accounts()})


def pack_json(pack: Pack) -> str:
    def entry(e: HistoryEntry) -> dict[str, Any]:
        return {"recorded_at": e.recorded_at.isoformat(), "actor": e.actor, "event": f"{e.record}.{e.event}",
                "details": e.details, "reason": e.reason}

    data = {
        "reference": pack.reference, "stage": pack.stage.label, "generated_on": pack.generated_on,
        "timeline": [entry(e) for e in pack.timeline],
        "decisions": [{"decision": d.kind, **entry(d.entry), "case_stage_before": d.before.stage.label,
                       "incidents_before": len(d.before.application.incidents),
                       "policy": d.policy.describe() if d.policy else None,
                       "verdicts": [{"incident": v.number, "counts": v.counts, "reason": v.reason}
                                    for v in d.assessment.verdicts] if d.assessment else None,
                       "statutory_test": _statutory(d.assessment),
                       "verifications_before": [
                           {"incident": v.number, "agency": v.agency, "verification": v.label}
                           for v in d.before.application.incident_verifications]}
                      for d in pack.decisions],
        "incidents": [{"number": i.number, "happened_on": i.happened_on, "reported_on": i.reported_on,
                       "agency": i.agency, "reported_to": i.reported_to, "agency_reference": i.agency_reference,
                       "reported_by": i.reported_by, "hate_related": i.hate_related, "informal": i.informal,
                       "duplicate_of": i.duplicate_of, "struck_out": i.struck_out} for i in pack.incidents],
        "corrections": [{"correction": CORRECTIONS[e.event], **entry(e)} for e in pack.corrections],
        "letters": [{"letter": LETTERS[e.event], **entry(e)} for e in pack.letters],
        "incident_verifications": [{"incident": v.number, "agency": v.agency, "verification": v.label}
                                   for v in pack.verifications],
        "deadlines": [{"step": d.label, "from": d.starts_on, "due": d.due_on, "met": d.met_on,
                       "status": d.status(pack.generated_on).value} for d in pack.deadlines],
        "deadlines_recorded_missed": [{"step": m.label, "from": m.starts_on, "due": m.due_on,
                                       "recorded_missed_on": m.noticed_on} for m in pack.missed],
        "recommendations": pack.recommendations,
        "audit": {"entries_for_case": pack.audit_entries, "result": pack.audit_result,
                  "checkpoint": pack.audit_checkpoint},
    }
    return json.dumps(data, indent=2, default=lambda o: o.isoformat() if isinstance(o, date | datetime) else str(o))


def pack_html(pack: Pack) -> str:
    """The pack as a printable HTML page, from the template file ``pack.html``."""
    return documents.render("pack.html", pack=pack, produced_on=long_date(pack.generated_on),
                            checkpoint_note=CHECKPOINT, tables=_tables(pack),
                            letters=[(letter, Markup(_within_pack(letter.body))) for letter in pack.letters_sent])


def _within_pack(body: str) -> str:
    """A letter's body inside the pack: its headings below the pack's own (the pack has one top heading)."""
    return re.sub(r"<(/?)h2\b", r"<\1h5", re.sub(r"<(/?)h1\b", r"<\1h4", body))


def _tables(pack: Pack) -> list[tuple[str, tuple[str, ...], list[list[str]]]]:
    """The pack's tables after the decisions: caption, column headings and rows of text."""
    tables: list[tuple[str, tuple[str, ...], list[tuple[Any, ...]]]] = [
        ("Incidents as they stand", ("No.", "Happened", "Reported", "Agency", "Reported to", "Agency's reference",
                                     "Reported by", "Hate-related", "Same incident as", "Struck out"),
         [(i.number, i.happened_on, i.reported_on, i.agency, i.reported_to, i.agency_reference, i.reported_by,
           describe(i.hate_related), i.duplicate_of, describe(i.struck_out)) for i in pack.incidents]),
        ("Incident corrections and strike-outs (as first logged, and as corrected)",
         ("Recorded (UTC)", "By", "Change", "Details", "Reason"),
         [(f"{x.recorded_at:%Y-%m-%d %H:%M:%S}", x.actor, CORRECTIONS[x.event], x.details, x.reason)
          for x in pack.corrections]),
        ("Incidents confirmed with the agencies", ("Incident", "Agency", "What the agency said"),
         [(v.number, v.agency, v.label) for v in pack.verifications]),
        ("The review panel", ("Recorded (UTC)", "By", "What", "Details"),
         [(f"{x.recorded_at:%Y-%m-%d %H:%M}", pack.person(x.actor), x.what, x.readable) for x in pack.panel]),
        ("Information from the agencies", ("Recorded (UTC)", "By", "What", "Details"),
         [(f"{x.recorded_at:%Y-%m-%d %H:%M}", pack.person(x.actor), x.what, x.readable)
          for x in pack.agency_information]),
        ("Letters", ("Letter", "Recorded", "By", "Details"),
         [(LETTERS[x.event], f"{x.recorded_at:%Y-%m-%d %H:%M}", pack.person(x.actor), x.readable)
          for x in pack.letters]),
        ("Deadlines", ("Step", "From", "Due", "Met", "Status"),
         [(d.label, d.starts_on, d.due_on, d.met_on, d.status(pack.generated_on).label) for d in pack.deadlines]),
        ("Deadlines recorded as missed", ("Step", "From", "Due", "Recorded missed on"),
         [(m.label, m.starts_on, m.due_on, m.noticed_on) for m in pack.missed]),
        ("Recommendations and agency responses",
         ("No.", "Agency", "Recommendation", "Issued", "Response due", "Responses"),
         [(r["number"], r["agency"], r["recommendation"], r["issued_on"], r["response_due_on"],
           "; ".join(f"{x['response']} on {long_date(x['on'])}" for x in r["responses"]) or "none yet")
          for r in pack.recommendations]),
        ("Timeline", ("Recorded (UTC)", "By", "Event", "Details", "Reason"),
         [(f"{x.recorded_at:%Y-%m-%d %H:%M:%S}", pack.person(x.actor), x.what, x.readable, x.reason)
          for x in pack.timeline]),
    ]
    return [(caption, headers, [[_text(cell) for cell in row] for row in rows]) for caption, headers, rows in tables]


def _text(value: Any) -> str:
    if value is None:
        return ""
    return describe(value) if isinstance(value, date) else str(value)


def _statutory(assessment: ThresholdAssessment | None) -> dict[str, Any] | None:
    """The statutory test of s.104(4) as the decision-maker saw it (None before it was recorded)."""
    if assessment is None or assessment.statutory is None:
        return None
    result = assessment.statutory
    return {"met": result.met, "qualifying": result.qualifying, "required": result.required,
            "reason": result.reason, "disagreement": assessment.disagreement or None,
            "verdicts": [{"incident": v.number, "qualifies": v.counts, "reason": v.reason}
                         for v in result.verdicts]}
