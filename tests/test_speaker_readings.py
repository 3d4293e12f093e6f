"""Who speaks: a parliamentary record's speaker headings, 'when he said' after the sentence's
subject, 'quoted X as saying', relative clauses after a date or an 'of' appositive, a place
after a preposition, organisation names with 'and', newspapers that are no nationality, 'in
the words of', quotation paragraphs attributed by their neighbours, and the paragraph's source
that a quotation's sentence points back at."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_quotes import run


def test_i_in_a_speech_under_a_hansard_heading_is_the_member(tmp_path: Path):
    text = ("# Rural Bus Services\n\n#### Rhiannon Pryce (Mid Marches) (LD)\n\nI beg to move.\n\n"
            "When I met the operator, I told him, \"If this route goes, the village has nothing.\"\n\n"
            "#### The Parliamentary Under-Secretary of State for Transport (Maya Okafor)\n\n"
            "As I said to the Committee in January, \"the bus is the backbone of rural public "
            "transport.\"\n\n#### Rhiannon Pryce\n\nI said then, \"a cheap fare on no bus is worth "
            "nothing.\"\n")
    quotes, _terms, _citations = run(tmp_path, text, ".md")
    assert [q.speaker for q in quotes] == ["Rhiannon Pryce", "Maya Okafor", "Rhiannon Pryce"]


def test_a_byline_is_no_speaker_heading(tmp_path: Path):
    text = ("# Batteries\n\nHannah Okereke\n\nWhen I met the minister, I told her, \"this "
            "cannot go on for another winter.\"\n")
    quotes, terms, _citations = run(tmp_path, text, ".md")
    assert all(q.speaker != "Hannah Okereke" for q in quotes) and quotes + terms


@pytest.mark.parametrize("text, speaker", [
    ('I want to leave time for the hon. Lady. But the Prime Minister was clear when he said '
     'last week that "no village should be left without a bus".', "Prime Minister"),
    ('A parish councillor put it more bluntly to me: "Every winter we lose another bus, and '
     'every spring we are told it will come back."', "parish councillor"),
    ("The organisation's representative in Sudan, Dr Helen Achieng, said in January that "
     'children were "dying of diseases we know how to prevent".', "Helen Achieng"),
    ('A camp leader in Dali, one of the largest sites, put it simply: "We fled the bullets to '
     'die of thirst."', "camp leader"),
    ('Radio Dabanga reported that armed men stopped a group, and quoted a survivor as saying '
     'that "they counted us like goats and let us go."', "survivor"),
    ('It says the chancellor, Rachel Okonjo, wants cuts, and quotes a cabinet minister as saying '
     'the Treasury is "treating every department like a naughty child".', "cabinet minister"),
    ('It quotes Sandra Beck, of the campaign group Fair Uniforms, who says: "Branded blazers '
     'are a tax on being poor."', "Sandra Beck"),
    ('A spokesperson pointed us to an article in the Daily Express on 6 January 2025, which '
     'reported that "up to 90 per cent of installations had faults".', "Daily Express"),
    ('The Department for Energy Security and Net Zero said that "heat pumps are a proven '
     'technology in millions of homes".', "Department for Energy Security and Net Zero"),
    ('Leanne Osei lives in Kent. The Guardian says the regulator has "failed the public at every '
     'turn".', "Guardian"),
    ('The road has become, in the words of one aid worker, "a corridor of fear".', "aid worker"),
    ("Their work is recognised in OCHA's own reporting, which describes them as \"the "
     'backbone of the response in areas agencies cannot reach".', "OCHA's own reporting"),
    ('A commune councillor in Sesan district, who asked not to be named, described the ladder '
     'as a "monument for visitors and nothing more".', "commune councillor"),
])
def test_speaker_readings(tmp_path: Path, text: str, speaker: str):
    quotes, _terms, _citations = run(tmp_path, "Report\n\n" + text + "\n")
    assert [q.speaker for q in quotes][-1:] == [speaker]


def test_a_sentence_pointing_back_rests_on_its_paragraph_s_source(tmp_path: Path):
    text = ("# Papers\n\nThat article drew on a [review](https://mcs.example.com/review.pdf) "
            "published in December by the Microgeneration Certification Scheme (MCS). The review "
            "looked at 214 homes, all of them referred after a complaint. It found that 188 had "
            "a fault, but that \"the great majority of issues were minor\".\n\n## The Times\n\n"
            "The Times leads on the cabinet row. It quotes a minister as saying the Treasury is \"treating every department like "
            "a child\".\n\nThe bus was late, Reuters reported. Ms Adu, a rider, said "
            "she was \"tired of waiting every single day\".\n")
    quotes, _terms, citations = run(tmp_path, text, ".md")
    cited = [[citations[n].outlet or citations[n].url for n in q.citations] for q in quotes]
    assert cited == [["https://mcs.example.com/review.pdf"], ["Times"], []]


def test_a_quotation_paragraph_is_attributed_by_the_paragraphs_around_it(tmp_path: Path):
    text = ("Report\n\n“The water came in through the doors at the back. I held my daughter "
            "above my head.”\n\nHalima Juma, 31, was one of 96 people pulled alive from the lake "
            "on Sunday night.\n\nSurvivors tell a different story. Joseph Mkude, a fisherman, "
            "said he had counted more than 200 people boarding.\n\n“The captain was told. "
            "Everybody told him.”\n\nHe went on: “When it started to lean, the crew jumped "
            "first.”\n\nGrace Wambura waited at the jetty. “Nobody has even given us a list of "
            "names,” she said.\n\nThen, quietly: “I just want to bury him.”\n\n"
            "“Palestine: The Main Source of Enmity”\n\nAli Reza wrote a book.\n")
    quotes, terms, _citations = run(tmp_path, text)
    assert [q.speaker for q in quotes] == [
        "Halima Juma", "Joseph Mkude", "Joseph Mkude", "Grace Wambura", "Grace Wambura"]
    assert terms == ["Palestine: The Main Source of Enmity"]


def test_a_body_described_by_its_owner_is_not_another_body_named_before(tmp_path: Path):
    """holdout14: under a heading 'Energy bills', 'The Energy Secretary's department told us'
    is that department, not 'Energy'."""
    text = ("# Energy bills\n\nThe pledge was first made in an interview. The Energy Secretary's "
            "department told FactLine that the figure had been \"an estimate based on modelling, "
            "not a promise\".\n")
    quotes, _terms, _citations = run(tmp_path, text, ".md")
    assert [q.speaker for q in quotes] == ["Energy Secretary's department"]
