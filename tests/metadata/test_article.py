from __future__ import annotations

import pytest

from natojp._dates import PartialDate
from natojp.clean import CleanedText, clean_text
from natojp.errors import ManifestError
from natojp.metadata import Manifest, ManifestEntry, build_article, derive_title
from natojp.metadata.article import _margins
from natojp.models import Article, Evidence, Paragraph, Removal, SourceText
from tests import SEEDS

TEXT = "\n".join(
    [
        "Envoy plans talks with alliance",
        "- Politics",
        "- Kyodo News",
        "- Published: 12 May 2025",
        "The envoy said talks with the alliance would begin in the coming months.",
    ]
)


def build(text: str = TEXT, entry: ManifestEntry | None = None, **source: str | None) -> Article:
    src = SourceText("doc", "doc.txt", text, "txt", **source)  # type: ignore[arg-type]
    return build_article(src, clean_text(text, title=src.title), entry)


def test_fields_from_the_text() -> None:
    a = build()
    assert a.title == "Envoy plans talks with alliance" and not a.title_derived
    assert (a.outlet, a.outlet_basis) == ("Kyodo News", "header")
    assert a.outlet_evidence == Evidence("header", "Kyodo News", 3)
    assert a.published == PartialDate(2025, 5, 12) and a.published_basis == "header"
    assert a.published_evidence is not None and a.published_evidence.line == 4


def test_structured_source_fields_beat_the_text() -> None:
    a = build(
        outlet="Reuters", published="2025-05-13T08:00:00Z", title="Given title", url="https://x"
    )
    assert (a.outlet, a.outlet_basis) == ("Reuters", "metadata")
    assert a.published == PartialDate(2025, 5, 13) and a.published_basis == "metadata"
    assert a.title == "Given title" and a.url == "https://x"


def test_manifest_wins_and_disagreement_is_noted() -> None:
    entry = ManifestEntry(outlet="Kyodo", published=PartialDate(2025, 4), url="https://m")
    a = build(entry=entry)
    assert (a.outlet, a.outlet_basis) == ("Kyodo News", "manifest")  # the registry's name
    assert a.outlet_evidence == Evidence("manifest", "manifest entry 'Kyodo'")
    assert a.published == PartialDate(2025, 4) and a.published_basis == "manifest"
    assert any("2025-05-12" in n for n in a.notes), a.notes  # the header disagrees: noted


def test_unreadable_structured_date_is_noted_not_invented() -> None:
    a = build(text="A sentence that is the whole body of the article here.", published="soon")
    assert a.published is None and a.published_basis is None
    assert any("soon" in n for n in a.notes)


def test_title_is_derived_from_the_lede_when_there_is_no_headline() -> None:
    a = build(
        text="NATO and Japan have held their first formal dialogue on defence industrial cooperation. More."
    )
    assert a.title_derived
    assert a.title == "NATO and Japan have held their first formal dialogue on defence industrial…"
    assert derive_title("") is None


def test_manifest_parsing_and_errors(tmp_path: object) -> None:
    m = Manifest.from_toml(
        '[articles.a]\noutlet = "X"\npublished = "2025-07"\n[articles.a.sources]\noutlet = "byline"\n'
    )
    entry = m.get("a")
    assert entry is not None and entry.published == PartialDate(2025, 7)
    assert entry.sources == {"outlet": "byline"} and m.get("b") is None
    with pytest.raises(ManifestError, match="unknown keys"):
        Manifest.from_toml('[articles.a]\nauthor = "Y"\n')
    with pytest.raises(ManifestError, match="published"):
        Manifest.from_toml('[articles.a]\npublished = "July 2025"\n')
    with pytest.raises(ManifestError, match="TOML"):
        Manifest.from_toml("[articles.a\n")
    with pytest.raises(ManifestError, match="cannot read"):
        Manifest.load("/nonexistent/manifest.toml")


def test_the_shipped_seed_manifest_is_valid() -> None:

    m = Manifest.load(SEEDS / "manifest.toml")
    assert len(m.entries) == 5
    assert all(e.sources for e in m.entries.values())  # every fact says where it comes from


@pytest.mark.parametrize(
    "lines",
    [
        [
            "Envoy plans talks",
            "By Hana Mori | Kyodo News",
            "Talks will begin in the coming months.",
        ],
        ["Envoy plans talks", "TOKYO (AP) — Talks will begin in the coming months, he said."],
        ["Envoy plans talks", "Talks will begin in the coming months.", "(c) 2025 AFP"],
    ],
)
def test_an_agency_credited_alone_is_the_wire_not_the_outlet(lines: list[str]) -> None:
    a = build("\n".join(lines))
    assert a.outlet is None and a.outlet_basis is None
    assert len(a.wires) == 1


def test_masthead_with_an_agency_credit() -> None:
    a = build("\n".join(["Le Monde", "Le Monde avec AFP", "Les alliés se réunissent à Paris."]))
    assert a.outlet == "Le Monde" and a.wires == ("Agence France-Presse",)


def test_unregistered_masthead_is_noted_and_a_section_is_no_outlet() -> None:
    a = build("\n".join(["The Harbour Post", "Envoy plans talks", "Talks begin in May."]))
    assert a.outlet == "The Harbour Post" and a.outlet_country is None
    assert any("not in the outlet registry" in n for n in a.notes), a.notes
    a = build("\n".join(["World News", "Envoy plans talks", "Talks begin in May."]))
    assert a.outlet is None


def test_site_name_in_metadata_is_named_as_the_registry() -> None:
    a = build(TEXT, outlet="日本経済新聞 電子版")
    assert (a.outlet, a.outlet_basis) == ("Nikkei", "metadata")


def test_an_english_numeric_date_follows_the_outlets_country() -> None:
    from natojp.clean import clean_text
    from natojp.metadata import build_article
    from natojp.models import SourceText

    body = (
        "Defence ministers from four countries agreed to place joint orders for air-defence "
        "interceptors, officials said after a meeting that ran late into the evening.\n\n"
        "The first contracts are expected within a year, and industry was asked to plan for "
        "larger production runs than any single country could justify on its own."
    )
    dated = {}
    for masthead in ("The Guardian", "The Washington Post"):
        text = f"{masthead}\nMinisters agree to pool interceptor orders\n03/04/2025\n\n{body}"
        article = build_article(SourceText("a", "a.txt", text, "txt"), clean_text(text))
        assert article.outlet == masthead
        dated[masthead] = article.published.iso() if article.published else None
    assert dated == {"The Guardian": "2025-04-03", "The Washington Post": "2025-03-04"}


def test_an_unsure_language_is_settled_by_the_outlets_country() -> None:
    # A company's results: figures and abbreviations, too little language for the model
    # alone (English leads, unsure). Under a registry outlet of an English-speaking
    # country, English is taken, with a note; under no known outlet, no language.
    table = "\n".join(
        [
            "SPRINGFIELD, Ill., March 11 - Shr 64 cts vs 51 cts",
            "Net 4,373,000 vs 3,346,000",
            "Sales 59.8 mln vs 45.5 mln",
            "Avg shrs 6,808,000 vs 6,600,000",
            "Nine mths",
            "Shr 1.57 dlrs vs 1.18 dlrs",
            "Net 10.7 mln vs 7,745,000",
            "Sales 167.0 mln vs 123.1 mln",
        ]
    )
    bare = build_article(SourceText("a", "a.txt", table, "txt"), clean_text(table))
    assert bare.language is None
    source = SourceText("b", "b.txt", table, "txt", outlet="Reuters")
    a = build_article(source, clean_text(table))
    assert (a.outlet, a.language) == ("Reuters", "en")
    assert any(n.startswith("language: 'en', a language of the outlet's country") for n in a.notes)
    # A sure guess is never changed by the prior: an Italian text under a British outlet.
    italian = (
        "Il ministro della Difesa ha incontrato ieri a Roma il segretario generale della NATO "
        "per discutere della cooperazione con il Giappone nella difesa informatica e spaziale."
    )
    source = SourceText("c", "c.txt", italian, "txt", outlet="Reuters")
    a = build_article(source, clean_text(italian))
    assert a.language == "it" and not any(n.startswith("language:") for n in a.notes)


# ------------------------------------------------ header lines below a kept paragraph

_PROSE = [
    "Defence ministers from five countries met on Tuesday to discuss how a future force "
    "could support a ceasefire, officials said.",
    "The ministers agreed to send planning teams to the region next month and to report "
    "back to their governments before the summer.",
    "Officials said the plan would need approval from parliaments in several of the "
    "countries taking part, which could take months.",
]


def _page(
    kept: list[tuple[int, str]], removed: list[tuple[int, str, str]]
) -> tuple[SourceText, CleanedText]:
    """A text and its cleaning as given: kept paragraphs and removed (line, text, reason)."""
    lines: dict[int, str] = {n: t for n, t in kept} | {n: t for n, t, _ in removed}
    text = "\n".join(lines.get(i, "") for i in range(1, max(lines) + 1))
    cleaned = CleanedText(
        paragraphs=tuple(Paragraph(t, n) for n, t in kept),
        removed=tuple(Removal(n, t, reason) for n, t, reason in removed),
    )
    return SourceText("doc", "doc.txt", text, "txt"), cleaned


def test_a_credit_below_the_kept_standfirst_reaches_wire_detection() -> None:
    # A pasted page: its address, then the site's name, a section and the headline kept
    # as paragraphs, then the credit that cleaning took out, then the text.
    source, cleaned = _page(
        [
            (3, "Harbour Post"),
            (4, "Europe"),
            (5, "Ministers meet in Paris to discuss a reassurance force"),
            (9, _PROSE[0]),
            (11, _PROSE[1]),
        ],
        [
            (1, "https://www.harbourpost.example/europe/2025/03/11/ministers-meet", "headline"),
            (6, "By Harbour Post with AP, AFP", "metadata"),
            (7, "Published on 11/03/2025 - 14:12", "metadata"),
        ],
    )
    header, _ = _margins(source, cleaned)
    assert (6, "By Harbour Post with AP, AFP") in header
    assert [n for n, _ in header] == sorted(n or 0 for n, _ in header)  # in text order
    a = build_article(source, cleaned)
    assert a.wires == ("Associated Press", "Agence France-Presse")


def test_a_byline_below_kept_header_paragraphs_with_no_prose_reaches_wire_detection() -> None:
    # The body's paragraphs were all taken out (as comments): the byline still stands
    # at the top of the article, below the section and the headline.
    source, cleaned = _page(
        [(4, "World"), (6, "Allies weigh a new air-policing rotation"), (11, "Gift Article")],
        [
            (1, "The Harbour Post", "metadata"),
            (8, "By Associated Press", "metadata"),
            (9, "Updated March 3, 2025 at 11:02 a.m. EST", "metadata"),
            (13, _PROSE[0], "comment"),
        ],
    )
    header, _ = _margins(source, cleaned)
    assert (8, "By Associated Press") in header
    assert build_article(source, cleaned).wires == ("Associated Press",)


def test_a_metadata_line_deep_in_the_body_is_no_header_line() -> None:
    # A related story's byline below the first paragraph of prose, and one far down a
    # text of short paragraphs: neither is the article's credit.
    body = [(9 + 2 * i, _PROSE[i % 3]) for i in range(6)]
    source, cleaned = _page(
        [(1, "Harbour Post"), (3, _PROSE[0]), (5, _PROSE[1]), *body],
        [(7, "By Associated Press", "metadata")],
    )
    header, footer = _margins(source, cleaned)
    assert all(n != 7 for n, _ in header) and all(n != 7 for n, _ in footer)
    assert build_article(source, cleaned).wires == ()
    short = [(i, f"Item {i}") for i in range(1, 30, 2)]  # no paragraph of prose
    source, cleaned = _page(short, [(18, "By Associated Press", "metadata")])
    header, _ = _margins(source, cleaned)
    assert all(n != 18 for n, _ in header)


def test_a_quote_credit_in_the_body_stays_in_the_footer() -> None:
    body = [(9 + 2 * i, _PROSE[i % 3]) for i in range(6)]
    source, cleaned = _page(
        [(1, "Harbour Post"), (3, _PROSE[0]), (5, _PROSE[1]), *body],
        [(7, "Photo: AFP", "credit")],
    )
    header, footer = _margins(source, cleaned)
    assert all(n != 7 for n, _ in header) and (7, "Photo: AFP") in footer
