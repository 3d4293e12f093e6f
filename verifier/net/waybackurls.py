"""Wayback addresses: capture timestamps, the index's key of a page, and the capture a cited
address names. Pure functions of their arguments: no request is made here.
"""

from __future__ import annotations

import contextlib
import email.utils
import re
from datetime import UTC, date, datetime
from urllib.parse import SplitResult, quote, unquote, unquote_to_bytes, urlsplit, urlunsplit

from ..errors import ArchiveError

ARCHIVE_HOSTS = frozenset({"web.archive.org", "archive.org", "www.archive.org",
                           "wayback.archive.org"})
_MEMENTO = re.compile(r"/web/(\d{4,14})(?:[a-z]{2}_)?/(.+)$")  # short ones are real too
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_ORIGINAL_SLASH = re.compile(r"^(https?):/(?!/)", re.I)  # "https:/host": a slash merged away
# A capture address without a timestamp, `/web/<url>` (the Wayback serves the newest capture):
# what follows /web/ is a host name with a dot, not a flag, a listing or one of its own pages
_UNDATED = re.compile(r"^/web/((?:https?:/{1,2})?[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?(?:[/?].*)?)$",
                      re.I)
_ENCODED_SCHEME = re.compile(r"^https?%3a%2f%2f", re.I)
# Session ids the Wayback's canonicalizer drops from the query (IAURLCanonicalizer): captures
# recorded with one are captures of the page without it.
_SESSION_ARGUMENT = re.compile(r"(jsessionid|phpsessid|sid)=[0-9a-z]{32}|aspsessionid[a-z]{8}=[a-z]{24}",
                               re.I)
_COLDFUSION_SESSION = ("cfid", "cftoken")  # dropped when both are there
_WWW = re.compile(r"^www\d*\.")
# What the index's canonicalizer (surt's GoogleURLCanonicalizer) leaves unescaped in a path once
# it has unescaped it: `/%7Eeditor/` and `/~editor/`, `_%28town%29` and `_(town)` are one page.
_PATH_SAFE = "!\"$&'()*+,-./:;<=>?@[\\]^_`{|}~"


def utcnow() -> datetime:
    return datetime.now(UTC)


def wayback_timestamp(when: str | date | datetime) -> str:
    """A Wayback timestamp (1 to 14 digits) from a datetime, a date or digits."""
    if isinstance(when, datetime):
        if when.tzinfo is not None:
            when = when.astimezone(UTC)
        return when.strftime("%Y%m%d%H%M%S")
    if isinstance(when, date):
        return when.strftime("%Y%m%d")
    digits = "".join(ch for ch in str(when) if ch.isdigit())
    if not 1 <= len(digits) <= 14:
        raise ArchiveError(f"not a Wayback timestamp: {when!r}")
    return digits


def memento_datetime_timestamp(value: str | None) -> str | None:
    """The 14-digit time a replay's Memento-Datetime header names, or None."""
    try:
        when = email.utils.parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError, IndexError):
        return None
    return wayback_timestamp(when) if when is not None else None


def lookup_address(url: str) -> str:
    """url as crawlers fetched it and the index recorded it: without its fragment (never
    sent to a server; a hashbang's route is the page's path), the host in punycode, non-ASCII
    characters percent-encoded as UTF-8. The CDX matches on that form, so a cited
    `bücher.example/café#top` finds its captures."""
    parts = _unhashbanged(urlsplit(url.strip()))
    netloc = parts.netloc
    if not netloc.isascii():
        with contextlib.suppress(UnicodeError):  # a name IDNA cannot spell: asked as written
            netloc = netloc.encode("idna").decode("ascii")
    return urlunsplit((parts.scheme, netloc, _ascii(parts.path), _ascii(parts.query), ""))


def _unhashbanged(parts: SplitResult) -> SplitResult:
    """The page a hashbang address (`/#!/2021/story`, `/#!5753510/title`) names: the path its
    script routed to, relative to the address's directory. Sites routing by `#!` (Twitter,
    Facebook, Gawker's) served that page at that path; the fragment never reaches a server,
    so the address itself is the front page to every crawler and to the index."""
    if not parts.fragment.startswith("!") or len(parts.fragment) < 2:
        return parts
    route = urlsplit(parts.fragment[1:].lstrip("/"))
    directory = parts.path[:parts.path.rfind("/") + 1] or "/"
    return parts._replace(path=directory + route.path, query=route.query, fragment="")


def cdx_address(url: str) -> str:
    """url as the CDX's `url` parameter: lookup_address, with a trailing `*` escaped. The CDX
    server reads a `url` ending in `*` as a prefix query (every page under it); the index
    unescapes `%2A` to `*` when it keys the page, so the escaped one asks for that page alone."""
    address = lookup_address(url)
    return address[:-1] + "%2A" if address.endswith("*") else address


def index_key(url: str) -> str:
    """The page an address names, as the CDX index keys it (a simplified SURT): scheme, a
    leading www. (or www2.), a default port, the fragment, a trailing slash and the session ids
    the index drops (jsessionid, PHPSESSID...) do not matter, query arguments count in any
    order, and the host's case is not told apart. The path's and query's case is: the index
    folds it (surt lowercases its whole key), but `/AbC12` and `/abc12` are two short links,
    `v=dQw4w9WgXcQ` and `v=dqw4w9wgxcq` two videos. Two addresses with one key are one page."""
    parts = urlsplit(lookup_address(url if "://" in url else f"http://{url}"))
    host = _WWW.sub("", parts.hostname or "")
    try:
        port = parts.port
    except ValueError:  # a port no server listens on: the address as written is the key
        port = None
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    arguments = [a for a in parts.query.split("&") if a and not _SESSION_ARGUMENT.fullmatch(a)]
    names = {a.split("=", 1)[0].lower() for a in arguments}
    if names.issuperset(_COLDFUSION_SESSION):
        arguments = [a for a in arguments if a.split("=", 1)[0].lower() not in _COLDFUSION_SESSION]
    query = "&".join(sorted(arguments))
    path = _index_path(parts.path)
    return netloc.lower() + path.rstrip("/") + (f"?{query}" if query else "")


def folded_key(url: str) -> str:
    """The key the index itself files a page under (index_key in lower case): the CDX lists
    every capture filed under it, of pages whose paths differ in case too."""
    return index_key(url).lower()


def _index_path(path: str) -> str:
    """A path as the index keys it: unescaped until nothing changes, then escaped minimally."""
    raw = path.encode("ascii", "ignore")
    while (unescaped := unquote_to_bytes(raw)) != raw:
        raw = unescaped
    return quote(raw, safe=_PATH_SAFE)


def _ascii(part: str) -> str:
    return _NON_ASCII.sub(lambda m: quote(m.group(), safe=""), part)


def on_the_archive(url: str) -> bool:
    """Whether an address is one of the Internet Archive's own (a capture, a capture listing,
    an item): the Wayback Machine neither lists captures of its own pages nor saves them."""
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return False
    return host.lower() in ARCHIVE_HOSTS


def parse_memento(url: str) -> tuple[str, str] | None:
    """(timestamp, original URL) of a .../web/<ts>[id_]/<url> address, or None."""
    match = _MEMENTO.search(urlsplit(url)._replace(scheme="", netloc="").geturl())
    return (match.group(1), match.group(2)) if match else None


def cited_memento(url: str) -> tuple[str, str] | None:
    """(timestamp, original URL) of the capture a cited address names (see _named_memento); of
    a capture of a capture (someone archived a Wayback page), the inner one."""
    found = _named_memento(url)
    while found is not None and (inner := _named_memento(found[1])) is not None:
        found = inner
    return found


def _named_memento(url: str) -> tuple[str, str] | None:
    """(timestamp, original URL) when a cited address names one Wayback capture, on any of
    the Archive's hosts and with any replay flag (`id_`, `if_`); None for any other address,
    a capture listing (`/web/2019*/...`) included. Such a citation cites that capture, not a
    live page. A short timestamp ("2019") is kept as written: the Wayback serves the capture
    nearest it; none at all (`/web/<url>`, what readers paste to see a page's newest capture)
    is "" (see Archivist.cited_capture). An original written without its scheme, or with "https:/" (a slash lost on
    the way), is completed."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if (parts.hostname or "").lower() not in ARCHIVE_HOSTS:
        return None
    path = re.sub(r"^/wait/", "/web/", parts.path)  # an old Save Page Now address of a capture
    if not path.startswith("/web/"):
        return None
    address = urlunsplit(("", "", path, parts.query, ""))
    memento = parse_memento(address)
    if memento is None:
        undated = _UNDATED.match(address)
        if undated is None:
            return None
        memento = ("", undated.group(1))
    timestamp, original = memento
    if _ENCODED_SCHEME.match(original):  # 'https%3A%2F%2Fnews.example.com%2F...': encoded whole
        original = unquote(original)
    original = _ORIGINAL_SLASH.sub(r"\1://", original)
    return timestamp, original if "://" in original else f"http://{original}"
