"""Evaluation gate for quote verdicts: a committed corpus of quote/page pairs with the verdict
a careful fact-checker would give (tests/eval/cases.toml), scored end to end through
page_text and judge.

    python -m bench.evaluation            # accuracy, confusion table, every miss
    python -m bench.evaluation --check    # also exit 1 below the pinned floor (make test)

A second, held-out set (tests/eval/holdout_cases.toml, pages in pages/holdout/) was written
before the code was run on it, to measure how matching generalises; it is scored and
reported apart, with its own floor; so are a second one (holdout2_cases.toml, pages in
pages/holdout2/), a third (holdout3_cases.toml, pages in pages/holdout3/), a fourth
(holdout4_cases.toml, pages in pages/holdout4/), a fifth (holdout5_cases.toml, pages in
pages/holdout5/) and a sixth (holdout6_cases.toml, pages in pages/holdout6/) and a seventh (holdout7_cases.toml,
pages in pages/holdout7/) and an eighth (holdout8_cases.toml, pages in pages/holdout8/) and a ninth
(holdout9_cases.toml, pages in pages/holdout9/) and a tenth (holdout10_cases.toml, pages in
pages/holdout10/) and an eleventh (holdout11_cases.toml, pages in pages/holdout11/) and a
twelfth (holdout12_cases.toml, pages in pages/holdout12/), written later the same way.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from verifier.matching import judge
from verifier.models import Fetch, Snapshot, Verdict
from verifier.pagetext import page_text
from verifier.status import LinkStatus, QuoteStatus

EVAL_DIR = Path(__file__).resolve().parent.parent / "tests" / "eval"
# The accuracy reached: 232/232 once a bare superscript footnote number (<sup>6</sup>) inside a
# quoted passage was read as a marker (231/232 before); CI fails below it.
FLOOR = 1.0
HOLDOUT = EVAL_DIR / "holdout_cases.toml"
# The held-out set scored 70/72 on its first run, before any change; 72/72 once a quotation
# broken off mid-sentence by a caption or an update line was looked past. CI fails below it.
HOLDOUT_FLOOR = 1.0
HOLDOUT2 = EVAL_DIR / "holdout2_cases.toml"
# The second held-out set (pages in pages/holdout2/) scored 63/67 on its first run; 67/67 once
# transcript time codes and another speaker's interjection inside a broken-off turn were looked
# past, and a passage took back the quote's first words beyond an edge it had taken in (a
# dropped "not" fell below partial). CI fails below it.
HOLDOUT2_FLOOR = 1.0
HOLDOUT3 = EVAL_DIR / "holdout3_cases.toml"
# The third held-out set (pages in pages/holdout3/) scored 77/81 on its first run; 81/81 once
# an alignment's outlying blocks could be dropped several at a time (million/billion in a quote
# whose first words also occur a sentence earlier fell below partial), a "Read more" box of
# three lines inside a quotation and a transcript turn taken up after a dash were looked past,
# and a section of reader comments was no longer read as the page's text. CI fails below it.
HOLDOUT3_FLOOR = 1.0
HOLDOUT4 = EVAL_DIR / "holdout4_cases.toml"
# The fourth held-out set (pages in pages/holdout4/) scored 85/97 on its first run, before any
# change; 96/97 once Turkish İ/ı folded whatever the case, several footnote numbers and note
# letters in <sup> read as markers, <ruby> readings were dropped, Markdown links read as their
# words, a pull-quote inside the sentence it repeats was looked past, a number with digit
# groups became one word and a minus sign part of its number. The one miss left: a question
# cell and the next answer cell of a table read as one run of words. CI fails below it.
HOLDOUT4_FLOOR = 0.98
HOLDOUT5 = EVAL_DIR / "holdout5_cases.toml"
# The fifth held-out set (pages in pages/holdout5/) scored 66/67 on its first run, before any
# change (the miss: contractions expanded, "do not" for "don't", fell to not_found); 67/67 once
# a contraction with "n't" read as its two words and an <iframe srcdoc> as the document it
# shows. CI fails below it.
HOLDOUT5_FLOOR = 1.0
HOLDOUT6 = EVAL_DIR / "holdout6_cases.toml"
# The sixth held-out set (pages in pages/holdout6/) scored 70/94 on its first run, before any
# change; 94/94 once a numbered margin, page furniture of paginated plain text, a video
# transcript's cue times, printed page markers and written-out addresses were looked past, an
# article declared only in JSON-LD was read, struck-out words and correction notes were not,
# "(my emphasis)" read as a note, attributions ran to 16 words and a reordered passage's edges
# dropped surplus words. CI fails below it.
HOLDOUT6_FLOOR = 1.0
HOLDOUT7 = EVAL_DIR / "holdout7_cases.toml"
# The seventh held-out set (pages in pages/holdout7/) scored 63/82 on its first run, before any
# change; 80/82 once subtitle files were read as their cues' words, a declarative shadow root
# rendered, a bracketed negation and an ellipsis joining passages in reverse order made a quote
# partial, and a list of citation numbers ("[4, 11]") read as a marker. The misses left: a
# LaTeXML footnote's inline text, and simplified characters against a traditional page.
# CI fails below it.
HOLDOUT7_FLOOR = 0.97
HOLDOUT8 = EVAL_DIR / "holdout8_cases.toml"
# The eighth held-out set (pages in pages/holdout8/) scored 74/81 on its first run, before any
# change; 80/81 once a list's numbers and a how-to's "Step N" labels opening their lines were
# looked past, Hebrew points left out, a full-width comma read as a digit-group separator, and
# an ellipsis whose omission opens or closes with the negation of a word it keeps made a quote
# partial. The miss left: a responses section named by its class only, not its id, read as the
# page. CI fails below it.
HOLDOUT8_FLOOR = 0.98
HOLDOUT9 = EVAL_DIR / "holdout9_cases.toml"
# The ninth held-out set (pages in pages/holdout9/) scored 84/97 on its first run, before any
# change; 96/97 once a PDF converted to HTML page by page (pdf2htmlEX) was read as the PDF, a
# running head at a page's top inside a sentence dropped, digits grouped by ’ joined, Greek
# accents folded, Wikipedia's page references ("[2]: 231"), a thread's post counters ("3/7"),
# Rev's "[inaudible 00:01:14]" and a quoter's "(Laughter)" looked past, a transcript's labels
# alone on their lines read as turns (a sequel repeating the broken-off word taken up), a
# quote closing its sentence before the source's "not" made partial, and a quote matching only
# without the marks on its letters made partial. The miss left: a figure written in words
# ("ninety-seven per cent" for "97%") falls below partial. CI fails below it.
HOLDOUT9_FLOOR = 0.98
HOLDOUT10 = EVAL_DIR / "holdout10_cases.toml"
# The tenth held-out set (pages in pages/holdout10/) scored 65/88 on its first run, before any
# change; 88/88 once a page built in the browser was read with the prose of its JSON data
# (Next.js, Nuxt, SvelteKit), a bare number linked to its note on the page and a footnote
# number glued to a printed page's text read as markers, a margin numbered every fifth line
# dropped, a page's language taken from its text where its template declares another, and
# Thai matched letter by letter. CI fails below it.
HOLDOUT10_FLOOR = 1.0
HOLDOUT11 = EVAL_DIR / "holdout11_cases.toml"
# The eleventh held-out set (pages in pages/holdout11/) scored 92/100 on its first run, before
# any change; 100/100 once Japanese and Korean omission words in brackets ("（中略）", "(중략)")
# were read as ellipses, a half-width kana and its sound mark as one kana, a page's own "(sic)"
# looked past, a number and its unit read alike set apart or together ("20 mph", "38°C"), a
# quote stopping on an auxiliary before the source's "not" made partial without a full stop too,
# and a translation called cross_language though the page summarises it in the quote's
# language. CI fails below it.
HOLDOUT11_FLOOR = 1.0
HOLDOUT12 = EVAL_DIR / "holdout12_cases.toml"
# The twelfth held-out set (pages in pages/holdout12/) scored 131/143 on its first run, before
# any change; 141/143 once a transcript label with its time and no colon ("Gareth Lloyd
# 00:01:04") framed another speaker's cut-in (and the broken-off word said again after it was
# read as a restart), a transcriber's "(ph)", a parliament's stage notes in its own language
# ("(Oklaski)", "(Głos z sali: …)"), a Spanish narrator's raya aside and a court's citation
# sentences were looked past, a lawyer's "(cleaned up)" and "(citation omitted)" read as notes,
# and an abbreviated magnitude ("mld", "Mrd.", "млрд") as the word it stands for. The misses
# left: two words of a six-word quote changed fall below partial, and an abbreviation spelt out
# from its <abbr> title. CI fails below it.
HOLDOUT12_FLOOR = 0.98
CHECKED_AT = datetime(2024, 6, 1, tzinfo=UTC)
_CONTENT_TYPES = {".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8",
                  ".md": "text/markdown; charset=utf-8", ".pdf": "application/pdf"}


@dataclass
class Outcome:
    case_id: str
    expected: QuoteStatus
    verdict: Verdict
    why: str
    problem: str = ""  # the verdict is right but its evidence is not (see run_case)

    also: QuoteStatus | None = None  # another verdict a fact-checker could equally give

    @property
    def correct(self) -> bool:
        return self.verdict.status in (self.expected, self.also) and not self.problem


def load_cases(path: Path = EVAL_DIR / "cases.toml") -> list[dict[str, object]]:
    with open(path, "rb") as fh:
        cases: list[dict[str, object]] = tomllib.load(fh)["case"]
    return cases


def _copy(name: str, url: str, status: LinkStatus = LinkStatus.OK,
          content_type: str | None = None) -> Fetch:
    """A fetched copy of a corpus page, as the fetcher would hand it over (with the header's
    content type when the case gives one, e.g. without a charset)."""
    at = CHECKED_AT
    if name == "dead":
        return Fetch(url=url, link_status=LinkStatus.DEAD, reason="HTTP 404", fetched_at=at,
                     http_status=404)
    body = (EVAL_DIR / "pages" / name).read_bytes()
    content_type = content_type or _CONTENT_TYPES[Path(name).suffix]
    readable = status.readable
    return Fetch(url=url, link_status=status, reason="" if readable else status.value,
                 fetched_at=at, http_status=200 if status is not LinkStatus.BLOCKED else 403,
                 content_type=content_type, sha256=hashlib.sha256(body).hexdigest(),
                 size=len(body), page=page_text(body, content_type) if readable else None)


def run_case(case: dict[str, object]) -> Outcome:
    """Judge one case. Besides the status, a case may pin its evidence: `highlight`, words the
    highlighted passage must contain, and `snapshot`, the index of the snapshot it rests on."""
    url = f"https://news.example/{case['id']}"
    live = _copy(str(case["page"]), url, LinkStatus(str(case.get("live_status", "ok"))),
                 str(case["content_type"]) if "content_type" in case else None)
    snapshots = []
    for i, name in enumerate(case.get("snapshots", [])):  # type: ignore[attr-defined]
        timestamp = f"2023010{i + 1}120000"
        snapshot = Snapshot(url=url, timestamp=timestamp,
                            archive_url=f"https://web.archive.org/web/{timestamp}/{url}")
        snapshots.append((snapshot, _copy(str(name), f"{snapshot.archive_url}")))
    verdict = judge(str(case["quote"]), live, lambda: snapshots, now=CHECKED_AT)
    problem = ""
    if "highlight" in case:
        start, end = verdict.highlight or (0, 0)
        if str(case["highlight"]) not in verdict.evidence[start:end]:
            problem = f"highlighted {verdict.evidence[start:end]!r}"
    if "snapshot" in case:
        wanted = snapshots[int(str(case["snapshot"]))][0]
        if verdict.snapshot != wanted:
            problem = f"rests on snapshot {verdict.snapshot.timestamp if verdict.snapshot else None}"
    also = QuoteStatus(str(case["also"])) if "also" in case else None
    return Outcome(str(case["id"]), QuoteStatus(str(case["expect"])), verdict, str(case["why"]),
                   problem, also)


def evaluate(path: Path = EVAL_DIR / "cases.toml") -> list[Outcome]:
    return [run_case(case) for case in load_cases(path)]


def confusion_table(outcomes: list[Outcome]) -> str:
    statuses = [s for s in QuoteStatus if any(o.expected is s or o.verdict.status is s
                                              for o in outcomes)]
    counts = Counter((o.expected, o.verdict.status) for o in outcomes)
    width = max(len(s.value) for s in statuses) + 2
    lines = ["expected \\ got".ljust(width + 4) + "".join(s.value[:12].rjust(14) for s in statuses)]
    for expected in statuses:
        row = [str(counts[(expected, got)] or ".").rjust(14) for got in statuses]
        lines.append(expected.value.ljust(width + 4) + "".join(row))
    return "\n".join(lines)


def _report(name: str, outcomes: list[Outcome], floor: float) -> bool:
    """Print a set's accuracy, confusion table and misses; whether it reaches its floor."""
    right = sum(o.correct for o in outcomes)
    accuracy = right / len(outcomes)
    print(f"{name}: {right}/{len(outcomes)} correct, accuracy {accuracy:.3f} (floor {floor})\n")
    print(confusion_table(outcomes))
    misses = [o for o in outcomes if not o.correct]
    if misses:
        print("\nmisses:")
        for o in misses:
            problem = f", {o.problem}" if o.problem else ""
            print(f"  {o.case_id}: expected {o.expected.value}, got {o.verdict.status.value} "
                  f"(score {o.verdict.score:.2f}{problem}) - {o.why}")
    if accuracy < floor:
        print(f"\nFAIL: {name} accuracy {accuracy:.3f} is below the floor {floor}",
              file=sys.stderr)
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help=f"exit 1 below the floors ({FLOOR}, held-out {HOLDOUT_FLOOR}, "
                             f"second held-out {HOLDOUT2_FLOOR}, third {HOLDOUT3_FLOOR}, "
                             f"fourth {HOLDOUT4_FLOOR}, fifth {HOLDOUT5_FLOOR}, "
                             f"sixth {HOLDOUT6_FLOOR}, seventh {HOLDOUT7_FLOOR}, "
                             f"eighth {HOLDOUT8_FLOOR}, ninth {HOLDOUT9_FLOOR}, "
                             f"tenth {HOLDOUT10_FLOOR}, eleventh {HOLDOUT11_FLOOR}, "
                             f"twelfth {HOLDOUT12_FLOOR})")
    args = parser.parse_args(argv)
    ok = _report("quote verdicts", evaluate(), FLOOR)
    print()
    ok = _report("held-out quote verdicts", evaluate(HOLDOUT), HOLDOUT_FLOOR) and ok
    print()
    ok = _report("second held-out quote verdicts", evaluate(HOLDOUT2), HOLDOUT2_FLOOR) and ok
    print()
    ok = _report("third held-out quote verdicts", evaluate(HOLDOUT3), HOLDOUT3_FLOOR) and ok
    print()
    ok = _report("fourth held-out quote verdicts", evaluate(HOLDOUT4), HOLDOUT4_FLOOR) and ok
    print()
    ok = _report("fifth held-out quote verdicts", evaluate(HOLDOUT5), HOLDOUT5_FLOOR) and ok
    print()
    ok = _report("sixth held-out quote verdicts", evaluate(HOLDOUT6), HOLDOUT6_FLOOR) and ok
    print()
    ok = _report("seventh held-out quote verdicts", evaluate(HOLDOUT7), HOLDOUT7_FLOOR) and ok
    print()
    ok = _report("eighth held-out quote verdicts", evaluate(HOLDOUT8), HOLDOUT8_FLOOR) and ok
    print()
    ok = _report("ninth held-out quote verdicts", evaluate(HOLDOUT9), HOLDOUT9_FLOOR) and ok
    print()
    ok = _report("tenth held-out quote verdicts", evaluate(HOLDOUT10), HOLDOUT10_FLOOR) and ok
    print()
    ok = _report("eleventh held-out quote verdicts", evaluate(HOLDOUT11), HOLDOUT11_FLOOR) and ok
    print()
    ok = _report("twelfth held-out quote verdicts", evaluate(HOLDOUT12), HOLDOUT12_FLOOR) and ok
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
