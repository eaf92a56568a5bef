"""``DataKeys.read_ahead``: a case's aggregates' keys, and their families', read in one query before their events
are decoded. It holds what a read one by one would hold. A subject found without a key is taken as unshredded for a
while (the mapper asks of every event), but a key made since in another process is found when a value sealed
under it needs it (``key_for_reading(…, sealed=True)``)."""

from __future__ import annotations

import os

from application.backoffice import BackOffice
from infrastructure.keys import DataKeys, master_key_from_environment


def other_process(back_office: BackOffice) -> DataKeys:
    keys = DataKeys(master_key_from_environment(os.environ) or b"", back_office.keys.schema)
    keys.attach(back_office.recorder.datastore.pool.connection, create=False)
    return keys


def test_keys_read_ahead_are_the_keys_read_one_by_one(back_office: BackOffice) -> None:
    writer = back_office.keys
    made = {subject: writer.key_for_writing(subject) for subject in ("@case:a1", "@case:a1:ann", "@case:b2")}
    writer.shred(["@case:b2"], on=back_office.today())
    reader = other_process(back_office)

    reader.read_ahead(["@case:a1", "@case:b2", "@case:c3"])

    assert {s: reader.key_for_reading(s) for s in made} == {**made, "@case:b2": None}
    assert reader.shredded_on("@case:b2") == back_office.today()


def test_a_subject_without_a_key_when_read_ahead_finds_the_key_made_since(back_office: BackOffice) -> None:
    reader = other_process(back_office)
    reader.read_ahead(["@case:d4"])

    made = back_office.keys.key_for_writing("@case:d4")

    assert made is not None
    assert reader.key_for_reading("@case:d4", sealed=True) == made  # as a value sealed under it asks


def test_a_subject_found_without_a_key_finds_the_key_another_process_made_for_a_value(back_office: BackOffice) -> None:
    reader = other_process(back_office)
    assert reader.shredded_on("@case:e5") is None  # no key yet: noted, for shredded_on

    made = back_office.keys.key_for_writing("@case:e5")  # another process seals the aggregate's first text

    assert reader.shredded_on("@case:e5") is None
    assert reader.key_for_reading("@case:e5", sealed=True) == made
