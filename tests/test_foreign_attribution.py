"""News in German, Spanish and French attributes quotations with its own verbs and word
order: '„…“, sagte Bauministerin X', '«…», dijo la ministra de Y, X', '« … », a-t-il assuré',
'„…“, so X', 'según X', 'selon l'AFP', and dates '14. März 2025' (the holdout14 round)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from test_quotes import run, said


def test_german_verbs_after_the_quotation_and_a_compound_role_before_the_name(tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "Der Bundestag hat abgestimmt. „Das ist ein wichtiges Signal für die Mieter“, sagte "
        "Bauministerin Sabine Kellermann (SPD). „Wer Wohnungen will, muss bauen.“\n\n"
        "„Das ist ein schwarzer Tag für alle Bauherren“, so Dirk Pahlke, Präsident des "
        "Verbandes.\n"))
    assert said(quotes) == [
        ("Sabine Kellermann", "Das ist ein wichtiges Signal für die Mieter"),
        ("Sabine Kellermann", "Wer Wohnungen will, muss bauen."),
        ("Dirk Pahlke", "Das ist ein schwarzer Tag für alle Bauherren"),
    ]


def test_so_after_a_quotation_needs_a_name_after_it(tmp_path: Path):
    quotes, terms, _c = run(tmp_path, (
        "“We will not sell the farm, whatever they offer,” so the family stayed put.\n"))
    assert quotes == []
    assert terms == ["We will not sell the farm, whatever they offer"]


def test_french_compound_past_and_inverted_pronouns(tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "« Nous ne demandons pas la lune, nous demandons du respect », a déclaré Fabien "
        "Villedieu, délégué syndical.\n\n"
        "Le ministre des Transports, Philippe Tabarot, a dénoncé une grève « incompréhensible "
        "pour les usagers ». « Le dialogue n'a jamais été rompu », a-t-il assuré.\n\n"
        "Pour Sophie Béranger, économiste, le conflit est ancien. « Les contrôleurs se sentent "
        "oubliés depuis 2018 », explique-t-elle.\n"))
    assert said(quotes) == [
        ("Fabien Villedieu", "Nous ne demandons pas la lune, nous demandons du respect"),
        ("Philippe Tabarot", "incompréhensible pour les usagers"),
        ("Philippe Tabarot", "Le dialogue n'a jamais été rompu"),
        ("Sophie Béranger", "Les contrôleurs se sentent oubliés depuis 2018"),
    ]


def test_spanish_verb_then_role_and_name_in_apposition(tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "«Hoy garantizamos las pensiones de nuestros hijos», dijo la ministra de Inclusión, "
        "Elena Castaño, al término de la votación.\n\n"
        "“Es la primera vez que una reforma no recorta derechos”, declaró a este diario el "
        "secretario general de Comisiones Obreras, Unai Sordo Etxeberria.\n\n"
        "«Es una reforma injusta para los jóvenes», afirmó Rafael Ordóñez. Según Ordóñez, el "
        "Gobierno «ha ignorado las advertencias de Bruselas».\n"))
    assert said(quotes) == [
        ("Elena Castaño", "Hoy garantizamos las pensiones de nuestros hijos"),
        ("Unai Sordo Etxeberria", "Es la primera vez que una reforma no recorta derechos"),
        ("Rafael Ordóñez", "Es una reforma injusta para los jóvenes"),
        ("Rafael Ordóñez", "ha ignorado las advertencias de Bruselas"),
    ]


def test_selon_an_outlet_is_a_named_source(tmp_path: Path):
    _q, _t, citations = run(tmp_path, (
        "Selon l'AFP, la direction a proposé une prime de 400 euros.\n"))
    assert [(c.kind, c.outlet) for c in citations] == [("named_source", "AFP")]


def test_dates_written_in_german_french_and_spanish():
    from verifier.text.docdates import find_dates, find_yearless_dates

    text = "Berlin, 14. März 2025; publié le 6 mars 2025; Madrid, 20 de febrero de 2025."
    assert [d.value for d in find_dates(text)] == [
        date(2025, 3, 14), date(2025, 3, 6), date(2025, 2, 20)]
    assert [d.value for d in find_yearless_dates(
        "am 12. März berichtete; el 18 de febrero", date(2025, 3, 14))] == [
        date(2025, 3, 12), date(2025, 2, 18)]


def test_subscribe_buttons_in_french_spanish_and_german_are_no_sources(tmp_path: Path):
    _q, _t, citations = run(tmp_path, (
        "La grève continue ([lire le préavis](https://www.sudrail.example.fr/preavis)).\n\n"
        "*[Abonnez-vous à notre lettre](https://www.journal.example.fr/newsletter).* "
        "[Suscríbete](https://www.diario.example.es/suscripcion) "
        "[Jetzt abonnieren](https://www.zeitung.example.de/abo)\n"), ".md")
    assert [c.url for c in citations] == ["https://www.sudrail.example.fr/preavis"]


def test_a_role_with_a_foreign_article_for_whom_and_quoted_with_these_words(tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "La ministra de Inclusión habló tras la votación. La ministra añadió que la reforma "
        "«no sube ningún impuesto a los trabajadores».\n\n"
        "Pour Sophie Béranger, économiste, le conflit « dépasse largement la question "
        "salariale ».\n\n"
        "Die Union hält das für falsch, sagte ihr Sprecher Jan Vossberg. Laut der Zeitung prüft "
        "das Ministerium mehr. Ein Sprecher wurde dort mit den Worten zitiert, man prüfe „alle "
        "Optionen für einen bundesweiten Mietendeckel“.\n"))
    assert said(quotes) == [
        ("ministra", "no sube ningún impuesto a los trabajadores"),
        ("Sophie Béranger", "dépasse largement la question salariale"),
        ("Sprecher", "alle Optionen für einen bundesweiten Mietendeckel"),
    ]


def test_outlets_cited_the_german_and_spanish_way(tmp_path: Path):
    _q, _t, citations = run(tmp_path, (
        "Berlin, 14. März 2025\n\n"
        "Wie die „Frankfurter Rundschau“ am 12. März berichtete, prüft das Ministerium mehr. Ein "
        "Sprecher wurde dort mit den Worten zitiert, man prüfe „alle Optionen für einen "
        "Mietendeckel“.\n\n"
        "Según publicó El País el 18 de febrero, el Gobierno negoció con Junts.\n"))
    assert [(c.outlet, c.cited_date) for c in citations if c.kind == "named_source"] == [
        ("Frankfurter Rundschau", date(2025, 3, 12)), ("El País", date(2025, 2, 18))]
    quotes, _t, citations = run(tmp_path, (
        "Berlin, 14. März 2025\n\n"
        "Wie die „Frankfurter Rundschau“ am 12. März berichtete, prüft das Ministerium mehr. Ein "
        "Sprecher wurde dort mit den Worten zitiert, man prüfe „alle Optionen für einen "
        "Mietendeckel“.\n"))
    assert [[citations[n].outlet for n in q.citations] for q in quotes] == [
        ["Frankfurter Rundschau"]]


def test_un_in_capitals_is_no_article(tmp_path: Path):
    quotes, _terms, _c = run(tmp_path, (
        "The figures were first reported by the Mehr News Agency in January.\n\n"
        "The UN Development Programme estimates that 300,000 buildings were destroyed. \"The "
        "scale of debris removal alone is unprecedented,\" the UN agency said.\n"))
    assert said(quotes) == [("UN Development Programme",
                             "The scale of debris removal alone is unprecedented")]
