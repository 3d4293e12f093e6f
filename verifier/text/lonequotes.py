"""Who speaks a quotation that is a paragraph of its own, with no attribution in it: news
writing attributes it in the paragraph around it. The paragraph before may end by reporting
the person ('Joseph Mkude, a fisherman …, said he had counted more than 200 people.'), or
the paragraph after may open on them ('Halima Juma, 31, was one of 96 people pulled alive …';
'That was Kimaro's statement to reporters …'). A short colon introduction with no subject
('Then, quietly: “…”') carries on the person who spoke last. A focus group's or survey's
quotation is signed in parentheses after it by the speaker's role ('(participant, Bolton)')."""

from __future__ import annotations

import re

from .phrases import adverb, tokenize
from .referents import Speaker
from .speakers import SpeakerFinder
from .speechverbs import PERSON_NOUNS

# 'That was Kimaro's statement', 'That is how Amina Yusuf described', 'This was what X told'
_THAT_WAS = re.compile(r"\s*(?:That|This)\s+(?:was|is)\s+(?:(?:what|how)\s+)?")
# what may follow the name a paragraph opens on: an appositive, an age, a verb
_NAME_THEN = re.compile(r"(?:[’']s\b|\s*,|\s+(?:was|is|had|has|said|says|told|recalled)\b)")
_BARE_INTRO = frozenset(("then", "and", "but", "later", "finally", "again", "still", "now",
                         "afterwards", "after", "that", ","))


def around_paragraph(finder: SpeakerFinder, paragraph: int,
                     paras: list[tuple[int, int]]) -> Speaker | None:
    """The person the paragraph before reports in its last sentence, else the person the
    paragraph after opens on."""
    if paragraph > 0:
        start, end = paras[paragraph - 1]
        last = max(finder.text.rfind(". ", start, end - 2), start)
        for event in reversed(finder.events):
            if event.paragraph < paragraph - 1:
                break
            if event.paragraph == paragraph - 1 and event.offset >= last \
                    and event.speaker.person:
                return Speaker(event.speaker.name, True, "continuation")
    if paragraph + 1 < len(paras):
        start, end = paras[paragraph + 1]
        lead = _THAT_WAS.match(finder.masked, start, end)
        pos = lead.end() if lead else start
        mention = next(iter(finder.names.between(pos, min(end, pos + 80))), None)
        if mention is not None and mention.start == pos and not mention.org and (
                mention.person_like or mention.titled) and _NAME_THEN.match(finder.masked,
                                                                            mention.end):
            return Speaker(finder.names.full_name(mention.name, mention.start), True, "name")
    return None


def bare_introduction(finder: SpeakerFinder, start: int, colon: int,
                      paragraph: int) -> Speaker | None:
    """'Then, quietly: “…”': an introduction of adverbs alone carries on the last speaker of
    this paragraph or the one before."""
    tokens = tokenize(finder.masked[start:colon])
    if not tokens or len(tokens) > 6 or not all(
            t.lower() in _BARE_INTRO or adverb(t.lower()) for t, _s in tokens):
        return None
    for event in reversed(finder.events):
        if event.paragraph < paragraph - 1:
            break
        if event.offset < start and event.speaker.person:
            return Speaker(event.speaker.name, True, "continuation")
    return None


# '“…” (participant, Bolton)', '“…” (respondent, 34, Leeds)': a role in lower case opening the
# parentheses right after the quotation, and where or who they are after a comma.
_ROLE_SIGNATURE = re.compile(r"[\s.,]*\((?P<role>[a-z][a-z\- ]{2,40}?)(?:,[^()\n]{1,60})?\)")


def signed_by_role(text: str, close_at: int, end: int) -> Speaker | None:
    """The role a quotation is signed with in parentheses after it, when it names a person."""
    m = _ROLE_SIGNATURE.match(text, close_at + 1, end)
    if m is None or m.group("role").split()[-1] not in PERSON_NOUNS:
        return None
    return Speaker(m.group("role"), True, "description")
