"""The error-page rules one by one, each with the legitimate pages it must leave alone."""

from __future__ import annotations

import re
import re._constants as _c
import re._parser as _parser

import pytest

from verifier.net import errorpages, errorwords, phrases
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
    "The requested page \"/node/4411\" could not be found.",  # the quoted path left out
    "Page not found: /products/old-kettle",
    "The requested page can't be found.",
    "Sorry, the page you were looking for in this blog does not exist.",
    "This content isn't available right now",
    "Video unavailable",
    "Maaf, halaman yang Anda cari tidak ditemukan.",
    "Trang bạn tìm kiếm không tồn tại hoặc đã bị xóa.",
    "Strona, której szukasz, nie istnieje.",
    "De pagina die je zoekt kon niet worden gevonden.",
    "요청하신 페이지를 찾을 수 없습니다.",
    "מצטערים, הדף שחיפשת אינו קיים.",
    "На жаль, сторінка, яку ви шукаєте, не існує.",
    "معذرت، آپ جس صفحے کی تلاش کر رہے ہیں وہ موجود نہیں ہے۔",
    "Spiacenti, la pagina richiesta non è stata trovata.",
    "A página que você procura não existe.",
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
    "Currently unavailable.",  # a product out of stock, not a missing page
    "Item unavailable",
    "Tim SAR mengatakan kedua pendaki belum ditemukan.",  # 'the climbers have not been found'
    "구조대는 실종된 등산객을 아직 찾지 못했다.",
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


@pytest.mark.parametrize("title", [
    "Page not found at /blog/2021/old-post/",  # Django's debug page: the path is no headline
    "Page Not Found Error | Example News",
])
def test_error_titles_around_a_path_or_a_trailing_word(title: str) -> None:
    assert error_page_reason(title, LONG) is not None


def test_an_error_page_leads_with_its_message_before_any_prose() -> None:
    """Teasers of other stories after the message do not make a not-found page an article."""
    teaser = ("Cartographers used to add invented streets to catch copiers, and one of them became "
              "real after a shop opened there and named itself after the street that never existed.")
    assert error_page_reason("Medium", f"PAGE NOT FOUND\n404\n{teaser}\n{teaser}") is not None


def test_a_headline_about_an_error_quotes_it_rather_than_shows_it() -> None:
    """An issue or a question about a 404 quotes the server's output; the page is no error page."""
    text = "Error 404 when uploading\nWhen I upload a large file the server answers:\n404 Not Found\nSame here."
    assert error_page_reason("Error 404 when uploading large files · Issue #1234 · example/up", text) is None
    short = error_page_reason("Profile not found | Example", "Sorry, this page does not exist.\nHome")
    assert short is not None  # a short title segment is a message, not a headline about one


@pytest.mark.parametrize("title, text, words", [
    ("Example TV", "Example TV\nThis content is not available in your region.\nHome", "regional"),
    ("The Courier", "451: Unavailable due to legal reasons\nWe recognize you are in the EEA.", "legal"),
    ("Unavailable For Legal Reasons", "", "legal"),
    ("Log in | Forum", "Log in\nThe board requires you to be registered and logged in to view this topic.",
     "login wall"),
    ("Example", "Please log in to view this page.", "login wall"),
])
def test_walls_served_with_200(title: str, text: str, words: str) -> None:
    reason = errorpages.wall_reason(title, text)
    assert reason is not None and words in reason


@pytest.mark.parametrize("title, text", [
    ("Example News", "Sign in to see your saved articles\nBudget talks stall"),  # navigation
    ("Travel | Example", "The ferry is not available in winter.\nTimetable"),
    ("Example News", "This video is not available in your country. " * 40),  # a long page
])
def test_no_wall(title: str, text: str) -> None:
    assert errorpages.wall_reason(title, text) is None


@pytest.mark.parametrize("body, error", [
    (b'{"error": "not found"}', True),
    (b'{"status": 404, "message": "Article not found", "data": null}', True),
    (b'{"error": {"code": 404, "message": "Requested entity was not found."}}', True),
    (b'{"statusCode": 410}', True),
    (b'{"id": 77, "title": "Missing hikers not found", "code": "A-404"}', False),  # a record
    (b'[{"error": "not found"}]', False),  # a list of records, not an envelope
    (b'{"error": null, "data": {"id": 7}}', False),
    (b'not json', False),
])
def test_json_error_answers(body: bytes, error: bool) -> None:
    assert (errorpages.json_error_reason(body) is not None) is error


def _branches(source: str) -> list[str]:
    """The top-level alternatives of a regex source."""
    branches, depth, current = [], 0, ""
    for i, char in enumerate(source):
        escaped = source[i - 1:i] == "\\"
        depth += (char == "(" and not escaped) - (char == ")" and not escaped)
        if char == "|" and depth == 0:
            branches.append(current)
            current = ""
        else:
            current += char
    return branches + [current]


_EXPANSIONS = 2000  # strings a part of a branch is spelt out into, at most


def _expand(items: list[tuple[object, object]], memo: dict[int, set[str] | None]) -> set[str] | None:
    """Every string a run of parsed regex items matches, or None when unbounded or too many."""
    found = {""}
    for item in items:
        if id(item) not in memo:
            memo[id(item)] = _spell(item, memo)
        options = memo[id(item)]
        if options is None or len(found) * len(options) > _EXPANSIONS:
            return None
        found = {a + b for a in found for b in options}
    return found


def _spell(item: tuple[object, object], memo: dict[int, set[str] | None]) -> set[str] | None:
    op, av = item
    if op is _c.AT:
        return {""}
    if op is _c.LITERAL:
        return {chr(av)}  # type: ignore[arg-type]
    if op is _c.SUBPATTERN:
        return _expand(av[-1], memo)  # type: ignore[index]
    if op is _c.BRANCH:
        spelt = [_expand(alt, memo) for alt in av[1]]  # type: ignore[index]
        return None if None in spelt else set().union(*spelt)  # type: ignore[arg-type]
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[1] <= 3:  # type: ignore[index]
        low, high, sub = av  # type: ignore[misc]
        one, options, layer = _expand(sub, memo), set(), {""}
        if one is None:
            return None
        for count in range(high + 1):
            if count >= low:
                options |= layer
            if len(layer) * len(one) > _EXPANSIONS:
                return None
            layer = {a + b for a in layer for b in one}
        return options
    return None  # \\S+, character classes: any text


def _always_needs(items: list[tuple[object, object]], needs: re.Pattern[str], keep: int,
                  memo: dict[int, set[str] | None]) -> bool:
    """Whether every string the parsed items match holds a match of `needs`. Read left to
    right, keeping the last `keep` characters of each spelling not yet holding one (text of
    unknown length, such as \\S+, forgets them); true once none is left, or when a required
    part holds one in every spelling of its own."""
    open_tails = {""}
    for item in items:
        op, av = item
        spelt = _expand([item], memo)
        if spelt is not None:
            open_tails = {(tail + text)[-keep:] for tail in open_tails for text in spelt
                          if not needs.search(tail + text)}
            if not open_tails:
                return True
            continue
        if op is _c.SUBPATTERN and _always_needs(av[-1], needs, keep, memo):  # type: ignore[index]
            return True
        if op is _c.BRANCH and all(_always_needs(alt, needs, keep, memo)  # type: ignore[index]
                                   for alt in av[1]):
            return True
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1 and \
                _always_needs(av[2], needs, keep, memo):  # type: ignore[index]
            return True
        open_tails = {""}
    return False


@pytest.mark.parametrize("name", ["MISSING_CLAUSE", "LEGAL_BLOCK", "LOGIN_REQUIRED", "PARKED",
                                  "PAYWALL", "CHALLENGE_TEXT", "TROUBLE", "AGE_GATE", "LINK_WARNING",
                                  "RESTRICTED"])
def test_every_clause_needs_a_word_the_prescan_looks_for(name):
    """The pre-scan may skip a sentence only if no branch could match it: every string each
    branch matches holds a word of the pre-scan (each branch parsed and spelt out)."""
    clauses = getattr(errorwords, name)
    keep = max(map(len, clauses.words)) - 1  # a word ending further on is seen then
    for branch in _branches(clauses.pattern.pattern):
        assert _always_needs(list(_parser.parse(branch)), clauses.needs, keep, {}), branch


@pytest.mark.parametrize("name", ["MISSING_CLAUSE", "LEGAL_BLOCK", "LOGIN_REQUIRED", "PARKED",
                                  "PAYWALL", "CHALLENGE_TEXT", "TROUBLE", "AGE_GATE", "LINK_WARNING",
                                  "RESTRICTED"])
def test_a_clause_a_sentence_in_ascii_is_not_tried_against_needs_a_character_beyond_ascii(name):
    """A sentence in ASCII is tried against the clauses that write an ASCII letter or digit
    only: every other clause matches nothing but text holding a character beyond ASCII."""
    clauses = getattr(errorwords, name)
    kept = set(_branches(clauses.ascii_pattern.pattern)) if clauses.ascii_pattern.pattern != "(?!)" else set()
    beyond_ascii = re.compile(r"[^\x00-\x7f]")
    for branch in _branches(clauses.pattern.pattern):
        if branch not in kept:
            assert _always_needs(list(_parser.parse(branch)), beyond_ascii, 1, {}), branch


def test_a_sentence_without_those_words_is_skipped_before_the_clauses():
    class Counting:
        calls = 0

        def match(self, sentence, start):
            Counting.calls += 1

    clauses = errorwords.MISSING_CLAUSE._replace(pattern=Counting(), ascii_pattern=Counting())
    assert not errorpages._mostly(clauses, "parliament approves the budget amid protests")
    assert Counting.calls == 0
    errorpages._mostly(clauses, "the page you requested does not exist")
    assert Counting.calls > 0


def test_the_clauses_are_tried_only_at_the_words_a_long_enough_match_can_start_at():
    """A match must be most of the sentence, so it starts in its first words: the clauses
    (tens of microseconds a position) are never tried in mid-word or further on."""
    tried: list[int] = []

    class Recording:
        def match(self, sentence, start):
            tried.append(start)

    clauses = errorwords.MISSING_CLAUSE._replace(pattern=Recording(), ascii_pattern=Recording())
    sentence = "last than there minpoal elistalra of lovelpen alcorvel alshiker the be"
    assert not errorpages._mostly(clauses, sentence)  # 'here', a needed word, is in 'there'
    assert tried == [0, 5, 10, 16, 24]
    assert all(start == 0 or sentence[start - 1] == " " for start in tried)
    assert max(tried) <= (1 - errorpages.SENTENCE_SHARE) * len(sentence)
    assert errorpages._mostly(errorwords.MISSING_CLAUSE, "sorry the page you requested does not exist")
    assert not errorpages._mostly(errorwords.MISSING_CLAUSE, "")


# -- branch l4: shapes of the fourth held-out set, each rule with what it must leave alone ---

@pytest.mark.parametrize("line", [
    "Account suspended",
    "This Account has been suspended.",
    "This account doesn’t exist",
    "This Post was deleted by the Post author.",
    "Sorry, this post was deleted by the person who originally posted it.",
    "This content has been removed due to a copyright claim.",
    "This story was removed from our website for legal reasons.",
    "The article you are looking for has been archived and is no longer accessible.",
    "Video currently unavailable",
    "The product you’re looking for can’t be found.",
    "Sorry, the page you have requested is not available.",
    "The page you were trying to view has been deleted or moved.",
    "The page you’re looking for doesn’t exist in this version of the documentation.",
    "We couldn't find that Web page (Error 404)",
    "Η σελίδα δεν βρέθηκε", "Η σελίδα που ζητήσατε δεν υπάρχει.",
    "Sidan kunde inte hittas", "Sidan du letar efter finns inte.",
    "Stránka nenalezena", "Požadovaná stránka neexistuje.",
    "Pagina nu a fost găsită", "Ne pare rău, pagina pe care o căutați nu există.",
    "ไม่พบหน้าที่คุณต้องการ",
    "पृष्ठ नहीं मिला", "क्षमा करें, आप जिस पृष्ठ को खोज रहे हैं वह मौजूद नहीं है।",
    "Ukurasa haukupatikana", "Samahani, ukurasa unaoutafuta haupo.",
    "পৃষ্ঠাটি খুঁজে পাওয়া যায়নি", "দুঃখিত, আপনি যে পৃষ্ঠাটি খুঁজছেন সেটি নেই।",
    "Az oldal nem található", "A keresett oldal nem létezik vagy törölték.",
    "Sivua ei löytynyt", "Etsimääsi sivua ei valitettavasti löytynyt.",
])
def test_not_found_messages_of_the_fourth_set(line: str) -> None:
    assert error_page_reason("Example", f"Example\n{line}\nHome") is not None


@pytest.mark.parametrize("line", [
    "This account has been suspended, a spokesperson for the council told reporters.",
    "Council account suspended after phishing attack",  # a headline: not the whole sentence
    "This product is not available at the moment.",  # out of stock, not missing
    "Οι έρευνες συνεχίστηκαν, αλλά οι δύο ορειβάτες δεν βρέθηκαν.",  # the climbers, not a page
    "Sjöräddningen säger att seglaren ännu inte har hittats.",
    "बचाव दल ने कहा कि दोनों पर्वतारोही अभी तक नहीं मिले हैं।",
])
def test_sentences_near_the_fourth_sets_messages_are_not_error_pages(line: str) -> None:
    assert error_page_reason("Example", f"Example\n{line}\nHome") is None


def test_marks_of_indic_scripts_are_folded_like_accents() -> None:
    """A Devanagari vowel sign is no word character to `re`; kept, it would split the word."""
    assert errorpages.normalize("पृष्ठ नहीं मिला") == phrases.fold("पृष्ठ नहीं मिला")


def test_a_paragraph_opening_with_a_not_found_sentence() -> None:
    """MediaWiki's message is one long paragraph; its short opening sentence is the message."""
    wiki = ("There is currently no text in this page. You can search for this page title in other "
            "pages, or search the related logs, but you do not have permission to create this page.")
    assert error_page_reason("Harbour history - Example Wiki", f"Harbour history\n{wiki}") is not None
    story = ("The page was not found in the archive until 1998, when a librarian in Leeds noticed it "
             "tucked inside a ledger of harbour dues, and it has been on display ever since then.")
    assert error_page_reason("Harbour history", f"Harbour history\n{story}") is None


@pytest.mark.parametrize("title, default", [
    ("Welcome to nginx!", True), ("Apache2 Ubuntu Default Page: It works", True),
    ("Test Page for the Apache HTTP Server on Rocky Linux", True), ("IIS Windows Server", True),
    ("It works! | My Blog", False), ("Welcome to nginx configuration: a tutorial | Dev Notes", False),
])
def test_web_server_default_pages(title: str, default: bool) -> None:
    assert (error_page_reason(title, "") is not None) is default


@pytest.mark.parametrize("title, text, words", [
    ("Example Video", "Private video\nThis video is private.", "login wall"),
    ("Reddit", "r/example_private is a private community\nOnly approved members can view.", "login wall"),
    ("Facebook", "You must log in to continue.\nLog in", "login wall"),
    ("Example Network", "Sign in to view this post\nJoin now", "login wall"),
    ("Example Drive", "You need access\nAsk for access.", "login wall"),
    ("Example", "Verify you are human by completing the action below.", "bot challenge"),
    ("DDoS", "Checking your browser before accessing example.org", "bot challenge"),
    ("Access to this page has been denied", "", "bot challenge"),
    ("Subscribe to read | Example Times", "", "paywall"),
    ("Budget | Example", "Budget\nThis article is for subscribers only.\nLog in", "paywall"),
    ("Budget | Example", "Budget\nYou have reached your limit of free articles this month.", "paywall"),
    ("Example", "We value your privacy\nWe and our partners use cookies.\nAccept all\nManage options",
     "cookie-consent"),
])
def test_walls_of_the_fourth_set(title: str, text: str, words: str) -> None:
    reason = errorpages.wall_reason(title, text)
    assert reason is not None and words in reason


@pytest.mark.parametrize("text", [
    "Your privacy choices\nWe use cookies to measure traffic and personalise content.\n"
    "Accept all cookies Reject non-essential Manage preferences",
    "Wir brauchen Ihre Zustimmung\nWir verwenden Cookies.\nAlle akzeptieren Alle ablehnen Einstellungen",
    "Privacy\nWe and our partners use cookies.\nReject all Accept all",
])
def test_consent_buttons_side_by_side_on_one_line(text: str) -> None:
    reason = errorpages.wall_reason("Forest Watch Europe", text)
    assert reason is not None and "cookie-consent" in reason


@pytest.mark.parametrize("text", [
    # the buttons of a banner over an article: the article's prose is there
    "Breakwater finished before winter\nThe harbour authority confirmed on Monday that the new "
    "breakwater will be finished.\nAccept all cookies Reject all Manage preferences",
    # a line mentioning acceptance among other words is no row of buttons
    "Terms\nAccept all terms and conditions before you order from our shop today",
])
def test_consent_button_rows_beside_a_page_are_no_wall(text: str) -> None:
    assert errorpages.wall_reason("Example", text) is None


LEAD = ("The harbour authority confirmed on Monday that the new breakwater will be finished before "
        "the winter storms, after two years of delays caused by a shortage of stone.")


@pytest.mark.parametrize("title, text", [
    ("Budget | Example", f"Budget\n{LEAD}\nThis article is for subscribers only."),  # a lead: the page
    ("Budget | Example", f"Budget\n{LEAD}\nYou have reached your limit of free articles this month."),
    ("Notice | Example", "Office closure\nThe offices will be closed on Monday for the holiday.\nAccept all"),
    ("Tax | Example", "You need to sign in to view your tax statements.\nUse your user ID."),
    ("Trade | Example", "Sign in to see trade prices.\nStainless steel, 3000 W"),
    ("Press and hold the button for five seconds to reset the router | Help", ""),
])
def test_no_wall_of_the_fourth_set(title: str, text: str) -> None:
    assert errorpages.wall_reason(title, text) is None


@pytest.mark.parametrize("title, text", [
    ("Example", "We’ll be back soon!\nSorry for the inconvenience."),
    ("Maintenance", "Briefly unavailable for scheduled maintenance. Check back in a minute."),
    ("500 Internal Server Error", ""), ("502 Bad Gateway", ""), ("Site Maintenance | Example", ""),
    ("Database Error", "Error establishing a database connection"),
    ("Example", "We are currently down for scheduled maintenance."),
])
def test_maintenance_and_server_error_pages(title: str, text: str) -> None:
    assert errorpages.trouble_reason(title, text) is not None


@pytest.mark.parametrize("title, text", [
    ("Planned maintenance on 2 June | Example Bank",
     "Online banking will be unavailable from 01:00 to 05:00 on Sunday 2 June."),
    ("Maintenance | Example Boilers", "Have your boiler serviced once a year."),
    ("Example", "The shop owner told us she would be back soon with more bread."),
])
def test_no_trouble(title: str, text: str) -> None:
    assert errorpages.trouble_reason(title, text) is None


def test_expired_domains_are_parked() -> None:
    assert "parked" in (error_page_reason("Domain Expired", "") or "")
    assert "parked" in (error_page_reason("Example", "Example\nThis domain has expired.\nRenew") or "")


# -- branch l5: shapes of the fifth held-out set, each rule with what it must leave alone ---

@pytest.mark.parametrize("line", [
    "This video has been removed for violating YouTube's Terms of Service",  # why it went
    "This link has been disabled",  # 'disabled' as a way of going
    "We can’t find that track.", "Couldn’t find that album.",  # more things that go missing
    "The page you are looking for isn't here.",
    "There's nothing here.",
    "Whatever you were looking for doesn't currently exist at this address.",
    "Siden blev ikke fundet", "Beklager, vi fant ikke siden", "Siden du leter etter finnes ikke.",
    "Stránka sa nenašla", "Страницата не е намерена", "Страница није пронађена",
    "Stranica nije pronađena", "Strani ni mogoče najti", "Lehekülge ei leitud", "Lapa nav atrasta",
    "Puslapis nerastas", "Halaman tidak dijumpai", "Hindi mahanap ang pahina",
    "பக்கம் கிடைக்கவில்லை", "No s'ha trobat la pàgina", "Síða fannst ekki",
])
def test_l5_not_found_lines(line: str) -> None:
    assert error_page_reason("Example", f"Example\n{line}\nHome") is not None


@pytest.mark.parametrize("line", [
    "“This post was deleted by the author,” the platform now shows.",  # reported speech
    "\"The page has been removed.\" the editor wrote.",
    "There's nothing here yet.",
    "The track was removed after the band split, the label said.",
    "Siden blev ikke fundet af politiet, der søgte hele natten efter den savnede sejler i fjorden.",
])
def test_l5_lines_that_are_no_message(line: str) -> None:
    assert error_page_reason("Example", f"Example\n{line}\nHome") is None


def test_l5_an_age_check_is_a_wall_and_advice_about_age_is_not() -> None:
    gate = "Example Spirits\nAre you of legal drinking age?\nYou must be 18 or older to enter this site.\nYes"
    assert errorpages.wall_reason("Example Spirits", gate) is not None
    advice = "Example Council\nYou must be 18 or older to buy alcohol in this country.\nHome"
    assert errorpages.wall_reason("Example Council", advice) is None


# -- branch l6: shapes of the sixth held-out set, each rule with what it must leave alone ---

@pytest.mark.parametrize("line", [
    "It looks like nothing was found at this location. Maybe try a search?",
    "The authors have deleted this site.",  # who removed it
    "Blog has been removed",  # a whole blog, a site, a channel, a community
    "This post is under investigation or was found in violation of the Medium Rules.",
    "This posting has been deleted by its author.",  # postings, listings, jobs, recordings, images
    "This job has expired on Indeed",
    "This recording does not exist.",
    "This item might not exist or is no longer available",
    "The image you are requesting does not exist or is no longer available.",
    "The page you were looking for has moved or no longer exists.",
    "Transfer expired",
    "This account has been terminated due to multiple or severe violations of YouTube’s policy against "
    "spam, deceptive practices and misleading content.",
    "This subreddit was banned due to a violation of Reddit’s rules.",
    "Sorry, nobody on Reddit goes by that name.", "No such user",
    "این صفحه حذف شده است.", "هذه الصفحة غير متوفرة حالياً.", "Bu haber yayından kaldırılmıştır.",
    "Aradığınız içerik bulunamadı", "このページは存在しないか、削除された可能性があります。",
    "この記事は掲載期間が終了しました。", "존재하지 않는 페이지입니다.", "해당 기사는 삭제되었습니다.",
    "यह पेज उपलब्ध नहीं है।", "Сторінку, яку ви шукаєте, видалено або переміщено.",
    "Η σελίδα που αναζητάτε δεν είναι διαθέσιμη.", "העמוד המבוקש הוסר או שאינו קיים.",
    "Bài viết không tồn tại hoặc đã bị xóa.", "ขออภัย ไม่พบข้อมูลที่คุณค้นหา", "您要找的頁面不存在。",
    "该内容已被发布者删除", "Dieser Artikel ist nicht mehr verfügbar.", "Cet article n'est plus disponible.",
    "Este contenido ya no está disponible.", "Səhifə tapılmadı", "Axtardığınız səhifə mövcud deyil.",
    "გვერდი ვერ მოიძებნა", "Էջը չի գտնվել", "Бет табылмады",
    "Looks like this domain isn’t connected to a website yet!",  # parked
    "If you’re the site owner, log in to launch this site",  # a host's placeholder
])
def test_l6_not_found_lines(line: str) -> None:
    assert error_page_reason("Example", f"Example\n{line}\nHome") is not None


@pytest.mark.parametrize("line", [
    "Nothing was found at the crash site, police said.",
    "The authors have deleted this paragraph from the second edition.",
    "No such thing as a free lunch.",
    "Das Modell ist im Handel nicht mehr verfügbar.",  # a recalled product, not a missing page
    "This video is no longer available in the app, but it can still be watched on the website.",
    "Wir führen die Messungen seit zehn Jahren durch.",
])
def test_l6_lines_that_are_no_message(line: str) -> None:
    assert error_page_reason("Example", f"Example\n{line}\nHome") is None


def test_l6_a_bare_404_beside_a_works_name_is_that_name() -> None:
    assert error_page_reason("404 – song and lyrics by Example Artist | Spotify", "404\nExample Artist") is None
    assert error_page_reason("404 | Example News", "404\nGo to the home page") is not None
    assert error_page_reason("404 - Page not found | Example News", "") is not None


def test_l6_a_plesk_default_page_is_no_site() -> None:
    assert error_page_reason("Domain Default page", "") is not None


@pytest.mark.parametrize(("title", "text"), [
    ("Example", "The lake report\nThis post is for paid subscribers\nSubscribe"),
    ("Beispiel", "Bootshaus\nDieser Artikel ist nur für Abonnenten verfügbar.\nJetzt abonnieren"),
    ("Exemple", "Hangar\nCet article est réservé aux abonnés.\nS'abonner"),
    ("Example", "Boathouse\nTo continue reading, log in or create a free account.\nLog in"),
    ("Example", "Unfortunately, our website is currently unavailable in most European countries."),
    ("BBC iPlayer", "BBC iPlayer only works in the UK. Sorry, it’s due to rights issues."),
    ("Ejemplo", "Este contenido no está disponible en tu país.\nVolver"),
    ("YouTube", "Dieses Video ist in Deutschland leider nicht verfügbar."),
    ("YouTube", "Video unavailable\nThe uploader has not made this video available in your country."),
    ("Vimeo", "Sorry\nBecause of its privacy settings, this video cannot be played here."),
    ("Example", "Loading...\nPlease wait a moment while we ensure the security of your connection."),
    ("example.org", "Please enable JS and disable any ad blocker"),
    ("example.org", "One more step\nPlease complete the security check to access example.org"),
    ("Example", "We've detected unusual activity from your computer network\nTo continue, please click "
                "the box below to let us know you're not a robot."),
    ("Eksempel", "Vi bruger cookies\nVi og vores partnere bruger cookies til annoncer.\nAccepter alle\nAfvis alle"),
])
def test_l6_walls(title: str, text: str) -> None:
    assert errorpages.wall_reason(title, text) is not None


FRENCH_LEAD = ("Le conseil départemental a voté jeudi la reconstruction du vieux hangar à bateaux de la rive "
               "nord, après qu'une expertise a montré que sa charpente pouvait être sauvée et réparée.")


@pytest.mark.parametrize(("title", "text"), [
    ("Exemple", f"Hangar\n{FRENCH_LEAD}\n{FRENCH_LEAD}\nCet article est réservé aux abonnés."),  # the lead is the page
    ("Example", "The book is only available in paperback."),
    ("Example", "The app only works in the UK for now, while the company waits for approval, it said."),
    ("Example", "Our privacy settings page explains how to opt out of cookies."),
])
def test_l6_no_wall(title: str, text: str) -> None:
    assert errorpages.wall_reason(title, text) is None


def test_l6_maintenance_in_german_and_a_news_line_about_it() -> None:
    down = "Beispiel\nWartungsarbeiten\nWir führen gerade Wartungsarbeiten durch. Bitte versuchen Sie es später."
    assert errorpages.trouble_reason("Beispiel", down) is not None
    news = "Beispiel\nWartungsarbeiten an der Brücke beginnen am Montag und dauern drei Wochen."
    assert errorpages.trouble_reason("Beispiel", news) is None


# -- holdout7's rules ---------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Invitation invalid",
    "This invitation might have expired, or you may not have access.",
    "This group can't be displayed because it violates Example's community guidelines.",
    "This user is no longer active.",
    "No such record.",
    "This podcast episode is no longer available.",
    "Faqja nuk ekziston.",  # Albanian
    "Страницата не постои.",  # Macedonian
    "Старонка не існуе.",  # Belarusian
    "Sahifa mavjud emas.",  # Uzbek
    "Хуудас олдсонгүй",  # Mongolian
    "Tudalen heb ei chanfod",  # Welsh
    "Ez da orria aurkitu",  # Basque
    "A páxina non existe.",  # Galician
    "Bladsy nie gevind nie",  # Afrikaans
    "पृष्ठ सापडले नाही",  # Marathi
    "పేజీ లేదు",  # Telugu
    "រកមិនឃើញអត្ថបទ",  # Khmer
    "This domain name is available for purchase.",
    "example.net is parked free, courtesy of Example Registrar.",
    "This page was generated by the domain owner using Example Domain Parking.",
    "This domain was recently registered at Example.",
    "This domain is listed for sale by its owner.",
])
def test_l7_not_found_and_parked_lines(line: str) -> None:
    assert error_page_reason("Example", f"Example\n{line}") is not None, line


@pytest.mark.parametrize("line", [
    "Qeni nuk u gjet.",  # Albanian news: 'the dog was not found'
    "The car is parked outside, courtesy of the valet.",
    "Members of the club get access to exclusive events.",
])
def test_l7_lines_that_are_no_message(line: str) -> None:
    assert error_page_reason("Example", f"Example\n{line}") is None, line
    assert errorpages.wall_reason("Example", f"Example\n{line}") is None, line


@pytest.mark.parametrize(("title", "text"), [
    ("Example", "These Tweets are protected"),
    ("Example", "Only confirmed followers can see @someone's posts."),
    ("Example", "The author has asked that their posts only be visible to logged-in users."),
    ("Example", "Join the community to get access to exclusive posts."),
    ("Example", "Unlock this article by becoming a paying subscriber."),
    ("Example", "Please enable JavaScript before you are allowed to view this website."),
    ("Example", "The requested URL was rejected."),
    ("Example", "Your access to this website has been blocked by the site administrator."),
    ("Example", "You need to verify that you're not a robot by solving a CAPTCHA puzzle."),
    ("Example", "This group can't be displayed because it violated local laws."),
    ("Доступ к сайту ограничен", ""),
    ("Erişim engellendi", ""),
    ("Example", "The link you clicked has been flagged as potentially unsafe."),
    ("There may be a problem with this link | Example Links", ""),
])
def test_l7_walls(title: str, text: str) -> None:
    assert errorpages.wall_reason(title, text) is not None


def test_l7_a_news_line_about_a_restricted_site_is_no_wall() -> None:
    assert errorpages.wall_reason("Пример", "Пример\nДоступ к сайту был ограничен на два часа, сообщил регулятор.") \
        is None


def test_l7_a_table_of_error_codes_is_about_them() -> None:
    """An API's table naming two statuses in a cell ('Not Found (404)', 'Conflict (409)') is
    documentation; a page naming one is an error page."""
    table = ("Error codes\nThe table lists the codes the service returns.\nResourceNotFound\nNot Found (404)\n"
             "The specified resource does not exist.\nContainerAlreadyExists\nConflict (409)\n"
             "The specified container already exists.")
    assert error_page_reason("Error codes - Example API", table) is None
    assert error_page_reason("Example", "Example\nNot Found (404)\nGo to the home page") is not None


@pytest.mark.parametrize("body", [
    b'{"data": {"story": null}, "errors": [{"message": "Story not found", "path": ["story"]}]}',
    b'{"error": {"code": "RESOURCE_NOT_FOUND"}}',
    b'{"code": "ResourceNotFound", "message": "x"}',
    b'{"ok": false, "error": {"message": "No such document: \'d_17\'"}}',
])
def test_l7_json_envelopes_naming_a_missing_thing(body: bytes) -> None:
    assert errorpages.json_error_reason(body) is not None


def test_l7_json_records_and_other_codes_are_no_error() -> None:
    assert errorpages.json_error_reason(b'{"data": {"title": "Not found"}, "errors": []}') is None
    assert errorpages.json_error_reason(b'{"error": {"code": "RATE_LIMITED"}}') is None


# -- the eighth held-out set's wordings ------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "This journal has been deleted and purged.",
    "Sorry, this store is currently unavailable.",
    "Esta cuenta ha sido suspendida", "Ce compte a été suspendu.", "Dieses Konto wurde gesperrt.",
    "No results", "No results found for ferry terminal roof",
    "You have found something that doesn't exist.",
    "Looks like you've followed a broken link or entered a URL that doesn't exist on this site.",
    "The file /sites/harbour/Shared Documents/roof-survey.aspx does not exist.",  # a path with a space
])
def test_l8_not_found_messages(line: str) -> None:
    assert error_page_reason("Example", f"Example\n{line}\nHome") is not None


@pytest.mark.parametrize("line", [
    "This domain name expired on 2024-03-12 and is pending renewal or deletion.",
    "This domain expired on March 12 2024.",
    "This domain is suspended",
    "This domain has been suspended pending verification of the owner's contact details.",
    "Diese Domain ist abgelaufen", "Die Domain beispiel-zeitung.example ist abgelaufen und wurde nicht verlängert.",
    "Ce nom de domaine a expiré.", "Este dominio ha caducado.",
])
def test_l8_registrars_notices(line: str) -> None:
    reason = error_page_reason("example.org", f"example.org\n{line}\nPrivacy")
    assert reason is not None and "parked" in reason


@pytest.mark.parametrize("line", [
    "No results were reported from the northern precincts by midnight, officials said.",
    "The store is currently unavailable on Sundays, when the market hall is shut.",
    "Esta cuenta ha sido suspendida, dijo la portavoz del ayuntamiento a los periodistas.",
    "The hikers followed a broken trail marker and were found the next morning.",
    "The domain expired on the day the contract ended, the council said in its report.",
])
def test_l8_sentences_near_those_messages_are_not_error_pages(line: str) -> None:
    assert error_page_reason("Example", f"Example\n{line}\nHome") is None


def test_l8_an_invitation_is_no_wall() -> None:
    assert errorpages.wall_reason("Example", "Example\nYou have been invited to read this blog.\nAccept") is None


@pytest.mark.parametrize("line", [
    "This blog is open to invited readers only",
    "It doesn't look like you have been invited to read this blog.",
    "This site is currently private.",
])
def test_l8_walls(line: str) -> None:
    assert errorpages.wall_reason("Example", f"Example\n{line}\nHome") is not None
