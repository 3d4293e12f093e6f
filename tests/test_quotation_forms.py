"""How quotations are written beyond a pair of marks, and who the forms say speaks: em-dash
dialogue, one-word answers, apostrophes inside single-quoted speech, blocks attributed after
them, roles owned by a country (the holdout13 round)."""

from __future__ import annotations

from pathlib import Path

from test_quotes import run, said


def test_em_dash_dialogue_lines_are_quotations_of_the_speaker_between_their_dashes(
        tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "Halyna Boiko runs the ward at night.\n\n"
        "— It's the third time tonight, — she says. — You get used to it.\n\n"
        "Dr Taras Hnatiuk comes in from the corridor.\n\n"
        "— How many? — Boiko asks him.\n\n"
        "— Two, — he says. — One will live.\n"))
    assert said(quotes) == [
        ("Halyna Boiko", "It's the third time tonight"),
        ("Halyna Boiko", "You get used to it."),
        ("Halyna Boiko", "How many?"),
        ("Taras Hnatiuk", "Two"),
        ("Taras Hnatiuk", "One will live."),
    ]


def test_a_dash_line_without_a_speech_verb_is_no_dialogue(tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "> Ask me about politics and I will offer you tea.\n\n"
        "— Mohammad-Reza Sobhanizadeh, when we asked about the Assembly\n\n"
        "The ward — twelve beds, four of them empty — smells of iodine.\n"), ".md")
    assert said(quotes) == [
        ("Mohammad-Reza Sobhanizadeh", "Ask me about politics and I will offer you tea.")]


def test_a_one_word_answer_opening_its_sentence_before_said_and_the_speaker(tmp_path: Path):
    quotes, terms, _c = run(tmp_path, (
        'The Housing Secretary, Harriet Colville, was asked about the target. '
        '"Yes," said Colville. Her critics called it "window dressing," and left.\n'))
    assert said(quotes) == [("Harriet Colville", "Yes")]
    assert "window dressing" in terms


def test_a_one_word_sentence_after_a_colon_is_an_answer(tmp_path: Path):
    quotes, terms, _c = run(tmp_path, (
        "Asked whether Germany could back the fund, Jörg Brandauer answered with one word: "
        "„No.“ Ministers call the plan „East Shield“ in private.\n"))
    assert said(quotes) == [("Jörg Brandauer", "No.")]
    assert "East Shield" in terms


def test_rock_n_roll_inside_single_marks_does_not_close_the_quotation(tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "Their singer, Eilidh Munro, was in no mood to apologise. 'This isn't rock 'n' roll,' "
        "she said, 'but it isn't a museum either.'\n"))
    assert said(quotes) == [("Eilidh Munro", "This isn't rock 'n' roll"),
                            ("Eilidh Munro", "but it isn't a museum either.")]


def test_a_block_then_so_wrote_x_is_x_s_and_rests_on_that_sentence_s_link(tmp_path: Path):
    quotes, _terms, citations = run(tmp_path, (
        "<html><body><article><p>The Netherlands sided with Paris.</p>"
        "<blockquote><p>A fund without rules is an invitation to fraud.</p></blockquote>"
        "<p>So wrote the Dutch minister, Pieter-Jan de Wolff, in a "
        '<a href="https://x.example.com/pjdewolff/status/19">post on X</a> on Tuesday.</p>'
        "</article></body></html>"), ".html")
    assert said(quotes) == [("Pieter-Jan de Wolff", "A fund without rules is an invitation to fraud.")]
    assert [citations[n].url for n in quotes[0].citations] == [
        "https://x.example.com/pjdewolff/status/19"]


def test_a_country_s_role_then_the_name_in_commas_introducing_a_block_is_that_person(
        tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "Lithuania's deputy interior minister, Rasa Jankauskienė, read out a joint statement "
        "on behalf of the Baltic states:\n\n"
        "> Our borders are the Union's borders.\n"), ".md")
    assert said(quotes) == [("Rasa Jankauskienė", "Our borders are the Union's borders.")]


def test_a_work_s_title_after_book_names_no_one_a_pronoun_could_mean(tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "Hassan Mir-Lohi disagrees with his teacher. His book Jurisprudence and the Street "
        "argues that clerics who avoid politics leave the field to others.\n\n"
        "We spoke by telephone. He was in a hurry. "
        '"Silence is also a political position," he said.\n'))
    assert said(quotes) == [("Hassan Mir-Lohi", "Silence is also a political position")]


def test_an_asked_clause_opening_an_introduction_is_no_speaker(tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "A Gulf diplomat, Sheikh Khalid bin Saud al-Mutairi, was briefer. Asked whether the "
        'Gulf states had a view, his reply was short: "Patience, always patience."\n'))
    assert [s for s, _t in said(quotes)] == ["Khalid bin Saud al-Mutairi"]


def test_which_after_a_preposition_s_object_means_that_object(tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "Her office later pointed reporters to a written statement, which said France was "
        '"ready to finance results, not announcements."\n'))
    assert [s for s, _t in said(quotes)] == ["written statement"]


def test_a_block_introduced_by_this_is_the_passage_is_the_person_and_note_before(
        tmp_path: Path):
    quotes, _terms, citations = run(tmp_path, (
        "The Friday prayer leader of Qom, Ayatollah Kazem Mousavi-Zanjani, gave a sermon in "
        "March that his office published in full.[^2]\n"
        "This is the passage students repeat:\n\n"
        "> The Assembly of Experts is not a newspaper. It will speak when it is time.\n\n"
        "[^2]: Sermon of 14 March 2025, https://qom-friday.example.ir/khotbe/1403-12-24\n"),
        ".md")
    assert said(quotes) == [("Kazem Mousavi-Zanjani",
                             "The Assembly of Experts is not a newspaper. It will speak when it "
                             "is time.")]
    assert [citations[n].url for n in quotes[0].citations] == [
        "https://qom-friday.example.ir/khotbe/1403-12-24"]


def test_sir_and_dame_are_titles_and_an_honorific_with_a_given_name_is_the_person(
        tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "The festival's founder, Sir Alasdair Grant, was there. 'Now the Joneses sell the "
        "tickets,' he said.\n\n"
        "The Housing Secretary, Dame Harriet Colville, took questions. \"Yes,\" said Dame "
        "Harriet.\n"))
    assert [s for s, _t in said(quotes)] == ["Alasdair Grant", "Harriet Colville"]


def test_the_general_is_the_person_named_before_with_an_abbreviated_title(tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "Brig. Gen. Esmail Qorbanzadeh, a deputy commander, spoke to the agency last month. "
        'The general said the Guards would "respect the decisions of the Assembly".\n'))
    assert said(quotes) == [("Esmail Qorbanzadeh", "respect the decisions of the Assembly")]


def test_a_dash_line_naming_a_titled_short_form_is_the_person_named_in_full_before(
        tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "Ayatollah Mohammad-Reza Sobhanizadeh has taught here for four decades.\n\n"
        "> Ask me about politics and I will offer you tea.\n\n"
        "— Ayatollah Sobhanizadeh, when we asked about the Assembly\n"), ".md")
    assert [s for s, _t in said(quotes)] == ["Mohammad-Reza Sobhanizadeh"]


def test_live_blog_headlines_roles_after_the_verb_and_times_of_day(tmp_path: Path):
    """holdout14: a live blog's 'Business groups: “…”' headline, '“…,” said the Chancellor'
    before she is named, 'By mid-morning X said', 'dismissed it as “…”'."""
    quotes, terms, _c = run(tmp_path, (
        "### 15:30 Business groups: \"Stability is not a growth plan\"\n\n"
        "\"Motorists have carried enough,\" said the Chancellor, confirming the freeze.\n\n"
        "By mid-morning ESB Networks said that some customers \"could be without supply for "
        "several days.\"\n\n"
        "The planning chief, Arne Bakke, dismissed it as \"a museum with a ferry timetable\". "
        "The council had dismissed a site by the gasworks \"after a desk study of one "
        "afternoon,\" Margaret Oyelaran said.\n"), ".md")
    assert said(quotes) == [
        ("Business groups", "Stability is not a growth plan"),
        ("Chancellor", "Motorists have carried enough"),
        ("ESB Networks", "could be without supply for several days."),
        ("Arne Bakke", "a museum with a ferry timetable"),
        ("Margaret Oyelaran", "after a desk study of one afternoon"),
    ]
    assert terms == []


def test_a_short_quotation_between_a_determiner_and_its_noun_is_a_term(tmp_path: Path):
    quotes, terms, _c = run(tmp_path, (
        "Ministers, he said, had promised another \"once in a generation\" reform of planning. "
        "Officials told the Monitor that \"violations by some individuals\" had occurred.\n"))
    assert terms == ["once in a generation"]
    assert said(quotes) == [("Officials", "violations by some individuals")]
