"""PageLook: a fetched page as the error-page, wall and sameness checks read it.

Most pages are judged by their title alone; the text is extracted only when a cheap search
of the markup finds a word such a page would hold. The judgements themselves live in
errorpages and linkstatus.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator, Sequence
from functools import cached_property
from urllib.parse import urljoin, urlsplit

from ..pagetext import content_kind, decode_body, html_text
from .errorpages import (
    PROSE_LINE,
    envelope_error_reason,
    error_page_reason,
    trouble_reason,
    wall_reason,
)
from .pagemarks import body_start, canonical_href, head_end, not_found_template, prerender_status
from .urlpaths import is_deep_link

LOOK_LIMIT = 1_000_000  # bytes of a page read for the error-page checks: error pages are small
SHORT_PAGE_MARKUP = 300_000  # larger markup is not searched line by line for error phrases
TROUBLE_MARKUP = 50_000  # bytes: larger markup is no maintenance or server-error page


# The title is looked for in the page's own case: lower-casing can change a text's length ('İ'
# becomes two characters), so positions found in a lowered copy would be off. Each tag is one
# search from where the last ended: a page of unclosed tags costs one pass, not one per tag.
TITLE_LIMIT = 200_000
_TITLE_OPEN = re.compile(r"<title\b", re.IGNORECASE)
_TITLE_CLOSE = re.compile(r"</title", re.IGNORECASE)


class PageLook:
    """A page as the error-page and sameness checks read it, parsed only when needed.

    Most pages are judged by their title alone (a cheap scan); the full text is extracted
    only for a short page that mentions a not-found phrase, or to compare a page with its
    host's not-found page. Only the first LOOK_LIMIT bytes are read."""

    def __init__(self, decoded: str, kind: str) -> None:
        self.decoded = decoded
        self.kind = kind

    @classmethod
    def of(cls, body: bytes, content_type: str | None) -> PageLook | None:
        """None for content that is not HTML or text (PDF, images): those are not judged."""
        kind = content_kind(content_type, body)
        if kind not in ("html", "text"):
            return None
        return cls(decode_body(body[:LOOK_LIMIT], content_type), kind)

    @cached_property
    def lowered(self) -> str:
        return self.decoded.lower()

    @cached_property
    def title(self) -> str:
        if self.kind != "html":
            return ""
        opening = _TITLE_OPEN.search(self.decoded, 0, TITLE_LIMIT)
        start = self.decoded.find(">", opening.end()) + 1 if opening else 0
        closing = _TITLE_CLOSE.search(self.decoded, start) if start else None
        return " ".join(html.unescape(self.decoded[start:closing.start()]).split()) \
            if closing else ""

    @cached_property
    def asks_password(self) -> bool:
        """Whether the markup holds a password field: a login form. (A plain search of the markup
        as written first: lowering the page and the field's pattern, which stops at every 'type'
        in it, cost more.)"""
        return self.kind == "html" and ("assword" in self.decoded or "ASSWORD" in self.decoded) \
            and _PASSWORD_FIELD.search(self.lowered) is not None

    @cached_property
    def asks_identity_provider(self) -> bool:
        """Whether the page is a form carrying a SAML sign-in request (`SAMLRequest`), which a
        script posts to the reader's identity provider at once: the sign-in step of a site
        behind single sign-on (Shibboleth's POST binding), not a page of its own."""
        return self.kind == "html" and len(self.decoded) <= FORM_MARKUP \
            and _SAML_REQUEST_FIELD.search(self.lowered) is not None

    @cached_property
    def text(self) -> str:
        return html_text(self.decoded)[0] if self.kind == "html" else self.decoded

    @cached_property
    def maybe_message(self) -> bool:
        """Whether the page is short enough and its markup holds a word of a not-found or
        blocked message: only then is its text extracted."""
        return len(self.decoded) <= SHORT_PAGE_MARKUP and \
            (any(p.search(self.lowered) for p in _MAYBE_LATIN)
             or (_OTHER_SCRIPTS.search(self.lowered) is not None
                 and any(p.search(self.lowered) for p in _MAYBE_OTHER)))

    def _message_text(self, read_text: bool) -> str:
        """The text the error-page, wall and trouble checks read: extracted only when it could
        matter (`maybe_message`); none with `read_text=False`, for a caller who reads the
        page's text anyway and judges it there (see `text_verdict`)."""
        return self.text if read_text and self.maybe_message else ""

    def error_page_reason(self, *, read_text: bool = True) -> str | None:
        """error_page_reason() of this page, extracting its text only when it could matter; or
        its application's state saying it rendered a not-found page."""
        return error_page_reason(self.title, self._message_text(read_text)) or self.state_reason()

    def state_reason(self) -> str | None:
        """A page's application state saying it is the not-found page: Next.js's __NEXT_DATA__
        naming the page '/404' (or '/_error' with status 404), or, on a small page, a
        'window.__STATE__ = {...}' whose envelope says not found (see envelope_error_reason).
        The state is decoded only when its marker is in the page: one search of the markup."""
        if self.kind != "html":
            return None
        at = self.decoded.find("__NEXT_DATA__")  # as Next.js writes it; the page's own case
        if at >= 0:
            return _next_data_reason(self.decoded, at)
        found = _window_state(self.decoded)
        if found is None:
            return None
        try:
            state, _end = json.JSONDecoder().raw_decode(self.decoded, found.end() - 1)
        except ValueError:
            return None
        return envelope_error_reason(state, "the page's application state")

    def block_reason(self, *, read_text: bool = True) -> str | None:
        """wall_reason() of this page: its title, and its text as error_page_reason reads it;
        or a small page with no text that only loads a bot manager's challenge."""
        return wall_reason(self.title, self._message_text(read_text)) or \
            self._challenge_resource() or self._script_only()

    def _script_only(self) -> str | None:
        """A page that shows nothing without its script and turns the reader away in <noscript>
        ('JavaScript is not available', 'Please enable JavaScript to continue'), and describes
        none of its content in its metadata either: a reader without a browser's script sees
        nothing of it. The page is there (blocked, never dead). The text is extracted only
        when such a notice is in the markup."""
        if self.kind != "html" or "<noscript" not in self.decoded:
            return None  # one search of the markup as written: lowering it costs a pass more
        notice = next((n for n in _noscript_contents(self.decoded) if _SCRIPT_NOTICE.search(n)), None)
        if notice is None or _DESCRIBED.search(self.lowered) or self.text.strip():
            return None
        said = " ".join(html.unescape(re.sub(r"<[^>]*>", " ", notice)).split())
        return f"the page needs JavaScript to show anything: it says {said[:80]!r}"

    def _challenge_resource(self) -> str | None:
        """A bot manager's challenge told by the resource it loads (Incapsula's iframe, DataDome's
        captcha script, Akamai's challenge), on a small page with no text of its own: a page that
        merely uses such a script has words around it."""
        if len(self.decoded) > CHALLENGE_MARKUP or self.kind != "html":
            return None
        found = next(filter(None, (p.search(self.lowered) for p in _CHALLENGE_RESOURCES)), None)
        if found is None or len(self.text.strip()) > CHALLENGE_TEXT:
            return None
        return f"a bot challenge: the page only loads {found.group()!r}"

    def marks_reason(self, cited: str, final: str) -> str | None:
        """What the page's markup says it is (see pagemarks): a CMS's not-found template or a
        prerender status of 404 or 410; or, for a deep link, the site's home or search page named
        as its canonical address by a page with no prose of its own (a listing served in place
        of the page: an article whose template points its canonical home still has its prose)."""
        if self.kind != "html":
            return None
        body = body_start(self.decoded)
        template = not_found_template(self.decoded, body)
        if template:
            return f"the page is the site's not-found template (body class {template!r})"
        end = head_end(self.decoded, body)
        if prerender_status(self.decoded, end) in (404, 410):
            return "the page tells prerendering services to answer it as not found (prerender-status-code)"
        href = canonical_href(self.decoded, end) if is_deep_link(cited) else None
        canonical = urljoin(final, href) if href else None
        if canonical is None or is_deep_link(canonical) or _bare_host(canonical) != _bare_host(final) \
                or any(len(line) >= PROSE_LINE for line in self.text.splitlines()):
            return None
        return f"a page with no prose of its own names the site's home or search page as its address ({canonical})"

    @cached_property
    def is_bare_form(self) -> bool:
        """Whether a small page's text is no more than a form's labels and the site's name."""
        return len(self.decoded) <= FORM_MARKUP and len(self.text.strip()) <= FORM_TEXT

    @cached_property
    def is_shell(self) -> bool:
        """Whether the page is an application's shell: scripts and no text. Such a page is the
        same at every path by design, so sameness with a nonexistent path says nothing."""
        return self.kind == "html" and "<script" in self.lowered and not self.text.strip()

    def trouble_reason(self, *, read_text: bool = True) -> str | None:
        """trouble_reason() of a small page: its title, and its text as error_page_reason reads
        it. A failing server's page is small; a page about an error (a reference page titled
        '500 Internal Server Error') is not."""
        if len(self.decoded) > TROUBLE_MARKUP:
            return None
        return trouble_reason(self.title, self._message_text(read_text))

    def signature(self, *noise: str) -> str:
        """Normalized title and text with the given strings (the requested path) removed, and
        every word holding a digit: request ids, tokens, timings and clocks change per request."""
        text = f"{self.title}\n{self.text}"
        for piece in sorted({n for n in noise if len(n) > 2}, key=len, reverse=True):
            text = text.replace(piece, " ")
        text = _VOLATILE.sub(" ", text)
        return " ".join(text.split()).lower()[:20_000]


# A cheap superset of the body phrases _NOT_FOUND knows: a page with none is not parsed.
# No word holds another ("trouv" finds "introuvable" too): each is one more pass over the page.
_MAYBE_NOT_FOUND = ("found", "find", "locate", "404", "removed", "deleted", "taken down", "for sale",
                    "parked", "410", "۴۰۴", "exist", "no longer", "gefunden", "trouv", "encontr",
                    "trovat", "gevonden", "найден", "существ", "یافت", "پیدا", "جود", "عثور",
                    "つかりません", "存在しません", "不存在", "找不到", "未找到", "bulunama",
                    "t available", "expired", "unavailable", "legal reason", "451", "temukan",
                    "tìm thấy", "tồn tại", "znalez", "istnie", "bestaat", "찾을 수", "존재하지",
                    "נמצא", "קיים", "існу", "ہیں ملا", "logged in", "log in to", "sign in to",
                    "suspend", "suspens", "gesperrt", "sospes", "private", "permission", "need access", "subscri", "free articles",
                    "accept all", "akzeptieren", "accepter", "aceptar todo", "human", "browser",
                    "back soon", "maintenance", "database", "internal error", "no text in",
                    "βρέθηκε", "υπάρχει", "hittas", "finns inte", "nenalezen", "găsit", "ไม่พบ", "नहीं मिल", "मौजूद नहीं", "haukupatikana", "haupo",
                    "যায়নি", "নেই", "található", "nem létezik", "löyty", "löydy", "not have an",
                    "fant ikke", "finnes ikke", "nenašla", "намерена", "пронађена", "pronađena",
                    "mogoče najti", "ne obstaja", "ei leitud", "nav atrasta", "neeksist", "nerastas",
                    "dijumpai", "wujud", "mahanap", "umiiral", "கிடைக்கவில்லை", "fannst ekki",
                    "nothing here", "n't here", "invited", "no results", "no matches", "no records", "n’t here", "been disabled", "or older", "years of age",
                    "been terminated", "been banned", "was banned", "goes by that", "no such",
                    "continue reading", "keep reading", "in your country", "only works in",
                    "stá disponible", "pas disponible", "plus disponible", "stá disponível",
                    "nicht verfügbar", "nicht mehr verfügbar", "nicht mehr online",
                    "nicht mehr abrufbar", "its privacy settings", "not a bot", "not a robot",
                    "security of your connection", "security check", "disable any ad",
                    "cookies to continue", "unusual activity", "unusual traffic",
                    "godta alle", "hyväksy kaikki", "tümünü kabul", "přijmout vše",
                    "accetta tutto", "aceitar todos", "godkänn alla",
                    "zaakceptuj wszystkie", "abonn", "suscript", "abbonat",
                    "wartung", "mantenimiento", "manutenzione", "connected to a", "حذف", "متوفر",
                    "متاح", "kaldırıl", "存在しない", "削除", "掲載期間", "삭제", "उपलब्ध नहीं",
                    "видален", "переміщ", "διαθέσιμ", "הוסר", "נמחק", "bị xóa", "删除", "刪除",
                    "tapılmadı", "mövcud deyil", "მოიძებნა", "არსებობს", "չի գտնվել",
                    "գոյություն չունի", "табылмады",
                    # Each word is tried wherever its first letter stands: a word for a language or
                    # a wording names the rarest-lettered word all its sentences hold ('faqja' for
                    # 'nuk u gjet', 'udalen' for the Welsh 'dudalen' and 'tudalen').
                    "domain", "dominio", "followers can", "be shown to", "members-only", "unlock this", "be displayed",
                    "before you are allowed", "was rejected", "your access to this", "be a problem with",
                    "faqja", "sahifa", "udalen", "aurkitu", "páxina", "bladsy", "ограничен", "пронајдена",
                    "знойдзен", "олдсонгүй", "सापडले नाही", "కనుగొనబడలేదు", "រកមិនឃើញ",
                    "retirad", "eliminad", "borrad", "despublicad", "удал", "снят", "отключ", "недоступ",
                    "не доступ", "显示", "顯示", "メンテナンス", "维护", "維護", "升级", "升級", "работы", "در حال",
                    "محذوف", "sealed", "restricted to", "ly available from", "ly accessible from", "entfernt",
                    "retiré", "supprimé", "rimoss", "t currently available", "lkenizde", "lgenizde", "ulaşılam",
                    "bulunmamaktad", "disponibile nel", "dihapus", "haipatikan", "haujapatikan", "٤٠٤",
                    "お住まい", "地域で", "国で", "국가에서", "지역에서", "دسترس", "זמינ", "走丢", "走丟", "不见了", "不見了",
                    "丢失", "丟失", "終了しました", "हटा", "إزالة", "اتبعته", "למצוא",
                    "bị gỡ", "tidak tersedia", "αφαιρ", "διαγρ", "ถูกลบ", "ถูกนำออก", "ไม่ถูกต้อง", "encountered an unexpected",
                    "売り出し", "販売中", "למכירה", "πωλ", "withheld", "legal complaint", "차단", "diblokir", "ระงับ",
                    "ปิดกั้น", "for registered")


def _by_first_character(words: Sequence[str]) -> tuple[re.Pattern[str], ...]:
    """The words as one alternation per first character: re skips ahead to a literal first
    character quickly, where an alternation of words with different first characters is tried
    at every position. On the matching bench's 38 KB pages (python -m bench.matching builds
    them; 47 of 50 hold none of the words): 440 us for these passes, 675 us for one `in` per
    word, and 610 us with the other scripts' words in one alternation (210 us for that pass
    alone). This runs on every page whose text the fetching process reads itself."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(re.escape(word))
    return tuple(re.compile("|".join(group)) for group in groups.values())


# The words of other scripts are looked for only on a page holding a letter of one: a single
# pass of _OTHER_SCRIPTS over a page in a Latin script costs about what three passes for words
# cost, and saves the forty-odd passes of those words (a quarter of the time of all the passes).
_OTHER_SCRIPTS = re.compile("[\u0370-\u0fff\u10a0-\u10ff\u1780-\u17ff\u3040-\u30ff\u4e00-\u9fff"
                            "\uac00-\ud7af]")
_MAYBE_LATIN = _by_first_character([w for w in _MAYBE_NOT_FOUND if not _OTHER_SCRIPTS.match(w)])
_MAYBE_OTHER = _by_first_character([w for w in _MAYBE_NOT_FOUND if _OTHER_SCRIPTS.match(w)])


STATE_MARKUP = 50_000  # characters: a page's application state is read only on a page this small
_WINDOW_STATE = re.compile(r"window\.__[A-Z][A-Z_]*__\s*=\s*\{")
_NEXT_ERROR_PAGE = re.compile(r'"page"\s*:\s*"/(404|_error)"')


def _window_state(markup: str) -> re.Match[str] | None:
    """The first 'window.__STATE__ = {' within STATE_MARKUP, found by a plain search for
    'window.__' (a search with the pattern itself costs several times more)."""
    at = markup.find("window.__", 0, STATE_MARKUP)
    while at >= 0:
        found = _WINDOW_STATE.match(markup, at, STATE_MARKUP)
        if found is not None:
            return found
        at = markup.find("window.__", at + 1, STATE_MARKUP)
    return None


def _next_data_reason(markup: str, at: int) -> str | None:
    """Whether the __NEXT_DATA__ script found at `at` names Next.js's not-found page."""
    start = markup.find(">", at) + 1
    end = markup.find("</script", start)
    if start <= 0 or end < 0 or _NEXT_ERROR_PAGE.search(markup, start, end) is None:
        return None
    try:
        data = json.loads(markup[start:end])
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    props = data.get("props")
    page_props = props.get("pageProps") if isinstance(props, dict) else None
    status = page_props.get("statusCode") if isinstance(page_props, dict) else None
    if data.get("page") == "/404" or status in (404, 410):
        return f"the page is the site's not-found page (Next.js page {data.get('page')!r})"
    return None


FORM_MARKUP = 30_000  # characters: a page that is only a login form is small (a news page's sign-in box is not)
FORM_TEXT = 200  # characters of text such a page shows: labels, a button, the site's name
CHALLENGE_MARKUP = 20_000  # bytes: a challenge page is small
CHALLENGE_TEXT = 100  # characters of text ('Please enable JS') a challenge page may show
_CHALLENGE_RESOURCES = _by_first_character(("/_incapsula_resource", "captcha-delivery.com",
                                            "/_sec/cp_challenge/", ".awswaf.com/", "sucuri_cloudproxy"))
NOSCRIPT_CHARS = 2000  # a <noscript> notice is short; a longer one holds the page itself


def _noscript_contents(markup: str) -> Iterator[str]:
    """The content of each short <noscript> element, found by plain searches: most pages hold
    one (a tracking pixel's fallback), and a regular expression looking for it would read the
    whole page a character at a time."""
    at = markup.find("<noscript")
    while at >= 0:
        opened = markup.find(">", at) + 1
        closed = markup.find("</noscript", opened) if opened else -1
        if closed < 0:
            return
        if closed - opened <= NOSCRIPT_CHARS:
            yield markup[opened:closed]
        at = markup.find("<noscript", closed)


# Only a notice turning the reader away: 'JavaScript is not available', '… is disabled in this
# browser', 'enable JavaScript … to continue'. An application's own 'You need to enable
# JavaScript to run this app' is its shell, a live page (the link-status sets' judgement).
_SCRIPT_NOTICE = re.compile(r"\bjavascript (?:is (?:not available|disabled|turned off)|must be "
                            r"enabled)|\b(?:enable|turn on|activate)\b[^<]{0,40}\bjavascript\b"
                            r"[^<]{0,60}\bto (?:continue|proceed|view|use)\b|switch to a supported "
                            r"browser", re.IGNORECASE)
# A page's description of its own content in its metadata (a video's, a post's).
_DESCRIBED = re.compile(r"""<meta\b[^>]*(?:name|property)\s*=\s*["']?(?:og:|twitter:)?description\b""")
_VOLATILE = re.compile(r"\S*\d\S*")
_SAML_REQUEST_FIELD = re.compile(r"""<input\b[^>]*\bname\s*=\s*["']?samlrequest\b""")
_PASSWORD_FIELD = re.compile(r"""type\s*=\s*["']?password\b""")


def _bare_host(url: str) -> str:
    """A URL's host name without 'www.': the same site either way."""
    return (urlsplit(url).hostname or "").removeprefix("www.")
