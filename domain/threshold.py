"""The threshold for a case review: the statutory test beside the partnership's local rules.

``assess`` is a pure function from (policy, incidents, application date) to an assessment with a
verdict and a plain-English reason for every incident, twice: once under the Act and once under
the local rules. s.104(4): where the qualifying complaints reach three (or the procedure's lower
number) the threshold must be decided as met; s.104(5): in any other case the procedure's own
criteria (persistence, harm, the adequacy of the response) decide. So the local rules can only add
routes to "met", never take the statutory one away. docs/THRESHOLD-LAW.md gives the reading.

Both tests use what the agencies said when asked to confirm the incidents (``domain.verification``): an
incident its agency disputes or holds no record of does not count, with the agency's answer as the reason;
one not yet answered still counts, its reason saying it is unverified (the decision then needs a reason).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import Enum
from typing import TypeVar

from domain import plurals
from domain.errors import ThresholdPolicyError
from domain.periods import Period, long_date
from domain.values import Incident
from domain.verification import IncidentVerification, VerificationAnswer

STATUTORY_MAXIMUM = 3
COMPLAINT_WITHIN = Period(months=1)  # s.104: complaint within one month beginning with the behaviour
APPLICATION_WITHIN = Period(months=6)  # s.104: application within six months beginning with the complaint


class LookBackAnchor(Enum):
    APPLICATION_DATE = "application_date"  # reports made in the N months before the application
    FIRST_INCIDENT = "first_incident"  # incidents within N months of the first of them


@dataclass(frozen=True)
class SeveralComplainantsRule:
    """Met when enough qualifying incidents come from enough different people or households."""

    minimum_complainants: int
    minimum_incidents: int

    def __post_init__(self) -> None:
        if self.minimum_complainants < 2 or self.minimum_incidents < 1:
            raise ThresholdPolicyError(
                "The several-complainants rule needs at least 2 complainants and 1 incident."
            )


@dataclass(frozen=True)
class HateIncidentRule:
    """Met when enough qualifying hate incidents happened within the window (often 1 in 6 months)."""

    minimum_incidents: int
    within: Period

    def __post_init__(self) -> None:
        if not 1 <= self.minimum_incidents <= STATUTORY_MAXIMUM:
            raise ThresholdPolicyError(
                "The hate-incident rule must count from 1 to 3 incidents."
            )


@dataclass(frozen=True)
class ThresholdPolicy:
    minimum_incidents: int = 3
    report_within: Period = Period(months=1)
    look_back: Period = Period(months=6)
    look_back_anchor: LookBackAnchor = LookBackAnchor.APPLICATION_DATE
    most_recent_within: Period | None = None  # e.g. the last incident reported in the last month
    several_complainants: SeveralComplainantsRule | None = None
    hate_incidents: HateIncidentRule | None = None
    count_duplicates_once: bool = True
    count_informal_reports: bool = False
    require_consent_to_share: bool = True

    def __post_init__(self) -> None:
        if self.minimum_incidents > STATUTORY_MAXIMUM:
            raise ThresholdPolicyError(
                f"The law caps the threshold at {STATUTORY_MAXIMUM} qualifying complaints "
                "(Anti-social Behaviour, Crime and Policing Act 2014, s.104(4)); "
                f"set the minimum number of incidents to {STATUTORY_MAXIMUM} or fewer, "
                f"not {self.minimum_incidents}."
            )
        if self.minimum_incidents < 1:
            raise ThresholdPolicyError("The minimum number of incidents must be at least 1.")

    def barriers(self) -> tuple[tuple[str, str], ...]:
        """The local caveats the guidance and commentators regard as barriers (domain.md §1.5), each as
        (profile key, plain words). They cannot take away the statutory route (s.104(4)), but they
        make the local rules disagree with the Act and mislead applicants who read the policy."""
        found = []
        if self.look_back_anchor is LookBackAnchor.FIRST_INCIDENT:
            found.append(("threshold.look_back_anchor", (
                "counts the look-back from the first incident; the Act counts six months forward from "
                "each complaint to the application.")))
        if self.most_recent_within:
            found.append(("threshold.most_recent_within", (
                f"needs the most recent incident reported within {self.most_recent_within} of the "
                "application; the Act has no such rule.")))
        if self.report_within.days or _shorter(self.report_within.after, COMPLAINT_WITHIN):
            found.append(("threshold.report_within", (
                f"needs each report within {self.report_within}; the Act's period is one month "
                "beginning with the behaviour.")))
        if _shorter(self.look_back.last_day_beginning_with, APPLICATION_WITHIN):
            found.append(("threshold.look_back", (
                f"looks back {self.look_back}; the Act allows six months beginning with each "
                "complaint, which this is shorter than.")))
        return tuple(found)

    def describe(self) -> str:
        anchor = (
            "before the application"
            if self.look_back_anchor is LookBackAnchor.APPLICATION_DATE
            else "of the first of them"
        )
        text = (
            f"{plurals.counted(self.minimum_incidents, 'qualifying incident')} reported within {self.look_back} "
            f"{anchor}, each reported within {self.report_within} of happening"
        )
        if self.several_complainants:
            rule = self.several_complainants
            text += (
                f"; or {rule.minimum_incidents} incidents reported by "
                f"{rule.minimum_complainants} or more different complainants"
            )
        if self.hate_incidents:
            rule = self.hate_incidents
            text += f"; or {plurals.counted(rule.minimum_incidents, 'hate incident')} within {rule.within}"
        return text


@dataclass(frozen=True)
class IncidentVerdict:
    number: int
    counts: bool
    reason: str


@dataclass(frozen=True)
class StatutoryResult:
    """The test of s.104(4): the qualifying complaints under the Act against the procedure's number."""

    met: bool
    qualifying: int
    required: int
    reason: str
    verdicts: tuple[IncidentVerdict, ...]

    def verdict_for(self, number: int) -> IncidentVerdict | None:
        return next((v for v in self.verdicts if v.number == number), None)


@dataclass(frozen=True)
class ThresholdAssessment:
    """What the Act and the local rules make of an application's incidents. ``met`` is the decision
    they support: met where the statutory test is met or any local route is. ``qualifying``,
    ``verdicts`` and ``rules_met`` are the local rules' result; ``statutory`` the Act's (None in an
    assessment recorded before the statutory test existed)."""

    met: bool
    qualifying: int
    reason: str
    verdicts: tuple[IncidentVerdict, ...]
    rules_met: tuple[str, ...] = ()
    statutory: StatutoryResult | None = None

    def verdict_for(self, number: int) -> IncidentVerdict | None:
        """The verdict on incident ``number`` (None for an incident logged after this assessment)."""
        return next((v for v in self.verdicts if v.number == number), None)

    @property
    def local_met(self) -> bool:
        """Whether a route of the local rules alone is met."""
        return bool(self.rules_met)

    @property
    def statutory_met(self) -> bool:
        """Whether s.104(4) requires the threshold to be decided as met."""
        return self.statutory is not None and self.statutory.met

    @property
    def statutory_requirement(self) -> str:
        """Why the law requires "met", citing s.104(4) (empty where it does not)."""
        if not self.statutory_met:
            return ""
        return (
            "The law requires the threshold to be decided as met: "
            f"{plurals.counted(self.statutory.qualifying, 'qualifying complaint')} "
            f"{plurals.in_number(self.statutory.qualifying, 'was', 'were')} made (each within one month of the "
            "behaviour, the application "
            "within six months of it), and the procedure's number is "
            f"{self.statutory.required} (Anti-social Behaviour, Crime and Policing Act 2014, s.104(4))."
        )

    @property
    def disagreement(self) -> str:
        """Where the local rules are stricter than the Act and the two disagree, what that means."""
        if not self.statutory_met or self.local_met:
            return ""
        return (
            "The local rules alone would not be met, but the statutory test is: "
            f"{plurals.counted(self.statutory.qualifying, 'qualifying complaint')} under the Act, and the procedure's "
            f"number is {self.statutory.required}. The local procedure is stricter than the Act here; "
            "the law says the threshold must be decided as met (s.104(4))."
        )


def assess(
    policy: ThresholdPolicy, incidents: Iterable[Incident], applied_on: date,
    verifications: Iterable[IncidentVerification] = (),
) -> ThresholdAssessment:
    """Assess the incidents of an application received on ``applied_on``, under the Act and under the
    local rules, using the agencies' answers in ``verifications`` (see the module's docstring)."""
    ordered = sorted(incidents, key=lambda i: (i.happened_on, i.number))
    rejected, unverified = _rejected(verifications), _unverified(verifications)
    statutory = _flagged(statutory_test(policy.minimum_incidents, ordered, applied_on, rejected), unverified)
    screened = {i.number: reason for i in ordered if (reason := _screen(policy, i, applied_on))}
    screened.update(rejected)  # the agency's answer is the reason, whatever else is wrong with the report
    eligible = [i for i in ordered if i.number not in screened]
    candidates = [
        _assess_window(policy, ordered, screened, window, applied_on)
        for window in _windows(policy, eligible, applied_on)
    ]
    # The window that meets the whole policy, else the one that counts most (the later on a tie).
    local = _flagged(max(reversed(candidates), key=lambda a: (a.met, a.qualifying)), unverified)
    if local.met or not statutory.met:
        return replace(local, statutory=statutory)
    return replace(
        local, met=True, statutory=statutory,
        reason=f"Met under the Act: {statutory.reason} The local rules alone: "
               f"{local.reason.removesuffix(_DISCRETION)}",
    )


def statutory_test(
    required: int, incidents: Iterable[Incident], applied_on: date, rejected: dict[int, str] | None = None
) -> StatutoryResult:
    """s.104(4): ``required`` (three, or the procedure's lower number) qualifying complaints. A complaint
    qualifies when made within one month beginning with the behaviour, and the application is made
    within six months beginning with the complaint. Reports linked as the same incident count once;
    ``rejected`` (number -> the agency's answer) are complaints the agency disputes or has no record of."""
    ordered = sorted(incidents, key=lambda i: (i.happened_on, i.number))
    by_number = {i.number: i for i in ordered}
    rejected = rejected or {}
    counted: dict[int, Incident] = {}
    verdicts: list[IncidentVerdict] = []
    for incident in ordered:
        original = _original(incident, by_number)
        if reason := rejected.get(incident.number) or _statutory_screen(incident, applied_on):
            verdicts.append(IncidentVerdict(incident.number, False, reason))
        elif original in counted:
            verdicts.append(IncidentVerdict(incident.number, False, (
                f"The same incident as incident {counted[original].number}; one complaint about it "
                "counts under the Act.")))
        else:
            counted[original] = incident
            verdicts.append(IncidentVerdict(incident.number, True, (
                f"Qualifies under the Act: complained of to {incident.agency} on "
                f"{long_date(incident.reported_on)}, within the month beginning with the behaviour "
                f"({long_date(incident.happened_on)}), and the application on {long_date(applied_on)} "
                "is within the six months beginning with the complaint.")))
    met = len(counted) >= required
    reason = (
        f"{plurals.counted(len(counted), 'qualifying complaint')} under the Act, the procedure's number is {required}"
        + ("; the threshold must be decided as met (s.104(4))." if met else ".")
    )
    return StatutoryResult(met, len(counted), required, reason, tuple(verdicts))


_Result = TypeVar("_Result", StatutoryResult, ThresholdAssessment)


def _rejected(verifications: Iterable[IncidentVerification]) -> dict[int, str]:
    """The incidents an agency disputes or holds no record of, each with the agency's answer in plain words."""
    rejected = {}
    for verification in verifications:
        given = verification.answer
        if given is None or given.answer is VerificationAnswer.CONFIRMED:
            continue
        answered = f"answered {long_date(given.answered_on)}"
        if given.answer is VerificationAnswer.NO_RECORD:
            reason = f"{verification.agency} holds no record of this report ({answered})."
        else:
            reference = f", their reference {given.agency_reference}" if given.agency_reference else ""
            reason = f"{verification.agency} disputes this report ({answered}{reference})"
            reason += f": {given.reason.strip().rstrip('.')}." if given.reason.strip() else "."
        rejected[verification.number] = reason + " It does not count."
    return rejected


def _unverified(verifications: Iterable[IncidentVerification]) -> dict[int, str]:
    """The incidents their agency has not answered about yet, each with a note saying so."""
    return {v.number: f" Unverified: {v.label}." for v in verifications if v.answer is None}


def _flagged(result: _Result, unverified: dict[int, str]) -> _Result:
    """The result with every counted but unverified incident's reason saying it is unverified."""
    return replace(result, verdicts=tuple(
        replace(v, reason=v.reason + unverified[v.number]) if v.counts and v.number in unverified else v
        for v in result.verdicts))


def _statutory_screen(incident: Incident, applied_on: date) -> str:
    if incident.reported_on > applied_on:
        return (
            f"Complained of on {long_date(incident.reported_on)}, after the application "
            f"({long_date(applied_on)}); a complaint supports only a later application."
        )
    if incident.informal:
        return "A diary sheet or informal conversation, not a complaint to one of the relevant bodies."
    if not COMPLAINT_WITHIN.covers(incident.happened_on, incident.reported_on):
        last = COMPLAINT_WITHIN.last_day_beginning_with(incident.happened_on)
        return (
            f"Complained of on {long_date(incident.reported_on)}, after the month beginning with the "
            f"behaviour on {long_date(incident.happened_on)} (which ended on {long_date(last)})."
        )
    if not APPLICATION_WITHIN.covers(incident.reported_on, applied_on):
        last = APPLICATION_WITHIN.last_day_beginning_with(incident.reported_on)
        return (
            f"Complained of on {long_date(incident.reported_on)}; the six months beginning with the "
            f"complaint ended on {long_date(last)}, before the application on {long_date(applied_on)}."
        )
    return ""


def _assess_window(
    policy: ThresholdPolicy,
    ordered: Sequence[Incident],
    screened: dict[int, str],
    window: tuple[date, date, str],
    applied_on: date,
) -> ThresholdAssessment:
    start, end, window_text = window
    by_number = {i.number: i for i in ordered}
    counted_for: dict[int, Incident] = {}  # the original incident -> the report that counts for it
    verdicts: list[IncidentVerdict] = []
    for incident in ordered:
        original = _original(incident, by_number) if policy.count_duplicates_once else incident.number
        if incident.number in screened:
            verdicts.append(IncidentVerdict(incident.number, False, screened[incident.number]))
        elif not start <= _window_date(policy, incident) <= end:
            verdicts.append(IncidentVerdict(incident.number, False, _outside(policy, incident, window_text)))
        elif original in counted_for:
            first = counted_for[original]
            verdicts.append(IncidentVerdict(incident.number, False, (
                f"The same incident as incident {first.number} (reported to {first.agency}); an incident "
                "reported to several agencies counts once.")))
        else:
            counted_for[original] = incident
            verdicts.append(IncidentVerdict(incident.number, True, _counts(incident, policy)))
    counted = list(counted_for.values())
    rules_met = _count_rules_met(policy, counted)
    stale = ""
    if rules_met and policy.most_recent_within:
        latest = max(i.reported_on for i in counted)
        if not policy.most_recent_within.covers(latest, applied_on):
            rules_met, stale = [], (
                f"the most recent qualifying incident was reported on {long_date(latest)}, more than "
                f"{policy.most_recent_within} before the application; the policy needs one reported within "
                f"{policy.most_recent_within}"
            )
    rules_met += _hate_rule_met(policy, ordered, screened, by_number, applied_on)
    if rules_met:
        reason = "Met: " + "; ".join(rules_met) + "."
    else:
        found = plurals.counted(len(counted), "qualifying incident")
        shortfall = f"{found}, the policy needs {policy.minimum_incidents}"
        reason = f"Not met: {stale or shortfall}.{_DISCRETION}"
    return ThresholdAssessment(bool(rules_met), len(counted), reason, tuple(verdicts), tuple(rules_met))


def _shorter(last_day: Callable[[date], date], statutory: Period) -> bool:
    """Whether a local period ends before the Act's, beginning with some day of a four-year cycle."""
    start = date(2023, 1, 1)
    return any(last_day(day) < statutory.last_day_beginning_with(day)
               for day in (start + timedelta(days=n) for n in range(1461)))


_DISCRETION = (" The partnership may still decide the threshold is met at its discretion, considering "
               "persistence, harm and the adequacy of the response.")


def _original(incident: Incident, by_number: dict[int, Incident]) -> int:
    """The number of the first report of the same incident (following ``duplicate_of``)."""
    seen = {incident.number}
    while incident.duplicate_of in by_number and incident.duplicate_of not in seen:
        incident = by_number[incident.duplicate_of]
        seen.add(incident.number)
    return incident.number


def _screen(policy: ThresholdPolicy, incident: Incident, applied_on: date) -> str:
    if incident.reported_on > applied_on:
        return (
            f"Reported on {long_date(incident.reported_on)}, after the application was received "
            f"on {long_date(applied_on)}; it can support a new application but not this one."
        )
    if incident.informal and not policy.count_informal_reports:
        return (
            "A diary sheet or informal conversation, not a report to an agency; the local policy "
            "does not count these."
        )
    deadline = policy.report_within.after(incident.happened_on)
    if incident.reported_on > deadline:
        days = (incident.reported_on - incident.happened_on).days
        return (
            f"Reported {days} days after it happened ({long_date(incident.happened_on)}); "
            f"the policy needs a report within {policy.report_within} of the incident."
        )
    return ""


def _windows(
    policy: ThresholdPolicy, eligible: Sequence[Incident], applied_on: date
) -> list[tuple[date, date, str]]:
    if policy.look_back_anchor is LookBackAnchor.APPLICATION_DATE or not eligible:
        start = policy.look_back.earliest_start_covering(applied_on)
        return [(start, applied_on, (
            f"the {policy.look_back} before the application ({long_date(start)} to {long_date(applied_on)})"
        ))]
    # Anchored on the first incident: every window of the look-back period that starts with an incident.
    windows = []
    earliest = min(i.happened_on for i in eligible)
    for first in sorted({i.happened_on for i in eligible}):
        last = policy.look_back.last_day_beginning_with(first)
        which = "the first incident" if first == earliest else "the incident"
        windows.append((first, min(last, applied_on), (
            f"the {policy.look_back} beginning with {which} of {long_date(first)} "
            f"({long_date(first)} to {long_date(last)})"
        )))
    return windows


def _window_date(policy: ThresholdPolicy, incident: Incident) -> date:
    if policy.look_back_anchor is LookBackAnchor.APPLICATION_DATE:
        return incident.reported_on
    return incident.happened_on


def _outside(policy: ThresholdPolicy, incident: Incident, window_text: str) -> str:
    when = _window_date(policy, incident)
    verb = "Reported" if policy.look_back_anchor is LookBackAnchor.APPLICATION_DATE else "Happened"
    return f"{verb} on {long_date(when)}, outside {window_text}."


def _counts(incident: Incident, policy: ThresholdPolicy) -> str:
    days = (incident.reported_on - incident.happened_on).days
    when = "the same day" if days == 0 else f"{plurals.counted(days, 'day')} after it happened"
    return (
        f"Counts: reported to {incident.agency} on {long_date(incident.reported_on)}, {when}, "
        f"within {policy.report_within} and within the look-back window."
    )


def _count_rules_met(policy: ThresholdPolicy, counted: Sequence[Incident]) -> list[str]:
    rules: list[str] = []
    if len(counted) >= policy.minimum_incidents:
        found = plurals.counted(len(counted), "qualifying incident")
        rules.append(f"{found}, the policy needs {policy.minimum_incidents}")
    if policy.several_complainants:
        rule = policy.several_complainants
        complainants = {i.reported_by.strip().lower() for i in counted}
        if len(counted) >= rule.minimum_incidents and len(complainants) >= rule.minimum_complainants:
            rules.append(
                f"{len(counted)} qualifying incidents reported by {len(complainants)} different "
                f"complainants (the several-complainants rule needs {rule.minimum_incidents} "
                f"from {rule.minimum_complainants})"
            )
    return rules


def _hate_rule_met(
    policy: ThresholdPolicy,
    ordered: Sequence[Incident],
    screened: dict[int, str],
    by_number: dict[int, Incident],
    applied_on: date,
) -> list[str]:
    rule = policy.hate_incidents
    if rule is None:
        return []
    hate = {
        _original(i, by_number) if policy.count_duplicates_once else i.number
        for i in ordered
        if i.hate_related and i.number not in screened and rule.within.covers(i.reported_on, applied_on)
    }
    if len(hate) < rule.minimum_incidents:
        return []
    return [f"{plurals.counted(len(hate), 'hate incident')} within {rule.within} (the hate-incident rule needs "
            f"{rule.minimum_incidents})"]


THRESHOLD_TYPES: tuple[type, ...] = (
    Period,
    SeveralComplainantsRule,
    HateIncidentRule,
    ThresholdPolicy,
    IncidentVerdict,
    StatutoryResult,
    ThresholdAssessment,
)
THRESHOLD_ENUMS: tuple[type[Enum], ...] = (LookBackAnchor,)
