"""Attributed quotes: quotation marks of every kind, speakers, what is not a quote, and the
citations each quote rests on."""

from __future__ import annotations

from pathlib import Path

import pytest

from verifier.citations import extract_citations
from verifier.documents import load_document
from verifier.models import Citation, Quote


def run(tmp_path: Path, text: str, suffix: str = ".txt"
        ) -> tuple[list[Quote], list[str], list[Citation]]:
    from verifier.quotes import extract_quotes

    path = tmp_path / f"doc{suffix}"
    path.write_text(text, encoding="utf-8")
    doc = load_document(path)
    citations = extract_citations(doc)
    quotes, terms = extract_quotes(doc, citations)
    return quotes, terms, citations


def said(quotes: list[Quote]) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in quotes]


# -- quotation marks ------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected, suffix", [
    pytest.param(
        'Jane Doe said "the plan will cut emissions by half." '
        "John Roe said “nothing has been decided yet.” "
        'Ann Poe said “a mixed pair of marks works too."',
        [
            ("Jane Doe", "the plan will cut emissions by half."),
            ("John Roe", "nothing has been decided yet."),
            ("Ann Poe", "a mixed pair of marks works too.")], ".txt",
        id="straight_curly_and_mixed_marks"),
    pytest.param(
        "‘We are ready to defend Hamas’ positions,’ the general told the BBC. "
        "'It's our land and our right,' he added.",
        [
            ("general", "We are ready to defend Hamas’ positions"),
            ("general", "It's our land and our right")], ".txt",
        id="single_marks_and_apostrophes"),
    pytest.param(
        "Iran's Supreme Leader Ali Khamenei met the delegation on Monday.\n\n"
        "“The enemy has failed in all its plans,” Khamenei said.\n",
        [("Ali Khamenei", "The enemy has failed in all its plans")], ".txt",
        id="full_name_as_written_earlier"),
    pytest.param(
        "In October 2016, Ali Khamenei said that the conflict would last. He predicted that "
        "Washington would ask, “Why do you support Hezbollah, Hamas, and Palestine?”",
        [("Ali Khamenei", "Why do you support Hezbollah, Hamas, and Palestine?")], ".txt",
        id="words_put_in_someone_else_s_mouth_stay_with_the_speaker"),
    pytest.param(
        '"We reject these accusations entirely," said John Smith, a spokesman for the '
        'ministry. Mary Jones, a senior analyst at the Brookings Institution, said: "The '
        'sanctions are not working as intended."\n\n'
        'In a statement, Amnesty International said the executions were "a grave violation '
        'of international law." The report said: "Detainees were denied lawyers for months."'
        '\n\nSmith spoke next. He told CNN: "They told me \'go home\' and then they left '
        'without a word."\n\n'
        '"It is too early to say," she wrote on X. Officials said the talks were '
        '"constructive and forward-looking in every respect."\n',
        [
            ("John Smith", "We reject these accusations entirely"),
            ("Mary Jones", "The sanctions are not working as intended."),
            ("Amnesty International", "a grave violation of international law."),
            # 'The report said' speaks for whoever issued the report
            ("Amnesty International", "Detainees were denied lawyers for months."),
            ("John Smith", "They told me 'go home' and then they left without a word."),
            ("Mary Jones", "It is too early to say"),  # 'she' is not the man called 'he'
            ("Officials", "constructive and forward-looking in every respect."),
        ], ".txt",
        id="news_style_attributions"),
    pytest.param(
        "Patricia Vaughn, Clearbrook's chief executive, told the committee in February "
        'that the company "will not be the scapegoat for a century of underinvestment."',
        [
            ("Patricia Vaughn", "will not be the scapegoat for a century of underinvestment.")], ".txt",
        id="possessive_description_after_a_name_keeps_the_name"),
    pytest.param(
        'Tomás Herrera has sold corn here since 1996.\n\n'
        'The vendors have hired a lawyer. Their secretary, Arturo Peña, said the group '
        'would go to court.\n\n'
        'For Herrera, the debate is simpler. Asked about a kiosk, he pointed at his '
        'table. "This is my kiosk," he said.',
        [("Tomás Herrera", "This is my kiosk")], ".txt",
        id="person_fronted_by_a_preposition_is_what_the_pronoun_refers_to"),
    pytest.param(
        "Providers see the problem differently. As one network engineer put it to us: "
        '"The last mile is where the money runs out and the promises start."\n\n'
        'Maria Lopez spoke last. "Nobody wins a long strike," as she put it.',
        [
            ("network engineer", "The last mile is where the money runs out and the promises start."),
            ("Maria Lopez", "Nobody wins a long strike")], ".txt",
        id="put_it_reports_speech"),
    # the '— Name, role' line outside the '>' lines attributes the block, also a block that
    # is one quotation in marks; a later dash line after an ordinary paragraph does not
    pytest.param(
        "Letters came in all week.\n\n"
        "> Nobody who writes these plans has ever pumped out a lifeboat at night.\n\n"
        "— Tom Pengelly, Port Isaac\n\n"
        '> "You do not fight the sea. You negotiate with it."\n\n'
        "— Grace Abernethy, lifeboat coxswain\n\n"
        "That is all for this week.\n\n— The editors\n",
        [
            ("Tom Pengelly", "Nobody who writes these plans has ever pumped out a lifeboat at night."),
            ("Grace Abernethy", "You do not fight the sea. You negotiate with it."),
        ], ".md",
        id="dash_attribution_line_after_a_markdown_blockquote"),
])
def test_speaker_and_words_of_each_quote(tmp_path: Path, text: str,
                                          expected: list[tuple[str, str]], suffix: str):
    quotes, _, _ = run(tmp_path, text, suffix)
    assert said(quotes) == expected


def test_quote_across_line_and_page_breaks_skips_footnotes_and_captions(tmp_path: Path):
    lines = ["Intro paragraph of the report stands on its own line here.", "",
             "Ali Larijani, chairman of the Majlis, criticized Washington. He said that Hamas was",
             "", "“a symbol of confrontation with the Zionist regime and of the resistance",
             "", "against its acquisitiveness in the whole region of the Middle East, and the",
             "", " ", "", "1 http://www.leader.ir/langs/fa/index.php?id=1.", "",
             "Larijani meets Mashaal", "(Photo from Larijani’s website).",
             " pride of the nation.”1 He left on Monday.", "", "Another paragraph of text.",
             "", "Yet another line of the text here.", "", "And a final line of text."]
    quotes, _, citations = run(tmp_path, "\n".join(lines) + "\n")
    assert said(quotes) == [("Ali Larijani", "a symbol of confrontation with the Zionist regime "
                             "and of the resistance against its acquisitiveness in the whole "
                             "region of the Middle East, and the pride of the nation.")]
    assert [citations[n].url for n in quotes[0].citations] == [
        "http://www.leader.ir/langs/fa/index.php?id=1"]
    assert quotes[0].line == 5


# -- speakers ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text, speakers", [
    pytest.param(
        'Jane Doe warned that "prices will rise again next year." '
        '"We cannot wait any longer," Doe added. '
        '"This is a disaster for the region," said Foreign Minister John Smith. '
        "Maria Lopez told reporters: “The vaccine is safe for every age group.”",
        ["Jane Doe", "Jane Doe", "John Smith", "Maria Lopez"],
        id="speaker_before_after_inverted_and_colon"),
    pytest.param(
        "The foreign minister, Manuchehr Mottaki, praised the movement. He said that "
        "“the resistance has shown the way for everyone.”\n\n"
        "Hamas leader Khaled Mashaal thanked Tehran. “We will never forget your support "
        "in our hardest days,” he told reporters.\n",
        ["Manuchehr Mottaki", "Khaled Mashaal"],
        id="pronoun_resolves_to_the_person_just_named"),
    pytest.param(
        "Iran’s Supreme Leader Ali Khamenei received Hamas leader Ahmad Yassin. "
        "Khamenei praised him.\n\n"
        "In 2005, the leader of the Islamic Republic said the victory was “a pleasant "
        "surprise from God.” Later the supreme leader said “the enemy will be defeated.”\n",
        ["Ali Khamenei", "Ali Khamenei"],
        id="descriptions_resolve_to_the_person_with_that_title"),
    pytest.param(
        "The delegation met the former foreign minister, Kamal Kharrazi, who told them that "
        "the “visit proves our support for the resistance.” "
        "The prime minister, Jane Doe, said the plan would “cut emissions by half.” "
        "According to Prime Minister Benjamin Netanyahu’s office, the decision is “clear "
        "proof it is not interested in talks.”",
        [
            "Kamal Kharrazi", "Jane Doe", "Benjamin Netanyahu’s office"],
        id="relative_clause_appositive_and_according_to"),
    pytest.param(
        "“Only those who speak for Palestine can represent it,” Khamenei emphasized. "
        "“Those who demean it have no right to speak.”\n\n"
        "The Israeli government accuses Hamas of stalling. “Israel will not cave to these "
        "demands.”\n",
        ["Khamenei", "Khamenei", "Israeli government"],
        id="a_quote_standing_alone_keeps_the_previous_speaker"),
    pytest.param(
        "European Commission President Ursula von der Leyen said that “Europe has to become "
        "the first climate-neutral continent.” Joost van den Berg said that “the dikes will "
        "hold for another century.”\n",
        ["Ursula von der Leyen", "Joost van den Berg"],
        id="two_particles_stay_in_the_name"),
    pytest.param(
        "The UN chief António Guterres was blunt: “Humanity has opened the gates to hell.”\n\n"
        "WHO Director-General Tedros Adhanom Ghebreyesus was clear: “This pandemic is far "
        "from over.”\n\n"
        "Dutch prime minister Mark Rutte was firm: “We will not pay for this plan.”\n\n"
        "Okonkwo's message is simple: “Stay at home and wait for the rain.”\n",
        [
            "António Guterres", "Tedros Adhanom Ghebreyesus", "Mark Rutte", "Okonkwo"],
        id="organisation_or_demonym_before_a_title_in_a_colon_introduction"),
    pytest.param(
        "European Commission President Ursula von der Leyen spoke in Brussels.\n\n"
        "Von der Leyen said that “the Green Deal is our man on the moon moment.”\n\n"
        "Later, von der Leyen added: “We will not leave anyone behind in this transition.”\n",
        ["Ursula von der Leyen", "Ursula von der Leyen"],
        id="surname_with_particles_is_written_in_full"),
    pytest.param(
        "The former president, Sharif Sheikh Ahmed, said that “the elections must be held on "
        "time.”\n\nFormer prime minister John Major said that “the country has lost its way on "
        "Europe.”\n\nJordan's King Abdullah said that “there is no alternative to the two-state "
        "solution.”\n\nSheikh Tamim said that “Qatar will keep mediating between the sides.”\n",
        ["Sharif Sheikh Ahmed", "John Major", "Abdullah", "Tamim"],
        id="title_word_inside_a_name_stays_in_the_name"),
    pytest.param(
        'Asked about it, a spokesperson for the port authority said that "no vessel has been '
        'turned away". Figures are scarce. Asked about it, the mayor of the city said that "the '
        'reconstruction budget has tripled". The spokesperson added that "every ship is '
        'inspected". A diplomat said that "talks will resume". The source said that "nothing '
        'is agreed".',
        ["spokesperson for the port authority", "mayor of the city",
         "spokesperson for the port authority", "diplomat", "diplomat"],
        id="the_same_role_or_a_word_for_anyone_takes_up_the_person_described_before"),
    pytest.param(
        'A senior official said that "no vessel has been turned away". Another official said '
        '"we follow the law in every case".',
        ["senior official", "official"], id="another_opening_a_sentence_is_no_name"),
])
def test_speaker_of_each_quote(tmp_path: Path, text: str, speakers: list[str]):
    quotes, _, _ = run(tmp_path, text)
    assert [q.speaker for q in quotes] == speakers


def test_quote_broken_around_he_said_is_two_quotes_one_speaker(tmp_path: Path):
    text = ("Supreme Leader Ali Khamenei spoke at length. “Allah,” he said, “had decided that "
            "victory would come to the believers.” He added more.1\n\n"
            "1 http://www.leader.ir/fa/content/6218\n")
    quotes, _, citations = run(tmp_path, text)
    assert said(quotes) == [
        ("Ali Khamenei", "Allah"),
        ("Ali Khamenei", "had decided that victory would come to the believers.")]
    assert quotes[0].citations == quotes[1].citations == [0]
    assert citations[0].url == "http://www.leader.ir/fa/content/6218"


# -- not quotes -------------------------------------------------------------------------------
def test_scare_quotes_labels_titles_and_headings_are_terms(tmp_path: Path):
    text = ("A “Pleasant Surprise” for Khamenei\n\n"
            "He said the “resistance” [i.e., terrorism] would go on. Critics called it a "
            "“Trojan horse”, the so-called “peace plan for the whole region”. Trump’s plan, "
            "dubbed the “deal of the century,” was rejected. The report “Iran and the Bomb: "
            "A New Era” was published. Somebody wrote “a passage that nobody is said to have "
            "spoken at all” once.\n\n"
            "“Palestine: The Main Source of Enmity toward the Islamic Republic”\n\n"
            "The unattributed passage “was long and carried no name of any speaker” here.\n")
    quotes, terms, _ = run(tmp_path, text)
    assert said(quotes) == [("Somebody", "a passage that nobody is said to have spoken at all")]
    assert terms == ["Pleasant Surprise", "resistance", "Trojan horse",
                     "peace plan for the whole region", "deal of the century",
                     "Iran and the Bomb: A New Era",
                     "Palestine: The Main Source of Enmity toward the Islamic Republic",
                     "was long and carried no name of any speaker"]


def test_a_name_given_after_call_and_its_object_is_a_term(tmp_path: Path):
    """'calling the summer months “the dry season of debt”': the quotation names the object;
    after 'call for' or a noun 'call' a quotation stays one."""
    text = ("Farmers have started calling the summer months “the dry season of debt”. "
            "Locals call the coast road “the highway of death”.\n\n"
            "The union called for “an end to the strike by Friday”. In a phone call the "
            "minister said “we will build it”.\n")
    quotes, terms, _ = run(tmp_path, text)
    assert terms == ["the dry season of debt", "the highway of death"]
    assert [q.text for q in quotes] == ["an end to the strike by Friday", "we will build it"]


def test_a_month_or_weekday_opening_the_clause_is_no_speaker(tmp_path: Path):
    text = ("The Ministry of Water Resources publishes a reservoir page. In October the ministry "
            "said that “emergency rationing will begin in November”. On Monday 5 May the "
            "ministry said that “the dams are full again”. May Clarke said that “the rains came "
            "late this year”.\n")
    quotes, _, _ = run(tmp_path, text)
    assert [q.speaker for q in quotes] == ["Ministry of Water Resources",
                                           "Ministry of Water Resources", "May Clarke"]


# -- editorial marks ---------------------------------------------------------------------------
def test_editorial_marks_stay_as_written(tmp_path: Path):
    text = ("He met the minister. Mottaki said that “[t]he resistance [i.e., terrorism] … "
            "will go on [in Gaza].”")
    quotes, _, _ = run(tmp_path, text)
    assert quotes[0].text == "[t]he resistance [i.e., terrorism] … will go on [in Gaza]."


# -- quote -> citation links -----------------------------------------------------------------
def test_marker_in_the_sentence_then_first_marker_in_the_paragraph(tmp_path: Path):
    text = ("Mottaki said the result was the “courageous resistance led by Hamas.” He added "
            "that “the moves of the hegemonic powers have been entirely futile.”5 Later he "
            "said “we will keep helping our brothers.”6\n\n"
            "5 http://example.com/five\n6 http://example.com/six\n")
    quotes, _, citations = run(tmp_path, text)
    links = [[citations[n].url for n in q.citations] for q in quotes]
    assert links == [["http://example.com/five"], ["http://example.com/five"],
                     ["http://example.com/six"]]


def test_inline_link_in_the_same_sentence(tmp_path: Path):
    text = ("Adeyemo [said](https://home.treasury.gov/news/jy1234) the measures would “hold the "
            "regime accountable.” Another sentence has a [link](https://example.com/other).\n\n"
            "Smith said “this paragraph has no link at all.”\n")
    quotes, _, citations = run(tmp_path, text, ".md")
    assert [[citations[n].url for n in q.citations] for q in quotes] == [
        ["https://home.treasury.gov/news/jy1234"], []]


def test_he_added_rests_on_the_link_of_the_same_speaker_earlier_in_the_paragraph(
        tmp_path: Path):
    """'X said that “…” ([link]). He added that “…”': the speaker going on in the paragraph
    goes on from the same source; someone else quoted between, a new paragraph, or a
    quotation merely 'said' (it may come from elsewhere) breaks the chain."""
    text = ("Spokesman Uri Schor said that “desalination will supply most of our water” "
            "([Globes](https://globes.example/a)). He added that “no country can solve its "
            "water problems alone.”\n\n"
            "Minister Dan Levi said that “the plan is funded” ([Ynet](https://ynet.example/b)). "
            "The critic Ruth Gal said that “the plan is a fantasy.” He added that “the money is "
            "there.”\n\n"
            "Schor added that “the sixth plant opens next year.”\n\n"
            "Amit Lang said that “two plants open this year” ([Globes](https://globes.example/c)). "
            "“The third will follow,” Lang said.\n")
    quotes, _, citations = run(tmp_path, text, ".md")
    assert [(q.speaker, [citations[n].url for n in q.citations]) for q in quotes] == [
        ("Uri Schor", ["https://globes.example/a"]), ("Uri Schor", ["https://globes.example/a"]),
        ("Dan Levi", ["https://ynet.example/b"]), ("Ruth Gal", []), ("Ruth Gal", []),
        ("Uri Schor", []), ("Amit Lang", ["https://globes.example/c"]), ("Amit Lang", [])]


def test_named_source_in_the_parentheses_that_follow(tmp_path: Path):
    text = ("Saleh al-Arouri spoke. He added that Hamas hoped the support would continue until “the occupation is "
            "stamped out” (al-Alam TV, October 22, 2017). Khamenei said “the enemy is weak,” "
            "according to the Iranian Press TV.\n")
    quotes, _, citations = run(tmp_path, text)
    assert [[citations[n].outlet for n in q.citations] for q in quotes] == [
        ["al-Alam TV"], ["Iranian Press TV"]]


def test_quote_without_a_source_has_no_citation(tmp_path: Path):
    quotes, _, citations = run(tmp_path, "Khamenei said “the enemy is weak and divided.”\n")
    assert quotes[0].citations == [] and citations == []


def test_blockquote_and_q_in_html(tmp_path: Path):
    html = """<article><p>The president spoke on Monday:</p>
<blockquote cite="https://www.president.ir/en/1"><p>We are committed to diplomacy, but our
patience has limits.</p><footer>— Ebrahim Raisi</footer></blockquote>
<p><q cite="https://example.com/analyst">This is posturing for a domestic audience</q>, said
Sanam Vakil.</p></article>"""
    quotes, _, citations = run(tmp_path, html, ".html")
    assert [(q.speaker, q.text, [citations[n].url for n in q.citations]) for q in quotes] == [
        ("Ebrahim Raisi", "We are committed to diplomacy, but our patience has limits.",
         ["https://www.president.ir/en/1"]),
        ("Sanam Vakil", "This is posturing for a domestic audience", ["https://example.com/analyst"]),
    ]


def test_a_link_in_a_blockquotes_attribution_is_its_source(tmp_path: Path):
    """'— Name, <cite><a href=…>Outlet</a></cite>' in the blockquote's footer, or a link in
    the caption of its <figure>: where the quotation was published, as a cite attribute."""
    html = """<article><p>Two voices from the marshes.</p>
<blockquote><p>Without an agreement on the Tigris, every summer will be worse.</p>
<footer>— Nadia Karim, hydrologist, <cite><a href="https://forum.example/tigris">Water Policy
Forum</a></cite></footer></blockquote>
<figure><blockquote><p>We sold half the buffalo last summer, and the rest will follow.</p>
</blockquote><figcaption>— Hamid Jabbar, speaking to <a href="https://voices.example/herders">Marsh
Voices</a></figcaption></figure></article>"""
    quotes, _, citations = run(tmp_path, html, ".html")
    assert [(q.speaker, [citations[n].url for n in q.citations]) for q in quotes] == [
        ("Nadia Karim", ["https://forum.example/tigris"]),
        ("Hamid Jabbar", ["https://voices.example/herders"])]


def test_quote_location_and_context(tmp_path: Path):
    quotes, _, _ = run(tmp_path, "First line.\n\nJane Doe said “the plan will work well.”\n")
    assert quotes[0].line == 3 and quotes[0].context == "Jane Doe said “the plan will work well.”"


def test_quotation_introduced_by_a_colon_in_the_paragraph_before(tmp_path: Path):
    text = ("The president addressed the crowd in Tehran. Ebrahim Raisi told them:\n\n"
            "“Our nation will never bow to pressure, and our enemies know it well.”\n\n"
            "“This paragraph was not introduced by anyone at all, it just stands here.”\n")
    quotes, terms, _ = run(tmp_path, text)
    assert said(quotes) == [
        ("Ebrahim Raisi", "Our nation will never bow to pressure, and our enemies know it well.")]
    assert terms == ["This paragraph was not introduced by anyone at all, it just stands here."]


def test_markdown_blockquotes_with_dash_attribution_and_colon_intro(tmp_path: Path):
    text = ("Intro paragraph of the post.\n\n"
            "> The Islamic Republic will never negotiate under the shadow of threats.\n>\n"
            "> — Ali Khamenei, speech in Mashhad\n\n"
            'Smith: "We will win this fight, whatever it takes."\n\n'
            "The ministry said in a statement:\n\n"
            "> Our position has not changed since the talks began. "
            "[Source](https://mfa.example/statement)\n")
    quotes, _, citations = run(tmp_path, text, ".md")
    assert [(q.speaker, q.text, [citations[n].url for n in q.citations]) for q in quotes] == [
        ("Ali Khamenei", "The Islamic Republic will never negotiate under the shadow of threats.",
         []),
        ("Smith", "We will win this fight, whatever it takes.", []),
        ("ministry", "Our position has not changed since the talks began.",
         ["https://mfa.example/statement"]),
    ]


def test_markdown_blockquote_in_marks_with_its_dash_attribution_on_the_next_line(
        tmp_path: Path):
    """'> "…"' then '> — Name, role, in [a statement](…)' with no blank '>' line between: Markdown
    joins the two lines, and the dash after the closing mark still names the speaker."""
    text = ("Notes from the conference.\n\n"
            '> "Water must be a source of cooperation, not conflict, across the region."\n'
            "> — Rola Dashti, ESCWA Executive Secretary, in [a statement](https://escwa.example/s)\n")
    quotes, _, citations = run(tmp_path, text, ".md")
    assert [(q.speaker, q.text, [citations[n].url for n in q.citations]) for q in quotes] == [
        ("Rola Dashti", "Water must be a source of cooperation, not conflict, across the region.",
         ["https://escwa.example/s"])]


# -- appositives between subject and verb ----------------------------------------------------


def test_name_in_apposition_to_a_description_is_the_speaker(tmp_path: Path):
    text = ("Talks broke down on Monday. The employers' group, the Southern Ports Alliance, "
            'said its offer was "fair, generous and final." The report, the first by the '
            'Alliance, said the port was "in decline for a decade."')
    quotes, _, _ = run(tmp_path, text)
    assert said(quotes)[0] == ("Southern Ports Alliance", "fair, generous and final.")
    # an appositive that is not the name itself ('the first by the Alliance') names no one
    assert "Alliance" not in {q.speaker for q in quotes[1:]}


# -- nicknames and fronted topics -------------------------------------------------------------
def test_nickname_inside_a_name_is_not_part_of_the_speakers_name(tmp_path: Path):
    text = ('The queue for Tomás "El Flaco" Herrera\'s grilled corn is long. '
            '"We cook what our grandmothers cooked," Herrera said.')
    quotes, terms, _ = run(tmp_path, text)
    assert said(quotes) == [("Tomás Herrera", "We cook what our grandmothers cooked")]
    assert terms == ["El Flaco"]


# -- speech idioms ----------------------------------------------------------------------------


def test_put_it_with_a_place_is_not_speech():
    from verifier.text.speechverbs import find_speech_verbs

    text = "The minister put it on the agenda and later put it bluntly: no."
    assert [m.start() for m in find_speech_verbs(text)] == [text.index("put it bluntly")]


def test_outlet_named_without_url_and_a_later_note_in_the_paragraph(tmp_path: Path):
    # the parenthetical outlet has no URL; the paragraph's note after the quotation gives one
    text = ("Published 2 April 2025\n\n"
            "The minister, Hamid Rezvani, said the country would ‘open three new plants on the "
            "coast before the summer’ (IRNA, 14 January 2025). He added that the plants would "
            "supply ‘water for two million people in the south’.[1]\n\n"
            "Notes\n\n[1] IRNA, 14 January 2025, https://www.irna.example.ir/news/85012345/\n")
    quotes, _, citations = run(tmp_path, text)
    linked = [sorted((citations[n].kind, citations[n].url or citations[n].outlet)
                     for n in q.citations) for q in quotes]
    assert linked == [
        [("footnote", "https://www.irna.example.ir/news/85012345/"), ("named_source", "IRNA")],
        [("footnote", "https://www.irna.example.ir/news/85012345/")],
    ]


def test_colon_quote_with_a_link_in_parentheses_after_its_sentence(tmp_path: Path):
    html = """<article>
<p>Guterres was blunt: “Humanity has opened the gates to hell.” (<a href="https://news.un.org/a">UN
News</a>)</p>
<p>Climate scientist Friederike Otto said: “Heatwaves now happen every ten years.”
(<a href="https://bbc.example/b">BBC</a>)</p>
<p>Otto added that “attribution science has moved to the courtroom.” A <a
href="https://example.org/c">later</a> sentence links elsewhere.</p></article>"""
    quotes, terms, citations = run(tmp_path, html, ".html")
    assert [(q.speaker, [citations[n].url for n in q.citations]) for q in quotes] == [
        ("Guterres", ["https://news.un.org/a"]),
        ("Friederike Otto", ["https://bbc.example/b"]),
        ("Friederike Otto", [])]
    assert terms == []


def test_a_short_line_ending_in_a_parenthesised_citation_is_not_a_heading(tmp_path: Path):
    text = "Guterres was blunt: “Humanity has opened the gates to hell.” (UN News)\n"
    quotes, terms, _ = run(tmp_path, text)
    assert [q.speaker for q in quotes] == ["Guterres"] and terms == []




def test_a_role_named_once_then_used_alone_means_its_holder(tmp_path: Path):
    text = ("Speakers included Brazil's health minister, Dr. Paulo Andrade, and the chair of "
            "the negotiating body, Ambassador Lotte Visser.\n\n"
            "The health minister said the annex was “the difference between a promise and a "
            "plan.”\n\n"
            "The chair reported progress. “We are closer than the headlines suggest,” she said.\n")
    quotes, _, _ = run(tmp_path, text)
    assert [q.speaker for q in quotes] == ["Paulo Andrade", "Lotte Visser"]


def test_a_role_introducing_a_quotation_with_a_colon(tmp_path: Path):
    text = ("Ministers met in Geneva.\n\nThe WHO chief was clear: “No country will be safe by "
            "building a wall around its own supply chains.”\n")
    quotes, _, _ = run(tmp_path, text)
    assert [q.speaker for q in quotes] == ["WHO chief"]


def test_a_colon_clause_speaks_for_a_short_paraphrase_before_the_quotation(tmp_path: Path):
    text = ("The World Health Organization's guidance makes the same point: early warnings "
            "matter less than “reaching the people who will not hear the warning”.\n")
    quotes, _, _ = run(tmp_path, text)
    assert [q.speaker for q in quotes] == ["World Health Organization"]


def test_a_speech_verb_form_after_a_determiner_is_a_noun(tmp_path: Path):
    text = ("Its coordinator, Lucía Romero, described the calls as “boring, cheap and the "
            "single thing that saves the most lives” last summer.\n")
    quotes, _, _ = run(tmp_path, text)
    assert [q.speaker for q in quotes] == ["Lucía Romero"]


def test_a_titled_name_in_apposition_to_a_role_is_the_subject(tmp_path: Path):
    html = ("<article><p>In a statement posted on the council website, the cabinet member for "
            "transport, Councillor Daniel Achebe, apologised to residents:</p>"
            "<blockquote><p>I know how much disruption this is causing, and I am sorry.</p>"
            "</blockquote></article>")
    quotes, _, _ = run(tmp_path, html, ".html")
    assert [q.speaker for q in quotes] == ["Daniel Achebe"]


def test_according_to_a_role_then_the_name_holding_it(tmp_path: Path):
    html = ("<article><p>The bearings had <q cite='https://council.example/inspection.pdf'>"
            "corroded well beyond the point of safe repair</q>, according to the city "
            "council’s chief engineer, Marta Lindqvist.</p></article>")
    quotes, _, citations = run(tmp_path, html, ".html")
    assert [(q.speaker, [citations[n].url for n in q.citations]) for q in quotes] == [
        ("Marta Lindqvist", ["https://council.example/inspection.pdf"])]


def test_a_note_marker_on_the_attribution_line_after_a_block_quote(tmp_path: Path):
    text = ("One member summed it up:\n\n"
            "> \"We should judge this plan by how many people come through the doors.\"\n>\n"
            "> — Councillor Ana Ferreira, Valmont Greens[^4]\n\n"
            "[^4]: Health committee, 12 June 2025: https://video.example.eu/health/2025-06-12\n")
    quotes, _, citations = run(tmp_path, text, ".md")
    assert [[citations[n].url for n in q.citations] for q in quotes] == [
        ["https://video.example.eu/health/2025-06-12"]]


def test_a_quoted_title_in_a_reference_list_entry_is_no_quotation(tmp_path: Path):
    html = ("<article><p>Mayor Dieter Kranz said it was \"the most important decision since "
            "the war\"."
            "<sup class='reference'><a href='#cite_note-1'>[1]</a></sup></p>"
            "<ol class='references'><li id='cite_note-1'>Okonkwo, Daniel (2 February 2023). "
            "\"Kaltenbrunn opens after long delays\". Railway Gazette Europe.</li></ol>"
            "</article>")
    quotes, terms, _ = run(tmp_path, html, ".html")
    assert said(quotes) == [("Dieter Kranz", "the most important decision since the war")]
    assert "Kaltenbrunn opens after long delays" in terms


def test_a_participle_after_a_clause_names_its_full_named_subject(tmp_path: Path):
    text = ("Ridership rose. The transport researcher Tobias Lindqvist was more cautious, "
            "writing that the overrun was \"a warning to every city now drawing lines on a "
            "map\" and that most riders came from buses.")
    quotes, _, _ = run(tmp_path, text)
    assert [q.speaker for q in quotes] == ["Tobias Lindqvist"]


def test_a_report_that_found_speaks_for_a_coordinated_description(tmp_path: Path):
    text = ("Costs rose. A report by the Court of Audit found that the city had underestimated "
            "the risk, and described its reserve as \"inadequate from the outset\".")
    quotes, _, _ = run(tmp_path, text)
    # the body whose report it is speaks through it (holdout14: 'A 2023 review by the GAO found')
    assert said(quotes) == [("Court of Audit", "inadequate from the outset")]


def test_what_people_call_a_phrase_names_it_rather_than_quotes_it(tmp_path: Path):
    text = ("Prices rose. Residents have long complained about what they call \"the tanker "
            "economy\", in which suppliers charge ten times more.")
    quotes, terms, _ = run(tmp_path, text)
    assert quotes == [] and terms == ["the tanker economy"]


def test_a_capitalised_description_is_a_name_not_the_last_organisation(tmp_path: Path):
    text = ("The Ministry of Water said the plan was ready.\n\n"
            "Minister, the Audit Bureau said in its report that the plant was \"a plant built "
            "for a city that does not exist.\" Why?")
    quotes, _, _ = run(tmp_path, text)
    assert [q.speaker for q in quotes] == ["Audit Bureau"]


def test_i_in_a_transcript_turn_is_the_person_its_label_names(tmp_path: Path):
    text = ("The minister, Karim Hassan, opened the briefing.\n\n"
            "MINISTER HASSAN: Thank you. As I told the governors last week, \"No village will "
            "be asked to wait while the cities are served first.\" That is the principle.\n\n"
            "QUESTION (Samir Haddad): When will it open?")
    quotes, _, _ = run(tmp_path, text)
    assert [q.speaker for q in quotes] == ["Karim Hassan"]


def test_according_to_an_unnamed_spokesperson_for_an_organisation(tmp_path: Path):
    text = ("Money came. The grant is \"conditional on a public register being in place "
            "first,\" according to a spokesperson for the EU delegation, who said more.")
    quotes, _, _ = run(tmp_path, text)
    assert [q.speaker for q in quotes] == ["spokesperson for the EU delegation"]


def test_a_block_rests_on_its_introducing_sentence_not_a_note_glued_before_it(
        tmp_path: Path):
    html = ("<article><p>Nkosi calls storage \"a generator that happens to be shy\".<a "
            "class='footnote-anchor' id='footnote-anchor-3' href='#footnote-3'>3</a> When I "
            "asked her what that means, she was patient with me:</p><blockquote><p>It means the "
            "batteries will be paid to do what is profitable for the owner.</p></blockquote>"
            "<div class='footnote'><a id='footnote-3' href='#footnote-anchor-3'>3</a><div>"
            "<p>Nkosi, <a href='https://epru.example.ac.za/briefs/12'>brief 12</a></p></div>"
            "</div></article>")
    quotes, _, citations = run(tmp_path, html, ".html")
    assert [(q.speaker, [citations[n].url for n in q.citations]) for q in quotes] == [
        ("Nkosi", ["https://epru.example.ac.za/briefs/12"]), ("Nkosi", [])]


# -- holdout6 fixes -------------------------------------------------------------------------
def test_german_low_opening_mark_closes_with_the_english_opening_mark(tmp_path: Path):
    text = ("The minister, Bernd Hollmann, said the union was „holding the whole country "
            "hostage over a 35-hour week“ and left.")
    quotes, _, _ = run(tmp_path, text)
    assert said(quotes) == [
        ("Bernd Hollmann", "holding the whole country hostage over a 35-hour week")]


def test_a_coordinated_clause_after_a_quotation_speaks_for_the_next_one(tmp_path: Path):
    text = ("Minister Bernd Hollmann accused the union of „holding the whole country hostage "
            "over a week“, and the personnel director, Thomas Kessler, said on Friday that "
            "the demands were „simply not affordable for a company like ours“.")
    quotes, _, _ = run(tmp_path, text)
    assert [q.speaker for q in quotes] == ["Bernd Hollmann", "Thomas Kessler"]


def test_a_link_is_not_the_source_of_a_quotation_another_speakers_stands_before(
        tmp_path: Path):
    text = ("Minister Bernd Hollmann accused the union in a [statement](https://gov.example.de/"
            "s/112) of „holding the whole country hostage over a week“, and the personnel "
            "director, Thomas Kessler, said that the demands were „simply not affordable for "
            "a company like ours“.\n")
    quotes, _, citations = run(tmp_path, text, ".md")
    assert [[citations[n].url for n in q.citations] for q in quotes] == [
        ["https://gov.example.de/s/112"], []]


def test_a_paragraph_that_is_only_a_quotation_carries_on_the_speaker_before(tmp_path: Path):
    text = ("Dev Sharma chairs the group.\n\n"
            "“When the council says consultation, it means a form nobody can find,” he said.\n\n"
            "“We collected six thousand signatures in a fortnight. Every single time, the "
            "answer was no.”\n\n"
            "The petition has 6,212 signatures.")
    quotes, _, _ = run(tmp_path, text)
    assert [q.speaker for q in quotes] == ["Dev Sharma", "Dev Sharma"]


def test_a_quotation_paragraph_after_an_unattributed_one_is_not_carried_on(tmp_path: Path):
    text = ("Khamenei described the resistance as the “brightest chapter in the recent "
            "century of Palestinian history.”\n\n"
            "“Palestine: The Main Source of Enmity toward the Islamic Republic”\n\n"
            "More text follows here.")
    quotes, _, _ = run(tmp_path, text)
    assert [q.text for q in quotes] == ["brightest chapter in the recent century of "
                                        "Palestinian history."]


def test_a_tweets_hashtag_stays_in_its_words_and_its_link_is_no_source(tmp_path: Path):
    html = ("<article><p>The MP, Helen Carrow, criticised the decision earlier:</p>"
            "<blockquote class='twitter-tweet'><p lang='en'>Closing the library tells you "
            "everything about their priorities. <a href='https://twitter.com/hashtag/"
            "SaveTheLibrary?src=hash'>#SaveTheLibrary</a></p>&mdash; Helen Carrow MP "
            "(@HelenCarrowMP) <a href='https://twitter.com/HelenCarrowMP/status/1897651'>"
            "March 6, 2025</a></blockquote></article>")
    quotes, _, citations = run(tmp_path, html, ".html")
    assert [c.url for c in citations] == ["https://twitter.com/HelenCarrowMP/status/1897651"]
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Helen Carrow MP", "Closing the library tells you everything about their "
                            "priorities. #SaveTheLibrary")]


def test_roman_numeral_endnotes_of_a_pdf_report(tmp_path: Path):
    text = ("Displacement report\n\n"
            "“We sleep eight people under one tarpaulin,” said Amina Issufo, a mother of "
            "five.iii She said more.\n\n"
            "The representative, Margarida Loureiro, said the response was \"being asked to do "
            "more every month with less.\"ii\n\n"
            "\f2\n\nEndnotes\n\n"
            "i IOM, Mobility Tracking, Round 21. https://dtm.example.int/round-21\n"
            "ii UNHCR, briefing notes, 14 May 2024. https://www.unhcr.example.org/brief\n"
            "iii Interview by the monitoring team, Marrupa site, 9 May 2024.\n")
    quotes, _, citations = run(tmp_path, text)
    notes = [(c.marker, c.url) for c in citations if c.kind == "footnote"]
    assert notes == [("i", "https://dtm.example.int/round-21"),
                     ("ii", "https://www.unhcr.example.org/brief")]
    assert [(q.speaker, [citations[n].url for n in q.citations]) for q in quotes] == [
        ("Amina Issufo", []), ("Margarida Loureiro", ["https://www.unhcr.example.org/brief"])]


def test_word_endnotes_announced_by_their_numerals_need_no_heading(tmp_path: Path):
    """Word and Writer number endnotes i, ii, iii and print no heading over them: a body
    line opening with a numeral glued in the text above ('island”.i') after a break is one."""
    text = ("The minister said that “the island will not be divided”.i The debate went on.\n"
            "His deputy said: “No troops have crossed the line.”ii Observers disagreed.\n"
            "\f"
            "i Parliamentary record, 4 February 2024. https://parliament.example.gov/rec/44\n"
            "ii Press briefing, 6 February 2024: https://mod.example.gov/briefings/0206\n")
    quotes, _, citations = run(tmp_path, text)
    assert [(c.marker, c.url) for c in citations if c.kind == "footnote"] == [
        ("i", "https://parliament.example.gov/rec/44"),
        ("ii", "https://mod.example.gov/briefings/0206")]
    assert [[citations[n].marker for n in q.citations] for q in quotes] == [["i"], ["ii"]]


def test_a_note_number_glued_to_its_first_word_opens_the_note(tmp_path: Path):
    """Text read from a page set in columns glues a note's number to its first word
    ('1See https://…'); the number glued in the text above announces it. '5G networks' at a
    line's start is no note."""
    text = ("The director said that “we are treating three times as many patients”.1 More\n"
            "5G networks were down for days, the mayor said: “we have no signal”.2 Indeed.\n"
            "1See https://www.health-news.example.org/2024/04/haddad-interview.\n"
            "2Mayor's office, statement: https://city.example.gov/statements/0412\n")
    quotes, _, citations = run(tmp_path, text)
    assert [(c.marker, c.url) for c in citations if c.kind == "footnote"] == [
        ("1", "https://www.health-news.example.org/2024/04/haddad-interview"),
        ("2", "https://city.example.gov/statements/0412")]
    assert [[citations[n].marker for n in q.citations] for q in quotes] == [["1"], ["2"]]


def test_a_long_note_fills_the_foot_of_its_page(tmp_path: Path):
    """Under the notes at a page's foot nothing else is set: a note goes on to the page's
    end past its full stops, and gives its address on its last line."""
    text = ("The authority said that “emergency repairs will be completed before summer”.1 The\n"
            "work began in May.\n\n"
            "1 Provincial Water Authority, announcement of 18 April 2024. The announcement lists\n"
            "the canals to be repaired.\n"
            "Repairs are scheduled district by district over three months.\n"
            "Online: https://water.example.gov/announcements/2024-04-18-canal-repairs.\n"
            "\f"
            "Next page text.\n")
    quotes, _, citations = run(tmp_path, text)
    [note] = [c for c in citations if c.kind == "footnote"]
    assert note.url == "https://water.example.gov/announcements/2024-04-18-canal-repairs"
    assert [citations[n].url for n in quotes[0].citations] == [note.url]


def test_a_note_cut_off_at_a_page_foot_goes_on_above_the_next_pages_notes(tmp_path: Path):
    """A note cut off mid-sentence at a page's foot goes on at the top of the next page's
    notes, under the body text, and may give its address only there."""
    text = ("The director said that “we are treating three times as many patients”.1 The\n"
            "authority said that “repairs will be completed before summer”.2 More followed.\n\n"
            "1 See https://www.health-news.example.org/2024/04/haddad-interview.\n"
            "2 Provincial Water Authority, announcement of 18 April 2024, which lists the\n"
            "\f"
            "The farmers disagreed. A farmer said that “nobody has come to see the fields”.3\n\n"
            "canals to be repaired district by district. Online:\n"
            "https://water.example.gov/announcements/2024-04-18-canal-repairs.\n"
            "3 See https://www.fieldreport.example.com/stories/petrenko.\n")
    quotes, _, citations = run(tmp_path, text)
    notes = [(c.marker, c.url) for c in citations if c.kind == "footnote"]
    assert notes == [("1", "https://www.health-news.example.org/2024/04/haddad-interview"),
                     ("2", "https://water.example.gov/announcements/2024-04-18-canal-repairs"),
                     ("3", "https://www.fieldreport.example.com/stories/petrenko")]
    assert [[citations[n].marker for n in q.citations] for q in quotes] == [["1"], ["2"], ["3"]]
    assert "canals to be repaired" not in quotes[2].text


def test_a_note_carried_on_across_the_columns_of_the_next_page(tmp_path: Path):
    """Text read column by column runs the notes set across the page's foot straight on
    from the body text: lines twice as wide as the columns, opening lower-case, carry on
    the previous page's unfinished note."""
    column = "Column text of the report runs on in short lines."
    page_two = "\n".join([column] * 10) + "\n" + "\n".join([
        "canals to be repaired district by district over the coming three months, as the "
        "authority explained at length in its statement to the press; Online:",
        "https://water.example.gov/announcements/2024-04-18-canal-repairs.",
        "3 See https://www.fieldreport.example.com/stories/petrenko."])
    text = ("\n".join([column] * 9) + "\nA doctor said that “we are full”.1 The authority "
            "said\nthat “repairs will be done by summer”.2 A farmer said that “nobody from "
            "the government came”.3\n"
            "1 See https://www.health-news.example.org/2024/04/haddad-interview.\n"
            "2 Provincial Water Authority, announcement of 18 April 2024, which lists the\n"
            "\f" + page_two + "\n")
    quotes, _, citations = run(tmp_path, text)
    notes = [(c.marker, c.url) for c in citations if c.kind == "footnote"]
    assert notes == [("1", "https://www.health-news.example.org/2024/04/haddad-interview"),
                     ("2", "https://water.example.gov/announcements/2024-04-18-canal-repairs"),
                     ("3", "https://www.fieldreport.example.com/stories/petrenko")]
    assert [[citations[n].marker for n in q.citations] for q in quotes] == [["1"], ["2"], ["3"]]


def test_a_timeline_row_opening_with_a_date_is_no_note(tmp_path: Path):
    """'12 Jan 2024 Ceasefire announced https://…' is a table's row: its number is a day."""
    text = ("Timeline of events:\n"
            "12 Jan 2024 Ceasefire announced https://un.example.org/press/2024/01/12\n"
            "2 Feb 2024 Talks suspended https://news.example.com/2024/02/02/talks\n"
            "3 March: the envoy said that “both sides have asked for more time”.\n")
    _quotes, _, citations = run(tmp_path, text)
    assert [(c.kind, c.marker) for c in citations] == [("link", None), ("link", None)]


def test_a_note_carried_on_under_its_hanging_indent(tmp_path: Path):
    """A long note's lines hang under its first word: each is the note's, full stop or not."""
    text = ("The envoy recalled that “the talks collapsed over sequencing”.1 Others agreed.\n\n"
            "1 This note is long. It runs over several lines of the page, each\n"
            "  ending in a full stop.\n"
            "  Available at https://www.review.example.com/interviews/envoy.\n")
    quotes, _, citations = run(tmp_path, text)
    [note] = [c for c in citations if c.kind == "footnote"]
    assert (note.marker, note.url) == ("1", "https://www.review.example.com/interviews/envoy")
    assert [citations[n].marker for n in quotes[0].citations] == ["1"]


_PAPER = (
    "# Paper\n\n"
    "In a review, Halvorsen and Van Rijn (2022) conclude that the evidence is \"thin, local "
    "and mostly unreplicated\" (p. 44). Fare revenue covered \"less than a fifth of operating "
    "costs even before abolition\" (Halvorsen & Van Rijn, 2022, p. 39). Ostrowski et al. "
    "(2017) warned that \"the benefits are likely to be modest without car restraint\" "
    "(p. 1092).\n\n"
    "## References\n\n"
    "Halvorsen, T., & Van Rijn, E. (2022). Who pays for the free ride? *Transport Policy*, "
    "*118*, 37–49. https://doi.org/10.1016/j.tranpol.2022.01.012\n\n"
    "Ostrowski, P., Lind, K., & Maasik, T. (2017). The ridership effects of fare abolition. "
    "https://doi.org/10.1080/23249935.2017.1309811\n")


def test_author_date_citations_name_all_the_authors_as_speakers(tmp_path: Path):
    quotes, _, _ = run(tmp_path, _PAPER, ".md")
    assert [q.speaker for q in quotes] == [
        "Halvorsen and Van Rijn", "Halvorsen & Van Rijn", "Ostrowski et al."]


def test_author_date_citations_rest_on_the_reference_lists_doi(tmp_path: Path):
    quotes, _, citations = run(tmp_path, _PAPER, ".md")
    assert [[citations[n].url for n in q.citations] for q in quotes] == [
        ["https://doi.org/10.1016/j.tranpol.2022.01.012"],
        ["https://doi.org/10.1016/j.tranpol.2022.01.012"],
        ["https://doi.org/10.1080/23249935.2017.1309811"]]


def test_an_unnamed_person_described_by_role_before_a_colon_speaks(tmp_path: Path):
    text = ("A planner in Tallinn was more positive: \"We lost some walkers, yes. But we kept "
            "a whole generation of teenagers on the bus\" (P-02).")
    quotes, _, _ = run(tmp_path, text)
    assert [q.speaker for q in quotes] == ["planner in Tallinn"]


def test_a_fact_checks_claim_box_names_the_claimant_not_the_label(tmp_path: Path):
    html = ("<article><div class='claim-review'><p><strong>Claim:</strong> “Pensioners now pay "
            "more in tax than the fifty biggest companies put together.”</p><p><strong>Claimed "
            "by:</strong> Senator Harald Brekke, in a video posted on 2 February 2025</p>"
            "<p><strong>Rating:</strong> False</p></div></article>")
    quotes, _, _ = run(tmp_path, html, ".html")
    assert [q.speaker for q in quotes] == ["Harald Brekke"]


def test_in_it_points_back_at_the_link_of_the_sentence_before(tmp_path: Path):
    html = ("<article><p><a href='https://video.example.com/v/1187'>A video posted by Senator "
            "Harald Brekke</a> has been shared widely. In it, Brekke says that “the government "
            "has turned the old into its piggy bank.” Nobody agreed.</p></article>")
    quotes, _, citations = run(tmp_path, html, ".html")
    assert [[citations[n].url for n in q.citations] for q in quotes] == [
        ["https://video.example.com/v/1187"]]


SURNAMES = ["Okafor", "Lindqvist", "Moreau", "Haddad", "Kowalski", "Tanaka", "Ferreira", "Novak"]


def test_a_sentence_of_many_attributed_quotations_gives_each_its_speaker(tmp_path: Path):
    """Text without full stops (a transcript dump, a PDF without punctuation) makes one long
    sentence: every quotation in it still gets the name before its own verb (the sentence's
    words are read once for all its verbs, and each quotation's verbs found by bisection)."""
    parts = []
    for n in range(240):
        name = f"{['Ann', 'Ben', 'Cleo', 'Dev'][n % 4]} {SURNAMES[n % 8]}"
        parts.append(f"{name} said “the ferry plan number {n} is late and over budget”")
    quotes, _, _ = run(tmp_path, ", and ".join(parts) + "\n")
    assert len(quotes) == 240
    assert [q.speaker for q in quotes] == [
        f"{['Ann', 'Ben', 'Cleo', 'Dev'][n % 4]} {SURNAMES[n % 8]}" for n in range(240)]
    assert all(len(q.context) <= 300 for q in quotes)


@pytest.mark.parametrize("role", ["Critic", "Photographer", "Epidemiologist", "Columnist",
                                  "Former diplomat", "Retired surgeon"])
def test_a_role_before_a_name_at_a_sentence_start_is_no_part_of_the_name(tmp_path: Path,
                                                                           role: str):
    quotes, _, _ = run(tmp_path, f"Intro line here.\n\n{role} Ruth Gal said “the new bridge "
                                 "will not open before the spring of next year.”\n")
    assert [q.speaker for q in quotes] == ["Ruth Gal"]


def test_the_judge_is_the_judge_named_before(tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        'Judge Eleri Rhys sentenced Gareth Morgan on Monday. '
        '"This was not a moment of weakness," the judge said.'))
    assert said(quotes) == [("Eleri Rhys", "This was not a moment of weakness")]


def test_said_the_24_year_old_is_the_subject_named_before_not_a_rival_after_of(
        tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "Ingrid Vestby won the race on Saturday, finishing 11 seconds clear of Sweden's Elsa "
        "Lindqvist.\n\n"
        '"I knew the last hill would decide it, so I saved everything for that," said the '
        "24-year-old, who had never before won a medal."))
    assert said(quotes) == [
        ("Ingrid Vestby", "I knew the last hill would decide it, so I saved everything for that")]


def test_the_finn_is_the_person_the_text_places_in_finland(tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "The bronze went to Finland's Aino Kettunen after France's Léa Marchand fell on the "
        "final climb.\n\n"
        '"Third place at my age, I will take it every day," the Finn said.'))
    assert said(quotes) == [
        ("Aino Kettunen", "Third place at my age, I will take it every day")]


def test_the_company_is_no_country_written_as_an_acronym(tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "Shares in Brightwater Systems fell on Tuesday.\n\n"
        "The company blamed the end of federal rebates in several US states and delayed a US "
        "factory.\n\n"
        "In a statement, the company said it remained “fully committed to our customers and "
        "our people in Tilburg.”"))
    assert [q.speaker for q in quotes] != ["US"]
    assert quotes[0].speaker in ("company", "Brightwater Systems")


def test_a_person_of_an_organisation_speaks_not_the_organisation(tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "Landlords are unhappy too. Siobhán Keane of the Irish Property Owners’ Association "
        "told me the Guarantee had been “designed in a hurry and explained to nobody.”"))
    assert said(quotes) == [("Siobhán Keane", "designed in a hurry and explained to nobody.")]


def test_a_one_word_answer_opening_a_sentence_before_he_says_is_a_quotation(tmp_path: Path):
    quotes, terms, _c = run(tmp_path, (
        "Emmanuel Tetteh counts the passengers as they board.\n\n"
        "“Forty-one,” he says, to nobody in particular. The scheme was called “fair rent,” "
        "officials insist."))
    assert said(quotes) == [("Emmanuel Tetteh", "Forty-one")]
    assert "fair rent" in terms


def test_recorded_that_introduces_a_records_words(tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "The inspectors visited the centre in June 2024. The inspectors also recorded that staff "
        "had received \"no training in working with children or with victims of trafficking.\" "
        "The clerk recorded the names in a ledger."))
    assert said(quotes) == [
        ("inspectors", "no training in working with children or with victims of trafficking.")]


def test_an_organisations_finding_that_is_the_organisations_words(tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "In 2023 the Committee on the Rights of the Child reviewed Kessland. That description "
        "cannot be reconciled with the Committee's finding that detaining a child "
        "\"is never in the best interests of the child.\""))
    assert said(quotes) == [
        ("Committee on the Rights of the Child", "is never in the best interests of the child.")]


def test_found_as_an_aside_between_commas_reports_the_finding(tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "They attribute the gap to sampling: earlier surveys, the study found, concentrated on "
        "“the densest and oldest meadows, which are the least representative”. Divers found, "
        "in the end, a wreck that locals call “the old lady of the bay”."))
    assert said(quotes) == [
        ("study", "the densest and oldest meadows, which are the least representative")]


@pytest.mark.parametrize(("intro", "speaker"), [
    ("Le maire de Lyon, Grégory Doucet, a déclaré :", "Grégory Doucet"),
    ("La ministre de la Santé, Agnès Firmin, a déclaré :", "Agnès Firmin"),
    ("El alcalde de Madrid, José Almeida, dijo:", "José Almeida"),
])
def test_a_role_phrase_in_another_language_gives_the_name_in_apposition(tmp_path: Path,
                                                                       intro: str, speaker: str):
    """An article opening the sentence ('Le', 'La', 'El') is no name, and the place after
    'de' in the role phrase is not who speaks."""
    quotes, _, _ = run(tmp_path, f"Intro line here.\n\n{intro} « La ville aura cent bus "
                                 "électriques de plus avant la fin de l'année. »\n")
    assert [q.speaker for q in quotes] == [speaker]


@pytest.mark.parametrize("text, speaker", [
    ("The World Food Programme has linked the decline to nutrition: in its latest country brief "
     "it reported that stunting had risen, and it called fish “the most affordable source of "
     "micronutrients for the poorest households”.", "World Food Programme"),
    ("Governor Vilay Inthavong spoke on the radio. He told listeners that the operator had "
     "“followed all procedures,” a statement he has not repeated since.", "Vilay Inthavong"),
    ("The council's head of planning, Martin Oduya, agrees. In his report to the committee he "
     "wrote that the evidence was “not yet conclusive for the whole corridor”.", "Martin Oduya"),
])
def test_a_noun_phrase_before_a_subject_pronoun_is_no_speaker(tmp_path: Path, text: str,
                                                                speaker: str):
    quotes, _terms, _c = run(tmp_path, text)
    assert [q.speaker for q in quotes] == [speaker]


def test_you_is_the_person_the_sentence_opens_by_addressing(tmp_path: Path):
    text = ("Q118 Chair: Good morning. Dr Helen Marsh, thank you for coming. Dr Marsh, in your "
            "written evidence you describe the data as “incomplete to the point of being "
            "misleading”. What do you mean?\n\nDr Marsh: The monitors tell you how long a spill "
            "lasted.\n")
    quotes, _terms, _c = run(tmp_path, text)
    assert said(quotes) == [("Helen Marsh", "incomplete to the point of being misleading")]


def test_so_called_is_no_speech_verb(tmp_path: Path):
    quotes, terms, _c = run(tmp_path, (
        "A commune councillor in Sesan district, who asked not to be named, described the "
        "so-called “fish ladder” as a “monument for visitors”."))
    assert said(quotes) == [("commune councillor", "monument for visitors")]
    assert terms == ["fish ladder"]


@pytest.mark.parametrize("text, speaker", [
    ("Asif Qureshi said trade was down. His neighbour, florist Jo Pennant, said the opposite: "
     "“I have more people walking past than I have had in ten years.”", "Jo Pennant"),
    ("Our volunteers are retired farmers. One of them, a former dairy farmer called Alan "
     "Pryce, said to me last summer, “I have never seen the river look like this.”",
     "Alan Pryce"),
])
def test_an_appositive_naming_the_subject_by_role_noun_or_called_is_the_speaker(
        tmp_path: Path, text: str, speaker: str):
    quotes, _terms, _c = run(tmp_path, text)
    assert [q.speaker for q in quotes] == [speaker]


def test_a_participle_set_off_after_the_subject_leaves_the_subject_speaking(tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "The audit, dated February 2026 and prepared by the firm Fjellstad Consult, found that "
        "the generator “had not been tested under load since commissioning.”\n\n"
        "The lenders, led by the Asia Infrastructure Fund, said in a statement that they had "
        "asked for a review:\n\n"), ".md")
    assert said(quotes) == [("audit", "had not been tested under load since commissioning.")]
    html = ("<article><p>The lenders, led by the Asia Infrastructure Fund, said in a statement "
            "that they had asked for a review:</p><blockquote><p>We are deeply saddened by the "
            "loss of life and we will publish the findings of the review.</p></blockquote>"
            "</article>")
    quotes, _terms, _c = run(tmp_path, html, ".html")
    assert [q.speaker for q in quotes] == ["lenders"]


def test_a_quotation_alone_in_its_sentence_before_its_parenthetical_source_speaks_on(
        tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "Hojatoleslam Ali Sharifi struck a different tone. “For twenty years every government "
        "has promised these farmers water,” he told the agency. “The farmers are not the enemy. "
        "The enemy is mismanagement” (Khaneh Mellat, December 31, 2017).\n"))
    assert [q.speaker for q in quotes] == ["Ali Sharifi", "Ali Sharifi"]


def test_i_in_a_turn_labelled_by_a_titled_name_in_mixed_case_is_that_person(tmp_path: Path):
    text = ("Witnesses: Dr Helen Marsh, Severn Vale Rivers Trust.\n\n"
            "Q125 Chair: Will the rivers be cleaner in five years' time?\n\n"
            "Dr Marsh: At the moment I have no confidence. I told our trustees last month, “We "
            "should plan for the rivers to get worse before they get better.”\n\n"
            "Chair: Thank you. I said “thank you very much to all of our witnesses” twice.\n")
    quotes, _terms, _c = run(tmp_path, text)
    assert said(quotes) == [
        ("Helen Marsh", "We should plan for the rivers to get worse before they get better.")]


@pytest.mark.parametrize("text, speaker", [
    ("Ofwat's final determination last year said that the company's “performance on "
     "pollution incidents has been among the worst in the sector”.",
     "Ofwat's final determination"),
    ("The Environment Agency has studied the river. The same Environment Agency study says "
     "that “water company discharges are the largest single source of phosphorus”.",
     "Environment Agency study"),
])
def test_a_description_loses_a_trailing_time_phrase_and_a_leading_same(
        tmp_path: Path, text: str, speaker: str):
    quotes, _terms, _c = run(tmp_path, text)
    assert [q.speaker for q in quotes] == [speaker]


def test_the_reply_we_got_is_the_words_of_whoever_gave_it(tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "When we went to the Environment Agency with our own sampling from the River Leadon, "
        "the response we got was, “The monitoring data are the best available evidence.” "
        "The answer I received from Wessex Valley Water was: “We publish every spill within "
        "an hour of it.”"))
    assert [q.speaker for q in quotes] == ["Environment Agency", "Wessex Valley Water"]


@pytest.mark.parametrize("role", ["the chief executive of Harlan Valley Medical Center",
                                  "its vice-president for rural policy"])
def test_said_then_a_role_then_the_name_in_apposition_names_the_speaker(tmp_path: Path,
                                                                         role: str):
    """'“…,” said the chief executive of X, Mark Delaney, when …': the role comes first and the
    name after its comma; the organisation inside the role is not the speaker."""
    text = ("Hospitals gave three reasons. \"We cannot safely staff a unit that delivers ninety "
            f"babies a year,\" said {role}, Mark Delaney, when the hospital closed.\n")
    quotes, _terms, _citations = run(tmp_path, text)
    assert said(quotes) == [
        ("Mark Delaney", "We cannot safely staff a unit that delivers ninety babies a year")]


@pytest.mark.parametrize("intro", ["The department replied by email:",
                                   "The department's reply, by email, quoted our question:"])
def test_an_emailed_reply_quoting_our_question_is_the_replier_s_words_only(tmp_path: Path,
                                                                           intro: str):
    """A reply set as a block quotation opens with the question it answers in a nested '> >'
    block: the question is ours, not a quotation; the reply is the department's, named by
    the clause the colon closes."""
    text = ("We asked the Colorado Department of Public Health about testing. " + intro + "\n\n"
            "> > Have all workers been offered a test, and how many have\n"
            "> > accepted?\n>\n"
            "> Every worker who reported symptoms has been offered a test. We do not publish\n"
            "> testing figures below the county level.\n\nAdvocates say that is not enough.\n")
    quotes, _terms, _citations = run(tmp_path, text, ".md")
    assert said(quotes) == [("Colorado Department of Public Health",
                             "Every worker who reported symptoms has been offered a test. We do "
                             "not publish testing figures below the county level.")]


@pytest.mark.parametrize("role", ["chief veterinarian", "lead underwriter"])
def test_a_role_introducing_a_quotation_with_a_colon_is_the_speaker(tmp_path: Path, role: str):
    text = (f"Cattle movements matter. The agency's {role} was direct about the reason: "
            "\"We have seen the virus move with the animals, and we intend to stop that.\"\n")
    quotes, _terms, _citations = run(tmp_path, text)
    assert [q.speaker for q in quotes] == [f"agency's {role}"]


def test_a_pull_quote_paragraph_then_a_dash_line_names_its_speaker(tmp_path: Path):
    """A newsletter's 'Quote of the week' box is no <blockquote>: a paragraph holding only the
    quotation, then '— Name, role', is attributed like a block."""
    text = ("<html><body><p>The library stays open.</p><p><strong>Quote of the week</strong></p>"
            "<p>&ldquo;If you want to know what a city values, don&rsquo;t read its mission "
            "statement. Read its budget.&rdquo;</p>"
            "<p><em>&mdash; Gloria Nakamura, finance director, at the committee</em></p>"
            "</body></html>")
    quotes, _terms, _citations = run(tmp_path, text, ".html")
    assert [q.speaker for q in quotes] == ["Gloria Nakamura"]


def test_a_name_ending_in_s_before_a_speech_verb_keeps_it(tmp_path: Path) -> None:
    # "Moody's said" is the agency speaking: a possessive needs a noun after it
    quotes, _terms, _citations = run(tmp_path, "Moody's said “the outlook for the sector is negative” on Monday.\n\n"
                           "McDonald's has said “prices will rise again next year” in a note.\n\n"
                           "Moody's analyst Jane Okafor said “the downgrade was a close call”.\n")
    assert said(quotes) == [
        ("Moody's", "the outlook for the sector is negative"),
        ("McDonald's", "prices will rise again next year"),
        ("Jane Okafor", "the downgrade was a close call"),
    ]


def test_a_reader_or_resident_label_before_a_name_is_no_part_of_it(tmp_path: Path) -> None:
    quotes, _terms, _citations = run(
        tmp_path, "Reader Tom Aguilar wrote “the new timetable leaves us stranded at night”.\n\n"
                  "Longtime resident Maria Lopez said “the river has never come this high”.\n\n"
                  "The anthropologist John Reader said “the site was used for centuries”.\n")
    assert said(quotes) == [
        ("Tom Aguilar", "the new timetable leaves us stranded at night"),
        ("Maria Lopez", "the river has never come this high"),
        ("John Reader", "the site was used for centuries"),
    ]


def test_a_note_marker_closing_a_markdown_block_is_no_part_of_its_words(tmp_path: Path):
    text = ("When we asked Mrs Janet Oduya how the cut had affected her, she replied:\n\n"
            "> I used to work the late shift. There was no other way of getting home.[^6]\n\n"
            "[^6]: [Q14](https://committees.example.uk/oralevidence/15120/html/)\n")
    quotes, _terms, citations = run(tmp_path, text, ".md")
    [quote] = quotes
    assert quote.text == "I used to work the late shift. There was no other way of getting home."
    assert [citations[n].url for n in quote.citations] == [
        "https://committees.example.uk/oralevidence/15120/html/"]


def test_letters_after_a_name_are_no_part_of_it(tmp_path: Path):
    """'Simon Lightwood MP' is Simon Lightwood, so 'He' after him is he, not an earlier man."""
    text = ('Cllr Peter Askew put it plainly: "We have spent more on bids than ever."\n\n'
            "The Minister for Local Transport, Simon Lightwood MP, defended the approach. "
            'He told us that competition had "driven up the quality of local plans".\n')
    quotes, _terms, _citations = run(tmp_path, text)
    assert said(quotes)[1] == ("Simon Lightwood", "driven up the quality of local plans")


@pytest.mark.parametrize("text", [
    'Section 12(b) provides in full: "A landlord shall serve sixty days\' notice of termination."',
    'Nothing in the statute permits a shorter period, and Section 3 forbids any waiver: '
    '"Any provision of a lease that waives a right conferred by this Act is void."',
])
def test_a_provision_quoted_is_a_law_s_text_not_a_speaker_s_words(tmp_path: Path, text: str):
    quotes, terms, _citations = run(tmp_path, text)
    assert quotes == [] and len(terms) == 1


@pytest.mark.parametrize("text, speaker", [
    ('Kok and colleagues argued that it is "the single most important determinant of '
     'performance" in such programmes.', "Kok"),
    ('Dr Ana Ruiz and her colleagues wrote that the drug "cut deaths by a third in every '
     'trial arm".', "Ana Ruiz"),
])
def test_an_author_and_colleagues_speak_by_the_author_s_name(tmp_path: Path, text: str,
                                                             speaker: str):
    quotes, _terms, _citations = run(tmp_path, text)
    assert [q.speaker for q in quotes] == [speaker]


@pytest.mark.parametrize("text, speaker", [
    ('The institute changed its tune. Its director, Karin Lund, now says that "grey seals eat '
     'more cod than the fleets".\n', "Karin Lund"),
    ('Minister Anna Berg herself said that "the quota was a mistake".\n', "Anna Berg"),
    ("Stockholm University's Baltic centre said the zones \"now cover an area the size of "
     "Ireland\".\n", "Stockholm University's Baltic centre"),
    ("Stockholm University's press office said that \"the centre will close\".\n",
     "Stockholm University"),
])
def test_speaker_past_a_time_word_and_a_named_unit_of_an_owner(tmp_path: Path, text: str,
                                                               speaker: str):
    # 'now' between the name and its verb is no speaker; 'X's Baltic centre' is the unit that
    # spoke (its 'Baltic' alone is a place), while 'X's press office' speaks for X
    quotes, _, _ = run(tmp_path, text)
    assert [q.speaker for q in quotes] == [speaker]
