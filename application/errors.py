"""Errors of the application layer, each with a message a person can act on."""


class BackOfficeError(Exception):
    """Base class for errors the BackOffice raises besides domain rule errors."""


def reference_example(prefix: str) -> str:
    """What this installation's references look like, for messages: ``MW-2025-0007`` where the prefix is MW."""
    return f"{prefix}-2025-0007"


class CaseNotFoundError(BackOfficeError):
    def __init__(self, reference: str, prefix: str = "CT") -> None:
        super().__init__(
            f"No case has the reference {reference!r}. References look like {reference_example(prefix)}; "
            "check it and try again."
        )
        self.reference = reference


class ConflictError(BackOfficeError):
    """Someone else saved the same case between our load and our save."""

    def __init__(self, reference: str, message: str = "") -> None:
        super().__init__(
            message
            or f"Someone else changed case {reference} while you were working on it, so your "
            "change was not saved. Reload the case to see what changed, then try again."
        )
        self.reference = reference


class ProfileError(BackOfficeError):
    """The partnership profile file is missing or invalid; the message names file and key."""
