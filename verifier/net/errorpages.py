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
from typing import NamedTuple

SOFT_404_TEXT_LIMIT = 3000  # a page longer than this is not judged by its body lines
SITE_NAME_WORDS = 3  # 'Page not found: Example News'
SENTENCE_SHARE = 0.6  # a not-found clause must be this much of its sentence
PROSE_LINE = 140  # characters: a line this long is a paragraph of prose, not template text
PROSE_LINES = 2  # a short page with this many paragraphs is an article quoting a message
HEADLINE_WORDS = 5  # a title segment this long naming an error is a headline about it


def _fold(text: str) -> str:
    """Accents and other combining marks removed (página -> pagina, найдена -> наидена)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _compile(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{_fold(p)})" for p in patterns))


class _Clauses(NamedTuple):
    """Clause patterns and a pre-scan for words every one of them needs.

    A long alternation whose branches open with optional words is tried branch by branch at
    every character, ~4 µs a character; most sentences (a headline in a page title) hold none
    of the words the clauses need, and a search for those alone is a hundred times cheaper.
    test_errorpages checks that each branch needs one of them."""

    pattern: re.Pattern[str]
    needs: re.Pattern[str]


def _clauses(patterns: list[str], needs: list[str]) -> _Clauses:
    return _Clauses(_compile(patterns), _compile(needs))


_NOUN = r"(page|file|article|story|content|document|post|resource|item|url|link|video|entry)"
# Where the page was looked for: 'the page you were looking for in this blog does not exist'.
_WHERE = r"( (in|on|from) (this|our|the) (blog|site|website|server|forum|wiki|shop|store))?"
_YOU = r"( you( are|re| were)? (looking for|requested|tried to reach))?" + _WHERE
_DET = r"(the |this |that |your )?(requested |specified |selected )?"
_GONE_NOUN = r"(page|video|content|post|article|story|file|document)"  # no 'item': a product
# Phrases that make a whole line (or title segment) an error message.
_NOT_FOUND = _compile([
    r"(error )?(http )?(404|410)( error)?( page)?( not found| gone| page not found)?( error)?",
    r"(error )?(404 )?" + _DET + _NOUN + _YOU + r" (is |was )?not found" + _WHERE,
    r"(this )?" + _GONE_NOUN + r" (is )?unavailable",  # 'Video unavailable', not 'Currently unavailable'
    r"(halaman|laman) tidak ditemukan|không tìm thấy trang|nie znaleziono strony|"
    r"페이지를 찾을 수 없습니다|(הדף|העמוד) לא נמצא|сторінку не знайдено|صفحہ (نہیں ملا|موجود نہیں)",
    r"not found",
    r"(the |this |that )?" + _NOUN + r" (is )?no longer available",
    r"(seite|datei) nicht gefunden|fehler 404",
    r"page (non trouvee|introuvable)|erreur 404",
    r"pagina no encontrada|pagina non trovata|pagina niet gevonden|pagina nao encontrada",
    r"страница не найдена|ошибка 404",
    r"(خطای )?404|صفحه (مورد نظر )?(یافت نشد|پیدا نشد|وجود ندارد)|(یافت نشد|پیدا نشد)",
    r"الصفحة (غير موجودة|المطلوبة غير موجودة)|لم يتم العثور على الصفحة",
    r"页面不存在|找不到页面|页面未找到",
])
# Clauses that say a page is missing wherever they stand in a sentence.
_MISSING_CLAUSE = _clauses([
    _DET + _NOUN + _YOU + r" (does not|doesnt|did not|no longer|dont) exists?( anymore)?",
    _DET + _NOUN + _YOU + r" (could not|couldnt|cannot|can not|cant) be (found|located)",
    r"(we |i )?(could not|couldnt|cannot|can not|cant|were unable to|are unable to|were not able to) "
    r"(find|locate) " + _DET + _NOUN + _YOU,
    _DET + _NOUN + r" (has been|have been|was|is) (removed|deleted|taken down|unpublished)",
    _DET + _NOUN + _YOU + r" (is |was )?no longer available",
    _DET + _NOUN + r" (is not|isnt) available( anymore| any more| right now| at the moment)?$",
    # not '... in your country': see _LEGAL_BLOCK
    _DET + _NOUN + r" (has|is) expired",
    r"(we |i )?(could not|couldnt|cannot|can not|cant|were unable to|are unable to) (seem to )?"
    r"find what (you are|youre|you were) looking for",
    r"no se (puede|pudo|ha podido) encontrar (la |esa |esta )?pagina( (que )?(buscas|busca|solicitada))?",
    r"(la |cette )?page (demandee |que vous recherchez )?(est )?(introuvable|n existe pas|n existe plus)",
    r"(die |diese )?(angeforderte |gesuchte )?seite (wurde |konnte |kann )?(leider )?nicht gefunden"
    r"( werden)?",
    r"(die |diese )?(angeforderte |gesuchte )?seite existiert (leider )?nicht( mehr)?",
    r"(запрашиваемая |искомая |эта )?страница не найдена",
    r"(такой |этой |данной |запрашиваемой )?страницы не существует|страница не существует",
    r"(aradığınız |istediğiniz )?sayfa (bulunamadı|mevcut değil)",
    r"الصفحة( \S+){0,4} (غير موجودة|لم يتم العثور عليها)",
    r"صفحه( \S+){0,6} (یافت نشد|پیدا نشد|وجود ندارد)",
    r"(la )?pagina (que (buscas|busca|buscaba|solicitaste|solicito|has solicitado) )?no existe",
    r"(お探しの|指定された|ご指定の)?ページ(は|が)(見つかりません|存在しません)(でした)?",
    r"halaman( yang (anda |kamu )?(cari|minta|tuju))? tidak (ditemukan|ada|tersedia)",
    r"trang( \S+){0,4} (không tồn tại|không tìm thấy|đã bị xóa)",
    r"strona( \S+){0,3} (nie istnieje|nie została znaleziona)",
    r"(de |deze )?pagina( \S+){0,4} (bestaat niet( meer)?|kon niet (worden )?gevonden( worden)?)",
    r"(요청하신 )?페이지(를|가) (찾을 수 없습니다|존재하지 않습니다)",
    r"(הדף|העמוד)( \S+){0,2} (אינו קיים|לא קיים|לא נמצא)",
    r"сторінк[аиу]( \S+){0,4} не (існує|знайдена)",
    r"صفح[ہے]( \S+){0,7} موجود نہیں( ہے)?",
    r"(la )?pagina( \S+){0,3} (non è stata trovata|non esiste( più)?)",
    r"(a )?página( que (você )?(procura|está procurando|solicitou))? não (existe|foi encontrada)",
], needs=[r"exist|found|locat|find|remov|delet|taken down|unpublish|availab|expired|encontrar|"
          r"introuvable|seite|страниц|sayfa|الصفحة|صفح|pagina|ページ|halaman|trang|strona|"
          r"페이지|הדף|העמוד|сторінк"])
# A page kept from the reader until they log in: 'Please log in to view this page'.
_LOGIN_REQUIRED = _clauses([
    r"(you (must|need to|have to) |please |(the|this) \w+ requires you to )(be )?(registered and )?"
    r"(logged in|log in) to (view|see|read|access) (this|the) \w+",
], needs=["log"])
# A page kept from the reader by law or by where the reader is: blocked, not missing.
_LEGAL_BLOCK = _clauses([
    r"(this |the )?\S+( \S+)? (is )?(not available|unavailable) (in|from) your "
    r"(country|region|location|area|territory)",
    r"(error )?(http )?(451 )?unavailable (due to|for) legal reasons",
], needs=["available"])
_PARKED = _clauses([
    r"(this |the )?domain( name)?( [\w-]+( [\w-]+)?)? (is|may be|might be|could be) for sale",
    r"buy this domain( name)?",
    r"this domain (is|has been) (parked|registered)( [\w ]+)?",
], needs=["domain"])
_NOISE = re.compile(r"^((oops|whoops|sorry|uh oh|hmm|ooops|error|lo sentimos|leider|oeps|maaf|"
                    r"spiacenti|ops|desculpe|на жаль)\s+)+"
                    r"|(\s+(error\s+)?(404|410)(\s+error)?|\s+error)+$")
_SITE_SEPARATORS = re.compile(r"\s[|\-–—·•»]\s|[|–—·•»]")  # 'Page not found | Site'
_SENTENCE_END = re.compile(r"[.!?。！？۔]+(\s|$)")
# A path or URL a message quotes ('The requested page "/node/7" could not be found', 'Page not
# found at /blog/x/'), with the 'at' or colon that leads in to it: it is the link, not words.
_QUOTED_PATH = re.compile(r"""(\s(at|for|on)|:)?\s*["'“”‘’]?([a-z][a-z0-9+.-]*://\S+|(?<![\w/])/[^\s"'“”‘’]*)"""
                          r"""["'“”‘’]?""", re.I)
_STATUS_LINE = re.compile(r"\s*([1-5]\d\d)\s+[A-Za-z]")
_APOSTROPHES = re.compile(r"['’`]")
_PUNCTUATION = re.compile(r"[^\w\s]")


def normalize(text: str) -> str:
    """Lower case, ASCII digits, no accents or punctuation: for phrase matching."""
    text = text.lower()
    if not text.isascii():
        text = _fold("".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text))
    text = _APOSTROPHES.sub("", text)
    return " ".join(_PUNCTUATION.sub(" ", text).split())


def _mostly(clauses: _Clauses, sentence: str) -> bool:
    """Whether a match of the clauses is at least SENTENCE_SHARE of the sentence."""
    return clauses.needs.search(sentence) is not None and any(
        m.end() - m.start() >= SENTENCE_SHARE * len(sentence)
        for m in clauses.pattern.finditer(sentence) if m.group())


def _sentences(line: str) -> list[str]:
    """A line's sentences, normalized, any path or URL it quotes left out."""
    if "/" in line:
        line = _QUOTED_PATH.sub(" ", line)
    return [n for n in map(normalize, _SENTENCE_END.split(line)) if n]


def says_not_found(line: str) -> bool:
    """Whether a line or title segment is a not-found message (apologies and codes aside)."""
    for sentence in _sentences(line):
        stripped = _NOISE.sub("", sentence) or sentence
        if _NOT_FOUND.fullmatch(sentence) or _NOT_FOUND.fullmatch(stripped) \
                or _mostly(_MISSING_CLAUSE, stripped):
            return True
    return False


def _says_parked(line: str) -> bool:
    return any(_mostly(_PARKED, normalize(s)) for s in _SENTENCE_END.split(line) if s.strip())


def _title_parts(title: str) -> list[str]:
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
    return parts


def _lists_statuses(lines: list[str]) -> bool:
    """A page listing several HTTP status codes is about them, not an error page itself."""
    codes = {m.group(1) for m in map(_STATUS_LINE.match, lines) if m}
    return len(codes) >= 3


def _is_article(lines: list[str], message: int) -> bool:
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


def _message_line(lines: list[str]) -> tuple[int, str] | None:
    """The first short line that is a not-found or parked-domain message: (index, reason)."""
    for i, line in enumerate(lines):
        if len(line) < 160 and says_not_found(line):
            return i, f"the page says {line!r}"
        if len(line) < 160 and _says_parked(line):
            return i, f"a parked domain: the page says {line!r}"
    return None


def error_page_reason(title: str, text: str) -> str | None:
    """Why a 200 page reads as an error page (its title, or a line of a short page), or None."""
    for part in _title_parts(title):
        if says_not_found(part):
            return f"the page title says {title.strip()!r}"
        if _says_parked(part):
            return f"a parked domain: the page title says {title.strip()!r}"
    if len(text) > SOFT_404_TEXT_LIMIT or _about_the_error(title):
        return None
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    found = _message_line(lines)
    if found is None or _lists_statuses(lines) or _is_article(lines, found[0]):
        return None
    return found[1]


def wall_reason(title: str, text: str) -> str | None:
    """Why a 200 page stands between the reader and the page: a legal or regional block ('This
    content is not available in your region', '451: Unavailable due to legal reasons') or a
    login demand ('You must be logged in to view this topic'). The page exists: blocked."""
    for part in _title_parts(title):
        if any(_mostly(_LEGAL_BLOCK, s) for s in _sentences(part)):
            return f"a legal or regional block: the page title says {title.strip()!r}"
    if len(text) > SOFT_404_TEXT_LIMIT:
        return None
    for line in filter(None, map(str.strip, text.splitlines())):
        if len(line) >= 160:
            continue
        sentences = _sentences(line)
        if any(_mostly(_LEGAL_BLOCK, s) for s in sentences):
            return f"a legal or regional block: the page says {line!r}"
        if any(_mostly(_LOGIN_REQUIRED, s) for s in sentences):
            return f"a login wall: the page says {line!r}"
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
    for envelope in _envelopes(data):
        for key, value in envelope.items():
            name = str(key).lower()
            if name in _JSON_STATUS_KEYS and str(value).strip() in ("404", "410"):
                return f"the JSON answer says {key}: {value}"
            if name in _JSON_MESSAGE_KEYS and isinstance(value, str) and says_not_found(value):
                return f"the JSON answer says {key}: {value!r}"
    return None


def _envelopes(data: object) -> list[dict[object, object]]:
    """The top-level object of a JSON answer and its 'error' object, if any."""
    if not isinstance(data, dict):
        return []
    inner = data.get("error")
    return [data, inner] if isinstance(inner, dict) else [data]
