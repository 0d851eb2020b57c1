"""Tests for finding the wire agencies an article's text is credited to.

Every text here is invented for the test; agency names are public facts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from natojp.metadata.outlets import Outlet, OutletFinding, OutletRegistry, find_outlet
from natojp.metadata.wires import WIRE_FORMS, WireCredit, find_wires
from natojp.models import Evidence

DEFAULT = OutletRegistry.default()
AP, AFP, KYODO = "Associated Press", "Agence France-Presse", "Kyodo News"


def wires(*lines: str) -> list[str]:
    return [c.name for c in find_wires(lines, DEFAULT)]


def only(line: str) -> WireCredit:
    credits = find_wires([(7, line)], DEFAULT)
    assert len(credits) == 1, credits
    return credits[0]


@pytest.mark.parametrize(
    ("line", "name", "form", "words"),
    [
        # Datelines.
        ("TOKYO (AP) — Japan's cabinet approved the plan.", AP, "dateline", "TOKYO (AP) —"),
        (
            "WASHINGTON, April 9 (Reuters) - The Pentagon said on Wednesday.",
            "Reuters",
            "dateline",
            "WASHINGTON, April 9 (Reuters) -",
        ),
        ("(KUNA) -- Kuwait welcomed the talks.", "Kuwait News Agency", "dateline", "(KUNA) --"),
        (
            "SEOUL, April 9 (Yonhap) -- South Korea said.",
            "Yonhap News Agency",
            "dateline",
            "SEOUL, April 9 (Yonhap) --",
        ),
        (
            "Taipei, April 9 (CNA) Taiwan's navy said.",
            "Central News Agency",
            "dateline",
            "Taipei, April 9 (CNA)",
        ),
        (
            "MOSCOW, April 9. /TASS/. Russia objected.",
            "TASS",
            "dateline",
            "MOSCOW, April 9. /TASS/.",
        ),
        ("【ワシントン共同】米国防総省は発表した。", KYODO, "dateline", "【ワシントン共同】"),
        (
            "Berlin/Tokyo (dpa) - Germany agreed.",
            "Deutsche Presse-Agentur",
            "dateline",
            "Berlin/Tokyo (dpa) -",
        ),
        # Closing credits.
        ("-Agence France-Presse", AFP, "trailing", "-Agence France-Presse"),
        ("— Xinhua", "Xinhua News Agency", "trailing", "— Xinhua"),
        ("The talks will resume in May.—Kyodo", KYODO, "trailing", "—Kyodo"),
        ("The cabinet will decide by the end of the year.==Kyodo", KYODO, "trailing", "==Kyodo"),
        (
            "The two sides will meet again in June. (Yonhap)",
            "Yonhap News Agency",
            "trailing",
            "(Yonhap)",
        ),
        (
            "(Reporting by Jane Doe in Tokyo; Editing by John Roe)",
            "Reuters",
            "reporting",
            "(Reporting by Jane Doe in Tokyo; Editing by John Roe)",
        ),
        ("(c) 2025 AFP", AFP, "copyright", "(c) 2025 AFP"),
        (
            "Copyright 2025 The Associated Press. All rights reserved.",
            AP,
            "copyright",
            "Copyright 2025 The Associated Press. All rights reserved.",
        ),
        ("With AFP", AFP, "with", "With AFP"),
        ("(With inputs from PTI)", "Press Trust of India", "with", "(With inputs from PTI)"),
        ("The minister left for Paris. /AFP/", AFP, "slash", "/AFP/"),
        ("Source: Xinhua", "Xinhua News Agency", "source", "Source: Xinhua"),
        ("By Jane Doe, Kyodo News", KYODO, "byline", "By Jane Doe, Kyodo News"),
        ("Anadolu staff", "Anadolu Agency", "byline", "Anadolu staff"),
        (
            "(MENAFN- Kuwait News Agency (KUNA)) Kuwait joined the forum.",
            "Kuwait News Agency",
            "credit",
            "(MENAFN- Kuwait News Agency (KUNA))",
        ),
        # Attributions in prose.
        (
            "The plan was approved on Tuesday, according to Kyodo News.",
            KYODO,
            "attribution",
            "according to Kyodo News",
        ),
        (
            "Kyodo News reported that the plan would pass.",
            KYODO,
            "attribution",
            "Kyodo News reported",
        ),
        (
            "Seoul will send observers, South Korea's Yonhap news agency said.",
            "Yonhap News Agency",
            "attribution",
            "Yonhap news agency said",
        ),
        (
            "The plan was first reported by the Associated Press (AP) on Monday.",
            AP,
            "attribution",
            "reported by the Associated Press",
        ),
        (
            "Iran condemned the drills, the semi-official Tasnim news agency reported.",
            "Tasnim News Agency",
            "attribution",
            "Tasnim news agency reported",
        ),
        (
            "Moscow will respond, Interfax reported, citing a diplomatic source.",
            "Interfax",
            "attribution",
            "Interfax reported",
        ),
        (
            "North Korea fired two missiles, state news agency KCNA said.",
            "Korean Central News Agency",
            "attribution",
            "KCNA said",
        ),
    ],
)
def test_credit_forms(line: str, name: str, form: str, words: str) -> None:
    credit = only(line)
    assert (credit.name, credit.form) == (name, form)
    assert credit.evidence == Evidence("text", words, 7)
    assert credit.entry.is_wire
    assert form in WIRE_FORMS


def test_several_agencies_in_one_dateline_and_credit_list() -> None:
    assert wires("TOKYO (AP/Reuters) - Japan said.") == [AP, "Reuters"]
    assert wires("- With AFP and Reuters") == [AFP, "Reuters"]


@pytest.mark.parametrize(
    "line",
    [
        # The agency as interviewer, not supplier.
        "A senior official told Reuters that talks would resume.",
        "The minister said in an interview with AP that Japan was ready.",
        "Speaking to Kyodo News, the general declined to comment.",
        "Reuters could not independently verify the claim.",
        "A Reuters reporter saw the convoy leave the base.",
        # Quoted words are someone else's.
        '"Reuters reported it first," the spokesman said.',
        'Officials dismissed the "AP" report as false.',
        # Joined words, lower-case words, people.
        "Officials raised the spending cap and dropped AP-style rules.",
        "A Reuters/Ipsos poll found support for the plan.",
        "Former New York mayor Michael Bloomberg said the alliance needed Japan.",
        "Kedua negara antara lain said nothing.",
        # Photo credits and mastheads.
        "Japanese soldiers train in Hokkaido. (AP Photo/Jane Doe)",
        "REUTERS/Jane Doe",
        "Photo by Jane Doe/AFP via Getty Images",
        "Getty Images/AFP/File",
        "© AFP Photo",
        "AFP",
        "Kyodo News",
        # Outlets that are not wire agencies.
        "The plan was approved, according to The Japan Times.",
        "The official told The Japan Times the plan was dead.",
        "(MENAFN- The Peninsula) Doha: Qatar and NATO held talks.",
        "-The Japan Times",
        "Times",
        # Not Reuters' closing line without an editing credit.
        "(Editing by Jane Doe)",
        "He said it was in talks with AFP.",
        "The drills will expand, according to a statement from NATO.",
        "",
    ],
)
def test_not_wire_credits(line: str) -> None:
    assert wires(line) == []


def test_text_order_one_credit_per_agency_and_evidence() -> None:
    lines = [
        (1, "By Jane Doe, Kyodo News"),
        (3, "TOKYO (AP) — Japan will join the drills, according to Kyodo News."),
        (4, "Xinhua said the drills were a provocation."),
        (9, "(c) 2025 AFP"),
        (10, "With AFP"),
    ]
    credits = find_wires(lines, DEFAULT, basis="header")
    assert [(c.name, c.form, c.evidence.line) for c in credits] == [
        (KYODO, "byline", 1),
        (AP, "dateline", 3),
        ("Xinhua News Agency", "attribution", 4),
        (AFP, "copyright", 9),
    ]
    assert {c.evidence.basis for c in credits} == {"header"}


def test_bare_strings_and_default_registry() -> None:
    credits = find_wires(["TOKYO (AP) — Japan said."])
    assert credits[0].name == AP and credits[0].evidence.line is None


def test_outlet_that_is_a_wire_is_listed() -> None:
    url = "https://apnews.com/article/japan-nato-1"
    outlet = find_outlet([], [], url, DEFAULT)
    assert outlet is not None and outlet.name == AP
    credits = find_wires(["Japan's minister met NATO counterparts."], DEFAULT, outlet=outlet)
    assert credits == (WireCredit(AP, Evidence("registry", url), outlet.entry, "outlet"),)
    # Credited in the text too: the text's credit stands, listed once.
    credits = find_wires(
        ["WASHINGTON (AP) — Japan's minister met NATO counterparts.", "With AFP"],
        DEFAULT,
        outlet=outlet,
    )
    assert [(c.name, c.form) for c in credits] == [(AP, "dateline"), (AFP, "with")]
    # An outlet that is not a wire agency adds nothing.
    japan_today = find_outlet([], [], "https://japantoday.com/category/politics/x", DEFAULT)
    credits = find_wires(["TOKYO (AP) — Japan said."], DEFAULT, outlet=japan_today)
    assert [c.name for c in credits] == [AP]
    unknown = OutletFinding("example.net", Evidence("url", "https://example.net/x"))
    assert find_wires(["Japan said."], DEFAULT, outlet=unknown) == ()


def test_only_registry_wires_count() -> None:
    registry = OutletRegistry(
        (
            Outlet("Reuters", "newspaper"),
            Outlet("Kyodo News", "wire", ("Kyodo",)),
        )
    )
    assert find_wires(["(Reporting by Jane Doe; Editing by John Roe)"], registry) == ()
    assert find_wires(["TOKYO (Reuters) - Japan said."], registry) == ()
    assert [c.name for c in find_wires(["TOKYO (Kyodo) -- Japan said."], registry)] == [KYODO]


def test_long_body_without_agencies_is_cheap() -> None:
    paragraph = (
        "Japan and its partners agreed on Tuesday to expand joint exercises in the region, "
        "officials said, adding that the plan would be reviewed next year by the cabinet. "
    )
    assert find_wires([paragraph] * 2000, DEFAULT) == ()


@pytest.mark.parametrize(
    ("line", "names", "form"),
    [
        # "Source:" in another language, after a date in a header line.
        ("12. Mai 2025, 09:10 Uhr Quelle: DPA", ["Deutsche Presse-Agentur"], "source"),
        ("Fuente: EFE", ["Agencia EFE"], "source"),
        # Closing credits after an editor's initials (Deutsche Welle's style).
        ("jd/kl (AFP, dpa, Reuters)", [AFP, "Deutsche Presse-Agentur", "Reuters"], "trailing"),
        # A closing line that lists agencies.
        ("REUTERS, AFP", ["Reuters", AFP], "trailing"),
        ("AP and Kyodo", [AP, KYODO], "trailing"),
        # An outlet's or a writer's copy of an agency's story.
        ("Par Le Figaro avec AFP", [AFP], "with"),
        ("Le Monde avec AFP", [AFP], "with"),
        ("Par Jeanne Martin avec AFP", [AFP], "with"),
        ("RTVE.es / EFE", ["Agencia EFE"], "with"),
        # Spanish datelines.
        ("Lima, 12 may (EFE).- El Gobierno anunció un plan.", ["Agencia EFE"], "dateline"),
        (
            "SEVILLA, 12 May. (EUROPA PRESS) - La Junta aprobó el plan.",
            ["Europa Press"],
            "dateline",
        ),
        ("SEVILLA, 12 (EUROPA PRESS)", ["Europa Press"], "dateline"),
        ("Roma, 12 maggio (ANSA) - Il governo ha approvato il piano.", ["ANSA"], "dateline"),
        # Prose: "quoted as saying by", an agency written as a word, the verb first.
        (
            "Output will rise, the director was quoted as saying by the Interfax news agency.",
            ["Interfax"],
            "attribution",
        ),
        ("Exports fell, according to Tass news agency.", ["TASS"], "attribution"),
        ("The ferry sank off the coast, reported AP news agency.", [AP], "attribution"),
        (
            "Talks will resume, said the official Xinhua news agency.",
            ["Xinhua News Agency"],
            "attribution",
        ),
    ],
)
def test_more_credit_forms(line: str, names: list[str], form: str) -> None:
    credits = find_wires([(3, line)], DEFAULT)
    assert [c.name for c in credits] == names
    assert {c.form for c in credits} == {form}
    assert all(c.evidence.line == 3 for c in credits)


@pytest.mark.parametrize(
    "line",
    [
        "Quelle: Statistisches Bundesamt",
        "Source: Reuters/Ipsos poll",
        "jd/kl (ZDF, ARD)",
        "AP, AFP photos",
        "Japan signed the deal with AFP",
        "Par Jeanne Martin avec Le Monde",
        "The Tass family runs the hotel.",
        "He told Reuters news agency that he would stay.",
        "The minister said Reuters had been wrong.",
        "Officials reported AP news agency staff were safe.",
        "Lima, 12 may (Reuters photo)",
    ],
)
def test_more_forms_that_are_not_credits(line: str) -> None:
    assert wires(line) == []


# --- credits in other languages, joint credits, bylines alone ---------------------------

ANSA, EFE, DPA = "ANSA", "Agencia EFE", "Deutsche Presse-Agentur"


@pytest.mark.parametrize(
    ("line", "names", "form"),
    [
        # Italian.
        ("Il piano costerà 800 miliardi, secondo l'agenzia ANSA.", [ANSA], "attribution"),
        ("Lo riferisce l'ANSA, citando fonti di governo.", [ANSA], "attribution"),
        ("Lo riferisce l'agenzia Ansa.", [ANSA], "attribution"),
        ("Secondo quanto riferisce Reuters, il contratto è firmato.", ["Reuters"], "attribution"),
        ("Il governo ha approvato il piano. (ANSA)", [ANSA], "trailing"),
        # French.
        ("Le plan a été approuvé mardi, selon l'AFP.", [AFP], "attribution"),
        ("Le vote aura lieu en mai, a rapporté l'agence Reuters.", ["Reuters"], "attribution"),
        (
            "Selon l'agence de presse japonaise Kyodo, les navires sont partis.",
            [KYODO],
            "attribution",
        ),
        ("avec AFP", [AFP], "with"),
        ("Le vote aura lieu en mai. (AFP)", [AFP], "trailing"),
        # Spanish.
        ("El Gobierno aprobó el plan, según informó EFE.", [EFE], "attribution"),
        ("Así lo informa la agencia EFE.", [EFE], "attribution"),
        ("según ha informado la agencia Europa Press.", ["Europa Press"], "attribution"),
        ("El plan se votará en mayo. (EFE)", [EFE], "trailing"),
        ("Con información de EFE", [EFE], "with"),
        # German.
        ("Das berichtet die Nachrichtenagentur dpa.", [DPA], "attribution"),
        ("Laut dpa soll der Plan im Mai beschlossen werden.", [DPA], "attribution"),
        ("Die Regierung billigte den Plan (dpa).", [DPA], "trailing"),
        ("(dpa)", [DPA], "trailing"),
        ("mit Material von Reuters", ["Reuters"], "with"),
        # Japanese (full-width forms as pasted).
        ("共同通信によると、政府は計画を承認した。", [KYODO], "attribution"),
        (
            "韓国の聯合ニュースによれば、ミサイルは2発だった。",
            ["Yonhap News Agency"],
            "attribution",
        ),
        ("政府は計画を承認したと時事通信が報じた。", ["Jiji Press"], "attribution"),
        ("政府は計画を承認した。（共同）", [KYODO], "trailing"),
        ("政府は計画を承認した＝共同", [KYODO], "trailing"),
        ("【ワシントン＝共同】米国防総省は発表した。", [KYODO], "dateline"),
        ("（ワシントン＝時事）米国防総省は発表した。", ["Jiji Press"], "dateline"),
        # Joint credits.
        ("Staff writer, with CNA", ["Central News Agency"], "with"),
        ("By Euronews with AP, AFP", [AP, AFP], "with"),
        ("AP/Reuters", [AP, "Reuters"], "trailing"),
        ("mgo/dpa/Reuters", [DPA, "Reuters"], "trailing"),
        ("Reporting by Jane Doe in Paris; additional reporting by AFP", [AFP], "reporting"),
    ],
)
def test_credits_in_other_languages_and_joint_credits(
    line: str, names: list[str], form: str
) -> None:
    credits = find_wires([(5, line)], DEFAULT)
    assert [c.name for c in credits] == names
    assert {c.form for c in credits} == {form}


@pytest.mark.parametrize(
    "line",
    [
        # Interviews: the agency asked the questions.
        "Il ministro, intervistato dall'Afp durante una visita, ha detto che va bene.",
        "Il ministro ha detto all'ANSA che il piano è pronto.",
        "Der Minister sagte der Nachrichtenagentur Reuters, man sei bereit.",
        "Das berichtete er gegenüber Reuters am Rande des Gipfels.",
        "Le ministre a déclaré à l'AFP qu'il était prêt.",
        "El ministro dijo a EFE que el plan está listo.",
        "El ministro informó a EFE de que el plan está listo.",
        "共同通信の取材に対し、防衛相は述べた。",
        # Polls, photo credits, the agency as the topic, people.
        "Support rose to 52%, according to a Kyodo News opinion poll released on Sunday.",
        "Secondo un sondaggio Ansa, il 60% è favorevole.",
        "共同通信社の世論調査によると、支持率は下落した。",
        "Selon un sondage Ifop pour l'AFP, 60 % des Français approuvent.",
        "Photo: AFP",
        "Soldiers march in Tokyo. (AFP Photo)",
        "写真＝共同",
        "発射されたミサイル（AFP＝時事）",
        "L'AFP a annoncé la suppression de 50 postes.",
        "Laut einer Reuters-Umfrage sind die meisten dafür.",
        "Michael Bloomberg scrive che l'alleanza è forte.",
        "Leonardo Spa riferisce utili in crescita.",
        "The treaty was signed by the Associated Press (AP).",
    ],
)
def test_other_languages_not_credits(line: str) -> None:
    assert wires(line) == []


BODY = (
    "The navy commissioned a third stealth frigate on Wednesday, officials said, adding "
    "that more ships would follow this year."
)


def test_an_agency_alone_on_a_byline_line() -> None:
    top = [(1, "THE DAILY EXAMPLE"), (2, "Navy commissions third frigate"), (3, "PTI"), (5, BODY)]
    credits = find_wires(top, DEFAULT)
    assert [(c.name, c.form, c.evidence.line) for c in credits] == [
        ("Press Trust of India", "byline", 3)
    ]
    assert wires("Rutte pide un plan creíble", "EFE", "Bruselas", BODY) == [EFE]
    assert wires("Xinhua | Updated: 2025-03-09 10:27", BODY) == ["Xinhua News Agency"]
    assert wires("防衛省が発表", "時事通信", "防衛省は1日、新たな計画を発表した。" * 3) == [
        "Jiji Press"
    ]
    # Closing the text, below the last paragraph.
    assert wires(BODY, BODY, "AFP") == [AFP]
    assert wires(BODY, "By KYODO NEWS") == [KYODO]


def test_an_agency_alone_that_is_no_byline() -> None:
    assert wires(BODY, "AFP", BODY) == []  # among the paragraphs: a caption's credit
    assert wires(BODY, "Soldiers march in Tokyo. Photo:", "AFP") == []
    # A teaser's label after the body.
    assert wires(BODY, "Read more", "Japan to buy missiles", "Reuters") == []


def test_a_shared_alias_is_read_by_the_cues_of_the_text() -> None:
    taipei = ["Staff writer, with CNA", "The ministry in Taipei said Taiwan tracked 27 aircraft."]
    assert wires(*taipei) == ["Central News Agency"]
    assert wires("Taipei, April 9 (CNA) Taiwan's navy said.") == ["Central News Agency"]
    singapore = [
        (1, "CNA"),
        (2, "Asia"),
        (4, "SINGAPORE: Ministers met on Saturday at the dialogue, officials said."),
        (6, "Source: CNA/dc(ws)"),
    ]
    assert find_wires(singapore, DEFAULT) == ()
    assert wires("with CNA") == ["Central News Agency"]  # a credit form: the agency


def test_html_byline_dropped_by_the_extractor_is_read(tmp_path: Path) -> None:
    from natojp.analysis import analyze

    page = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Japan and Australia expand drills | The Japan Times</title>
<meta property="og:site_name" content="The Japan Times"></head><body>
<article><h1>Japan and Australia expand drills</h1>
<p class="byline">KYODO</p>
<figure><img src="x.jpg"><figcaption>Troops train. <span class="credit">AFP</span></figcaption></figure>
<p>Japan and Australia will expand joint training in the north of Australia, the two
countries' defense ministers agreed in Tokyo on Thursday, officials said.</p>
<p>The ministers said the training would help their forces operate together more
smoothly under a reciprocal access agreement that took effect two years ago.</p>
<p class="author-credits">ab/dpa</p>
</article></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    article = analyze([path]).articles[0]
    assert article.wires == (KYODO, DPA)
    assert "KYODO" not in article.body and "Japan and Australia will expand" in article.body


# --- second round: shapes of the blind set, with invented texts ----------------------


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # An agency and an editor's initials closing the text in brackets.
        ((BODY, "(APA, red.)"), ["APA"]),
        ((BODY, "Die Lieferung soll im Herbst beginnen. (dpa/ab)"), [DPA]),
        ((BODY, "(APA, 12.3.2025)"), ["APA"]),
        # "Mit Material ..." with the agency noun in the singular, and two agencies
        # joined by the language's "and".
        (("Mit Material der Nachrichtenagentur dpa",), [DPA]),
        (("Mit Material von Reuters und AFP.",), ["Reuters", AFP]),
        (("Con información de EFE y AFP",), [EFE, AFP]),
        (("Avec AFP et Reuters",), [AFP, "Reuters"]),
        (("ANSA e Reuters",), [ANSA, "Reuters"]),
        # An adjective between the agency noun and the name.
        (("Lo riferisce l'agenzia tedesca Dpa, citando fonti del governo.",), [DPA]),
        (("Selon l'agence allemande dpa, le contrat sera signé en mai.",), [DPA]),
        # A "Source:" label with an acronym written as a word.
        ((BODY, "Fonte: Ansa"), [ANSA]),
        ((BODY, "Fuente: Efe"), [EFE]),
        # "By" in other languages.
        (("Par Belga", BODY), ["Belga"]),
        (("Von Anna Beispiel, dpa", BODY), [DPA]),
        (("Por Agencia EFE", BODY), [EFE]),
        # An agency after a section, before its date.
        (
            ("India News | Press Trust of India | Updated: March 18, 2025 19:42 IST", BODY),
            ["Press Trust of India"],
        ),
        # A closing agency that was missing from the registry.
        ((BODY, "BNS"), ["Baltic News Service"]),
        # Agencies' names in Japanese, Chinese and Korean.
        (("中国国営新華社通信によると、艦隊が訓練を実施した。",), ["Xinhua News Agency"]),
        (("AP通信によると、首都で爆発があった。",), [AP]),
        (("ロイター通信が報じた。",), ["Reuters"]),
        (("据新华社报道，中国海军举行了演习。",), ["Xinhua News Agency"]),
        (("海自と比軍が共同訓練　AFP通信が報道",), [AFP]),
    ],
)
def test_second_round_credit_shapes(lines: tuple[str, ...], expected: list[str]) -> None:
    assert wires(*lines) == expected


@pytest.mark.parametrize(
    "lines",
    [
        ("the minister said (Reuters, 2024).",),  # a reference, not a credit
        (BODY, "(Reuters, 2024)"),
        (BODY, "(Reuters, file)"),  # a photo's
        (BODY, "(APA, Wien und Graz)"),  # not an editor's mark
        ("Mit Material von Reuters und anderen Quellen.",),  # not agencies only
        ("Fonte: Anna",),  # no agency written as a word
        ("Fonte: Difesa",),
        ("Par Jean Dupont", BODY),  # a writer, no agency
        ("Von Reuters befragte Experten sagten das.",),
        ("Di fronte alla crisi, il governo ha deciso.",),
        ("Il ministro ha parlato all'agenzia tedesca Dpa.",),  # an interview
        ("ロイター通信の取材に対し、当局者は述べた。",),  # an interview
        ("据报道，中国海军举行了演习。",),  # no agency named
    ],
)
def test_second_round_not_credits(lines: tuple[str, ...]) -> None:
    assert wires(*lines) == []


@pytest.mark.parametrize(
    ("domain", "agency"),
    [("kyodonews.net", KYODO), ("apnews.com", AP), ("\u3000apnews.com\u3000", AP)],
)
def test_a_bare_domain_no_name_begins_is_still_read_as_a_byline(domain: str, agency: str) -> None:
    """No agency's name begins a word of these lines (``kyodonews``, ``apnews``): the
    text is read for bylines all the same, for its line that is a domain alone."""
    assert DEFAULT.matcher.naming_lines([domain], wires_only=True) == set()
    body = "The defence ministry said on Friday that it would spend more on air defence."
    credits = find_wires([(1, domain), (3, body), (5, f"{body} More.")], DEFAULT)
    assert [(c.name, c.form) for c in credits] == [(agency, "byline")]


def test_a_text_with_no_name_and_no_domain_has_no_byline_credit() -> None:
    body = "The defence ministry said on Friday that it would spend more on air defence."
    assert find_wires([(1, "Defence news"), (3, body), (5, f"{body} More.")], DEFAULT) == ()
