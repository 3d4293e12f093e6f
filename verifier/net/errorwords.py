"""The phrases of error pages, walls and parked domains, compiled for errorpages.

Each group is a list of clause patterns in the languages the corpus meets, folded (accents and
marks removed) as the sentences they are matched against are; most groups also carry the
words every one of their clauses needs, a search a hundred times cheaper than the clauses
that spares most sentences the clauses (see phrases.Clauses).
"""

from __future__ import annotations

import re

from .phrases import clauses_of, compile_phrases

# Things a link can name that go missing: pages and files, and what platforms hold (a photo, a
# recording, a job posting, a shared transfer, a whole blog or site, a channel or community).
_THINGS = "page|file|article|story|content|document|post|resource|item|url|link|video|entry|image|photo|" \
    "recording|posting|listing|job|transfer|blog|journal|site|website|channel|subreddit|community|episode|" \
    "invite|invitation|record|dataset|profile|programme|program|show"
_NOUN = f"({_THINGS})"
# Things that can be missing but not merely unavailable ('This product is not available' is
# out of stock; 'The product you are looking for cannot be found' is gone).
_FOUND_NOUN = f"({_THINGS}|product|account|user|web page|webpage|track|album|playlist|" \
    "question|topic|thread)"
# Where the page was looked for: 'the page you were looking for in this blog does not exist',
# '... in this version of the documentation'.
_WHERE = r"( (in|on|from) (this|our|the) (version of (this|our|the) )?(blog|site|website|server|forum|" \
    r"wiki|shop|store|documentation|docs|app|version))?"
_YOU = r"( you( are|re| were| have| had)? (looking for|requested|requesting|tried to reach|" \
    r"trying to (view|reach|access|find|open)))?" + _WHERE
# Why or by whom a page went: '... by the post author', '... from our website for legal reasons'.
_GONE_TAIL = r"( by (the|its|their|a|an) (\S+ ){0,5}\S+)?( from (this|our|the) (site|website|server|" \
    r"platform|archive))?( (for|due to|because of) (a |an |the )?(\S+ ){0,3}(reasons?|claims?|" \
    r"complaints?|requests?|violations?|orders?)( of (\S+ ){0,2}(terms|rules|policy|policies|guidelines)" \
    r"( of (service|use)| (against|on) \S+)?)?)?( for (violating|breaching|breaking) (\S+ ){0,2}(terms|rules|" \
    r"policy|policies|guidelines)( of (service|use))?)?( at the (request|demand|behest) of (\S+ ){0,6}\S+)?"
_GONE = r"(removed|deleted|disabled|terminated|banned|taken down|unpublished|moved or (deleted|removed)|" \
    r"(deleted|removed) or moved|archived and is no longer (accessible|available))"
_DET = r"(the |this |that |your )?(requested |specified |selected )?"
_GONE_NOUN = r"(page|video|content|post|article|story|file|document|store|shop)"  # no 'item': a product
# Phrases that make a whole line (or title segment) an error message.
NOT_FOUND = compile_phrases([
    r"(error )?(http )?(404|410)( error)?( page)?( not found| gone| page not found)?( error)?",
    r"(error )?(404 )?" + _DET + _NOUN + _YOU + r" (is |was )?not found" + _WHERE,
    r"(this )?" + _GONE_NOUN + r" (is )?(currently )?unavailable",  # not 'Currently unavailable'
    r"(this )?account (has been |is )?suspended",  # whole: not 'account suspended, police said'
    r"(esta )?cuenta (ha sido |esta )?suspendida|(esta )?conta (foi |esta )?suspensa|"
    r"(ce )?compte (a ete |est )?suspendu|(dieses )?konto (wurde |ist )?gesperrt|(questo )?account (e stato )?sospeso",
    r"(этот )?(сайт|аккаунт|хостинг)( \S+)? (отключен|заблокирован|приостановлен)( за неуплату( услуг( хостинга)?)?)?",
    r"no (results|matches|records)( were)?( found)?( for( \S+){1,8})?",  # an empty search in the page's place
    r"(halaman|laman) tidak ditemukan|không tìm thấy trang|nie znaleziono strony|"
    r"페이지를 찾을 수 없습니다|(הדף|העמוד) לא נמצא|сторінку не знайдено|صفحہ (نہیں ملا|موجود نہیں)",
    r"not found",
    r"(the |this |that )?" + _NOUN + r" (is )?no longer available",
    r"(the |this |that )?" + _NOUN + r" (has |is )?(expired|invalid)",  # 'Transfer expired', 'Invite invalid'
    r"(seite|datei) nicht gefunden|fehler 404",
    r"page (non trouvee|introuvable)|erreur 404",
    r"pagina no encontrada|pagina non trovata|pagina niet gevonden|pagina nao encontrada",
    r"страница не найдена|ошибка 404",
    r"(خطای |خطا )?404|(صفحه|برگه|خبر|مطلب|نوشته) (مورد نظر )?(یافت نشد|پیدا نشد|وجود ندارد)|(یافت نشد|پیدا نشد)",
    r"الصفحة (غير موجودة|المطلوبة غير موجودة)|لم يتم العثور على الصفحة",
    r"页面不存在|找不到页面|页面未找到",
    r"(η )?σελίδα δεν (βρέθηκε|υπάρχει)|sidan (kunde inte hittas|hittades inte)|stránka nenalezena|"
    r"pagina nu a fost găsită|(ขออภัย )?ไม่พบ(หน้า|ข้อมูล|บทความ|เนื้อหา)(ที่คุณ(ต้องการ|ค้นหา)|นี้|เว็บ)?|(पृष्ठ|पेज) नहीं मिला|"
    r"ukurasa (haukupatikana|haupatikani)|পৃষ্ঠা(টি)? (খুঁজে )?পাওয়া যায়নি|(az )?oldal nem található|"
    r"sivua ei (löytynyt|löydy)",
    r"(there is|theres) nothing here",  # Tumblr; whole line: not 'There is nothing here yet'
])
# Clauses that say a page is missing wherever they stand in a sentence.
MISSING_CLAUSE = clauses_of([
    _DET + _FOUND_NOUN + _YOU + r" (has (been )?moved or )?(does not|doesnt|did not|no longer|dont|might not|"
    r"may not) exists?( anymore)?" + _WHERE + r"( or (is no longer available|has been (removed|deleted)))?",
    _DET + _FOUND_NOUN + _YOU + r" (could not|couldnt|cannot|can not|cant) be (found|located)",
    r"(we |i )?(could not|couldnt|cannot|can not|cant|were unable to|are unable to|were not able to) "
    r"(find|locate) " + _DET + _FOUND_NOUN + _YOU,
    _DET + _FOUND_NOUN + _YOU + r" (has been|have been|was|is|may have been|might have been) " + _GONE + _GONE_TAIL,
    # Who removed it: 'The authors have deleted this site.'
    r"(the )?(author|authors|owner|owners|user|uploader|creator|publisher|poster) (has|have) (deleted|removed|"
    r"taken down) (this|the) " + _FOUND_NOUN,
    # A platform's finding: 'This post ... was found in violation of the Medium Rules.'
    _DET + _FOUND_NOUN + r" (is under investigation or )?(was|has been) found (to be )?in violation of "
    r"(\S+ ){0,3}(rules|terms|policy|policies|guidelines)( of (service|use))?",
    r"(it (looks|seems) like )?nothing (was|could be) found (at|on) this (location|address|url|page)",
    # No one has that name: 'Sorry, nobody on Reddit goes by that name.', 'No such user'
    r"no such (user|account|profile|channel|page|file|app|site|article|post|story|record|resource|document|"
    r"item|object|video)",
    r"no (user|account|profile|channel) (by|with) that name|no (user|account|profile|channel) (by|with) "
    r"that username",
    r"(nobody|no one)( on \S+)? goes by that (user)?name",
    _DET + _NOUN + _YOU + r" (is |was )?no longer available",
    _DET + _NOUN + _YOU + r" (is not|isnt) (currently )?available( anymore| any more| right now| at the moment)?$",
    # not '... in your country': see LEGAL_BLOCK
    # 'This invite may be expired, or you might not have permission to join.'
    _DET + _NOUN + r" (has|is|may be|might be|may have|might have) expired( or you (might|may) not have "
    r"(permission|access)( to (join|view|access|open)( it)?)?)?",
    # A platform's removal: 'This channel can't be displayed because it violated Telegram's Terms of Service.'
    r"(this )?\S+ (cant|cannot|can not) be displayed because it (violated|violates) (\S+ ){0,3}(terms of service|"
    r"terms|rules|guidelines|policies|policy)",
    # A user gone from a platform: 'This member is no longer active on Flickr.'
    r"(this )?(member|user|account|profile) is no longer active( on \S+)?",
    r"(we |i )?(could not|couldnt|cannot|can not|cant|were unable to|are unable to) (seem to )?"
    r"find what (you are|youre|you were) looking for",
    r"no se (puede|pudo|ha podido) encontrar (la |esa |esta )?pagina( (que )?(buscas|busca|solicitada))?",
    r"(la |cette )?page (demandee |que vous recherchez )?(est )?(introuvable|n existe pas|n existe plus)",
    r"(die |diese )?(angeforderte |gesuchte )?seite (wurde |konnte |kann )?(leider )?nicht gefunden"
    r"( werden)?",
    r"(die |diese )?(angeforderte |gesuchte )?seite existiert (leider )?nicht( mehr)?",
    r"(запрашиваемая |искомая |эта )?страница не найдена",
    r"(такой |этой |данной |запрашиваемой )?страницы не существует|страница не существует",
    r"(aradığınız |istediğiniz )?(sayfa|içerik|haber) (bulunamadı|mevcut değil)",
    r"(bu )?(haber|içerik|sayfa|yazı|makale|video)( \S+){0,2} (yayından )?kaldırılmıştır",
    r"(aradığınız |istediğiniz )?(sayfaya|habere|içeriğe|yazıya) (ulaşılamıyor|ulaşılamadı|erişilemiyor)",
    r"(böyle bir|bu|aradığınız) (sayfa|haber|içerik|yazı|makale) (bulunmamaktadır|bulunmuyor|yok)",
    r"الصفحة( \S+){0,4} (غير موجودة|لم يتم العثور عليها|غير متوفرة|غير متاحة|تم حذفها)( حاليا)?",
    r"(لم نتمكن من|لم نستطع|لا يمكننا|تعذر) العثور على (الصفحة|المقال|الخبر|المحتوى|الرابط)( \S+){0,3}",
    r"الرابط( \S+){0,2} (غير صحيح|غير صالح|معطل)( او (ربما )?(تمت ازالة|تم حذف|تم نقل) (الصفحة|المقال|الخبر))?",
    r"(صفحه|برگه|خبر|مطلب|نوشته)( \S+){0,6} (یافت نشد|پیدا نشد|وجود ندارد|حذف شده( است)?)",
    r"(به نظر می ?رسد )?(در این (مکان|آدرس|نشانی) )?(چیزی|هیچ چیز|موردی) (یافت نشد|پیدا نشد)",
    r"(la )?pagina (que (buscas|busca|buscaba|solicitaste|solicito|has solicitado) )?no existe",
    r"(お探しの|指定された|ご指定の|アクセスしようとした|アクセスされた|リクエストされた)?ページ(は|が)(見つかりません|存在しません)(でした)?",
    r"(この|お探しの|指定された|ご指定の)?(ページ|記事|ニュース)(は|が) ?(移動(または|もしくは))?(存在しないか 削除された可能性があります|"
    r"削除された可能性があります|削除されました|存在しません|見つかりません)",
    r"(この)?(記事|ニュース|ページ)(は|の)?掲載期間(が|は)終了しました",
    r"(この)?(記事|ニュース|ページ|動画)(は|の)(公開|掲載|配信)(期間)?(を|は|が)終了(しました|いたしました)",  # taken down after a period
    r"(halaman|laman|berita|artikel|konten|tautan)( ini| tersebut)?( yang (anda |kamu )?(cari|minta|tuju))? ((sudah )?"
    r"tidak (lagi )?(dapat |bisa )?(ditemukan|ada|tersedia)( lagi)?|(sudah|telah) (dihapus|dipindahkan))",
    r"(chúng tôi )?không (thể )?tìm thấy (trang|bài viết|nội dung|đường dẫn|liên kết)( \S+){0,4}",
    r"(trang|bài viết|nội dung|đường dẫn|liên kết|tin)( \S+){0,4} (không tồn tại|không tìm thấy|(đã )?bị (xóa|gỡ bỏ|gỡ xuống|"
    r"gỡ))( hoặc (đã bị xóa|không tồn tại))?",
    r"strona( \S+){0,3} (nie istnieje|nie została znaleziona)",
    r"(de |deze )?pagina( \S+){0,4} (bestaat niet( meer)?|kon niet (worden )?gevonden( worden)?)",
    r"(요청하신 |해당 )?(페이지|기사|게시물|게시글|콘텐츠)(를|을|가|이) (찾을 수 없습니다|존재하지 않습니다)",
    r"(존재하지 않는|삭제된) (페이지|기사|게시물|게시글)입니다",
    r"(해당|이|요청하신) (페이지|기사|게시물|게시글)(는|은|가|이) (삭제되었습니다|존재하지 않습니다)",
    r"(הדף|העמוד|הכתבה|המאמר|התוכן)( \S+){0,2} (אינו קיים|אינה קיימת|לא קיים|לא קיימת|לא נמצא|לא נמצאה|"
    r"אינו זמין|אינה זמינה|הוסרה|הוסר|נמחקה|נמחק)( מהאתר| מן האתר| מהשרת)?( או ש?(אינו|לא) קיים)?",
    r"(לא הצלחנו|לא ניתן|איננו יכולים) (למצוא|לאתר) את (הדף|העמוד|הכתבה|המאמר|התוכן)( \S+){0,2}",
    r"сторінк[аиу]( \S+){0,4} (не (існує|знайдена)|видалено|видалена|переміщено)( або (видалено|переміщено))?",
    r"صفح[ہے]( \S+){0,7} موجود نہیں( ہے)?",
    r"(la )?pagina( \S+){0,3} (non è stata trovata|non esiste( più)?)",
    r"(a )?página( que (você )?(procura|está procurando|solicitou))? não (existe|foi encontrada)",
    r"there is (currently )?no text (in|on) this page",  # MediaWiki's missing article
    r"(\S+ )?does not have an? (article|page) with this (exact )?name",
    r"(η )?σελίδα( \S+){0,3} δεν (βρέθηκε|υπάρχει|είναι διαθέσιμη)",
    r"(το |η )?(άρθρο|σελίδα|περιεχόμενο|δημοσίευση|ανάρτηση|βίντεο|είδηση)( \S+){0,2} (έχει αφαιρεθεί|αφαιρέθηκε|"
    r"έχει διαγραφεί|διαγράφηκε|έχει καταργηθεί)",
    r"sidan( \S+){0,4} (kunde inte hittas|finns inte( längre)?|hittades inte)",
    r"(požadovaná |hledaná )?stránka (nenalezena|nebyla nalezena|neexistuje)",
    r"pagina( \S+){0,4} (nu a fost găsită|nu există|nu mai există)",
    r"(पृष्ठ|पेज|लेख|खबर|ख़बर|समाचार)( \S+){0,7} (नहीं मिला|मौजूद नहीं( है)?|उपलब्ध नहीं( है)?)",
    r"(यह )?(पृष्ठ|पेज|लेख|खबर|ख़बर|समाचार|वीडियो|पोस्ट)( \S+){0,3} (हटा दी गई|हटा दिया गया|हटाया गया|हटाई गई)( है)?"
    r"( या (इसका|इसकी|उसका) (पता|यूआरएल|लिंक) (बदल गया|बदल दिया गया|बदला गया)( है)?)?",
    r"(ukurasa|habari|makala)( \S+){0,2} (haukupatikana|haujapatikana|haupo|haupatikani|haipatikani|haikupatikana)"
    r"( tena)?",
    r"পৃষ্ঠা\S*( \S+){0,4} (নেই|পাওয়া যায়নি)",
    r"(a keresett |az )?oldal (nem található|nem létezik)( vagy törölték)?",
    r"(etsimääsi )?sivua ei( valitettavasti)? (löytynyt|löydy)",
    _DET + _FOUND_NOUN + _YOU + r" (is not|isnt) here",
    r"(whatever|what) (you are|youre|you were) looking for (does not|doesnt) (currently )?exist"
    r"( at this address)?",
    r"(you have |youve )?(found|reached|requested) (something|a page|a link|a url|an address) that (does not|"
    r"doesnt|no longer) exists?( anymore)?",
    r"(it )?(looks|seems) like (you have|youve) (followed|clicked) an? (broken|bad|dead|outdated|old|invalid) "
    r"link( or (entered|typed|mistyped) an? (url|address|web address) that (does not|doesnt) exist( on this "
    r"(site|website))?)?",
    r"siden( \S+){0,4} (findes|finnes) ikke",
    r"(požadovaná |hľadaná )?stránka (sa nenašla|neexistuje)",
    r"страницата( \S+){0,3} не (съществува|е намерена)",
    r"(страница|stranica)( \S+){0,3} (не постоји|ne postoji|није пронађена|nije pronađena)",
    r"stran( \S+){0,4} ne obstaja",
    r"(otsitud )?lehte ei (ole olemas|leitud)",
    r"(meklētā )?lapa (neeksistē|nav atrasta)",
    r"(ieškomas )?puslapis (neegzistuoja|nerastas)",
    r"halaman( yang anda cari)? tidak (wujud|dijumpai)",
    r"(ang )?pahina( \S+){0,3} (ay )?hindi (umiiral|mahanap)",
    r"பக்கம் (இல்லை|கிடைக்கவில்லை)",
    r"(la )?pagina( que (cerqueu|cerques|busqueu))? no existeix",
    r"síð(a|an)( \S+){0,5} (fannst ekki|er ekki til)",
    r"(您要找的|你要找的|您所要求的|您访问的|您訪問的)?(页面|頁面|网页|網頁|文章|内容|內容)(不存在|已被删除|已被刪除|"
    r"已删除|已刪除|未找到)",
    r"(该|該|此)(内容|內容|文章|贴|帖|帖子|贴子|视频|視頻|新闻|新聞|页面|頁面)已被(发布者|發布者|作者)?(删除|刪除)",
    r"(您访问的|您要访问的|你访问的|您訪問的)?(页面|頁面|网页|網頁)(走丢|走丟|不见|不見|丢失|丟失)了",
    r"找不到(该|該|此)?(页面|頁面|网页|網頁)",
    # 'No longer available' in other languages ('nicht mehr verfügbar' alone is a sold-out product)
    r"(dieser |der |dieses |das |diese |die )?(artikel|beitrag|inhalt|video|seite)( \S+){0,2} ist (leider )?"
    r"nicht mehr (verfügbar|online|abrufbar)",
    r"(cet |cette |ce |la |le |l )?(article|page|contenu|video|vidéo)( \S+){0,2} n ?est plus (disponible|"
    r"accessible|en ligne)",
    r"(este |esta |el |la )?(contenido|artículo|página|video|vídeo|noticia)( \S+){0,2} ya no (está|se "
    r"encuentra) disponible",
    r"(este |esta |el |la )?(contenido|artículo|página|noticia|nota|video|vídeo|publicación)( \S+){0,2} (ha sido|fue) "
    r"(retirad[oa]|eliminad[oa]|borrad[oa]|despublicad[oa])( (de|del) (este |esta |nuestro |nuestra |el |la )?"
    r"(sitio|web|portal|página|archivo))?( y ya no (está|se encuentra) disponible)?",
    r"(этот |эта |это |данный |данная |данное )?(материал|статья|новость|публикация|страница|запись|пост|видео)"
    r"( \S+){0,2} (был |была |было )?(удален|удалена|удалено|удалён|снят с публикации|снята с публикации)"
    r"( по (решению|требованию|просьбе)( \S+){1,3})?",
    r"(لقد )?تم حذف (هذا|هذه) (الخبر|المقال|المقالة|الصفحة|المحتوى|المنشور|الفيديو)( من (الموقع|موقعنا))?|"
    r"(هذا|هذه) (الخبر|المقال|المقالة|المحتوى|المنشور|الفيديو) (تم حذفه|تم حذفها|محذوف|محذوفة)",
    r"(dieser |der |dieses |das |diese |die )?(artikel|beitrag|inhalt|bericht|text|video|seite)( \S+){0,2} (wurde|ist) "
    r"(\S+ ){0,4}(entfernt|gelöscht|depubliziert|zurückgezogen)( worden)?",
    r"(cet |cette |ce |la |le |l )?(article|page|contenu|video|vidéo|publication)( \S+){0,2} a été (retiré|supprimé|"
    r"dépublié)e?( de (notre|ce) site( internet| web)?)?( (pour|en raison) (de |des |d )?(\S+ ){0,2}(raisons|motifs)"
    r"( \S+){0,2})?( à la demande (de|d)( \S+){1,5})?",
    r"(questo |questa |l )?(articolo|pagina|contenuto|video|notizia)( \S+){0,2} (è stato|è stata|è) (rimoss[oa]|"
    r"eliminat[oa]|cancellat[oa])( dal (nostro )?sito)?( per (\S+ ){0,2}(motivi|ragioni)( \S+){0,2})?",
    r"(axtardığınız )?səhifə (tapılmadı|mövcud deyil)",
    r"გვერდი (ვერ მოიძებნა|არ არსებობს)",
    r"էջը( \S+){0,4} (չի գտնվել|գոյություն չունի)",
    r"(сіз )?іздеген бет (табылмады|жоқ)|бет табылмады",
    r"faqja( \S+){0,3} (nuk u gjet|nuk ekziston)",  # Albanian
    r"страницата( \S+){0,3} не (е пронајдена|постои)",  # Macedonian
    r"старонк[аі]( \S+){0,4} не (знойдзена|існуе)",  # Belarusian
    r"(siz qidirayotgan )?sahifa (topilmadi|mavjud emas)",  # Uzbek
    r"(таны хайсан )?хуудас олдсонгүй",  # Mongolian
    r"(nid oedd modd |methu |heb )?dod o hyd ir dudalen|tudalen heb ei chanfod",  # Welsh
    r"(bilatzen ari zaren )?orria ez da (existitzen|aurkitu)|ez da orria aurkitu",  # Basque
    r"non se (atopou|atopa|puido atopar) a páxina( que (buscas|procuras))?|(a )?páxina( \S+){0,3} non existe",
    r"(die )?bladsy( \S+){0,4} (bestaan nie|is nie gevind nie|kon nie gevind word nie)|bladsy nie gevind nie",
    r"(आपण शोधत असलेले |तुम्ही शोधत असलेले )?(पृष्ठ|पेज)( \S+){0,7} सापडले नाही",  # Marathi
    r"(మీరు వెతుకుతున్న )?పేజీ (కనుగొనబడలేదు|లేదు)",  # Telugu
    r"រកមិនឃើញ(ទំព័រ|អត្ថបទ)\S*",  # Khmer, written without spaces
    # Thai, written without spaces: 'ข่าวนี้ถูกลบแล้ว', 'ลิงก์ที่คุณเข้ามาอาจไม่ถูกต้อง หรือหน้านี้อาจถูกลบไปแล้ว'
    r"(ข่าว|หน้า|หน้าเว็บ|บทความ|เนื้อหา|โพสต์|คลิป|วิดีโอ)(นี้|ที่คุณ(ต้องการ|ค้นหา|เรียก))?(อาจ)?(ได้)?ถูก(ลบ|นำออก|ย้าย)(ไป)?(แล้ว)?",
    r"(ลิงก์|ลิงค์)(ที่คุณ(เข้ามา|คลิก|ใช้))?(อาจ)?ไม่ถูกต้อง( หรือ(ข่าว|หน้า|หน้าเว็บ|บทความ|เนื้อหา)(นี้)?(อาจ)?(ได้)?ถูก(ลบ|นำออก|ย้าย)"
    r"(ไป)?(แล้ว)?)?",
    # Headings, behind the pre-scan (a title segment is tried against NOT_FOUND unscreened).
    r"siden (blev ikke fundet|ble ikke funnet)|(beklager )?vi fant ikke siden",
    r"strani ni mogoče najti|lehekülge ei leitud|hindi (mahanap|makita) ang pahina|"
    r"no sha trobat la pagina|síða fannst ekki",
], needs=[r"exist|found|locat|find|remov|delet|disabl|terminat|banned|taken down|unpublish|archived|"
          r"availab|here|expired|encontrar|no text|not have a|"
          r"introuvable|seite|страниц|sayfa|الصفحة|صفح|pagina|ページ|halaman|trang|strona|"
          r"페이지|הדף|העמוד|сторінк|σελίδα|sidan|stránka|पृष्ठ|पेज|ukurasa|পৃষ্ঠা|oldal|sivua|"
          r"siden|stranica|stran|lehte|lehek|lapa|puslapis|pahina|பக்கம்|síð|goes by|no such|that name|"
          r"that username|içerik|haber|kaldırıl|記事|ニュース|掲載期間|기사|게시물|게시글|bài viết|nội dung|"
          r"页面|頁面|网页|網頁|文章|内容|內容|找不到|nicht mehr|est plus|disponib|səhifə|გვერდი|էջը|табылма|іздеген|"
          r"displayed|longer active|followed|clicked|retirad|eliminad|borrad|despublicad|удал|снят|حذف|محذوف|faqja|страницата|старонк|sahifa|хуудас|dudalen|tudalen|orria|páxina|bladsy|"
          r"सापडले|పేజీ|រកមិនឃើញ|برگه|خبر|مطلب|نوشته|یافت نشد|پیدا نشد|العثور|الرابط|הכתבה|המאמר|התוכן|למצוא|לאתר|"
          r"已被|走丢|走丟|不见|不見|丢失|丟失|公開|配信|動画|콘텐츠|ulaşılam|erişilem|yazı|makale|berita|artikel|konten|"
          r"laman|tautan|tồn tại|tìm thấy|bị xóa|depubliziert|लेख|खबर|ख़बर|समाचार|हटा|habari|makala|entfernt|gelöscht|zurückgezogen|retiré|"
          r"supprimé|dépublié|rimoss|eliminat|cancellat|bị gỡ|αφαιρ|διαγρ|καταργ|ถูกลบ|ถูกนำออก|ถูกย้าย|ไม่ถูกต้อง"])
# A page kept from the reader until they log in: 'Please log in to view this page'.
LOGIN_REQUIRED = clauses_of([
    r"(you (must|need to|have to) |please |(the|this) \w+ requires you to )(be )?(registered and )?"
    r"(logged in|log in) to (view|see|read|access) (this|the) \w+",
    # At the end of the sentence only: 'Sign in to see trade prices' is a link on a page.
    r"(you (must|need to|have to) |please )?(be )?(log in|logged in|sign in|signed in) to "
    r"(continue|(view|see|read|access)( (this|the) \w+)?)$",
    r"you (need|do not have|dont have) (access|permission)( to (view|see|access|open|read) (this|the) \w+)?",
    # 'This video is private', 'r/example is a private community': the page exists, for a few.
    r"(this |the )?\S+ is (currently )?(private|a private (account|community|group|profile|channel|page|"
    r"repository))",
    # Blogs and sites for the readers their author invites.
    r"(this |the )?\S+ is (open|available|visible) (only )?to invited (readers|members|users|guests)( only)?",
    r"(it (does not|doesnt) look like you have|you (have not|havent)) been invited to (read|view|see|join|access) "
    r"(this|the) \w+",
    r"(because of|due to) (its|the|their) privacy settings,? (this|the) \S+ (cannot|can not|cant) be (played|"
    r"viewed|shown|displayed)( here)?",
    # Posts kept for approved followers, or for readers who sign in.
    r"(these |this accounts |their |\S+s )?(posts|tweets) are protected",
    r"only (approved|confirmed) followers can see (\S+ ){0,2}(posts|tweets)",
    r"(this|the) (user|author|account|owner) has (requested|asked|chosen) that (their|this|the|his|her) (content|"
    r"posts?|profile|account) (only )?be (shown|visible|available) (only )?to (signed in|logged in) users",
], needs=["log|sign|access|permission|private|privacy|protected|followers|invited"])
# A paywall with nothing of the page before or after it (a page with a lead is the page).
PAYWALL = clauses_of([
    r"(this )?(article|story|content|post|page) is (only )?(for|available (to|for)) (paid |paying )?"
    r"(subscribers|members)( only)?",
    r"subscribe (now )?to (read|continue reading|keep reading|unlock)( (this|the full) (article|story))?",
    r"(this )?(article|story|content|post|page) is (only )?(for|available (to|for)) registered (readers|users|members)"
    r"( only)?",
    r"(register|sign up)( now)?( for free| free)? to (continue reading|keep reading|read (this|the full) (article|story))",
    r"you have (reached|used up|used) (your|all your|all of your) (limit of )?(\w+ )?(free articles|"
    r"free stories)( for)?( this| the)?( month| week)?",
    r"to (continue reading|keep reading)( this (article|story))?,? (please )?(log in|sign in|register|subscribe)( or "
    r"(create|register for|sign up for) an? (free )?account)?( for free)?",
    r"(dieser |der |dieses |das )?(artikel|beitrag|inhalt) ist (nur|exklusiv) (für|fuer) (abonnenten|"
    r"abonnentinnen)( und abonnentinnen)?( verfügbar| sichtbar| lesbar)?",
    r"(cet |cette |ce )?(article|contenu|page) est (exclusivement )?réservée? aux (abonnés|abonnées)",
    r"(este |esta )?(artículo|contenido|noticia) es (solo |sólo |exclusivo )?para (suscriptores|suscriptoras)",
    r"(questo )?(articolo|contenuto) è riservato agli abbonati",
    # Members' content: 'Join this channel to get access to members-only content like this video'
    r"join (this|the|our) (channel|community|club|server|group) to get access to (members only|exclusive) "
    r"(content|videos?|posts?)( like this (video|post))?( and other exclusive perks)?",
    r"unlock this (post|article|story|video|episode) by becoming an? (paid |paying )?(member|patron|subscriber)",
], needs=["subscri|members|free articles|free stories|continue reading|keep reading|abonn|suscript|abbonat|"
          "unlock|get access to|register|sign up"])
# An age check with nothing of the page beside it: the page exists, for adults who say so.
AGE_GATE = clauses_of([
    r"you (must|need to|have to) be (at least )?\d\d( years old| years of age)?( or older| or over)? to "
    r"(enter|view|access|visit) (this|the|our) (site|website|page|content)",
], needs=["enter|view|access|visit"])
# Cookie-consent dialogs: a line that only accepts them.
CONSENT_BUTTON = re.compile(r"accept all( cookies)?|accept (and|&) (continue|close)|agree and continue|"
                             r"akzeptieren und weiter|zustimmen und weiter|accepter et continuer|"
                             r"alle akzeptieren|tout accepter|aceptar todo|accetta tutto|alles accepteren|"
                             r"aceitar todos|godkann alla|zaakceptuj wszystkie|accepter alle|godta alle|"
                             r"hyvaksy kaikki|tumunu kabul et|prijmout vse|acceptera alla")
# A button that only says 'Accept': a consent dialog's when the page speaks of cookies or
# privacy beside it (an invitation's 'Accept' and 'Decline' are no dialog).
CONSENT_PLAIN_BUTTON = re.compile(r"accept|accepter|akzeptieren|aceptar|accetta|accepteren|aceitar|zustimmen")
CONSENT_TOPIC = re.compile(r"cookie|privacy|partners|personal data|consent|datenschutz|zustimmung|"
                            r"donnees|confidentialite|privacidad|gegevens|integritet|"
                            r"werbetracking|werbefrei|ohne werbung|ad free|without ads|sans publicite")
# The other choices such a dialog offers, often set on one line beside its 'Accept all'.
CONSENT_CHOICE = re.compile(
    r"\b(?:(?:reject|decline|refuse|deny)(?: all| non essential| optional| unnecessary)?(?: cookies)?|"
    r"(?:manage|customi[sz]e|adjust|change)(?: my| your)? (?:preferences|options|settings|choices|cookies)|"
    r"(?:cookie|privacy) (?:settings|preferences)|more options|settings|preferences|options|"
    r"(?:only|use only) (?:necessary|essential)(?: cookies)?|(?:necessary|essential) (?:cookies )?only|"
    r"(?:alle )?ablehnen|einstellungen|(?:tout )?refuser|parametrer|personnaliser|"
    r"rechazar(?: todo)?|configurar|rifiuta(?: tutto)?|impostazioni|(?:alles )?weigeren|instellingen|"
    r"rejeitar(?: todos)?|definicoes|odrzuc(?: wszystkie)?|ustawienia)\b")
# Bot challenges told by their words rather than their title or headers.
CHALLENGE_TEXT = clauses_of([
    r"verify(ing)? (that )?you are (a )?human( by completing the action below)?",
    r"(making sure|make sure|checking|verifying) (that )?(you are|youre) not a (ro)?bot",
    r"(please wait( a moment)? while we|we need to) (ensure|verify|check|review) the security of your connection",
    r"please enable j(s|avascript)( and cookies)? and disable any ad ?blockers?",
    r"enable j(s|avascript) and cookies to continue",
    r"(please )?complete the security check to (access|continue)( \S+)?",
    r"(we have|weve|our systems have) detected unusual (activity|traffic) from your (computer )?(network|"
    r"device|ip address|browser)",
    r"(to continue )?(please )?click the box below to let us know (you are|youre) not a (ro)?bot",
    r"checking (if the site connection is secure|your browser( before accessing( \S+)?)?)",
    r"press (and )?hold( to confirm you are (a )?human( and not a bot)?)?",
    r"access to this page has been denied( because we believe you are using automation tools to "
    r"browse the website)?",
    # Firewalls refusing the request in words (Sucuri, F5, Wordfence) and captchas they set.
    r"please enable javascript before you are allowed to (see|view|access) this (page|site|website)",
    r"the requested url was rejected( please consult with your administrator)?",
    r"your access to this (site|website|page) has been (limited|blocked|restricted)( by the (site|website) "
    r"(owner|administrator))?",
    r"(in order to continue )?(you need to )?verify that (you are|youre) not a robot( by solving a captcha"
    r"( puzzle)?)?",
], needs=["human|checking|press|denied|not a bot|not a robot|security of your connection|enable j|rejected|"
          "your access|"
          "security check|detected unusual"])
# A shortener or platform holding back the link's target as unsafe: the target is withheld.
LINK_WARNING = clauses_of([
    r"(warning )?there (might|may) be a problem with (the|this) (requested )?link",
    r"(the|this) link you (requested|followed|clicked)( \S+)? has been (identified|flagged)( by (\S+ ){0,3}\S+)? as "
    r"(being )?(potentially )?(problematic|unsafe|malicious|harmful|spam|suspicious)",
], needs=["problem|identified|flagged"])
# A site answering with a maintenance or server-error page: the page is there, the site is down.
TROUBLE = clauses_of([
    r"(were|we are|we will be|well be) back soon",
    r"(we are|were|the site is|this site is|the website is|this website is) (currently )?"
    r"(down for|undergoing|performing( some)?|under) (scheduled |planned )?maintenance( at the moment)?",
    r"briefly unavailable for scheduled maintenance",
    r"error establishing a database connection",
    r"the server encountered an internal error( and was unable to complete your request)?",
    r"the (website|site|server|application) encountered an unexpected (error|condition)( that prevented it from "
    r"fulfilling the request)?",
    r"wir führen (gerade |derzeit |momentan )?wartungsarbeiten durch",
    r"(die |diese )?(seite|website|webseite) (befindet sich|ist) (gerade |derzeit |momentan )?(in|im) "
    r"wartung(smodus)?",
    r"(le |ce )?site est (actuellement )?en (cours de )?maintenance",
    r"(el |este )?sitio (web )?(está|se encuentra) en mantenimiento",
    r"(il )?sito è in manutenzione",
    r"(ただいま|現在)?(システム)?メンテナンス中(です)?",
    r"(网站|系统|服务器|網站|系統|伺服器)?(正在)?(进行)?(维护|維護|升级维护|升級維護)中( ?(请|請)(稍后|稍後)(再)?(访问|訪問|"
    r"重试|重試|再试|再試))?|(网站|系统|網站|系統)正在(维护|維護|升级|升級)",
    r"(на сайте )?(ведутся|проводятся|идут) (плановые |профилактические )?(технические|профилактические) работы",
    r"(سایت|وب ?سایت|وبسایت)( \S+)? در حال (بروزرسانی|به ?روز ?رسانی|تعمیر|تعمیرات|نگهداری|ارتقا) (است|می ?باشد)",
], needs=["back soon|maintenance|database|internal error|wartung|mantenimiento|manutenzione|メンテナンス|维护|維護|"
          "升级|升級|работы|در حال|unexpected"])
# Not 'Maintenance' alone (a guide to looking after a boiler) nor 'Database error' (a reference page).
TROUBLE_TITLE = re.compile(r"(error )?(http )?(500|502|503|504)( error)?( (internal server error|bad gateway|"
                            r"service unavailable|gateway time ?out))?|internal server error|bad gateway|"
                            r"service unavailable|(site|scheduled) maintenance|maintenance mode|"
                            r"(site )?(under|down for) maintenance")
# A web server's page for a site with no content: the cited page is not there.
DEFAULT_PAGE = re.compile(r"welcome to (nginx|openresty|centos|iis)|apache2? \w+ default page( it works)?|"
                           r"domain default page|"
                           r"test page for the (apache|nginx)( http)? server( on \w+( \w+)?)?|"
                           r"iis windows server|default web site page")
# A page kept from the reader by law or by where the reader is: blocked, not missing.
# What a platform withholds ('This post has been withheld in your country'); not 'Payments were
# withheld in the region'.
_WALLED = r"(post|tweet|toot|status|account|profile|content|video|media|photo|page|article|story|site|website|" \
    r"channel|programme|program|film|material|item)"
LEGAL_BLOCK = clauses_of([
    r"(this |the )?\S+( \S+)? (is )?(currently )?(not available|unavailable) (in|from) (your|most|some|certain|"
    r"many) (\S+ )?(country|countries|region|regions|location|area|territory|territories)",
    r"(the )?(uploader|owner|publisher|creator|rights holder|copyright owner)( \S+)? has not made (this|the) "
    r"\S+ available in your (country|region|location)",
    r"(this |the )?\S+( \S+)? (only works|is only available|is available only|can only be (watched|streamed|"
    r"viewed|played)) (in|within) (the )?(uk|us|usa|eu|united kingdom|united states|european union)",
    r"(este |esta )?\S+( \S+)? no (está|esta) disponible en (tu|su) (país|región|ubicación|zona)",
    r"(ce |cette )?\S+( \S+)? n ?est pas disponible dans votre (pays|région|zone)",
    r"(este |esta )?\S+( \S+)? não (está|esta) disponível (no seu|em seu|no teu) (país|região)",
    r"(dieses |dieser |diese |das |der |die )?\S+ ist (leider )?in (deutschland|österreich|der schweiz|"
    r"deinem land|ihrem land|deiner region|ihrer region) (leider )?nicht (verfügbar|abrufbar)",
    r"(error )?(http )?(451 )?unavailable (due to|for) legal reasons",
    r"(this |the )?" + _WALLED + r"( \S+)? (has been |is |was )?withheld in (your|the|this) (country|region|location|territory|"
    r"jurisdiction)( in response to (a |an )?(legal demand|court order|legal request|government request|legal complaint))?",
    r"(this |the )?" + _WALLED + r"( \S+)? (is )?(not available|unavailable)( \S+){0,4} (due to|because of|following) (a |an )?"
    r"(legal complaint|court order|legal (demand|request)|government (order|request))( from (\S+ ){0,2}\S+)?",
    # National block pages set by a country's internet providers (Korea, Indonesia, Thailand).
    r"(\S+ ){0,5}\S*(정보|사이트|페이지|콘텐츠)\S* (\S+ ){0,3}(접속|접근)(이|을) (차단|제한)(되었습니다|됩니다)",
    r"(situs|laman|halaman|konten|website|akses)( web)?( ini| tersebut)? (telah |sedang )?diblokir( (karena|oleh|sesuai)"
    r"( \S+){1,5})?",
    r"(เว็บไซต์|เว็บ|หน้า|เนื้อหา|ข่าว)(นี้)?(ได้)?ถูก(ระงับ|ปิดกั้น|บล็อก)(การเข้าถึง|การเผยแพร่|ชั่วคราว)?(ตามคำสั่ง\S*)?",
    r"(this )?\S+ (cant|cannot|can not) be displayed because it (violated|violates) local laws",
    # National blocks by law or court order, set by a country's internet providers.
    r"доступ (к (информационному )?(ресурсу|сайту) )?(\S+ )?ограничен( на основании( \S+)*)?",
    r"erişim engellendi|(bu )?(internet )?site(si)?( \S+){0,8} erişim engellenmiştir",
    r"(этот |данный )?(контент|материал|видео|сервис|ресурс|сайт|фильм)( \S+)? (недоступен|не доступен|"
    r"недоступно|недоступна) (в|для) (вашем|вашей|твоем|твоём|вашего) (регионе|стране|региона|страны)",
    r"(هذا |هذه )?(المحتوى|الفيديو|الخدمة|الصفحة|المقطع|البرنامج)( \S+)? غير (متاح|متاحة|متوفر|متوفرة) (في|فى) "
    r"(بلدك|منطقتك|دولتك)",
    r"((根据|根據)(相关|相關)?(法律法规|法律法規)(和政策|及政策)? ?)?(该|該|此)(内容|內容|页面|頁面|话题|話題|问题|問題|"
    r"帖子|视频|視頻)?(无法|無法|不予|暂时无法|暫時無法)(显示|顯示)",
    r"(questo |questa )?\S+( \S+)? non (è|e) disponibile (nel tuo|nel suo|in questo|nel vostro) (paese|area|territorio|"
    r"regione)",
    r"(この)?(動画|コンテンツ|番組|ページ|サービス|記事)?(は)?(お住まいの|ご利用の|あなたの|現在の)(地域|国)(で|から)(は)?"
    r"(ご覧|ご利用|視聴|再生|利用)(いただけません|できません|になれません)",
    r"(이 |해당 )?(콘텐츠|동영상|영상|서비스|페이지)(는|은) (현재 )?(\S+ ){0,2}(국가|지역)에서(는)? (이용|시청|재생)(하실|할) 수 "
    r"없습니다|(해당|현재) (\S+ )?(국가|지역)에서(는)? (이용|시청|재생)(하실|할) 수 없는 (콘텐츠|동영상|영상|서비스)입니다",
    r"(bu )?(içerik|video|yayın|sayfa|hizmet)( \S+)? (ülkenizde|bölgenizde|bulunduğunuz (ülkede|bölgede)) "
    r"(kullanılamıyor|mevcut değil|izlenemiyor|erişime kapalıdır|sunulmamaktadır)",
    r"(این )?(محتوا|ویدیو|ویدئو|سرویس|صفحه|برنامه|فیلم)( \S+)? در (کشور|منطقه) شما (در دسترس نیست|قابل (دسترسی|پخش|"
    r"مشاهده) نیست|ارائه نمی ?شود)",
], needs=["available|only works|only available|only be|disponib|disponív|verfügbar|abrufbar|local laws|"
          "ограничен|engellen|недоступ|не доступ|متاح|متوفر|显示|顯示|地域|国で|国から|국가|지역|ülkenizde|bölgenizde|"
          "bulunduğunuz|کشور|منطقه|withheld|차단|제한|diblokir|ระงับ|ปิดกั้น|บล็อก"])
# A page kept from all but some readers: a sealed court record, a page only for a network's users.
RESTRICTED = clauses_of([
    r"(this |the )?(case|record|document|file|docket|filing|page)( \S+){0,2} (is|has been) (sealed|under seal)",
    r"access (to (this|the) (page|record|document|case|file|content|site|resource|material|section|docket) )?is "
    r"(restricted|limited) to (the )?(\S+ ){0,3}(parties|staff|employees|members|authori[sz]ed (users|persons|staff)|"
    r"registered users|network|intranet|campus)( \S+){0,4}",
    r"(this |the )?(page|site|website|content|resource|document|service|section)( \S+)? is (only )?(available|accessible|"
    r"visible) (only )?(from|on|within|inside|to users of) (the |our |this |your )?(\S+ ){0,2}(network|intranet|campus|"
    r"vpn)( \S+){0,3}",
], needs=["seal|restricted to|limited to|network|intranet|campus|vpn"])
PARKED = clauses_of([
    r"(this |the )?domain( name)?( [\w-]+( [\w-]+)?)? (is|may be|might be|could be) (listed |now |still )?(for sale|available for "
    r"(purchase|sale|lease))( by (its|the) owner)?",
    r"buy this domain( name)?",
    r"this domain (is|has been|was) (recently )?(parked|registered)( [\w ]+)?",
    r"([\w-]+ ){1,3}is parked( free)? courtesy of( \S+){1,4}",
    r"this (web ?page|page|site) was generated by the domain owner using (\S+ ){0,2}domain parking",
    r"(looks like )?this domain (isnt|is not) connected to an? (website|site)( yet)?",
    # a host's placeholder where a site was: 'If you're the site owner, log in to launch this site'
    r"(if you are|if youre) the (site|website|domain) owner,? (please )?(log in|sign in|login) to (launch|"
    r"publish|activate|set up) (this|your) (site|website)",
    r"(this |the )?domain( name)?( [\w-]+)? (has )?expired( on ([a-z]+ \d+ \d+|\d+ [a-z]+ \d+|\d+( \d+){0,2}))?"
    r"( and (is |has been )?(now )?(pending|awaiting|scheduled for) (renewal|deletion|removal)( or (renewal|"
    r"deletion|removal))?)?",
    r"(this |the )?domain( name)?( [\w-]+)? is (now )?pending (renewal|deletion)( or (renewal|deletion))?",
    # held by its registrar ('clientHold'), for an unverified owner or a complaint
    r"(this |the )?domain( name)?( [\w-]+)? (is|has been) suspended( pending (the )?verification( of( \S+){1,7})?)?",
    r"(diese |die )?domain( [\w-]+){0,3} ist (abgelaufen|ausgelaufen)( und wurde nicht verlangert)?",
    r"(ce |le )?(nom de )?domaine( [\w-]+){0,3} (a )?expire",
    r"(este |el )?dominio( [\w-]+){0,3} (ha )?(expirado|caducado)",
    r"(diese |die )?domain( [\w-]+){0,3} (steht|ist) (jetzt )?(zum verkauf|zu verkaufen|verkäuflich)",
    r"(este |el )?dominio( [\w-]+){0,3} (está|se encuentra) (en venta|a la venta)",
    r"(ce |le )?(nom de )?domaine( [\w-]+){0,3} est (à vendre|en vente)",
    r"(该|該|此|本)域名(正在|可以|现|現)?(出售|转让|轉讓|出让|出讓)(中)?",
    r"(この)?ドメイン(名)?(は)?(売り出し中|販売中|売却中)(です)?",
    r"(שם )?(ה)?דומיין( הזה| זה)? (מוצע |עומד )?למכירה",
    r"(το )?(domain|όνομα τομέα|όνομα χώρου)( [\w-]+){0,2} (πωλείται|είναι προς πώληση|διατίθεται προς πώληση)",
    # a broker's title for the name alone: 'OrrinHerald.com is for sale' (a headline goes on)
    r"[\w-]+ (com|net|org|info|biz|co|io|me|tv|de|uk|fr|es|it|nl|cn|jp|ru|ir|in|us|ca|au|eu|ch|at|se|pl)( [a-z]{2})? "
    r"is (now |currently )?(for sale|available for (purchase|sale))( now)?$",
], needs=["domain|owner|parked|dominio|域名|for sale|for purchase|ドメイン|דומיין|τομέα|χώρου"])
