"""The master key, read from the environment in one place.

``COMMUNITY_TRIGGER_MASTER_KEY`` (urlsafe base64 of 32 bytes) or ``COMMUNITY_TRIGGER_MASTER_KEY_FILE`` (a file
holding it). Minimal version written by the deployment work so the settings object can require the key in
production; the personal-data work owns this module and its full behaviour (same name, same contract).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from pathlib import Path

KEY_VARIABLE = "COMMUNITY_TRIGGER_MASTER_KEY"
FILE_VARIABLE = "COMMUNITY_TRIGGER_MASTER_KEY_FILE"
KEY_BYTES = 32


def master_key_from_environment(environ: Mapping[str, str]) -> bytes | None:
    """The 32-byte master key, or None when neither variable is set; a key that cannot be read or is not 32
    bytes raises ValueError naming the variable."""
    if path := environ.get(FILE_VARIABLE, "").strip():
        try:
            text = Path(path).read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError) as error:
            raise ValueError(f"{FILE_VARIABLE} names {path}, which cannot be read ({error}).") from None
        return _decoded(text, FILE_VARIABLE)
    if text := environ.get(KEY_VARIABLE, "").strip():
        return _decoded(text, KEY_VARIABLE)
    return None


def _decoded(text: str, variable: str) -> bytes:
    try:
        key = base64.urlsafe_b64decode(text.encode("ascii"))
    except (binascii.Error, UnicodeEncodeError):
        key = b""
    if len(key) != KEY_BYTES:
        raise ValueError(f"{variable} must hold {KEY_BYTES} random bytes in urlsafe base64 (44 characters).")
    return key
