"""What a page's markup says it is, besides its words: the address its <link rel=canonical>
names, the template its <body> classes name (WordPress's 'error404', Magento's
'cms-no-route'), and the status a prerendering service is told to send with it
(<meta name="prerender-status-code" content="404">).

Each is read with plain searches of the lowered markup (the head's bounded by its '</head>'),
so a page without them costs a few scans at C speed.
"""

from __future__ import annotations

import html
import re

HEAD_LIMIT = 200_000  # characters: a head is looked for no further
# <body> classes a CMS gives its not-found template: WordPress 'error404', Shopify 'template-404',
# Magento 'cms-no-route'. Whole class names only: 'postid-404' is the post numbered 404.
NOT_FOUND_TEMPLATES = frozenset({"error404", "error-404", "page-404", "template-404", "cms-no-route",
                                 "cms-noroute-index", "page-not-found", "not-found-page"})
# Meta tags telling a prerendering service (prerender.io, Rendertron) which status to send.
_PRERENDER_NAMES = ("prerender-status-code", "render:status_code")
_ATTRIBUTE = re.compile(r"""([a-z:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def _attributes(tag: str) -> dict[str, str]:
    """A tag's attributes (names lowered), values unescaped."""
    return {m.group(1).lower(): html.unescape(next(g for g in m.groups()[1:] if g is not None))
            for m in _ATTRIBUTE.finditer(tag)}


def head_end(lowered: str) -> int:
    """Where the head ends ('</head'), or HEAD_LIMIT when it is not found before."""
    end = lowered.find("</head", 0, HEAD_LIMIT)
    return end if end >= 0 else min(len(lowered), HEAD_LIMIT)


def _tag_around(markup: str, lowered: str, at: int) -> str | None:
    """The tag holding position `at`, in the markup's own case, or None if `at` is text."""
    start = lowered.rfind("<", 0, at)
    end = lowered.find(">", at)
    if start < 0 or end < 0 or ">" in lowered[start:at]:
        return None
    return markup[start:end + 1]


def canonical_href(markup: str, lowered: str, end: int) -> str | None:
    """The href of the head's <link rel="canonical">, as written, or None. (Lowering can change
    a text's length, 'İ' becoming two characters: then the lowered tag is read.)"""
    markup = markup if len(markup) == len(lowered) else lowered
    at = lowered.find("canonical", 0, end)
    while at >= 0:
        tag = _tag_around(markup, lowered, at)
        if tag is not None and tag[:5].lower() == "<link":
            attributes = _attributes(tag)
            if "canonical" in attributes.get("rel", "").lower().split() and attributes.get("href"):
                return attributes["href"].strip()
        at = lowered.find("canonical", at + 1, end)
    return None


def prerender_status(lowered: str, end: int) -> int | None:
    """The status a prerender meta tag in the head asks for, or None."""
    for name in _PRERENDER_NAMES:
        at = lowered.find(name, 0, end)
        tag = _tag_around(lowered, lowered, at) if at >= 0 else None
        content = _attributes(tag).get("content", "").strip() if tag and tag.startswith("<meta") else ""
        if content.isdigit():
            return int(content)
    return None


def not_found_template(lowered: str) -> str | None:
    """The <body> class naming a CMS's not-found template ('error404'), or None."""
    at = lowered.find("<body")
    end = lowered.find(">", at) if at >= 0 else -1
    if end < 0:
        return None
    classes = _attributes(lowered[at:end + 1]).get("class", "").split()
    return next((name for name in classes if name in NOT_FOUND_TEMPLATES), None)
