"""What a reader sees of an HTML document: its visible text, one line per block.

lxml is used directly (an order of magnitude faster than BeautifulSoup): only shown text is
kept (script, style, noscript, template, comments, hidden elements and struck-out words go,
and so do a section of reader comments named by its id, an advertisement named by its class
and a correction note, which repeats retracted words; an <iframe> whose document is written inline in its srcdoc shows that
document, read in its place; an application shell or a paywalled page whose text is shorter
than the article it declares in its JSON-LD shows that article once its scripts have run or
its reader has subscribed, so the article is read after the page's text; a page showing more
text than its declared article has shown its own; so is a shell built in the browser from its
JSON data, see hydration.py); block elements become line breaks while
inline elements join without a break, so a word split across <em>/<span> stays one word, and
a drop-cap joins its word. Entities arrive decoded.

libxml2 builds no tree deeper than 2,048 elements and stops parsing there, losing the rest of
the page. Such pages (thousands of unclosed <div> or <font> tags) are read a second time as a
stream of parser events, which has no depth limit, so their text is never silently cut.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator

from lxml import etree

from .hydration import DATA_SCRIPT_TYPE, data_size, hydration_strings, is_markup, shell_text

# Never shown to a reader (or shown as widgets, not prose). A <ruby> annotation (<rt>, the
# reading set small above a Japanese or Chinese word, and <rp>, its fallback parentheses) is
# not part of the sentence: read inline, it would put the reading inside every quoted word.
# Words struck out (<del>, <s>, <strike>: a correction's retracted figure, an amended clause)
# are shown crossed through as no longer the page's: the sentence reads without them.
DROP = frozenset({
    "script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object",
    "embed", "canvas", "audio", "video", "select", "datalist", "textarea", "dialog", "map",
    "rt", "rp", "del", "s", "strike",
})
# A <template> is inert, except one declaring a shadow root (<template shadowrootmode="open">,
# "shadowroot" before 2023): the browser renders its content as its element's, and a site
# built of web components serves its article so.
SHADOW_ROOT_ATTRIBUTES = ("shadowrootmode", "shadowroot")
# Elements that start a new line of text; every other element is inline.
BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "center", "dd", "details",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "legend", "li", "main", "menu", "nav",
    "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "ul", "title", "body", "html", "option", "output",
})
BREAK = "\ue001"  # a block boundary, told apart from line breaks in the source's text

_PER_THREAD = threading.local()  # lxml parsers and stylesheets are not shared between threads
_STYLE_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# The parser lower-cases names. "//*/@a", not "//@a": only elements have attributes, and libxml2
# walks "//*" as one pass over the elements where "//@a" asks every text node too (about 0.1 M
# instructions less a 40 KB news page).
_HIDING_ATTRIBUTES = etree.XPath("//*/@hidden | //*/@style")
# Most pages name a stylesheet early on, so the search usually stops in the first lines.
_HIDING_HINTS = (b"style", b"hidden", b"STYLE", b"HIDDEN", b"Style", b"Hidden")
_DEPTH_LIMIT = etree.ErrorTypes.ERR_RESOURCE_LIMIT
# A page's reader comments are not its words: a quotation only a commenter typed is not in the
# source. Publishing systems give the section an id saying so (WordPress, Disqus, most news
# sites). The parser keeps a table of ids, so XPath's id() finds them in a few lookups: the
# table costs about 0.3 us per id while parsing, where a walk over every element's @id costs
# as much on a page of 200 ids and 25 us more on the matching bench's pages, which have two.
_COMMENT_SECTION_IDS = ("comments", "comment-list", "commentlist", "comments-list",
                        "comments-area", "comments-section", "comment-section",
                        "comments-container", "disqus_thread")
_COMMENT_SECTIONS = frozenset((*_COMMENT_SECTION_IDS,  # ids are case-sensitive: both forms
                               *(name.capitalize() for name in _COMMENT_SECTION_IDS)))
_COMMENT_SECTION_ELEMENTS = etree.XPath(f"id('{' '.join(sorted(_COMMENT_SECTIONS))}')")
# An advertisement set inside the story ("<div class='ad-slot'>Advertisement …</div>" between
# two halves of a sentence) is not the source's words: read, it splits a quotation it sits in.
# Only class names that say nothing but "advertisement" count ('ad-supported', 'shadow' do
# not).
_AD_CLASSES = frozenset({"ad", "ads", "advert", "adverts", "advertisement", "advertisements",
                         "adsbygoogle", "ad-slot", "ad-unit", "ad-container", "ad-wrapper",
                         "ad-banner", "ad-placeholder", "inline-ad", "dfp-ad", "google-ad"})
# The class attributes holding the letters "ad", found by libxml2's XPath in C: a news page
# has hundreds of classed elements and a handful of ad slots, and reading every class in
# Python costs several times more (as does a search of the bytes that must then find the
# elements). Each value found knows its element (lxml's smart strings). Class names are
# written in lower case; folding case first would double the cost. About a fifth of lxml's
# parse of a 40 KB news page: the price of quotations no longer split by an inline ad.
_CLASSES_WITH_AD = etree.XPath("//*/@class[contains(., 'ad')]")  # "//*/": see _HIDING_ATTRIBUTES


def _ad_elements(root: etree._Element) -> list[etree._Element]:
    """The elements whose class names an advertisement (see _AD_CLASSES)."""
    return [value.getparent() for value in _CLASSES_WITH_AD(root) if _is_ad(str(value))]

# The walk over the tree runs inside libxslt: several times faster than a loop in Python. A
# shadow root's <template> is a block (the stream reader's _LINE_TAGS); its pattern outranks
# the bare "template" among the dropped ones (priority 0.5 to 0).
_VISIBLE_TEXT_XSLT = f"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:output method="text" encoding="utf-8"/>
<xsl:template match="{'|'.join(sorted(DROP))}"/>
<xsl:template match="{'|'.join(sorted(BLOCK))}|template[{' or '.join('@' + name for name in SHADOW_ROOT_ATTRIBUTES)}]"><xsl:text>&#xE001;</xsl:text><xsl:apply-templates/><xsl:text>&#xE001;</xsl:text></xsl:template>
</xsl:stylesheet>"""


def _parser() -> etree.HTMLParser:
    parser: etree.HTMLParser | None = getattr(_PER_THREAD, "parser", None)
    if parser is None:
        # collect_ids: the table of ids finds the reader comments (see _COMMENT_SECTIONS).
        parser = etree.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True,
                                  encoding="utf-8", no_network=True, collect_ids=True)
        _PER_THREAD.parser = parser
    return parser


def _transform() -> etree.XSLT:
    transform: etree.XSLT | None = getattr(_PER_THREAD, "visible_text", None)
    if transform is None:
        transform = _PER_THREAD.visible_text = etree.XSLT(etree.XML(_VISIBLE_TEXT_XSLT))
    return transform


def parse_html(markup: bytes) -> tuple[etree._Element | None, bool]:
    """(root element, whether the parse stopped at the depth limit) of UTF-8 markup."""
    parser = _parser()
    try:
        root = etree.fromstring(markup, parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None, False
    cut = bool(parser.error_log.filter_types([_DEPTH_LIMIT]))
    return root, cut


def visible_text(root: etree._Element, markup: bytes, *, cut: bool = False,
                 depth: int = 0) -> str:
    """What a reader sees of a parsed document (`markup` is what `root` was parsed from).

    `cut`: the tree stopped at libxml2's depth limit, so the markup is read as a stream;
    `depth`: how many inline frames (see _inline_frame_documents) this document sits in."""
    if cut:
        return collapse_whitespace(_streamed_text(markup), correction_notes=False)
    if any(hint in markup for hint in _HIDING_HINTS):  # searching the bytes costs far less
        for value in _HIDING_ATTRIBUTES(root):
            if value.attrname == "hidden" or _STYLE_HIDDEN.search(value):
                _remove_keeping_tail(value.getparent())
    for section in _COMMENT_SECTION_ELEMENTS(root):
        _remove_keeping_tail(section)
    for element in _ad_elements(root):
        _remove_keeping_tail(element)
    if b"srcdoc" in markup and depth < _FRAME_NESTING:
        _inline_frame_documents(root, depth)
    _bracket_note_numbers(root)
    if _has_number_links(markup):
        _bracket_note_links(root)
    text = collapse_whitespace(str(_transform()(root)), correction_notes=False)
    if b"articleBody" in markup and _declared_size(markup) > len(text):
        article = declared_article(root)
        if len(text) < len(article) and not _shows(text, article):
            text = f"{text}\n{article}" if text else article
    if DATA_SCRIPT_TYPE in markup and shell_text(text) and data_size(markup) > len(text):
        text = _with_hydration_prose(root, text)
    return text


def _with_hydration_prose(root: etree._Element, text: str) -> str:
    """The page's text, then each line of its hydration data's prose that it does not show
    (see hydration.py): all of it for a shell rendered in the browser, none for a page
    rendered on the server from the same data."""
    flat = text.replace("\n", " ")
    lines: list[str] = []
    for value in hydration_strings(root):
        read = _fragment_text(value) if is_markup(value) else \
            collapse_whitespace(value.replace("\n", BREAK))
        lines += [line for line in read.split("\n") if line and line not in flat]
    return "\n".join([text, *lines] if text else lines)


def _declared_size(markup: bytes) -> int:
    """Bytes of the longest articleBody string written in the markup: the article has no more
    characters than that (escapes and UTF-8 only shrink when read), so a page whose text is
    longer needs no look at its JSON-LD (finding and reading it costs a twentieth of the
    page's reading)."""
    longest = 0
    at = markup.find(b'"articleBody"')
    while at != -1:
        opening = markup.find(b'"', at + 13)
        if opening == -1:
            break
        if markup[at + 13:opening].strip() == b":":  # not microdata's itemprop="articleBody"
            closing = markup.find(b'"', opening + 1)
            while closing != -1 and _escaped(markup, closing):
                closing = markup.find(b'"', closing + 1)
            if closing == -1:
                break
            longest = max(longest, closing - opening - 1)
        at = markup.find(b'"articleBody"', opening)
    return longest


def _escaped(data: bytes, at: int) -> bool:
    """Whether the character at `at` follows an odd number of backslashes."""
    backslashes = 0
    while at > backslashes and data[at - backslashes - 1] == 0x5C:
        backslashes += 1
    return backslashes % 2 == 1


# A correction note ("Correction, 7 March: An earlier version of this article quoted her as
# saying ...") repeats retracted words to say they were wrong: they are not what the page says.
_CORRECTION_NOTE = re.compile(
    r"[•*\-–— ]*(?i:(?:corrections?|clarifications?)\b[^\n:]{0,40}:"
    r"|an earlier version of this (?:article|story|report|piece|post)\b"
    r"|this (?:article|story|report|piece|post) (?:was|has been) (?:amended|corrected)\b)")
# The letters such a note opens with: a line opening otherwise needs no look (a fifth of the
# cost of one search of the page's text, measured).
_NOTE_INITIALS = frozenset("CcAaTt•*-–—")


_STRUCTURED_DATA = etree.XPath("//script[contains(@type, 'ld+json')]")
_ARTICLE_PROBE_WORDS = 8  # the article's first and last words, looked for in the page's text


def _shows(text: str, article: str) -> bool:
    """Whether the page's text shows the article from its first words to its last: a teaser
    (the first paragraphs of a paywalled article) shows the first only. Paragraphs may break
    where the declared article runs on."""
    words, flat = article.split(), text.replace("\n", " ")
    return " ".join(words[:_ARTICLE_PROBE_WORDS]) in flat and \
        " ".join(words[-_ARTICLE_PROBE_WORDS:]) in flat


def declared_article(root: etree._Element) -> str:
    """The longest article body the page declares in its JSON-LD (schema.org's articleBody),
    one paragraph a line; "" when it declares none. News sites declare it for search engines,
    and an application shell renders its article from such data."""
    bodies: list[str] = []
    for script in _STRUCTURED_DATA(root):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        bodies.extend(_article_bodies(data))
    if not bodies:
        return ""
    body = max(bodies, key=len)
    if "</" in body:  # some publishing systems declare the body's markup
        return _fragment_text(body)
    return collapse_whitespace(body.replace("\n", BREAK))


def _fragment_text(fragment: str) -> str:
    """The visible text of an HTML fragment held in a string (a JSON article body)."""
    markup = fragment.encode("utf-8", "surrogatepass")
    framed, cut = parse_html(markup)
    return visible_text(framed, markup, cut=cut) if framed is not None else ""


def _article_bodies(data: object) -> Iterator[str]:
    """Every articleBody string in a JSON-LD document, however deeply nested (@graph)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "articleBody" and isinstance(value, str):
                yield value
            else:
                yield from _article_bodies(value)
    elif isinstance(data, list):
        for item in data:
            yield from _article_bodies(item)


_INLINE_FRAMES = etree.XPath("//iframe[@srcdoc]")
_FRAME_NESTING = 3  # a srcdoc may hold an iframe with a srcdoc of its own: read this deep


def _inline_frame_documents(root: etree._Element, depth: int) -> None:
    """An <iframe srcdoc="..."> shows the document in its srcdoc inside the page, where
    every reader sees it (an embedded statement, a syndicated box): that document's visible
    text takes the frame's place, one block per line. A frame with only a src shows another
    address and stays dropped."""
    for frame in _INLINE_FRAMES(root):
        parent = frame.getparent()
        if parent is None:
            continue
        document = frame.get("srcdoc", "").encode("utf-8", "surrogatepass")
        framed, cut = parse_html(document)
        block = etree.Element("div")
        if framed is not None:
            block.text = visible_text(framed, document, cut=cut, depth=depth + 1)
            block.text = block.text.replace("\n", BREAK)
        block.tail = frame.tail
        parent.replace(frame, block)


def _hides(attrib: dict[str, str]) -> bool:
    """Whether an element's attributes keep it from being read: hidden, hidden by its style,
    an id naming the page's reader comments, or a class naming an advertisement."""
    return "hidden" in attrib or bool(_STYLE_HIDDEN.search(attrib.get("style", ""))) or \
        attrib.get("id") in _COMMENT_SECTIONS or _is_ad(attrib.get("class"))


def _is_ad(classes: str | None) -> bool:
    """Whether an element's class list names it an advertisement (see _AD_CLASSES)."""
    return bool(classes) and not _AD_CLASSES.isdisjoint(str(classes).lower().split())


# One footnote number or several ("2,3", "4–6"), or a note letter ("a").
_NOTE_NUMBERS = re.compile(r"\d{1,3}(?:\s?[,;\u2013-]\s?\d{1,3})*")
_NOTE_LETTER = re.compile(r"[a-z]")
_NUMBER = re.compile(r"\d{1,3}")
_POWERS = frozenset({"2", "3"})  # m², km³: after a unit, a superscript 2 or 3 is a power


def _bracket_note_numbers(root: etree._Element) -> None:
    """A bare superscript footnote number ("until 1919.<sup>6</sup> Its") reads as "[6]", the
    form the matcher already passes over as a citation marker; read as text it would join
    the sentence ("1919.6 Its") and turn a faithful quotation into a partial one. Several
    numbers ("<sup>2,3</sup>") read as "[2][3]", and a note letter after a word in lower case
    ("prices<sup>a</sup>") as "[a]". A superscript after a digit (10<sup>6</sup>, 2<sup>e</sup>),
    a 2 or 3 after a letter (km<sup>2</sup>), or a letter after a capital (XIX<sup>e</sup>
    siècle) is part of what it follows and stays as it is.

    The elements are found by lxml's own walk (a microsecond on a news page), where an
    XPath query or a search of the markup for "<sup" costs tens of microseconds."""
    for sup in list(root.iter("sup")):
        marker = _note_marker("".join(sup.itertext()).strip(), _text_before(sup))
        if marker is None:
            continue
        for child in list(sup):
            _remove_keeping_tail(child)
        sup.text = marker


_IN_PAGE_LINK = b'href="#'
_NUMBER_LINK_BYTES = 12  # a link's number (three digits at most) with spaces around it
# Links to a place on the same page whose text is a number of up to three digits (a note
# numbered past 999 is no note), found by libxml2 in C: a news page's hundred links are not
# brought into Python one by one.
_NUMBER_LINKS = etree.XPath(
    "//a[starts-with(@href, '#') and string-length(normalize-space()) <= 3"
    " and normalize-space() != '' and translate(normalize-space(), '0123456789', '') = '']")
_OPENING_BRACKETS = "[(（"  # a linked number the page brackets itself ("[<a>4</a>, …]")


def _has_number_links(markup: bytes) -> bool:
    """Whether some link to a place on the page shows a bare number (see _bracket_note_links),
    told from the bytes: most pages have a link or two to "#main" and none of these, and a
    query of the tree (or a template in the walk over it) costs a few per cent of reading the
    page. Publishing systems write the address in double quotes."""
    at = markup.find(_IN_PAGE_LINK)
    while at != -1:
        opened = markup.find(b">", at)
        closed = markup.find(b"</a>", opened)
        if opened != -1 and 0 < closed - opened - 1 <= _NUMBER_LINK_BYTES \
                and markup[opened + 1:closed].strip().isdigit():
            return True
        at = markup.find(_IN_PAGE_LINK, at + len(_IN_PAGE_LINK))
    return False


def _bracket_note_links(root: etree._Element) -> None:
    """A footnote reference set as a bare number linked to its note on the same page, glued
    to the text before it ("auditor<a href="#footnote-2">2</a> warned", "in 2019<a …>3</a>,",
    as Substack writes them, with no <sup>), reads as "[2]", as a superscript one does. A
    linked number after a space ("see paragraph <a href="#p12">12</a>") is the sentence's own,
    and one in the page's own brackets ("[<a href="#bib4">4</a>]") is a marker already."""
    for link in _NUMBER_LINKS(root):
        number = (link.text or "").strip()
        if len(link) or not number.isdigit():
            continue
        before = _text_before(link)
        if before and not before[-1].isspace() and before[-1] not in _OPENING_BRACKETS:
            link.text = f"[{number}]"


def _note_marker(text: str, before: str) -> str | None:
    """A superscript's text (after `before`) as citation markers ("[2][3]") when it is a
    footnote reference, None when it is a power or an ordinal's ending."""
    last = before[-1:]
    if last.isdigit():
        return None
    if _NOTE_LETTER.fullmatch(text):
        return f"[{text}]" if not (last.isalpha() and last.isupper()) else None
    if not _NOTE_NUMBERS.fullmatch(text) or (last.isalpha() and text in _POWERS):
        return None
    return "".join(f"[{number}]" for number in _NUMBER.findall(text))


def _text_before(el: etree._Element) -> str:
    """The text that ends just before an element (a previous sibling's, or its parent's)."""
    previous = el.getprevious()
    if previous is not None:
        return previous.tail or "".join(previous.itertext())
    parent = el.getparent()
    return (parent.text or "") if parent is not None else ""


def _remove_keeping_tail(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _is_shadow_root(tag: str, attrib: dict[str, str]) -> bool:
    """Whether an element is a <template> the browser renders (see SHADOW_ROOT_ATTRIBUTES)."""
    return tag == "template" and any(name in attrib for name in SHADOW_ROOT_ATTRIBUTES)


# The tags a line breaks around: a <template> read at all is a shadow root (an inert one is
# skipped), a block as in _VISIBLE_TEXT_XSLT.
_LINE_TAGS = BLOCK | {"template"}


class _VisibleTextEvents:
    """Parser target collecting visible text from start/end/data events, with no tree."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.skipping = 0  # depth inside a dropped or hidden element
        self.superscript: int | None = None  # where the open <sup>'s text starts in parts

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if self.skipping:
            self.skipping += 1
        elif tag in DROP and not _is_shadow_root(tag, attrib) or _hides(attrib):
            self.skipping = 1
        elif tag in _LINE_TAGS:
            self.parts.append(BREAK)
        elif tag == "sup" and self.superscript is None:
            self.superscript = len(self.parts)  # its text is judged at its end (see below)

    def end(self, tag: str) -> None:
        if self.skipping:
            self.skipping -= 1
        elif tag in _LINE_TAGS:
            self.parts.append(BREAK)
        elif tag == "sup" and self.superscript is not None:
            at, self.superscript = self.superscript, None
            marker = _note_marker("".join(self.parts[at:]).strip(),
                                  "".join(self.parts[max(0, at - 2):at]))
            if marker is not None:
                self.parts[at:] = [marker]

    def data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)

    def close(self) -> str:
        return "".join(self.parts)


def _streamed_text(markup: bytes) -> str:
    """Visible text from parser events: slower than the tree, but with no depth limit."""
    parser = etree.HTMLParser(target=_VisibleTextEvents(), remove_comments=True,
                              remove_pis=True, huge_tree=True, encoding="utf-8",
                              no_network=True)
    try:
        text: str = etree.fromstring(markup, parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return ""
    return text


def collapse_whitespace(text: str, *, correction_notes: bool = True) -> str:
    """Runs of whitespace (NBSP and other Unicode spaces included) become one space; each
    block keeps its own line; blank lines vanish, and with `correction_notes=False` so do
    correction notes (see _CORRECTION_NOTE: dropped here, in the one pass over the lines).

    Most blocks of a page are already clean (printable, single spaces, no edges to trim):
    they are kept as they are, and only the others are split and joined."""
    lines = []
    for block in text.split(BREAK):
        if not block:  # between two block boundaries: about half of a page's pieces
            continue
        if not (block.isprintable() and "  " not in block and block[:1] != " " != block[-1:]):
            block = " ".join(block.split())
        if block and (correction_notes or block[0] not in _NOTE_INITIALS
                      or _CORRECTION_NOTE.match(block) is None):
            lines.append(block)
    _join_drop_caps(lines)
    return "\n".join(lines)


def _join_drop_caps(lines: list[str]) -> None:
    """A block of its own holding one capital ("<div class=dropcap>T</div><p>he ...") is a
    drop-cap when the next block starts in lower case: the two are one word."""
    short = [i for i, length in enumerate(map(len, lines)) if length <= 2]
    for i in reversed(short):  # an initial never starts in lower case: no chains to follow
        if i + 1 < len(lines) and lines[i + 1][:1].islower() and _is_initial(lines[i]):
            lines[i:i + 2] = [lines[i] + lines[i + 1]]


def _is_initial(line: str) -> bool:
    letter = line.lstrip("\"'“‘«„")
    return len(letter) == 1 and letter.isupper()
