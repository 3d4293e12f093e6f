"""Error-page and wall wordings first met in the tenth held-out link-status set, each with the
legitimate sentences it must leave alone: removals for legal reasons or at a person's request,
records, datasets, profiles and programmes no longer there, sealed and network-only pages,
regional blocks in five more languages, a domain named for sale, and common not-found wordings
of Arabic, Persian, Hebrew, Chinese, Japanese, Korean, Turkish, Indonesian, Vietnamese, Hindi
and Swahili."""

from __future__ import annotations

import pytest

from verifier.net import errorpages
from verifier.net.pagelook import PageLook


def _text(line: str) -> str:
    return f"Example\n{line}\nHome"


def _scanned(line: str) -> bool:
    """Whether the markup scan lets a small page holding the line have its text read."""
    return PageLook(f"<html><head><title>Example</title></head><body><p>{line}</p></body></html>",
                    "html").maybe_message


@pytest.mark.parametrize("line", [
    "This record is no longer available.",
    "Dataset not found",
    "This profile is no longer available.",
    "This programme is not currently available",
    "This story has been removed at the request of a person named in it.",
    "Dieser Artikel wurde aus rechtlichen Gründen entfernt.",
    "Cet article a été retiré de notre site pour des raisons juridiques.",
    "Questo articolo è stato rimosso.",
    "لم نتمكن من العثور على الصفحة التي تبحث عنها.",
    "خطأ ٤٠٤",
    "الرابط الذي اتبعته غير صحيح أو ربما تمت إزالة الصفحة.",
    "اوه! آن برگه پیدا نشد.",
    "به نظر می‌رسد در این مکان چیزی یافت نشد.",
    "خبر مورد نظر یافت نشد.",
    "מצטערים, לא הצלחנו למצוא את הדף שחיפשת.",
    "הכתבה המבוקשת אינה זמינה.",
    "抱歉，您访问的页面走丢了。",
    "抱歉，该贴已被删除。",
    "この記事は公開を終了しました。",
    "お探しのページは、移動または削除された可能性があります。",
    "기사를 찾을 수 없습니다.",
    "Üzgünüz, aradığınız sayfaya ulaşılamıyor.",
    "Böyle bir haber bulunmamaktadır.",
    "Berita tidak ditemukan.",
    "Artikel yang Anda cari sudah dihapus.",
    "Đường dẫn không tồn tại.",
    "Rất tiếc, chúng tôi không tìm thấy nội dung bạn yêu cầu.",
    "क्षमा करें, यह खबर हटा दी गई है।",
    "यह लेख उपलब्ध नहीं है।",
    "Habari hii haipatikani tena.",
    "Ukurasa haujapatikana.",
])
def test_l10_not_found_wordings(line: str) -> None:
    assert errorpages.error_page_reason("Example", _text(line)) is not None
    assert _scanned(line)


@pytest.mark.parametrize("line", [
    "この動画はお住まいの地域ではご覧いただけません。",
    "죄송합니다. 이 콘텐츠는 현재 계신 국가에서 이용하실 수 없습니다.",
    "해당 국가에서 이용할 수 없는 콘텐츠입니다.",
    "Bu içerik ülkenizde kullanılamıyor.",
    "این محتوا در کشور شما در دسترس نیست.",
    "Questo contenuto non è disponibile nel tuo paese.",
    "This case is sealed.",
    "Access is restricted to the parties and the court.",
    "This page is only available from the departmental network.",
])
def test_l10_walls(line: str) -> None:
    assert errorpages.wall_reason("Example", _text(line)) is not None
    assert _scanned(line)


@pytest.mark.parametrize("title, text", [
    ("orrinherald.cn", "该域名正在出售"),
    ("OrrinHerald.com is for sale | Domain broker", "OrrinHerald.com"),
])
def test_l10_parked(title: str, text: str) -> None:
    reason = errorpages.error_page_reason(title, _text(text))
    assert reason is not None and "parked" in reason


@pytest.mark.parametrize("title, line", [
    ("City news", "Die Polizei teilte mit, der Text wurde aus dem Schaukasten am Rathaus entfernt und nicht "
                  "wieder aufgehängt."),
    ("City news", "The court records are sealed, the judge said, until the inquiry ends next year."),
    ("City news", "Access to the dam is restricted to engineers during the inspection, the ministry said."),
    ("City news", "پلیس گفت در این مکان چیزی یافت نشد و جستجو تا فردا ادامه دارد."),
    ("City news", "公司称该域名正在出售，价格未公开，交易预计下月完成。"),
    ("Example.com is for sale, its founder says | Tech news", "The founder said on Monday that offers were "
                                                              "coming in."),
    ("City news", "Kayıp dağcılar hâlâ bulunamadı, arama yarın sürecek."),
])
def test_l10_sentences_near_those_wordings_are_left_alone(title: str, line: str) -> None:
    text = _text(line)
    assert errorpages.error_page_reason(title, text) is None
    assert errorpages.wall_reason(title, text) is None
