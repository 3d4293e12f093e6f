"""Every source a document cites: URLs (inline, in markup, in footnote bodies) and outlets it
names without a URL.

A URL that cannot be fetched (unparseable, a bad host, or not http/https) is still returned
as a Citation, with `normalized_url` None, so the pipeline can report it as `invalid` rather
than silently dropping it. Links in markup to fragments, mailto:, javascript: and similar
are not citations and are never returned.
"""

from __future__ import annotations

import bisect
import re
from datetime import date

from .models import Citation, Document, Link
from .text.docdates import find_dates
from .text.namedrefs import SourceListLinks, host_names
from .text.namedsources import (
    NamedSource,
    find_named_sources,
    in_sentence_with,
    parse_source_list,
)
from .text.notebackrefs import inherited_urls
from .text.tablerows import cell_sources
from .text.textspans import SpanIndex
from .text.urls import (
    find_bare_host_urls,
    find_dois,
    find_urls,
    normalize_url,
    unwrap_redirector,
)

__all__ = ["extract_citations", "normalize_url"]

# A mailing's or page's own housekeeping links ('Unsubscribe', 'View in browser', 'Subscribe',
# 'Share on WhatsApp', 'Send us a tip') are not sources: Markdown and plain text have no share-tools class.
_MAILING_LINK = re.compile(
    r"^(?:unsubscribe(?: here| from (?:this|our|the) (?:mailing )?list)?|"
    r"subscribe(?: now| here| for free| (?:on|in|via) [\w. ]{1,25})?|"
    r"forward (?:this (?:email|issue|newsletter) )?to a friend|follow us(?: on [\w. ]{1,20})?|"
    r"support (?:the show|the podcast|us|our work|this newsletter)(?: on [\w. ]{1,20})?|"
    r"share(?: this(?: article| story| post)?| it)?(?: on [\w. ]{1,20})?|"
    r"(?:post|tweet|email)(?: this(?: article| story| post)?| it)(?: on [\w. ]{1,20})?|"
    r"(?:post|tweet) on [\w. ]{1,20}|"
    r"view (?:this (?:email|issue) )?(?:in (?:your |a )?browser|online)|"
    r"manage (?:your )?(?:preferences|subscription)|update (?:your )?preferences|"
    r"sign[ -]?up(?: here| now| for free| today)?(?: (?:to|for) (?:our|the|my) [\w ]{1,30})?|"
    # a desk's own calls to its readers: 'Send us a tip', 'Contact us', 'Donate'
    r"(?:send|submit|email|e-mail) us (?:a |your )?(?:tips?|claims?|corrections?|stor(?:y|ies))|"
    r"(?:submit|send) (?:a |your )?(?:tip|claim|correction)s?|contact us|get in touch|"
    r"donate(?: now| today)?|make a donation|"
    # a page's own furniture, kept when it is saved as text: 'Skip to main content',
    # 'Privacy', 'Terms', 'Cookie settings'
    r"skip to (?:the )?(?:main )?content|skip navigation|privacy(?: policy| notice)?|"
    r"terms(?: of (?:use|service))?|terms (?:and|&) conditions|cookies?(?: policy| settings)?|"
    # the same buttons in French, Spanish and German pages
    r"(?:abonnez|inscrivez)-vous(?: (?:à|a) [\w'’ ]{1,30})?|suscr[ií]bete(?: (?:a|al) [\w ]{1,30})?|"
    r"(?:jetzt |newsletter )?abonnieren|"
    # 'To unsubscribe from this roundup, visit https://…'
    r"(?:to|you can) (?:unsubscribe|manage your (?:subscription|preferences)|"
    r"update your preferences)\b[\w ,]{0,40}\b(?:visit|go to|click)(?: here)?)[.!]?$", re.I)
# A line's label saying its links are the site's other stories, not sources ('Related: …',
# 'Read more: …').
_RELATED_LABEL = re.compile(
    r"^(?:related(?: articles?| stories| posts?| coverage| reading| content)?|read more|"
    r"read next|read also|also read|more on this(?: story| topic)?|recommended(?: for you)?|"
    r"you (?:may|might) also like)\s*[:»>|\-–—]+$", re.I)

# ... and before the headline it links ('Read more:' is left out: under a quotation it
# gives where the words were read)
_RELATED_HEADLINE = re.compile(
    r"^(?:related(?: articles?| stories| posts?| coverage| reading| content)?|read next|"
    r"read also|also read|recommended(?: for you)?|you (?:may|might) also like)"
    r"\s*[:»>|\-–—]+\s*(?=[^\W\d_]|[“\"‘'])", re.I)
RELATED_HEADLINE_CHARS = 160  # a linked headline's length, at the most

CONTEXT_CHARS = 240
MAILING_LABEL_CHARS = 400  # a line before a URL that a housekeeping label can be, at the most
ACCESS_DATE_REACH = 200  # characters around a URL where its access date may stand
# 'Accessed 12 March 2019', 'retrieved on March 12, 2019', 'last visited: 2019-03-12'
_ACCESSED = re.compile(r"\b(?:accessed|retrieved|viewed|consulted|(?:last )?visited)"
                       r"(?:\s+on)?[\s:]*", re.I)


# a determiner before a link's text makes it a noun of the sentence: 'in a [post on X]'
_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|this|that|his|her|its|their|our|my|one)[ \t]+$",
                                re.I)


def _housekeeping_link(text: str, start: int, end: int) -> bool:
    """A share, subscribe or mailing button: its text alone is the label ('Post on X'); the
    same words after a determiner are prose naming what the link is ('in a post on X')."""
    return bool(_MAILING_LINK.match(text[start:end].strip())) and \
        not _DETERMINER_BEFORE.search(text, max(0, start - 8), start)


def _mailing_label(text: str, start: int) -> bool:
    """A bare URL a plain-text e-mail labels as its own housekeeping ('Unsubscribe: https://…',
    'View this email in your browser: https://…'): the link of such a label in markup. Only
    MAILING_LABEL_CHARS before the URL are read: a longer line before it is no such label (and
    a long line of URLs, a PDF's notes run together, is not read back to its start per URL)."""
    lo = max(0, start - MAILING_LABEL_CHARS)
    line_start = text.rfind("\n", lo, start) + 1
    if line_start == 0 and lo > 0:
        return False
    label = text[line_start:start].rstrip().rstrip("<(").rstrip().rstrip(":-–—").strip()
    return bool(label) and bool(_MAILING_LINK.match(label))


def _related_label(text: str, start: int) -> bool:
    """A link (or bare URL) right after a 'Related:' or 'Read more:' label opening its line
    or its sentence (a page printed to PDF runs its lines together), or after such a label
    and the headline it links ('Related: Traders march on the City Chambers https://…')."""
    label = text[_line_start(text, start, RELATED_HEADLINE_CHARS):start]
    label = _SENTENCE_END.split(label)[-1].strip()
    if _RELATED_LABEL.match(label[-40:].lstrip()):
        return True
    headline = _RELATED_HEADLINE.match(label)
    return headline is not None and len(label) - headline.end() <= RELATED_HEADLINE_CHARS


_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+")
_MENU_GAP = re.compile(r"^[\s|·•*/\\–—-]*$")  # what stands between the items of a menu
MENU_ITEMS = 3  # links side by side that make a menu ('Home World Politics Sign in')
MENU_ITEM_WORDS = 3


def _menu_links(text: str, links: list[Link]) -> set[int]:
    """The links of a site's menus and footers that a page printed to PDF (or pasted into
    Markdown) keeps: MENU_ITEMS or more short links side by side with nothing but spaces or
    separators between them ('Home | World | Politics', 'Privacy Terms Contact us'). A
    sentence's links have words between them; a list of addresses is no menu."""
    order = sorted(range(len(links)), key=lambda n: links[n].start)
    menus: set[int] = set()
    run: list[int] = []

    def close() -> None:
        if len(run) >= MENU_ITEMS:
            menus.update(run)
        run.clear()

    for n in order:
        link = links[n]
        label = text[link.start:link.end]
        item = 0 < len(label.split()) <= MENU_ITEM_WORDS and not find_urls(label)
        if not item:
            close()
            continue
        if run and not _MENU_GAP.match(text[links[run[-1]].end:link.start]):
            close()
        run.append(n)
    close()
    return menus


def _line_start(text: str, pos: int, reach: int) -> int:
    """Where pos's line starts, or pos - reach when it starts further back: only `reach`
    characters are read, however long the line (a PDF's notes run together on one)."""
    lo = max(0, pos - reach)
    return text.rfind("\n", lo, pos) + 1 or lo


def _line_end(text: str, pos: int, reach: int) -> int:
    """Where pos's line ends, or pos + reach when it ends further on (see _line_start)."""
    end = text.find("\n", pos, pos + reach)
    return pos + reach if end == -1 else end


def _cited_by_its_link(text: str, source: NamedSource, links: list[Link],
                       starts: list[int]) -> bool:
    """'The Halden Echo [reported](…)', '[cut its outlook](…), according to Reuters': an outlet
    named beside a link to its own site, in one sentence, is cited by that link. `links` are
    in order of `starts`."""
    if source.cited_date is not None or source.how not in ("according", "reported"):
        return False
    return in_sentence_with(text, source.start, starts,
                            lambda n: host_names(links[n].url, source.outlet))


def access_date(text: str, start: int, end: int) -> date | None:
    """The date a reference says its URL was read ('Accessed 12 March 2019'), from the URL's
    own line: the first one after the URL, else the last before it (APA's 'Retrieved March
    12, 2019, from https://…'). It says when the author saw the page, as a document's date
    cannot when the page changed between reading and publishing. Only ACCESS_DATE_REACH
    characters on either side are read: a reference's date stands next to its URL, and a
    long line of references (a PDF's notes run together) must not be read again per URL."""
    line_start = _line_start(text, start, ACCESS_DATE_REACH)
    line_end = _line_end(text, end, ACCESS_DATE_REACH)
    after = _access_dates(text[end:line_end])
    before = _access_dates(text[line_start:start])
    return after[0] if after else before[-1] if before else None


def _access_dates(line: str) -> list[date]:
    found = []
    for m in _ACCESSED.finditer(line):
        dates = find_dates(line[m.end():m.end() + 40], month_only=False)
        if dates and dates[0].start == 0 and dates[0].full:
            found.append(dates[0].value)
    return found


def extract_citations(doc: Document) -> list[Citation]:
    """Citations in order of their offset in `doc.text`."""
    text = doc.text
    regions = sorted((f.start, f.start + len(f.text), f.marker) for f in doc.footnotes)
    region_starts = [r[0] for r in regions]
    citations: list[Citation] = []
    covered: list[tuple[int, int]] = []

    def marker_at(pos: int) -> str | None:
        i = bisect.bisect_right(region_starts, pos) - 1
        if i >= 0 and regions[i][0] <= pos < regions[i][1]:
            return regions[i][2]
        return None

    def add_url(url: str, start: int, end: int) -> None:
        url = unwrap_redirector(url)
        marker = marker_at(start)
        line, page = doc.locate(start)
        citations.append(Citation(
            kind="footnote" if marker else "link", offset=start, line=line, page=page,
            context=_context(text, start, end, marker is not None), url=url,
            normalized_url=normalize_url(url), marker=marker,
            cited_date=access_date(text, start, end)))

    menus = _menu_links(text, doc.links)
    for n, link in enumerate(doc.links):
        url = link.url.strip()
        if url and n not in menus and not _housekeeping_link(text, link.start, link.end) \
                and not _related_label(text, link.start):
            add_url(url, link.start, link.end)
        covered.append((link.start, link.end))
    in_links = SpanIndex(covered)
    for start, end, url in sorted(find_urls(text) + find_bare_host_urls(text) + find_dois(text)):
        if not in_links.overlaps(start, end) and not _mailing_label(text, start) \
                and not _related_label(text, start):
            add_url(url, start, end)

    pointed_back = inherited_urls(doc.footnotes)  # 'Ibid.', 'supra note 3'
    for f in doc.footnotes:
        for url in pointed_back.get(f.start, ()):
            add_url(url, f.start, f.start + len(f.text))

    # a name that is a link's text ('El País reports') is cited by that link already
    # a file's modification time is no date of writing: year-less citations stay undated
    reference = doc.date if doc.date_source not in ("", "mtime") else None
    found = find_named_sources(text, skip=[(s, e) for s, e, _m in regions]
                               + [(link.start, link.end) for link in doc.links],
                               reference=reference)
    in_order = sorted(doc.links, key=lambda link: link.start)
    link_starts = [link.start for link in in_order]
    found = [s for s in found if not _cited_by_its_link(text, s, in_order, link_starts)]
    for f in doc.footnotes:
        if not f.urls:
            found += parse_source_list(f.text, f.start, "footnote")
    linked = SpanIndex((link.start, link.end) for link in doc.links)
    found += [NamedSource(start, end, outlet, when, "table")  # a tracker's 'Where' column
              for start, end, outlet, when in cell_sources(text, doc.table_rows)
              if not linked.overlaps(start, end)]
    listed_links = SourceListLinks(text, [(c.offset, c.url) for c in citations
                                          if c.kind == "link" and c.url])
    for source in found:
        listed = listed_links.url_for(source)
        if listed is not None:  # 'told the FT on 7 January' and the FT's line in 'Sources'
            add_url(listed, source.start, source.end)
            continue
        line, page = doc.locate(source.start)
        citations.append(Citation(
            kind="named_source", offset=source.start, line=line, page=page,
            context=_context(text, source.start, source.end, source.how == "footnote"),
            outlet=source.outlet, cited_date=source.cited_date,
            marker=marker_at(source.start)))
    citations.sort(key=lambda c: (c.offset, c.kind))
    signature = _signature_start(text) if doc.format in ("txt", "md") else None
    return [c for c in citations if signature is None or c.offset < signature]


# The line opening an e-mail's signature (RFC 3676: '-- ', its space often lost in pasting).
_SIGNATURE_LINE = re.compile(r"^-- ?$", re.M)
SIGNATURE_CHARS = 1000  # an e-mail signature's length, at the most


def _signature_start(text: str) -> int | None:
    """Where a plain-text e-mail's signature starts: the sender's and the list's own lines
    ('You signed up at <…>', 'Unsubscribe: <…>') under it cite nothing."""
    tail = len(text) - SIGNATURE_CHARS
    found = None
    for m in _SIGNATURE_LINE.finditer(text, max(0, tail)):
        found = m.start()
    return found


def _context(text: str, start: int, end: int, whole_block: bool) -> str:
    """The sentence around a citation (a footnote's whole body), at most CONTEXT_CHARS."""
    left = _line_start(text, start, CONTEXT_CHARS)
    if not whole_block:
        for stop in (". ", "? ", "! "):
            pos = text.rfind(stop, left, start)
            if pos != -1:
                left = max(left, pos + 2)
    right = _line_end(text, end, CONTEXT_CHARS)
    if not whole_block:
        for stop in (". ", "? ", "! "):
            pos = text.find(stop, end, right)
            if pos != -1:
                right = min(right, pos + 1)
    snippet = " ".join(text[left:right].split())
    return snippet if len(snippet) <= CONTEXT_CHARS else snippet[:CONTEXT_CHARS - 1] + "…"
