"""Deterministic ids: one application and at most one case review per case reference."""

from uuid import NAMESPACE_URL, UUID, uuid5


def application_id(reference: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"/community-trigger/applications/{reference.upper()}")


def case_review_id(reference: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"/community-trigger/case-reviews/{reference.upper()}")


def reference_book_id(prefix: str, year: int) -> UUID:
    return uuid5(NAMESPACE_URL, f"/community-trigger/references/{prefix.upper()}/{year}")


def case_file_id(reference: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"/community-trigger/case-files/{reference.upper()}")


def email_id(key: str) -> UUID:
    """One email per key (e.g. a reminder of one deadline): queueing it twice is refused by the store."""
    return uuid5(NAMESPACE_URL, f"/community-trigger/emails/{key}")


def record_keeping_id() -> UUID:
    """One RecordKeeping aggregate per installation."""
    return uuid5(NAMESPACE_URL, "/community-trigger/record-keeping")
