"""The prose of a page's hydration data: what a page built in the browser shows once its
script has run.

A site built with a JavaScript framework and rendered in the browser (Next.js, Nuxt,
SvelteKit ...) serves a thin shell (a menu, a "Loading…" skeleton, a footer) and its content
as JSON in a <script type="application/json">: Next.js's __NEXT_DATA__ (its article's markup
an HTML string, "<" written \\u003c), Nuxt's __NUXT_DATA__ (devalue's flattened array, one
string an item), SvelteKit's fetched data (a JSON text inside a string). Every reader's
browser renders that content, so a quotation of it is on the page. Its prose is the strings
of several words (or a run of letters of a script written without spaces), in the order the
data holds them; keys, identifiers, addresses and single words are no prose.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from lxml import etree

DATA_SCRIPT_TYPE = b"application/json"
_DATA_SCRIPTS = etree.XPath("//script[@type='application/json']")
PROSE_MIN_WORDS = 4
PARAGRAPH_MIN_CHARS = 160
# A string in a script written without spaces between words (Chinese, Japanese, Thai) is
# prose from this many letters on.
UNSPACED_PROSE_MIN_LETTERS = 10
_NESTED_JSON_OPENERS = ("{", "[")


def data_size(markup: bytes) -> int:
    """Bytes of the page's JSON data scripts, from each one's type to its end: the prose they
    hold is no longer. A page showing more text than that shows its data (it was rendered on
    the server, as most are) and needs no look at it: reading the data costs as much as
    reading the page."""
    size, at = 0, markup.find(DATA_SCRIPT_TYPE)
    while at != -1:
        end = markup.find(b"</script", at)
        if end == -1:
            return size + len(markup) - at
        size += end - at
        at = markup.find(DATA_SCRIPT_TYPE, end)
    return size


def shell_text(text: str) -> bool:
    """Whether a page's own text is a shell's: menus, labels and a footer, no paragraph of
    prose (a line of PARAGRAPH_MIN_CHARS characters). A page rendered on the server shows its
    paragraphs, whatever data it also carries for its scripts."""
    at = 0
    while (end := text.find("\n", at)) != -1:  # a news page's first paragraph ends the look
        if end - at >= PARAGRAPH_MIN_CHARS:
            return False
        at = end + 1
    return len(text) - at < PARAGRAPH_MIN_CHARS


def hydration_strings(root: etree._Element) -> list[str]:
    """The prose strings of the page's JSON data scripts, in their order; HTML strings (an
    article's markup) among them, to be read as markup."""
    found: list[str] = []
    for script in _DATA_SCRIPTS(root):
        data = _json(script.text or "")
        if data is not None:
            found.extend(value for value in _strings(data) if _is_prose(value))
    return found


def is_markup(value: str) -> bool:
    """Whether a data string is an HTML fragment (it closes an element)."""
    return "</" in value


def _json(text: str) -> object:
    try:
        return json.loads(text)
    except ValueError:
        return None


def _strings(data: object) -> Iterator[str]:
    """Every string value in a JSON document, depth first, a JSON text inside a string
    (SvelteKit's fetched "body") walked as a document of its own."""
    if isinstance(data, str):
        if data.startswith(_NESTED_JSON_OPENERS) and (nested := _json(data)) is not None:
            yield from _strings(nested)
        else:
            yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for item in data:
            yield from _strings(item)


def _is_prose(value: str) -> bool:
    if is_markup(value):
        return True
    if "://" in value[:12]:
        return False
    if len(value.split()) >= PROSE_MIN_WORDS:
        return True
    return not value.isascii() and sum(ch.isalpha() for ch in value) >= UNSPACED_PROSE_MIN_LETTERS \
        and " " not in value.strip()
