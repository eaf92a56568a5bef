"""The audit key: read from a file or the environment, made once in the embedded server's data folder, never
overwritten, and refused when too short."""

import stat
from pathlib import Path

import pytest

from application.audit_key import AuditKeyError, load_audit_key, write_new_key


def test_the_key_file_named_in_the_environment_is_used(tmp_path: Path):
    key_file = tmp_path / "audit.key"
    key_file.write_text("a" * 64 + "\n")

    assert load_audit_key({"COMMUNITY_TRIGGER_AUDIT_KEY_FILE": str(key_file)}, None) == b"a" * 64


def test_the_key_itself_may_come_from_the_environment():
    assert load_audit_key({"COMMUNITY_TRIGGER_AUDIT_KEY": "b" * 40}, None) == b"b" * 40


def test_an_external_database_without_a_key_has_none():
    assert load_audit_key({}, None) is None


def test_the_embedded_database_gets_a_key_made_once_readable_by_its_owner_only(tmp_path: Path):
    first = load_audit_key({}, tmp_path)

    assert first is not None
    assert len(first) == 64
    assert load_audit_key({}, tmp_path) == first
    assert stat.S_IMODE((tmp_path / "audit.key").stat().st_mode) == 0o600


def test_a_short_key_is_refused_with_what_to_do(tmp_path: Path):
    with pytest.raises(AuditKeyError, match="too short: use at least 32 characters"):
        load_audit_key({"COMMUNITY_TRIGGER_AUDIT_KEY": "secret"}, None)


def test_a_missing_key_file_is_named(tmp_path: Path):
    with pytest.raises(AuditKeyError, match=r"Cannot read the audit key from .*missing\.key"):
        load_audit_key({"COMMUNITY_TRIGGER_AUDIT_KEY_FILE": str(tmp_path / "missing.key")}, None)


def test_a_key_is_never_overwritten(tmp_path: Path):
    key_file = tmp_path / "audit.key"
    write_new_key(key_file)
    kept = key_file.read_text()

    with pytest.raises(AuditKeyError, match="never overwritten"):
        write_new_key(key_file)
    assert key_file.read_text() == kept
