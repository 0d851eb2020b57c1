from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from natojp import analyze
from natojp._dates import PartialDate
from natojp.analysis import Analysis
from natojp.findings import (
    article_label,
    article_similarity_finding,
    coverage_finding,
    duplicates_finding,
    events_finding,
    findings,
    outlet_of,
    publication_finding,
    reports_finding,
    source_similarity_finding,
    uncovered_finding,
)
from natojp.labels import article_labels
from natojp.models import Article, Paragraph
from natojp.taxonomy import Area, Taxonomy, tag_articles
from tests.charts.helpers import art


def test_findings_are_computed_from_the_analysis(seeds: Analysis) -> None:
    lines = findings(seeds)
    n = len(seeds.articles)
    reports = len(seeds.duplicates.independent_reports)
    assert lines[0].startswith(f"{n} articles from 5 sources make {reports} independent reports")
    # articles are named by their labels (outlet · short title), never by file id
    labels = article_labels(seeds.articles)
    said = f"{labels['000_3d9694f0226b20af']} rewrites {labels['001_92ee229aff965d8c']}"
    assert (
        said
        == "Anadolu Agency · Japan, NATO mulling… rewrites The Japan Times · Japan and NATO to launch…"
    )
    assert said in lines[0]
    assert not any(a.id in line for line in lines for a in seeds.articles)
    rare = next(line for line in lines if line.startswith("Only "))
    mentioned = (seeds.tech.scores > 0).sum(axis=0)
    count = int(mentioned[mentioned > 0].min())
    assert rare.startswith(f"Only {count} of {n} articles mention")
    assert "Semiconductors" in rare
    assert any("off-topic" in line for line in lines)
    undated = sum(a.published is None for a in seeds.articles)
    dated = f"{n - undated} of {n} articles are dated ({n - undated} from the manifest); "
    assert f"{dated}{undated} carry no publication date." in lines


def test_attribution_findings_count_bases_types_and_wires() -> None:
    from natojp.findings import attribution_findings
    from natojp.models import Evidence
    from natojp.selection import attribution

    def made(aid: str, **fields: Any) -> Article:
        return replace(art(aid), **fields)

    articles = [
        made(
            "a",
            outlet="Kyodo News",
            outlet_basis="header",
            outlet_type="wire",
            wires=("Kyodo News",),
        ),
        made(
            "b",
            outlet="Japan Today",
            outlet_basis="registry",
            outlet_type="newspaper",
            wires=("AP",),
        ),
        made("c", outlet="example.org", outlet_basis="url"),
        made("d"),
    ]
    dated = [
        replace(
            articles[0],
            published=PartialDate(2025, 4, 9),
            published_basis="header",
            published_evidence=Evidence("header", "April 9, 2025", 2),
        ),
        *articles[1:],
    ]
    lines = attribution_findings(attribution(dated))
    assert lines == [
        "1 of 4 articles are dated (1 from a line above the body); 3 carry no publication date.",
        "The outlet is known for 3 of 4 (1 from a line above the body, 1 from a web address "
        "in the outlet registry, 1 from the web address); by type: 1 wire, 1 newspaper; "
        "1 not in the outlet registry.",
        "Content credited to wire agencies: Kyodo News (1), AP (1).",
    ]
    assert attribution_findings(attribution([])) == []


def test_findings_follow_the_corpus(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Drone talks open\n\nOfficials opened talks on drones in Brussels on the first day.",
        encoding="utf-8",
    )
    lines = findings(analyze([tmp_path]))
    assert lines[0] == "1 article from 1 source make 1 independent report."
    assert any("Uncrewed" in line for line in lines)
    assert any(line.startswith("No article mentions") for line in lines)


def test_findings_name_the_articles_the_taxonomy_cannot_score(tmp_path: Path) -> None:
    from tests.multilingual import write_multilingual_corpus

    lines = findings(analyze([write_multilingual_corpus(tmp_path)]))
    areas = len(Taxonomy.default().areas)
    assert (
        f"2 articles (languages: nl, pt) are in languages the taxonomy has no terms for in "
        f"any of its {areas} areas: all their area scores count English terms only and are "
        "likely too low."
    ) in lines


def test_uncovered_finding_wording() -> None:
    taxonomy = Taxonomy(
        (
            Area("sea", "Sea", "", ("naval",), terms_by_language={"it": ("navale",)}),
            Area("air", "Air", "", ("aircraft",)),
            Area("land", "Land", "", ("tank",)),
        )
    )

    def in_language(aid: str, language: str | None) -> Article:
        return Article(aid, f"{aid}.txt", (Paragraph("Il cantiere navale.", 1),), language=language)

    italian, english = in_language("it1", "it"), in_language("en1", "en")
    tech = tag_articles([italian, english], taxonomy)
    assert uncovered_finding([italian, english], tech) == (
        "1 article (language: it) is in a language the taxonomy has no terms for in 2 areas "
        "(Air and Land): its scores for them count English terms only and are likely too low."
    )
    assert uncovered_finding([english], tech) is None  # only the articles given count
    assert uncovered_finding([], tech) is None


# --------------------------------------------------------------------------- chart slides


def test_coverage_finding_wording() -> None:
    counts = [("Cyber", 5), ("Space", 4), ("Semiconductors", 2), ("Quantum", 0)]
    assert coverage_finding(counts, 5) == (
        "Most covered: Cyber (5 of 5), Space (4 of 5) and Semiconductors (2 of 5).",
        "Only 2 of 5 sources mention Semiconductors; none mentions Quantum.",
    )
    assert coverage_finding([("Cyber", 3)], 3)[1] == "Every source mentions all 1 area."
    assert coverage_finding([("Cyber", 0)], 3)[0].startswith("None of the 3 sources")


def test_source_similarity_finding_wording() -> None:
    pairs = [("A", "B", 0.5), ("A", "C", 0.1), ("B", "C", 0.3)]
    assert source_similarity_finding(pairs) == (
        "Most alike: A and B (cosine 0.50); least alike: A and C (0.10).",
        "Mean cosine over 3 source pairs: 0.30 (1 = same wording, 0 = no words in common).",
    )
    assert source_similarity_finding([])[0] == "Only one source: nothing to compare."


def test_labels_name_the_outlet_and_title_else_the_id(seeds: Analysis) -> None:
    assert article_label(art("x", "Reuters", title="Talks open")) == "Reuters · Talks open"
    assert article_label(art("x", title="Talks open")) == "Talks open"
    assert article_label(Article("x", "x.txt", ())) == "x"  # no outlet, no title
    first = seeds.articles[0]
    assert outlet_of(seeds, first.id) == first.outlet
    assert article_label(first) == article_labels(seeds.articles)[first.id]


def test_chart_findings_come_from_the_seeds(seeds: Analysis) -> None:
    n = len(seeds.articles)
    reports = len(seeds.duplicates.independent_reports)
    assert reports_finding(seeds)[0] == f"{n} articles make {reports} independent reports."

    dated = [a for a in seeds.articles if a.published is not None]
    first = min(dated, key=lambda a: (a.published.start() if a.published else 0, a.id))
    line1, line2 = publication_finding(seeds)
    assert line1.startswith(f"{len(dated)} articles from ")
    assert line2.startswith(f"First: {article_label(first)} (")

    events = [e for e in seeds.timeline.events if any(m.kind != "publication" for m in e.mentions)]
    assert events_finding(seeds)[0] == (
        f"{len(events)} dated events from {events[0].date.iso()} to {events[-1].date.iso()}."
    )

    across = [p for p in seeds.duplicates.pairs if p.scope == "across"]
    assert duplicates_finding(seeds)[0].startswith(
        f"{len(across)} passages appear in more than one article: "
    )
    a, b, score = seeds.similarity.most_similar_pairs(1)[0]
    labels = article_labels(seeds.articles)
    assert article_similarity_finding(seeds)[0] == (
        f"Most similar articles: {labels[a]} and {labels[b]} (cosine {score:.2f})."
    )


def test_chart_findings_of_a_one_article_corpus(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Drone talks open\n\nOfficials opened talks on drones in Brussels.", encoding="utf-8"
    )
    one = analyze([tmp_path])
    assert reports_finding(one) == (
        "1 article make 1 independent report: every article is its own report.",
        "No article copies or rewrites another's prose.",
    )
    assert article_similarity_finding(one) == ("Only one article: nothing to compare.", "")
    assert duplicates_finding(one)[0] == "No passage appears in more than one article."
    assert publication_finding(one)[0] == "None of the 1 article carries a publication date."


def test_an_off_topic_article_is_named_with_its_reason() -> None:
    from pathlib import Path

    from natojp import analyze
    from natojp.findings import findings, off_topic_finding

    story = analyze([Path(__file__).parent / "fixtures" / "story40" / "articles"])
    line = off_topic_finding(story)
    assert line is not None and line in findings(story)
    assert line.startswith(
        "Off the main story (still counted in the charts, but not on the publication timeline): "
    )
    assert "shares little with the rest of the corpus" in line
    assert line.count(": ") == 2  # one article, one reason


def test_an_old_article_off_the_story_is_not_its_first_report() -> None:
    from pathlib import Path

    from natojp import analyze

    story = analyze([Path(__file__).parent / "fixtures" / "story40" / "articles"])
    off = story.off_story()
    assert off == frozenset(story.relevance.off_topic) and len(off) == 1
    (old,) = off  # an unrelated profile published ten years before the story
    published = {a.id: a.published for a in story.articles if a.published is not None}
    assert published[old] == min(published.values(), key=lambda d: d.start())
    on_story = sorted((d.start(), d.iso(), i) for i, d in published.items() if i not in off)
    kept = {i for *_, i in on_story}
    outlets = len({a.source for a in story.articles if a.id in kept})
    line1, line2 = publication_finding(story)
    assert line1 == (
        f"{len(on_story)} articles from {outlets} outlets published "
        f"between {on_story[0][1]} and {on_story[-1][1]}; 1 article off the main story "
        "not counted."
    )
    labels = story.article_labels()
    assert line2.startswith(f"First: {labels[on_story[0][2]]} ({on_story[0][1]})")


def test_provenance_finding_names_the_first_publisher_of_the_largest_story(
    seeds: Analysis,
) -> None:
    from natojp.findings import provenance_finding

    line1, line2 = provenance_finding(seeds)
    assert "told by several articles" in line1 and "independent report" in line1
    assert line2.startswith("First published by The Japan Times")


def test_corroboration_finding_counts_what_two_reports_carry_and_calls_flags_flags(
    seeds: Analysis,
) -> None:
    from natojp.findings import corroboration_finding

    line1, line2 = corroboration_finding(seeds)
    c = seeds.corroboration()
    several = sum(q.n_reports >= 2 for q in c.quotes)
    assert line1.startswith("Carried by two or more independent reports:")
    assert f"{several} of {len(c.quotes)} quotes" in line1
    assert f"{len(c.flags)} items" in line2 and "not verdicts" in line2
