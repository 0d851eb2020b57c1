"""Tests for natojp.metadata.language: the language of an article's text.

Every text here was written for these tests (invented news, not copied from any
outlet): one text of 50 words or more per language, a headline of 5 to 12 words per
language, and fragments too short to tell.
"""

from __future__ import annotations

import dataclasses
import socket
import tempfile
import time

import pytest

from natojp.metadata import language
from natojp.metadata.language import MIN_WORDS, SAMPLE_BYTES, LanguageGuess, detect_language
from natojp.models import count_words
from tests.test_taxonomy import STORY

# 50 to 75 words each, on the project's kind of story.
LONG = {
    "en": (
        "The defence ministry said on Friday that it would spend more on air defence next year, "
        "after a review found that stocks of interceptor missiles were running low. Officials told "
        "reporters that the new budget would also fund training for engineers and pilots, and that "
        "the government planned to work more closely with allies in Europe and Asia on research, "
        "testing and joint production of equipment."
    ),
    "it": (
        "Il ministero della Difesa ha annunciato venerdì che il prossimo anno aumenterà la spesa per "
        "la difesa aerea, dopo che una revisione interna ha rilevato che le scorte di missili "
        "intercettori stanno diminuendo. I funzionari hanno spiegato ai giornalisti che il nuovo "
        "bilancio finanzierà anche la formazione di ingegneri e piloti, e che il governo intende "
        "collaborare più strettamente con gli alleati europei e asiatici nella ricerca e nella "
        "produzione."
    ),
    "fr": (
        "Le ministère de la Défense a annoncé vendredi qu'il augmenterait l'an prochain ses dépenses "
        "consacrées à la défense aérienne, après qu'un examen interne a montré que les stocks de "
        "missiles intercepteurs diminuaient. Des responsables ont expliqué aux journalistes que le "
        "nouveau budget financerait aussi la formation des ingénieurs et des pilotes, et que le "
        "gouvernement souhaitait travailler plus étroitement avec ses alliés européens et asiatiques."
    ),
    "de": (
        "Das Verteidigungsministerium kündigte am Freitag an, im kommenden Jahr mehr Geld für die "
        "Luftverteidigung auszugeben, nachdem eine interne Prüfung ergeben hatte, dass die Bestände "
        "an Abfangraketen knapp werden. Beamte sagten Journalisten, mit dem neuen Haushalt werde auch "
        "die Ausbildung von Ingenieuren und Piloten bezahlt, und die Regierung wolle bei Forschung, "
        "Erprobung und gemeinsamer Fertigung enger mit Verbündeten in Europa und Asien "
        "zusammenarbeiten."
    ),
    "es": (
        "El Ministerio de Defensa anunció el viernes que el próximo año aumentará el gasto en defensa "
        "aérea, después de que una revisión interna concluyera que las reservas de misiles "
        "interceptores se están agotando. Los funcionarios explicaron a los periodistas que el nuevo "
        "presupuesto también financiará la formación de ingenieros y pilotos, y que el Gobierno "
        "quiere trabajar más estrechamente con sus aliados de Europa y Asia en investigación y "
        "producción conjunta."
    ),
    "pt": (
        "O Ministério da Defesa anunciou na sexta-feira que vai aumentar no próximo ano os gastos com "
        "defesa aérea, depois de uma revisão interna ter concluído que os estoques de mísseis "
        "interceptores estão a diminuir. Os responsáveis disseram aos jornalistas que o novo "
        "orçamento também vai financiar a formação de engenheiros e pilotos, e que o governo "
        "pretende trabalhar mais de perto com os aliados da Europa e da Ásia em pesquisa e produção "
        "conjunta."
    ),
    "nl": (
        "Het ministerie van Defensie maakte vrijdag bekend dat het volgend jaar meer geld uitgeeft "
        "aan luchtverdediging, nadat uit een interne evaluatie was gebleken dat de voorraad "
        "onderscheppingsraketten opraakt. Ambtenaren vertelden journalisten dat de nieuwe begroting "
        "ook de opleiding van ingenieurs en piloten betaalt, en dat de regering nauwer wil "
        "samenwerken met bondgenoten in Europa en Azië bij onderzoek, beproeving en gezamenlijke "
        "productie van materieel."
    ),
    "pl": (
        "Ministerstwo Obrony poinformowało w piątek, że w przyszłym roku zwiększy wydatki na obronę "
        "powietrzną, ponieważ wewnętrzny przegląd wykazał, że zapasy pocisków przechwytujących "
        "szybko się kurczą. Urzędnicy powiedzieli dziennikarzom, że nowy budżet sfinansuje także "
        "szkolenie inżynierów i pilotów, a rząd zamierza ściślej współpracować z sojusznikami w "
        "Europie i Azji przy badaniach, testach oraz wspólnej produkcji sprzętu wojskowego."
    ),
    "tr": (
        "Savunma Bakanlığı cuma günü yaptığı açıklamada, iç değerlendirmenin önleyici füze "
        "stoklarının azaldığını ortaya koymasının ardından gelecek yıl hava savunmasına daha fazla "
        "para harcayacağını duyurdu. Yetkililer gazetecilere, yeni bütçenin mühendis ve pilotların "
        "eğitimini de finanse edeceğini ve hükümetin araştırma, test ve ortak üretim konularında "
        "Avrupa ve Asya'daki müttefikleriyle daha yakın çalışmayı planladığını söyledi. Bakanlık "
        "ayrıca yerli sanayinin payının artırılacağını belirtti."
    ),
    "ru": (
        "Министерство обороны в пятницу объявило, что в следующем году увеличит расходы на "
        "противовоздушную оборону, после того как внутренняя проверка показала, что запасы "
        "ракет-перехватчиков заканчиваются. Чиновники сообщили журналистам, что новый бюджет также "
        "профинансирует подготовку инженеров и пилотов, а правительство намерено теснее "
        "сотрудничать с союзниками в Европе и Азии в области исследований, испытаний и совместного "
        "производства техники."
    ),
    "uk": (
        "Міністерство оборони в п'ятницю оголосило, що наступного року збільшить видатки на "
        "протиповітряну оборону, після того як внутрішня перевірка показала, що запаси "
        "ракет-перехоплювачів закінчуються. Посадовці повідомили журналістам, що новий бюджет також "
        "профінансує підготовку інженерів і пілотів, а уряд має намір тісніше співпрацювати з "
        "союзниками в Європі та Азії у сфері досліджень, випробувань і спільного виробництва техніки."
    ),
    "ar": (
        "أعلنت وزارة الدفاع يوم الجمعة أنها ستزيد إنفاقها على الدفاع الجوي في العام المقبل، بعد أن "
        "كشفت مراجعة داخلية أن مخزون الصواريخ الاعتراضية بدأ ينفد. وقال مسؤولون للصحفيين إن "
        "الميزانية الجديدة ستمول أيضا تدريب المهندسين والطيارين، وإن الحكومة تعتزم العمل بشكل أوثق "
        "مع حلفائها في أوروبا وآسيا في مجالات البحث والاختبار والإنتاج المشترك للمعدات العسكرية، كما "
        "ستدعم الشركات المحلية الصغيرة."
    ),
    "ko": (
        "국방부는 금요일 내부 점검 결과 요격 미사일 재고가 빠르게 줄어들고 있는 것으로 나타나자 "
        "내년에 방공 분야 지출을 늘리겠다고 발표했다. 관계자들은 기자들에게 새 예산이 기술자와 "
        "조종사 훈련에도 쓰일 것이며, 정부가 연구와 시험, 장비 공동 생산 분야에서 유럽과 아시아의 "
        "동맹국들과 더 긴밀히 협력할 계획이라고 말했다. 국방부는 또한 국내 방산 기업의 참여를 "
        "확대하고 수출 지원 제도를 개선하겠다고 밝혔다. 전문가들은 이번 결정이 지역 안보 환경 "
        "변화에 따른 것이라고 평가했다."
    ),
    # Chinese and Japanese have no spaces: about 2 characters a word, so 100+ characters.
    "ja": (
        "防衛省は金曜日、内部の点検で迎撃ミサイルの在庫が急速に減っていることが分かったとして、"
        "来年度は防空分野への支出を増やすと発表した。担当者は記者団に対し、新たな予算は技術者や"
        "パイロットの訓練にも充てられるほか、政府は研究や試験、装備品の共同生産の分野で、欧州や"
        "アジアの同盟国とより緊密に協力する方針だと説明した。"
    ),
    "zh": (
        "国防部周五宣布，由于内部审查发现拦截导弹的库存正在迅速减少，明年将增加防空领域的开支。"
        "官员对记者表示，新的预算还将用于工程师和飞行员的培训，政府计划在研究、测试和装备联合生产"
        "等方面与欧洲和亚洲的盟友开展更加密切的合作。国防部还表示，将扩大国内企业的参与，并改进"
        "出口支持制度。"
    ),
}

# Headlines of 5 to 12 words.
HEADLINES = {
    "en": "Japan and Britain agree to build new fighter jet together",
    "it": "Giappone e Italia firmano un accordo sui droni militari",
    "fr": "Le Japon et la France signent un accord sur les drones",
    "de": "Japan und Deutschland wollen gemeinsam neue Drohnen entwickeln",
    "es": "Japón y España firman un acuerdo sobre drones militares",
    "pt": "Japão e Brasil assinam acordo sobre drones militares",
    "nl": "Japan en Nederland werken samen aan nieuwe drones",
    "pl": "Japonia i Polska podpisały umowę o współpracy wojskowej",
    "tr": "Japonya ve Türkiye insansız hava araçları konusunda anlaştı",
    "ru": "Япония и Россия обсудили сотрудничество в области обороны",
    "uk": "Японія та Україна домовилися про співпрацю у сфері оборони",
    "ar": "اليابان وبريطانيا تتفقان على تطوير طائرة مقاتلة جديدة",
    "ko": "일본과 한국, 무인기 공동 개발에 합의",
    "ja": "日英、次期戦闘機の共同開発で合意",
    "zh": "日本与英国同意共同研制新型战斗机",
}

# Fewer than MIN_WORDS words (digits, URLs and addresses are not words; kanji and kana
# count one word per two characters).
TOO_SHORT = [
    "",
    "   \n ",
    "NATO",
    "GCAP deal",
    "Droni e satelliti",
    "Japan, Italy sign deal",
    "12 March 2025, 14:30",
    "F-35 --- 155mm",
    "https://example.org/news/japan-italy-drones-deal",
    "press@example.org @defence_news",
    "ドローン",
    "無人機の開発",
]


@pytest.mark.parametrize("code", sorted(LONG))
def test_every_text_of_50_words_or_more_is_right_and_sure(code: str) -> None:
    text = LONG[code]
    if code not in ("ja", "zh"):
        assert count_words(text) >= 50
    guess = detect_language(text)
    assert guess is not None and guess.code == code, guess
    assert guess.confidence >= 0.99


@pytest.mark.parametrize("code", sorted(STORY))
def test_the_six_language_story_is_right(code: str) -> None:
    guess = detect_language(" ".join(STORY[code]))
    assert guess is not None and guess.code == code and guess.confidence >= 0.99


@pytest.mark.parametrize("code", sorted(HEADLINES))
def test_a_headline_is_right_or_unsure(code: str) -> None:
    guess = detect_language(HEADLINES[code])
    assert guess is not None
    assert guess.code == code or guess.confidence < 0.5, guess
    # Today every one of them is right, most with confidence above 0.9.
    assert guess.code == code


@pytest.mark.parametrize("text", TOO_SHORT)
def test_too_short_to_tell_is_none(text: str) -> None:
    assert detect_language(text) is None


def test_five_words_is_enough_to_guess() -> None:
    assert MIN_WORDS == 5
    assert detect_language("Japan and Italy sign a") is not None
    assert detect_language("防衛省が迎撃ミサイル") is not None  # 10 kanji and kana


def test_the_guess_is_a_frozen_two_letter_code_with_a_confidence() -> None:
    guess = detect_language(LONG["it"])
    assert isinstance(guess, LanguageGuess)
    assert guess == LanguageGuess("it", guess.confidence)
    assert 0.0 <= guess.confidence <= 1.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        guess.code = "en"  # type: ignore[misc]
    codes = set(language._model().identifier.nb_classes)
    assert all(len(c) == 2 and c.isalpha() and c.islower() for c in codes)


def test_detection_is_deterministic() -> None:
    first = [detect_language(t) for t in [*LONG.values(), *HEADLINES.values()]]
    again = [detect_language(t) for t in [*LONG.values(), *HEADLINES.values()]]
    assert first == again


def test_urls_addresses_and_handles_do_not_sway_it() -> None:
    noisy = (
        "https://www.example.org/world/asia/japan-defence-budget-interceptors-news "
        "contact press@example.org follow @defencenews " + LONG["it"]
    )
    guess = detect_language(noisy)
    assert guess is not None and guess.code == "it"


def test_a_long_text_is_sampled_at_its_start_and_middle() -> None:
    english_dateline = "TOKYO, March 3 (Agency news service, updated) - "
    long_italian = english_dateline + " ".join([LONG["it"]] * 40)  # about 18,000 characters
    sample, whole = language._sample(long_italian, SAMPLE_BYTES)
    assert not whole
    assert len(sample.encode("utf-8")) <= SAMPLE_BYTES + 1
    assert sample.startswith("TOKYO") and "Difesa" not in sample[:40]
    guess = detect_language(long_italian)
    assert guess is not None and guess.code == "it"
    # a Japanese article is cut at a character, never inside one
    sample, _ = language._sample(LONG["ja"] * 5, SAMPLE_BYTES)
    assert "\ufffd" not in sample


def test_an_unsure_first_sample_is_read_again_longer(monkeypatch: pytest.MonkeyPatch) -> None:
    model = language._model()
    seen: list[int] = []
    answers = iter([("es", 0.6), ("pt", 0.97)])

    def classify(text: str) -> tuple[str, float]:
        seen.append(len(text.encode("utf-8")))
        return next(answers)

    monkeypatch.setattr(model, "classify", classify)
    guess = detect_language(" ".join([LONG["pt"]] * 10))
    assert guess == LanguageGuess("pt", 0.97)
    assert seen[0] <= SAMPLE_BYTES + 1 < seen[1] <= 4 * SAMPLE_BYTES + 1


# A wire story in capitals with a dateline in mixed case, and a table of figures with
# a note in capitals: right but unsure when read with their figures and capitals.
CAPITALS = (
    "TOKYO, April 8 - THE DEFENCE MINISTRY SAID IT WOULD RAISE SPENDING ON AIR DEFENCE BY "
    "4.5 PCT TO 1,250 BILLION YEN IN THE YEAR TO MARCH 2026, ITS HIGHEST LEVEL SINCE 1998, "
    "WHEN IT WAS 1,010 BILLION YEN. THE MINISTRY ALSO SAID IT PLANNED TO BUY 120 MORE "
    "INTERCEPTOR MISSILES."
)
TABLE_WITH_NOTE = (
    "LONDON, June 2 - Shr loss 1.17 DLRS VS PROFIT 31 CTS\n"
    "Net loss 42.8 mln vs profit 9.6 mln\nRevs 61.5 mln vs 118.3 mln\n"
    "NOTE: 1986 NET INCLUDES A CHARGE OF 98 MLN DLRS FOR THE CLOSING OF TWO PLANTS"
)
RAINFALL = (
    "ROME, May 3 - THE FOLLOWING RAINFALL WAS RECORDED IN THE 24 HOURS TO 1200 GMT TODAY, "
    "IN MILLIMETRES: NORTH 12.5, CENTRE 4.0, SOUTH NIL, ISLANDS 2.1"
)


@pytest.mark.parametrize("text", [CAPITALS, TABLE_WITH_NOTE, RAINFALL])
def test_capitals_and_figures_are_read_as_the_words_they_hold(text: str) -> None:
    guess = detect_language(text)
    assert guess is not None and guess.code == "en" and guess.confidence >= 0.99, guess


def test_the_words_alone_without_figures_codes_and_capitals() -> None:
    assert (
        language._words_only("Shr 3.07 DLRS vs 2.72 dlrs, MAY7 ----- up 1/2")
        == "shr dlrs vs dlrs, up"
    )
    # Digits inside a word of a script without spaces are taken out, the word stays.
    assert language._words_only("防衛省は2025年4月9日、発表した") == "防衛省は年月日、発表した"
    assert language._words_only("See https://example.org/a1 or press@example.org") == "see or"


def test_a_table_of_abbreviations_alone_stays_unsure() -> None:
    # "Shr cts vs cts Net mln vs mln": as little language as a short headline.
    table = (
        "Shr 12 cts vs 9 cts\nNet 1,204,000 vs 915,000\nRevs 38.4 mln vs 35.9 mln\n"
        "Year\nShr 51 cts vs 44 cts\nNet 5,117,000 vs 4,380,000\n"
        "Revs 152.6 mln vs 140.2 mln"
    )
    guess = detect_language(table)
    assert guess is not None and guess.confidence < 0.5


@pytest.mark.parametrize(
    ("text", "none"),
    [
        ("AB12 CD34 EF56 GH78 JK90 LM11 NP22 QR33 ST44 UV55 WX66 YZ77", True),  # codes
        ("3f9a01 77be2c 0c41d9 a8e210 5b7f33 e91c04 2d6a8f 64ce1b", True),  # hexadecimal
        ("qzv wkx pfj bnt rml gkd hsv trp lwq zxc vbn mkj hgf dsa poi uyt rew qaz wsx", False),
    ],
)
def test_an_unreadable_text_gets_no_sure_guess(text: str, none: bool) -> None:
    guess = detect_language(text)
    if none:
        assert guess is None  # no words left once the codes are set aside
    else:
        assert guess is not None and guess.confidence < 0.5


def test_a_sure_text_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    model = language._model()
    seen: list[str] = []
    classify = model.classify

    def counting(text: str) -> tuple[str, float]:
        seen.append(text)
        return classify(text)  # type: ignore[no-any-return]

    monkeypatch.setattr(model, "classify", counting)
    detect_language(" ".join([LONG["en"]] * 10))
    assert len(seen) == 1
    seen.clear()
    detect_language(CAPITALS)  # unsure with capitals and figures: read again without
    assert len(seen) == 2 and seen[1] == seen[1].lower() and not any(c.isdigit() for c in seen[1])


@pytest.mark.parametrize(("first", "reads"), [(0.7, 1), (0.3, 2)])
def test_a_short_text_read_whole_is_read_again_only_if_a_toss_up(
    monkeypatch: pytest.MonkeyPatch, first: float, reads: int
) -> None:
    model = language._model()
    seen: list[str] = []

    def classify(text: str) -> tuple[str, float]:
        seen.append(text)
        return ("en", first) if len(seen) == 1 else ("en", 0.9)

    monkeypatch.setattr(model, "classify", classify)
    short = "Qtly div 25 cts vs 25 cts prior, pay April 30"  # read whole: 46 bytes
    assert language._sample(short, SAMPLE_BYTES)[1]
    guess = detect_language(short)
    assert len(seen) == reads and guess is not None
    assert guess.confidence == (first if reads == 1 else 0.9)
    if reads == 2:
        assert seen[1] == "qtly div cts vs cts prior, pay april"


def test_the_model_loads_without_network_or_files(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("language detection must not open sockets or write files")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(tempfile, "TemporaryFile", refuse)
    monkeypatch.setattr(tempfile, "NamedTemporaryFile", refuse)
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    fresh = language._Model()  # what the first call does
    assert fresh.classify(LONG["de"])[0] == "de"


def test_it_is_fast_enough_for_100k_articles() -> None:
    """The budget: 10 s for 100,000 articles, 100 us each. The model reads at most
    SAMPLE_BYTES of a long article, so its time does not grow with the article. The
    bound here is five times the budget, for slow and busy test machines."""
    article = " ".join([LONG["en"], LONG["en"][::-1], LONG["en"]] * 4)  # about 5,000 chars
    detect_language(article)  # load the model
    rounds = []
    for _ in range(3):
        start = time.process_time()
        for _ in range(200):
            detect_language(article)
        rounds.append((time.process_time() - start) / 200)
    assert min(rounds) < 500e-6


def test_an_unsure_guess_lists_its_candidates_and_a_prior_settles_it() -> None:
    from natojp.metadata.language import UNSURE, settle_by_prior

    table = (
        "Shr 64 cts vs 51 cts\nNet 4,373,000 vs 3,346,000\nSales 59.8 mln vs 45.5 mln\n"
        "Avg shrs 6,808,000 vs 6,600,000\nNine mths\nShr 1.57 dlrs vs 1.18 dlrs\n"
        "Net 10.7 mln vs 7,745,000\nSales 167.0 mln vs 123.1 mln"
    )
    guess = detect_language(table)
    assert guess is not None and guess.confidence < UNSURE
    codes = [c for c, _ in guess.candidates]
    assert codes[0] == guess.code and "en" in codes and len(codes) <= 5
    best = guess.candidates[0][1]
    assert all(p >= best * 0.25 for _, p in guess.candidates)
    assert settle_by_prior(guess, ["en"]) == "en"
    assert settle_by_prior(guess, ["ja"]) is None  # never a language the model finds unlikely
    assert settle_by_prior(None, ["en"]) is None
    sure = detect_language(LONG["it"])
    assert sure is not None and sure.candidates == () and settle_by_prior(sure, ["en"]) is None
    # Candidates take no part in equality.
    assert LanguageGuess("en", 0.3, (("en", 0.3),)) == LanguageGuess("en", 0.3)


def _batch() -> list[str]:
    """Texts for reading ahead: every test text, in pieces and whole, with and without
    capitals, so that each language, script and length is in one batch."""
    texts = [*LONG.values(), *HEADLINES.values(), *TOO_SHORT, CAPITALS, TABLE_WITH_NOTE, RAINFALL]
    texts += [t.upper() for t in LONG.values()] + [t[: len(t) // 3] for t in LONG.values()]
    texts += [" ".join([*LONG.values()][i : i + 3]) for i in range(len(LONG))]
    texts += [LONG["en"]] * 3  # the same text more than once
    assert len(texts) >= language.AHEAD_MIN
    return texts


def test_reading_ahead_gives_the_same_guesses() -> None:
    texts = _batch()
    alone = [detect_language(t) for t in texts]
    with language.read_ahead(texts):
        assert language._model().identifier.walked  # the batch was walked ahead
        ahead = [detect_language(t) for t in texts]
    assert ahead == alone
    # To the last bit, candidates too (they take no part in equality).
    assert [g and (g.confidence, g.candidates) for g in ahead] == [
        g and (g.confidence, g.candidates) for g in alone
    ]
    assert language._model().identifier.walked == {}  # nothing kept after the block


def test_a_walk_ahead_finds_what_py3langid_finds() -> None:
    """The features of each sample, in the order py3langid's own walk first finds them,
    and how many times: what its score is computed from."""
    from py3langid.langid import visit_counts

    model = language._model()
    identifier = model.identifier
    walked = model.walk_ahead(_batch())
    assert walked
    for sample, (features, counts) in walked.items():
        visits = visit_counts(
            identifier.tk_nextmove, identifier._rowbase, identifier.tk_output, sample
        )
        assert features.tolist() == list(visits)
        assert counts.tolist() == [float(n) for n in visits.values()]


def test_few_texts_are_not_walked_ahead() -> None:
    texts = list(LONG.values())
    assert len(texts) < language.AHEAD_MIN
    assert language._model().walk_ahead(texts) == {}
    with language.read_ahead(texts):
        assert [detect_language(t) for t in texts] == [detect_language(t) for t in texts]
