from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Any

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.feature_extraction.text import TfidfVectorizer

from natojp.config import VectorConfig
from natojp.models import Article, Paragraph
from natojp.vectorise import (
    DocumentTerms,
    NgramTfidfVectorizer,
    analyse_document,
    article_text,
    distinctive_terms,
    language_stop_words,
    paragraph_counts,
    paragraph_idf,
    paragraph_vectors,
    text_digests,
    top_terms,
    update_terms,
    vectorise,
    weigh_counts,
)


def art(aid: str, text: str, title: str | None = None, derived: bool = False) -> Article:
    return Article(aid, aid, (Paragraph(text, 1),), title=title, title_derived=derived)


ARTICLES = [
    art("a", "Drones and drones again: drone makers meet in Tokyo.", title="Drone makers meet"),
    art("b", "Semiconductor supply chains worry chip makers in Tokyo."),
    art("c", "Semiconductor export rules and chip supply chains in Europe."),
]


def test_rows_are_unit_length_and_sparse() -> None:
    terms = vectorise(ARTICLES)
    assert terms.ids == ("a", "b", "c")
    norms = np.sqrt(np.asarray(terms.matrix.multiply(terms.matrix).sum(axis=1)).ravel())
    assert np.allclose(norms, 1.0, atol=1e-5)
    assert terms.matrix.shape[1] == len(terms.features)
    assert "tokyo" in set(terms.features) and "and" not in set(terms.features)


def test_title_counts_unless_derived() -> None:
    assert article_text(ARTICLES[0]).startswith("Drone makers meet")
    derived = art("d", "Body only.", title="Body only", derived=True)
    assert article_text(derived) == "Body only."


def test_top_terms_rank_by_weight() -> None:
    tops = top_terms(vectorise(ARTICLES), n=3)
    assert tops["a"][0][0] in {"drone", "drones"}
    assert all(w1 >= w2 for (_, w1), (_, w2) in zip(tops["b"], tops["b"][1:], strict=False))


def test_distinctive_terms_contrast_groups() -> None:
    terms = vectorise(ARTICLES)
    out = distinctive_terms(terms, ["Drone Weekly", "Chip News", "Chip News"], n=5)
    chip_terms = [t for t, _ in out["Chip News"]]
    assert "semiconductor" in chip_terms and "tokyo" not in chip_terms
    assert all(score > 0 for _, score in out["Drone Weekly"])


def test_empty_vocabulary_gives_an_empty_matrix() -> None:
    terms = vectorise([art("x", "the and of"), art("y", "a an")])
    assert terms.matrix.shape == (2, 0)
    assert distinctive_terms(terms, ["s1", "s2"]) == {"s1": [], "s2": []}


@pytest.mark.parametrize("ngrams", [(1, 1), (1, 2)])
def test_config_is_passed_through(ngrams: tuple[int, int]) -> None:
    terms = vectorise(ARTICLES, VectorConfig(ngram_range=ngrams))
    has_bigram = any(" " in f for f in terms.features)
    assert has_bigram == (ngrams == (1, 2))


def test_distinctive_terms_match_a_dense_computation() -> None:
    """Scored on each group's nonzero terms only: same result as scoring every term."""
    terms = vectorise(ARTICLES)
    groups = ["Drone Weekly", "Chip News", "Chip News"]
    dense = terms.matrix.toarray()
    for group, got in distinctive_terms(terms, groups, n=4).items():
        mine = np.array([g == group for g in groups])
        score = dense[mine].mean(axis=0) - dense[~mine].mean(axis=0)
        order = np.argsort(-score, kind="stable")[:4]
        want = [(str(terms.features[j]), round(float(score[j]), 4)) for j in order if score[j] > 0]
        assert got == want


# --- NgramTfidfVectorizer: the output of scikit-learn's TfidfVectorizer ---------------

DOCS = [
    "NATO and Japan hold their first defence-industrial dialogue in Brussels.",
    "Japan's defence ministry and NATO discuss drones, munitions and supply chains.",
    "Café owners in Zürich: the supply of coffee beans, beans and more beans!",
    "",  # an empty document keeps its (empty) row
    "the and of",  # only stop words
    "Supply chains, supply chains: Japan and NATO agree to meet again in Tokyo.",
]


@pytest.mark.parametrize(
    "settings",
    [
        {"ngram_range": (1, 2), "stop_words": "english", "sublinear_tf": True},
        {"ngram_range": (1, 1)},
        {"ngram_range": (1, 3), "min_df": 2},
        {"ngram_range": (2, 3), "stop_words": ["japan", "nato"], "max_df": 0.5},
        {"ngram_range": (1, 2), "min_df": 0.3, "max_df": 3},
    ],
)
def test_ngram_vectorizer_equals_scikit_learn(settings: dict[str, Any]) -> None:
    ours = NgramTfidfVectorizer(**settings)
    theirs = TfidfVectorizer(strip_accents="unicode", dtype=np.float32, **settings)
    got, want = ours.fit_transform(DOCS), theirs.fit_transform(DOCS)
    assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out())
    assert ours.vocabulary_ == theirs.vocabulary_
    assert np.allclose(ours.idf_, theirs.idf_)
    assert got.shape == want.shape and got.dtype == np.float32
    assert abs(got - want).max() < 1e-6
    new = ["Japan and NATO meet on supply chains", "nothing known here", "Zürich café"]
    assert abs(ours.transform(new) - theirs.transform(new)).max() < 1e-6


def test_ngram_vectorizer_max_features_keeps_the_most_frequent() -> None:
    ours = NgramTfidfVectorizer(ngram_range=(1, 2), max_features=2).fit(DOCS)
    theirs = TfidfVectorizer(ngram_range=(1, 2), max_features=2).fit(DOCS)
    # "and" (6 times) and "supply" (4); every other term is seen at most 3 times.
    assert list(ours.get_feature_names_out()) == ["and", "supply"]
    assert list(theirs.get_feature_names_out()) == ["and", "supply"]
    # Among equals (3 times: chains, beans, japan, nato, in, "supply chains") the
    # cut keeps unigrams in order of first appearance: "nato", then "japan".
    four = NgramTfidfVectorizer(ngram_range=(1, 2), max_features=4).fit(DOCS)
    assert list(four.get_feature_names_out()) == ["and", "japan", "nato", "supply"]


def test_ngram_vectorizer_is_a_scikit_learn_estimator() -> None:
    vec = NgramTfidfVectorizer(ngram_range=(1, 2), min_df=2)
    assert clone(vec).get_params() == vec.get_params()
    with pytest.raises(NotFittedError):
        vec.transform(["text"])
    assert vec.fit(DOCS) is vec and vec.transform(DOCS).shape[0] == len(DOCS)


@pytest.mark.parametrize(
    ("docs", "settings", "message"),
    [
        (["the and of", "a an"], {"stop_words": "english"}, "empty vocabulary"),
        (DOCS, {"min_df": 6}, "no terms remain"),
        (DOCS, {"min_df": 4, "max_df": 2}, "max_df corresponds"),
        (DOCS, {"ngram_range": (2, 1)}, "ngram_range"),
    ],
)
def test_ngram_vectorizer_errors(docs: list[str], settings: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        NgramTfidfVectorizer(**settings).fit_transform(docs)
    with pytest.raises(ValueError, match="string object received"):
        NgramTfidfVectorizer().fit_transform("one string")


# --- Languages ------------------------------------------------------------------------
# Own sample texts (not from real articles).


def lart(aid: str, text: str, language: str | None) -> Article:
    return Article(aid, aid, (Paragraph(text, 1),), language=language)


def test_language_stop_lists_are_analysed_like_documents() -> None:
    it, fr, ja = language_stop_words("it"), language_stop_words("fr"), language_stop_words("ja")
    assert {"della", "che", "per", "sono"} <= it
    assert "ete" in fr and "été" not in fr  # accents stripped, as in documents
    assert {"の", "は", "を", "が", "で"} <= ja  # kana keep their voicing marks
    assert language_stop_words("en") == frozenset()  # English is scikit-learn's list
    assert language_stop_words("xx") == frozenset()  # no list: nothing more dropped


def test_articles_drop_the_function_words_of_their_language() -> None:
    articles = [
        lart("it1", "Il governo della Repubblica ha firmato che per la difesa informatica.", "it"),
        lart("it2", "La squadra della città ha vinto che per la partita di domenica.", "it"),
        lart("de1", "Die Regierung und die NATO haben ein Abkommen über Cyberabwehr.", "de"),
    ]
    features = set(vectorise(articles).features)
    for word in ("della", "che", "per", "il", "la", "die", "und", "ein"):
        assert word not in features
    assert {"governo", "squadra", "cyberabwehr", "nato"} <= features
    # Without languages only English stop words go.
    plain = [lart(a.id, a.body, None) for a in articles]
    assert {"della", "che", "die"} <= set(vectorise(plain).features)


def test_stop_words_are_per_article_not_the_union_of_languages() -> None:
    """German "war" (was) is a stop word; English "war" is not, in the same corpus."""
    articles = [
        lart("en", "The war in Ukraine shaped the cyber defence accord.", "en"),
        lart("de", "Der Krieg war ein Anlass für das Abkommen zur Cyberabwehr.", "de"),
    ]
    terms = vectorise(articles)
    col = terms.vectorizer.vocabulary_["war"]
    assert terms.matrix[0, col] > 0 and terms.matrix[1, col] == 0
    assert "krieg" in terms.vectorizer.vocabulary_


def test_english_and_unknown_languages_give_the_english_result() -> None:
    docs = [a.body for a in ARTICLES]
    base = NgramTfidfVectorizer(ngram_range=(1, 2), stop_words="english").fit_transform(docs)
    for languages in ([None, None, None], ["en", "en", None], ["en-GB", "EN", "xx"]):
        vec = NgramTfidfVectorizer(
            ngram_range=(1, 2), stop_words="english", language_stop_words=True
        )
        got = vec.fit_transform(docs, languages=languages)
        assert (got != base).nnz == 0


def test_japanese_terms_are_words_without_particles() -> None:
    pytest.importorskip("sudachipy")
    text = "政府はガス田の開発でNATOと協力すると発表した。防衛省の担当者はガス田を視察した。"
    terms = vectorise(
        [lart("ja", text, "ja"), lart("ja2", "気象庁は桜が開花したと発表した。", "ja")]
    )
    features = set(terms.features)
    assert "ガス田" in features or "ガス" in features  # voiced kana kept: not "カス"
    assert not any("カス" in f for f in features)
    assert "nato" in features and "政府" in features
    for particle in ("の", "は", "で", "と", "を", "が", "た"):
        assert particle not in features
    # No feature is a whole clause.
    assert max(len(f.replace(" ", "")) for f in features) < 12


def test_kana_make_a_document_japanese_without_a_language() -> None:
    pytest.importorskip("sudachipy")
    a = "政府は協力文書に署名したと発表した。"
    b = "気象庁は桜が開花したと発表した。"
    with_lang = vectorise([lart("a", a, "ja"), lart("b", b, "ja")])
    without = vectorise([lart("a", a, None), lart("b", b, None)])
    assert list(with_lang.features) == list(without.features)
    assert analyse_document(a, None)[1] == "ja" and analyse_document("東京", None)[1] is None


def test_transform_uses_the_languages_like_fit() -> None:
    docs = ["Il governo della Repubblica e la difesa.", "La squadra della città e la partita."]
    vec = NgramTfidfVectorizer(stop_words="english", language_stop_words=True)
    fitted = vec.fit_transform(docs, languages=["it", "it"])
    assert abs(vec.transform(docs, languages=["it", "it"]) - fitted).max() < 1e-6
    with pytest.raises(ValueError, match="2 languages for 1 documents"):
        vec.transform(docs[:1], languages=["it", "it"])
    with pytest.raises(ValueError, match="languages"):
        vec.fit_transform(docs, languages=["it"])


def test_paragraph_vectors_take_languages() -> None:
    texts = ["Il governo della Repubblica.", "La squadra della città."]
    assert (paragraph_vectors(texts, ["it", "it"]) @ paragraph_vectors(texts, ["it", "it"]).T)[
        0, 1
    ] == 0
    assert (paragraph_vectors(texts) @ paragraph_vectors(texts).T)[0, 1] > 0  # "della"


def test_one_letter_words_are_dropped_as_scikit_learn_drops_them() -> None:
    """An ASCII document's one-letter words are dropped by word code, after counting
    (see vectorise._tokens): the n-grams across them are scikit-learn's all the same,
    in ASCII documents and others."""
    docs = [
        "A U.S. jet, a F-35 and a 2 x 3 m radar: I see Japan's e-mail plan b.",
        "x y z a b c d e f g h i j k l m n o p q r s t u v w x y z",
        "Zürich: a café, ½ a bean and é; the U.S. and Japan's plan b.",
        "a",
    ]
    for settings in ({"ngram_range": (1, 3)}, {"ngram_range": (1, 2), "stop_words": "english"}):
        ours = NgramTfidfVectorizer(**settings)
        theirs = TfidfVectorizer(strip_accents="unicode", dtype=np.float32, **settings)
        got, want = ours.fit_transform(docs), theirs.fit_transform(docs)
        assert ours.vocabulary_ == theirs.vocabulary_
        assert abs(got - want).max() < 1e-6


def soup(n: int, seed: int = 0) -> list[Article]:
    """``n`` articles of 40 words drawn from 300 made-up ones (every cosine distinct)."""
    rng = np.random.default_rng(seed)
    words = [f"w{i:03d}" for i in range(300)]
    return [art(f"s{i:03d}", " ".join(rng.choice(words, 40))) for i in range(n)]


def test_update_terms_keeps_the_rows_of_unchanged_articles_and_adds_the_new() -> None:
    articles = soup(60)
    config = VectorConfig(update_min_articles=10, refit_share=0.2)
    base = vectorise(articles[:50], config)
    assert base.digests is not None and base.drift == 0
    changed = art("s003", "An entirely new text about w001 and w002 and harbour cranes.")
    now = [articles[1], changed, *articles[4:50], *articles[50:55]]  # s000, s002 gone
    updated = update_terms(base, now, config)
    assert updated is not None
    terms, fresh = updated
    assert terms.ids == tuple(a.id for a in now)
    assert fresh.tolist() == [False, True] + [False] * 46 + [True] * 5
    assert terms.drift == 1 + 5 + 3  # s003 changed, five added; s000, s002, s003 gone
    assert terms.features is base.features  # the same vocabulary and weights
    kept = [base.ids.index(a.id) for a in now[2:48]]
    assert (terms.matrix[2:48] != base.matrix[kept]).nnz == 0
    new_rows = base.vectorizer.transform(
        [article_text(a) for a in [changed, *now[48:]]], languages=[None] * 6
    )
    np.testing.assert_array_equal(terms.matrix[np.flatnonzero(fresh)].toarray(), new_rows.toarray())
    again = update_terms(terms, now, config)  # nothing changed since
    assert again is not None and not again[1].any() and again[0].drift == terms.drift
    assert (again[0].matrix != terms.matrix).nnz == 0


def test_update_terms_refits_past_the_share_below_the_size_or_without_digests() -> None:
    articles = soup(60)
    config = VectorConfig(update_min_articles=10, refit_share=0.1)
    base = vectorise(articles[:50], config)
    assert update_terms(base, articles[:55], config) is not None  # 5 of 55
    assert update_terms(base, articles[:57], config) is None  # 7 of 57 > 10%
    stepped = update_terms(base, articles[:54], config)
    assert stepped is not None  # 4, then 3 more: the drift adds up
    assert update_terms(stepped[0], articles[:57], config) is None
    assert update_terms(base, articles[:50], VectorConfig(update_min_articles=51)) is None
    no_digests = DocumentTerms(base.ids, base.matrix, base.features, base.vectorizer)
    assert update_terms(no_digests, articles[:50], config) is None
    assert text_digests(articles[:2]).tolist() != text_digests(articles[1:3]).tolist()
    english, other = art("x", "same words"), replace(art("x", "same words"), language="de")
    assert text_digests([english]).tolist() != text_digests([other]).tolist()


PARAGRAPHS = [
    "Ministers met in Tokyo to discuss drone exports and munitions supply.",
    "Il governo della Repubblica ha discusso la cooperazione industriale.",
    "Zürich: a café, ½ a bean and é; the U.S. and Japan's plan b.",
    "防衛装備品の共同開発について日本とNATOが協議した。",
    "the and of a",  # stop words only
    "",
    "Drone exports, drone exports and more drone exports were discussed in Tokyo.",
    "x y z",
]


@pytest.mark.parametrize("cuts", [(), (3,), (1, 2, 5, 7)])
def test_paragraph_counts_in_parts_weigh_as_paragraph_vectors(cuts: tuple[int, ...]) -> None:
    """Counted in parts, the vocabulary made of the parts' words and document
    frequencies, then weighed: the rows of :func:`paragraph_vectors` of all the texts,
    float for float."""
    want = paragraph_vectors(PARAGRAPHS)
    bounds = [0, *cuts, len(PARAGRAPHS)]
    parts = [paragraph_counts(PARAGRAPHS[a:b]) for a, b in itertools.pairwise(bounds)]
    for words, counts in parts:
        assert list(words) == sorted(words) and counts.shape == (counts.shape[0], len(words))
    vocabulary = sorted(set().union(*(w.tolist() for w, _ in parts)))
    df = np.zeros(len(vocabulary), dtype=np.int64)
    rows = []
    for words, counts in parts:
        columns = np.searchsorted(vocabulary, words)
        df[columns] += np.diff(sp.csc_matrix(counts).indptr)
        coo = counts.tocoo()
        rows.append(
            sp.csr_matrix(
                (coo.data, (coo.row, columns[coo.col])), shape=(counts.shape[0], len(vocabulary))
            )
        )
    idf = paragraph_idf(len(PARAGRAPHS), df)
    got = sp.csr_matrix(sp.vstack([weigh_counts(r, idf) for r in rows], format="csr"))
    got.sort_indices()
    assert got.shape == want.shape and got.dtype == want.dtype == np.float32
    assert np.array_equal(got.indptr, want.indptr) and np.array_equal(got.indices, want.indices)
    assert np.array_equal(got.data, want.data)  # the same floats, not merely close


def test_paragraph_counts_of_nothing() -> None:
    words, counts = paragraph_counts([])
    assert words.size == 0 and counts.shape == (0, 0)
    words, counts = paragraph_counts(["the and of", ""])
    assert words.size == 0 and counts.shape == (2, 0)
