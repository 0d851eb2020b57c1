"""TF-IDF vectorisation of articles and paragraphs (scikit-learn), and distinctive terms.

Matrices stay sparse (CSR, L2-normalised rows) so that a corpus of 100,000 articles
fits in memory; nothing here builds an N×N structure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from natojp.config import VectorConfig
from natojp.models import Article


def make_vectorizer(config: VectorConfig | None = None) -> TfidfVectorizer:
    """A ``TfidfVectorizer`` configured from ``config`` (unfitted)."""
    config = config or VectorConfig()
    return TfidfVectorizer(
        ngram_range=config.ngram_range,
        min_df=config.min_df,
        max_df=config.max_df,
        max_features=config.max_features,
        sublinear_tf=config.sublinear_tf,
        stop_words=config.stop_words,
        strip_accents="unicode",
        dtype=np.float32,
    )


@dataclass(frozen=True, slots=True)
class DocumentTerms:
    """A fitted TF-IDF representation of a corpus.

    ``matrix`` has one L2-normalised row per id; ``features`` names its columns.
    """

    ids: tuple[str, ...]
    matrix: sp.csr_matrix
    features: np.ndarray
    vectorizer: TfidfVectorizer


def article_text(article: Article) -> str:
    """The text an article is vectorised from: its title (if not derived) and body."""
    if article.title and not article.title_derived:
        return f"{article.title}\n\n{article.body}"
    return article.body


def vectorise(articles: Sequence[Article], config: VectorConfig | None = None) -> DocumentTerms:
    """Fit TF-IDF on the articles' cleaned text.

    Empty corpora and corpora whose text has no usable terms give an empty matrix
    rather than an error.
    """
    vectorizer = make_vectorizer(config)
    texts = [article_text(a) for a in articles]
    ids = tuple(a.id for a in articles)
    try:
        matrix = sp.csr_matrix(vectorizer.fit_transform(texts))
        features = vectorizer.get_feature_names_out()
    except ValueError:  # empty vocabulary: no article has a usable word
        matrix = sp.csr_matrix((len(texts), 0), dtype=np.float32)
        features = np.array([], dtype=object)
    return DocumentTerms(ids, matrix, features, vectorizer)


def paragraph_vectors(texts: Sequence[str]) -> sp.csr_matrix:
    """L2-normalised unigram TF-IDF rows for short texts (used by off-topic detection)."""
    vectorizer = TfidfVectorizer(
        sublinear_tf=True, stop_words="english", strip_accents="unicode", dtype=np.float32
    )
    try:
        return sp.csr_matrix(vectorizer.fit_transform(texts))
    except ValueError:
        return sp.csr_matrix((len(texts), 0), dtype=np.float32)


def top_terms(terms: DocumentTerms, n: int = 10) -> dict[str, list[tuple[str, float]]]:
    """The ``n`` highest-weighted terms of each article."""
    out: dict[str, list[tuple[str, float]]] = {}
    m = terms.matrix
    for row, article_id in enumerate(terms.ids):
        start, end = m.indptr[row], m.indptr[row + 1]
        cols, vals = m.indices[start:end], m.data[start:end]
        order = np.argsort(-vals, kind="stable")[:n]
        out[article_id] = [(str(terms.features[cols[i]]), round(float(vals[i]), 4)) for i in order]
    return out


def distinctive_terms(
    terms: DocumentTerms, groups: Sequence[str], n: int = 10
) -> dict[str, list[tuple[str, float]]]:
    """Terms that set each group (e.g. an outlet) apart from the rest of the corpus.

    The score of a term for a group is its mean TF-IDF weight in the group's articles
    minus its mean weight in all other articles; the ``n`` best positive terms are
    returned. With one group the scores are the group's own mean weights.
    """
    labels = list(dict.fromkeys(groups))
    if not labels or terms.matrix.shape[1] == 0:
        return {g: [] for g in labels}
    index = {g: i for i, g in enumerate(labels)}
    rows = np.array([index[g] for g in groups])
    member = sp.csr_matrix(
        (np.ones(len(rows)), (rows, np.arange(len(rows)))), shape=(len(labels), len(rows))
    )
    counts = np.asarray(member.sum(axis=1)).ravel()
    sums = sp.csr_matrix(member @ terms.matrix)  # groups × terms, sparse
    total = np.asarray(sums.sum(axis=0)).ravel()
    out: dict[str, list[tuple[str, float]]] = {}
    for g, i in index.items():
        # Only terms the group uses can score above zero: work on its nonzero columns.
        start, end = sums.indptr[i], sums.indptr[i + 1]
        cols, own = sums.indices[start:end], sums.data[start:end]
        rest_n = len(rows) - counts[i]
        score = own / counts[i] - ((total[cols] - own) / rest_n if rest_n else 0.0)
        # Best first; ties by column, as a stable sort over all terms would give.
        order = np.lexsort((cols, -score))[:n]
        out[g] = [
            (str(terms.features[cols[j]]), round(float(score[j]), 4)) for j in order if score[j] > 0
        ]
    return out
