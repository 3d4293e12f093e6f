"""URLs in running text: where they start and end, and one normal form for de-duplication.

A URL written in prose ends before trailing sentence punctuation, closing quotation marks
and unbalanced closing brackets; balanced parentheses (Wikipedia style) stay part of it.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import parse_qs, quote, urlsplit, urlunsplit

# A candidate runs from a scheme (or "www.") to the next whitespace or character that
# cannot appear in a URL written in prose; trimming then removes what prose added.
_CANDIDATE = re.compile(
    r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"“”‘«»\u200b]+", re.I)
_TRAILING = ".,;:!?'’\"”»*_…،؛。"
_PAIRS = {")": "(", "]": "[", "}": "{"}
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9\-_]{1,63}(?<!-)$")
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Link targets that name no page to fetch: a markup link to one is no citation.
SKIPPED_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "about:", "sms:", "file:")
# Characters kept as they are in a normalized path or query (everything else is %-encoded).
_SAFE_PATH = "/%:@!$&'()*+,;=-._~"
_SAFE_QUERY = _SAFE_PATH + "?"


# RFC 3986 appendix C: angle brackets delimit a URL even when it holds whitespace.
_BRACKETED = re.compile(r"<((?:https?|ftp)://[^<>\n]*(?:\n[^<>\n]*){0,3})>", re.I)


def find_urls(text: str) -> list[tuple[int, int, str]]:
    """(start, end, url as written) of every URL in plain text, trailing punctuation cut.

    In <angle brackets> a URL may contain spaces or be wrapped across lines: line breaks
    (and the indentation around them) are dropped, other spaces kept (normalize_url encodes
    them as %20, as browsers do)."""
    if "://" not in text and "www." not in text.lower():
        return []
    found = []
    bracketed = []
    for m in _BRACKETED.finditer(text):
        url = re.sub(r"[ \t]*\n[ \t]*", "", m.group(1)).strip()
        if url:
            found.append((m.start(1), m.end(1), url))
            bracketed.append((m.start(), m.end()))
    for m in _CANDIDATE.finditer(text):
        if any(s <= m.start() < e for s, e in bracketed):
            continue
        url = trim_url(m.group(0))
        if len(url) <= len("www.") or url.lower().rstrip("/") in ("http:", "https:", "ftp:"):
            continue
        found.append((m.start(), m.start() + len(url), url))
    return sorted(found)


# A URL written without its scheme or 'www.' ('babel.hathitrust.org/cgi/pt?id=…', 'gov.uk/x'),
# as MLA 9 prints them: a lower-case host with a letters-only last label, then a path.
_BARE_HOST_URL = re.compile(
    r"(?<![\w@/.:\-])(?:[a-z0-9\-]+\.)+[a-z]{2,6}/[^\s<>\"“”‘«»\u200b]+")


_TLD_SLASH = re.compile(r"\.[a-z]{2,6}/")  # what every such URL has: found first, cheaply
_HOST_START = re.compile(r"[a-z0-9.\-]{1,100}$")


def find_bare_host_urls(text: str) -> list[tuple[int, int, str]]:
    """(start, end, url as written) of URLs written as host and path alone."""
    found: list[tuple[int, int, str]] = []
    for hit in _TLD_SLASH.finditer(text):
        host = _HOST_START.search(text, max(0, hit.start() - 100), hit.start())
        m = _BARE_HOST_URL.match(text, host.start()) if host else None
        if m is None or found and m.start() < found[-1][1] or m.group(0).startswith("www."):
            continue  # none, the URL before it again, or one find_urls has
        url = trim_url(m.group(0))
        if "/" in url and not url.endswith("/") or url.count("/") > 1:
            found.append((m.start(), m.start() + len(url), url))
    return found


# A DOI written as a name rather than a link ('doi:10.1016/j.erss.2021.102345', 'DOI: 10.…',
# as APA 6, Vancouver and publishers print them): its resolver's address is the citable URL.
_WRITTEN_DOI = re.compile(r"\bdoi(?::\s*|\s+)(10\.\d{4,9}/[^\s<>\"“”‘’«»]+)", re.I)
DOI_RESOLVER = "https://doi.org/"


def find_dois(text: str) -> list[tuple[int, int, str]]:
    """(start, end, https://doi.org/<doi>) of every DOI written after 'doi:' or 'DOI'."""
    if "doi" not in text and "DOI" not in text:
        return []
    found = []
    for m in _WRITTEN_DOI.finditer(text):
        doi = trim_url(m.group(1))
        if "/" in doi.rstrip("/"):
            found.append((m.start(), m.start(1) + len(doi), DOI_RESOLVER + doi))
    return found


# A note marker glued after the sentence's punctuation ('…/survey).[1]', '….[^2]'): prose, not
# part of the URL (a URL's own brackets, as in '?f[0]', follow a word character).
_GLUED_MARKER = re.compile(r"(?<=[.,;:!?)’”\"])\[\^?\w{1,4}\]$")


def trim_url(url: str) -> str:
    """Cut what prose put after a URL: '.', ',', closing quotes, unbalanced ')' or ']', and
    a note marker glued after such punctuation."""
    while url:
        marker = _GLUED_MARKER.search(url)
        if marker:
            url = url[:marker.start()]
            continue
        last = url[-1]
        if last in _TRAILING or last in _PAIRS and url.count(last) > url.count(_PAIRS[last]):
            url = url[:-1]
        else:
            break
    return url


# Click-tracking wrappers that carry their destination in a query argument: Google's (every
# link of a Google Docs export, search results, Gmail), Facebook's outbound links and Outlook's
# Safe Links. (host pattern, path, argument holding the destination)
_WRAPPERS = (
    (re.compile(r"(?:www\.)?google\.[a-z]{2,3}(?:\.[a-z]{2})?$"), "/url", ("q", "url")),
    (re.compile(r"l[m]?\.facebook\.com$"), "/l.php", ("u",)),
    (re.compile(r"(?:[\w-]+\.)*safelinks\.protection\.outlook\.com$"), "/", ("url",)),
)


WRAPPERS_UNWRAPPED = 4  # a wrapper around a wrapper (a Safe Link to a Google link) and so on


def unwrap_redirector(url: str) -> str:
    """The destination of a click-tracking wrapper ('https://www.google.com/url?q=<page>&sa=D')
    or the page a Save Page Now address saves, which is what the author cited; any other URL as
    it is. Fetching the wrapper would test the tracker (or a login wall) rather than the source."""
    for _ in range(WRAPPERS_UNWRAPPED):
        target = _wrapped(url) or _saved_page(url)
        if target is None:
            break
        url = target
    return url


# Save Page Now's address for archiving a page, `web.archive.org/save/<url>`: what the author
# used to archive the page, which is what is cited. Opening it would save the page again, off
# the Archive's pace and whatever the save policy says.
_SAVE_PAGE_NOW = re.compile(r"^https?://(?:web\.|www\.)?archive\.org/save/(?!status/|_)(\S+)$", re.I)


def _saved_page(url: str) -> str | None:
    """The page a Save Page Now address saves, or None for any other URL."""
    if "/save/" not in url:
        return None
    found = _SAVE_PAGE_NOW.match(url.strip())
    if found is None:
        return None
    page = found.group(1)
    return page if page.lower().startswith(("http://", "https://")) else f"http://{page}"


def _wrapped(url: str) -> str | None:
    """The destination one click-tracking wrapper holds, or None for any other URL."""
    if "?" not in url or not any(k in url for k in ("/url?", "l.php?", "safelinks")):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    for pattern, path, keys in _WRAPPERS:
        if parts.path == path and pattern.match(host):
            args = parse_qs(parts.query)
            for key in keys:
                target = (args.get(key) or [""])[0].strip()
                if target.lower().startswith(("http://", "https://")):
                    return target
    return None


def normalize_url(url: str) -> str | None:
    """One form per resource: lower-case scheme and host, no default port, no fragment (but a
    hashbang route, see _hashbang_route), no
    tracking arguments (`utm_*`, click identifiers), unsafe characters %-encoded. None when
    the URL is not a fetchable http(s) URL."""
    url = url.strip()
    if url.lower().startswith("www.") or "://" not in url and _BARE_HOST_URL.fullmatch(url):
        url = "http://" + url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        return None
    host = _normalize_host(parts.hostname or "")
    if host is None:
        return None
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc += f":{port}"
    if parts.username is not None:
        userinfo = parts.username + (f":{parts.password}" if parts.password is not None else "")
        netloc = f"{userinfo}@{netloc}"
    path = _upper_escapes(quote(parts.path, safe=_SAFE_PATH)) or "/"
    # an archive's address holds the original URL, whose query is the archive's key: kept
    tracked = parts.query if "://" in parts.path else _without_tracking(
        _unescaped_ampersands(parts.query))
    query = _upper_escapes(quote(tracked, safe=_SAFE_QUERY))
    return urlunsplit((scheme, netloc, path, query, _hashbang_route(parts.fragment)))


def _hashbang_route(fragment: str) -> str:
    """A `#!` fragment is the page's route (Twitter's `/#!/user/status/1`, Gawker's
    `/#!5753510/title`): two routes are two pages, where any other fragment is a place in one."""
    if not fragment.startswith("!") or len(fragment) < 2:
        return ""
    return "!" + _upper_escapes(quote(fragment[1:], safe=_SAFE_QUERY))


_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")


def _upper_escapes(part: str) -> str:
    """'%c3%a9' as '%C3%A9': the two spellings are one address (RFC 3986, 6.2.2.1)."""
    if "%" not in part:
        return part
    return _ESCAPE.sub(lambda m: m.group(0).upper(), part)


def _unescaped_ampersands(query: str) -> str:
    """'id=5&amp;utm_source=x' as 'id=5&utm_source=x': an address copied from a page's HTML
    source keeps its escaped '&', which no site means as part of an argument's name."""
    return query.replace("&amp;", "&") if "&amp;" in query else query


# Query arguments that only tell the site's analytics where a reader came from: the page is the
# same without them, so a URL cited with and without them is one resource, fetched once.
_TRACKING_KEYS = frozenset({"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid",
                            "mc_cid", "mc_eid", "igshid", "_ga", "_gl"})


def _without_tracking(query: str) -> str:
    """The query without `utm_*` and click-identifier arguments, the others kept as written."""
    if not query or ("utm_" not in query and not any(k in query for k in _TRACKING_KEYS)):
        return query
    kept = [arg for arg in query.split("&")
            if not ((key := arg.split("=", 1)[0].lower()).startswith("utm_")
                    or key in _TRACKING_KEYS)]
    return "&".join(kept)


def _normalize_host(host: str) -> str | None:
    host = host.rstrip(".").lower()
    if not host:
        return None
    try:
        return ipaddress.ip_address(host).compressed
    except ValueError:
        pass
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    labels = ascii_host.split(".")
    if not all(_HOST_LABEL.match(label) for label in labels):
        return None
    if len(labels) < 2 and ascii_host != "localhost":
        return None
    if labels[-1].isdigit():  # "999.1.1.1" is neither a name nor an address
        return None
    return ascii_host
