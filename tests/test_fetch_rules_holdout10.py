"""Fetch-level link-status rules first met in the tenth held-out set: a redirect to a step that
would send the reader back (Google's '/sorry/' CAPTCHA), a sign-in host named by any of its
labels, a SAML POST form at the cited address, and credentials an address carries sent to its
own host only."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import pytest
from fixtureweb import FixtureWeb, Reply, Request

from verifier.config import Settings
from verifier.fetching import Fetcher
from verifier.models import Hop
from verifier.net.linkstatus import login_page_reason
from verifier.net.pagelook import PageLook
from verifier.net.urlpaths import redirect_target_reason
from verifier.status import LinkStatus

CITED = "https://www.example.org/2021/04/dam-report"


def _decided(final: str, cited: str = CITED) -> LinkStatus | None:
    decided = redirect_target_reason(cited, final, [Hop(cited, 302, final)])
    return decided[0] if decided else None


@pytest.mark.parametrize("final, expected", [
    ("https://www.google.com/sorry/index?continue=https%3A%2F%2Fwww.example.org%2F2021%2F04%2Fdam-report",
     LinkStatus.BLOCKED),
    ("https://www.example.org/verify?return=%2F2021%2F04%2Fdam-report", LinkStatus.BLOCKED),
    ("https://www.example.org/check?destination=/2021/04/dam-report%3Futm_source%3Dx", LinkStatus.BLOCKED),
    # a page that moved, marking where readers came from, names no step
    ("https://news.example.net/2021/dam-report?from=%2F2021%2F04%2Fdam-report", None),
    ("https://news.example.net/2021/dam-report?ref=https%3A%2F%2Fwww.example.org%2F2021%2F04%2Fdam-report", None),
    # the page itself, with a return address of its own, is the page
    ("https://www.example.org/2021/04/dam-report?next=%2F2021%2F04%2Fdam-report", None),
    # another page's address as the return address
    ("https://www.example.org/verify?return=%2F2021%2F04%2Fother-report", None),
])
def test_a_step_that_would_send_the_reader_back(final: str, expected: LinkStatus | None) -> None:
    assert _decided(final) is expected


@pytest.mark.parametrize("final, expected", [
    ("https://secure.login.example.gov/?request_id=7c2e9a41", LinkStatus.BLOCKED),
    ("https://sso.example.edu/", LinkStatus.BLOCKED),
    ("https://idp.example.org/", LinkStatus.BLOCKED),
    ("https://www.example.net/", LinkStatus.SOFT_404),  # another site's home: not a sign-in host
    ("https://login.example.com/", LinkStatus.BLOCKED),  # as before
])
def test_a_sign_in_host_named_by_any_label(final: str, expected: LinkStatus) -> None:
    assert _decided(final) is expected


def test_a_site_whose_own_name_holds_a_sign_in_label_is_not_a_gate_to_itself() -> None:
    cited = "https://www.sso.example.org/2021/04/annual-report"
    assert _decided("https://www.sso.example.org/2021/04/annual-report-2021", cited) is None


SAML_POST = ("<html><body onload='document.forms[0].submit()'><form action='https://idp.example.edu/idp/profile/"
             "SAML2/POST/SSO' method='post'><input type='hidden' name='SAMLRequest' value='PHNhbWxwOkF1dGhu'/>"
             "<input type='hidden' name='RelayState' value='ss:mem:1'/><noscript><input type='submit' "
             "value='Continue'/></noscript></form></body></html>")
SAML_GUIDE = ("<html><head><title>How SAML sign-in works</title></head><body><h1>How SAML sign-in works</h1>"
              "<p>The service provider posts a SAMLRequest parameter to the identity provider, which answers "
              "with a SAMLResponse.</p><pre>&lt;input type='hidden' name='SAMLRequest'&gt;</pre></body></html>")


def test_a_form_posting_a_saml_request_is_a_sign_in_step() -> None:
    look = PageLook(SAML_POST, "html")
    assert look.asks_identity_provider
    assert login_page_reason(CITED, CITED, look, []) is not None


def test_a_page_about_saml_is_no_sign_in_step() -> None:
    look = PageLook(SAML_GUIDE, "html")
    assert not look.asks_identity_provider  # the field's markup is quoted, escaped, in the text
    assert login_page_reason(CITED, CITED, look, []) is None


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    made = Fetcher(Settings(allow_private_hosts=True, retries=0), sleep=lambda _s: None)
    yield made
    made.close()


def test_credentials_in_the_address_go_to_its_host_and_no_further(web: FixtureWeb, fetcher: Fetcher) -> None:
    wanted = "Basic " + base64.b64encode(b"reader:s3cret").decode()

    def archive(r: Request) -> Reply:
        if r.headers.get("Authorization") == wanted:
            return Reply(302, b"", content_type=None, headers={"Location": web.url("/story", 2)})
        return Reply(401, "login", headers={"WWW-Authenticate": 'Basic realm="archive"'})
    web.route("/archive/story", archive, host=1)
    web.page("/story", "<html><head><title>Story</title></head><body><p>The story.</p></body></html>", host=2)
    fetch = fetcher.fetch(web.url("/archive/story", 1).replace("http://", "http://reader:s3cret@"))
    assert fetch.link_status is LinkStatus.REDIRECTED, fetch.reason
    sent = {(r.host, r.path): r.headers.get("Authorization") for r in web.requests}
    assert sent[("127.0.0.1", "/archive/story")] == wanted
    assert sent[("127.0.0.2", "/story")] is None  # the redirect's target named no credentials
