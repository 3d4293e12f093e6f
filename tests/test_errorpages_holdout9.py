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


def _says(line: str) -> str | None:
    text = f"Example\n{line}\nHome"
    return errorpages.wall_reason("Example", text) or errorpages.trouble_reason("Example", text) \
        or errorpages.error_page_reason("Example", text)


@pytest.mark.parametrize("line, kind", [
    ("Esta noticia ha sido retirada y ya no está disponible.", "not found"),
    ("El artículo fue eliminado del sitio.", "not found"),
    ("Этот материал был удалён по решению редакции.", "not found"),
    ("Статья удалена.", "not found"),
    ("تم حذف هذا الخبر من الموقع.", "not found"),
    ("هذا المقال محذوف.", "not found"),
    ("Сайт отключён за неуплату услуг хостинга.", "not found"),
    ("根据相关法律法规和政策，该内容无法显示。", "legal"),
    ("Этот контент недоступен в вашем регионе.", "legal"),
    ("هذا المحتوى غير متاح في بلدك.", "legal"),
    ("ただいまメンテナンス中です。", "maintenance"),
    ("网站正在维护中，请稍后再访问。", "maintenance"),
    ("На сайте ведутся технические работы.", "maintenance"),
    ("سایت در حال بروزرسانی است.", "maintenance"),
    ("Diese Domain steht zum Verkauf!", "parked"),
    ("Este dominio está en venta.", "parked"),
    ("Ce nom de domaine est à vendre.", "parked"),
])
def test_l9_wordings(line: str, kind: str) -> None:
    text = f"Example\n{line}\nHome"
    if kind == "legal":
        assert errorpages.wall_reason("Example", text) is not None
    elif kind == "maintenance":
        assert errorpages.trouble_reason("Example", text) is not None
    else:
        reason = errorpages.error_page_reason("Example", text)
        assert reason is not None and (kind != "parked" or "parked" in reason)


@pytest.mark.parametrize("line", [
    "La policía dijo que el cuadro fue retirado del museo en 2019 para su restauración y no volvió.",
    "Министр заявил, что материал был удалён из архива ещё в прошлом году, но копии сохранились у журналистов.",
    "وقال المتحدث إن الحكومة تم حذف هذا البند من الموازنة بعد نقاش طويل في البرلمان.",
    "Городские службы проводят технические работы на мосту до пятницы, сообщили в мэрии.",
    "公司表示，系统维护中出现的问题已经解决，用户数据没有受到影响，服务已全面恢复。",
    "Die Stadt sagte, das Grundstück am Hafen steht zum Verkauf, und nannte einen Preis.",
    "El alcalde anunció que el dominio público del puerto está en venta según el nuevo plan.",
])
def test_l9_sentences_near_those_wordings_are_left_alone(line: str) -> None:
    assert _says(line) is None
