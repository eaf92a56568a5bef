"""Realistic, deterministic demo cases, loaded only through BackOffice's public use cases.

``YEAR_PLAN`` lists one row per case. Cases up to 2025/26 are at fixed dates and reproduce the
partnership's published yearly table (applications, reviews carried out, reviews with
recommendations); the open cases of the current year are dated in working days before
``back_office.today()`` so that their deadlines look current. All people are fictional.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from application.backoffice import BackOffice
from application.errors import BackOfficeError
from domain.application import AppealOutcome, Ending, ThresholdDecision
from domain.personal import ContactMethod, Narrative, Person
from domain.stage import Stage
from domain.timescales import Step, due_on
from domain.user import Role
from domain.values import (
    AgencyResponseKind,
    Applicant,
    Channel,
    ConsentKind,
    DiscretionGround,
    HateElement,
    LetterChannel,
    Problem,
    RejectionGround,
    SecondaryReviewOutcome,
)
from domain.victims import MeetingFormat

OFFICERS = ("j.okafor", "s.patel")
MANAGER, APPEALS_OFFICER, PUBLIC = "m.reid", "d.lawson", "public"
POLICE, COUNCIL = "Kent Police", "Dartford Borough Council"
HOUSING = ("Moat Homes", "Clarion Housing")
LAST_PUBLISHED_YEAR_ENDS = date(2026, 3, 31)  # fixed-date cases run to 2025/26; open cases come after

FIRST = ("Margaret", "Daniel", "Priya", "Tomasz", "Grace", "Kwame", "Sophie", "Harjit", "Leanne", "Olu",
         "Bernadette", "Craig", "Aisha", "Viktor", "Joanne", "Samuel", "Chloe", "Ravi", "Teresa",
         "Lewis", "Fatima")
LAST = ("Whitfield", "Osei", "Kowalski", "Brennan", "Sandhu", "Thornton", "Mensah", "Hollis", "Clarke",
        "Nowak", "Ahmed", "Fletcher", "Doyle")
STREETS = (("Lowfield Street", "DA1 1HD"), ("Priory Road", "DA1 2BN"), ("Temple Hill Square", "DA1 5HY"),
           ("Shepherds Lane", "DA1 2NN"), ("Princes Road", "DA1 3HJ"), ("Brent Lane", "DA1 1QP"),
           ("Cotton Lane", "DA2 6AA"), ("Darenth Road", "DA1 1LT"), ("Fleet Road", "DA2 6JE"),
           ("St Vincents Road", "DA1 1XF"), ("Joyce Green Lane", "DA1 5PR"))

# how each applicant would rather be contacted (as they first got in touch), and some applicants' support needs
CONTACT_BY_CHANNEL = {Channel.ONLINE: ContactMethod.EMAIL, Channel.EMAIL: ContactMethod.EMAIL,
                      Channel.PHONE: ContactMethod.TELEPHONE, Channel.LETTER: ContactMethod.POST}
SUPPORT_NEEDS = (("Hearing impaired: prefers email or text; no phone calls.", ContactMethod.EMAIL),
                 ("English is a second language (Polish): offer an interpreter for meetings.", None))
VICTIM_SUPPORT_NEEDS = "Lives alone and is frail; uses a walking frame.\nLarge print letters, please."

# kind -> (what the application describes, one description per incident)
KINDS = {
    "noise": ("Loud music, shouting and banging from the flat above late at night, most nights.", (
        "Music at high volume from 11pm until 3am; the children could not sleep.",
        "Shouting and doors slammed in the communal stairwell after midnight.",
        "A party with about twenty guests; music until 4am, police attended.",
        "Banging on the shared wall after being asked to turn the music down.")),
    "harassment": ("A neighbour shouts abuse at the family, photographs them and follows them.", (
        "Neighbour followed the applicant to the Co-op, filming her on his phone.",
        "Abusive notes pushed through the letterbox overnight.",
        "Shouted threats across the street at the applicant's teenage son.",
        "Photographed the applicant's visitors and posted the pictures on social media.")),
    "drug dealing": ("Suspected drug dealing from a flat: callers at all hours, cannabis smoke.", (
        "Steady stream of callers to the flat between 10pm and 2am.",
        "Strong smell of cannabis in the communal hallway; needles found by the bins.",
        "Cars pulling up for brief visits to the door of the flat all evening.",
        "Threatened by a visitor after asking him to close the entrance door.")),
    "vandalism": ("Cars scratched, fence kicked in and graffiti sprayed on the front door.", (
        "Both family cars scratched along the side overnight.",
        "Garden fence panels kicked in; plant pots smashed.",
        "Graffiti sprayed across the front door and window.",
        "Eggs thrown at the front windows late in the evening.")),
    "intimidation": ("A group of youths gathers at the entrance to the block, blocks the way and threatens "
                     "residents who challenge them.", (
        "Group of eight youths blocked the entrance and refused to let the applicant in.",
        "Told the applicant they knew where she lived and would 'sort her out'.",
        "Fireworks thrown towards residents at the entrance to the block.",
        "Youths kicked a football against the applicant's window for an hour.")),
    "racist harassment": ("Racist abuse shouted at the applicant and her children by a neighbour.", (
        "Neighbour's visitor kicked the applicant's front door and shouted at her.",
        "Racist abuse shouted at the applicant and her two children outside their home.")),
}

# (days before the application it happened, days to report it, agency slot, hate-related, duplicate of)
INCIDENTS = {
    "qualifying": ((95, 2, 0, False, None), (61, 1, 1, False, None), (33, 0, 0, False, None),
            (12, 3, 2, False, None), (33, 4, 2, False, 3)),  # the last: incident 3 told to a second agency
    "too few": ((240, 3, 0, False, None), (150, 50, 1, False, None), (70, 2, 2, False, None),
                (20, 1, 0, False, None)),
    "hate": ((120, 45, 1, False, None), (24, 0, 0, True, None)),  # one hate incident; one reported late
}

REJECTIONS = {
    RejectionGround.ANONYMOUS: "The caller would give no name or contact details; a case review needs an "
    "applicant we can contact. Told how to apply again with their details.",
    RejectionGround.VEXATIOUS: "The sixth application since 2019 about the same parking dispute; each was "
    "considered and no anti-social behaviour was found.",
    RejectionGround.OUT_OF_SCOPE: "A boundary dispute over a fence between neighbours: a civil matter, not "
    "anti-social behaviour. Referred to Citizens Advice Dartford.",
    RejectionGround.COMPLAINTS_PROCESS: "A complaint about how the council handled a housing repair; "
    "referred to the council's corporate complaints procedure.",
}

RECOMMENDATIONS = (  # (agency slot, text)
    (2, "Serve a formal tenancy warning and consider an injunction if the behaviour continues."),
    (0, "Task the neighbourhood policing team to patrol the area at the times reported for eight weeks."),
    (1, "Give the applicant a single named contact in the ASB team and review the case monthly."),
)
DECLINED = "Fixed patrols cannot be guaranteed; the area is covered by the neighbourhood team's tasking."
PROGRESS = "Most of the actions are done; the last is booked for this week."


Route = ThresholdDecision | AppealOutcome | Ending


@dataclass(frozen=True)
class Plan:
    """One demo case: when it was received, the route it takes and how far it has gone."""

    received: date | int  # a fixed date, or this many working days before today (open cases)
    route: Route  # the threshold decision (not met: closed after the appeal window), appeal outcome or ending
    recs: tuple[AgencyResponseKind | None, ...] = ()  # each recommendation's final response (None: awaited)
    stop: Stage | None = None  # an open case stops at this stage
    kind: str = ""
    third_party: bool = False
    independent: bool = False
    victim_attends: bool = False
    delay: bool = False
    secondary: SecondaryReviewOutcome | None = None
    withdraw_in_review: bool = False
    ground: RejectionGround | None = None


P, A, D, C = Plan, AgencyResponseKind.ACCEPTED, AgencyResponseKind.DECLINED, AgencyResponseKind.COMPLETED
Outcome = SecondaryReviewOutcome
MET, DISCRETION, NOT_MET = ThresholdDecision
UPHELD, DISMISSED = AppealOutcome
WITHDRAWN, REJECTED = Ending.WITHDRAWN, Ending.REJECTED
YEAR_PLAN: tuple[Plan, ...] = (
    # 2017/18: 2 applications, 1 review, 0 with recommendations
    P(date(2017, 6, 12), MET, independent=True),
    P(date(2018, 1, 15), NOT_MET),
    # 2018/19: none. 2019/20: 5, 2, 0
    P(date(2019, 4, 23), REJECTED, ground=RejectionGround.OUT_OF_SCOPE),
    P(date(2019, 7, 8), MET, victim_attends=True),
    P(date(2019, 9, 30), DISMISSED),
    P(date(2019, 11, 18), UPHELD, independent=True),
    P(date(2020, 2, 10), WITHDRAWN),
    # 2020/21: 7, 4, 3
    P(date(2020, 5, 11), MET, (A, C)),
    P(date(2020, 7, 20), DISCRETION, (C, D), kind="racist harassment", independent=True,
      victim_attends=True),
    P(date(2020, 9, 14), MET, (A, C, C), kind="intimidation", third_party=True, delay=True),
    P(date(2020, 11, 2), MET, withdraw_in_review=True),
    P(date(2020, 12, 7), NOT_MET),
    P(date(2021, 1, 25), REJECTED, ground=RejectionGround.VEXATIOUS),
    P(date(2021, 3, 8), NOT_MET),
    # 2021/22: 6, 2, 1
    P(date(2021, 5, 17), MET, (C, D), independent=True, secondary=Outcome.ORIGINAL_REVIEW_UPHELD),
    P(date(2021, 8, 2), MET, victim_attends=True),
    P(date(2021, 9, 20), DISMISSED),
    P(date(2021, 11, 8), REJECTED, ground=RejectionGround.ANONYMOUS),
    P(date(2022, 1, 10), NOT_MET),
    P(date(2022, 3, 14), WITHDRAWN),
    # 2022/23: 3, 0, 0
    P(date(2022, 6, 6), NOT_MET),
    P(date(2022, 10, 17), REJECTED, ground=RejectionGround.OUT_OF_SCOPE),
    P(date(2023, 2, 6), DISMISSED),
    # 2023/24: 4, 2, 0
    P(date(2023, 5, 15), MET, independent=True, victim_attends=True),
    P(date(2023, 8, 21), DISCRETION, kind="racist harassment"),
    P(date(2023, 10, 30), NOT_MET),
    P(date(2024, 2, 19), WITHDRAWN),
    # 2024/25: 4, 2, 1
    P(date(2024, 5, 13), MET, (A, C), delay=True, independent=True),
    P(date(2024, 9, 9), UPHELD, victim_attends=True),
    P(date(2024, 11, 25), REJECTED, ground=RejectionGround.COMPLAINTS_PROCESS),
    P(date(2025, 2, 3), NOT_MET),
    # 2025/26: 5, 2, 1
    P(date(2025, 4, 28), MET, (C, A, D), independent=True, victim_attends=True,
      secondary=Outcome.FURTHER_RECOMMENDATIONS),
    P(date(2025, 7, 14), MET, third_party=True),
    P(date(2025, 9, 8), NOT_MET),
    P(date(2025, 11, 17), DISMISSED),
    P(date(2026, 2, 9), REJECTED, ground=RejectionGround.ANONYMOUS),
    # the current year: open cases at different stages
    P(55, MET, (A, C), independent=True, victim_attends=True, secondary=Outcome.ORIGINAL_REVIEW_UPHELD,
      stop=Stage.SECONDARY_REVIEW_REQUESTED),
    P(33, MET, (None, None, None), third_party=True, stop=Stage.RECOMMENDATIONS_ISSUED),
    P(24, MET, independent=True, stop=Stage.PANEL_SCHEDULED),
    P(22, DISCRETION, kind="racist harassment", stop=Stage.AGENCY_INFORMATION_REQUESTED),  # agencies late
    P(15, NOT_MET, stop=Stage.THRESHOLD_NOT_MET),
    P(8, MET, stop=Stage.ACKNOWLEDGED),  # threshold decision due in 2 working days: a reminder today
    P(2, MET, stop=Stage.RECEIVED),
)


def contact_of(n: int, channel: Channel) -> dict[str, Any]:
    """Applicant ``n``'s preferred contact and support needs (two in five have some; a need may decide the way)."""
    needs, method = SUPPORT_NEEDS[n % 5] if n % 5 < len(SUPPORT_NEEDS) else ("", None)
    return {"preferred_contact": method or CONTACT_BY_CHANNEL[channel], "support_needs": needs}


def load_demo(back_office: BackOffice, on_case: Callable[[int], None] = lambda total: None) -> list[str]:
    """Load every case of ``YEAR_PLAN``; returns the references in order and calls
    ``on_case(total)`` after each case."""
    oldest_open = max(plan.received for plan in YEAR_PLAN if isinstance(plan.received, int))
    if working_days_before(back_office, oldest_open) <= LAST_PUBLISHED_YEAR_ENDS:
        raise BackOfficeError(f"The demo's open cases must fall after the last published year (to "
                         f"{LAST_PUBLISHED_YEAR_ENDS:%d %B %Y}): load it {oldest_open} working days later.")
    references = []
    for number, plan in enumerate(YEAR_PLAN, start=1):
        references.append(_Case(back_office, number, plan).load())
        on_case(len(YEAR_PLAN))
    return references


def working_days_before(back_office: BackOffice, days: int) -> date:
    """The date ``days`` working days before today."""
    return back_office.calendar.subtract_working_days(back_office.today(), days)


class _Case:
    """Takes one planned case along its route through BackOffice, stopping where the plan says."""

    def __init__(self, back_office: BackOffice, n: int, plan: Plan) -> None:
        self.bo, self.n, self.plan = back_office, n, plan
        self.officer, self.agencies = OFFICERS[n % 2], (POLICE, COUNCIL, HOUSING[n % 2])
        first, last = FIRST[n % len(FIRST)], LAST[n % len(LAST)]
        street, postcode = STREETS[n % len(STREETS)]
        self.street = f"{street}, Dartford"
        name = "Anonymous caller" if plan.ground is RejectionGround.ANONYMOUS else f"{first} {last}"
        self.kind = plan.kind or ("noise", "harassment", "drug dealing", "vandalism", "intimidation")[n % 5]
        self.channel = (Channel.ONLINE, Channel.PHONE, Channel.EMAIL, Channel.LETTER)[n % 4]
        self.person = Person(f"demo-person-{n:03d}", name, f"{n * 7 % 90 + 1} {street}, Dartford, Kent",
                             postcode, f"07700 900{n:03d}", f"{first}.{last}@example.org".lower(),
                             **contact_of(n, self.channel))
        self.victim = Person(f"demo-person-{100 + n:03d}", f"Edith {LAST[(n + 5) % len(LAST)]}",
                             f"Flat {n % 12 + 1}, {self.street}, Kent", postcode,
                             date_of_birth=date(1938, 3, 9), preferred_contact=ContactMethod.POST,
                             support_needs=VICTIM_SUPPORT_NEEDS)
        self.letters = LetterChannel.POST if self.channel is Channel.LETTER else LetterChannel.EMAIL
        self.applicant_actor = PUBLIC if self.channel is Channel.ONLINE else self.officer

    def wd(self, day: date, days: int) -> date:
        return self.bo.calendar.add_working_days(day, days)

    def load(self) -> str:
        bo, plan, officer, wd = self.bo, self.plan, self.officer, self.wd
        received = plan.received if isinstance(plan.received, date) else None
        received = received or working_days_before(bo, int(plan.received))
        hate = self.kind == "racist harassment"
        summary, descriptions = KINDS[self.kind]
        applicant = (Applicant(self.person, on_behalf_of_victim=True, relationship="ward councillor",
                               victims=(self.victim,)) if plan.third_party else Applicant(self.person))
        problem = Problem(self.kind, self.street, HateElement.HATE_INCIDENT if hate else HateElement.NONE,
                          ("race",) if hate else (), Narrative(self.person.subject, summary))
        ref = bo.cases.receive_application(channel=self.channel, received_on=received, applicant=applicant,
                                           problem=problem, actor=self.applicant_actor).reference
        if plan.route is Ending.REJECTED:
            assert plan.ground is not None
            bo.cases.reject_application(ref, rejected_on=wd(received, 3), ground=plan.ground,
                                        reason=REJECTIONS[plan.ground], actor=MANAGER)
            return ref
        if plan.stop is Stage.RECEIVED:
            return ref
        pattern = "hate" if hate else "qualifying" if plan.route is ThresholdDecision.MET else "too few"
        for i, (before, delay, slot, hate_related, duplicate_of) in enumerate(INCIDENTS[pattern]):
            happened, agency = received - timedelta(days=before), self.agencies[slot]
            agency_reference = f"{agency[:4].upper()}-{happened:%y}-{self.n:02d}{i + 1:02d}"
            bo.cases.log_incident(ref, happened_on=happened, reported_on=happened + timedelta(days=delay),
                                  agency=agency, agency_reference=agency_reference,
                                  hate_related=hate_related, duplicate_of=duplicate_of,
                                  description=descriptions[(duplicate_of or i + 1) - 1], actor=officer)
        consenting = self.victim.name if plan.third_party else self.person.name
        bo.cases.give_consent(ref, kind=ConsentKind.SHARE_WITH_AGENCIES, given_on=received, given_by=consenting,
                              actor=officer)
        if plan.third_party:
            bo.cases.give_consent(ref, kind=ConsentKind.VICTIM_CONSENT, given_on=wd(received, 1),
                                  given_by=self.victim.name, actor=officer)
        bo.cases.acknowledge(ref, acknowledged_on=wd(received, 2), actor=officer)
        bo.cases.pass_to_relevant_bodies(ref, passed_on=wd(received, 2), actor=officer)
        if plan.stop is Stage.ACKNOWLEDGED:
            return ref
        if plan.route is Ending.WITHDRAWN:
            bo.cases.withdraw_consent(ref, kind=ConsentKind.SHARE_WITH_AGENCIES, withdrawn_on=wd(received, 4),
                                      reason="Does not want her landlord told; fears it would make things worse.",
                                      actor=officer)
            bo.cases.withdraw_application(ref, withdrawn_on=wd(received, 5), actor=officer,
                                          reason="Asked to withdraw once she had withdrawn consent to share.")
            return ref
        return self.decide(ref, wd(received, 8))

    def decide(self, ref: str, decided: date) -> str:
        bo, plan, officer, wd = self.bo, self.plan, self.officer, self.wd
        if plan.route is ThresholdDecision.MET:
            bo.cases.decide_threshold_met(ref, decided_on=decided, actor=MANAGER,
                                          reason="Four qualifying incidents reported to three agencies.",
                                          unverified_reason="Decided on the incidents as logged.")
        elif plan.route is ThresholdDecision.MET_BY_DISCRETION:
            bo.cases.decide_threshold_met_by_discretion(
                ref, decided_on=decided, grounds=(DiscretionGround.HARM, DiscretionGround.PERSISTENCE),
                reason="One racially motivated incident against a family with young children, after "
                       "months of abuse: the harm is serious enough to review the response now.",
                actor=MANAGER, unverified_reason="Decided on the incidents as logged.")
        else:
            bo.cases.decide_threshold_not_met(
                ref, decided_on=decided, actor=MANAGER,
                reason="Two qualifying incidents in the six months before the application; one was "
                       "reported seven weeks after it happened and another is older than six months.",
                alternative_action="Referred to the ASB team for a multi-agency problem-solving meeting; "
                                   "diary sheets sent to the applicant.",
                                   unverified_reason="Decided on the incidents as logged.")
        bo.cases.send_decision_letter(ref, sent_on=decided, channel=self.letters, actor=officer)
        if plan.route in (ThresholdDecision.MET, ThresholdDecision.MET_BY_DISCRETION):
            return self.review(ref, decided)
        if plan.stop is Stage.THRESHOLD_NOT_MET:
            return ref
        if plan.route is ThresholdDecision.NOT_MET:
            window_closes = due_on(Step.APPEAL_WINDOW, decided, bo.profile.timescales, bo.calendar)
            bo.cases.close_application(ref, closed_on=wd(window_closes, 1), actor=officer,
                                       reason="No appeal within the window; the alternative action is under way.")
            return ref
        lodged, ruled = wd(decided, 12), wd(decided, 22)
        bo.cases.lodge_appeal(ref, lodged_on=lodged, actor=self.applicant_actor,
                              grounds="A further incident reported to my housing officer is missing from the file.")
        if plan.route is AppealOutcome.DISMISSED:
            bo.cases.dismiss_appeal(ref, decided_on=ruled, actor=APPEALS_OFFICER,
                                    reason="The housing provider has no record of a report within the month.")
            bo.cases.close_application(ref, closed_on=wd(ruled, 2), reason="Appeal dismissed.", actor=officer)
            return ref
        bo.cases.uphold_appeal(ref, decided_on=ruled, actor=APPEALS_OFFICER,
                               reason="The housing provider confirmed a third report within the month, so the "
                                      "threshold is met.")
        return self.review(ref, ruled)

    def review(self, ref: str, opened: date) -> str:
        bo, plan, officer, wd = self.bo, self.plan, self.officer, self.wd
        for agency in self.agencies:
            bo.cases.request_agency_information(ref, agency=agency, requested_on=wd(opened, 2), actor=officer)
        if plan.stop is Stage.AGENCY_INFORMATION_REQUESTED:
            return ref
        for agency in self.agencies:
            bo.cases.record_agency_information(ref, agency=agency, received_on=wd(opened, 9), actor=officer,
                                               summary=f"{agency}: incident log, contacts with the applicant "
                                                       "and action taken in the last twelve months.")
        if plan.withdraw_in_review:
            bo.cases.withdraw_application(ref, withdrawn_on=wd(opened, 12), actor=officer,
                                          reason="The perpetrator has moved away; the applicant no longer wants "
                                                 "a review.")
            return ref
        scheduled, panel = wd(opened, 11), wd(opened, 19)
        chair = "Dr Helen Marsh (independent chair)" if plan.independent else MANAGER
        members = ("Kent Police: Insp. R. Hale", "Dartford Borough Council: ASB team leader",
                   f"{self.agencies[2]}: neighbourhood manager")
        bo.cases.schedule_panel(ref, panel_date=panel, chair=chair, independent_chair=plan.independent,
                                members=members, scheduled_on=scheduled, actor=officer)
        bo.cases.invite_victim(ref, invited_on=wd(scheduled, 1), method="letter and phone call",
                                   format=MeetingFormat.IN_PERSON, actor=officer)
        bo.cases.receive_impact_statement(ref, received_on=wd(scheduled, 4), actor=officer,
                                          statement="I dread coming home; I have not slept properly for months.")
        if plan.stop is Stage.PANEL_SCHEDULED:
            return ref
        findings = ("Each agency handled its reports separately and nobody linked them or took the lead."
                    if plan.recs else "The agencies' response was reasonable and proportionate.")
        attendees = (chair, *members, "the victim") if plan.victim_attends else (chair, *members)
        bo.cases.hold_panel(ref, held_on=panel, attendees=attendees, victim_attended=plan.victim_attends,
                            findings=findings, actor=officer)
        for slot, text in RECOMMENDATIONS[:len(plan.recs)]:
            bo.cases.issue_recommendation(ref, agency=self.agencies[slot], text=text, issued_on=wd(panel, 2),
                                          actor=officer)
        if plan.stop is Stage.RECOMMENDATIONS_ISSUED:
            return ref
        self.respond(ref, wd(panel, 14), final=False)
        if plan.delay:
            bo.cases.send_delay_notice(ref, sent_on=wd(panel, 25), expected_by=wd(panel, 40), actor=officer,
                                       reason="Kent Police needs more time to review body-worn video footage.")
        last = wd(panel, 38 if plan.delay else 15)
        bo.cases.send_outcome_letter(ref, sent_on=last, channel=self.letters, actor=officer)
        if plan.secondary:
            requested = wd(last, 8)
            bo.cases.request_secondary_review(ref, requested_on=requested, actor=self.applicant_actor,
                                              grounds="The recommendations will not stop the behaviour.")
            if plan.stop is Stage.SECONDARY_REVIEW_REQUESTED:
                return ref
            held = wd(requested, 15)
            bo.cases.hold_secondary_review(ref, held_on=held, chair="Office of the Kent PCC: independent reviewer",
                                           panel=("Gravesham CSP: ASB lead", "Sevenoaks DC: community safety"),
                                           actor=MANAGER)
            further = plan.secondary is SecondaryReviewOutcome.FURTHER_RECOMMENDATIONS
            if further:
                number = bo.cases.issue_recommendation(ref, agency=POLICE, issued_on=wd(held, 1), actor=MANAGER,
                                                       text="Apply for a closure order on the property.").number
                bo.cases.record_agency_response(ref, number=number or 0, response=AgencyResponseKind.ACCEPTED,
                                                responded_on=wd(held, 3), actor=officer)
            last = wd(held, 3)
            bo.cases.conclude_secondary_review(ref, concluded_on=last, outcome=plan.secondary, actor=MANAGER,
                                               reason="A closure order is needed as well." if further else
                                               "The original review was thorough and its recommendations stand.")
        last = self.respond(ref, wd(last, 5), final=True) or last
        bo.cases.close_review(ref, closed_on=wd(last, 5), actor=MANAGER,
                              reason="Outcome letter sent; the agencies have responded to every recommendation.",
                              open_recommendations_reason="The agencies' actions take months; the officer follows "
                                                          "them up and tells the applicant when they are completed.")
        return ref

    def respond(self, ref: str, on: date, *, final: bool) -> date | None:
        """The first responses (accepted or declined); with ``final``, the completions that follow."""
        recs = self.plan.recs
        for number, kind in enumerate(recs, start=1):
            if kind is None or (final and kind is not AgencyResponseKind.COMPLETED):
                continue
            response = kind if final or kind is AgencyResponseKind.DECLINED else AgencyResponseKind.ACCEPTED
            if response is AgencyResponseKind.COMPLETED:  # the agency reports progress before it completes
                self.bo.cases.record_agency_response(ref, number=number, response=AgencyResponseKind.PROGRESS,
                                                     responded_on=on, reason=PROGRESS, actor=self.officer)
            self.bo.cases.record_agency_response(ref, number=number, response=response, responded_on=on,
                                                 reason=DECLINED if response is AgencyResponseKind.DECLINED else "",
                                                 actor=self.officer)
        return on if final and AgencyResponseKind.COMPLETED in recs else None


# Sign-ins for trying the product (`community-trigger serve --demo`): one per role, all with the same
# passphrase. Never use them on a real database.
DEMO_PASSWORD = "community trigger demo"
DEMO_USERS = (
    ("j.okafor", "Joy Okafor", Role.OFFICER),
    ("s.patel", "Sana Patel", Role.OFFICER),  # the demo cases are shared between j.okafor and s.patel
    ("m.reid", "Morag Reid", Role.MANAGER),
    ("r.hale", "Insp. Robert Hale (Kent Police)", Role.AGENCY_CONTACT),
    ("t.brooks", "Tom Brooks (complaints and audit)", Role.AUDITOR),
    ("admin", "Asha Admin", Role.ADMINISTRATOR),
)


def ensure_demo_users(back_office: BackOffice) -> list[tuple[str, Role]]:
    """Register the demo sign-ins that do not exist yet; returns every demo (username, role)."""
    existing = {account.username for account in back_office.accounts.list_accounts()}
    for username, name, role in DEMO_USERS:
        if username not in existing:
            back_office.accounts.register_user(username, display_name=name, email=f"{username}@dartford.gov.uk",
                                               roles=[role], password=DEMO_PASSWORD, actor="system:demo")
            if role is Role.AGENCY_CONTACT:
                back_office.accounts.assign_agency(username, agency="Kent Police", actor="system:demo")
    return [(username, role) for username, _, role in DEMO_USERS]
