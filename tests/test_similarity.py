from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from natojp.config import SimilarityConfig
from natojp.models import Article, Paragraph
from natojp.similarity import (
    SimilarityResult,
    _top_per_row,
    area_cooccurrence,
    area_overlap,
    article_similarity,
    cluster_order,
    source_similarity,
    sources_by_size,
    topics,
    update_similarity,
)
from natojp.vectorise import vectorise


def art(aid: str, text: str) -> Article:
    return Article(aid, aid, (Paragraph(text, 1),))


ARTICLES = [
    art("drone1", "Drone makers and drone operators met defence officials in Tokyo."),
    art("drone2", "Defence officials met drone makers to discuss drone exports."),
    art("chip1", "Chip makers warned of semiconductor shortages and supply chains."),
    art("chip2", "Semiconductor supply chains and chip shortages worry makers."),
    art("other", "The football season ended with a dramatic final in the rain."),
]


def test_dense_matrix_is_symmetric_with_unit_diagonal() -> None:
    sim = article_similarity(vectorise(ARTICLES))
    m = sim.matrix
    assert m is not None and m.shape == (5, 5)
    assert np.allclose(m, m.T) and np.allclose(np.diag(m), 1.0)
    assert ((m >= 0) & (m <= 1)).all()
    frame = sim.frame()
    assert frame.loc["drone1", "drone2"] > frame.loc["drone1", "chip1"]


def test_neighbors_and_most_similar_pairs() -> None:
    sim = article_similarity(vectorise(ARTICLES), SimilarityConfig(top_k=2))
    assert sim.neighbors["chip1"][0][0] == "chip2"
    assert all(len(v) <= 2 for v in sim.neighbors.values())
    best = sim.most_similar_pairs(2)
    assert {frozenset(p[:2]) for p in best} == {
        frozenset({"chip1", "chip2"}),
        frozenset({"drone1", "drone2"}),
    }


def test_large_corpora_get_neighbors_but_no_dense_matrix() -> None:
    sim = article_similarity(vectorise(ARTICLES), SimilarityConfig(dense_max_articles=3, top_k=1))
    assert sim.matrix is None
    assert sim.neighbors["drone2"] == [("drone1", sim.neighbors["drone2"][0][1])]
    small = article_similarity(vectorise(ARTICLES), SimilarityConfig(top_k=1))
    assert small.matrix is not None
    assert abs(small.matrix[1, 0] - sim.neighbors["drone2"][0][1]) < 1e-3


def test_single_article() -> None:
    sim = article_similarity(vectorise(ARTICLES[:1]))
    assert sim.matrix is not None and sim.matrix.tolist() == [[1.0]]
    assert sim.neighbors == {"drone1": []}


def test_cluster_order_puts_similar_articles_together() -> None:
    sim = article_similarity(vectorise(ARTICLES))
    assert sim.matrix is not None
    order = [sim.ids[i] for i in cluster_order(sim.matrix)]
    assert sorted(order) == sorted(sim.ids)
    assert abs(order.index("chip1") - order.index("chip2")) == 1
    assert abs(order.index("drone1") - order.index("drone2")) == 1


def test_source_similarity_aggregates_by_source() -> None:
    terms = vectorise(ARTICLES)
    frame = source_similarity(
        terms, ["Drone Post", "Drone Post", "Chip Times", "Chip Times", "Sport"]
    )
    assert list(frame.index) == ["Drone Post", "Chip Times", "Sport"]
    assert np.allclose(np.diag(frame.to_numpy()), 1.0)
    assert frame.loc["Drone Post", "Chip Times"] < 0.5


def test_sources_by_size_most_articles_first_ties_first_seen() -> None:
    got = sources_by_size(["Solo", "B", "A", "A", "B", "C"])
    assert got == [("B", 2), ("A", 2), ("Solo", 1), ("C", 1)]
    assert sources_by_size([]) == []


def test_source_similarity_keeps_the_largest_sources_above_the_cap() -> None:
    terms = vectorise(ARTICLES)
    sources = ["Solo", "Drone Post", "Chip Times", "Chip Times", "Drone Post"]
    full = source_similarity(terms, sources)
    capped = source_similarity(terms, sources, max_sources=2)
    assert list(capped.index) == ["Drone Post", "Chip Times"]  # most articles, first seen
    assert np.allclose(capped.to_numpy(), full.loc[capped.index, capped.index].to_numpy())
    assert source_similarity(terms, sources, max_sources=3).shape == (3, 3)


def test_topics_group_articles() -> None:
    found = topics(vectorise(ARTICLES), n_topics=3)
    assert len(found) == 3
    groups = [{a for a, _ in t.articles} for t in found]
    assert {"chip1", "chip2"} in groups
    assert all(len(t.terms) > 0 for t in found)
    assert topics(vectorise(ARTICLES[:2])) == []  # too few articles for topics


def test_area_overlap_counts_shared_areas() -> None:
    scores = pd.DataFrame({"ai": [1.0, 2.0, 0.0], "space": [1.0, 0.0, 0.0]}, index=["a", "b", "c"])
    overlap = area_overlap(scores)
    assert overlap.loc["a", "b"] == 1 and overlap.loc["a", "a"] == 2 and overlap.loc["c", "a"] == 0


def test_area_cooccurrence_counts_articles_mentioning_both() -> None:
    scores = pd.DataFrame(
        {"ai": [1.0, 2.0, 0.0], "space": [1.0, 0.0, 3.0], "cyber": [0.0, 0.0, 0.0]},
        index=["a", "b", "c"],
    )
    co = area_cooccurrence(scores)
    assert list(co.index) == list(co.columns) == ["ai", "space", "cyber"]
    assert co.loc["ai", "ai"] == 2 and co.loc["space", "space"] == 2
    assert co.loc["ai", "space"] == co.loc["space", "ai"] == 1
    assert co.loc["cyber"].sum() == 0


def test_pruned_neighbors_match_exact_on_a_small_corpus() -> None:
    terms = vectorise(ARTICLES)
    exact = article_similarity(
        terms, SimilarityConfig(dense_max_articles=0, method="exact", top_k=2)
    )
    pruned = article_similarity(
        terms, SimilarityConfig(dense_max_articles=0, method="pruned", top_k=2)
    )
    assert exact.matrix is None and pruned.matrix is None
    assert pruned.neighbors == exact.neighbors
    auto = article_similarity(
        terms, SimilarityConfig(dense_max_articles=0, exact_max_articles=2, top_k=2)
    )
    assert auto.neighbors == exact.neighbors


def test_pruned_neighbors_are_exact_cosines_of_true_neighbours() -> None:
    words = [f"term{i}" for i in range(60)]
    rng = np.random.default_rng(3)
    arts = [
        art(f"a{i}", " ".join(rng.choice(words, size=30, replace=True).tolist())) for i in range(40)
    ]
    terms = vectorise(arts)
    exact = article_similarity(
        terms, SimilarityConfig(dense_max_articles=0, top_k=3, method="exact")
    )
    pruned = article_similarity(
        terms,
        SimilarityConfig(
            dense_max_articles=0,
            top_k=3,
            method="pruned",
            pruned_terms=500,
            pruned_postings=500,
            pruned_candidates=40,
        ),
    )
    for a, items in exact.neighbors.items():
        assert [s for _, s in pruned.neighbors[a]] == pytest.approx([s for _, s in items], abs=1e-3)


@pytest.mark.parametrize("cols_ordered", [False, True])
def test_top_per_row_matches_a_lexsort(cols_ordered: bool) -> None:
    """The 64-bit key sort keeps what a (row, -value, column) lexsort keeps, ties and
    negative values included."""
    rng = np.random.default_rng(3)
    rows = rng.integers(0, 40, 3_000)
    cols = rng.permutation(3_000)
    vals = rng.choice(np.array([-1.5, -0.25, 0.0, 0.25, 0.5, 0.5, 1.0, 3.0], np.float32), 3_000)
    if cols_ordered:  # the CSR layout: by row, then column
        order = np.lexsort((cols, rows))
        rows, cols, vals = rows[order], cols[order], vals[order]
    got = _top_per_row(rows, cols, vals, 7, cols_ordered=cols_ordered)
    order = np.lexsort((cols, -vals, rows))
    r, c, v = rows[order], cols[order], vals[order]
    rank = np.arange(r.size) - np.searchsorted(r, r)
    want = (r[rank < 7], c[rank < 7], v[rank < 7])
    for g, w in zip(got, want, strict=True):
        assert np.array_equal(g, w)


# --- Languages: similarity is not made of function words -----------------------------
# Own texts (not from real articles): "cyber" is a NATO cyber-defence accord in each
# language; the other topics are unrelated. Articles of one language on different
# topics share nothing but function words (della, che, per; die, und; の, は, を).

MULTILINGUAL = {
    "en_cyber": (
        "en",
        "Japan and NATO signed an agreement on cyber defence on Tuesday. It sets up a fast exchange of information about threats to power grids and telecommunications. The war in Ukraine was one reason for the deal, officials said.",
    ),
    "en_football": (
        "en",
        "The home side won Sunday's match three to one in front of thirty thousand fans. The coach said the younger players ran with great energy throughout the game, and the next league fixture is in two weeks.",
    ),
    "it_cyber": (
        "it",
        "Il governo italiano ha firmato con la NATO un accordo sulla difesa informatica. L'intesa prevede lo scambio rapido di informazioni sulle minacce contro le reti elettriche e le telecomunicazioni. Secondo il ministro della difesa, la cooperazione con gli alleati è necessaria per proteggere le infrastrutture critiche del paese.",
    ),
    "it_football": (
        "it",
        "La squadra di casa ha vinto la partita di domenica per tre a uno davanti a trentamila tifosi. L'allenatore ha detto che i giocatori più giovani hanno corso con grande energia per tutta la gara. Il prossimo incontro del campionato si giocherà a Napoli tra due settimane.",
    ),
    "it_food": (
        "it",
        "Nella piazza del paese si è aperta la sagra del tartufo, che quest'anno attira cuochi e visitatori da tutta la regione. I ristoranti propongono piatti di pasta fresca e risotti preparati con prodotti locali. Gli organizzatori sperano che il bel tempo duri fino alla fine della festa.",
    ),
    "fr_cyber": (
        "fr",
        "Le gouvernement français a signé avec l'OTAN un accord sur la cyberdéfense. Le texte prévoit un échange rapide d'informations sur les menaces visant les réseaux électriques et les télécommunications. Selon la ministre des Armées, la coopération avec les alliés est indispensable pour protéger les infrastructures critiques.",
    ),
    "fr_market": (
        "fr",
        "Le marché de Noël de la ville a ouvert ses portes samedi avec plus de cent chalets. Les visiteurs peuvent y goûter du vin chaud, des crêpes et des spécialités régionales. Les commerçants espèrent que la neige attirera encore plus de familles pendant les vacances.",
    ),
    "de_cyber": (
        "de",
        "Die Bundesregierung hat mit der NATO ein Abkommen über die Cyberabwehr unterzeichnet. Es sieht einen schnellen Austausch von Informationen über Angriffe auf Stromnetze und Telekommunikation vor. Nach Angaben des Verteidigungsministeriums ist die Zusammenarbeit mit den Verbündeten notwendig, um kritische Infrastruktur zu schützen. Der Krieg in der Ukraine war ein Anlass für das Abkommen.",
    ),
    "de_football": (
        "de",
        "Die Mannschaft gewann das Spiel am Sonntag mit drei zu eins vor dreißigtausend Zuschauern. Der Trainer sagte, die jungen Spieler seien mit großer Energie gelaufen. Das nächste Spiel der Liga findet in zwei Wochen in Hamburg statt, wie der Verein mitteilte.",
    ),
    "es_cyber": (
        "es",
        "El gobierno español firmó con la OTAN un acuerdo sobre ciberdefensa. El texto prevé un intercambio rápido de información sobre las amenazas contra las redes eléctricas y las telecomunicaciones. Según la ministra de Defensa, la cooperación con los aliados es necesaria para proteger las infraestructuras críticas.",
    ),
    "es_weather": (
        "es",
        "Las lluvias intensas de esta semana han provocado inundaciones en varios pueblos de la costa. Los vecinos han tenido que abandonar sus casas y los servicios de emergencia trabajan sin descanso. La agencia de meteorología prevé que el tiempo mejore a partir del jueves.",
    ),
    "ja_cyber": (
        "ja",
        "政府は十五日、北大西洋条約機構（NATO）との間でサイバー防衛に関する新たな協力文書に署名したと発表した。文書は、電力や通信などの重要インフラが攻撃を受けた場合に、双方が脅威情報を迅速に共有する仕組みを定めている。防衛省の担当者は記者会見で「欧州の同盟国との連携を深めることで、抑止力を高めたい」と述べた。",
    ),
    "ja_cyber_copy": (
        "ja",
        "政府は16日、北大西洋条約機構（NATO）との間でサイバー防衛に関する新しい協力文書に署名したと明らかにした。文書は、電力や通信などの重要インフラが攻撃を受けた際に、双方が脅威情報を迅速に共有する仕組みを定めている。防衛省の担当者は記者会見で「欧州の同盟国との連携を深めることで、抑止力を高めたい」と語った。",
    ),
    "ja_sakura": (
        "ja",
        "気象庁は二十日、東京都心で桜が開花したと発表した。平年より五日早く、昨年と比べても三日早い開花となった。上野公園では、早くも花見を楽しむ家族連れの姿が見られた。気象庁によると、満開は一週間ほど先になる見込みだという。",
    ),
    "ja_baseball": (
        "ja",
        "プロ野球の開幕戦が二十九日、各地の球場で行われた。先発した右腕は七回を無失点に抑える好投を見せ、試合後に「最高の形でシーズンを始められた」と笑顔で話した。監督は「若い選手が多いチームなので、一戦一戦を大切に戦いたい」と語った。",
    ),
}


def _similarities(with_languages: bool) -> pd.DataFrame:
    articles = [
        Article(aid, aid, (Paragraph(text, 1),), language=lang if with_languages else None)
        for aid, (lang, text) in MULTILINGUAL.items()
    ]
    return article_similarity(vectorise(articles)).frame()


def _different_topics(frame: pd.DataFrame, same_language: bool) -> dict[tuple[str, str], float]:
    out = {}
    ids = list(frame.index)
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            if a.split("_")[1] == b.split("_")[1] or (a[:2] == b[:2]) != same_language:
                continue
            out[(a, b)] = float(frame.loc[a, b])
    return out


def test_articles_of_one_language_on_different_topics_are_not_similar() -> None:
    pytest.importorskip("sudachipy")
    frame = _similarities(with_languages=True)
    pairs = _different_topics(frame, same_language=True)
    assert len(pairs) == 12  # en 1, it 3, fr 1, de 1, es 1, ja 5
    assert max(s for (a, _), s in pairs.items() if not a.startswith("ja")) <= 0.03
    assert max(s for (a, _), s in pairs.items() if a.startswith("ja")) <= 0.08
    # Articles on one topic stay similar: the lightly edited Japanese copy.
    assert frame.loc["ja_cyber", "ja_cyber_copy"] >= 0.6


def test_function_words_alone_made_articles_similar_before() -> None:
    """The same corpus without languages (English stop words only): function words
    shared by Italian, French and German articles on different topics made them look
    related. Japanese keeps its particles out either way (kana mark it Japanese)."""
    pytest.importorskip("sudachipy")
    before = _different_topics(_similarities(with_languages=False), same_language=True)
    after = _different_topics(_similarities(with_languages=True), same_language=True)
    for lang in ("it", "fr", "de"):
        assert max(s for (a, _), s in before.items() if a.startswith(lang)) >= 0.05
        assert max(s for (a, _), s in after.items() if a.startswith(lang)) < 0.01
    ja_before = max(s for (a, _), s in before.items() if a.startswith("ja"))
    ja_after = max(s for (a, _), s in after.items() if a.startswith("ja"))
    assert ja_before == pytest.approx(ja_after)


def test_articles_of_different_languages_share_no_function_words() -> None:
    frame = _similarities(with_languages=True)
    pairs = _different_topics(frame, same_language=False)
    assert max(pairs.values()) <= 0.01
    # An English and an Italian article about different topics: nothing in common.
    assert frame.loc["en_football", "it_cyber"] == pytest.approx(0.0, abs=1e-6)


def test_update_similarity_gives_the_exact_neighbours_of_the_updated_rows() -> None:
    from dataclasses import replace

    from natojp.config import VectorConfig
    from natojp.vectorise import update_terms
    from tests.test_vectorise import art as titled
    from tests.test_vectorise import soup

    articles = soup(80, seed=1)
    vector = VectorConfig(update_min_articles=10, refit_share=0.5)
    small = SimilarityConfig(dense_max_articles=1, exact_max_articles=2, top_k=5)
    exact = replace(small, method="exact")
    base_terms = vectorise(articles[:60], vector)
    base = article_similarity(base_terms, exact)
    changed = titled("s010", "w001 w002 w003 w004 w005 w006 w007 w008 w009 w010 w011")
    # Removed: s000 to s004 (every neighbour list they were in is found again); s010
    # changed; twenty added.
    now = [*articles[5:10], changed, *articles[11:80]]
    updated = update_terms(base_terms, now, vector)
    assert updated is not None
    terms, fresh = updated
    got = update_similarity(base, terms, fresh, small)
    assert got is not None and got.matrix is None and got.ids == terms.ids
    want = article_similarity(terms, exact)
    assert got.neighbors.keys() == want.neighbors.keys()
    joined = 0
    for key, items in want.neighbors.items():
        assert [b for b, _ in got.neighbors[key]] == [b for b, _ in items], key
        np.testing.assert_allclose(
            [s for _, s in got.neighbors[key]], [s for _, s in items], atol=1e-4
        )
        kept = key in base.neighbors and key != "s010"
        joined += kept and any(int(b[1:]) >= 60 for b, _ in items)
    assert joined > 0  # added articles joined the lists of articles kept


def test_update_similarity_leaves_the_dense_and_exact_sizes_to_article_similarity() -> None:
    terms = vectorise(ARTICLES)
    base = article_similarity(terms)
    fresh = np.zeros(len(ARTICLES), dtype=bool)
    assert update_similarity(base, terms, fresh) is None  # dense matrix
    no_matrix = SimilarityResult(base.ids, None, base.neighbors)
    assert (
        update_similarity(no_matrix, terms, fresh, SimilarityConfig(dense_max_articles=1)) is None
    )
    loose = SimilarityConfig(dense_max_articles=1, exact_max_articles=2)
    same = update_similarity(no_matrix, terms, fresh, loose)
    assert same is not None and same.neighbors == base.neighbors  # nothing new
