"""The threshold for a case review, under the partnership's local rules.

``assess`` is a pure function from (policy, incidents, application date) to an assessment with a
verdict and a plain-English reason for every incident. The law (s.104(4)) caps the number of
qualifying complaints a partnership may require at three; s.104(5) lets it also consider
persistence, harm and the adequacy of the response, which the officer records as a
discretionary decision with a reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum

from domain.errors import ThresholdPolicyError
from domain.periods import Period, long_date
from domain.values import Incident

STATUTORY_MAXIMUM = 3


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

    def describe(self) -> str:
        anchor = (
            "before the application"
            if self.look_back_anchor is LookBackAnchor.APPLICATION_DATE
            else "of the first of them"
        )
        text = (
            f"{self.minimum_incidents} qualifying incident(s) reported within {self.look_back} "
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
            text += f"; or {rule.minimum_incidents} hate incident(s) within {rule.within}"
        return text


@dataclass(frozen=True)
class IncidentVerdict:
    number: int
    counts: bool
    reason: str


@dataclass(frozen=True)
class ThresholdAssessment:
    met: bool
    qualifying: int
    reason: str
    verdicts: tuple[IncidentVerdict, ...]
    rules_met: tuple[str, ...] = ()

    def verdict_for(self, number: int) -> IncidentVerdict:
        return next(v for v in self.verdicts if v.number == number)


def assess(
    policy: ThresholdPolicy, incidents: Iterable[Incident], applied_on: date
) -> ThresholdAssessment:
    """Assess the incidents of an application received on ``applied_on``."""
    ordered = sorted(incidents, key=lambda i: (i.happened_on, i.number))
    by_number = {i.number: i for i in ordered}
    screened: dict[int, str] = {}  # number -> reason it cannot count
    for incident in ordered:
        reason = _screen(policy, incident, applied_on)
        if reason:
            screened[incident.number] = reason
    for incident in ordered:  # then the same incident reported to several agencies, once
        original = by_number.get(incident.duplicate_of) if incident.duplicate_of else None
        if (
            policy.count_duplicates_once
            and original is not None
            and incident.number not in screened
            and original.number not in screened
        ):
            screened[incident.number] = (
                f"The same incident as incident {original.number} (reported to "
                f"{original.agency}); an incident reported to several agencies counts once."
            )
    eligible = [i for i in ordered if i.number not in screened]
    window_start, window_end, window_text = _window(policy, eligible, applied_on)

    verdicts: list[IncidentVerdict] = []
    counted: list[Incident] = []
    for incident in ordered:
        if incident.number in screened:
            verdicts.append(IncidentVerdict(incident.number, False, screened[incident.number]))
        elif not window_start <= _window_date(policy, incident) <= window_end:
            verdicts.append(IncidentVerdict(incident.number, False, _outside(policy, incident,
                                                                              window_text)))
        else:
            counted.append(incident)
            verdicts.append(IncidentVerdict(incident.number, True, _counts(incident, policy)))

    rules_met = _rules_met(policy, counted, [i for i in eligible if i.hate_related], applied_on)
    met = bool(rules_met)
    if met and policy.most_recent_within and counted:
        latest = max(i.reported_on for i in counted)
        if latest < policy.most_recent_within.before(applied_on):
            met, rules_met = False, ()
            reason = (
                f"Not met: the most recent qualifying incident was reported on "
                f"{long_date(latest)}, more than {policy.most_recent_within} before the "
                f"application; the policy needs one reported within {policy.most_recent_within}."
            )
            return ThresholdAssessment(False, len(counted), reason, tuple(verdicts), ())
    reason = (
        "Met: " + "; ".join(rules_met) + "."
        if met
        else (
            f"Not met: {len(counted)} qualifying incident(s), the policy needs "
            f"{policy.minimum_incidents}. The partnership may still decide the threshold is met "
            "at its discretion, considering persistence, harm and the adequacy of the response."
        )
    )
    return ThresholdAssessment(met, len(counted), reason, tuple(verdicts), tuple(rules_met))


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


def _window(
    policy: ThresholdPolicy, eligible: Sequence[Incident], applied_on: date
) -> tuple[date, date, str]:
    if policy.look_back_anchor is LookBackAnchor.APPLICATION_DATE or not eligible:
        start = policy.look_back.before(applied_on)
        return start, applied_on, (
            f"the {policy.look_back} before the application "
            f"({long_date(start)} to {long_date(applied_on)})"
        )
    # Anchored on the first incident: choose the window, starting at an eligible incident, that
    # holds the most incidents (the latest such window on a tie).
    best_start, best_count = eligible[0].happened_on, -1
    for first in eligible:
        end = policy.look_back.after(first.happened_on)
        count = sum(1 for i in eligible if first.happened_on <= i.happened_on <= end)
        if count >= best_count:
            best_start, best_count = first.happened_on, count
    end = min(policy.look_back.after(best_start), applied_on)
    return best_start, end, (
        f"the {policy.look_back} starting with the first incident "
        f"({long_date(best_start)} to {long_date(end)})"
    )


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
    when = "the same day" if days == 0 else f"{days} day(s) after it happened"
    return (
        f"Counts: reported to {incident.agency} on {long_date(incident.reported_on)}, {when}, "
        f"within {policy.report_within} and within the look-back window."
    )


def _rules_met(
    policy: ThresholdPolicy,
    counted: Sequence[Incident],
    eligible_hate: Sequence[Incident],
    applied_on: date,
) -> list[str]:
    rules: list[str] = []
    if len(counted) >= policy.minimum_incidents:
        rules.append(
            f"{len(counted)} qualifying incident(s), the policy needs {policy.minimum_incidents}"
        )
    if policy.several_complainants:
        rule = policy.several_complainants
        complainants = {i.reported_by.strip().lower() for i in counted}
        if len(counted) >= rule.minimum_incidents and len(complainants) >= rule.minimum_complainants:
            rules.append(
                f"{len(counted)} qualifying incidents reported by {len(complainants)} different "
                f"complainants (the several-complainants rule needs {rule.minimum_incidents} "
                f"from {rule.minimum_complainants})"
            )
    if policy.hate_incidents:
        rule = policy.hate_incidents
        start = rule.within.before(applied_on)
        hate = [i for i in eligible_hate if start <= i.reported_on <= applied_on]
        if len(hate) >= rule.minimum_incidents:
            rules.append(
                f"{len(hate)} hate incident(s) within {rule.within} (the hate-incident rule "
                f"needs {rule.minimum_incidents})"
            )
    return rules


THRESHOLD_TYPES: tuple[type, ...] = (
    Period,
    SeveralComplainantsRule,
    HateIncidentRule,
    ThresholdPolicy,
    IncidentVerdict,
    ThresholdAssessment,
)
THRESHOLD_ENUMS: tuple[type[Enum], ...] = (LookBackAnchor,)
