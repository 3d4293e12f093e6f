"""What the held-out link-status sets share: a case (routes on the fixture web and the status
a careful librarian would give the link, decided before the classifier ran), a redirect
chain the loopback web cannot serve, and the helpers that declare pages and redirects.

Cases the classifier still gets wrong carry `miss` and run as xfail(strict=True), so each
set's score stays honest; HOLDOUT_RAW=1 ignores the marks, to count it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from fixtureweb import FixtureWeb, Reply

from verifier.config import Settings
from verifier.fetching import Fetcher
from verifier.models import Hop
from verifier.net.urlpaths import redirect_target_reason
from verifier.status import LinkStatus

RAW = bool(os.environ.get("HOLDOUT_RAW"))  # 1: ignore the xfail marks, to count the score
Setup = Callable[[FixtureWeb, int], str]  # declares routes on host h (and neighbours), returns the URL
OK, REDIRECTED, DEAD = LinkStatus.OK, LinkStatus.REDIRECTED, LinkStatus.DEAD
SOFT, BLOCKED, ERROR = LinkStatus.SOFT_404, LinkStatus.BLOCKED, LinkStatus.ERROR


@dataclass(frozen=True)
class Case:
    name: str
    setup: Setup
    expected: LinkStatus
    also: tuple[LinkStatus, ...] = ()  # genuinely ambiguous: these are acceptable too
    miss: str = ""  # non-empty: still wrong (xfail, strict)


@dataclass(frozen=True)
class Chain:
    """A redirect chain the loopback web cannot serve (another scheme or host name)."""

    name: str
    hops: tuple[str, ...]  # the cited URL, then each redirect's target
    expected: LinkStatus | None  # what redirect_target_reason decides; None: an ordinary redirect
    miss: str = ""


def marked(case: Case | Chain) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=case.miss)] if case.miss and not RAW else []
    return pytest.param(case, id=case.name, marks=marks)


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    made = Fetcher(Settings(allow_private_hosts=True, retries=1), sleep=lambda _s: None)
    yield made
    made.close()


def check(web: FixtureWeb, fetcher: Fetcher, case: Case, host: int) -> None:
    """Fetch a case set up on `host` (hosts of its own: no probes shared with another case)
    and assert the status it was given: the expected one, or one of `also`."""
    fetch = fetcher.fetch(case.setup(web, host))
    assert fetch.link_status in (case.expected, *case.also), fetch.reason


def chain_status(chain: Chain) -> LinkStatus | None:
    hops = [Hop(a, 301, b) for a, b in zip(chain.hops, chain.hops[1:], strict=False)]
    decided = redirect_target_reason(chain.hops[0], chain.hops[-1], hops)
    return decided[0] if decided else None


def page(path: str, body: str | bytes, **reply: object) -> Setup:
    return lambda web, h: web.page(path, body, host=h, **reply)


def everywhere(body: str, path: str) -> Setup:
    """The same page at every path of the host; the cited URL (`path`) is a deep link."""
    def setup(web: FixtureWeb, h: int) -> str:
        web.route("*", lambda _r: Reply(200, body), host=h)
        return web.url(path, host=h)
    return setup


def home_page(body: str) -> Setup:
    """A cited home page (a report citing an organisation's site) now serving `body`."""
    return lambda web, h: web.page("/", body, host=h)


def with_home(setup: Setup, home: str) -> Setup:
    """setup, on a host that also serves its home page."""
    def both(web: FixtureWeb, h: int) -> str:
        web.page("/", home, host=h)
        return setup(web, h)
    return both


def redirect(path: str, to: str, target_body: str | None = None, status: int = 301, *,
             home: str) -> Setup:
    """A redirect from path to `to` (a path on the same host), which serves target_body
    (default: the home page)."""
    def setup(web: FixtureWeb, h: int) -> str:
        web.page("/", home, host=h)
        target_path = to.split("?")[0]
        if target_path != "/":
            web.page(target_path, target_body if target_body is not None else home, host=h)
        return web.redirect(path, to, status=status, host=h)
    return setup


def template(site: str, *blocks: str, lang: str = "en", head: str = "") -> str:
    """A site template around some blocks of markup; the <title> is the site name."""
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{site}</title>"
            f"{head}</head><body><header><a class='logo' href='/'>{site}</a><nav><a href='/about'>"
            f"About</a> <a href='/help'>Help</a></nav></header><main>{''.join(blocks)}</main>"
            f"<footer>© {site}</footer></body></html>")


def message(site: str, heading: str, *lines: str, lang: str = "en") -> str:
    """A short message page: a heading and a few lines, in some language."""
    return template(site, f"<h1>{heading}</h1>", *(f"<p>{line}</p>" for line in lines), lang=lang)


def article_of(site: str, sections: tuple[str, str], usual: str) -> Callable[..., str]:
    """A held-out set's `article(title, ...)`: news_article of its site and sections, its
    paragraph `usual` unless told otherwise."""
    def article(title: str, paragraphs: int = 10, extra: str = "", lang: str = "en",
                paragraph: str = usual, head: str = "") -> str:
        return news_article(site, sections, title, paragraph, paragraphs=paragraphs, extra=extra,
                            lang=lang, head=head)
    return article


def news_article(site: str, sections: tuple[str, str], title: str, paragraph: str, *,
                 paragraphs: int = 10, extra: str = "", lang: str = "en", head: str = "") -> str:
    """A news article of `site`: a masthead with two sections, a headline, paragraphs, a footer."""
    body = "".join(f"<p>{paragraph}</p>" for _ in range(paragraphs))
    nav = " ".join(f"<a href='/{name.lower()}'>{name}</a>" for name in sections)
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title>"
            f"{head}</head><body><header><a href='/'>{site}</a><nav>{nav}</nav></header><main>"
            f"<article><h1>{title.split(' | ')[0]}</h1><p class='byline'>By a Staff Reporter</p>"
            f"{extra}{body}</article></main><footer>© {site} 2024 · Privacy · Terms</footer>"
            f"</body></html>")


def login_form(site: str, heading: str, *fields: str) -> str:
    """A sign-in page: a heading, a form of `fields` and a submit button."""
    inputs = "".join(f"<label>{name}<input name='f{n}'></label>" for n, name in enumerate(fields))
    return template(site, f"<h1>{heading}</h1><form method='post' action='/login'>{inputs}"
                          "<input type='password' name='password'><button>Log in</button></form>")


def to_neighbour(path: str, target: str, body: str, status: int = 302) -> Setup:
    """path on host h redirected to `target` (a path and query) on host h+1, which serves body."""
    def setup(web: FixtureWeb, h: int) -> str:
        web.page(target.split("?")[0], body, host=h + 1)
        return web.redirect(path, web.base(h + 1) + target, status=status, host=h)
    return setup
