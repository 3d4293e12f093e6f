"""The small vocabularies names.py reads names with: titles and roles, demonyms, words that
cannot start a person's name, words that make a name an organisation's, and the role nouns
that say whether a person is 'he' or 'she'."""

from __future__ import annotations

from .wordlists import words

TITLE_WORDS = words("""
supreme leader president vice prime minister foreign defense defence interior finance deputy
chief head chairman chairwoman chair speaker secretary general gen spokesman spokeswoman
spokesperson ambassador envoy ayatollah grand sheikh shaykh imam hojatoleslam cleric commander
colonel col lieutenant lt major maj captain capt admiral brigadier sergeant senator sen
representative rep congressman congresswoman governor gov mayor king queen prince princess emir
sultan crown sir dame dr mr mrs ms miss prof brig professor judge hhj justice attorney director executive ceo
founder chancellor pope rabbi bishop reverend rev mp lawmaker official officer advisor adviser
aide ruler member analyst expert correspondent reporter editor journalist writer author scholar
researcher economist negotiator mediator delegate coordinator commissioner premier monarch
mufti secretary-general former late acting councillor councilor alderman ombudsman magistrate
inspector superintendent constable detective sheriff dean rector provost rapporteur special
undersecretary under-secretary cabinet historian sociologist hydrologist scientist lawyer
pharmacist engineer teacher doctor nurse activist campaigner critic commentator columnist
photographer filmmaker novelist poet artist architect physician surgeon paramedic firefighter
midwife student volunteer survivor veteran athlete actor actress designer entrepreneur investor
banker consultant strategist pollster blogger broadcaster presenter producer curator librarian
lecturer academic prosecutor lobbyist organiser organizer protester protestor diplomat pastor
psychologist epidemiologist virologist biologist ecologist climatologist geologist meteorologist
physicist chemist mathematician philosopher linguist anthropologist archaeologist demographer
statistician reader listener viewer subscriber resident homeowner shopper commuter tenant voter
passenger neighbour neighbor
мэр депутат министр губернатор вице-губернатор президент председатель глава директор эксперт
пресс-секретарь премьер-министр спикер сенатор губернатора пенсионерка пенсионер студент
студентка
ministra ministro ministre portavoz presidente presidenta alcalde alcaldesa secretario secretaria
maire député députée porte-parole délégué déléguée économiste sprecher sprecherin mieterin mieter
woordvoerder woordvoerster wethouder burgemeester voorzitter directeur hoogleraar onderzoeker
deskundige kamerlid staatssecretaris
""")
# Abbreviated titles and the words a description uses for them ('Gen. X' … 'the general said').
TITLE_ABBREVIATIONS = {"gen": "general", "brig": "brigadier", "col": "colonel", "lt": "lieutenant",
                       "maj": "major", "capt": "captain", "sen": "senator",
                       "rep": "representative", "gov": "governor", "prof": "professor",
                       "rev": "reverend",
                       # English courts: 'HHJ Morrow' (His or Her Honour Judge)
                       "hhj": "judge"}
# Titles that are also parts of people's names ('Hassan Sheikh Mohamud', 'John Major',
# 'Martin Luther King'): after a given name they are read as the name, not as a title.
NAME_TITLES = words("""
sheikh shaykh sultan emir imam king prince major dean bishop judge pope sheriff rector reader
""")
DEMONYMS = words("""
iranian israeli american us u.s palestinian lebanese syrian egyptian iraqi saudi qatari turkish
russian chinese british french german european arab arabic western eastern muslim sunni shia
shiite jewish christian persian kurdish yemeni afghan pakistani jordanian emirati bahraini
kuwaiti omani libyan tunisian moroccan algerian sudanese indian japanese korean ukrainian
hebrew zionist islamist islamic israeli-palestinian un eu uk nato kenyan nigerian chilean
spanish malian
""")
# Month and weekday names: no given names, and time words ('last May', 'this Monday').
MONTH_WORDS = words("""january february march april may june july august september october
november december jan feb mar apr jun jul aug sep sept oct nov dec""")  # as dates write them
CALENDAR_WORDS = words("""
january february march april may june july august september october november december monday
tuesday wednesday thursday friday saturday sunday
""")
NOT_GIVEN_NAMES = DEMONYMS | CALENDAR_WORDS | words("""
republic revolution hamas hezbollah hizbullah fatah iran israel gaza palestine lebanon syria
egypt tehran washington united states nations council ministry agency news party movement front
force forces guard guards corps university institute center centre government office assembly
parliament majlis security union strip bank organization committee court army brigades jihad
authority times post international press tv radio network foundation association department
police navy air world north south east west middle new old great national federal state city
god allah
""")
SENTENCE_STARTERS = words("""
the a an in on at during after before since despite following however meanwhile while when
although though but and or if as for from with without by to of this that these those his her
their its our my your it he she they we i you there here also then thus yet so asked according
last next two three one many some all other another such both each every most more only even still just
not no yes why what who whom which where how today yesterday tomorrow earlier later recently
now once again statement statements appendix source sources photo note notes overview filed
skip right left above below see read click nothing none nobody everything something anything
pour sur selon dans avec après chez según para por tras für laut nach mit bei wie
""")
DEPARTMENTS = words("""
state defense defence foreign affairs interior justice treasury energy health education
commerce agriculture homeland security finance economy intelligence culture information labor
labour transport transportation trade industry environment housing water planning tourism
youth sports women works infrastructure development welfare social climate urbanisation
urbanization
""")
PARTICLES = words("""
de van von der den da di du del la le bin ibn ben bint dos das
""")
# Other languages' articles opening a sentence on their own ('Le maire de Lyon, X, a déclaré',
# 'El alcalde'): no name. Only alone: 'Les Paul', 'La Guardia', 'Das' in 'Tarun Das' stay names.
ARTICLES = words("le la les el los las il lo gli der die das un une uno una ein eine o os "
                 "een het")
# A name with one of these words is an organisation's (or an outlet's), not a person's.
ORG_WORDS = words("""
ministry council panel bureau department office organisation organization programme program
institute institution university college school academy chamber commission committee league
union federation confederation consortium cooperative association society court bank fund agency board authority service services
centre center coalition alliance movement front party assembly parliament secretariat
syndicate foundation trust network group company corporation corp inc ltd llc plc holdings
forces army police navy tribunal observatory monitor watch international government
administration senate congress hospital crescent nations energy oil gas motors airlines
airways mining minerals resources industries enterprises technologies technology systems labs
media news press times post journal daily herald tribune gazette guardian telegraph chronicle
observer magazine radio television tv channel broadcasting wire nation
""")
# Portuguese, Italian, Spanish and Russian name a body by its first word ('Ministério da
# Integração', 'Provincia di Vicenza', 'Agencia Tributaria', 'Институт транспортной политики').
ORG_HEADS = words("""
ministério ministero ministerio agência agenzia agencia instituto istituto federação federazione
federación secretaria secretaría prefeitura provincia província comune regione região governo
gobierno operação operazione operación companhia compagnia compañía associação associazione
asociación universidade università universidad confederação confederazione câmara camera
cámara fundação fondazione fundación consiglio conselho consejo procura polizia polícia policía
министерство правительство администрация департамент институт агентство комитет управление
мэрия дума прокуратура
""")
# A name ending in one of these words names a law, a document or a thing, not a person.
THING_WORDS = words("""
directive act law treaty convention agreement accord report plan strategy protocol charter
resolution declaration bill code regulation standard standards index initiative project
doctrine framework deal pact award prize
""")
MALE_NOUNS = words("""
man boy father son husband brother grandfather grandson uncle nephew spokesman chairman
congressman councilman businessman mr sir king prince sultan emir monk priest dad stepfather
boyfriend widower
""")
FEMALE_NOUNS = words("""
woman girl mother daughter wife sister grandmother granddaughter aunt niece spokeswoman
chairwoman congresswoman councilwoman businesswoman mrs ms miss madam queen princess nun mum
mom stepmother girlfriend widow lady
""")
