"""The annual report over histories built through BackOffice for several years, in both layouts."""

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest
from click.testing import CliRunner, Result

from application.backoffice import BackOffice
from cli.main import SCHEMA_VARIABLE, main
from infrastructure.storage import Database
from projections.projector import Projector
from projections.statistics import financial_years, yearly_figures
from tests.conftest import TODAY, Demo

pytestmark = pytest.mark.xdist_group("demo")  # one worker loads the module's demo cases once

# The partnership's published table (source-procedure.txt), which the demo histories reproduce.
PUBLISHED = [
    ("20 October 2014 to 31 March 2015", "0", "n/a", "n/a"),
    ("1 April 2015 to 31 March 2016", "0", "n/a", "n/a"),
    ("1 April 2016 to 31 March 2017", "0", "n/a", "n/a"),
    ("1 April 2017 to 31 March 2018", "2", "1", "0"),
    ("1 April 2018 to 31 March 2019", "0", "n/a", "n/a"),
    ("1 April 2019 to 31 March 2020", "5", "2", "0"),
    ("1 April 2020 to 31 March 2021", "7", "4 met, 3 carried out", "3"),  # published as "4"
    ("1 April 2021 to 31 March 2022", "6", "2", "1"),
    ("1 April 2022 to 31 March 2023", "3", "0", "0"),
    ("1 April 2023 to 31 March 2024", "4", "2", "0"),
]


@pytest.fixture(scope="module")
def demo_schema(demo: Demo, database: Database) -> str:
    """The demo cases with their read models built, once for the module: these tests only read them."""
    with database.connect() as conn:
        Projector(demo.back_office, conn, demo.schema).catch_up()
    return demo.schema


@pytest.fixture
def schema(demo_schema: str) -> str:
    return demo_schema


@pytest.fixture
def demo_projected(back_office: BackOffice) -> BackOffice:
    return back_office


@pytest.fixture
def run(database: Database, schema: str) -> Callable[..., Result]:
    def invoke(*args: str) -> Result:
        return CliRunner().invoke(main, list(args), env={"DATABASE_URL": database.url, SCHEMA_VARIABLE: schema})

    return invoke


def test_financial_years_start_at_commencement_and_run_april_to_march():
    years = financial_years(TODAY.replace(year=2014, month=10, day=20), TODAY)

    assert years[0] == (TODAY.replace(year=2014, month=10, day=20), TODAY.replace(year=2015, month=3, day=31))
    assert years[1][0].isoformat() == "2015-04-01"
    assert years[-1][0].isoformat() == "2026-04-01"


def test_the_published_layout_shows_the_counts_the_histories_imply(demo_projected: BackOffice,
                                                                     run: Callable[..., Result]):
    result = run("report", "--format", "md")

    assert result.exit_code == 0, result.output
    for label, *cells in PUBLISHED:
        assert f"| {label} | {' | '.join(cells)} |" in result.output


def test_the_statutory_layout_counts_not_met_and_reviews_carried_out(
    demo_projected: BackOffice, conn: psycopg.Connection[Any], schema: str
):
    years = {y.short_label: y for y in yearly_figures(conn, schema, demo_projected.profile.statistics_from, TODAY,
                                                      demo_projected.calendar)}

    assert (years["2020/21"].applications, years["2020/21"].threshold_not_met,
            years["2020/21"].reviews_carried_out, years["2020/21"].reviews_with_recommendations) == (7, 2, 3, 3)
    assert years["2022/23"].threshold_not_met == 2  # the third application was rejected
    assert years["2019/20"].appeals_received == 2
    assert years["2019/20"].appeals_upheld == 1


def test_csv_json_and_html_carry_the_same_figures(demo_projected: BackOffice, run: Callable[..., Result],
                                                  tmp_path: Path):
    as_csv = list(csv.DictReader(io.StringIO(run("report", "--format", "csv").output)))
    as_json = json.loads(run("report", "--format", "json").output)
    written = run("report", "--format", "html", "--output", str(tmp_path / "report.html"))
    page = (tmp_path / "report.html").read_text()

    row = next(r for r in as_csv if r["period"] == "1 April 2020 to 31 March 2021")
    year = next(y for y in as_json["years"] if y["label"] == "1 April 2020 to 31 March 2021")
    assert (row["Applications received"], row["Case reviews that resulted in recommendations"]) == ("7", "3")
    on_time, sent = int(row["Outcome letters on time"]), int(row["Outcome letters sent"])
    assert row["Share on time"] == f"{round(100 * on_time / sent)}%"
    assert next(r for r in as_csv if r["period"].startswith("1 April 2018"))["Share on time"] == "n/a"
    assert (year["applications"], year["reviews_with_recommendations"]) == (7, 3)
    assert "received" in as_json["counting_rule"]
    assert written.exit_code == 0
    assert "<svg" in page
    assert page.count("<rect") == 3 * len(as_json["years"])
    assert "1 April 2017 to 31 March 2018" in page


def test_one_year_can_be_reported_alone(demo_projected: BackOffice, run: Callable[..., Result]):
    result = run("report", "--year", "2021", "--format", "csv")

    assert [r["period"] for r in csv.DictReader(io.StringIO(result.output))] == ["1 April 2021 to 31 March 2022"]
