"""The corpora `bench.extraction` scores: where each one's documents and expectations are, and
the floors CI holds it to, with how each held-out set was written and how it first scored."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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
# picks up the uppercase heading before it. Since holdout12 (a place after a preposition is no
# subject) 'One woman in Kabale, who …, said:' is the woman, and since holdout13 (an abbreviated
# title before a name, 'Ms. Okafor', is read as hers) 'She stated' is Okafor's: speakers
# 0.976/0.911.
# Since holdout15 ('concluded that' reports, not only after a quotation) the National Audit
# Office's words count: quotes 1.000/0.956, speakers 0.977/0.933, quote_links 0.733/0.786.
HOLDOUT11_FLOORS = {"urls": 0.96, "quotes": 0.95, "speakers": 0.93, "quote_links": 0.73}

HOLDOUT12 = CORPUS / "holdout12"
# A twelfth held-out set: a Westminster Hall debate as Hansard prints it in Markdown (speakers as
# '#### Name (Constituency) (Party)' headings, the minister's office heading with her name in
# parentheses, 'I told him, "…"' inside speeches, 'reported on 14 January', 'told the BBC on 28
# February'); a fact-check in HTML (a claim box, 'Speaking on LBC on 9 January', 'an article in
# the Daily Express on 6 January, which reported', a Sources list of outlets and dates, the FT's
# with its link); an NGO briefing saved from Word as PDF and back to text (form feeds, a running
# footer, endnotes gathered at the end, markers glued to words, 'Ibid.' and 'OCHA, op. cit.',
# outlet-and-date notes); a news story in HTML attributing quotations across paragraph breaks
# (a quotation paragraph named by the next one, 'He went on:', 'Then, quietly:', '(AFP, 4 March)',
# 'according to The Citizen, which reported'); a broadcaster's morning press review in Markdown
# ('## The Times', 'The Times leads on', 'tells the paper', 'quotes X as saying'). Written and
# annotated before extraction was run on it. First run (no code changed): urls 1.000/1.000,
# footnotes 1.000/0.750, named_sources 0.375/0.200 (0.625/0.278 against the corrected
# briefing expectations), quotes 1.000/0.822, speakers 0.703/0.578, quote_links 1.000/0.292,
# dates 1.000/1.000 (precision/recall). Pinned after one round of general fixes (outlets told or
# reporting on a stated day, dated in the document's year; a press review's 'leads on' /
# 'splashes on' / 'front page'; 'according to X, which reported'; a heading's words are no part
# of the sentence under it; a dated outlet that a source list links rests on that link; 'op.
# cit.' notes; 'I' under a speaker heading; 'was clear when he said'; 'put it more bluntly to
# me'; a place after a preposition is no subject; 'quoted X as saying'; a relative clause after
# a date, an 'of' appositive or a whole clause; 'and' inside a department's name; a newspaper
# is no nationality; a sentence pointing back at its paragraph's source; a quotation paragraph
# attributed by the paragraph before or after; 'in the words of'): every measure 1.000/1.000
# but quote_links 1.000/0.958 (and holdout11's speakers 0.929/0.867 -> 0.952/0.889). Left: the
# minister's words in The Citizen's paragraph ('told parliament', in a sentence that does not
# point back at the paper) rest on nothing. Seen and left: markers glued to a word or a year
# ('OCHA5', '2024,13') are not read as markers (no quotation rests on them here). Mended on the
# way: a running footer of '|'-separated pieces ('… | No Safe Road | March 2025  Page 1 of 4')
# is too long only by its separators and numbers, and is dropped like a shorter one.
# Since holdout15 (a paragraph credited 'according to' a news outlet) the minister's words in
# The Citizen's paragraph rest on it: quote_links 1.000/1.000.
HOLDOUT12_FLOORS = {"urls": 1.0, "quotes": 1.0, "speakers": 1.0, "quote_links": 1.0}

HOLDOUT13 = CORPUS / "holdout13"
# A thirteenth held-out set, on how quotations are written: a British review in plain text with
# 'single' marks among apostrophes ('Tis, rock 'n' roll, the Joneses' barn, '98); an English wire
# story in HTML quoting officials in „…”, „…“ and « … », with unmarked <blockquote>s attributed
# before ('… read out a joint statement:') and after ('So wrote X, in a post on X'); a Markdown
# long read on clerics (Ayatollah, Hojatoleslam, Brig. Gen., Sheikh, ibn, bin, al-, -zadeh; a
# quotation over three paragraphs; '>' blocks); a translated reportage with em-dash dialogue; a
# parliamentary sketch full of scare quotes, titles and nicknames beside one-word answers and a
# quotation split by its attribution. Written and annotated before extraction was run on it.
# First run: urls 1.000/0.909, named_sources 0.667/0.667, quotes 0.971/0.667, speakers
# 0.857/0.588, quote_links 1.000/0.667. Pinned after one round of general fixes: every measure
# 1.000/1.000 but speakers 0.980/0.980 ('Argyll and Bute Council said' gives 'Bute Council').
HOLDOUT13_FLOORS = {"urls": 1.0, "quotes": 1.0, "speakers": 0.98, "quote_links": 1.0}

HOLDOUT14 = CORPUS / "holdout14"
# A fourteenth held-out set, of document kinds and languages the others lack: German, Spanish
# and French news quoting in „…“, «…» and « … » with their own verbs ('sagte Bauministerin X',
# '„…“, so X', 'dijo la ministra de Y, X', 'a-t-il assuré', 'explique-t-elle', 'Según X',
# 'Selon l'AFP', 'Wie die „X“ am 12. März berichtete') and dates ('14. März 2025'); a Wikipedia
# article's wikitext saved as text (<ref> cite templates, named reuse, archive URLs, a URL-less
# cite news); a commission report whose notes restart in every chapter ('Ibid.' inside one);
# a live blog with colon headlines ('Business groups: “…”', 'said the Chancellor' before she is
# named); a social-media roundup (X, Bluesky, Mastodon embeds, '@handle' speakers); an MLA essay
# ('(Gilman, "Why I Wrote" 20)', scheme-less Works Cited URLs, '---.'); a pledge tracker whose
# quotations sit in a Markdown table; a Chicago author-date paper; an obituary quoting decades-old
# interviews over two paragraphs. Written and annotated before extraction was run on it. First
# run (no code changed): urls 0.925/0.949, footnotes 0.778/1.000, named_sources 1.000/0.000,
# quotes 0.958/0.657, speakers 0.771/0.529, quote_links 0.889/0.457, dates 0.778/0.778
# (precision/recall); against the two expectations corrected after it (the wikitext's refs are
# numbered notes; scheme-less URLs are reported as written): urls 0.950/0.974, footnotes
# 0.778/0.500, the rest unchanged. Pinned after one round of general fixes (reporting verbs of
# German, Spanish and French and their word orders; month names in those languages; notes
# restarting per chapter; Chicago author-date; MLA Works Cited; wikitext; table rows; a
# reference entry's quoted title; 'a review by X found'; headline colons; 'said the <role>';
# a time of day opening a sentence; 'dismissed it as'; a quotation used as an adjective; 'For
# X, … “…”'; a body described by its owner; host-and-path URLs; outlets cited the German and
# Spanish way; a table cell's outlet and day): urls 0.975/1.000, footnotes 1.000/1.000,
# named_sources 1.000/0.625, quotes 1.000/1.000, speakers 1.000/1.000, quote_links
# 1.000/0.886, dates 1.000/1.000. Left: outlets named without a day by names no vocabulary
# knows ('told Arkitektnytt in 1989', 'in an interview with NRK in 2012', 'a dénoncé sur France
# Inter'): undated, they say where words were heard, not which piece (the rule since holdout12),
# so four quotations rest on nothing; a fact-checker's 'member of the [IFCN](…)' link is taken
# for a citation.
HOLDOUT14_FLOORS = {"urls": 0.97, "quotes": 1.0, "speakers": 1.0, "quote_links": 0.88}

HOLDOUT15 = CORPUS / "holdout15"
# A fifteenth held-out set, of document kinds and languages the others lack: a newsroom research
# memo exported from Google Docs to HTML (generated classes, #ftnt1/#ftnt_ref1 notes, every link
# wrapped in google.com/url?q=); an accepted manuscript in plain text citing APA author-date with
# DOIs written 'doi:10.…', 'doi: 10.…', 'DOI: 10.…' and 'https://doi.org/…'; an oral-history
# transcript ('[00:04:38] MS. RIVERA:' turns, a header naming the narrator and the date of the
# interview); a fact-check citing a deleted page through Wayback and archive.today snapshots,
# a bit.ly link, <angle-bracket> URLs and scheme-less 'host/path' addresses; a newswire press
# release ('said X, chief executive of Y', '/PRNewswire/', 'SOURCE <issuer>'); Brazilian news in
# Portuguese, Italian local news in HTML and Russian city news in «ёлочки» with dash dialogue
# and dash attributions ('«…», — заявил … мэр X Алексей Дубров'); an appellate opinion with
# Bluebook and record citations, Q./A. testimony and a citation sentence giving a DOI; a live
# blog in plain text with bare time stamps ('told BBC Radio 4's Today programme on Thursday').
# Written and annotated before extraction was run on it. First run (no code changed): urls
# 0.976/0.911, footnotes 1.000/1.000, named_sources 0.667/0.222, quotes 1.000/0.583, speakers
# 0.905/0.528, quote_links 0.533/0.320, dates 0.700/0.700 (precision/recall). One expectation
# corrected after it (the trial court's finding may be named as the Superior Court of Lanark
# County the caption names). Pinned after one round of general fixes (reporting verbs, word
# orders, months and outlet citations of Russian, Portuguese and Italian; Cyrillic names;
# subjects dropped by pro-drop verbs; 'В X ответили'; bodies named by their first word; written
# DOIs; a labelled header date; PR Newswire's SOURCE trailer; a URL over a blank line; 'reads:'
# and 'shows a line …:'; transcript turns after a time stamp; 'this Court held that'; 'the
# report concluded that'; a paragraph credited 'according to' a news agency; a programme told
# something on a weekday; citation sentences; a document named again with its link):
# every measure 1.000/1.000. With these rules holdout11 reaches quotes 1.000/0.956, speakers
# 0.977/0.933 and quote_links 0.733/0.786, and holdout12's quote_links 1.000/1.000.
HOLDOUT15_FLOORS = {"urls": 1.0, "quotes": 1.0, "speakers": 1.0, "quote_links": 1.0}

HOLDOUT16 = CORPUS / "holdout16"
# A sixteenth held-out set, of document kinds the others lack: a local news page saved with
# 'lynx -dump' ('[7]petition' markers and a closing 'References' list of every link, menus and
# share buttons included); a magazine article in HTML whose notes are popovers (<button
# popovertarget> opening <div popover>), a Tufte CSS sidenote set inside its sentence and a
# <details><summary>Source</summary> disclosure; a Dutch fact-check ('„…”, zegt een woordvoerder
# van het ministerie', 'aldus X', 'meldde de NOS op 12 januari 2024', '18 maart 2025'); a UN
# Security Council verbatim record ('Mrs. Shea (United States of America):' turns quoting
# others, 'was stated plainly by President Kagame on 9 March:'); a monitoring desk's brief
# quoting Telegram posts (t.me links, a '>' post signed '— Channel, Telegram, date'); local
# news quoting a politician's thread on X ('the fourth post read', an indented pasted post with
# its '(@handle)' card and address); a book review with quotations inside quotations, scare
# quotes and an indented unmarked block; an English Court of Appeal judgment ('[41]' pinpoints,
# 'HHJ', 'Harwood LJ', page-foot notes glued to 'Trust,1'); a Pandoc Markdown post with inline
# notes '^[…]' and a named note '[^eval]' over two paragraphs; a think-tank briefing with
# Markdown's full, collapsed and shortcut reference links (case-blind labels, a URL on the
# line after its label) and a focus group's '(participant, Bolton)'; a parish council's Word
# consultation response (tests/docx_support.py: tracked changes inside a quotation, a comment,
# field-code links, footnotes). Written and annotated before extraction was run on it. First run
# (no code changed): urls 0.745/1.000, footnotes 0.182/0.333, named_sources 1.000/0.400, quotes
# 1.000/0.768, speakers 0.930/0.714, quote_links 1.000/0.586, dates 0.909/0.909
# (precision/recall). Two expectations of notes corrected after it (the sidenote is note 1 as
# the stylesheet numbers it; the named note '[^eval]' keeps its label as every named Markdown
# note does: footnotes 0.273/0.462 against them). Pinned after one round of general fixes
# (Pandoc inline notes numbered as shown; popover notes; sidenotes read apart
# from their sentence; a source line under a quotation's attribution or a lone 'Source' label;
# text-browser dumps; page furniture labels; Dutch verbs, months and outlet citations; a role of
# a body after the verb; a debate's record as a pointer; 'found at [41] … that'; a witness's
# evidence 'was that'; HHJ; a person described by where they are from; a passive verb's agent;
# 'the fourth post read'; a role signature in parentheses; 'Related:' headlines; indented
# plain-text blocks and pasted posts; a note marker just before a quotation): every measure
# 1.000/1.000 but speakers 0.982/0.982. Left: 'Wethouder Anouk Jansen van Utrecht' keeps 'van
# Utrecht' (Dutch writes a person's town or body and a surname's particle alike; a strict xfail).
HOLDOUT16_FLOORS = {"urls": 1.0, "quotes": 1.0, "speakers": 0.98, "quote_links": 1.0}

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
    Corpus("holdout13", HOLDOUT13, HOLDOUT13 / "expected", HOLDOUT13_FLOORS),
    Corpus("holdout14", HOLDOUT14, HOLDOUT14 / "expected", HOLDOUT14_FLOORS),
    Corpus("holdout15", HOLDOUT15, HOLDOUT15 / "expected", HOLDOUT15_FLOORS),
    Corpus("holdout16", HOLDOUT16, HOLDOUT16 / "expected", HOLDOUT16_FLOORS),
)
