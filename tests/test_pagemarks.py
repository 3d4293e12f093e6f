"""What a page's markup says it is (verifier.net.pagemarks): its canonical address, a CMS's
not-found template named by its <body> classes, a prerender status; and how PageLook judges
them (first met in the eighth held-out link-status set)."""

from __future__ import annotations

import pytest

from verifier.net.pagelook import PageLook
from verifier.net.pagemarks import (
    body_start,
    canonical_href,
    head_end,
    not_found_template,
    prerender_status,
)

DEEP = "https://news.example/2019/06/ferry-terminal-roof"
PROSE = "<p>" + "Harbour commissioners voted to replace the leaking roof of the ferry terminal. " * 3 + "</p>"


def page(head: str = "", body: str = "<p>Latest stories</p>", body_tag: str = "<body>") -> str:
    return f"<html><head><title>News</title>{head}</head>{body_tag}{body}</body></html>"


def look(markup: str) -> PageLook:
    made = PageLook.of(markup.encode(), "text/html")
    assert made is not None
    return made


@pytest.mark.parametrize("head, href", [
    ("<link rel='canonical' href='https://news.example/'>", "https://news.example/"),
    ('<LINK REL="alternate canonical" HREF="/search?q=ferry&amp;page=1">', "/search?q=ferry&page=1"),
    ("<link href=/ rel=canonical>", "/"),
    ("<link rel='Canonical' href='/a'>", None),  # the word is looked for as it is written
    ("<meta property='og:url' content='/'><link rel='stylesheet' href='/canonical.css'>", None),
    ("", None),
])
def test_canonical_href(head: str, href: str | None) -> None:
    markup = page(head)
    assert canonical_href(markup, head_end(markup, body_start(markup))) == href


def test_a_canonical_link_in_the_body_is_not_the_pages() -> None:
    markup = page(body="<p>See <link rel='canonical' href='/'></p>")
    assert canonical_href(markup, head_end(markup, body_start(markup))) is None


@pytest.mark.parametrize("head, status", [
    ("<meta name='prerender-status-code' content='404'>", 404),
    ('<meta name="render:status_code" content="410">', 410),
    ("<meta name='prerender-status-code' content='200'>", 200),
    ("<meta name='description' content='404 ways to cook'><script>render(404)</script>", None),
])
def test_prerender_status(head: str, status: int | None) -> None:
    markup = page(head)
    assert prerender_status(markup, head_end(markup, body_start(markup))) == status


@pytest.mark.parametrize("body_tag, template", [
    ("<body class='error404 wp-theme-harbour hfeed'>", "error404"),
    ('<body class="cms-no-route cms-noroute-index page-layout-1column">', "cms-no-route"),
    ("<BODY CLASS='Template-404'>", "template-404"),
    ("<body class='single single-post postid-404'>", None),  # the post numbered 404
    ("<body class='page-template-default page-id-404'>", None),
    ("<body>", None),
])
def test_not_found_template(body_tag: str, template: str | None) -> None:
    markup = page(body_tag=body_tag)
    assert not_found_template(markup, body_start(markup)) == template


def test_a_not_found_template_or_prerender_status_is_a_not_found_page() -> None:
    assert look(page(body_tag="<body class='error404'>")).marks_reason(DEEP, DEEP)
    assert look(page("<meta name='prerender-status-code' content='404'>")).marks_reason(DEEP, DEEP)
    assert look(page("<meta name='prerender-status-code' content='301'>")).marks_reason(DEEP, DEEP) is None


@pytest.mark.parametrize("href", ["/", "https://www.news.example/", "/search?q=ferry+terminal+roof"])
def test_a_listing_naming_the_home_or_search_page_as_canonical_stands_in_for_the_page(href: str) -> None:
    assert look(page(f"<link rel='canonical' href='{href}'>")).marks_reason(DEEP, DEEP)


def test_a_canonical_home_is_no_verdict_on_a_page_with_prose_a_home_page_or_another_site() -> None:
    home = "<link rel='canonical' href='/'>"
    assert look(page(home, body=PROSE * 3)).marks_reason(DEEP, DEEP) is None  # a template's mistake
    assert look(page(home)).marks_reason("https://news.example/", "https://news.example/") is None
    elsewhere = "<link rel='canonical' href='https://other.example/'>"
    assert look(page(elsewhere)).marks_reason(DEEP, DEEP) is None
    article = "<link rel='canonical' href='/2019/06/ferry-terminal-roof'>"
    assert look(page(article)).marks_reason(DEEP, DEEP) is None
