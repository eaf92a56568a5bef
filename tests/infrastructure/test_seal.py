"""``seal``/``unseal`` make each key's AES-GCM object once: a value still opens only under the key it was sealed
with, whichever keys were used before, and the objects are dropped within the time an erasure takes to reach
the data keys."""

from __future__ import annotations

import time

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from infrastructure import keys
from infrastructure.keys import CHECKED_EVERY, seal, unseal


def test_a_value_opens_only_under_its_own_key_and_context_whichever_keys_were_used_before():
    first, second = AESGCM.generate_key(256), AESGCM.generate_key(256)
    sealed = seal(first, b"Ann Smith", b"Person:s-1")
    seal(second, b"other", b"Person:s-2")

    assert unseal(first, sealed, b"Person:s-1") == b"Ann Smith"
    with pytest.raises(InvalidTag):
        unseal(second, sealed, b"Person:s-1")
    with pytest.raises(InvalidTag):
        unseal(first, sealed, b"Person:s-2")


def test_the_aes_objects_are_dropped_once_an_erasure_would_have_reached_the_data_keys(monkeypatch: pytest.MonkeyPatch):
    old, new = AESGCM.generate_key(256), AESGCM.generate_key(256)
    seal(old, b"before", b"context")
    monkeypatch.setattr(keys._cipher, "since", time.monotonic() - CHECKED_EVERY - 1)  # as if made that long ago

    sealed = seal(new, b"after", b"context")

    assert old not in keys._cipher.made
    assert unseal(new, sealed, b"context") == b"after"
