"""The whole-event cipher: every event and snapshot is stored AES-GCM encrypted (the library's mapper calls it),
so a dump of the event tables reveals nothing, not even which values are personal.

Events stored before it was turned on are plain JSON; they are read as they are (their bytes are never
rewritten, so the audit chain, which hashes the stored bytes, stays intact). Encrypted records start with a
marker byte that JSON never starts with, so the two are told apart without trying to decrypt.
"""

from __future__ import annotations

import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from eventsourcing.persistence import Cipher

MARKER = b"\x00ct1"  # format 1: marker, 12-byte nonce, AES-GCM ciphertext and tag
NONCE = 12


class EventCipher(Cipher):
    """AES-256-GCM over the whole stored state, under the key kept as the ``@events`` data key."""

    def __init__(self, key: bytes) -> None:  # built by the application, not from the library's environment
        self.aead = AESGCM(key)

    def encrypt(self, plaintext: bytes) -> bytes:
        nonce = os.urandom(NONCE)
        return MARKER + nonce + self.aead.encrypt(nonce, plaintext, MARKER)

    def decrypt(self, ciphertext: bytes) -> bytes:
        data = bytes(ciphertext)
        if not data.startswith(MARKER):
            return data  # stored before the cipher was turned on
        body = data[len(MARKER):]
        return self.aead.decrypt(body[:NONCE], body[NONCE:], MARKER)
