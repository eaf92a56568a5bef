"""Errors of the storage underneath the use cases, each with a message a person can act on."""


class StorageError(Exception):
    """The database cannot be reached or used; the message is one line that says why."""


class DatabaseUnavailableError(Exception):
    """The database did not answer in time: it is down, restarting or overloaded. Nothing was refused and
    nothing was saved by the request that met it; trying again later works. (No refusal to show on a form,
    but a reason to answer "try again later".)"""

    def __init__(self, message: str = "") -> None:
        super().__init__(message or "The database is not answering at the moment (it may be restarting). "
                                    "Nothing was saved; try again in a few seconds.")
