"""Error-page rules first met in the ninth held-out link-status set, each with the legitimate
pages it must leave alone: API envelopes served under another type, storage services' XML
errors, and wordings in the corpus's languages."""

from __future__ import annotations

import pytest

from verifier.net import errorpages
from verifier.net.linkstatus import envelope_verdict

S3 = (b'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not '
      b'exist.</Message><Key>a.pdf</Key></Error>')


@pytest.mark.parametrize("body", [
    S3,
    b"\xef\xbb\xbf<?xml version='1.0' encoding='utf-8'?><Error><Code>BlobNotFound</Code><Message>x</Message></Error>",
    b"<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message></Error>",
    b"<Error><Code>ResourceNotFound</Code></Error>",
])
def test_storage_services_xml_errors_for_missing_objects(body: bytes) -> None:
    assert errorpages.xml_error_reason(body) is not None
    assert envelope_verdict(body, "application/xml") is not None


@pytest.mark.parametrize("body", [
    b"<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>",  # a refusal, not a missing key
    b"<?xml version='1.0'?><readings><reading level='41.2'/></readings>",
    b"<?xml version='1.0'?><log><Error><Code>NoSuchKey</Code></Error></log>",  # an error quoted inside data
    b"<!DOCTYPE html><html><head><title>Error codes</title></head><body><Error><Code>NoSuchKey</Code></body>",
])
def test_other_xml_is_no_storage_error(body: bytes) -> None:
    assert errorpages.xml_error_reason(body) is None


@pytest.mark.parametrize("ctype", ["text/html; charset=utf-8", "text/plain", None])
def test_a_json_envelope_served_as_a_page_or_text(ctype: str | None) -> None:
    body = b'  {"status":404,"error":"Not Found","path":"/api/articles/2271"}'
    assert envelope_verdict(body, ctype) is not None


def test_pages_and_json_records_served_as_pages_are_no_envelope() -> None:
    assert envelope_verdict(b"<html><head><title>Not found</title></head></html>", "text/html") is None
    assert envelope_verdict(b'{"title": "Not found: the search for Amelia Earhart"}', "text/html") is None
    assert envelope_verdict(b"{{ template }} not json", "text/plain") is None
