"""Errors of the application layer, each with a message a person can act on."""


class BackOfficeError(Exception):
    """Base class for errors the BackOffice raises besides domain rule errors."""


class CaseNotFoundError(BackOfficeError):
    def __init__(self, reference: str) -> None:
        super().__init__(
            f"No case has the reference {reference!r}. References look like CT-2025-0007; "
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


class StorageError(BackOfficeError):
    """The database cannot be reached or used; the message is one line that says why."""


class ProfileError(BackOfficeError):
    """The partnership profile file is missing or invalid; the message names file and key."""


class DatabaseUnavailableError(Exception):
    """The database did not answer in time: it is down, restarting or overloaded. Nothing was refused and
    nothing was saved by the request that met it; trying again later works. (Not a ``BackOfficeError``: it
    is no refusal to show on a form, but a reason to answer "try again later".)"""

    def __init__(self, message: str = "") -> None:
        super().__init__(message or "The database is not answering at the moment (it may be restarting). "
                                    "Nothing was saved; try again in a few seconds.")
