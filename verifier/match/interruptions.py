"""Words a page sets inside a quotation that are not the speaker's, so a match can look past them.

News writing splits a speaker's sentence with attribution: “I will not promise what I cannot
deliver,” Karimi said, “but I can promise …”; transcripts note the audience: "They said the
jobs were gone for good. (Applause.) Well, guess what?"; and a publishing system may drop a
"RELATED:" link between two paragraphs of one quotation. A document quoting the speaker
leaves all of these out, honestly. An interruption is:

- attribution: the few words from a closing quotation mark to the next opening one, within a
  paragraph;
- an audience note: a parenthesised or bracketed run of reaction words ("(Laughter and
  applause.)", "[CROSSTALK]");
- a writer's "(sic)", "[sic]" or "[sic!]" after a word reproduced as written: the quoted
  letter or speaker never wrote it;
- a citation marker of an encyclopedia, report or paper: "[12]", "[4, 11]", "[3–7]", "[a]",
  "[citation needed]", and Wikipedia's page reference after one ("[2]: 231");
- a short line with no quotation marks between a paragraph that leaves a quotation open and
  the paragraph that takes it up again: reopening it (the newspaper way of continuing a
  quotation), or going on with the broken-off sentence in lower case and closing it (a photo
  and its caption, an "Updated at 13.24" line, an advertisement label or a "Read more" box a
  publishing system set inside the sentence);
- a transcript's time code: "00:12:45", "[00:12:25]", "(12:25)" (a speaker says no seconds,
  and nobody says a bracketed time), and the "0:07" opening each cue of a video's transcript
  (a time alone at the start of its line, where several lines start so);
- a list's numbering opening its items' lines ("1.", "2)", "(b)", and a how-to's "Step 3"
  labels, on a line of their own or before the step's words), where at least two lines open
  so: a word processor's exported list or a recipe card quoted as running text;
- a thread's post counter closing its post's line ("… has not 3/7", "1/", "(2/5)"), where at
  least two lines end so: a thread unrolled into one page, a sentence going on in the next post;
- a court's citation sentence between two of its sentences ("See Oviatt ex rel. Waugh v.
  Pearce, 954 F.2d 1470, 1474 (9th Cir. 1992).", "Id. at 409."): see legalcites.py;
- a printed page's marker: "[[Page H1188]]" (the Congressional Record, the Federal Register),
  "[Page 12]", "[Pg 7]", "[p. 12]";
- an address written out in the text ("<https://...>" in a plain-text e-mail, "(https://...)"
  after a link's words in a print version): nobody reads a URL as part of the sentence;
- in a transcript laid out one turn a line ("MARIA LOPEZ: ..."), another speaker's short
  interjection ("Mm-hmm.") between a turn broken off mid-sentence and the same speaker's next
  turn, which goes on with it in lower case (after a dash or an ellipsis, if any: "— and") or
  repeats its last word ("until" / "Sorry. Until three"); a label may stand alone on its line,
  over the turn's words ("Dana Whitfield (00:00:15):", as Rev and Otter write transcripts).
"""

from __future__ import annotations

import bisect
import re

from .legalcites import citation_sentences

# "said Jane Doe, a spokeswoman for the Department of Homeland Security, in a statement":
# a speaker named with a role, and where or when, takes up to 16 words.
ATTRIBUTION_MAX_WORDS = 16
INSERTED_LINE_MAX_WORDS = 20
# A "Read more" box is a label, a headline and a standfirst: three lines, few words in all.
INSERTED_LINES_MAX = 3
INSERTED_WORDS_MAX = 40
INTERJECTIONS_MAX = 2  # other speakers' turns between a broken-off turn and its sequel
INTERJECTION_MAX_WORDS = 12  # words in each
RESUMED_AFTER_WORDS = 2  # a sequel may repeat the broken-off word after this many ("Sorry.")
PULL_QUOTE_MIN_WORDS = 4  # fewer words repeated elsewhere may be a chance echo
# How far from a pull-quote the words it repeats are looked for (some 8,000 words): a layout
# sets it near the sentence it repeats, and a bounded search keeps a page of thousands of such
# lines linear.
PULL_QUOTE_REACH = 50_000

_MARK_CHARS = "“”„\"«»「」『』"
_OPENING = frozenset("„«「『")
_CLOSING = frozenset("”»」』")
_WORD = re.compile(r"\w+")
_TIME_CODE = re.compile(r"[\[(]?\d{1,2}:\d\d:\d\d(?:[.,]\d{1,3})?[\])]?(?!\w|[:.,]\d)"
                        r"|[\[(]\d{1,2}:\d\d(?:[.,]\d{1,3})?[\])]")
# A cue's time at the start of its line ("0:07", "12:45") is read as a time code only where
# at least this many lines start with one: a transcript's cues, not a schedule's single time.
CUE_TIMES_MIN = 3
_CUE_TIME = re.compile(r"\d{1,2}:\d\d(?=\s|$)")
# A list item's number or letter, or a how-to's step label, opening its line (see _enumerators).
# Found after a line break: a search for a literal character runs far faster than a "^" tried
# at every position.
LIST_MARKERS_MIN = 2
_LIST_MARKER = re.compile(r"\n[ \t]*(\(?\d{1,3}[.)]|\(?[a-z]\)|\([a-z]\)"
                          r"|(?:step|schritt|étape|etape|paso|passo|stap)[ \t]+\d{1,3}[.:]?)"
                          r"(?=[ \t\n]|$)", re.I)
# A thread's post counter closing its line: "3/7", "(3/7)", "3/" (see _post_counters).
POST_COUNTERS_MIN = 2
_POST_COUNTER = re.compile(r"\(?(\d{1,3})/(\d{1,3})?\)?[ \t]*(?=\n|$)")
# An address: its scheme before a "://" (found with str.find), the rest after it, and the
# brackets a plain-text or print version sets around it.
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]{0,15}$", re.I)
_ADDRESS_REST = re.compile(r"://[^\s<>()\[\]\"“”]+[>)\]]?")
_ADDRESS_OPENERS = frozenset("<([")
# A turn's speaker label at the start of a line, after any time code: "DR MARIA LOPEZ:",
# "Lopez:", "HOST (JAMES ODUYA):".
_SPEAKER = re.compile(r"[ \t]*(?:[\[(]?\d{1,2}:\d\d(?::\d\d)?[\])]?[ \t]+)?"
                      r"((?:[A-Z][\w.'’-]*[ \t]+){0,4}[A-Z][\w.'’-]*(?:[ \t]*\([^()\n]{1,40}\))?)"
                      r":[ \t]+")
_LABEL_TIME = re.compile(r"[ \t]*\(\d{1,2}:\d\d(?::\d\d)?\)")  # "Dana Whitfield (00:00:15)"
# A label alone on its line with the time after the name and no colon, as Otter, Descript and
# Trint export a transcript: "Gareth Lloyd 00:01:04", "Speaker 2  0:42".
_TIMED_LABEL = re.compile(r"[ \t]*((?:[A-Z][\w.'’-]*[ \t]+){0,4}(?:[A-Z][\w.'’-]*|\d{1,2}))"
                          r"[ \t]+\(?\d{1,2}:\d\d(?::\d\d)?\)?[ \t]*")
_BROKEN_OFF_END = frozenset(",—–-…")  # a line ending so, or in a word, leaves its sentence open
_SEQUEL_MARKS = "—–-…. \t"  # what a transcript may set before the sequel of a broken-off turn
REACTIONS = (r"applause|laughter|laughs|laughing|cheers|cheering|booing|boos|jeers|inaudible|"
             r"unintelligible|indistinct|crosstalk|cross-talk|overlapping|silence|pause|music|"
             r"chanting|chants|sighs|chuckles|groans|audience|members?|standing|ovation|"
             r"interruption|interrupted|speakers?|speaking|and|from|the")
REACTION_RUN = rf"(?:{REACTIONS})(?:[\s,]+(?:{REACTIONS}))*"  # "laughter and applause"
# The words opening a stage note of a parliament's verbatim record, whatever follows them in
# the parentheses (who applauded, what a heckler shouted): Polish, German, French, Spanish,
# Italian, Dutch, Russian, Turkish and Westminster's own.
HOUSE_NOTES = (r"oklaski|poruszenie|wesołość|dzwonek|gwar|głos z sali|głosy z sali|"
               r"beifall|heiterkeit|zuruf|zurufe|lachen|unruhe|widerspruch|"
               r"applaudissements|rires|exclamations|protestations|murmures|"
               r"aplausos|risas|rumores|applausi|commenti|applaus|gelach|interruptie|"
               r"аплодисменты|смех|оживление|шум в зале|alkışlar|gürültüler|"
               r"interruption|interruptions|hon\. members|hear, hear")
_AUDIENCE_NOTE = re.compile(
    # Rev's "[inaudible 00:01:14]", "[crosstalk 00:12:01]": the note with the time it was made
    rf"[(\[]\s*{REACTION_RUN}(?:\s+\d{{1,2}}:\d\d(?::\d\d)?)?"
    r"\s*[.!]?\s*[)\]]"
    # Wikipedia's page reference after a citation: "[2]: 231", "[4]: 240–241", "[3]: pp. 7–9"
    r"|\[\d{1,3}\]:\s?(?:pp?\.\s?)?\d{1,4}(?:\s?[–-]\s?\d{1,4})?(?![\d,.]\d)"
    r"|\[(?:\d{1,3}(?:\s?[,–-]\s?\d{1,3}){0,8}|[a-z]|(?:note|nb|n)\s?\d{1,3}|citation needed|clarification needed|"
    r"dubious(?: [–-] discuss)?|according to whom\?|by whom\?|when\?|who\?|which\?|"
    r"failed verification|better source needed|page needed|verification needed)\]"
    r"|\[\[?(?:page|pg\.?|p\.)\s?[a-z]?\d{1,5}\]\]?"
    # the page's own "(sic)" or "[sic!]" after a word it reproduces as written
    r"|[(\[]\s*sic[.!]?\s*[)\]]"
    # a transcriber's "(ph)" or "[sp?]": a name spelt by ear, not a word anyone said
    r"|[(\[]\s*(?:ph|phon|phonetic|phonetically|sp|sp\?|spelling\?)\s*[)\]]"
    # a parliament's record of the House, in its own language, with what a heckler said:
    # "(Oklaski)", "(Głos z sali: A obietnice?)", "(Beifall bei der SPD)", "(Rires)"
    rf"|\(\s*(?:{HOUSE_NOTES})\b[^()\n]{{0,160}}\)", re.I)


def _kind(text: str, at: int) -> str | None:
    """'open' or 'close' for the quotation mark at `at`; None when its context does not say.

    “ opens in English and closes in German („…“), and " does both: their neighbours decide."""
    mark = text[at]
    if mark in _OPENING:
        return "open"
    if mark in _CLOSING:
        return "close"
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    if (before.isspace() or before in "([—–") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ",.;:!?)—–"):
        return "close"
    return None


def interruption_spans(text: str) -> list[tuple[int, int]]:
    """Sorted character spans of the page text that interrupt a quotation (see above)."""
    marks = [(at, _kind(text, at)) for at in _positions(text, _MARK_CHARS)]
    spans = [(m.start(), m.end()) for m in
             (_AUDIENCE_NOTE.match(text, at) for at in _positions(text, "([")) if m]
    for (close, first), (opening, second) in zip(marks, marks[1:], strict=False):
        if first == "close" and second == "open":
            between = text[close + 1:opening]
            if "\n" not in between and \
                    1 <= len(_WORD.findall(between)) <= ATTRIBUTION_MAX_WORDS:
                spans.append((close + 1, opening))
    spans.extend(_inserted_lines(text, marks))
    if "—" in text:
        spans.extend(_dialogue_asides(text))
    spans.extend(_time_codes(text))
    spans.extend(_interjections(text))
    spans.extend(_enumerators(text))
    spans.extend(_post_counters(text))
    if "://" in text:
        spans.extend(_addresses(text))
    spans.extend(citation_sentences(text))
    return sorted(spans)


def _positions(text: str, chars: str) -> list[int]:
    """Where any of the characters occur, in order: str.find runs far faster than a regex
    character class over a long text."""
    found = []
    for char in chars:
        at = text.find(char)
        while at != -1:
            found.append(at)
            at = text.find(char, at + 1)
    return sorted(found)


def _inserted_lines(text: str, marks: list[tuple[int, str | None]]) -> list[tuple[int, int]]:
    """Short lines without quotation marks, or pull-quotes, between a line that leaves a
    quotation open and a line that takes it up again (see _takes_up)."""
    spans: list[tuple[int, int]] = []
    positions = [m[0] for m in marks]
    following_marks = positions[1:] + [len(text)] if marks else []
    for (at, kind), following in zip(marks, following_marks, strict=True):
        line_end = text.find("\n", at)
        if kind != "open" or line_end == -1 or following < line_end:
            continue  # no line break, or another mark after this one on its line
        start = line_end + 1
        words = 0
        for inserted in range(INSERTED_LINES_MAX + 1):
            end = text.find("\n", start)
            end = len(text) if end == -1 else end
            if following < end and _is_pull_quote(text, start, end):
                at_next = bisect.bisect_right(positions, end)
                following = positions[at_next] if at_next < len(positions) else len(text)
            elif following < end:  # the next mark is on this line: is the quotation taken up?
                if inserted and _takes_up(text, start, following):
                    spans.append((line_end + 1, start - 1))
                break
            line_words = len(_WORD.findall(text, start, end))
            words += line_words
            if line_words > INSERTED_LINE_MAX_WORDS or words > INSERTED_WORDS_MAX:
                break
            start = end + 1
    return spans


def _dialogue_asides(text: str) -> list[tuple[int, int]]:
    """The narrator's asides inside a line of dialogue as Spanish, Portuguese and Catalan set
    it: the line opens with a dash, and the aside opens with a dash glued to its first word,
    in lower case, and closes with another ("—Entonces revisaremos las previsiones —responde
    Ribera—. Pero no vamos a gobernar con miedo."). An English speaker's own aside is set
    "— like this —", with spaces inside, in a line that opens otherwise."""
    spans = []
    for dash in _positions(text, "—"):
        if not (text[dash - 1:dash] in (" ", "\t") and text[dash + 1:dash + 2].islower()):
            continue
        line_start = text.rfind("\n", 0, dash) + 1
        closing = text.find("—", dash + 1)
        line_end = text.find("\n", dash)
        if text[line_start:line_start + 1] != "—" or closing == -1 or \
                -1 < line_end < closing or text[closing - 1:closing].isspace():
            continue
        if len(_WORD.findall(text, dash, closing)) <= ATTRIBUTION_MAX_WORDS:
            spans.append((dash, closing + 1))
    return spans


def _is_pull_quote(text: str, start: int, end: int) -> bool:
    """Whether the line text[start:end] is a pull-quote: one quotation, alone on its line,
    repeating words the page has elsewhere (a magazine layout sets it inside the very
    sentence it repeats)."""
    line = text[start:end].strip()
    if len(line) < 2 or _kind(line, 0) != "open" or _kind(line, len(line) - 1) != "close" or \
            any(char in _MARK_CHARS for char in line[1:-1]):
        return False
    words = line[1:-1].strip(" .,;:…")
    if len(_WORD.findall(words)) < PULL_QUOTE_MIN_WORDS:
        return False
    before = text.find(words, max(0, start - PULL_QUOTE_REACH), start)
    return before != -1 or text.find(words, end, end + PULL_QUOTE_REACH) != -1


def _takes_up(text: str, start: int, mark: int) -> bool:
    """Whether the line starting at `start`, whose first quotation mark is at `mark`, takes up
    a quotation an earlier line left open: it opens it again at its start, or it goes on with
    the broken-off sentence (a lower-case first letter) up to a closing mark."""
    kind = _kind(text, mark)
    if not text[start:mark].strip():
        return kind == "open"
    return kind == "close" and text[start].islower()


def _time_codes(text: str) -> list[tuple[int, int]]:
    """Spans of transcript time codes, found from the colons in the text (str.find is fast)."""
    spans: list[tuple[int, int]] = []
    cues: list[tuple[int, int]] = []  # times opening their lines (see CUE_TIMES_MIN)
    end = 0
    for colon in _positions(text, ":"):
        if colon < end or not text[colon - 1:colon].isdigit():
            continue
        start = colon - 2 if text[colon - 2:colon - 1].isdigit() else colon - 1
        if text[start - 1:start] in ("[", "("):
            start -= 1
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in ":.,"):
            continue  # part of a longer number or time ("2024-05-09 12:30:00.5" stays)
        found = _TIME_CODE.match(text, start)
        if found:
            spans.append(found.span())
            end = found.end()
        elif not text[text.rfind("\n", 0, start) + 1:start].strip(" \t"):
            cue = _CUE_TIME.match(text, start)
            if cue:
                cues.append(cue.span())
    return spans + cues if len(cues) >= CUE_TIMES_MIN else spans


def _enumerators(text: str) -> list[tuple[int, int]]:
    """Spans of the numbers, letters and step labels opening list items' lines, where the
    text has at least LIST_MARKERS_MIN of them (a list, not a line that happens to start so)."""
    spans = [m.span(1) for m in _LIST_MARKER.finditer(text)]
    return spans if len(spans) >= LIST_MARKERS_MIN else []


def _post_counters(text: str) -> list[tuple[int, int]]:
    """Spans of the post counters closing their lines ("2/7", "3/"), after a space, where the
    text has at least POST_COUNTERS_MIN of them: a thread's posts, not a line ending in a
    fraction or a score. A counter never numbers a post beyond the thread's length."""
    spans = []
    for slash in _positions(text, "/"):
        start = slash
        while start and text[start - 1].isdigit():
            start -= 1
        if start and text[start - 1] == "(":
            start -= 1
        if start == slash or not start or text[start - 1] not in " \t":
            continue
        counter = _POST_COUNTER.match(text, start)
        if counter and (counter.group(2) is None or
                        int(counter.group(1)) <= int(counter.group(2))):
            spans.append((start, counter.end()))
    return spans if len(spans) >= POST_COUNTERS_MIN else []


def _addresses(text: str) -> list[tuple[int, int]]:
    """Spans of the addresses written out in the text, with the brackets around them."""
    spans = []
    at = text.find("://")
    while at != -1:
        scheme = _SCHEME.search(text, max(0, at - 16), at)
        rest = _ADDRESS_REST.match(text, at)
        if scheme is None or rest is None:
            at = text.find("://", at + 3)
            continue
        start = scheme.start()
        if start and text[start - 1] in _ADDRESS_OPENERS:
            start -= 1
        spans.append((start, rest.end()))
        at = text.find("://", rest.end())
    return spans


def _interjections(text: str) -> list[tuple[int, int]]:
    """Other speakers' short turns between a speaker's turn broken off mid-sentence and her
    next turn going on with it in lower case (see the module's docstring)."""
    if ":" not in text:
        return []  # every label has a colon after its name or in its time
    lines = _turns(text)
    spans = []
    for i, (start, end, speaker, _words) in enumerate(lines):
        tail = text[start:end].rstrip()
        if speaker is None or not (tail[-1:].isalnum() or tail[-1:] in _BROKEN_OFF_END):
            continue
        for later in lines[i + 1:i + 2 + INTERJECTIONS_MAX]:
            if later[2] is None:
                break
            if later[2] == speaker:
                last = _WORD.findall(tail[-40:])[-1:]
                if _goes_on(text, later[3], later[1], last):
                    spans.append((end, _past_repeat(text, later[3], last)))
                break
            if len(_WORD.findall(text, later[3], later[1])) > INTERJECTION_MAX_WORDS:
                break
    return spans


def _goes_on(text: str, start: int, end: int, last: list[str]) -> bool:
    """Whether a turn's words (text[start:end]) go on with a broken-off sentence: they start in
    lower case, after a dash or an ellipsis marking the sequel, if any ("— and every ..."), or
    they take it up again by repeating its `last` word within their first few words, in
    whatever case a transcriber gives it ("... past my house until" / "Sorry. Until three")."""
    words = text[start:end].lstrip(_SEQUEL_MARKS)
    if words[:1].islower():
        return True
    return bool(last) and last[0].lower() in \
        (w.lower() for w in _WORD.findall(words[:80])[:RESUMED_AFTER_WORDS + 1])


def _past_repeat(text: str, start: int, last: list[str]) -> int:
    """Where the sequel's own words start: after the broken-off word when the sequel opens by
    saying it again ("the water companies are —" / "— are in their own difficulties"), a
    restart the interruption caused, not a word said twice."""
    opening = text[start:start + 8]
    word = _WORD.match(text, start + len(opening) - len(opening.lstrip(_SEQUEL_MARKS)))
    if word and last and word.group().lower() == last[0].lower():
        return word.end()
    return start


def _turns(text: str) -> list[tuple[int, int, str | None, int]]:
    """Each turn's (start, end, speaker label or None, where the words after the label start):
    a line, or a label alone on its line ("Dana Whitfield (00:00:15):", as Rev and Otter lay a
    transcript out) with the lines of words under it. Blank lines between turns are no turn."""
    lines: list[tuple[int, int, str | None, int]] = []
    start = 0
    heading: tuple[int, str] | None = None  # a label alone on its line, waiting for its words
    for line in text.split("\n"):
        end = start + len(line)
        label = _SPEAKER.match(text, start, end)
        alone = None
        if label is None and line.rstrip().endswith(":"):
            alone = _SPEAKER.fullmatch(line.rstrip() + " ")
        elif label is None and line[-1:].isdigit():
            alone = _TIMED_LABEL.fullmatch(line)
        if alone is not None:
            heading = (start, _LABEL_TIME.sub("", alone.group(1)))
            start = end + 1
            continue
        if heading is not None and line.strip():
            if lines and lines[-1][2] == heading[1] and lines[-1][0] == heading[0]:
                lines[-1] = (heading[0], end, heading[1], lines[-1][3])
            else:
                lines.append((heading[0], end, heading[1], start))
        elif heading is not None:
            heading = None
        elif line.strip():
            lines.append((start, end, _LABEL_TIME.sub("", label.group(1)) if label else None,
                          label.end() if label else start))
        start = end + 1
    return lines
