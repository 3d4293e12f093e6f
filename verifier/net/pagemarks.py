"""What a page's markup says it is, besides its words: the address its <link rel=canonical>
names, the template its <body> classes name (WordPress's 'error404', Magento's
'cms-no-route'), and the status a prerendering service is told to send with it
(<meta name="prerender-status-code" content="404">).

Each is read with a plain search of the markup as written, bounded by where its <body> starts:
the page is not lowered for them (lowering a 40 KB page costs more than all the searches).
Tags and attribute names are found in either case; the words searched for ('canonical',
'prerender-status-code') are looked for in lower case, as they are written.
"""

from __future__ import annotations

import html
import re

HEAD_LIMIT = 200_000  # characters: a <body> tag is looked for no further
# <body> classes a CMS gives its not-found template: WordPress 'error404', Shopify 'template-404',
# Magento 'cms-no-route'. Whole class names only: 'postid-404' is the post numbered 404.
NOT_FOUND_TEMPLATES = frozenset({"error404", "error-404", "page-404", "template-404", "cms-no-route",
                                 "cms-noroute-index", "page-not-found", "not-found-page"})
# Meta tags telling a prerendering service (prerender.io, Rendertron) which status to send; both
# names hold 'render', so one search finds either.
_PRERENDER_NAMES = ("prerender-status-code", "render:status_code")
_ATTRIBUTE = re.compile(r"""([a-z:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def _attributes(tag: str) -> dict[str, str]:
    """A tag's attributes (names lowered), values unescaped."""
    return {m.group(1).lower(): html.unescape(next(g for g in m.groups()[1:] if g is not None))
            for m in _ATTRIBUTE.finditer(tag)}


def body_start(markup: str) -> int:
    """Where the <body> tag starts, or -1 when there is none within HEAD_LIMIT."""
    at = markup.find("<body", 0, HEAD_LIMIT)
    return at if at >= 0 else markup.find("<BODY", 0, HEAD_LIMIT)


def head_end(markup: str, body: int) -> int:
    """How far the head's tags are looked for: to the <body> tag, or HEAD_LIMIT without one."""
    return body if body >= 0 else min(len(markup), HEAD_LIMIT)


def _tag_around(markup: str, at: int) -> str | None:
    """The tag holding position `at`, or None if `at` is in text."""
    start = markup.rfind("<", 0, at)
    end = markup.find(">", at)
    if start < 0 or end < 0 or markup.find(">", start, at) >= 0:
        return None
    return markup[start:end + 1]


def canonical_href(markup: str, end: int) -> str | None:
    """The href of the head's <link rel="canonical"> (before `end`), as written, or None."""
    at = markup.find("canonical", 0, end)
    while at >= 0:
        tag = _tag_around(markup, at)
        if tag is not None and tag[:5].lower() == "<link":
            attributes = _attributes(tag)
            if "canonical" in attributes.get("rel", "").lower().split() and attributes.get("href"):
                return attributes["href"].strip()
        at = markup.find("canonical", at + 1, end)
    return None


def prerender_status(markup: str, end: int) -> int | None:
    """The status a prerender meta tag in the head (before `end`) asks for, or None."""
    at = markup.find("render", 0, end)
    while at >= 0:
        named = any(markup.startswith(name, at - name.index("render")) for name in _PRERENDER_NAMES)
        tag = _tag_around(markup, at) if named else None
        content = _attributes(tag).get("content", "").strip() if tag and tag[:5].lower() == "<meta" else ""
        if content.isdigit():
            return int(content)
        at = markup.find("render", at + 1, end)
    return None


def not_found_template(markup: str, body: int) -> str | None:
    """The class of the <body> tag at `body` naming a CMS's not-found template ('error404'), or None."""
    end = markup.find(">", body) if body >= 0 else -1
    if end < 0:
        return None
    classes = _attributes(markup[body:end + 1]).get("class", "").lower().split()
    return next((name for name in classes if name in NOT_FOUND_TEMPLATES), None)
