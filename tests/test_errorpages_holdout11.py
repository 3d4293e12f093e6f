"""Error-page, wall and parked-domain wordings first met in the eleventh held-out link-status set,
each with the legitimate sentences it must leave alone: removed and not-found pages in Japanese,
Hindi, Thai, Vietnamese, Indonesian, Hebrew and Greek; domains for sale in Japanese, Hebrew and
Greek; a CMS's 'encountered an unexpected error'; posts withheld in a country or refused after a
legal complaint; Korean, Indonesian and Thai national block pages; registration walls; consent
dialogs whose buttons the page's text glues together, a bare 'Accept' beside talk of cookies,
and a pay-or-consent offer."""

from __future__ import annotations

import pytest
from test_errorpages_holdout10 import _scanned, _text  # a line in a small page, and the markup scan

from verifier.net import errorpages


@pytest.mark.parametrize("line", [
    "アクセスしようとしたページは見つかりませんでした。",
    "माफ़ कीजिए, यह पेज हटा दिया गया है या इसका पता बदल गया है।",
    "ข่าวนี้ถูกลบแล้ว",
    "ลิงก์ที่คุณเข้ามาอาจไม่ถูกต้อง หรือหน้านี้อาจถูกลบไปแล้ว",
    "Bài viết này đã bị gỡ bỏ.",
    "Halaman yang Anda cari tidak dapat ditemukan.",
    "Maaf, konten ini sudah tidak tersedia.",
    "הכתבה הוסרה מהאתר.",
    "Το άρθρο έχει αφαιρεθεί.",
    "このドメインは売り出し中です。",
    "הדומיין הזה למכירה!",
    "Το domain πωλείται.",
])
def test_l11_not_found_and_parked_wordings(line: str) -> None:
    assert errorpages.error_page_reason("Example", _text(line)) is not None
    assert _scanned(line)


@pytest.mark.parametrize("line", [
    "This post has been withheld in your country in response to a legal demand.",
    "This content is not available on this country domain due to a legal complaint from the government.",
    "귀하가 접속하려고 하는 정보는 불법 정보로 접속이 차단되었습니다.",
    "Situs ini diblokir karena mengandung konten negatif.",
    "เว็บไซต์นี้ถูกระงับการเข้าถึงตามคำสั่งศาล",
    "This article is for registered readers.",
    "Register for free to continue reading.",
])
def test_l11_walls(line: str) -> None:
    assert errorpages.wall_reason("Example", _text(line)) is not None
    assert _scanned(line)


def test_l11_a_cms_error_page_is_trouble() -> None:
    line = "The website encountered an unexpected error. Please try again later."
    assert errorpages.trouble_reason("Error | Example", _text(line)) is not None
    assert _scanned(line)


@pytest.mark.parametrize("buttons", ["Accept allReject allManage options", "AccepterRefuserParamétrer",
                                     "Akzeptieren und weiter"])
def test_l11_consent_buttons_glued_or_plain(buttons: str) -> None:
    text = f"Example\nWe and our partners use cookies to measure the audience of this site.\n{buttons}\nHome"
    assert errorpages.wall_reason("Example", text) is not None


def test_l11_a_pay_or_consent_offer_is_part_of_the_dialog() -> None:
    text = ("Example\nMit Werbung lesen\nBesuchen Sie example.de wie gewohnt mit Werbung und Tracking (Datenschutz)."
            "\nAkzeptieren und weiter\nOder Pur-Abo\nNutzen Sie example.de ohne Werbetracking für 2,99 € im Monat.")
    assert errorpages.wall_reason("Example", text) is not None


@pytest.mark.parametrize("title, line", [
    ("City news", "Payments were withheld in the region."),
    ("City news", "The bridge is not available to traffic following a court order."),
    ("City news", "태풍으로 항구 접근이 제한됩니다."),
    ("City news", "Situs judi online itu telah diblokir Kominfo sejak Senin, kata menteri."),
    ("City news", "Το άγαλμα έχει αφαιρεθεί από την πλατεία."),
    ("City news", "Bài viết bị gỡ bỏ khỏi mạng xã hội gây tranh cãi trong cộng đồng."),
    ("City news", "The website encountered an unexpected error during the election night, officials said."),
    ("City news", "同社のドメインは売り出し中だと報じられた。"),
])
def test_l11_sentences_near_those_wordings_are_left_alone(title: str, line: str) -> None:
    text = _text(line)
    assert errorpages.error_page_reason(title, text) is None
    assert errorpages.wall_reason(title, text) is None
    assert errorpages.trouble_reason(title, text) is None


def test_l11_an_invitations_accept_button_is_no_consent_dialog() -> None:
    text = "Harbour Gala 2022\nSaturday 8 pm, the boathouse\nAccept\nDecline"
    assert errorpages.wall_reason("Harbour Gala 2022", text) is None
