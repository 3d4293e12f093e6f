"""Whether a page served with 200 reads as an error page: its title, or lines of a short page.

Titles are judged segment by segment ('404 - Page not found | Site'). Body lines count only
on a short page, and only when a not-found phrase is (nearly) the whole sentence, so a short
article that mentions 'the page has been removed' in passing, or a reference table listing
'404 Not Found' among other status codes, is not an error page. A parked domain ('This
domain is for sale') is judged the same way: it no longer holds what was cited.
"""

from __future__ import annotations

import re
import unicodedata

SOFT_404_TEXT_LIMIT = 3000  # a page longer than this is not judged by its body lines
SITE_NAME_WORDS = 3  # 'Page not found: Example News'
SENTENCE_SHARE = 0.6  # a not-found clause must be this much of its sentence
PROSE_LINE = 140  # characters: a line this long is a paragraph of prose, not template text
PROSE_LINES = 2  # a short page with this many paragraphs is an article quoting a message


def _fold(text: str) -> str:
    """Accents and other combining marks removed (página -> pagina, найдена -> наидена)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _compile(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{_fold(p)})" for p in patterns))


_NOUN = r"(page|file|article|story|content|document|post|resource|item|url|link|video|entry)"
_YOU = r"( you( are|re| were)? (looking for|requested|tried to reach))?"
_DET = r"(the |this |that |your )?"
# Phrases that make a whole line (or title segment) an error message.
_NOT_FOUND = _compile([
    r"(error )?(http )?(404|410)( error)?( page)?( not found| gone| page not found)?( error)?",
    r"(error )?(404 )?(the |this )?" + _NOUN + _YOU + r" (is |was )?not found",
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
_MISSING_CLAUSE = _compile([
    _DET + _NOUN + _YOU + r" (does not|doesnt|did not|no longer|dont) exists?( anymore)?",
    _DET + _NOUN + _YOU + r" (could not|couldnt|cannot|can not|cant) be (found|located)",
    r"(we |i )?(could not|couldnt|cannot|can not|cant|were unable to|are unable to|were not able to) "
    r"(find|locate) " + _DET + _NOUN + _YOU,
    _DET + _NOUN + r" (has been|have been|was|is) (removed|deleted|taken down|unpublished)",
    _DET + _NOUN + _YOU + r" (is |was )?no longer available",
    _DET + _NOUN + r" (is not|isnt) available( anymore| any more)?$",  # not '... in your country'
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
])
_PARKED = _compile([
    r"(this |the )?domain( name)?( [\w-]+( [\w-]+)?)? (is|may be|might be|could be) for sale",
    r"buy this domain( name)?",
    r"this domain (is|has been) (parked|registered)( [\w ]+)?",
])
_NOISE = re.compile(r"^((oops|whoops|sorry|uh oh|hmm|ooops|error|lo sentimos|leider)\s+)+"
                    r"|(\s+(error\s+)?(404|410)(\s+error)?)+$")
_SITE_SEPARATORS = re.compile(r"\s[|\-–—·•»]\s|[|–—·•»]")  # 'Page not found | Site'
_SENTENCE_END = re.compile(r"[.!?。！？]+(\s|$)")
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


def _mostly(pattern: re.Pattern[str], sentence: str) -> bool:
    """Whether a match of pattern is at least SENTENCE_SHARE of the sentence."""
    return any(m.end() - m.start() >= SENTENCE_SHARE * len(sentence)
               for m in pattern.finditer(sentence) if m.group())


def says_not_found(line: str) -> bool:
    """Whether a line or title segment is a not-found message (apologies and codes aside)."""
    for sentence in filter(None, (normalize(s) for s in _SENTENCE_END.split(line))):
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


def _is_article(lines: list[str]) -> bool:
    """Several paragraphs of prose: an article (a tutorial, a news story) that quotes an
    error message, not an error page, whose text is a line or two of template."""
    prose = [line for line in lines if len(line) >= PROSE_LINE and not says_not_found(line)]
    return len(prose) >= PROSE_LINES


def error_page_reason(title: str, text: str) -> str | None:
    """Why a 200 page reads as an error page (its title, or a line of a short page), or None."""
    for part in _title_parts(title):
        if says_not_found(part):
            return f"the page title says {title.strip()!r}"
        if _says_parked(part):
            return f"a parked domain: the page title says {title.strip()!r}"
    if len(text) > SOFT_404_TEXT_LIMIT:
        return None
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if _lists_statuses(lines) or _is_article(lines):
        return None
    for line in lines:
        if len(line) < 160 and says_not_found(line):
            return f"the page says {line!r}"
        if len(line) < 160 and _says_parked(line):
            return f"a parked domain: the page says {line!r}"
    return None
