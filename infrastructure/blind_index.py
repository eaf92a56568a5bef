"""A keyed blind index: searchable words stored as keyed hashes, never as text.

The read side must hold no personal data in plain text, yet an officer must find a case by a person's
name or postcode. Each searchable word (``domain.search_terms``) is stored as HMAC-SHA256 under a key the
database never holds (derived from the master key), so a dump of the search table reveals nothing that
can be read or looked up without the key, and searching hashes the typed words the same way.
"""

from __future__ import annotations

import hashlib
import hmac

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_PURPOSE = b"community-trigger search index v1"


class BlindIndex:
    def __init__(self, key: bytes) -> None:
        if len(key) < 32:
            raise ValueError("The search index key must be at least 32 bytes.")
        self._key = key

    @classmethod
    def from_master_key(cls, master_key: bytes) -> BlindIndex:
        """The index key derived from the master key (HKDF-SHA256), so rotating data keys does not change it."""
        return cls(HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_PURPOSE).derive(master_key))

    def token(self, word: str) -> str:
        return hmac.new(self._key, word.encode(), hashlib.sha256).hexdigest()[:32]

    def tokens(self, words: set[str] | list[str]) -> list[str]:
        return sorted({self.token(word) for word in words})


MASTER_KEY_VARIABLE = "COMMUNITY_TRIGGER_MASTER_KEY"
# Development and tests only: an installation in production is refused without a master key (the settings).
_DEVELOPMENT_KEY = b"community-trigger development search index key, never used in production"


def index_from_environment(env: dict[str, str] | None) -> BlindIndex:
    import base64
    import os

    encoded = (env or {}).get(MASTER_KEY_VARIABLE) or os.environ.get(MASTER_KEY_VARIABLE, "")
    if encoded:
        return BlindIndex.from_master_key(base64.urlsafe_b64decode(encoded))
    return BlindIndex.from_master_key(_DEVELOPMENT_KEY)
