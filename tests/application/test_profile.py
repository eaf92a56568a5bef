"""The partnership profile: the Dartford default, and errors that name the file and the key."""

from datetime import date
from pathlib import Path

import pytest

from application.errors import ProfileError
from application.profile import DEFAULT_PROFILE_NAME, load_profile
from domain.periods import Period
from domain.routes import RouteKind
from domain.threshold import LookBackAnchor

DEFAULT_TEXT = (Path(__file__).parents[2] / "application" / DEFAULT_PROFILE_NAME).read_text()


def test_default_profile_follows_dartfords_published_procedure():
    profile = load_profile()

    assert profile.name == "Dartford Community Safety Partnership"
    assert profile.threshold.minimum_incidents == 3
    assert profile.threshold.report_within == Period(months=1)
    assert profile.threshold.look_back == Period(months=6)
    assert profile.threshold.look_back_anchor is LookBackAnchor.APPLICATION_DATE
    assert profile.timescales.outcome_letter == 30
    assert profile.routes.decision.kind is RouteKind.INTERNAL_APPEAL
    assert profile.routes.review.kind is RouteKind.INDEPENDENT_PANEL
    assert (profile.routes.review.window, profile.timescales.secondary_review_window) == (20, 20)
    assert profile.statistics_from == date(2014, 10, 20)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("minimum_incidents = 3 ", "minimum_incidents = 4 "),
         "threshold.minimum_incidents: The law caps the threshold at 3"),
        (('report_within = "1 month"', 'report_within = "a fortnight"'),
         "threshold.report_within: 'a fortnight' is not a period"),
        (('look_back_anchor = "application_date"', 'look_back_anchor = "yesterday"'),
         "threshold.look_back_anchor: Must be one of: application_date, first_incident."),
        (("count_duplicates_once = true", 'count_duplicates_once = "yes"'),
         "threshold.count_duplicates_once: Must be true or false."),
        (("acknowledge = 5", "acknowledge = 0"),
         "timescales.acknowledge: Must be a whole number of working days from 1 to 250."),
        (("acknowledge = 5", "acknowledge = 5\nacknowlege = 5"), "timescales.acknowlege: Unknown field."),
        (('reference_prefix = "CT"', 'reference_prefix = "ct-"'),
         "partnership.reference_prefix: Use 2 to 5 capital letters"),
        (("statistics_from = 2014-10-20", "statistics_from = 2013-01-01"),
         "partnership.statistics_from: The Community Trigger started on 20 October 2014"),
        (('kind = "internal_appeal"', 'kind = "pcc"'),
         "routes.decision.kind: Must be one of: internal_appeal, local_policing_body, independent_panel, other_body."),
        (("[routes.review]", "[routes.review"), "not valid TOML"),
    ],
    ids=["cap of three", "bad period", "bad anchor", "not a boolean", "zero days", "misspelt key",
         "bad prefix", "before commencement", "unknown route kind", "broken TOML"],
)
def test_invalid_profile_is_refused_with_the_file_the_key_and_what_to_fix(
    tmp_path: Path, change: tuple[str, str], expected: str
):
    assert change[0] in DEFAULT_TEXT
    path = tmp_path / "profile.toml"
    path.write_text(DEFAULT_TEXT.replace(change[0], change[1], 1))

    with pytest.raises(ProfileError) as raised:
        load_profile(path)

    assert str(raised.value).startswith(f"{path}: ")
    assert expected in str(raised.value)
    assert "\n" not in str(raised.value)


def test_missing_profile_file_is_named(tmp_path: Path):
    with pytest.raises(ProfileError, match="no such file"):
        load_profile(tmp_path / "nowhere.toml")


def test_a_local_hate_incident_rule_is_loaded(tmp_path: Path):
    path = tmp_path / "oxford.toml"
    path.write_text(DEFAULT_TEXT.replace(
        "[timescales]", '[threshold.hate_incidents]\nminimum_incidents = 1\nwithin = "3 months"\n\n[timescales]'))

    profile = load_profile(path)

    assert profile.threshold.hate_incidents is not None
    assert profile.threshold.hate_incidents.within == Period(months=3)


def test_the_default_profile_limits_a_case_to_200_incidents():
    assert load_profile().limits.max_incidents == 200


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("max_incidents = 200 ", "max_incidents = 2 "),
         "limits.max_incidents: Must be a whole number of incidents from 3 to 1000."),
        (("max_recommendations = 50 ", "max_recommendations = 0 "),
         "limits.max_recommendations: Must be a whole number of recommendations from 1 to 500."),
    ],
    ids=["too few incidents", "no recommendations"],
)
def test_case_limits_that_leave_no_room_are_refused_with_the_key(tmp_path: Path, change: tuple[str, str],
                                                                 expected: str):
    assert change[0] in DEFAULT_TEXT
    path = tmp_path / "profile.toml"
    path.write_text(DEFAULT_TEXT.replace(change[0], change[1], 1))

    with pytest.raises(ProfileError) as raised:
        load_profile(path)

    assert expected in str(raised.value)


def test_a_profile_without_limits_gets_the_shipped_ones(tmp_path: Path):
    start, end = DEFAULT_TEXT.index("[limits]"), DEFAULT_TEXT.index("[letters]")
    path = tmp_path / "profile.toml"
    path.write_text(DEFAULT_TEXT[:start] + DEFAULT_TEXT[end:])

    assert load_profile(path).limits == load_profile().limits


def test_an_incident_limit_below_what_the_threshold_needs_is_refused(tmp_path: Path):
    path = tmp_path / "profile.toml"
    path.write_text(DEFAULT_TEXT.replace("max_incidents = 200 ", "max_incidents = 4 ").replace(
        "[timescales]", "[threshold.several_complainants]\nminimum_complainants = 5\nminimum_incidents = 5\n\n"
                        "[timescales]"))

    with pytest.raises(ProfileError) as raised:
        load_profile(path)

    assert "limits.max_incidents: The threshold's several_complainants rule needs 5 incidents" in str(raised.value)


@pytest.mark.parametrize(("change", "key"), [
    (('name = "Dartford Community Safety Partnership"', 'name = "Dartford\\u0000 Community Safety Partnership"'),
     "partnership.name"),
    (('name = "Dartford Community Safety Partnership"', 'name = "Dartford\\nCommunity Safety Partnership"'),
     "partnership.name"),
    (('signature = """Community Safety Unit', 'signature = """Community Safety Unit\\u001b[2J'), "letters.signature"),
], ids=["NUL in a name", "line break in a name", "escape in letter wording"])
def test_control_characters_in_the_profile_are_refused_with_the_key(tmp_path: Path, change: tuple[str, str],
                                                                   key: str) -> None:
    assert change[0] in DEFAULT_TEXT
    path = tmp_path / "profile.toml"
    path.write_text(DEFAULT_TEXT.replace(change[0], change[1], 1))

    with pytest.raises(ProfileError, match=rf"{key}: (Remove the control characters|Write this on one line)"):
        load_profile(path)


def test_letter_wording_may_run_over_several_lines() -> None:
    assert "\n" in load_profile().letters.signature


def legacy_profile_text(route: str) -> str:
    """The default profile as written before [routes]: one [appeal] setting and the windows in [timescales]."""
    start, end = DEFAULT_TEXT.index("[routes.decision]"), DEFAULT_TEXT.index("[email]")
    legacy = DEFAULT_TEXT[:start] + (
        f'[appeal]\nroute = "{route}"\ndescription = "Write to the Community Safety Unit within 15 working days."\n\n'
    ) + DEFAULT_TEXT[end:]
    return legacy.replace("recommendation_response = 20", "appeal_window = 15\nsecondary_review = 25\n"
                          "recommendation_response = 20", 1)


@pytest.mark.parametrize(("route", "kind", "body"), [
    ("independent_panel", RouteKind.INDEPENDENT_PANEL, "an independent panel"),
    ("policing_body", RouteKind.LOCAL_POLICING_BODY, "the local policing body"),
    ("other", RouteKind.OTHER_BODY, "the partnership"),
])
def test_an_older_profile_with_one_appeal_setting_loads_as_the_same_route_for_a_decision_and_a_review(
    tmp_path: Path, route: str, kind: RouteKind, body: str
):
    path = tmp_path / "old.toml"
    path.write_text(legacy_profile_text(route))

    profile = load_profile(path)

    assert profile.routes.decision == profile.routes.review
    assert (profile.routes.decision.kind, profile.routes.decision.body) == (kind, body)
    assert profile.routes.decision.how_to_ask == "Write to the Community Safety Unit within 15 working days."
    assert (profile.routes.decision.window, profile.routes.decision.answer_within) == (15, 25)
    assert profile.routes.decision.email == profile.email.sender
    assert (profile.timescales.appeal_window, profile.timescales.secondary_review) == (15, 25)
    assert profile.timescales.secondary_review_window == 15


def test_a_profile_with_both_the_old_appeal_setting_and_routes_is_refused(tmp_path: Path):
    path = tmp_path / "both.toml"
    path.write_text(DEFAULT_TEXT + '\n[appeal]\ndescription = "Write to us."\n')

    with pytest.raises(ProfileError, match=r"appeal: Give the routes in \[routes\] only"):
        load_profile(path)


def test_a_profile_with_routes_refuses_the_appeal_window_in_timescales(tmp_path: Path):
    path = tmp_path / "twice.toml"
    path.write_text(DEFAULT_TEXT.replace("recommendation_response = 20", "appeal_window = 15\n"
                                         "recommendation_response = 20", 1))

    with pytest.raises(ProfileError, match=r"timescales\.appeal_window: With \[routes\], the appeal window is"):
        load_profile(path)


def test_a_profile_without_any_route_is_refused_citing_schedule_4(tmp_path: Path):
    start, end = DEFAULT_TEXT.index("[routes.decision]"), DEFAULT_TEXT.index("[email]")
    path = tmp_path / "none.toml"
    path.write_text(DEFAULT_TEXT[:start] + DEFAULT_TEXT[end:])

    with pytest.raises(ProfileError, match="routes: Say who considers an applicant's dissatisfaction"):
        load_profile(path)
