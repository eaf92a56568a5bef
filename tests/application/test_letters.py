"""Letters against real PostgreSQL: every letter of every demo case renders, producing and sending
one is recorded in the case history, the wording comes from the profile, and case text is escaped."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from html import unescape
from pathlib import Path

import pytest

from application.backoffice import BackOffice
from application.errors import ProfileError
from application.profile import DEFAULT_PROFILE_NAME, load_profile
from demo.loader import load_demo
from domain.errors import AlreadyRecordedError, CaseRuleError, FutureDateError, LetterNotAvailableError
from domain.values import LetterChannel, LetterKind
from tests.application import cases
from tests.conftest import TODAY

DEFAULT_TEXT = (Path(__file__).parents[2] / "application" / DEFAULT_PROFILE_NAME).read_text()
OFFICER = cases.OFFICER


def letter_events(back_office: BackOffice, reference: str, event: str) -> list:
    return [e for e in back_office.cases.history(reference) if e.record == "CaseFile" and e.event == event]


def profile_file(tmp_path: Path, old: str, new: str) -> Path:
    assert old in DEFAULT_TEXT
    path = tmp_path / "profile.toml"
    path.write_text(DEFAULT_TEXT.replace(old, new, 1))
    return path


# ------------------------------------------------------------------------------------ demo
def test_every_letter_renders_for_every_demo_case_that_reached_its_step_and_producing_it_is_in_the_history(
    back_office: BackOffice,
):
    references = load_demo(back_office)
    started = datetime.now(UTC)
    kinds_seen = set()

    for reference in references:
        available = back_office.cases.letters_available(reference)
        for item in available:
            produced = back_office.cases.produce_letter(reference, item.kind, item.recipient, actor=OFFICER)
            html = produced.letter.html
            assert html.startswith("<!DOCTYPE html>")
            assert reference in html
            assert produced.letter.title == item.title
            kinds_seen.add(item.kind)
        entries = letter_events(back_office, reference, "LetterProduced")
        assert len(entries) == len(available)
        for entry, item in zip(entries, available, strict=True):
            assert entry.actor == OFFICER
            assert started <= entry.recorded_at <= datetime.now(UTC)
            assert f"letter: {item.kind.value.replace('_', ' ')}" in entry.details
            assert f"recipient: {item.recipient}" in entry.details
            assert f"template version: {back_office.cases.template_version(item.kind)}" in entry.details

    assert kinds_seen == set(LetterKind)


def test_a_case_that_is_only_received_has_only_the_acknowledgement(back_office: BackOffice):
    reference = cases.receive(back_office)

    assert [(x.kind, x.recipient) for x in back_office.cases.letters_available(reference)] == [
        (LetterKind.ACKNOWLEDGEMENT, "applicant")]


# ------------------------------------------------------------------------------- contents
def test_a_letter_is_a_printable_a4_page_with_letterhead_addressee_date_reference_and_signature(
    back_office: BackOffice,
):
    reference = cases.receive(back_office)

    html = back_office.cases.render_letter(reference, LetterKind.ACKNOWLEDGEMENT).html

    assert "@page { size: A4;" in html
    assert "@media print" in html
    for text in ("Dartford Community Safety Partnership", "Home Gardens<br>Dartford<br>Kent DA1 1DR",
                 "Ann Smith<br>12 High Street<br>Dartford", "Date: 24 November 2026",
                 f"Our reference: {reference}", "Dear Ann Smith,", "Yours sincerely,",
                 "Community Safety Unit\nDartford Borough Council", "received on 1 September 2026",
                 "with our decision by 15 September 2026"):
        assert text in html


def test_rendering_a_letter_records_nothing(back_office: BackOffice):
    reference = cases.outcome_sent(back_office)
    before = back_office.event_count()

    back_office.cases.render_letter(reference, LetterKind.OUTCOME)

    assert back_office.event_count() == before


def test_the_not_met_letter_gives_the_reasons_each_incident_the_alternative_action_and_how_to_appeal(
    back_office: BackOffice, profile
):
    reference = cases.not_met_letter_sent(back_office)

    html = back_office.cases.render_letter(reference, LetterKind.THRESHOLD_DECISION).html

    assert "does not meet the threshold" in html
    assert "Two qualifying incidents; the policy needs three." in html
    assert "Incident 1: Counts" in html
    assert "Referred to the neighbourhood policing team." in html
    assert f"How to ask {profile.routes.decision.body} to look at this again" in unescape(html)
    assert profile.routes.decision.how_to_ask in html


def test_the_met_letter_says_the_case_goes_to_review(back_office: BackOffice):
    reference = cases.threshold_met(back_office)

    html = back_office.cases.render_letter(reference, LetterKind.THRESHOLD_DECISION).html

    assert "meets the threshold for a case review" in html
    assert "How to appeal" not in html


def test_the_outcome_letter_gives_the_findings_each_recommendation_and_how_to_ask_for_a_secondary_review(
    back_office: BackOffice, profile
):
    reference = cases.panel_held(back_office)
    back_office.cases.issue_recommendation(reference, agency="Kent Police", text="Link the reports.",
                                           issued_on=date(2026, 10, 6), actor=OFFICER)
    back_office.cases.issue_recommendation(reference, agency="Moat Homes", text="Name one contact.",
                                           issued_on=date(2026, 10, 6), response_due_on=date(2026, 11, 6),
                                           actor=OFFICER)

    html = back_office.cases.render_letter(reference, LetterKind.OUTCOME).html

    assert "Reports were not linked." in html
    assert "<strong>Kent Police:</strong> Link the reports. (response due by 3 November 2026)" in html
    assert "<strong>Moat Homes:</strong> Name one contact. (response due by 6 November 2026)" in html
    assert profile.routes.review.how_to_ask in html


def test_the_agency_letter_lists_only_its_own_recommendations_and_when_its_response_is_due(
    back_office: BackOffice,
):
    reference = cases.panel_held(back_office)
    back_office.cases.issue_recommendation(reference, agency="Kent Police", text="Link the reports.",
                                           issued_on=date(2026, 10, 6), actor=OFFICER)
    back_office.cases.issue_recommendation(reference, agency="Moat Homes", text="Name one contact.",
                                           issued_on=date(2026, 10, 6), actor=OFFICER)

    letter = back_office.cases.render_letter(reference, LetterKind.AGENCY_RECOMMENDATIONS, "Kent Police")

    assert letter.recipient == "Kent Police"
    assert "Link the reports. (response due by 3 November 2026)" in letter.html
    assert "Name one contact." not in letter.html
    assert "Please tell the Community Safety Unit by 3 November 2026" in letter.html
    assert "Dear colleague," in letter.html


def test_the_delay_letter_gives_the_reason_and_the_new_expected_date(back_office: BackOffice):
    reference = cases.panel_held(back_office)
    back_office.cases.send_delay_notice(reference, sent_on=date(2026, 11, 16),
                                        reason="Footage is still being reviewed.",
                                        expected_by=date(2026, 12, 11), actor=OFFICER)

    html = back_office.cases.render_letter(reference, LetterKind.DELAY).html

    assert "The reason for the delay: Footage is still being reviewed." in html
    assert "by 11 December 2026" in html
    assert "within 30 working days" in html


def test_a_script_in_the_findings_comes_out_as_text(back_office: BackOffice):
    reference = cases.panel_scheduled(back_office)
    back_office.cases.decide_not_to_invite_victim(reference, decided_on=date(2026, 9, 15),
                                                 reason="She chose to be kept informed.", actor=OFFICER)
    back_office.cases.hold_panel(reference, held_on=date(2026, 10, 5), attendees=("Dr Jane Holt",),
                                 victim_attended=False, findings="<script>alert('x')</script> & more", actor=OFFICER)

    html = back_office.cases.render_letter(reference, LetterKind.OUTCOME).html

    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more" in html


@pytest.mark.parametrize(
    ("kind", "recipient"),
    [(LetterKind.OUTCOME, "applicant"), (LetterKind.DELAY, "applicant"),
     (LetterKind.AGENCY_RECOMMENDATIONS, "Clarion Housing")],
    ids=["outcome before the panel", "delay never recorded", "agency without recommendations"],
)
def test_a_letter_the_case_has_not_reached_is_refused(back_office: BackOffice, kind: LetterKind, recipient: str):
    reference = cases.threshold_met(back_office)

    with pytest.raises(LetterNotAvailableError):
        back_office.cases.render_letter(reference, kind, recipient)


# --------------------------------------------------------------------------------- wording
def test_changed_wording_gives_a_new_template_version_and_the_new_words(
    back_office: BackOffice, make_back_office: Callable[..., BackOffice], tmp_path: Path
):
    reference = cases.receive(back_office)
    path = profile_file(tmp_path, 'subject = "Your Community Trigger application, reference $reference"',
                        'subject = "We have your application $reference, $applicant_name"')
    changed = make_back_office(partnership=load_profile(path))

    before = back_office.cases.render_letter(reference, LetterKind.ACKNOWLEDGEMENT)
    after = changed.cases.render_letter(reference, LetterKind.ACKNOWLEDGEMENT)

    assert len(after.template_version) == 12
    assert after.template_version != before.template_version
    assert f"<h1>We have your application {reference}, Ann Smith</h1>" in after.html
    assert changed.cases.template_version(LetterKind.OUTCOME) == back_office.cases.template_version(LetterKind.OUTCOME)


def test_a_profile_without_letter_wording_uses_the_default_wording(tmp_path: Path):
    path = profile_file(tmp_path, DEFAULT_TEXT[DEFAULT_TEXT.index("[letters]"):], "")

    profile = load_profile(path)

    assert profile.letters == load_profile().letters


def test_a_letter_table_left_out_of_a_profile_keeps_the_default_wording(tmp_path: Path):
    start = DEFAULT_TEXT.index("[letters.outcome]")
    outcome_table = DEFAULT_TEXT[start:DEFAULT_TEXT.index("[letters.agency_recommendations]")]
    path = profile_file(tmp_path, outcome_table, "")

    profile = load_profile(path)

    assert profile.letters.texts["outcome"] == load_profile().letters.texts["outcome"]


def test_a_misspelt_letter_key_is_refused_naming_it(tmp_path: Path):
    path = profile_file(tmp_path, "[letters.delay]\n# also: $panel_held_on $delay_reason $expected_by "
                        "$outcome_working_days\nsubject", "[letters.delay]\nsubjet")

    with pytest.raises(ProfileError, match=r"letters\.delay\.subjet: Unknown field\."):
        load_profile(path)


def test_a_profile_with_an_unknown_placeholder_is_refused_naming_the_file_the_key_and_the_placeholder(
    tmp_path: Path,
):
    path = profile_file(tmp_path, "The review panel met on $panel_held_on",
                        "The review panel met on $panel_date")

    with pytest.raises(ProfileError) as refused:
        load_profile(path)

    message = str(refused.value)
    assert message.startswith(f"{path}: letters.outcome.opening: Unknown placeholder $panel_date; this letter "
                              "can use $reference, $partnership, $lead_agency, $applicant_name,")
    assert "$panel_held_on" in message
    assert "\n" not in message


def test_a_stray_dollar_sign_in_a_letter_text_is_refused_saying_how_to_write_one(tmp_path: Path):
    path = profile_file(tmp_path, "The reason for the delay: $delay_reason",
                        "The reason for the delay ($5 fee): $delay_reason")

    with pytest.raises(ProfileError, match=r"letters\.delay\.body: A \$ must start a placeholder.*write \$\$"):
        load_profile(path)


# ------------------------------------------------------------------------------- producing
def test_producing_a_letter_records_who_when_and_which_template_version(back_office: BackOffice):
    reference = cases.receive(back_office)

    produced = back_office.cases.produce_letter(reference, LetterKind.ACKNOWLEDGEMENT, actor=" s.patel ")

    [entry] = letter_events(back_office, reference, "LetterProduced")
    assert entry.actor == "s.patel"
    assert f"template version: {produced.letter.template_version}" in entry.details
    assert "produced on: 24 November 2026" in entry.details
    assert produced.recorded.position == back_office.event_count()


# --------------------------------------------------------------------------------- sending
def test_sending_the_acknowledgement_records_the_acknowledgement_and_the_letter_in_one_save(
    back_office: BackOffice,
):
    reference = cases.receive(back_office)
    before = back_office.event_count()

    recorded = back_office.cases.send_letter(reference, LetterKind.ACKNOWLEDGEMENT, channel=LetterChannel.EMAIL,
                                             sent_on=date(2026, 9, 2), actor=OFFICER)

    assert back_office.event_count() == before + 3 == recorded.position  # the case file is started too
    assert [e.event for e in back_office.cases.history(reference)][-3:] == ["Acknowledged", "Started", "LetterSent"]
    assert back_office.cases.get_case(reference).application.acknowledged_on == date(2026, 9, 2)
    [sent] = letter_events(back_office, reference, "LetterSent")
    assert "channel: email" in sent.details
    assert sent.actor == OFFICER


def test_sending_the_threshold_decision_letter_records_the_decision_letter_step(back_office: BackOffice):
    reference = cases.ready_for_decision(back_office)
    back_office.cases.decide_threshold_met(reference, decided_on=date(2026, 9, 10), actor=OFFICER,
                                           unverified_reason="Decided on the incidents as logged.")
    before = back_office.event_count()

    back_office.cases.send_letter(reference, LetterKind.THRESHOLD_DECISION, channel=LetterChannel.POST,
                                  sent_on=date(2026, 9, 11), actor=OFFICER)

    assert back_office.event_count() == before + 3
    assert back_office.cases.get_case(reference).application.decision_letter_sent_on == date(2026, 9, 11)
    assert [e.event for e in back_office.cases.history(reference)][-3:] == [
        "DecisionLetterSent", "Started", "LetterSent"]


def test_sending_the_outcome_letter_records_the_outcome_letter_step(back_office: BackOffice):
    reference = cases.panel_held(back_office)

    back_office.cases.send_letter(reference, LetterKind.OUTCOME, channel=LetterChannel.POST,
                                  sent_on=date(2026, 10, 12), actor=OFFICER)

    review = back_office.cases.get_case(reference).review
    assert review is not None
    assert review.outcome_letter_sent_on == date(2026, 10, 12)
    assert [e.event for e in back_office.cases.history(reference)][-3:] == [
        "OutcomeLetterSent", "Started", "LetterSent"]


def test_sending_an_agency_letter_records_only_the_letter(back_office: BackOffice):
    reference = cases.outcome_sent(back_office)
    before = back_office.event_count()

    back_office.cases.send_letter(reference, LetterKind.AGENCY_RECOMMENDATIONS, "Kent Police",
                                  channel=LetterChannel.EMAIL, sent_on=date(2026, 10, 7), actor=OFFICER)

    assert [e.event for e in back_office.cases.history(reference)][-2:] == ["Started", "LetterSent"]
    assert back_office.event_count() == before + 2
    [sent] = letter_events(back_office, reference, "LetterSent")
    assert "recipient: Kent Police" in sent.details


@pytest.mark.parametrize(
    ("build", "kind", "sent_on", "error"),
    [
        (cases.threshold_met, LetterKind.OUTCOME, date(2026, 10, 1), LetterNotAvailableError),
        (cases.outcome_sent, LetterKind.OUTCOME, date(2026, 10, 20), AlreadyRecordedError),
        (cases.receive, LetterKind.ACKNOWLEDGEMENT, TODAY + timedelta(days=1), FutureDateError),
        (cases.outcome_sent, LetterKind.AGENCY_RECOMMENDATIONS, TODAY + timedelta(days=1), FutureDateError),
    ],
    ids=["letter not yet available", "outcome letter already sent", "acknowledgement sent tomorrow",
         "agency letter sent tomorrow"],
)
def test_a_refused_letter_writes_nothing(
    back_office: BackOffice, build: Callable[[BackOffice], str], kind: LetterKind, sent_on: date,
    error: type[CaseRuleError],
):
    reference = build(back_office)
    recipient = "Kent Police" if kind is LetterKind.AGENCY_RECOMMENDATIONS else "applicant"
    before = back_office.event_count()

    with pytest.raises(error):
        back_office.cases.send_letter(reference, kind, recipient, channel=LetterChannel.POST, sent_on=sent_on,
                                      actor=OFFICER)

    assert back_office.event_count() == before
