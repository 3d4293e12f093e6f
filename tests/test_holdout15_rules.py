"""The readings the holdout15 round added: Russian, Portuguese and Italian news (their verbs,
word orders, months and ways of citing an outlet), DOIs written as names, a date a header
labels, documents that 'read', block quotations opened by their own quotation mark, and a
press release's wire trailer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from test_quotes import run, said


def test_russian_verbs_names_and_word_orders(tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "Новости\n\n"
        "«Это самый большой проект в истории города», — заявил на церемонии открытия мэр "
        "Северогорска Алексей Дубров.\n\n"
        "Вице-губернатор Наталья Кравец выступила после него. «Деньги в бюджете на нее "
        "заложены», — подчеркнула она.\n\n"
        "Депутат городской думы Олег Ларин назвал решение «ошибкой», добавив: «Метро строили "
        "на деньги горожан».\n\n"
        "В администрации ответили, что тариф «соответствует средней стоимости проезда».\n"))
    assert said(quotes) == [
        ("Алексей Дубров", "Это самый большой проект в истории города"),
        ("Наталья Кравец", "Деньги в бюджете на нее заложены"),
        ("Олег Ларин", "Метро строили на деньги горожан"),
        ("администрации", "соответствует средней стоимости проезда"),
    ]


def test_dialogue_parts_after_an_inverted_attribution_are_the_same_speakers(tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "Title\n\n— It is late, — says the nurse Olena Boiko. — Go home now and sleep well.\n\n"
        "— Мы ждали этого десять лет, — говорит пенсионерка Валентина Орлова. — Теперь до "
        "дочери полчаса.\n"))
    assert said(quotes) == [
        ("Olena Boiko", "It is late"), ("Olena Boiko", "Go home now and sleep well."),
        ("Валентина Орлова", "Мы ждали этого десять лет"),
        ("Валентина Орлова", "Теперь до дочери полчаса."),
    ]


def test_portuguese_verbs_dropped_subjects_and_bodies(tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "A secretária Ana Beatriz Lins falou no Recife. \"Não vamos deixar nenhuma família sem "
        "água\", declarou ela.\n\n"
        "O pesquisador Marcos Antônio Rego avalia que a crise era previsível. \"O que falta é "
        "obra permanente\", disse. Para ele, a obra \"ainda não chegou a quem mais precisa\".\n\n"
        "O Ministério da Integração e do Desenvolvimento Regional disse, em nota, que \"acompanha "
        "a situação de perto\".\n\n"
        "\"Quem perdeu o rebanho não tem como pagar\", afirmou o presidente da entidade, Pio "
        "Guerra Neto.\n"))
    assert said(quotes) == [
        ("Ana Beatriz Lins", "Não vamos deixar nenhuma família sem água"),
        ("Marcos Antônio Rego", "O que falta é obra permanente"),
        ("Marcos Antônio Rego", "ainda não chegou a quem mais precisa"),
        ("O Ministério da Integração e do Desenvolvimento Regional",
         "acompanha a situação de perto"),
        ("Pio Guerra Neto", "Quem perdeu o rebanho não tem como pagar"),
    ]


def test_italian_compound_past_and_a_dropped_subject(tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "«Non ci sono alternative», ha detto il sindaco di Bassano, Roberto Zanin, durante un "
        "incontro.\n\n"
        "Il presidente della Provincia, Andrea Nardin, ha respinto le critiche. «Abbiamo speso "
        "1,8 milioni sui ponti», ha spiegato in una nota.\n"))
    assert said(quotes) == [
        ("Roberto Zanin", "Non ci sono alternative"),
        ("Andrea Nardin", "Abbiamo speso 1,8 milioni sui ponti"),
    ]


def test_outlets_cited_the_portuguese_italian_and_russian_way(tmp_path: Path):
    _q, _t, citations = run(tmp_path, (
        "Recife, 14 de março de 2025\n\n"
        "Como informou o Jornal do Commercio em 9 de março, 12 escolas fecharam.\n\n"
        "Già nel 2019 una relazione aveva segnalato il degrado, come riportato dal Corriere del "
        "Veneto il 14 novembre di quell'anno.\n\n"
        "Как писал «Коммерсантъ» 12 марта, тариф согласовали. Как сообщает ТАСС, метро "
        "бесплатно.\n"))
    assert [(c.outlet, c.cited_date) for c in citations if c.kind == "named_source"] == [
        ("Jornal do Commercio", date(2025, 3, 9)), ("Corriere del Veneto", date(2019, 11, 14)),
        ("Коммерсантъ", date(2025, 3, 12)), ("ТАСС", None)]


def test_according_to_a_body_the_appositive_calls_so_and_its_own_words(tmp_path: Path):
    quotes, _t, citations = run(tmp_path, (
        "De acordo com a Compesa, a companhia estadual de saneamento, 27 reservatórios estão "
        "baixos. Em nota, a Compesa informou que \"o abastecimento está sendo mantido por "
        "rodízio\".\n\n"
        "Según Ordóñez, el Gobierno «ha ignorado las advertencias de Bruselas».\n"))
    assert [c.outlet for c in citations if c.kind == "named_source"] == ["Compesa"]
    assert [[citations[n].outlet for n in q.citations] for q in quotes] == [["Compesa"], []]


def test_dois_written_as_names_are_doi_org_urls(tmp_path: Path):
    from verifier.text.urls import find_dois

    assert [url for _s, _e, url in find_dois(
        "Article 102345. doi:10.1016/j.erss.2021.102345\n"
        "Society, 16, 1-9. doi: 10.1016/j.tbs.2019.03.004.\n"
        "Geography, 115. DOI: 10.1016/j.jtrangeo.2024.103811\n"
        "https://doi.org/10.1016/j.tranpol.2021.05.011")] == [
        "https://doi.org/10.1016/j.erss.2021.102345", "https://doi.org/10.1016/j.tbs.2019.03.004",
        "https://doi.org/10.1016/j.jtrangeo.2024.103811"]
    _q, _t, citations = run(tmp_path, (
        "Reference: Mbeki, N. (2022). Remote work. doi:10.1016/j.erss.2021.102345 and "
        "https://doi.org/10.1016/j.tranpol.2021.05.011\n"))
    assert [c.url for c in citations] == ["https://doi.org/10.1016/j.erss.2021.102345",
                                          "https://doi.org/10.1016/j.tranpol.2021.05.011"]


def test_a_url_ending_in_a_slash_does_not_run_over_a_blank_line(tmp_path: Path):
    _q, _t, citations = run(tmp_path, (
        "Title\n\nHe has more in a blog post:\nhttps://blogs.example.ac.uk/politics/turnout/\n\n"
        "01:12\nThe Conservatives had already sounded gloomy.\n"))
    assert [c.url for c in citations] == ["https://blogs.example.ac.uk/politics/turnout/"]


def test_months_of_portuguese_italian_and_russian_and_a_labelled_date():
    from verifier.text.docdates import document_date, find_dates

    text = "Recife, 14 de março de 2025; Bassano, 8 aprile 2025; Москва, 15 марта 2025."
    assert [d.value for d in find_dates(text)] == [
        date(2025, 3, 14), date(2025, 4, 8), date(2025, 3, 15)]
    header = ("Narrator: Carmen Rivera\nDate of interview: 18 February 2025\n"
              "Transcribed by Jess Whitlock, 24 February 2025.\n\nThe text.")
    assert document_date(header, today=date(2025, 6, 1)) == date(2025, 2, 18)


def test_a_press_wire_source_trailer_names_the_issuer_not_a_source(tmp_path: Path):
    quotes, _t, citations = run(tmp_path, (
        "KIRKHAVEN, 17 March 2025 /PRNewswire/ -- The Trust announced a grant.\n\n"
        "\"This is the place the fund was set up for,\" said Dr Fiona Gallacher, chief executive "
        "of the Trust.\n\nSOURCE Coastal Communities Trust\n"))
    assert [c for c in citations if c.kind == "named_source"] == []
    assert [q.citations for q in quotes] == [[]]


def test_a_page_that_reads_and_a_block_opened_by_its_own_quotation_mark(tmp_path: Path):
    quotes, terms, _c = run(tmp_path, (
        "Title\n\nThe earliest capture, from 14 March 2019, is at "
        "https://web.archive.org/web/2019/http://x.example.org/p and reads, under the heading "
        "\"Our leisure promise\":\n\n"
        "> \"As mayor I will keep Riverside pool open, for the next generation of swimmers.\"\n\n"
        "The sign reads: \"No swimming after dark, by order of the council.\"\n"), ".md")
    assert said(quotes) == [
        ("earliest capture", "As mayor I will keep Riverside pool open, for the next generation "
                             "of swimmers."),
        ("sign", "No swimming after dark, by order of the council.")]
    assert terms == ["Our leisure promise"]


def test_an_opening_phrase_without_a_comma_and_a_body_with_a_spokesperson(tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "Title\n\nCouncillor Peter Vance spoke at the meeting.\n\n"
        "A spokesperson for Northvale Water told us: \"The reservoir stood at 61 per cent.\"\n\n"
        "In a statement posted on his website on 12 May, he said he \"stands by the substance "
        "of his remarks\".\n\n"
        "In a radio interview last week the mayor said the screenshot was \"made up by "
        "campaigners\".\n"))
    assert said(quotes) == [
        ("Northvale Water", "The reservoir stood at 61 per cent."),
        ("Peter Vance", "stands by the substance of his remarks"),
        ("mayor", "made up by campaigners")]


def test_transcript_turns_after_a_timestamp_and_a_coordinated_said(tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "Narrator: Carmen Rivera\n\n"
        "[00:02:44] MS. RIVERA: Joe Breen was the convenor then. He stood on a pallet in the "
        "canteen and said, \"If the company won't buy the masks, we'll stop work.\"\n\n"
        "[00:04:38] MS. RIVERA: I wrote to the paper. I said, \"If the yard is only business, "
        "then this town is only scrap.\"\n"))
    assert said(quotes) == [
        ("Joe Breen", "If the company won't buy the masks, we'll stop work."),
        ("Carmen Rivera", "If the yard is only business, then this town is only scrap."),
    ]
    quotes, _terms, _c = run(tmp_path, (
        "**[00:00:33] Maya Ortiz:** Tell me how you got here.\n\n"
        "**[00:00:36] Dev Patel:** Well, the boiler was old. The installer came round, did the "
        "survey, and when I asked about the old boiler he said, \"Keep it for a year, you'll "
        "never switch it on.\"\n"), ".md")
    assert said(quotes) == [("installer", "Keep it for a year, you'll never switch it on.")]


def test_courts_hold_reports_conclude_and_titles_in_possessive_appositives(tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "Appeal from the Superior Court of Lanark County.\n\n"
        "In Lomax, this Court held that \"telling a witness that the police have caught the "
        "perpetrator converts a suggestive procedure into an unnecessarily suggestive one.\"\n\n"
        "The National Research Council's report concluded that \"confidence expressed at the "
        "time of trial is not a reliable indicator of accuracy.\"\n\n"
        "Councillor Morag Innes, Fife Council's spokesperson for environment and climate "
        "change, said the council was \"proud to stand with the community\".\n"))
    assert said(quotes) == [
        ("Court", "telling a witness that the police have caught the perpetrator converts a "
                  "suggestive procedure into an unnecessarily suggestive one."),
        ("National Research Council's report", "confidence expressed at the time of trial is not a "
                                      "reliable indicator of accuracy."),
        ("Morag Innes", "proud to stand with the community"),
    ]


def test_an_adverb_opening_a_foreign_sentence_is_no_subject(tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "Già nel 2019 una relazione tecnica aveva segnalato «un degrado avanzato delle pile in "
        "alveo», come riportato dal Corriere del Veneto.\n"))
    assert said(quotes) == [("relazione tecnica", "un degrado avanzato delle pile in alveo")]


def test_a_programme_told_on_a_weekday_and_a_paragraph_credited_to_an_agency(tmp_path: Path):
    quotes, _t, citations = run(tmp_path, (
        "Last updated: Friday 6 June 2025, 04:12\n\n"
        "A recount has been requested in two wards, according to the PA news agency. The "
        "returning officer, Janet Ruddock, said the recount would \"add about forty minutes\" to "
        "the night.\n\n"
        "Pump prices averaged 617 naira, according to the National Bureau of Statistics. The "
        "minister said the subsidy \"was a drain on our resources\".\n\n"
        "Party chairman Sir Giles Fenton told BBC Radio 4's Today programme on Thursday that it "
        "would be \"a very difficult night for us\".\n"))
    assert [(c.outlet, c.cited_date) for c in citations if c.kind == "named_source"] == [
        ("PA", None), ("National Bureau of Statistics", None),
        ("BBC Radio 4's Today programme", date(2025, 6, 5))]
    assert [[citations[n].outlet for n in q.citations] for q in quotes] == [
        ["PA"], [], ["BBC Radio 4's Today programme"]]


def test_quotation_paragraphs_citation_sentences_and_a_document_named_again(tmp_path: Path):
    quotes, _t, citations = run(tmp_path, (
        "Title\n\nThe earliest capture is at https://web.archive.org/web/2019/http://x.example.org/p "
        "and reads:\n\n"
        "\"As mayor I will keep Riverside pool open, for the next generation of swimmers.\"\n\n"
        "The National Research Council's report concluded that \"confidence expressed at trial "
        "is not a reliable indicator of accuracy.\" Nat'l Research Council, Identifying the "
        "Culprit 108 (2014), https://doi.org/10.17226/18891.\n\n"
        "Nel 2019 una relazione tecnica aveva segnalato «un degrado avanzato delle pile», come "
        "riportato dal Corriere del Veneto. La relazione è ancora consultabile sul sito: "
        "https://www.provincia.example.it/relazione-2019.pdf\n"))
    assert [[citations[n].url or citations[n].outlet for n in q.citations] for q in quotes] == [
        ["https://web.archive.org/web/2019/http://x.example.org/p"],
        ["https://doi.org/10.17226/18891"],
        ["Corriere del Veneto", "https://www.provincia.example.it/relazione-2019.pdf"]]


def test_a_snapshot_that_shows_a_line_and_a_participle_ending_its_noun_phrase(tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "Title\n\nAn archive.today snapshot taken by a local blogger in 2021 shows the same "
        "pledge, and also a line the captures do not include: \"Riverside stays. That is a "
        "promise, not a slogan.\"\n\n"
        "The exhibition shows how the town changed: \"from shipyard to marina in thirty years\" "
        "is its subtitle.\n"))
    assert said(quotes) == [("archive.today snapshot",
                             "Riverside stays. That is a promise, not a slogan.")]
