"""Extraction accuracy against hand-annotated expectations, and speed, on two corpora:

- seeds: the user's five documents (seeds/, expectations in tests/seeds_expected);
- corpus: documents written for evaluation in the formats users publish in, annotated by
  reading before extraction was run on them (tests/extraction_corpus, expectations in
  tests/extraction_corpus/expected; its PDFs are built from text by bench/corpus_pdf.py
  when the benchmark runs);
- holdout: documents written after the rules were tuned on the corpus, to measure how they
  generalise (tests/extraction_corpus/holdout);
- holdout2: a second held-out set in styles the others lack (tests/extraction_corpus/holdout2);
- holdout3: a third (a real PDF brief with endnotes, a WordPress post, a Markdown newsletter,
  an interview transcript, British single quotation marks; tests/extraction_corpus/holdout3);
- holdout4: a fourth (an HTML article with <q cite> and an update stamp, a Markdown brief with
  reference links, an e-mail newsletter, a live summary naming speakers by role;
  tests/extraction_corpus/holdout4);
- holdout5: a fifth (a Wikipedia-style article, a Substack-style newsletter, a two-column PDF
  paste, a press release with a briefing transcript, a Markdown feature with a table;
  tests/extraction_corpus/holdout5);
- holdout6: a sixth (an APA working paper, a fact-check, a PDF report with Roman-numeral endnotes,
  local news with an embedded tweet, a Q&A with German quotation marks and guillemets;
  tests/extraction_corpus/holdout6);
- holdout7: a seventh (a briefing transcript quoting third parties, a magazine feature with an
  epigraph and first names, a legal submission with Ibid./Id./supra notes, an op-ed whose quotations
  are link texts; tests/extraction_corpus/holdout7);
- holdout8: an eighth (a sports report, a science news piece quoting a paper, a court report,
  business news with an earnings call; tests/extraction_corpus/holdout8);
- holdout9: a ninth (a wire story in HTML, a PDF-pasted NGO briefing, a Markdown newsletter with
  reference links, a select committee transcript, a translated Persian press digest;
  tests/extraction_corpus/holdout9);
- holdout10: a tenth (a legislative policy memo with bracketed numeric references, a podcast
  page with show notes and a timestamped transcript, a Markdown explainer with reference-style
  links and a nested e-mail reply, a think-tank PDF with Chicago-style shortened notes, a
  Mailchimp-style HTML newsletter; tests/extraction_corpus/holdout10);
- holdout11: an eleventh (a plain-text wire roundup with datelines, a select committee report in
  Markdown, a magazine long read with a drop cap, pull quotes and <aside> notes, an academic
  preprint in HTML with author-year citations, an amicus brief quoting statutes;
  tests/extraction_corpus/holdout11).

    python -m bench.extraction           # precision / recall per measure and corpus, timing
    python -m bench.extraction -v        # ... and every difference
    python -m bench.extraction --check   # exit 1 when a gated figure is below its floor

Quotes match on their words (case, spacing and punctuation ignored); speakers and outlets
match ignoring case, a leading article and curly/straight apostrophes; a listed alternative
spelling also matches. Quotes marked optional count neither way. `dates` counts documents
whose date is the annotated one.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from verifier.citations import extract_citations, normalize_url
from verifier.documents import load_document
from verifier.models import Citation, Document, Quote
from verifier.quotes import extract_quotes

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EXPECTED = ROOT / "tests" / "seeds_expected"
CORPUS = ROOT / "tests" / "extraction_corpus"
CORPUS_EXPECTED = CORPUS / "expected"
FLOOR = 0.95
MEASURES = ("urls", "footnotes", "named_sources", "quotes", "speakers", "quote_links", "dates")
GATED = ("urls", "quotes", "speakers", "quote_links")
# The figures the corpus reached when it was pinned (every rule written for it is general;
# the corpus was written and annotated before extraction was run on it); CI fails below them.
CORPUS_FLOORS = {"urls": 1.0, "quotes": 1.0, "speakers": 1.0, "quote_links": 1.0}


@dataclass(frozen=True)
class Corpus:
    name: str
    documents: Path
    expected: Path
    floors: dict[str, float]


HOLDOUT = CORPUS / "holdout"
# Written after the rules were tuned on the corpus above, to tell how they generalise. First
# run: urls 1.000/1.000, quotes 1.000/0.971, speakers 0.912/0.886, quote_links 0.714/1.000;
# pinned after one round of general fixes (a double-spaced text whose paragraph breaks look
# like line breaks still links two quotes to a later footnote).
HOLDOUT_FLOORS = {"urls": 1.0, "quotes": 1.0, "speakers": 1.0, "quote_links": 0.71}

HOLDOUT2 = CORPUS / "holdout2"
# A second held-out set in styles the others lack (Markdown reference links and [^n] notes, HTML
# <blockquote cite>/<q>/<sup> notes, a PDF paste with glued markers and broken URLs, a wire
# story, scare quotes and titles), written and annotated before extraction was run on it.
# First run: urls 0.889/0.889, quotes 1.000/0.898, speakers 0.932/0.837, quote_links
# 1.000/0.867; pinned after one round of general fixes. Left: two-word quotations ('described
# as "not negotiable."') are terms by the rule that keeps two-word scare quotes out.
HOLDOUT2_FLOORS = {"urls": 1.0, "quotes": 0.95, "speakers": 0.95, "quote_links": 0.93}

HOLDOUT3 = CORPUS / "holdout3"
# A third held-out set: a real PDF brief (built by holdout3/source/make_pdf.py) with glued endnote
# numbers and a Notes section of wrapped URLs, a WordPress post with a footnotes plugin,
# pull-quote and bio box, a Markdown newsletter with '> quote' + '— Name' attributions, a
# Q:/NAME: interview, and a British-style briefing with 'single' quotation marks, translated
# officials' words, dated parentheticals and multi-URL footnotes. Written and annotated before
# extraction was run on it. First run (no code changed): urls 0.760/1.000, footnotes 1.000/1.000,
# named_sources 1.000/1.000, quotes 1.000/0.900, speakers 1.000/0.900, quote_links
# 1.000/0.909, dates 1.000/1.000 (precision/recall). Pinned after one round of general fixes
# (a '— Name' line after a block quote, a running footer with a site address, a paragraph's
# later note beside a URL-less parenthetical outlet, author/share/bio and mailing links).
HOLDOUT3_FLOORS = {"urls": 1.0, "quotes": 1.0, "speakers": 1.0, "quote_links": 1.0}

HOLDOUT4 = CORPUS / "holdout4"
# A fourth held-out set: an HTML article with <q cite>, <blockquote cite>, a pull-quote figure and
# 'Published'/'Updated' stamps; a Markdown brief with reference-style links and [^n] notes holding
# two URLs; a plain-text e-mail newsletter with its headers, ' [n]' endnotes and a 'Sources:' list;
# a live summary whose speakers are named once and then by role ('The WHO chief was clear:') or
# pronoun. Written and annotated before extraction was run on it. First run (no code changed):
# urls 0.917/1.000, footnotes 1.000/1.000, named_sources 1.000/1.000, quotes 1.000/0.919,
# speakers 0.735/0.676, quote_links 1.000/0.769, dates 1.000/1.000 (precision/recall). Pinned
# after one round of general fixes (labelled bare mailing URLs, a role resolved to the person
# named with it, a role or clause before a colon as speaker, a determiner making a speech-verb
# form a noun, 'according to <role>, <Name>', a titled name in apposition, a block's attribution
# line marker).
HOLDOUT4_FLOORS = {"urls": 1.0, "quotes": 1.0, "speakers": 1.0, "quote_links": 1.0}

HOLDOUT5 = CORPUS / "holdout5"
# A fifth held-out set: a Wikipedia-style article (cite_note markers, an <ol class=references> of
# reused notes with archive and DOI links, a URL-less newspaper note, a 'last edited' stamp); a
# Substack-style newsletter (footnote-anchor / footnote-content, subscribe/share/comment chrome); an
# NGO review as extracted from a two-column PDF (form feeds, running headers, notes splitting a
# sentence, URLs broken at real hyphens); a press release with a speaker-labelled briefing
# transcript; a Markdown feature with names with particles, a table, nested and multi-paragraph
# quotations. Written and annotated before extraction was run on it. First run (no code changed):
# urls 0.931/1.000, footnotes 0.929/0.812, named_sources 0.400/0.400, quotes 0.933/0.894,
# speakers 0.889/0.851, quote_links 0.692/0.600, dates 0.800/0.800 (precision/recall). Pinned
# after one round of general fixes (a PDF note whose URL is on its second line, a Wikipedia note's
# back-links and author-date outlet, a newsletter's comment and declared-author links, quoted titles
# in note bodies, 'what they call "…"', a participle's multi-word subject, 'found that', a
# capitalised description as a name, 'I' in a transcript turn, 'according to a spokesperson for X',
# a block's introducing sentence after a glued marker, a 'Source:' caption's outlet). Left: a
# letter's words after 'It said that' (the pronoun means a document, not an organisation named),
# numbered 'Notes to editors' read as footnotes, and a page's date only in its 'last edited' footer.
HOLDOUT5_FLOORS = {"urls": 1.0, "quotes": 0.97, "speakers": 0.97, "quote_links": 1.0}

HOLDOUT6 = CORPUS / "holdout6"
# A sixth held-out set: an academic working paper in Markdown citing APA author-date with a
# reference list of DOIs; a fact-check with a 'Claim:'/'Claimed by:'/'Rating:' box and the
# rebuttals; an NGO report pasted from a PDF with Roman-numeral endnotes (i, ii, … vii) glued to
# sentence ends; local news with an embedded tweet and a quoting photo caption, speakers named
# once and then by role; a Markdown Q&A with bold speaker labels, German „…“ marks and «…»
# guillemets. Written and annotated before extraction was run on it. First run (no code
# changed): urls 0.905/0.950, footnotes 1.000/0.250, named_sources 1.000/0.000, quotes
# 0.949/0.822, speakers 0.897/0.778, quote_links 0.200/0.083, dates 1.000/1.000
# (precision/recall). Pinned after one round of general fixes (German „…“ pairs, a coordinated
# clause after a quotation with its own subject and link, a quotation-only paragraph after
# '“…,” he said.', a tweet's hashtag link, Roman-numeral endnotes, a note marker glued after a
# URL, 'according to X’s register', unpublished data and focus groups in notes, author-date
# citations and their reference-list DOIs, 'A planner in Tallinn was …:', a 'Claim:' box's
# 'Claimed by:' line, 'In it, X says'): every measure 1.000/1.000.
HOLDOUT6_FLOORS = {"urls": 1.0, "quotes": 1.0, "speakers": 1.0, "quote_links": 1.0}

HOLDOUT7 = CORPUS / "holdout7"
# A seventh held-out set: a government press-briefing transcript in HTML whose turns quote third
# parties (one by role only); a magazine feature in Markdown with an epigraph, section breaks, a pull
# quote and people called by first name after a shared surname; an NGO's legal submission pasted
# from a PDF with page-foot notes numbered across pages and 'Ibid.' / 'Id. at 44' / 'supra note 3'
# back-references; an op-ed with 'according to' data sources, scare-quoted policy names and
# quotations that are the text of their own link. Written and annotated before extraction was run
# on it. First run (no code changed): urls 0.857/1.000, footnotes 1.000/0.444, named_sources
# 1.000/1.000, quotes 0.963/0.867, speakers 0.852/0.767, quote_links 1.000/0.600, dates
# 1.000/1.000 (precision/recall). Pinned after one round of general fixes (a note pointing back by
# 'Ibid.', 'Id.' or 'supra note N' rests on that note's URL; share/subscribe link texts are no
# sources): urls 1.000/1.000, footnotes 1.000/1.000, quotes 1.000/0.867, speakers 0.885/0.767,
# quote_links 1.000/0.700. Left: words after 'found'/'recorded that'/'the Committee's finding
# that' with no speech verb are taken for terms; 'X of the Y Association told me' names the
# association; a one-word '“Forty-one,” he says'; 'Its reply to the Committee stated' as speaker.
# Since holdout8 (a person 'of' an organisation speaks, a short quotation opening a sentence before
# its speaker and verb is speech, 'recorded that' reports a record, 'the Committee's finding that'
# is the Committee's): quotes 1.000/0.967, speakers 0.931/0.900, quote_links 1.000/0.900; 'They
# found … “…”' without 'that' and 'Its reply to the Committee stated' are still wrong.
HOLDOUT7_FLOORS = {"urls": 1.0, "quotes": 0.96, "speakers": 0.90, "quote_links": 0.90}

HOLDOUT8 = CORPUS / "holdout8"
# An eighth held-out set: a sports report in Markdown (speakers called 'the 24-year-old', 'the
# Norwegian', 'the Finn', a quotation nested in a quotation); a science news piece in HTML quoting a
# paper's abstract ('the authors write', 'the study found that “…”') with its DOI link; a court report
# in plain text ('Judge X said in her ruling that', 'told the court her client had “…”'); business
# news in HTML with an earnings call, a company statement and a press-release link. Written and
# annotated before extraction was run on it. First run (no code changed): urls 1.000/1.000,
# footnotes 1.000/1.000, named_sources 0.000/1.000 (one extra), quotes 1.000/0.949, speakers
# 0.838/0.795, quote_links 1.000/1.000, dates 1.000/1.000 (precision/recall). Pinned after one round of general fixes
# ('the judge said' is the judge named before; 'said the 24-year-old' and 'the Finn said' are the
# person last named as a subject, one the text places in that country first; 'of Sweden's X' is an
# object; 'the company' is no country acronym such as 'US'; 'the study found,' as an aside
# reports): quotes 1.000/1.000, speakers 0.974/0.974, quote_links 1.000/1.000. Left: 'The
# Norwegian added that her coach had told her to wait: “…”' gives the coach. Since holdout9 (an
# outlet named beside a link to its own site is that link) 'according to Reuters' beside the
# Reuters link is no named source of its own: named_sources 1.000/1.000.
HOLDOUT8_FLOORS = {"urls": 1.0, "quotes": 1.0, "speakers": 0.97, "quote_links": 1.0}

HOLDOUT9 = CORPUS / "holdout9"
# A ninth held-out set: a wire story in HTML (share tools, a pull quote repeating a quotation,
# <q cite>, <blockquote cite> after a colon sentence, a <blockquote> whose <footer><cite> names
# the speaker); an NGO briefing copied out of a PDF viewer (no form feeds: page numbers alone on
# a line between a page's notes and the next page's header, a sentence broken across a page,
# note lines ending in 'p.', an initial or a colon, notes with two URLs and trailing full stops);
# a Markdown newsletter with reference links, [^n] notes and mailing chrome; a select committee
# transcript ('Q118 Chair:' / 'Dr Marsh:' turns quoting others, 'you' meaning the witness
# addressed); a press digest translated from Persian with '(Fars, December 29, 2017)' and
# year-less parenthetical citations and scare quotes. Written and annotated before extraction
# was run on it. First run (no code changed): urls 0.889/0.960, footnotes 1.000/0.700,
# named_sources 0.692/1.000, quotes 1.000/0.911, speakers 0.784/0.714, quote_links 0.917/0.846,
# dates 1.000/1.000 (precision/recall). Pinned after one round of general fixes (page numbers
# counted up without form feeds and the header beside them; a note line ending in a colon,
# 'p.' or an initial goes on; a URL ending in '/' leaves the next line's word; an outlet beside a
# link to its own site is that link; an outlet named again with a date is one source; 'sign up'
# and 'Related:' links and meetings in notes are no citations; a subject pronoun ends the noun
# phrase before it; 'you' is the person addressed; role-noun, 'called' and participle
# appositives; 'so-called' is no verb; mixed-case transcript labels; 'the response we got was';
# a quotation alone but for its parenthetical source; time phrases, 'same' and 'own' off
# descriptions): every measure 1.000/1.000.
HOLDOUT9_FLOORS = {"urls": 1.0, "quotes": 1.0, "speakers": 1.0, "quote_links": 1.0}

HOLDOUT10 = CORPUS / "holdout10"
# A tenth held-out set: a legislative research office's memo in plain text (TO/FROM/DATE/RE, '[1]',
# '[1, 2]', '[4-6]' references and a REFERENCES list of '[n]' entries with indented URLs, '[10] …
# (see [6])', said-after-quote inversions, '(Reuters, 3 March 2024)'); a podcast episode page in
# Markdown (show-notes links, subscribe/Patreon/Mastodon furniture, '**[00:01:34] Name:**' turns
# quoting others); a Markdown explainer (YAML front matter, reference-style links with titles and
# <angle> URLs, quotations after em-dashes and colons, an e-mailed reply whose nested '> >' block is
# our own question, a '> — Name' line inside the block); a think-tank PDF (bench/corpus_pdf.py) with
# Chicago-style notes and shortened notes pointing back by author and title; a Mailchimp-style HTML
# newsletter (layout tables, view-in-browser, social icons, preferences/unsubscribe/forward links, a
# 'Quote of the week' box, '(AP, 3 February)'). Written and annotated before extraction was run on
# it. First run (no code changed): urls 0.767/0.793, footnotes 1.000/0.438, named_sources
# 0.474/1.000, quotes 1.000/0.780, speakers 0.875/0.683, quote_links 0.500/0.412, dates
# 1.000/1.000 (precision/recall). Pinned after one round of general fixes (a reference entry's
# URL on a line of its own; 'see [6]' and Chicago shortened notes rest on the full note; podcast
# and mailing furniture links and Markdown mailto: links; 'said the <role> of X, Name,'; an
# e-mailed reply's nested question block; a block's introducing clause before a colon; role
# nouns; a pull-quote paragraph with a '— Name' line): urls 1.000/1.000, footnotes 1.000/1.000,
# named_sources 0.818/1.000, quotes 1.000/0.902, speakers 0.946/0.854, quote_links 1.000/0.882;
# speakers 0.973/0.878 once a name ending in 's before a speech verb kept it ("Moody's said"),
# 1.000/0.902 once a reader's or resident's label before a name was read as a role.
# Left: '— "…," as one virologist, Dr. X, put it'; 'Its current assessment is that "…"'; 'we
# wrote that' and 'My neighbour, who's an electrician, told me,' inside transcript turns;
# 'reported by <author>' and 'The Ministry reported' beside its own note as named sources.
HOLDOUT10_FLOORS = {"urls": 1.0, "quotes": 0.90, "speakers": 0.90, "quote_links": 0.88}

HOLDOUT11 = CORPUS / "holdout11"
# An eleventh held-out set: a wire service's plain-text world roundup (datelines '(Reuters) -',
# rules between items, 'Link:' lines, an unsubscribe sentence); a select committee report in
# Markdown (numbered paragraphs, '[Q14](url) [Witness]' and '(RBS0041)' notes, '>' blocks closed by
# a note marker, 'Simon Lightwood MP'); a magazine long read in HTML (a drop cap, aria-hidden pull
# quotes repeating body quotations, <aside> notes, a URL-less 'statement to the <magazine>' note);
# an academic preprint's HTML (citation_* meta, <sup> affiliations, author-year citations, 'Kok and
# colleagues', participant codes); an amicus brief in plain text (statutes quoted by 'Section
# 12(b) provides:', 'Id. at 221', '[4] Id. at 2.'). Written and annotated before extraction was
# run on it. First run (no code changed): urls 0.812/0.867, footnotes 0.870/1.000, named_sources
# 0.000/0.000, quotes 0.909/0.889, speakers 0.773/0.756, quote_links 0.533/0.571, dates
# 1.000/1.000 (precision/recall). Pinned after one round of general fixes (no URL runs on across a
# drawn rule; 'To unsubscribe …, visit' URLs; a note marker closing a Markdown block; post-nominal
# letters end a name; a quoted provision is no one's words; 'Nothing' opens no name; an outlet
# noun after 'according to X'; 'X and colleagues'): urls 0.968/1.000, footnotes 0.870/1.000,
# named_sources 0.333/1.000, quotes 1.000/0.933, speakers 0.929/0.867, quote_links 0.714/0.714.
# Left: the preprint's own DOI and its <sup> affiliation numbers read as notes on the reference
# list; 'Natural England, statement to the Tidewater Review' as two named sources; author-year
# citations in narrative form ('Ballard and Montgomery (2017) … describing … as') and after a
# quotation ('(Kok et al., 2015, p. 1219)') in HTML; 'One woman in Kabale, who …, said:' gives
# 'Kabale'; 'testified before the Assembly that', 'concluded that', 'the committee report … states
# only that'; 'She stated' after 'Ms. Okafor's own declaration'; 'As the Court of Appeals put it'
# picks up the uppercase heading before it.
HOLDOUT11_FLOORS = {"urls": 0.96, "quotes": 0.93, "speakers": 0.86, "quote_links": 0.71}

HOLDOUT12 = CORPUS / "holdout12"
# A twelfth held-out set (first run pending).
HOLDOUT12_FLOORS: dict[str, float] = {}

CORPORA = (
    Corpus("seeds", SEEDS, EXPECTED, {m: FLOOR for m in GATED}),
    Corpus("corpus", CORPUS, CORPUS_EXPECTED, CORPUS_FLOORS),
    Corpus("holdout", HOLDOUT, HOLDOUT / "expected", HOLDOUT_FLOORS),
    Corpus("holdout2", HOLDOUT2, HOLDOUT2 / "expected", HOLDOUT2_FLOORS),
    Corpus("holdout3", HOLDOUT3, HOLDOUT3 / "expected", HOLDOUT3_FLOORS),
    Corpus("holdout4", HOLDOUT4, HOLDOUT4 / "expected", HOLDOUT4_FLOORS),
    Corpus("holdout5", HOLDOUT5, HOLDOUT5 / "expected", HOLDOUT5_FLOORS),
    Corpus("holdout6", HOLDOUT6, HOLDOUT6 / "expected", HOLDOUT6_FLOORS),
    Corpus("holdout7", HOLDOUT7, HOLDOUT7 / "expected", HOLDOUT7_FLOORS),
    Corpus("holdout8", HOLDOUT8, HOLDOUT8 / "expected", HOLDOUT8_FLOORS),
    Corpus("holdout9", HOLDOUT9, HOLDOUT9 / "expected", HOLDOUT9_FLOORS),
    Corpus("holdout10", HOLDOUT10, HOLDOUT10 / "expected", HOLDOUT10_FLOORS),
    Corpus("holdout11", HOLDOUT11, HOLDOUT11 / "expected", HOLDOUT11_FLOORS),
    Corpus("holdout12", HOLDOUT12, HOLDOUT12 / "expected", HOLDOUT12_FLOORS),
)


@dataclass
class Tally:
    """Counts for one measure: found-and-expected, found, expected."""

    hit: int = 0
    found: int = 0
    expected: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, found: Iterable[object], expected: Iterable[object], label: str) -> None:
        got, want = Counter(found), Counter(expected)
        self.hit += sum((got & want).values())
        self.found += sum(got.values())
        self.expected += sum(want.values())
        for item in (want - got):
            self.misses.append(f"{label}: missed {item}")
        for item in (got - want):
            self.misses.append(f"{label}: extra {item}")

    @property
    def precision(self) -> float:
        return self.hit / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.hit / self.expected if self.expected else 1.0


def words(text: str) -> str:
    """A quote's words only, for matching."""
    return " ".join(re.findall(r"\w+", text.lower().replace("’", "'")))


def name_key(name: str | None) -> str:
    if not name:
        return ""
    name = name.replace("’", "'").strip().lower()
    name = re.sub(r"^(?:all\s+)?(?:the|a|an)\s+", "", name)
    return " ".join(name.split())


def url_key(url: str) -> str:
    return normalize_url(url) or url


def extract(path: Path) -> tuple[Document, list[Citation], list[Quote], list[str]]:
    doc = load_document(path)
    citations = extract_citations(doc)
    quotes, terms = extract_quotes(doc, citations)
    return doc, citations, quotes, terms


def document_path(corpus: Corpus, expected: dict, build_dir: Path) -> Path:
    """Where the annotated document is; documents built from a source are built first."""
    if expected.get("build"):
        from bench.corpus_pdf import build_pdf

        out = build_dir / expected["document"]
        if not out.exists():
            build_pdf(corpus.documents / expected["build"], out)
        return out
    return corpus.documents / expected["document"]


def score_document(expected: dict, citations: list[Citation], quotes: list[Quote],
                   terms: list[str], tallies: dict[str, Tally],
                   doc: Document | None = None) -> list[str]:
    """Add one document's figures to `tallies`; returns readable differences."""
    label = expected["document"]
    link_urls = {c.url for c in citations if c.kind in ("link", "footnote") and c.url}
    tallies["urls"].add(sorted(link_urls), expected["urls"], label)
    tallies["footnotes"].add(
        [(c.marker, c.url) for c in citations if c.kind == "footnote"],
        [(f["marker"], f["url"]) for f in expected["footnotes"]], label)

    outlet_alias: dict[str, str] = {}
    for source in expected["named_sources"]:
        for alt in source.get("alternatives", []):
            outlet_alias[name_key(alt)] = name_key(source["outlet"])

    def outlet(name: str | None) -> str:
        key = name_key(name)
        return outlet_alias.get(key, key)
    tallies["named_sources"].add(
        [(outlet(c.outlet), c.cited_date.isoformat() if c.cited_date else None)
         for c in citations if c.kind == "named_source"],
        [(name_key(s["outlet"]), s["date"]) for s in expected["named_sources"]], label)

    optional = {words(q["text"]) for q in expected.get("optional_quotes", [])}
    wanted = {words(q["text"]): q for q in expected["quotes"]}
    got = [q for q in quotes if words(q.text) not in optional]
    tallies["quotes"].add([words(q.text) for q in got], list(wanted), label)

    def speaker(q: Quote) -> tuple[str, str]:
        key = words(q.text)
        spoken = name_key(q.speaker)
        want = wanted.get(key)
        if want:
            accepted = {name_key(want["speaker"])} | {
                name_key(a) for a in want.get("speaker_alternatives", [])}
            if spoken in accepted:
                spoken = name_key(want["speaker"])
        return key, spoken
    tallies["speakers"].add([speaker(q) for q in got if q.speaker],
                            [(k, name_key(q["speaker"])) for k, q in wanted.items()], label)

    def cited(c: Citation) -> str:
        if c.kind == "named_source":
            return "named:" + outlet(c.outlet)
        return url_key(c.url or "")

    def expected_cited(item: str) -> str:
        if item.startswith("named:"):
            return "named:" + outlet(item[len("named:"):])
        return url_key(item)
    tallies["quote_links"].add(
        [(words(q.text), cited(citations[n])) for q in got for n in q.citations],
        [(k, expected_cited(c)) for k, q in wanted.items() for c in q["citations"]], label)

    if doc is not None and "date" in expected:
        found_date = str(doc.date) if doc.date else None
        tallies["dates"].add([found_date], [expected["date"]], label)

    wrongly = [t for t in expected.get("not_quotes", [])
               if any(words(q.text) == words(t) for q in quotes)]
    return [f"{label}: extracted a non-quote as a quote: {t!r}" for t in wrongly]


@dataclass
class Result:
    """One corpus's figures."""

    corpus: Corpus
    tallies: dict[str, Tally]
    problems: list[str]
    documents: int
    cold: float  # seconds, first extraction of every document
    warm: float  # seconds, median of five further runs

    def failing(self) -> list[str]:
        below = [m for m, floor in self.corpus.floors.items()
                 if min(self.tallies[m].precision, self.tallies[m].recall) < floor]
        return below + (["problems"] if self.problems else [])


def specs(corpus: Corpus) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(corpus.expected.glob("*.json"))]


def run_corpus(corpus: Corpus, build_dir: Path) -> Result:
    """Extract and score every annotated document of one corpus."""
    tallies = {m: Tally() for m in MEASURES}
    problems: list[str] = []
    expectations = specs(corpus)
    paths = [document_path(corpus, e, build_dir) for e in expectations]
    started = time.perf_counter()
    results = [extract(path) for path in paths]
    cold = time.perf_counter() - started
    for expected, (doc, citations, quotes, terms) in zip(expectations, results, strict=True):
        problems += score_document(expected, citations, quotes, terms, tallies, doc)
    warm_runs = []
    for _ in range(5):
        started = time.perf_counter()
        for path in paths:
            extract(path)
        warm_runs.append(time.perf_counter() - started)
    warm = sorted(warm_runs)[len(warm_runs) // 2]
    return Result(corpus, tallies, problems, len(paths), cold, warm)


def run_all() -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="verifier-corpus-") as tmp:
        return [run_corpus(corpus, Path(tmp)) for corpus in CORPORA]


def report(result: Result, verbose: bool) -> list[str]:
    """Print one corpus's table; returns the measures below their floor."""
    c = result.corpus
    print(f"\n{c.name}: {result.documents} documents in {c.documents.relative_to(ROOT)}")
    print(f"{'measure':<15}{'precision':>10}{'recall':>8}{'found':>7}{'expected':>9}  floor")
    for name in MEASURES:
        t = result.tallies[name]
        floor = c.floors.get(name)
        gate = f"  {floor:.2f}" if floor is not None else "  (not gated)"
        print(f"{name:<15}{t.precision:>10.3f}{t.recall:>8.3f}{t.found:>7}{t.expected:>9}{gate}")
    print(f"time: {result.cold * 1000:.0f} ms for {result.documents} documents (first run); "
          f"{result.warm * 1000:.0f} ms warm (median of 5)")
    failing = result.failing()
    if verbose or failing:
        for line in result.problems + [m for name in MEASURES
                                       for m in result.tallies[name].misses]:
            print("  " + line)
    return failing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when a gated figure is below its corpus's floor")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every difference")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    results = run_all()
    failing = []
    for result in results:
        failing += [f"{result.corpus.name}:{m}" for m in report(result, args.verbose)]
    print(f"\ntotal {time.perf_counter() - started:.1f} s (imports, PDF builds and warm runs "
          "included)")
    if args.check and failing:
        print(f"FAIL: below the floor: {', '.join(failing)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
