"""The error-page rules one by one, each with the legitimate pages it must leave alone."""

from __future__ import annotations

import pytest

from verifier.net.errorpages import error_page_reason

LONG = "a long article body " * 400


@pytest.mark.parametrize("line", [
    "Sorry, we couldn't find that page.",
    "The page you requested could not be found. Try the search box or go to the home page.",
    "We were unable to locate the article you were looking for.",
    "This article has been removed.",
    "Oops! The video you are looking for does not exist anymore.",
    "Lo sentimos, la página que buscas no existe.",
    "Die angeforderte Seite wurde nicht gefunden.",
    "お探しのページは見つかりませんでした",
    "¡Vaya! No se puede encontrar esa página.",
    "Hoppla! Diese Seite konnte nicht gefunden werden.",
    "Die Seite existiert leider nicht mehr.",
    "Oups ! Cette page est introuvable.",
    "К сожалению, запрашиваемая страница не найдена.",
    "Такой страницы не существует",
    "Aradığınız sayfa bulunamadı",
    "عذراً، الصفحة التي تبحث عنها غير موجودة.",
    "متأسفانه صفحه‌ای که به دنبال آن هستید پیدا نشد.",
    "指定されたページは存在しません。",
    "It seems we can't find what you're looking for.",
    "Sorry, this page isn't available.",
    "This article has expired.",
    "The article you requested is no longer available on our website.",
])
def test_a_not_found_sentence_on_a_short_page(line: str) -> None:
    assert error_page_reason("Example News", f"Example News\n{line}\nHome") is not None


@pytest.mark.parametrize("line", [
    "The article has been removed from the print edition after complaints, the editor said.",
    "Readers wrote in when we couldn't find the page numbers in the index of last week's magazine.",
    "Why a page you requested could not be found is a question for the server, not the browser.",
    "This video is not available in your country.",  # a geo-block, not a missing page
    "Kayıp dağcılar bulunamadı.",  # 'the missing climbers were not found': no page is missing
    "警察によると、行方不明の登山者は見つかりませんでした。",
])
def test_a_not_found_clause_inside_a_longer_sentence_is_not_an_error_page(line: str) -> None:
    assert error_page_reason("Example News", f"Example News\n{line}\nHome") is None


def test_not_found_sentences_on_a_long_page_are_not_judged() -> None:
    assert error_page_reason("Example News", "Sorry, we couldn't find that page.\n" + LONG) is None


def test_a_short_article_quoting_an_error_message_is_not_an_error_page() -> None:
    """Paragraphs of prose make a tutorial or story, even a short one, that quotes the message."""
    prose = ("After adding the new app, every request to the blog returned the debug page, a common "
             "mistake when the project's URL configuration does not include the app's own patterns.")
    text = f"Fixing it in Django\n{prose}\nPage not found (404)\n{prose}\nDev Notes"
    assert error_page_reason("Fixing it | Dev Notes", text) is None
    assert error_page_reason("Dev Notes", f"Page not found (404)\n{prose}\nHome") is not None


def test_a_list_of_status_codes_is_a_reference_not_an_error_page() -> None:
    text = "HTTP status codes\n200 OK\n301 Moved Permanently\n404 Not Found\n410 Gone\n500 Internal Server Error"
    assert error_page_reason("HTTP status codes | Docs", text) is None
    assert error_page_reason("Example News", "Example News\n404 Not Found\nHome") is not None


@pytest.mark.parametrize("title, error", [
    ("Not Found: The Search for Amelia Earhart | History Magazine", False),  # a headline's topic
    ("Error 404: The Number That Broke the Web", False),
    ("Page not found: Example News", True),  # a site name after the colon
    ("Example News: Page not found", True),
    ("404: Page not found", True),
    ("Error: Page not found", True),
])
def test_colons_in_titles(title: str, error: bool) -> None:
    assert (error_page_reason(title, LONG) is not None) is error


@pytest.mark.parametrize("title, text", [
    ("parked-example.test", "This domain is for sale!\nRelated searches"),
    ("example.org - Buy this domain", "Contact the owner"),
    ("Welcome", "The domain example.org may be for sale.\nInquire now."),
    ("Example", "This domain has been registered and parked."),
])
def test_parked_domains(title: str, text: str) -> None:
    reason = error_page_reason(title, text)
    assert reason is not None and "parked domain" in reason


def test_an_article_about_domain_sales_is_not_parked() -> None:
    text = "Domains\nThe owner said the domain name for the old festival site is for sale at a high price.\nMore"
    assert error_page_reason("Old festival site up for auction | Example News", text) is None
