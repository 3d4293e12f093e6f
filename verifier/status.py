"""The closed vocabularies verifier reports in: exit statuses, link statuses, quote statuses."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class ExitStatus(IntEnum):
    """Process exit codes; the README's table is generated from the docstrings here."""

    OK = 0  # run completed; nothing is failing that was not already failing before
    NEWLY_FAILING = 1  # run completed; a quote or link is newly failing (first run: any failing)
    USAGE = 2  # usage or input error (bad path, bad config, unusable database)
    LOCKED = 3  # another run holds the database lock
    STORAGE = 74  # evidence could not be written (a full or read-only disk); run interrupted
    INTERNAL = 70  # a bug in verifier (sysexits EX_SOFTWARE); run with --traceback and report it
    INTERRUPTED = 130  # stopped by Ctrl-C or SIGTERM; the run is recorded as interrupted


class LinkStatus(StrEnum):
    """What fetching a cited URL showed, one per URL per run."""

    OK = "ok"
    REDIRECTED = "redirected"
    DEAD = "dead"
    SOFT_404 = "soft_404"
    BLOCKED = "blocked"
    ERROR = "error"
    INVALID = "invalid"
    SKIPPED = "skipped"

    @property
    def readable(self) -> bool:
        """Whether the live page was read (so its text can be matched)."""
        return self in (LinkStatus.OK, LinkStatus.REDIRECTED)

    @property
    def failing(self) -> bool:
        """Whether an editor should look at this link."""
        return self in (LinkStatus.DEAD, LinkStatus.SOFT_404, LinkStatus.BLOCKED,
                        LinkStatus.ERROR, LinkStatus.INVALID)


class QuoteStatus(StrEnum):
    """The verdict on one quote against its cited source(s)."""

    VERIFIED = "verified"
    VERIFIED_ARCHIVE = "verified_archive"
    PARTIAL = "partial"
    CROSS_LANGUAGE = "cross_language"
    NOT_FOUND = "not_found"
    SOURCE_UNAVAILABLE = "source_unavailable"
    UNSOURCED = "unsourced"

    @property
    def rank(self) -> int:
        """Higher is better; a quote citing several URLs keeps its best verdict."""
        return _QUOTE_RANK[self]

    @property
    def failing(self) -> bool:
        """Whether the quote could not be confirmed from a source it cites."""
        return self in (QuoteStatus.PARTIAL, QuoteStatus.NOT_FOUND,
                        QuoteStatus.SOURCE_UNAVAILABLE)


_QUOTE_RANK = {
    QuoteStatus.VERIFIED: 6,
    QuoteStatus.VERIFIED_ARCHIVE: 5,
    QuoteStatus.PARTIAL: 4,
    QuoteStatus.CROSS_LANGUAGE: 3,
    QuoteStatus.NOT_FOUND: 2,
    QuoteStatus.SOURCE_UNAVAILABLE: 1,
    QuoteStatus.UNSOURCED: 0,
}
