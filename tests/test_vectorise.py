from __future__ import annotations

import numpy as np
import pytest

from natojp.config import VectorConfig
from natojp.models import Article, Paragraph
from natojp.vectorise import article_text, distinctive_terms, top_terms, vectorise


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
