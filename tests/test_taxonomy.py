"""Tests for the technology-area taxonomy, its term syntax and the tagger."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pandas as pd
import pytest

from natojp._text import split_sentences
from natojp.errors import TaxonomyError
from natojp.models import Article, Paragraph, Removal
from natojp.taxonomy import Area, Taxonomy, TechAreaResult, tag_articles

ROOT = Path(__file__).resolve().parents[1]
GOLD = json.loads((ROOT / "tests" / "fixtures" / "seeds_gold.json").read_text(encoding="utf-8"))
DEFAULT_IDS = [
    "ai",
    "cyber",
    "space",
    "quantum",
    "uncrewed",
    "counter-drone",
    "semiconductors",
    "maritime",
    "munitions",
    "directed-energy",
    "supply-chain",
    "interoperability",
    "combat-aircraft",
]


def article(*paragraphs: str, article_id: str = "a", language: str | None = None) -> Article:
    return Article(
        id=article_id,
        source_path=f"{article_id}.txt",
        paragraphs=tuple(map(Paragraph, paragraphs)),
        language=language,
    )


def mini(**areas: list[str]) -> Taxonomy:
    """A taxonomy with one area per keyword (underscores in names become hyphens)."""
    return Taxonomy(
        tuple(
            Area(id=name.replace("_", "-"), label=name, description="", terms=tuple(terms))
            for name, terms in areas.items()
        )
    )


def areas_in(text: str, taxonomy: Taxonomy | None = None, language: str | None = None) -> set[str]:
    return set(tag_articles([article(text, language=language)], taxonomy).mentioned("a"))


def matched(
    text: str, *terms: str, exclude: tuple[str, ...] = (), language: str | None = None
) -> list[str]:
    """The surface strings ``terms`` (one test area) find in ``text``; with ``language``,
    the terms are that language's (and the area's English term a never-matching one)."""
    if language is None:
        area = Area("t", "T", "", terms, exclude)
    else:
        area = Area(
            "t",
            "T",
            "",
            ("zzzzzz",),
            terms_by_language={language: terms},
            exclude_by_language={language: exclude} if exclude else {},
        )
    result = tag_articles([article(text, language=language)], Taxonomy((area,)))
    return result.terms["a"].get("t", [])


# --- the default taxonomy file ---------------------------------------------------------


def test_default_taxonomy_has_the_documented_areas_in_order() -> None:
    taxonomy = Taxonomy.default()
    assert taxonomy.ids == DEFAULT_IDS
    for area in taxonomy.areas:
        assert area.label and area.description and area.terms, area.id
    assert set(taxonomy.ids) == set(GOLD["tech_area_ids"])


def test_default_file_header_explains_the_term_syntax() -> None:
    text = (ROOT / "natojp" / "data" / "taxonomy.toml").read_text(encoding="utf-8")
    header = text[: text.index("\n[[area]]")]
    assert all(line.startswith("#") for line in header.splitlines() if line.strip())
    for rule in ("ALL CAPITALS", '"*"', "plural", "hyphens", "[square brackets]", "exclude"):
        assert rule in header, rule


# --- term syntax -----------------------------------------------------------------------


def test_plain_terms_are_case_insensitive_whole_words() -> None:
    assert matched("A SATELLITE and a Satellite.", "satellite") == ["SATELLITE", "Satellite"]
    assert matched("The art of the start.", "art") == ["art"]
    assert matched("Artificial starts, smart parts.", "art") == []


def test_all_caps_terms_are_case_sensitive() -> None:
    assert matched("An AI model and AI-enabled drones.", "AI") == ["AI"]
    assert matched("He said the aid was again late.", "AI") == []
    # Decided: the artist Ai Weiwei (and lower-case "ai") is not artificial intelligence.
    assert matched("Ai Weiwei spoke about ai.", "AI") == []
    assert areas_in("Ai Weiwei said so.") == set()
    assert areas_in("NATO discussed AI.") == {"ai"}


def test_trailing_star_is_a_prefix_wildcard() -> None:
    found = matched("Satellites and satellite-based links, not satellit.", "satellite*")
    assert found == ["Satellites", "satellite"]
    assert matched("Cybersecurity and cyber defence.", "cyber*") == ["Cybersecurity", "cyber"]
    assert matched("Outer satellites.", "outer satellite*") == ["Outer satellites"]


def test_spaces_and_hyphens_are_interchangeable_including_u2011() -> None:
    text = "Supply chain, supply-chain, supply\u2011chain and supply \u2010 chain; not supplychain."
    found = matched(text, "supply chain")
    assert found == ["Supply chain", "supply-chain", "supply\u2011chain", "supply \u2010 chain"]
    assert matched("A counter drone gun.", "counter-drone") == ["counter drone"]


def test_plain_terms_match_their_simple_plural() -> None:
    assert matched("Two warships.", "warship") == ["warships"]
    assert matched("Allied navies.", "navy") == ["navies"]
    assert matched("Critical minerals.", "critical mineral") == ["Critical minerals"]
    assert matched("Ten boxes.", "box") == ["boxes"]
    assert matched("Six UAVs, not UAVS.", "UAV") == ["UAVs"]
    assert matched("F-35s and an F-350 truck.", "F-35") == ["F-35s"]


def test_exclude_suppresses_overlapping_matches_of_its_area() -> None:
    found = matched("Drones and counter-drone systems.", "drone*", exclude=("counter-drone*",))
    assert found == ["Drones"]
    assert matched("Counter-drone systems.", "drone*", exclude=("counter-drone*",)) == []
    # In the default taxonomy the phrase credits counter-drone only.
    assert areas_in("They discussed counter-drone technology.") == {"counter-drone"}
    assert areas_in("Drones and counter-UAS gear.") == {"uncrewed", "counter-drone"}
    assert areas_in("An anti-drone gun.") == {"counter-drone"}


def test_list_terms_count_only_as_items_of_a_term_list() -> None:
    taxonomy = mini(
        space=["[space]", "satellite*"], ai=["artificial intelligence"], sea=["maritime"]
    )
    assert areas_in("In areas such as space, artificial intelligence and more.", taxonomy) == {
        "space",
        "ai",
    }
    assert areas_in("Projects in the space and maritime domains.", taxonomy) == {"space", "sea"}
    assert areas_in("Land, air, maritime and space.", taxonomy) == {"space", "sea"}
    # a modifier before "space", or no neighbouring term: not a list item
    assert areas_in("Office space, artificial intelligence.", taxonomy) == {"ai"}
    assert areas_in("There was breathing space and time.", taxonomy) == set()
    assert areas_in("Space is big.", taxonomy) == set()


# --- precision of the default taxonomy -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The firm leased office space in Tokyo.",
        "Civil airspace was closed.",
        "The deal gives both sides breathing space.",
        "He bought satellite TV and a satellite dish.",
        "Blue-chip stocks rose; blue-chip manufacturers gained.",
        "Rebel fighters attacked the town; Hamas fighters withdrew.",
        "Washington wants a new 'global standard' of spending.",
        "A navy blue suit.",
        "A quantum leap in sales.",
        "Ordnance Survey maps.",
        "Ford sold more F-350 pickups.",
        "He said so, said Ai Weiwei.",
    ],
)
def test_everyday_wording_credits_no_area(text: str) -> None:
    assert areas_in(text) == set()


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("Officials discussed artificial intelligence.", "ai"),
        ("They shared cyber threat data.", "cyber"),
        ("Secure communications were tested.", "cyber"),
        ("A satellite production facility opened.", "space"),
        ("Quantum encryption was on the agenda.", "quantum"),
        ("Uncrewed aerial systems were discussed.", "uncrewed"),
        ("Counter-UAS equipment was bought.", "counter-drone"),
        ("The chipmaker expanded.", "semiconductors"),
        ("Maritime domain awareness improved.", "maritime"),
        ("Artillery shells are scarce.", "munitions"),
        ("Directed-energy weapons were shown.", "directed-energy"),
        ("Rare earths are a worry.", "supply-chain"),
        ("The goal is interoperability.", "interoperability"),
        ("Japan builds the GCAP fighter jet with Britain.", "combat-aircraft"),
    ],
)
def test_typical_wording_credits_its_area(text: str, area: str) -> None:
    assert area in areas_in(text)


def test_normalisation_finds_terms_in_messy_unicode() -> None:
    assert areas_in("A \ufb01ghter jet flew.") == {"combat-aircraft"}  # ligature fi
    assert areas_in("New satel\u00adlites launched.") == {"space"}  # soft hyphen
    assert areas_in("\u201cDrones\u201d, they said \u2014 in Z\u00fcrich.") == {"uncrewed"}


# --- results ---------------------------------------------------------------------------


def test_evidence_is_the_exact_matching_sentences_of_the_body() -> None:
    first = "Drones were discussed. Nothing else. They also covered AI\u2011enabled “drones”."
    second = "Supply\u2011chain security mattered."
    result = tag_articles([article(first, second)])
    sentences = split_sentences(first) + split_sentences(second)
    evidence = result.evidence["a"]
    assert evidence["uncrewed"] == [sentences[0], sentences[2]]
    assert evidence["ai"] == [sentences[2]]
    assert evidence["supply-chain"] == [second]
    assert all(s in sentences for group in evidence.values() for s in group)
    assert result.terms["a"]["supply-chain"] == ["Supply\u2011chain"]
    assert result.terms["a"]["uncrewed"] == ["Drones", "drones"]
    assert list(evidence) == [i for i in DEFAULT_IDS if i in evidence]  # taxonomy order


def test_scores_count_sentences_not_matches() -> None:
    articles = [
        article("Satellites and spacecraft, satellites again. A satellite.", article_id="x"),
        article("No technology here.", article_id="y"),
    ]
    result = tag_articles(articles)
    assert isinstance(result, TechAreaResult)
    assert list(result.scores.index) == ["x", "y"]
    assert list(result.scores.columns) == DEFAULT_IDS
    assert all(pd.api.types.is_float_dtype(t) for t in result.scores.dtypes)
    assert result.scores.loc["x", "space"] == 2.0
    assert result.scores.loc["y"].sum() == 0.0
    assert result.evidence["y"] == {} and result.terms["y"] == {}
    assert result.mentioned("x") == ["space"]
    assert result.areas == Taxonomy.default().areas


def test_only_body_paragraphs_are_read_never_removed_noise() -> None:
    noisy = Article(
        id="n",
        source_path="n.txt",
        paragraphs=(Paragraph("NATO and Japan met in Brussels."),),
        title="Drones and AI",
        removed=(Removal(line=3, text="Try Our AI Features", reason="chrome"),),
    )
    result = tag_articles([noisy])
    assert result.mentioned("n") == []


def test_custom_taxonomy_defines_the_columns() -> None:
    taxonomy = mini(lasers=["laser*"], ships=["warship"])
    result = tag_articles([article("Lasers on warships.")], taxonomy)
    assert list(result.scores.columns) == ["lasers", "ships"]
    assert result.mentioned("a") == ["lasers", "ships"]
    assert result.areas == taxonomy.areas


def test_empty_input_and_repeated_ids() -> None:
    empty = tag_articles([])
    assert empty.scores.shape == (0, len(DEFAULT_IDS))
    assert empty.evidence == {}
    with pytest.raises(ValueError, match="more than once"):
        tag_articles([article("x"), article("y")])


# --- TOML round trip and errors --------------------------------------------------------


def test_default_round_trips_through_toml() -> None:
    taxonomy = Taxonomy.default()
    text = taxonomy.to_toml()
    assert Taxonomy.from_toml(text) == taxonomy
    assert text.startswith("#") and "ALL CAPITALS" in text  # exported copies explain the syntax


def test_custom_taxonomy_round_trips_and_loads_from_a_file(tmp_path: Path) -> None:
    taxonomy = Taxonomy(
        (
            Area("eu", "EU “quotes”", "Line one\nline two", ("Brussels", "Europe*"), ("EU-wide",)),
            Area("jp", "Japan", "", ["Tokyo"]),  # type: ignore[arg-type]  # stored as a tuple
        )
    )
    path = tmp_path / "mine.toml"
    path.write_text(taxonomy.to_toml(), encoding="utf-8")
    loaded = Taxonomy.load(path)
    assert loaded == taxonomy
    assert loaded.areas[1].terms == ("Tokyo",)
    assert hash(loaded) == hash(taxonomy)


def test_optional_keys_take_defaults() -> None:
    taxonomy = Taxonomy.from_toml('[[area]]\nid = "x"\nterms = ["a b"]\n')
    assert taxonomy.areas == (Area("x", "x", "", ("a b",)),)


def _error(text: str) -> TaxonomyError:
    with pytest.raises(TaxonomyError) as info:
        Taxonomy.from_toml(text, source="my.toml")
    assert info.value.path == "my.toml"
    return info.value


GOOD = '[[area]]\nid = "space"\nterms = ["satellite*"]\n'


def test_error_bad_toml_gives_the_line() -> None:
    error = _error(GOOD + "[[area]\nid = 'x'\n")
    assert "not valid TOML" in error.message
    assert error.line == 4
    assert str(error).startswith("my.toml:4: ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[[area]]\nterms = ["x"]\n', ["area #1", "missing key 'id'"]),
        (GOOD + '[[area]]\nid = "cyber"\n', ["area #2 ('cyber')", "missing key 'terms'"]),
        (GOOD + GOOD, ["area #2 ('space')", "duplicate id", "area #1"]),
        ('[[area]]\nid = "Space Tech"\nterms = ["x"]\n', ["area #1 ('Space Tech')", "invalid id"]),
        ('[[area]]\nid = "x"\nterms = []\n', ["area #1 ('x')", "'terms' is empty"]),
        ('[[area]]\nid = "x"\nterms = ["a", " "]\n', ["area #1 ('x')", "terms #2", "is empty"]),
        ('[[area]]\nid = "x"\nterms = "a"\n', ["area #1 ('x')", "'terms' must be a list"]),
        ('[[area]]\nid = "x"\nterm = ["a"]\n', ["unknown key 'term'", "did you mean 'terms'"]),
        (GOOD + "version = 2\n", ["area #1 ('space')", "unknown key 'version'"]),
        ('title = "t"\n' + GOOD, ["unknown top-level key 'title'"]),
        ("# nothing\n", ["no [[area]] tables"]),
        ('[[area]]\nid = "x"\nterms = ["sat*ellite"]\n', ["terms #1", "'*'", "at the end"]),
        ('[[area]]\nid = "x"\nterms = ["ab*"]\n', ["terms #1", "at least 3"]),
        ('[[area]]\nid = "x"\nterms = ["a"]\nexclude = ["[b]"]\n', ["exclude #1", "list"]),
        ('[[area]]\nid = "x"\nterms = ["a"]\nlabel = 3\n', ["area #1 ('x')", "'label'"]),
    ],
)
def test_errors_name_the_area_and_the_key(text: str, expected: list[str]) -> None:
    message = _error(text).message
    for part in expected:
        assert part in message, (part, message)


def test_constructing_an_invalid_taxonomy_in_code_raises() -> None:
    with pytest.raises(TaxonomyError, match="no areas"):
        Taxonomy(())
    with pytest.raises(TaxonomyError, match="invalid id"):
        Taxonomy((Area("Bad_ID", "b", "", ("x",)),))


def test_load_names_the_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    with pytest.raises(TaxonomyError) as info:
        Taxonomy.load(missing)
    assert info.value.path == str(missing)
    assert "cannot read" in info.value.message


# --- the seeds against the gold --------------------------------------------------------


def gold_articles() -> list[Article]:
    """Each seed's gold body: every line except gold noise, the headline and blanks."""
    out = []
    for article_id, gold in GOLD["articles"].items():
        lines = (ROOT / "seeds" / f"{article_id}.txt").read_text(encoding="utf-8").splitlines()
        drop = set(gold["noise_lines"])
        if gold["title"]:
            drop.add(next(n for n, line in enumerate(lines, 1) if line.strip() == gold["title"]))
        paragraphs = tuple(
            Paragraph(line, n) for n, line in enumerate(lines, 1) if n not in drop and line.strip()
        )
        out.append(Article(id=article_id, source_path=f"{article_id}.txt", paragraphs=paragraphs))
    return out


def f1(predicted: set[str], gold: set[str]) -> float:
    if not predicted and not gold:
        return 1.0
    hits = len(predicted & gold)
    return 2 * hits / (len(predicted) + len(gold))


def test_seeds_match_the_gold_technology_areas() -> None:
    articles = gold_articles()
    result = tag_articles(articles)
    scores = {}
    for a in articles:
        predicted = set(result.mentioned(a.id))
        gold = set(GOLD["articles"][a.id]["tech_areas"])
        scores[a.id] = f1(predicted, gold)
        print(a.id, sorted(predicted), "gold", sorted(gold), f"F1={scores[a.id]:.2f}")
    macro = sum(scores.values()) / len(scores)
    print(f"macro F1 = {macro:.3f}")
    assert macro >= 0.9
    assert result.mentioned("000_3d9694f0226b20af") == ["space"]
    # every credit is backed by a sentence of the gold body
    for a in articles:
        body = {s for p in a.paragraphs for s in split_sentences(p.text)}
        for sentences in result.evidence[a.id].values():
            assert sentences and set(sentences) <= body


def test_aggregate_scores_sums_by_group() -> None:
    import pandas as pd

    from natojp.taxonomy import aggregate_scores

    scores = pd.DataFrame({"ai": [1.0, 2.0, 0.0], "space": [0.0, 1.0, 3.0]}, index=["a", "b", "c"])
    out = aggregate_scores(scores, {"a": "X", "b": "Y", "c": "X"})
    assert list(out.index) == ["X", "Y"]
    assert out.loc["X"].tolist() == [1.0, 3.0] and out.loc["Y"].tolist() == [2.0, 1.0]


# --- languages -------------------------------------------------------------------------

LANGUAGES = ["it", "fr", "de", "es", "ja"]

# One invented story, written for these tests in six languages, one sentence per
# paragraph so that the sentences line up across languages whatever the sentence
# splitter does with Japanese. STORY_AREAS, by hand: the areas each sentence is about.
STORY: dict[str, list[str]] = {
    "en": [
        "Japan and Italy will jointly develop uncrewed aerial vehicles and small drones, the defence ministers said in Rome on Monday.",
        "They will also share research on cybersecurity and protect their networks against hackers.",
        "The agreement covers artificial intelligence, military satellites and quantum computers.",
        "Shipyards in both countries will build new frigates for the two navies.",
        "A joint factory will produce artillery shells and other ammunition.",
        "The ministers also discussed the GCAP fighter jet and high-energy laser weapons.",
        "Counter-drone systems will protect the bases.",
        "Both governments want secure supply chains for semiconductors and critical raw materials.",
        "Common standards will make their forces more interoperable.",
        "The next meeting will take place in Tokyo in the spring.",
    ],
    "it": [
        "Il Giappone e l'Italia svilupperanno insieme velivoli senza pilota e piccoli droni, hanno dichiarato lunedì a Roma i ministri della Difesa.",
        "Condivideranno inoltre le ricerche sulla sicurezza informatica e proteggeranno le loro reti dagli hacker.",
        "L'accordo riguarda l'intelligenza artificiale, i satelliti militari e i computer quantistici.",
        "I cantieri navali dei due paesi costruiranno nuove fregate per le rispettive marine militari.",
        "Una fabbrica comune produrrà proiettili di artiglieria e altre munizioni.",
        "I ministri hanno discusso anche del caccia GCAP e delle armi laser ad alta energia.",
        "Sistemi anti-drone proteggeranno le basi.",
        "Entrambi i governi vogliono catene di approvvigionamento sicure per i semiconduttori e le materie prime critiche.",
        "Standard comuni renderanno le loro forze armate più interoperabili.",
        "Il prossimo incontro si terrà a Tokyo in primavera.",
    ],
    "fr": [
        "Le Japon et l'Italie développeront ensemble des aéronefs sans pilote et de petits drones, ont déclaré lundi à Rome les ministres de la Défense.",
        "Ils partageront aussi leurs recherches en cybersécurité et protégeront leurs réseaux contre les pirates informatiques.",
        "L'accord porte sur l'intelligence artificielle, les satellites militaires et les ordinateurs quantiques.",
        "Les chantiers navals des deux pays construiront de nouvelles frégates pour les deux marines.",
        "Une usine commune produira des obus d'artillerie et d'autres munitions.",
        "Les ministres ont aussi évoqué l'avion de combat GCAP et les armes laser de haute énergie.",
        "Des systèmes anti-drones protégeront les bases.",
        "Les deux gouvernements veulent des chaînes d'approvisionnement sûres pour les semi-conducteurs et les matières premières critiques.",
        "Des normes communes rendront leurs forces plus interopérables.",
        "La prochaine réunion aura lieu à Tokyo au printemps.",
    ],
    "de": [
        "Japan und Italien wollen gemeinsam unbemannte Luftfahrzeuge und kleine Drohnen entwickeln, teilten die Verteidigungsminister am Montag in Rom mit.",
        "Außerdem wollen sie ihre Forschung zur Cybersicherheit teilen und ihre Netze vor Hackern schützen.",
        "Das Abkommen umfasst künstliche Intelligenz, Militärsatelliten und Quantencomputer.",
        "Werften in beiden Ländern sollen neue Fregatten für die beiden Marinen bauen.",
        "Eine gemeinsame Fabrik soll Artilleriegranaten und andere Munition herstellen.",
        "Die Minister sprachen auch über das Kampfflugzeug GCAP und Hochenergielaserwaffen.",
        "Systeme zur Drohnenabwehr sollen die Stützpunkte schützen.",
        "Beide Regierungen wollen sichere Lieferketten für Halbleiter und kritische Rohstoffe.",
        "Gemeinsame Standards sollen ihre Streitkräfte interoperabler machen.",
        "Das nächste Treffen findet im Frühjahr in Tokio statt.",
    ],
    "es": [
        "Japón e Italia desarrollarán conjuntamente aeronaves no tripuladas y pequeños drones, anunciaron el lunes en Roma los ministros de Defensa.",
        "También compartirán investigaciones sobre ciberseguridad y protegerán sus redes frente a los piratas informáticos.",
        "El acuerdo abarca la inteligencia artificial, los satélites militares y los ordenadores cuánticos.",
        "Los astilleros de ambos países construirán nuevas fragatas para las dos armadas.",
        "Una fábrica conjunta producirá proyectiles de artillería y otras municiones.",
        "Los ministros también hablaron del avión de combate GCAP y de las armas láser de alta energía.",
        "Sistemas antidrones protegerán las bases.",
        "Ambos gobiernos quieren cadenas de suministro seguras para los semiconductores y las materias primas críticas.",
        "Unas normas comunes harán que sus fuerzas sean más interoperables.",
        "La próxima reunión se celebrará en Tokio en primavera.",
    ],
    "ja": [
        "日本とイタリアは無人航空機と小型ドローンを共同開発すると、両国の防衛相が月曜日にローマで発表した。",
        "また、サイバーセキュリティーに関する研究を共有し、ハッカーから通信網を守る。",
        "協定は人工知能、軍事衛星、量子コンピューターを対象とする。",
        "両国の造船所は、両国の海軍向けに新型フリゲートを建造する。",
        "共同工場では砲弾などの弾薬を生産する。",
        "両大臣は次期戦闘機GCAPや高出力レーザー兵器についても協議した。",
        "対ドローンシステムが基地を守る。",
        "両政府は、半導体や重要鉱物の安全なサプライチェーンを求めている。",
        "共通規格により、両国の部隊の相互運用性を高める。",
        "次回の会合は春に東京で開かれる。",
    ],
}
STORY_AREAS: list[set[str]] = [
    {"uncrewed"},
    {"cyber"},
    {"ai", "space", "quantum"},
    {"maritime"},
    {"munitions"},
    {"combat-aircraft", "directed-energy"},
    {"counter-drone"},
    {"supply-chain", "semiconductors"},
    {"interoperability"},
    set(),
]


def story(language: str) -> Article:
    code = None if language == "en" else language
    return article(*STORY[language], article_id=language, language=code)


def test_the_english_story_gets_the_areas_written_by_hand() -> None:
    result = tag_articles([article(s, article_id=str(i)) for i, s in enumerate(STORY["en"])])
    assert [set(result.mentioned(str(i))) for i in range(len(STORY["en"]))] == STORY_AREAS


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_gets_the_areas_of_the_english_story(language: str) -> None:
    assert len(STORY[language]) == len(STORY["en"])
    sentences = [
        article(s, article_id=str(i), language=language) for i, s in enumerate(STORY[language])
    ]
    result = tag_articles(sentences)
    for i, expected in enumerate(STORY_AREAS):
        assert set(result.mentioned(str(i))) == expected, (language, STORY[language][i])
    whole = tag_articles([story(language), story("en")])
    assert whole.mentioned(language) == whole.mentioned("en") == Taxonomy.default().ids
    assert whole.uncovered == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_its_language_an_article_is_matched_on_english_terms_only(language: str) -> None:
    """The problem languages solve: read as English, the story misses most areas."""
    plain = article(*STORY[language])
    assert len(tag_articles([plain]).mentioned("a")) < len(Taxonomy.default().ids) - 5


def test_english_articles_are_matched_the_same_with_or_without_their_language() -> None:
    plain = gold_articles()
    tagged = [dataclasses.replace(a, language="en") for a in plain]
    one, two = tag_articles(plain), tag_articles(tagged)
    assert one.scores.equals(two.scores)
    assert one.evidence == two.evidence and one.terms == two.terms
    assert one.uncovered == two.uncovered == {}


def test_an_article_in_a_language_without_terms_is_flagged_not_scored_in_silence() -> None:
    portuguese = article(
        "O Japão e a Itália vão desenvolver drones e satélites.", article_id="pt", language="pt"
    )
    result = tag_articles([portuguese, story("it"), story("en")])
    assert result.mentioned("pt") == ["uncrewed"]  # the English "drone*" still counts
    assert result.uncovered == {"pt": tuple(Taxonomy.default().ids)}
    # a custom taxonomy with Italian terms for one area of two
    taxonomy = Taxonomy(
        (
            Area("sea", "Sea", "", ("naval",), terms_by_language={"it": ("navale",)}),
            Area("air", "Air", "", ("aircraft",)),
        )
    )
    result = tag_articles([article("Il cantiere navale.", language="it")], taxonomy)
    assert result.mentioned("a") == ["sea"]
    assert result.uncovered == {"a": ("air",)}
    assert taxonomy.areas_without_terms("it") == ("air",)
    assert taxonomy.areas_without_terms(None) == taxonomy.areas_without_terms("en") == ()


def test_language_codes_are_read_loosely() -> None:
    text = "I droni e i satelliti."
    assert areas_in(text, language="it") == {"uncrewed", "space"}
    assert (
        areas_in(text, language="IT") == areas_in(text, language="it-IT") == {"uncrewed", "space"}
    )
    assert areas_in(text) == set()  # None: English


# One sentence per area and language, each crediting exactly that area.
TYPICAL: dict[str, list[tuple[str, str]]] = {
    "it": [
        ("Il governo investe nell'intelligenza artificiale.", "ai"),
        ("Un attacco informatico ha colpito il ministero.", "cyber"),
        ("L'Agenzia spaziale ha presentato il suo programma.", "space"),
        ("La crittografia quantistica è matura.", "quantum"),
        ("L'esercito ha acquistato nuovi droni.", "uncrewed"),
        ("Il sistema antidrone è stato collaudato.", "counter-drone"),
        ("La carenza di chip frena l'industria.", "semiconductors"),
        ("La Marina Militare ha varato una nuova fregata.", "maritime"),
        ("Mancano munizioni da 155 mm.", "munitions"),
        ("Le armi a energia diretta sono in fase di sviluppo.", "directed-energy"),
        ("Le terre rare sono una preoccupazione.", "supply-chain"),
        ("L'obiettivo è l'interoperabilità tra le forze.", "interoperability"),
        ("I nuovi aerei da combattimento voleranno nel 2035.", "combat-aircraft"),
    ],
    "fr": [
        ("Le gouvernement mise sur l'intelligence artificielle.", "ai"),
        ("Un logiciel malveillant a infecté le réseau.", "cyber"),
        ("L'industrie spatiale européenne se porte bien.", "space"),
        ("Les ordinateurs quantiques progressent.", "quantum"),
        ("Des engins télépilotés patrouillent la frontière.", "uncrewed"),
        ("La lutte contre les drones est une priorité.", "counter-drone"),
        ("La pénurie de puces pèse sur l'industrie.", "semiconductors"),
        ("La Marine nationale a reçu une nouvelle frégate.", "maritime"),
        ("L'usine produira des obus de 155 mm.", "munitions"),
        ("Des armes à énergie dirigée sont à l'étude.", "directed-energy"),
        ("Les terres rares inquiètent Bruxelles.", "supply-chain"),
        ("L'interopérabilité des forces est essentielle.", "interoperability"),
        ("L'avion de chasse sera livré en 2030.", "combat-aircraft"),
    ],
    "de": [
        ("Die Regierung setzt auf künstliche Intelligenz.", "ai"),
        ("Ein Hackerangriff traf das Ministerium.", "cyber"),
        ("Die Weltraumlage wird beobachtet.", "space"),
        ("Quantencomputer gelten als Zukunft.", "quantum"),
        ("Unbemannte Systeme werden erprobt.", "uncrewed"),
        ("Die Bundeswehr testet Abfangdrohnen.", "counter-drone"),
        ("Der Chiphersteller baut ein Werk.", "semiconductors"),
        ("Die Marine erhält neue U-Boote.", "maritime"),
        ("Es fehlt an Artilleriemunition.", "munitions"),
        ("Eine Laserwaffe wurde getestet.", "directed-energy"),
        ("Die Lieferketten sind gestört.", "supply-chain"),
        ("Die Standardisierung der Ausrüstung schreitet voran.", "interoperability"),
        ("Der neue Kampfjet wurde vorgestellt.", "combat-aircraft"),
    ],
    "es": [
        ("El Gobierno apuesta por la inteligencia artificial.", "ai"),
        ("Un ciberataque afectó al ministerio.", "cyber"),
        ("La agencia espacial presentó su plan.", "space"),
        ("Los ordenadores cuánticos avanzan.", "quantum"),
        ("Los vehículos aéreos no tripulados vigilan la frontera.", "uncrewed"),
        ("Se instalaron inhibidores de drones en el aeropuerto.", "counter-drone"),
        ("La escasez de chips afecta a la industria.", "semiconductors"),
        ("Los astilleros construirán dos fragatas.", "maritime"),
        ("Faltan municiones de artillería.", "munitions"),
        ("Las armas de energía dirigida se prueban.", "directed-energy"),
        ("Las tierras raras preocupan a Europa.", "supply-chain"),
        ("La interoperabilidad entre ejércitos es clave.", "interoperability"),
        ("El nuevo avión de combate volará en 2040.", "combat-aircraft"),
    ],
    "ja": [
        ("政府は人工知能の活用を進める。", "ai"),
        ("防衛省がサイバー攻撃を受けた。", "cyber"),
        ("宇宙作戦群が新設された。", "space"),
        ("量子暗号の研究が進む。", "quantum"),
        ("陸上自衛隊が無人偵察機を導入した。", "uncrewed"),
        ("ドローン対処能力を強化する。", "counter-drone"),
        ("半導体の輸出規制が強化された。", "semiconductors"),
        ("海上自衛隊の護衛艦が寄港した。", "maritime"),
        ("弾薬の生産を拡大する。", "munitions"),
        ("高出力マイクロ波の試験を行う。", "directed-energy"),
        ("レアアースの供給網を見直す。", "supply-chain"),
        ("装備品をNATO規格に合わせる。", "interoperability"),
        ("次期戦闘機の開発が進む。", "combat-aircraft"),
    ],
}


@pytest.mark.parametrize(
    ("language", "text", "area"),
    [(language, text, area) for language, cases in TYPICAL.items() for text, area in cases],
)
def test_typical_wording_in_other_languages_credits_its_area(
    language: str, text: str, area: str
) -> None:
    assert areas_in(text, language=language) == {area}


def test_typical_wording_covers_every_area_in_every_language() -> None:
    for language in LANGUAGES:
        assert [area for _, area in TYPICAL[language]] == Taxonomy.default().ids


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("it", "Ha comprato una parabola per la TV satellitare."),
        ("it", "Un salto quantico nelle vendite della Marina di Ravenna."),
        ("it", "Gli studenti sono andati ai giardini."),
        ("fr", "Une rafale de vent a renversé les tables du marché."),
        ("fr", "L'opposant Alexeï Navalny est mort en prison."),
        ("fr", "Un saut quantique pour la répartition spatiale? Non, la télévision par satellite."),
        ("de", "Ein Quantensprung für die Firma, sagte sie im marineblauen Anzug."),
        ("de", "Marine Le Pen sprach über Satellitenfernsehen."),
        ("de", "Die Bedrohung wächst, warnte der Minister."),
        ("de", "Die Luft- und Raumfahrtindustrie stellt aus."),
        ("es", "Las Fuerzas Armadas desfilaron; después fueron a un cibercafé."),
        ("es", "Un salto cuántico para la televisión por satélite."),
        ("ja", "無人島で衛星放送を見た。"),
        ("ja", "航空宇宙産業の展示会が開かれた。"),
        ("ja", "ロケット弾が発射された。"),
    ],
)
def test_everyday_wording_in_other_languages_credits_no_area(language: str, text: str) -> None:
    assert areas_in(text, language=language) == set()


def test_default_taxonomy_has_terms_in_five_languages_for_every_area() -> None:
    taxonomy = Taxonomy.default()
    assert set(LANGUAGES) <= set(taxonomy.languages)
    for area in taxonomy.areas:
        assert set(LANGUAGES) <= set(area.languages), area.id
        for language in LANGUAGES:
            own = area.terms_for(language)[len(area.terms) :]
            assert own and area.terms_for(language)[: len(area.terms)] == area.terms


def test_german_compounds_and_the_leading_wildcard() -> None:
    found = matched(
        "Drohnen, Kampfdrohnen und eine Drohne; keine Bedrohung.", "*drohne*", language="de"
    )
    assert found == ["Drohnen", "Kampfdrohnen", "Drohne"]
    assert areas_in("Die Bundeswehr kauft Aufklärungsdrohnen.", language="de") == {"uncrewed"}
    assert areas_in("Die Drohnenabwehr wird verstärkt.", language="de") == {"counter-drone"}
    assert areas_in("Neue Militärsatelliten und Artilleriemunition.", language="de") == {
        "space",
        "munitions",
    }
    # without the trailing "*", the word must end there (the plural rule is English)
    assert matched("Eine Kampfdrohne, zwei Kampfdrohnen.", "*drohne", language="de") == [
        "Kampfdrohne"
    ]


def test_japanese_terms_match_inside_words_latin_terms_beside_kana() -> None:
    assert matched("小型無人機の開発", "無人機", language="ja") == ["無人機"]
    assert matched("無人島に行った", "無人機", language="ja") == []
    # katakana: with or without the long vowel mark, half-width forms after NFKC
    found = matched("サイバーセキュリティーとｻｲﾊﾞｰ攻撃", "サイバー", language="ja")
    assert found == ["サイバー"]
    assert areas_in("ｻｲﾊﾞｰ攻撃が増えた。", language="ja") == {"cyber"}
    # a space in a term: nothing, a space or a middle dot in the text
    for text in ("サイバー攻撃", "サイバー 攻撃", "サイバー・攻撃"):
        assert matched(text, "サイバー 攻撃", language="ja") == [text]
    # English terms next to kana and kanji (Latin letters still end a word)
    assert areas_in("AIを活用したドローン", language="ja") == {"ai", "uncrewed"}
    assert areas_in("次期戦闘機GCAPの開発", language="ja") == {"combat-aircraft"}
    assert areas_in("AIDAを活用", language="ja") == set()
    assert areas_in("AIを活用", language="zh") == {"ai"}  # Chinese: same boundaries
    assert areas_in("정부는 AI와 UAV를 논의했다", language="ko") == {"ai", "uncrewed"}  # particles
    # an English article is matched exactly as before: kana are word characters
    assert areas_in("AIを活用") == set()
    # a Latin end of a Japanese term must not touch another Latin letter
    assert matched("AIチップとFAIチップ", "AIチップ", language="ja") == ["AIチップ"]


def test_japanese_exclusions_and_evidence() -> None:
    text = "対ドローンシステムを配備した。"
    result = tag_articles([article(text, language="ja")])
    assert result.mentioned("a") == ["counter-drone"]
    assert result.terms["a"] == {"counter-drone": ["対ドローン"]}
    assert result.evidence["a"] == {"counter-drone": [text]}


# --- languages in TOML -----------------------------------------------------------------

MULTILINGUAL = """
[[area]]
id = "uncrewed"
label = "Uncrewed"
terms = ["drone*"]
exclude = ["counter-drone*"]

[area.terms_by_language]
it = ["dron*", "senza pilota"]
ja = ["ドローン", "無人機"]

[area.exclude_by_language]
it = ["antidron*"]

[[area]]
id = "space"
terms = ["satellite*"]
terms_by_language.de = ["*satellit*"]
"""


def test_terms_by_language_load_and_round_trip() -> None:
    taxonomy = Taxonomy.from_toml(MULTILINGUAL)
    uncrewed, space = taxonomy.areas
    assert uncrewed.terms == ("drone*",)
    assert uncrewed.terms_by_language == (
        ("it", ("dron*", "senza pilota")),
        ("ja", ("ドローン", "無人機")),
    )
    assert uncrewed.exclude_by_language == (("it", ("antidron*",)),)
    assert uncrewed.languages == ("it", "ja") and space.languages == ("de",)
    assert uncrewed.terms_for("it") == ("drone*", "dron*", "senza pilota")
    assert uncrewed.terms_for(None) == uncrewed.terms_for("en") == ("drone*",)
    assert uncrewed.exclude_for("it") == ("counter-drone*", "antidron*")
    assert uncrewed.exclude_for("ja") == ("counter-drone*",)
    assert taxonomy.languages == ("de", "it", "ja")
    text = taxonomy.to_toml()
    assert "[area.terms_by_language]" in text and "[area.exclude_by_language]" in text
    again = Taxonomy.from_toml(text)
    assert again == taxonomy and hash(again) == hash(taxonomy)
    assert again.to_toml() == text


def test_languages_compare_equal_in_any_order_and_form() -> None:
    one = Area("x", "X", "", ("a",), terms_by_language={"it": ["b"], "de": ("c",)})  # type: ignore[arg-type]
    two = Area("x", "X", "", ("a",), terms_by_language=(("de", ("c",)), ("it", ("b",))))
    assert one == two and hash(one) == hash(two)
    assert one.terms_by_language == (("de", ("c",)), ("it", ("b",)))


def test_an_english_only_taxonomy_loads_unchanged(tmp_path: Path) -> None:
    old = """# a custom taxonomy written before languages existed
[[area]]
id = "space"
label = "Space"
description = "Satellites."
terms = ["satellite*", "[space]"]
exclude = ["satellite TV"]

[[area]]
id = "ships"
terms = ["warship"]
"""
    path = tmp_path / "old.toml"
    path.write_text(old, encoding="utf-8")
    taxonomy = Taxonomy.load(path)
    assert taxonomy.areas == (
        Area("space", "Space", "Satellites.", ("satellite*", "[space]"), ("satellite TV",)),
        Area("ships", "ships", "", ("warship",)),
    )
    assert taxonomy.languages == ()
    assert all(a.terms_by_language == a.exclude_by_language == () for a in taxonomy.areas)
    text = taxonomy.to_toml()
    assert "_by_language]" not in text.split("\n[[area]]", 1)[1]  # no empty tables written
    assert Taxonomy.from_toml(text) == taxonomy
    # an Italian article under it: English terms, flagged
    result = tag_articles([article("Due satelliti e una warship.", language="it")], taxonomy)
    assert result.mentioned("a") == ["ships"]
    assert result.uncovered == {"a": ("space", "ships")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            GOOD + "terms_by_language = 3\n",
            ["area #1 ('space')", "'terms_by_language' must be a table"],
        ),
        (
            GOOD + 'terms_by_language.it = "droni"\n',
            ["area #1 ('space')", "terms_by_language", "'it' must be a list"],
        ),
        (
            GOOD + 'terms_by_language.italian = ["x"]\n',
            ["'italian' is not a two-letter", "ISO 639-1"],
        ),
        (GOOD + 'terms_by_language.IT = ["x"]\n', ["'IT' is not a two-letter lower-case"]),
        (
            GOOD + 'terms_by_language.en = ["x"]\n',
            ["terms_by_language.en", "English terms go in 'terms'"],
        ),
        (GOOD + 'exclude_by_language.en = ["x"]\n', ["English terms go in 'exclude'"]),
        (GOOD + "terms_by_language.it = []\n", ["terms_by_language.it is empty"]),
        (
            GOOD + 'terms_by_language.it = ["ok", "sat*elliti"]\n',
            ["area #1 ('space')", "terms_by_language.it #2 'sat*elliti'", "'*'"],
        ),
        (
            GOOD + 'terms_by_language.de = ["*abc"]\n',
            ["terms_by_language.de #1", "at least 4 letters"],
        ),
        (GOOD + 'exclude_by_language.it = ["[x]"]\n', ["exclude_by_language.it #1", "list"]),
        (
            GOOD + 'terms_by_language.ja = ["[宇宙]"]\n',
            ["terms_by_language.ja #1", "list terms are English"],
        ),
        (
            GOOD + 'terms_by_langauge.it = ["x"]\n',
            ["unknown key 'terms_by_langauge'", "did you mean 'terms_by_language'"],
        ),
    ],
)
def test_language_errors_name_the_area_the_key_and_the_language(
    text: str, expected: list[str]
) -> None:
    message = _error(text).message
    for part in expected:
        assert part in message, (part, message)


def test_constructing_areas_with_bad_languages_in_code_raises() -> None:
    with pytest.raises(TaxonomyError, match="English terms go in 'terms'"):
        Taxonomy((Area("x", "x", "", ("a",), terms_by_language={"en": ("b",)}),))  # type: ignore[arg-type]
    with pytest.raises(TaxonomyError, match="must map language codes"):
        Taxonomy((Area("x", "x", "", ("a",), terms_by_language={"it": "b"}),))  # type: ignore[arg-type]
    with pytest.raises(TaxonomyError, match="given twice"):
        Taxonomy((Area("x", "x", "", ("a",), terms_by_language=(("it", ("b",)), ("it", ("c",)))),))


# --- lists and tables count once; what analysts file under munitions and chips ---------


@pytest.mark.parametrize(
    "line",
    [
        "- Cyber defence exercise in Tallinn",
        "\u2022 Cyber range opened",
        "3. Cyber training for officers",
        "| 2026 | Cyber centre opens |",
        "2026\tCyber centre opens",
        "Cyber resilience",
    ],
)
def test_list_lines(line: str) -> None:
    from natojp.taxonomy import is_list_line

    assert is_list_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Officials said the cyber exercise would be held in Tallinn in May.",
        "The two governments agreed to hold a cyber dialogue every year, the ministry said",
        "",
    ],
)
def test_prose_lines_are_not_list_lines(line: str) -> None:
    from natojp.taxonomy import is_list_line

    assert not is_list_line(line)


def test_a_table_counts_as_one_mention_per_area_however_many_rows_name_it() -> None:
    rows = [f"| {2020 + n} | Cyber drill number {n} held |" for n in range(8)]
    farm = article(
        "Timeline of cooperation",
        "| Year | Event |",
        "|------|-------|",
        *rows,
        "Officials said cyber defence would be on the agenda. Cyber attacks are rising.",
    )
    result = tag_articles([farm])
    assert result.scores.loc["a", "cyber"] == 3.0  # the table once, then two sentences
    assert len(result.evidence["a"]["cyber"]) == 10  # every matching row is evidence


def test_a_bulleted_list_counts_once_and_two_lists_apart_count_twice() -> None:
    text = [
        "- Satellites for missile warning",
        "- Satellite launch services",
        "* Ground stations for satellite control",
        "Officials then turned to other matters of the meeting, including the budget.",
        "1. Satellite imagery sharing",
        "2. Satellite data exchange",
    ]
    assert tag_articles([article(*text)]).scores.loc["a", "space"] == 2.0
    # the same lines as sentences of prose count one each
    prose = [line.lstrip("-*12. ") + ", officials said." for line in text if "budget" not in line]
    assert tag_articles([article(*prose)]).scores.loc["a", "space"] == 5.0


def test_a_list_running_across_lines_of_one_paragraph_counts_once() -> None:
    farm = article("- Cyber drill one\n- Cyber drill two\n- Cyber drill three")
    assert tag_articles([farm]).scores.loc["a", "cyber"] == 1.0


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("Japan will co-produce Patriot PAC-3 interceptors for Europe.", "munitions"),
        ("The destroyer will fire Tomahawk cruise missiles from 2026.", "munitions"),
        ("The shipyard will modify the ship's vertical launch cells.", "munitions"),
        ("European navies want help maintaining their VLS.", "munitions"),
        ("The firm will build missiles under licence from the United States.", "munitions"),
        ("Explosives remain the bottleneck for shell production.", "munitions"),
        ("Many of the chips in the seekers are made overseas.", "semiconductors"),
        ("Washington tightened export controls on advanced chips to China.", "semiconductors"),
        ("The plant makes microelectronics for guidance units.", "semiconductors"),
        ("Executives warned of shortages of explosives and steel.", "supply-chain"),
        ("The ministry wants to reduce import dependency on one country.", "supply-chain"),
    ],
)
def test_default_taxonomy_files_missiles_interceptors_and_chips(text: str, area: str) -> None:
    assert area in areas_in(text)


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("Satellites will detect and track hypersonic missiles.", "munitions"),
        ("Unlike a missile, a microwave shot costs almost nothing.", "munitions"),
        ("The army tested a new drone interceptor near the border.", "munitions"),
        ("Tokyo sees the talks as a bargaining chip in its trade dispute.", "semiconductors"),
        ("Shares of blue-chip companies rose on Monday.", "semiconductors"),
        ("The minister chipped in with a joke about fish and chips.", "semiconductors"),
        ("Shoppers adapted quickly to chip and pin cards.", "semiconductors"),
    ],
)
def test_new_terms_do_not_fire_on_other_senses(text: str, area: str) -> None:
    assert area not in areas_in(text)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("日本はトマホークを搭載するため護衛艦の垂直発射装置を改修する。", "ja"),
        ("迎撃ミサイルの共同生産について協議した。", "ja"),
        ("Il Giappone produrrà intercettori Patriot per l'Europa.", "it"),
        ("Les missiles de croisière seront livrés en mars.", "fr"),
        ("Die Marine erhält neue Marschflugkörper.", "de"),
        ("La armada recibirá misiles de crucero en marzo.", "es"),
    ],
)
def test_missiles_are_munitions_in_every_language(text: str, language: str) -> None:
    assert "munitions" in areas_in(text, language=language)


def test_interceptor_drones_are_not_munitions_in_other_languages() -> None:
    assert "munitions" not in areas_in("Arrivano nuovi intercettori di droni.", language="it")
    assert "munitions" not in areas_in("迎撃ドローンを配備する。", language="ja")


def test_rows_read_earlier_give_the_same_result() -> None:
    from natojp.taxonomy import area_rows

    articles = [story(language) for language in LANGUAGES] + [story("en")]
    want = tag_articles(articles)
    rows = area_rows(articles[::2])  # every other article read earlier, alone
    assert all(rows[a.id] == area_rows([a])[a.id] for a in articles[::2])
    got = tag_articles(articles, rows=rows)
    assert got.scores.equals(want.scores)
    assert (got.evidence, got.terms, got.uncovered) == (want.evidence, want.terms, want.uncovered)
    assert list(got.evidence) == [a.id for a in articles]  # in article order, as before
