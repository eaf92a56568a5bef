"""How passwords are hashed: argon2id (argon2-cffi). The back office is given its hasher when it is built
(``BackOffice(..., password_hasher=...)``); the product always builds it with ``production_hasher()``, and
only the tests pass cheaper parameters (tests/conftest.py), so that a test is not slowed by work that
protects stored hashes."""

from __future__ import annotations

from argon2 import PasswordHasher, profiles

PRODUCTION_PARAMETERS = profiles.RFC_9106_LOW_MEMORY  # argon2id, 3 passes over 64 MiB in 4 lanes


def production_hasher() -> PasswordHasher:
    """The hasher the product uses: RFC 9106's second recommended parameters (argon2-cffi's default)."""
    return PasswordHasher.from_parameters(PRODUCTION_PARAMETERS)
