"""A keyed blind index: searchable words stored as keyed hashes, never as text.

The read side must hold no personal data in plain text, yet an officer must find a case by a person's
name or postcode. Each searchable word (``domain.search_terms``) is stored as HMAC-SHA256 under a data key
of its own (the subject ``@blind-index`` in infrastructure/keys.py, wrapped by the master key like every data
key, so the database never holds it in the clear): a dump of the search table reveals nothing that can be read
or looked up without the key, and searching hashes the typed words the same way.
"""

from __future__ import annotations

import hashlib
import hmac


class BlindIndex:
    def __init__(self, key: bytes) -> None:
        if len(key) < 32:
            raise ValueError("The search index key must be at least 32 bytes.")
        self._key = key

    def token(self, word: str) -> str:
        return hmac.new(self._key, word.encode(), hashlib.sha256).hexdigest()[:32]

    def tokens(self, words: set[str] | list[str]) -> list[str]:
        return sorted({self.token(word) for word in words})

