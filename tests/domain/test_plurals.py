"""Counts in text people read say "1 day" and "2 days", never "day(s)" (issue 13, point 8)."""

import re
from pathlib import Path

from domain.periods import Period
from domain.plurals import counted, in_number
from domain.threshold import ThresholdPolicy

ROOT = Path(__file__).parents[2]
READ_BY_PEOPLE = ("application", "domain", "web", "scheduler", "cli", "projections", "demo")


def test_one_is_singular_and_every_other_count_plural():
    assert [counted(n, "day") for n in (0, 1, 2)] == ["0 days", "1 day", "2 days"]
    assert counted(1, "qualifying complaint") == "1 qualifying complaint"
    assert in_number(2, "has", "have") == "have"
    assert in_number(1, "has", "have") == "has"


def test_a_policy_needing_one_hate_incident_describes_it_in_the_singular():
    policy = ThresholdPolicy(minimum_incidents=1, report_within=Period(months=1), look_back=Period(months=6))

    assert policy.describe().startswith("1 qualifying incident reported within")


def test_no_template_or_message_says_s_in_brackets():
    found = [f"{path.relative_to(ROOT)}:{number}"
             for folder in READ_BY_PEOPLE for path in (ROOT / folder).rglob("*")
             if path.suffix in {".py", ".html", ".md", ".toml"} and path.name != "plurals.py"
             for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
             if re.search(r"[a-z]\(s\)", line) and not re.search(r"\b(str|len|repr)\(s\)", line)]

    assert found == []
