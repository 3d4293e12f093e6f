"""Quote matching and verdicts: does the cited source say what the document says it said?

`match_quote` compares one quote with one page's text; `judge` gives the verdict of a quote
against one cited URL, live copy first and Wayback snapshots only when the live copy does not
verify it; `best_verdict` keeps the best of a quote's several sources.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from .errors import VerifierError
from .match.bare import bare_span
from .match.closest import Passage, closest_passage, passage_at
from .match.editorial import QUOTE_MARKS, QuotePattern, negation_attached, parse_quote
from .match.normalize import dominant_script
from .match.passages import (
    ExactSpan,
    PreparedPage,
    find_exact,
    partial_floor,
    prepare,
)
from .models import Fetch, Match, PageText, Snapshot, Verdict, names_a_capture
from .pagetext import detect_language, language_script, page_text
from .status import QuoteStatus

EVIDENCE_CONTEXT = 160  # characters of page text shown on each side of the passage
_WHITESPACE = re.compile(r"\s+")
TRANSLATION_MAX_SHARED = 0.5  # a translation shares fewer of its words with the source page

_LANGUAGE_NAMES = {
    "ar": "Arabic", "de": "German", "en": "English", "es": "Spanish", "fa": "Persian",
    "fr": "French", "he": "Hebrew", "it": "Italian", "nl": "Dutch", "pt": "Portuguese",
    "ru": "Russian", "tr": "Turkish", "ur": "Urdu", "zh": "Chinese",
}


def match_quote(quote: str, page: PageText, *, partial_threshold: float = 0.80) -> Match:
    """How well the quote occurs in the page: VERIFIED, PARTIAL or NOT_FOUND, with evidence."""
    return _match(parse_quote(quote), prepare(page), partial_threshold)


def holds_word_for_word(quote: str, page: PageText) -> bool:
    """Whether match_quote would find the quote VERIFIED on the page, without the search for
    the closest passage that a miss costs it."""
    pattern = parse_quote(quote)
    if not pattern.segments:
        return False
    span, view = _exact(pattern, prepare(page))
    return span is not None and _word_for_word(pattern, view, span)


def _exact(pattern: QuotePattern, page: PreparedPage) -> tuple[ExactSpan | None, PreparedPage]:
    """The quote's word-for-word span, and the view of the page it was found in."""
    span, view = find_exact(pattern, page), page
    speech = page.speech_only() if span is None else None
    if speech is not None:  # the page may interrupt the quotation with a reporter's words
        span = find_exact(pattern, speech)
        view = speech if span is not None else page
    return span, view


def _word_for_word(pattern: QuotePattern, view: PreparedPage, span: ExactSpan) -> bool:
    """Whether the quote's word-for-word span says what the source says: no negation hidden
    in an ellipsis, none following the quote's closing full stop."""
    return not span.hides_negation and not _negation_follows(pattern, view, span.last)


def _match(pattern: QuotePattern, page: PreparedPage, partial_threshold: float) -> Match:
    if not pattern.segments:
        return Match(QuoteStatus.NOT_FOUND, 0.0)
    span, view = _exact(pattern, page)
    if span is not None and _word_for_word(pattern, view, span):
        start, end = view.tokens.span(span.first, span.last)
        return Match(QuoteStatus.VERIFIED, 1.0, start, end)
    floor = partial_floor(len(pattern), partial_threshold)
    if span is None:
        passage, view = _closest(pattern, page, floor)
    else:  # the passage takes in the negation the quote's words stop before
        negated = _negation_follows(pattern, view, span.last)
        passage = passage_at(pattern, view, span.first, span.last + negated)
    if passage is None:
        return Match(QuoteStatus.NOT_FOUND, 0.0)
    start, end = view.tokens.span(passage.first, passage.last)
    close = passage.score >= floor
    return Match(QuoteStatus.PARTIAL if close else QuoteStatus.NOT_FOUND,
                 round(passage.score, 4), start, end, passage.diff)


def _closest(pattern: QuotePattern, page: PreparedPage, floor: float
             ) -> tuple[Passage | None, PreparedPage]:
    """The closest passage, and the view of the page it is in: when the page's own passage is
    not close enough and holds words that interrupt a quotation, the page without them is
    looked at too (a quotation broken off by another speaker and taken up again with a word of
    its own: "Sorry. Until three"); then, unless both are written without marks, the page and
    quote without the marks on their letters, which makes a quote partial at the floor's score
    at least."""
    passage, view = closest_passage(pattern, page), page
    if passage is not None and passage.score < floor:
        speech = page.speech_only()
        reach = len(pattern)  # the quote's other words may lie beyond the passage found
        if speech is not None and _interrupted(page, speech, max(0, passage.first - reach),
                                               min(len(page.tokens), passage.last + reach)):
            found = closest_passage(pattern, speech)
            if found is not None and found.score > passage.score:
                passage, view = found, speech
    if (passage is None or passage.score < floor) and \
            not (page.skeleton.isascii() and all(map(str.isascii, pattern.words))):
        span = bare_span(pattern, page)
        if span is not None:  # the same letters, their marks left off: close (see bare.py)
            marked = passage_at(pattern, page, span.first, span.last)
            return replace(marked, score=max(marked.score, floor)), page
    return passage, view


def _interrupted(page: PreparedPage, speech: PreparedPage, first: int, last: int) -> bool:
    """Whether the page's words [first, last) hold words the speech view leaves out: only
    there may it hold a closer passage."""
    start, end = page.tokens.span(first, last)
    kept = bisect.bisect_right(speech.tokens.starts, end) - \
        bisect.bisect_left(speech.tokens.starts, start)
    return kept < last - first


# English negates after an auxiliary or a modal ("did not", "will not", "be no"): a quote
# stopping on one, right before the source's negation, stops on the word the negation turns.
_AUXILIARIES = frozenset({
    "am", "is", "are", "was", "were", "be", "been", "do", "does", "did", "have", "has", "had",
    "will", "would", "shall", "should", "can", "could", "may", "might", "must"})


def _negation_follows(pattern: QuotePattern, page: PreparedPage, end: int) -> bool:
    """Whether the quote closes its sentence (".", "!", "?"), or stops mid-sentence on an
    auxiliary, where the page's sentence goes on with a negation of its last words, nothing but
    spacing between: "It is." for "It is not.", "It did" for "It did not" say the opposite of
    the source, however exactly their words match ("not only", "not least" excepted, see
    editorial.negation_attached)."""
    if pattern.text.rstrip().rstrip(QUOTE_MARKS).rstrip()[-1:] not in ".!?" and \
            pattern.segments[-1].words[-1] not in _AUXILIARIES:
        return False
    tokens = page.tokens
    if end >= len(tokens) or page.text[tokens.ends[end - 1]:tokens.starts[end]].strip():
        return False
    return negation_attached(tokens.words[end:end + 2], True, False)


@dataclass
class _Check:
    """One copy of a source checked for a quote."""

    status: QuoteStatus
    match: Match
    fetch: Fetch
    page: PageText
    against: str  # "live" or "snapshot"
    snapshot: Snapshot | None = None
    quote_language: str | None = None
    page_language: str | None = None


def judge(quote: str, live: Fetch | None,
          archived: Callable[[], list[tuple[Snapshot, Fetch]]], *,
          partial_threshold: float = 0.80, now: datetime | None = None,
          archive_asked: bool = True) -> Verdict:
    """The verdict of one quote against one cited URL.

    The live copy is checked first; `archived()` (Wayback copies, closest to the citation
    date first) is called only when the live copy does not verify the quote.
    `archive_asked=False`: the run does not consult the Wayback Machine (--no-wayback), and a
    verdict without any readable copy says so rather than that no snapshot exists.
    """
    checked_at = now or datetime.now(UTC)
    pattern = parse_quote(quote)
    url = live.url if live is not None else None
    checks: list[_Check] = []
    live_page = _readable_page(live)
    if live is not None and live_page is not None:
        check = _check(pattern, live, live_page, "live", None, partial_threshold)
        if check.status is QuoteStatus.VERIFIED:
            verdict = _verdict(check, url, checked_at, "Found word for word on the live page.")
            verdict.live_had_quote = True
            return verdict
        checks.append(check)

    copies, archive_problem = _archived_copies(archived)
    readable_snapshots = 0
    for snapshot, fetch in copies:
        page = _readable_page(fetch)
        if page is None:
            continue
        readable_snapshots += 1
        check = _check(pattern, fetch, page, "snapshot", snapshot, partial_threshold)
        if check.status is QuoteStatus.VERIFIED:
            verdict = _verdict(check, url or snapshot.url, checked_at, "")
            verdict.status = QuoteStatus.VERIFIED_ARCHIVE
            verdict.live_had_quote = False if live is not None else None
            verdict.note = (f"{_sentence(_live_summary(live, checks))}; found word for word in "
                            f"the Wayback Machine snapshot of {_day(snapshot)}.")
            return verdict
        checks.append(check)

    if not checks:
        return Verdict(
            url=url or (copies[0][0].url if copies else None),
            status=QuoteStatus.SOURCE_UNAVAILABLE, checked_at=checked_at,
            note=(f"No readable copy: {_live_summary(live, checks)}, and "
                  f"{_archive_summary(len(copies), archive_problem, archive_asked)}."))
    best = max(checks, key=lambda c: (c.status.rank, c.match.score, c.against == "live"))
    snapshots_note = ""
    if readable_snapshots:
        snapshots_note = (f" {readable_snapshots} Wayback snapshot"
                          f"{'s' if readable_snapshots > 1 else ''} checked as well.")
    verdict = _verdict(best, url or (best.snapshot.url if best.snapshot else None), checked_at,
                       _miss_note(best) + snapshots_note)
    verdict.live_had_quote = False if live_page is not None else None
    return verdict


def judge_cited_snapshot(quote: str, copy: tuple[Snapshot, Fetch] | None,
                         problem: str | None, *, partial_threshold: float = 0.80,
                         now: datetime | None = None) -> Verdict:
    """The verdict of one quote whose citation is a Wayback capture: that capture is the
    source cited, so a match is `verified_archive` against it, and there is no live page to
    prefer or to blame. `problem` says why there is no copy."""
    checked_at = now or datetime.now(UTC)
    page = _readable_page(copy[1]) if copy is not None else None
    if copy is None or page is None:
        why = problem or "its capture has no text that can be read"
        return Verdict(url=None, status=QuoteStatus.SOURCE_UNAVAILABLE, checked_at=checked_at,
                       note=f"No readable copy of the cited Wayback Machine snapshot: {why}.")
    snapshot, fetch = copy
    check = _check(parse_quote(quote), fetch, page, "snapshot", snapshot, partial_threshold)
    if check.status is not QuoteStatus.VERIFIED:
        return _verdict(check, None, checked_at, _miss_note(check))
    verdict = _verdict(check, None, checked_at, "Found word for word in the cited Wayback "
                       f"Machine snapshot of {_day(snapshot)}.")
    verdict.status = QuoteStatus.VERIFIED_ARCHIVE
    return verdict


def _check(pattern: QuotePattern, fetch: Fetch, page: PageText, against: str,
           snapshot: Snapshot | None, partial_threshold: float) -> _Check:
    prepared = prepare(page)
    match = _match(pattern, prepared, partial_threshold)
    check = _Check(match.status, match, fetch, page, against, snapshot)
    if match.status is QuoteStatus.NOT_FOUND:
        differ, check.quote_language, check.page_language = _languages_differ(pattern, page,
                                                                             prepared)
        if differ:
            check.status = QuoteStatus.CROSS_LANGUAGE
    return check


def _languages_differ(pattern: QuotePattern, page: PageText,
                      prepared: PreparedPage) -> tuple[bool, str | None, str | None]:
    """Whether the quote is likely a translation of the page: another script, or another
    language sharing few words with the page (an invented quote shares its common words).
    The language a web page is written in decides, not the one its template declares (a
    Spanish ministry's page saying lang="en"): the declaration is the page's language only
    when its text does not say otherwise."""
    quote_script = dominant_script(pattern.text)
    page_script = language_script(page.language) or dominant_script(page.text)
    quote_language = detect_language(pattern.text)
    page_language = page.language
    if page.kind == "html" and page_language and page_script == quote_script:
        page_language = detect_language(page.text) or page_language
    if quote_script and page_script and quote_script != page_script:
        return True, quote_language, page_language
    if not (quote_language and page_language) or quote_language == page_language:
        return False, quote_language, page_language
    words = set(pattern.words)
    index = prepared.index()
    shared = sum(1 for w in words if w in index) / len(words) if words else 1.0
    if shared < TRANSLATION_MAX_SHARED:
        return True, quote_language, page_language
    # The shared words may come from a passage of the page in the quote's language (an English
    # summary of a French release): the page is still in its own language, the quote a
    # translation of it that the summary, paraphrasing, does not hold.
    return _language_of_lines_holding(words, prepared) == quote_language, quote_language, \
        page_language


SHARED_WORD_MAX_OCCURRENCES = 20  # a word more common than this on the page says little


def _language_of_lines_holding(words: set[str], page: PreparedPage) -> str | None:
    """The language of the line (a paragraph, in a web page) holding most of the words."""
    index, text, starts = page.index(), page.text, page.tokens.starts
    hits: dict[int, int] = {}  # a line's first character: how many of the words it holds
    for word in words:
        positions = index.get(word, [])
        if len(positions) > SHARED_WORD_MAX_OCCURRENCES:
            continue
        for at in positions:
            line = text.rfind("\n", 0, starts[at]) + 1
            hits[line] = hits.get(line, 0) + 1
    if not hits:
        return None
    line = max(hits, key=hits.__getitem__)
    end = text.find("\n", line)
    return detect_language(text[line:end if end != -1 else None])


def _readable_page(fetch: Fetch | None) -> PageText | None:
    """The text of a fetched copy that was read, extracting it if the caller did not."""
    if fetch is None or not fetch.link_status.readable:
        return None
    if fetch.page is None and fetch.body is not None:
        fetch.page = page_text(fetch.body, fetch.content_type)
    return fetch.page


def _archived_copies(archived: Callable[[], list[tuple[Snapshot, Fetch]]]
                     ) -> tuple[list[tuple[Snapshot, Fetch]], str | None]:
    try:
        return list(archived()), None
    except VerifierError as exc:  # the archive being unreachable is recorded, never fatal
        return [], str(exc)


def _verdict(check: _Check, url: str | None, checked_at: datetime, note: str) -> Verdict:
    match = check.match
    evidence, highlight, offset = "", None, None
    if match.start is not None and match.end is not None:
        evidence, highlight, offset = evidence_passage(check.page.text, match.start, match.end)
    return Verdict(
        url=url, status=check.status, score=match.score, evidence=evidence,
        highlight=highlight, evidence_offset=offset,
        diff=list(match.diff) if check.status is QuoteStatus.PARTIAL else [],
        against=check.against, sha256=check.fetch.sha256, snapshot=check.snapshot,
        note=note, checked_at=checked_at)


def evidence_passage(text: str, start: int, end: int,
                     context: int = EVIDENCE_CONTEXT) -> tuple[str, tuple[int, int], int]:
    """(passage with context, span of the match inside it, offset of the passage in text).

    The context is cut at spaces or line breaks, so the evidence never starts or ends inside
    a word, whatever the script; text without spaces (Chinese) is cut where it must be."""
    lo = max(0, start - context)
    if lo > 0:
        space = _WHITESPACE.search(text, lo, start)
        lo = space.end() if space else lo
    hi = min(len(text), end + context)
    if hi < len(text):
        spaces = [m.start() for m in _WHITESPACE.finditer(text, end, hi)]
        hi = spaces[-1] if spaces else hi
    return text[lo:hi], (start - lo, end - lo), lo


def _copy_name(check: _Check) -> str:
    if check.snapshot is not None:
        return f"the Wayback Machine snapshot of {_day(check.snapshot)}"
    return "the live page"


def _miss_note(check: _Check) -> str:
    where, score = _copy_name(check), check.match.score
    if check.status is QuoteStatus.PARTIAL:
        removed = sum(len(d.text.split()) for d in check.match.diff if d.op == "removed")
        added = sum(len(d.text.split()) for d in check.match.diff if d.op == "added")
        return (f"The closest passage on {where} differs from the quote (similarity {score:.2f}): "
                f"{_words(removed)} of the quote not in the source, {_words(added)} of the source "
                f"not in the quote.")
    if check.status is QuoteStatus.CROSS_LANGUAGE:
        return (f"Not found word for word on {where}; the source is in "
                f"{_language_name(check.page_language)} and the quote in "
                f"{_language_name(check.quote_language)}: probably a translation, for a reader "
                f"of both languages to check.")
    if score > 0:
        return f"Not found on {where}; the closest passage has similarity {score:.2f} only."
    return f"Not found on {where}: none of the quote's words are there."


def _live_summary(live: Fetch | None, checks: list[_Check]) -> str:
    if live is None:
        return "the live page was not fetched"
    for check in checks:
        if check.against == "live":
            return (f"the live page no longer has the quote (its closest passage has similarity "
                    f"{check.match.score:.2f})")
    if live.link_status.readable:
        return "the live page has no text that can be read"
    reason = f": {live.reason}" if live.reason else ""
    return f"the live page is {live.link_status.value}{reason}"


def _archive_summary(copies: int, problem: str | None, asked: bool) -> str:
    if not asked:
        return "the Wayback Machine was not asked (--no-wayback)"
    if problem:
        return f"the Wayback Machine could not be asked ({problem})"
    if copies:
        return f"none of the {copies} Wayback snapshots could be read"
    return "the Wayback Machine has no snapshot"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _day(snapshot: Snapshot) -> str:
    return snapshot.captured_at.strftime("%Y-%m-%d")


def _words(count: int) -> str:
    return f"{count} word{'s' if count != 1 else ''}"


def _language_name(code: str | None) -> str:
    if not code:
        return "another language"
    return f"{_LANGUAGE_NAMES.get(code, code)} ({code})"


def best_verdict(verdicts: list[Verdict]) -> Verdict:
    """The best of a quote's verdicts against its several sources (by status, then score).
    On a tie a cited Wayback capture wins over the page it is a copy of: an original cited
    with its 'archived' copy, both judged against that copy, rests on the copy the document
    offers as its proof, not on an address that no longer shows it."""
    if not verdicts:
        raise ValueError("best_verdict needs at least one verdict")
    return max(verdicts, key=lambda v: (v.status.rank, v.score, names_a_capture(v.url)))


def unsourced_verdict(named_source: str | None, *, now: datetime | None = None) -> Verdict:
    """The verdict of a quote that cites no URL (a named source, if any, is kept in the note)."""
    note = "No URL is cited for this quote"
    note += f"; it is attributed to {named_source}." if named_source else "."
    return Verdict(url=None, status=QuoteStatus.UNSOURCED, note=note,
                   checked_at=now or datetime.now(UTC))
