"""Direction of copying (natojp.duplicates._direction), one invented case per rule.

Every text here is invented. Three cases re-create, with invented words, the failures
seen on real corpora: a scrape without the lead named the original, an agency article
whose source "told" an outlet shown as a rewrite of the scraper, and two reprints of one
wire story ordered by length.
"""

from __future__ import annotations

from natojp._dates import PartialDate
from natojp.duplicates import DIRECTION_BASES, Dependency, find_duplicates
from natojp.duplicates._direction import attribution, strong_date
from natojp.models import Article, Paragraph

# An invented interview in five paragraphs (the first is its lead).
STORY = [
    "Harbour authorities in the fictional port of Velmora confirmed on Tuesday that a new "
    "dredging plan would double the depth of the northern channel within three years.",
    "Port director Lina Okafor said the channel had silted faster than any survey had "
    "predicted, forcing larger container ships to wait offshore for the evening tide.",
    "Engineers from the regional water board will begin sampling the seabed next month, "
    "and the first barges are expected to arrive before the autumn storms set in.",
    "Fishing cooperatives along the estuary have asked for compensation because the "
    "dredging season overlaps with the spawning run of the local silver mullet.",
    "Okafor said a public hearing on the environmental study would be held in the old "
    "customs hall, where residents could read the full report and file objections.",
]
EXTRA = [
    "Velmora handled a record volume of timber and grain last year, according to figures "
    "published by the chamber of commerce in its annual review of regional trade.",
    "The last major works on the channel were finished decades ago, when the port still "
    "relied on a fleet of small coastal steamers and a single wooden pier.",
]
CHROME = [
    "Share this story",
    "Follow us for daily port news",
    "Related: Velmora tide tables",
    "Sign up for our newsletter",
    "Read more harbour stories",
    "Advertise with us today",
    "Contact the newsroom",
    "Terms of use apply",
]


def art(
    aid: str,
    *paras: str,
    outlet: str | None = None,
    published: str | None = None,
    basis: str | None = None,
    wires: tuple[str, ...] = (),
    fmt: str = "txt",
) -> Article:
    return Article(
        id=aid,
        source_path=aid,
        paragraphs=tuple(Paragraph(p, i + 1) for i, p in enumerate(paras)),
        outlet=outlet,
        published=PartialDate.from_iso(published) if published else None,
        published_basis=basis if published else None,
        wires=wires,
        format=fmt,
    )


def only(deps: tuple[Dependency, ...], a: str, b: str) -> Dependency:
    [dep] = [d for d in deps if {d.source, d.derivative} == {a, b}]
    return dep


def test_every_direction_basis_is_documented() -> None:
    assert set(DIRECTION_BASES) == {
        "date",
        "credit",
        "attribution",
        "chain",
        "common-source",
        "containment",
        "length",
    }


def test_strong_dates_on_different_days_decide() -> None:
    first = art("first", *STORY, published="2025-03-02", basis="header")
    later = art("later", *STORY, published="2025-03-04", basis="url")
    dep = only(find_duplicates([later, first]).dependencies, "first", "later")
    assert (dep.source, dep.derivative) == ("first", "later")
    assert (dep.direction_basis, dep.certain) == ("date", True)
    assert "published later" in dep.basis


def test_strong_dates_come_before_a_credit() -> None:
    """The order of the evidence: a copy dated earlier on a strong basis is the
    original even if the other names it (a name alone could be a reply)."""
    a = art("a", *STORY, outlet="Velmora Courier", published="2025-03-02", basis="manifest")
    b = art(
        "b",
        *STORY,
        "Velmora Courier reported the plan first.",
        outlet="Port Weekly",
        published="2025-03-01",
        basis="manifest",
    )
    dep = only(find_duplicates([a, b]).dependencies, "a", "b")
    assert (dep.source, dep.derivative, dep.direction_basis) == ("b", "a", "date")


def test_weak_dates_do_not_decide_before_containment_and_are_not_certain() -> None:
    """A dateline in the text and a web page's markup are weak: the copy carries the
    original's dateline, and page metadata is often another date."""
    assert not strong_date(art("t", "x", published="2025-03-02", basis="text"))
    assert not strong_date(art("h", "x", published="2025-03-02", basis="metadata", fmt="html"))
    assert strong_date(art("c", "x", published="2025-03-02", basis="metadata", fmt="csv"))
    assert strong_date(art("n", "x", published="2025-03-02"))  # a caller's own date
    a = art("a", *STORY, published="2025-03-02", basis="text")
    b = art("b", *STORY, published="2025-03-05", basis="metadata", fmt="html")
    dep = only(find_duplicates([a, b]).dependencies, "a", "b")
    assert (dep.source, dep.derivative) == ("a", "b")
    assert (dep.direction_basis, dep.certain) == ("date", False)
    assert "weak basis" in dep.basis and "direction not certain" in dep.basis


def test_a_wire_credit_decides_on_the_same_day() -> None:
    agency = art(
        "agency", *STORY, outlet="Kyodo News", published="2025-03-02", basis="header",
        wires=("Kyodo News",),
    )  # fmt: skip
    paper = art(
        "paper", *STORY[:4], outlet="The Japan Times", published="2025-03-02", basis="header",
        wires=("Kyodo News",),
    )  # fmt: skip
    dep = only(find_duplicates([paper, agency]).dependencies, "agency", "paper")
    assert (dep.source, dep.derivative) == ("agency", "paper")
    assert (dep.direction_basis, dep.certain) == ("credit", True)
    assert "paper names Kyodo News as its source" in dep.basis


def test_attribution_phrases() -> None:
    def said(text: str, outlet: str) -> str | None:
        return attribution(art("x", text), outlet)

    assert said("The plan was first reported, according to the Velmora Courier.", "Velmora Courier")
    assert said("Okafor told The Harbour Ledger on Monday.", "The Harbour Ledger")
    assert said("VELMORA (AP) — Dredging will start soon.", "Associated Press")
    assert said("Port Weekly reported that the plan was ready.", "Port Weekly")
    assert said("© Harbour Ledger 2025", "The Harbour Ledger")
    # Inside quoted speech, in another word, or a short alias in lower case: no.
    assert said('"We told the Harbour Ledger everything," she said.', "The Harbour Ledger") is None
    assert said("The map was drawn by an apprentice.", "Associated Press") is None
    assert said("He hoped the cap would fit.", "Associated Press") is None


def test_agency_article_citing_what_its_source_told_an_outlet_derives_from_that_outlet() -> None:
    """Real failure 2, invented: 'X told The Harbour Ledger' in an agency article means
    the Ledger asked the question; the agency rewrites the Ledger (not the scraper)."""
    ledger = art(
        "ledger", *STORY, outlet="The Harbour Ledger", published="2025-03-02", basis="header"
    )
    scrape = art("scrape", *STORY[1:], outlet="Port Digest Online")
    agency = art(
        "agency",
        "VELMORA — The port of Velmora will deepen its northern channel, its director said.",
        STORY[1].replace("Port director Lina Okafor said", "Lina Okafor told The Harbour Ledger"),
        STORY[2],
        "Officials in the capital have not commented on the cost of the works so far.",
        outlet="Coastal Press Agency",
        wires=("Coastal Press Agency",),
    )
    deps = find_duplicates([agency, scrape, ledger]).dependencies
    cited = only(deps, "ledger", "agency")
    assert (cited.source, cited.derivative) == ("ledger", "agency")
    assert (cited.direction_basis, cited.certain) == ("attribution", True)
    assert "told The Harbour Ledger" in cited.basis
    scraped = only(deps, "ledger", "scrape")
    assert (scraped.source, scraped.derivative, scraped.direction_basis) == (
        "ledger",
        "scrape",
        "containment",
    )
    siblings = only(deps, "agency", "scrape")
    assert siblings.direction_basis == "common-source" and not siblings.certain
    assert siblings.via == "ledger" and "direction not certain" in siblings.basis


def test_a_scrape_without_the_lead_is_the_copy_even_when_longer() -> None:
    """Real failure 1, invented: the scraper lacks the lead and adds page furniture, so
    more of the original than of the scrape is shared text; the old rule (the larger
    share of shared text is the copy) named the scraper the original."""
    original = art(
        "original", *STORY, outlet="The Harbour Ledger", published="2025-03-02", basis="header"
    )
    scrape = art("scrape", *STORY[1:], *CHROME, *CHROME, outlet="Port Digest Online")
    dep = only(find_duplicates([scrape, original]).dependencies, "original", "scrape")
    assert dep.coverage < 0.9  # the scrape is less made of shared text than the original
    assert (dep.source, dep.derivative) == ("original", "scrape")
    assert (dep.direction_basis, dep.certain) == ("containment", True)
    assert "dropped the lead" in dep.basis


def test_two_reprints_of_one_wire_story_copy_neither_each_other() -> None:
    """Real failure 3, invented: two outlets reprint one AP story (AP's page not in the
    corpus) on the same day, one trimmed: no length order is stated as fact."""
    full = art(
        "full", *STORY, outlet="Harbour Herald", published="2025-03-02", basis="header",
        wires=("Associated Press",),
    )  # fmt: skip
    trimmed = art(
        "trimmed", *STORY[:4], outlet="Gulf Evening Star", published="2025-03-02",
        basis="header", wires=("Associated Press",),
    )  # fmt: skip
    dep = only(find_duplicates([full, trimmed]).dependencies, "full", "trimmed")
    assert (dep.direction_basis, dep.certain, dep.via) == (
        "common-source",
        False,
        "Associated Press",
    )
    assert "both carry Associated Press's story" in dep.basis
    assert "direction not certain" in dep.basis


def test_an_abridgement_inside_a_fuller_text_is_the_derivative() -> None:
    full = art("full", *STORY, *EXTRA)
    short = art("short", *STORY[:4])
    dep = only(find_duplicates([full, short]).dependencies, "full", "short")
    assert (dep.source, dep.derivative) == ("full", "short")
    assert (dep.direction_basis, dep.certain) == ("containment", True)
    assert "excerpt or abridgement" in dep.basis


def test_a_copy_that_only_adds_page_furniture_is_the_copy() -> None:
    original = art("original", *STORY)
    page = art("page", *STORY, *CHROME, *CHROME)
    dep = only(find_duplicates([original, page]).dependencies, "original", "page")
    assert (dep.source, dep.derivative) == ("original", "page")
    assert dep.direction_basis == "containment"
    assert "page furniture" in dep.basis


def test_a_chain_of_certain_links_settles_an_undated_pair() -> None:
    """A rewrite dated after a reprint of an undated wire story rewrites the wire
    story: rewrite ← reprint (dates) and reprint ← wire (credit) give rewrite ← wire."""
    wire = art("wire", *STORY, outlet="Associated Press", wires=("Associated Press",))
    reprint = art(
        "reprint", *STORY, outlet="Harbour Herald", published="2025-03-02", basis="header",
        wires=("Associated Press",),
    )  # fmt: skip
    rewrite = art(
        "rewrite",
        "A dredging scheme for the Velmora channel drew mixed reactions this week.",
        STORY[1],
        "Critics called the timetable hopelessly optimistic for such a shallow estuary.",
        STORY[3],
        "Nobody from the water board answered questions about the cost of the barges.",
        outlet="Sea Lanes Digest",
        published="2025-03-05",
        basis="header",
    )
    deps = find_duplicates([rewrite, reprint, wire]).dependencies
    dep = only(deps, "wire", "rewrite")
    assert (dep.source, dep.derivative) == ("wire", "rewrite")
    assert (dep.direction_basis, dep.certain, dep.via) == ("chain", True, "reprint")


def test_length_is_the_last_resort_and_says_so() -> None:
    a = art("a", STORY[0], STORY[1], STORY[2], EXTRA[0])
    b = art("b", STORY[0], STORY[1], STORY[2], EXTRA[1], CHROME[0])
    dep = only(find_duplicates([a, b]).dependencies, "a", "b")
    assert (dep.direction_basis, dep.certain) == ("length", False)
    assert "direction not certain" in dep.basis


def test_direction_leaves_pairs_and_groups_unchanged() -> None:
    """Reversing every date reverses the dependency, never the pairs or the groups."""
    a = art("a", *STORY, published="2025-03-02", basis="header")
    b = art("b", *STORY[:4], published="2025-03-04", basis="header")
    one = find_duplicates([a, b])
    a2 = art("a", *STORY, published="2025-03-06", basis="header")
    two = find_duplicates([a2, b])
    assert one.pairs == two.pairs
    assert {frozenset(g) for g in one.independent_reports} == {
        frozenset(g) for g in two.independent_reports
    }
    assert (one.dependencies[0].source, two.dependencies[0].source) == ("a", "b")
