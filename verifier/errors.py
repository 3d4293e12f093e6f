"""One exception family; each subclass says whether retrying could help."""

from __future__ import annotations

from .status import ExitStatus


class VerifierError(Exception):
    """Base of every error verifier raises on purpose."""

    retryable = False
    exit_status = ExitStatus.USAGE


class InputError(VerifierError):
    """A document, path or URL given by the user cannot be used."""


class ConfigError(VerifierError):
    """A setting is unknown or has a value of the wrong kind."""


class DatabaseError(VerifierError):
    """The database file is not ours, is corrupt, or comes from a newer verifier."""


class LockedError(VerifierError):
    """Another live run holds the database lock."""

    exit_status = ExitStatus.LOCKED


class StorageError(VerifierError):
    """Evidence could not be written (a full or read-only disk): the run stops, recorded as
    interrupted, and the next run does what it left."""

    exit_status = ExitStatus.STORAGE


class ReportError(VerifierError):
    """The report could not be written (the database keeps everything regardless)."""


class FetchError(VerifierError):
    """One attempt to fetch a URL failed."""

    def __init__(self, message: str, *, outcome: str = "error") -> None:
        super().__init__(message)
        self.outcome = outcome


class RetryableFetchError(FetchError):
    """A failure another attempt may cure: connection trouble, timeouts, 429, 5xx."""

    retryable = True

    def __init__(self, message: str, *, outcome: str = "error",
                 retry_after: float | None = None, status: int | None = None) -> None:
        super().__init__(message, outcome=outcome)
        self.retry_after = retry_after
        self.status = status


class ArchiveError(VerifierError):
    """The Internet Archive could not be asked, or refused; recorded, never fatal."""


class ArchiveRateLimited(ArchiveError):
    """The Internet Archive answered 429: every call pauses (circuit breaker)."""

    retryable = True


class ArchiveBudgetSpent(ArchiveRateLimited):
    """The run's Internet Archive time budget is spent: what is left is queued for the next run."""


class SavesPaused(ArchiveRateLimited):
    """Save Page Now refused our client (its session limit, a blocked address): saves wait,
    lookups go on."""


class ArchiveUnavailable(ArchiveError):
    """The Internet Archive did not answer the question (overloaded 5xx, timeout): not a
    'no capture'; the lookup is queued so the next run asks first."""

    retryable = True


class ArchiveTimeout(ArchiveUnavailable):
    """An Internet Archive call took longer than its timeout; a save may still have been made."""

    retryable = True
