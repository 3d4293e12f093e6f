"""Whether a page served with 200 reads as an error page: its title, or lines of a short page.

Titles are judged segment by segment ('404 - Page not found | Site'). Body lines count only
on a short page, and only when a not-found phrase is (nearly) the whole sentence, so a short
article that mentions 'the page has been removed' in passing, or a reference table listing
'404 Not Found' among other status codes, is not an error page. A parked domain ('This
domain is for sale') is judged the same way: it no longer holds what was cited.

Walls are told apart from missing pages: a short page saying the content is not available in
the reader's region, unavailable for legal reasons, or only for readers who log in, is a page
that exists (blocked). A small JSON answer is judged by its envelope ('error', 'status').
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache

from .errorwords import (
    AGE_GATE,
    CHALLENGE_TEXT,
    CONSENT_BUTTON,
    CONSENT_CHOICE,
    CONSENT_PLAIN_BUTTON,
    CONSENT_TOPIC,
    DEFAULT_PAGE,
    LEGAL_BLOCK,
    LINK_WARNING,
    LOGIN_REQUIRED,
    MISSING_CLAUSE,
    NOT_FOUND,
    PARKED,
    PAYWALL,
    RESTRICTED,
    TROUBLE,
    TROUBLE_TITLE,
)
from .phrases import Clauses, Words, fold

SOFT_404_TEXT_LIMIT = 3000  # a page longer than this is not judged by its body lines
SITE_NAME_WORDS = 3  # 'Page not found: Example News'
SENTENCE_SHARE = 0.6  # a not-found clause must be this much of its sentence
PROSE_LINE = 140  # characters: a line this long is a paragraph of prose, not template text
MESSAGE_LINE = 160  # characters: a line this long is no message line ('Page not found')
PROSE_LINES = 2  # a short page with this many paragraphs is an article quoting a message
OPENING_MESSAGE = 100  # characters: a not-found sentence opening a paragraph is short
CONTENT_LINE = 40  # characters: a line this long beside a consent dialog is the page's own
CONSENT_BUTTON_LINE = 30  # characters: 'Accept all cookies', 'Alle akzeptieren'
CONSENT_BUTTONS_LINE = 80  # characters: 'Accept all cookies Reject non-essential Manage preferences'
HEADLINE_WORDS = 5  # a title segment this long naming an error is a headline about it


# Apologies before a message and codes after it ('Sorry, page not found (404)').
_NOISE_LEAD = re.compile(r"((oops|whoops|sorry|uh oh|hmm|ooops|error|lo sentimos|leider|oeps|maaf|"
                         r"spiacenti|ops|desculpe|на жаль)\s+)+")
_NOISE_TAIL = re.compile(r"(\s+(error\s+)?(404|410)(\s+error)?|\s+error)+$")
_NOISE_TAIL_ENDS = ("error", "404", "410")  # the last word of any _NOISE_TAIL
_SITE_SEPARATORS = re.compile(r"\s[|\-–—·•»]\s|[|–—·•»]")  # 'Page not found | Site'
_SENTENCE_END = re.compile(r"[.!?。！？۔।]+(\s|$)")
# A path or URL a message quotes ('The requested page "/node/7" could not be found', 'Page not
# found at /blog/x/'), with the 'at' or colon that leads in to it: it is the link, not words.
_QUOTED_PATH = re.compile(r"""(\s(at|for|on)|:)?\s*["'“”‘’]?([a-z][a-z0-9+.-]*://\S+|(?<![\w/])/[^\s"'“”‘’]*"""
                          r"""(\s[^\s/"'“”‘’]+/[^\s"'“”‘’]*)*)"""
                          r"""["'“”‘’]?""", re.I)
# A quotation that ends a sentence and is followed by who said it ('“This post was deleted,”
# the platform now shows'): reported speech, not the page's own message.
_REPORTED_SPEECH = re.compile(r"""[,.!?]["”»]\s*\w""")
_STATUS_LINE = re.compile(r"\s*([1-5]\d\d)\s+[A-Za-z]")  # '404 Not Found'
_STATUS_NAMED = re.compile(r"[A-Za-z][A-Za-z' -]*\(([1-5]\d\d)\)\s*$")  # 'Not Found (404)', a table's cell
_APOSTROPHES = re.compile(r"['’`]")
_PUNCTUATION = re.compile(r"[^\w\s]")


def normalize(text: str) -> str:
    """Lower case, ASCII digits, no accents or punctuation: for phrase matching."""
    text = text.lower()
    if not text.isascii():
        text = fold("".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text))
    text = _APOSTROPHES.sub("", text)
    return " ".join(_PUNCTUATION.sub(" ", text).split())


def _mostly(clauses: Clauses, sentence: str) -> bool:
    """Whether a match of the clauses, starting at a word, is at least SENTENCE_SHARE of the
    sentence.

    Such a match starts in the sentence's first words, so only those starts are tried: the
    alternation costs tens of microseconds at each position, and a headline holding a needed
    word by chance ('here' in 'there') cost milliseconds searched through."""
    if not sentence or clauses.needs.search(sentence) is None:
        return False
    need = SENTENCE_SHARE * len(sentence)
    latest = len(sentence) - need
    pattern = clauses.ascii_pattern if sentence.isascii() else clauses.pattern
    start = 0
    while start <= latest:
        found = pattern.match(sentence, start)
        if found is not None and found.end() - start >= need:
            return True
        start = sentence.find(" ", start) + 1
        if start == 0:
            break
    return False


@lru_cache(maxsize=256)
def _sentences(line: str) -> tuple[str, ...]:
    """A line's sentences, normalized, any path or URL it quotes left out.

    Kept for the page's next question: a title segment or short line is read by wall_reason,
    trouble_reason and error_page_reason in turn."""
    if "/" in line:
        line = _QUOTED_PATH.sub(" ", line)
    return tuple(n for n in map(normalize, _SENTENCE_END.split(line)) if n)


@lru_cache(maxsize=8)
def _lines(text: str) -> tuple[str, ...]:
    """A page's text as its non-blank lines, stripped (kept for the page's next question)."""
    return tuple(line for line in map(str.strip, text.splitlines()) if line)


def says_not_found(line: str) -> bool:
    """Whether a line or title segment is a not-found message (apologies and codes aside)."""
    return any(map(_not_found_sentence, _sentences(line)))


def _not_found_sentence(sentence: str) -> bool:
    """Whether a normalized sentence is a not-found message."""
    stripped = _without_noise(sentence) or sentence
    return NOT_FOUND.fullmatch(sentence) is not None \
        or (stripped != sentence and NOT_FOUND.fullmatch(stripped) is not None) \
        or _mostly(MISSING_CLAUSE, stripped)


def _without_noise(sentence: str) -> str:
    """A normalized sentence without the apologies before its message and the codes after it.
    The codes are searched for only in a sentence ending with one: a search for them from every
    position cost more than all the rest of a title's not-found test."""
    lead = _NOISE_LEAD.match(sentence)
    rest = sentence[lead.end():] if lead else sentence
    return _NOISE_TAIL.sub("", rest) if rest.endswith(_NOISE_TAIL_ENDS) else rest


@lru_cache(maxsize=64)
def _title_parts(title: str) -> tuple[str, ...]:
    """Title segments. A colon splits off a site name ('Site: Page not found', 'Page not
    found: Site') but not a headline's topic ('Not Found: The Search for Amelia Earhart'):
    a piece before a colon counts only when what follows is as short as a site name."""
    parts: list[str] = []
    for part in _SITE_SEPARATORS.split(title):
        pieces = part.split(":")
        parts.append(part)
        if len(pieces) > 1:
            parts.append(pieces[-1])
            parts += [p for p, rest in zip(pieces, pieces[1:], strict=False)
                      if len(rest.split()) <= SITE_NAME_WORDS]
    return tuple(parts)


_BARE_CODE = re.compile(r"(error )?(http )?(404|410)( error)?")


def _a_work_named_by_a_code(title: str) -> bool:
    """A title with a bare '404' segment beside one of HEADLINE_WORDS or more ('404 – song and
    lyrics by Example Artist'): the code is the name of a work, here and in the page's heading;
    beside a site name ('404 | Example News') it is the status."""
    parts = [normalize(part) for part in _SITE_SEPARATORS.split(title)]
    return any(_BARE_CODE.fullmatch(part) for part in parts) and \
        any(len(part.split()) >= HEADLINE_WORDS for part in parts)


def _bare_code(sentences: tuple[str, ...]) -> bool:
    return bool(sentences) and all(_BARE_CODE.fullmatch(s) for s in sentences)


def _lists_statuses(lines: tuple[str, ...]) -> bool:
    """A page naming two or more HTTP statuses on lines of their own ('404 Not Found', 'Conflict
    (409)': a reference or an API's table of error codes) is about them; an error page names
    its one status."""
    codes = {m.group(1) for line in lines if len(line) < MESSAGE_LINE
             for m in (_STATUS_LINE.match(line) or _STATUS_NAMED.match(line),) if m}
    return len(codes) >= 2


def _is_article(lines: tuple[str, ...], message: int) -> bool:
    """Several paragraphs of prose, one of them before the message at lines[message]: an
    article (a tutorial, a news story) that quotes an error message. An error page leads
    with its message; prose after it (teasers of other stories) does not make it an article."""
    prose = [i for i, line in enumerate(lines) if len(line) >= PROSE_LINE and not says_not_found(line)]
    return len(prose) >= PROSE_LINES and prose[0] < message


_ERROR_TOPIC = re.compile(r"\b(404|410)\b|\bnot found\b")


def _about_the_error(title: str) -> bool:
    """A headline that names an error without being an error title ('Error 404 when uploading
    files · Issue #12'): the page discusses the error, and the message it quotes is no verdict.
    A short segment ('Profile not found') is a message, not a headline about one."""
    return any(len(part.split()) >= HEADLINE_WORDS and _ERROR_TOPIC.search(part)
               for part in map(normalize, _SITE_SEPARATORS.split(title)))


def _message_line(lines: tuple[str, ...], *, codes_are_names: bool = False) -> tuple[int, str] | None:
    """The first short line that is a not-found or parked-domain message, or the first
    paragraph that opens with a not-found sentence ('There is currently no text in this page.
    You can search for ...'): (index, reason). With `codes_are_names`, a line that is only
    '404' names the work the title names."""
    first_paragraph = next((i for i, line in enumerate(lines) if len(line) >= MESSAGE_LINE), None)
    for i, line in enumerate(lines):
        if _REPORTED_SPEECH.search(line):
            continue
        if i == first_paragraph:
            opening = _SENTENCE_END.split(line, 1)[0]
            if len(opening) < OPENING_MESSAGE and says_not_found(opening):
                return i, f"the page says {opening!r}"
            continue  # no short line, so no parked-domain message
        if len(line) >= MESSAGE_LINE:
            continue
        sentences = _sentences(line)  # read once for both questions
        if codes_are_names and _bare_code(sentences):
            continue
        if any(map(_not_found_sentence, sentences)):
            return i, f"the page says {line!r}"
        if any(_mostly(PARKED, s) for s in sentences):
            return i, f"a parked domain: the page says {line!r}"
    return None


def error_page_reason(title: str, text: str) -> str | None:
    """Why a 200 page reads as an error page (its title, or a line of a short page), or None."""
    if DEFAULT_PAGE.fullmatch(normalize(title)):
        return f"a web server's default page stands where the site was: the title says {title.strip()!r}"
    named = ("404" in title or "410" in title) and _a_work_named_by_a_code(title)
    for part in _title_parts(title):
        sentences = _sentences(part)
        if named and _bare_code(sentences):
            continue
        if any(map(_not_found_sentence, sentences)):
            return f"the page title says {title.strip()!r}"
        if any(_mostly(PARKED, s) for s in sentences):
            return f"a parked domain: the page title says {title.strip()!r}"
    if not text or len(text) > SOFT_404_TEXT_LIMIT or _about_the_error(title):
        return None
    lines = _lines(text)
    found = _message_line(lines, codes_are_names=named)
    if found is None or _lists_statuses(lines) or _is_article(lines, found[0]):
        return None
    return found[1]


_TITLE_WALLS = ((LEGAL_BLOCK, "a legal or regional block"), (PAYWALL, "a paywall"),
                (CHALLENGE_TEXT, "a bot challenge"), (LINK_WARNING, "a link-safety warning"))
# One pre-scan for the three: a title holding none of their words is skipped at once.
_TITLE_WALL_WORDS = Words(tuple(word for c, _ in _TITLE_WALLS for word in c.words))
_LINE_WALLS = ((LEGAL_BLOCK, "a legal or regional block"), (LOGIN_REQUIRED, "a login wall"),
               (CHALLENGE_TEXT, "a bot challenge"), (AGE_GATE, "an age check"),
               (LINK_WARNING, "a link-safety warning"), (RESTRICTED, "restricted access"))


def wall_reason(title: str, text: str) -> str | None:
    """Why a 200 page stands between the reader and the page: a legal or regional block ('This
    content is not available in your region', '451: Unavailable due to legal reasons'), a
    login or access demand ('You must be logged in to view this topic', 'This video is
    private'), a bot challenge in words, a paywall or a cookie-consent dialog with nothing of
    the page around it. The page exists: blocked."""
    for part in _title_parts(title):
        for sentence in filter(_TITLE_WALL_WORDS.search, _sentences(part)):
            for clauses, what in _TITLE_WALLS:
                if _mostly(clauses, sentence):
                    return f"{what}: the page title says {title.strip()!r}"
    if not text or len(text) > SOFT_404_TEXT_LIMIT:
        return None
    lines = _lines(text)
    short = {line: _sentences(line) for line in lines if len(line) < MESSAGE_LINE}
    return _wall_line(short) or _bare_wall(lines, short)


def _wall_line(short: dict[str, tuple[str, ...]]) -> str | None:
    """A short line (given with its sentences) that keeps every reader out, whatever else the
    page holds."""
    for line, sentences in short.items():
        for clauses, what in _LINE_WALLS:
            if any(_mostly(clauses, s) for s in sentences):
                return f"{what}: the page says {line!r}"
    return None


def _bare_wall(lines: tuple[str, ...], short: dict[str, tuple[str, ...]]) -> str | None:
    """A paywall notice or a cookie-consent dialog on a page with no prose of its own: a page
    showing its lead under the notice is the page (the lead can be quoted), one showing only
    the notice keeps the page from the reader."""
    notice = next((line for line, sentences in short.items()
                   if any(_mostly(PAYWALL, s) for s in sentences)), None)
    if notice and not any(len(line) >= PROSE_LINE for line in lines):
        return f"a paywall: the page says {notice!r}"
    spoken_of = any(CONSENT_TOPIC.search(normalize(line)) for line in lines)
    consent = next((line for line in lines if _consent_buttons(line, plain=spoken_of)), None)
    if consent and not any(len(line) >= CONTENT_LINE and not CONSENT_TOPIC.search(normalize(line))
                           for line in lines if line != consent):
        return f"a cookie-consent dialog with no page behind it: the page says {consent!r}"
    return None


# Buttons set side by side with no space between them in the markup read as one glued line
# ('Accept allReject allManage options'): a capital after a small letter starts the next one.
_GLUED_WORDS = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])")


def _consent_buttons(line: str, *, plain: bool = False) -> bool:
    """A consent dialog's 'Accept all', alone on its line or beside the dialog's other choices
    ('Accept all cookies Reject non-essential Manage preferences': buttons set side by side,
    with or without a space between them). With `plain`, a bare 'Accept' counts too: the page
    speaks of cookies or privacy beside it."""
    if len(line) > CONSENT_BUTTONS_LINE:
        return False
    words = normalize(_GLUED_WORDS.sub(" ", line))
    button = CONSENT_BUTTON.fullmatch(words) or (plain and CONSENT_PLAIN_BUTTON.fullmatch(words))
    if button:
        return len(line) <= CONSENT_BUTTON_LINE
    rest = " ".join(CONSENT_CHOICE.sub(" ", words).split())
    return bool(CONSENT_BUTTON.fullmatch(rest) or (plain and CONSENT_PLAIN_BUTTON.fullmatch(rest)))


def trouble_reason(title: str, text: str) -> str | None:
    """Why a 200 page is a maintenance or server-error page ('We'll be back soon', 'Error
    establishing a database connection', a title '500 Internal Server Error'): the site is
    down for now, which says nothing of the page (an error, not a soft 404). The caller
    asks only of a small page: a reference page titled '500 Internal Server Error' is long."""
    for part in _title_parts(title):
        if TROUBLE_TITLE.fullmatch(normalize(part)):
            return f"a maintenance or server-error page: the title says {title.strip()!r}"
    if len(text) > SOFT_404_TEXT_LIMIT:
        return None
    for line in _lines(text):
        if len(line) < MESSAGE_LINE and any(_mostly(TROUBLE, s) for s in _sentences(line)):
            return f"a maintenance or server-error page: the page says {line!r}"
    return None


JSON_LIMIT = 16_000  # bytes: an API's error answer is small; a larger document is data
_JSON_STATUS_KEYS = frozenset({"status", "code", "statuscode", "status_code", "errorcode", "error_code"})
_JSON_MESSAGE_KEYS = frozenset({"error", "message", "detail", "error_message", "errormessage", "msg",
                                "reason"})


def json_error_reason(body: bytes) -> str | None:
    """Why a small JSON answer served with 200 is an API's not-found error ('{"error": "not
    found"}', '{"status": 404, ...}'), or None. Only the envelope is read (and an 'error'
    object in it), never a record's own fields such as its title."""
    if len(body) > JSON_LIMIT:
        return None
    try:
        data = json.loads(body)
    except ValueError:
        return None
    return envelope_error_reason(data, "the JSON answer")


def envelope_error_reason(data: object, what: str) -> str | None:
    """Why a decoded JSON envelope (an API's answer, a page's application state) says not
    found: a status or code of 404 or 410 or one naming it ('NOT_FOUND', 'ResourceNotFound'),
    or a message reading as a not-found message; None otherwise."""
    for envelope in _envelopes(data):
        for key, value in envelope.items():
            name = str(key).lower()
            if name in _JSON_STATUS_KEYS and (str(value).strip() in ("404", "410") or _names_not_found(value)):
                return f"{what} says {key}: {value}"
            if name in _JSON_MESSAGE_KEYS and isinstance(value, str) and says_not_found(value):
                return f"{what} says {key}: {value!r}"
    return None


XML_ERROR_LIMIT = 8_000  # bytes: a storage service's error answer is a few hundred
# A storage service's error document (Amazon S3, Google Cloud Storage, Azure Blob Storage,
# MinIO, Ceph): '<Error><Code>NoSuchKey</Code>...', served with 200 by a CDN or proxy in front.
_XML_ERROR = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]{0,200}\?>\s*)?<Error>\s*<Code>([A-Za-z_.]{1,60})</Code>")
_MISSING_CODE = re.compile(r"nosuch\w+|\w*notfound", re.I)


def xml_error_reason(body: bytes) -> str | None:
    """Why a small XML answer is a storage service's error for a missing object ('NoSuchKey',
    'BlobNotFound'), or None."""
    found = _XML_ERROR.match(body) if len(body) <= XML_ERROR_LIMIT else None
    code = found.group(1).decode("ascii") if found else ""
    return f"the storage service's XML answer says Code: {code}" if _MISSING_CODE.fullmatch(code) else None


_CODE_WORDS = re.compile(r"(?<=[a-z])(?=[A-Z])|[_\-.]+")


def _names_not_found(value: object) -> bool:
    """Whether an error code names a missing thing: 'NOT_FOUND', 'ResourceNotFound', 'page-not-found'."""
    return isinstance(value, str) and len(value) <= 40 and says_not_found(_CODE_WORDS.sub(" ", value))


def _envelopes(data: object) -> list[dict[object, object]]:
    """The top-level object of a JSON answer, its 'error' object, and the objects of an
    'errors' list (GraphQL's '{"data": null, "errors": [{"message": "Article not found"}]}')."""
    if not isinstance(data, dict):
        return []
    inner = data.get("error")
    listed = data.get("errors")
    found = [data, inner] if isinstance(inner, dict) else [data]
    if isinstance(listed, list):
        found += [item for item in listed[:10] if isinstance(item, dict)]
    return found
