"""Tests for the technology-area taxonomy, its term syntax and the tagger."""

from __future__ import annotations

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


def article(*paragraphs: str, article_id: str = "a") -> Article:
    return Article(
        id=article_id, source_path=f"{article_id}.txt", paragraphs=tuple(map(Paragraph, paragraphs))
    )


def mini(**areas: list[str]) -> Taxonomy:
    """A taxonomy with one area per keyword (underscores in names become hyphens)."""
    return Taxonomy(
        tuple(
            Area(id=name.replace("_", "-"), label=name, description="", terms=tuple(terms))
            for name, terms in areas.items()
        )
    )


def areas_in(text: str, taxonomy: Taxonomy | None = None) -> set[str]:
    return set(tag_articles([article(text)], taxonomy).mentioned("a"))


def matched(text: str, *terms: str, exclude: tuple[str, ...] = ()) -> list[str]:
    """The surface strings ``terms`` (one test area) find in ``text``."""
    taxonomy = Taxonomy((Area("t", "T", "", terms, exclude),))
    return tag_articles([article(text)], taxonomy).terms["a"].get("t", [])


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
