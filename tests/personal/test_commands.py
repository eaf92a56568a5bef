"""The command line for personal data: `keys rotate`, `erase`, `erasures reapply`; and the master key rules."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from application.backoffice import BackOffice
from cli.main import SCHEMA_VARIABLE, main
from infrastructure import keys as keys_module
from infrastructure.keys import (
    MASTER_KEY,
    MASTER_KEY_FILE,
    MasterKeyError,
    master_key_from_environment,
    new_master_key,
    require_master_key,
)
from infrastructure.storage import Database
from tests.application import cases
from tests.conftest import TEST_MASTER_KEY


@pytest.fixture
def run(database: Database, schema: str, tmp_path: Path) -> Callable[..., Result]:
    def invoke(*args: str, master: str = TEST_MASTER_KEY) -> Result:
        env = {"DATABASE_URL": database.url, SCHEMA_VARIABLE: schema, MASTER_KEY: master,
               "COMMUNITY_TRIGGER_ERASURE_REGISTER": str(tmp_path / "erasures.jsonl")}
        return CliRunner().invoke(main, list(args), env=env)

    return invoke


def test_rotating_the_master_key_keeps_every_case_readable_under_the_new_key_only(
    back_office: BackOffice, run: Callable[..., Result], tmp_path: Path
):
    reference = cases.receive(back_office)
    new = new_master_key()
    (tmp_path / "new.key").write_text(new + "\n")

    rotated = run("keys", "rotate", "--new-key-file", str(tmp_path / "new.key"))

    assert rotated.exit_code == 0, rotated.output
    assert "Rewrapped" in rotated.output
    under_new = run("history", reference, master=new)
    assert under_new.exit_code == 0, under_new.output
    assert "Ann Smith" in under_new.output
    under_old = run("history", reference)
    assert under_old.exit_code == 1
    assert "master key does not open the data keys" in under_old.output


def test_erase_from_the_command_line_records_the_erasure_and_the_register(
    back_office: BackOffice, run: Callable[..., Result], tmp_path: Path
):
    reference = cases.receive(back_office)

    erased = run("erase", reference, "--ground", "erasure-request", "--actor", "m.reid", "--yes")

    assert erased.exit_code == 0, erased.output
    shown = run("history", reference)
    assert "Ann Smith" not in shown.output
    assert "Erased on" in shown.output
    assert '"subject": "p-1"' in (tmp_path / "erasures.jsonl").read_text()
    reapplied = run("erasures", "reapply")
    assert reapplied.exit_code == 0, reapplied.output
    assert "lists 1 erased people" in reapplied.output


def test_erase_named_from_the_command_line_erases_only_that_person_named_in_the_cases_records(
    back_office: BackOffice, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
):
    reference = cases.panel_scheduled(back_office)

    both = run("erase", reference, "--person", "p-1", "--named", "Moat Homes", "--ground", "erasure-request",
               "--actor", "m.reid", "--yes")
    unknown = run("erase", reference, "--named", "Mr Nobody", "--ground", "erasure-request", "--actor", "m.reid",
                  "--yes")
    erased = run("erase", reference, "--named", "  dr jane HOLT", "--ground", "erasure-request", "--actor", "m.reid",
                 "--yes")

    assert both.exit_code == 2
    assert "Give --person or --named, not both." in both.output
    assert unknown.exit_code == 1
    assert f"No one by that name is named in {reference}'s records." in unknown.output
    assert erased.exit_code == 0, erased.output
    monkeypatch.setattr(keys_module, "CHECKED_EVERY", 0.0)
    back_office.keys.refresh()  # this process read the case before: it sees the erasure at its next look
    review = back_office.cases.get_case(reference).review
    assert review is not None
    assert review.chair.startswith("Erased on ")  # the command line's own date
    assert tuple(review.panel_members) == ("Kent Police", "Moat Homes")
    assert back_office.cases.get_case(reference).application.applicant.person.name == "Ann Smith"
    reapplied = run("erasures", "reapply")
    assert "lists 0 erased people, 3 keys of people named in case records;" in reapplied.output


def test_the_master_key_comes_from_the_variable_or_its_file_and_a_bad_one_names_the_variable(tmp_path: Path):
    key = new_master_key()
    (tmp_path / "k").write_text(key)

    assert master_key_from_environment({MASTER_KEY: key}) == master_key_from_environment(
        {MASTER_KEY_FILE: str(tmp_path / "k")})
    assert master_key_from_environment({}) is None
    with pytest.raises(MasterKeyError, match=MASTER_KEY):
        master_key_from_environment({MASTER_KEY: "too short"})


def test_production_without_a_master_key_refuses_to_start_naming_the_variable(tmp_path: Path):
    with pytest.raises(MasterKeyError, match="set COMMUNITY_TRIGGER_MASTER_KEY"):
        require_master_key({"COMMUNITY_TRIGGER_ENV": "production"}, tmp_path)
    assert not (tmp_path / "master.key").exists()


def test_outside_production_a_development_key_file_is_made_once_under_the_data_folder(tmp_path: Path):
    first = require_master_key({}, tmp_path)

    assert (tmp_path / "master.key").exists()
    assert require_master_key({}, tmp_path) == first
