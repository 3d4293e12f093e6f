"""Redirects a page makes in the browser: an instant meta refresh, or a stub page whose only
job is a script setting window.location. Both are followed like an HTTP redirect, so a deep
link whose page only sends the reader to the home page is judged like a 302 to '/'.

Only small pages are read, a refresh must be (nearly) instant, and a script counts only on
a page with next to no visible text: a news front page that reloads itself every few
minutes, or an article whose scripts mention location, is a page, not a redirect.
"""

from __future__ import annotations

import html
import re

from ..pagetext import content_kind, decode_body, html_text

STUB_BYTES = 64_000  # a redirect stub is small; larger pages are not read for one
REFRESH_DELAY = 5  # seconds: a longer refresh is a reload timer, not a redirect
STUB_TEXT = 200  # characters of visible text a script-only redirect page may have

_META = re.compile(r"<meta\b[^>]*>", re.I)
_REFRESH = re.compile(r"""http-equiv\s*=\s*["']?\s*refresh\b""", re.I)
_CONTENT = re.compile(r"""\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_DELAY_URL = re.compile(r"""\s*(\d+(?:\.\d+)?)\s*(?:[;,]\s*(?:url\s*=\s*)?["']?([^"']+?)["']?\s*)?$""", re.I)
# Starts with its literal word, so the search skips along the page at C speed (a pattern
# opening with \b and alternatives is tried at every character: 2 ms per 35 KB page).
# Template literals count too, unless they hold a ${...} (an address built at run time).
_SCRIPT_LOCATION = re.compile(
    r"""location(?:(?:\.href)?\s*=\s*["'`]([^"'`$]+)["'`]"""
    r"""|\.(?:replace|assign)\(\s*["'`]([^"'`$]+)["'`]\s*\))""")
_SETS_COOKIE = re.compile(rb"document\.cookie\s*=(?!=)")


def client_redirect(body: bytes, content_type: str | None) -> str | None:
    """The URL (as written, maybe relative) a small HTML page sends the browser to, or None."""
    if len(body) > STUB_BYTES or content_kind(content_type, body) != "html":
        return None
    markup = decode_body(body, content_type)
    refresh = _meta_refresh(markup)
    if refresh:
        return refresh
    found = _script_location(markup)
    if found and len(html_text(markup)[0].strip()) <= STUB_TEXT:
        return html.unescape(found.group(1) or found.group(2)).strip() or None
    return None


def sets_cookie(body: bytes) -> bool:
    """Whether a page's script sets a cookie: a stub that does so and then reloads its own page
    is a check only a browser running the script passes (free hosts' 'aes.js' test, bot walls)."""
    return len(body) <= STUB_BYTES and _SETS_COOKIE.search(body) is not None


def _script_location(markup: str) -> re.Match[str] | None:
    """The first assignment to (window.)location or location.href, or call of
    location.replace or .assign, where `location` is a word of its own (not geolocation)."""
    for found in _SCRIPT_LOCATION.finditer(markup):
        before = markup[found.start() - 1:found.start()]  # "" at the very start
        if not (before.isalnum() or before in ("_", "$")):
            return found
    return None


def refresh_target(value: str | None) -> str | None:
    """The URL (as written) a Refresh header or meta refresh value ('0; url=/') sends the
    browser to within REFRESH_DELAY seconds, or None (a plain reload timer, or no URL)."""
    parsed = _DELAY_URL.match(html.unescape(value)) if value else None
    if parsed and parsed.group(2) and float(parsed.group(1)) <= REFRESH_DELAY:
        return parsed.group(2).strip()
    return None


def _meta_refresh(markup: str) -> str | None:
    for tag in _META.findall(markup):
        if not _REFRESH.search(tag):
            continue
        content = _CONTENT.search(tag)
        if not content:
            continue
        target = refresh_target(next(g for g in content.groups() if g is not None))
        if target:
            return target
    return None
