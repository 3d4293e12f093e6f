"""The CDX row reader: both answer formats, odd rows skipped, short timestamps completed."""

from __future__ import annotations

import json
from datetime import datetime

from verifier.models import Snapshot, full_timestamp
from verifier.net.cdxrows import FIELDS, cut_short, parse_cdx, split_resume_key
from verifier.net.waybackurls import parse_memento

ROW = "com,example)/a 20210315000000 http://example.com/a text/html 200 DIGEST 123"


def test_plain_and_json_answers_give_the_same_rows() -> None:
    plain = parse_cdx(ROW + "\n")
    as_json = parse_cdx(json.dumps([list(FIELDS), ROW.split(" ")]))
    assert plain == as_json and plain[0].timestamp == "20210315000000"
    assert plain[0].statuscode == "200" and plain[0].original == "http://example.com/a"


def test_empty_answers_have_no_rows() -> None:
    for text in ("", "\n", "[]", json.dumps([list(FIELDS)]), json.dumps([list(FIELDS), [], ["k"]])):
        assert parse_cdx(text) == []


def test_a_space_inside_the_original_is_kept_in_the_original() -> None:
    [row] = parse_cdx("k 20210315000000 http://example.com/a b text/html 200 D 1")
    assert row.original == "http://example.com/a b" and row.mimetype == "text/html"


def test_rows_naming_no_real_time_or_too_short_are_skipped() -> None:
    text = "\n".join(["k 20000008241731 http://e.com/ text/html 200 D 1",  # month 00
                      "k notdigits http://e.com/ text/html 200 D 1",
                      "k 2021 http://e.com/",  # too few fields
                      ROW])
    assert [r.timestamp for r in parse_cdx(text)] == ["20210315000000"]


def test_revisit_rows_keep_their_dash_status() -> None:
    [row] = parse_cdx("k 20210315000000 http://e.com/ warc/revisit - D 0")
    assert row.statuscode == "-" and row.mimetype == "warc/revisit"


def test_short_timestamps_complete_with_month_and_day_01() -> None:
    assert full_timestamp("2012") == "20120101000000"
    assert full_timestamp("201203") == "20120301000000"
    assert full_timestamp("201203151200") == "20120315120000"
    assert Snapshot(url="u", timestamp="2012", archive_url="").captured_at == datetime(2012, 1, 1)
    assert parse_memento("https://web.archive.org/web/2012id_/http://e.com/") == ("2012", "http://e.com/")


def test_a_json_answer_gives_up_its_resume_key_like_a_plain_one() -> None:
    """JSON answers end with an empty row and the key alone in a row; the rows stay JSON."""
    rows, key = split_resume_key(json.dumps([list(FIELDS), ROW.split(" "), [], ["next=k2"]]))
    assert key == "next=k2" and parse_cdx(rows) == parse_cdx(ROW)
    assert split_resume_key(ROW + "\n\nk2\n") == (ROW, "k2")
    assert split_resume_key(json.dumps([list(FIELDS), ROW.split(" ")]))[1] is None


def test_an_answer_ending_mid_row_is_cut_short_whole_answers_are_not() -> None:
    whole_json = json.dumps([list(FIELDS), ROW.split(" ")])
    assert cut_short(ROW + "\n" + ROW[:30]) and cut_short(whole_json[:-10])
    assert not any(cut_short(t) for t in (ROW + "\n", whole_json, "", "\n\n", "[]",
                                          ROW + "\n\nresumekey\n"))
