"""Source similarity and topic overlap.

* Article × article TF-IDF cosine: a dense matrix while the corpus is small
  (``SimilarityConfig.dense_max_articles``), always the top-k neighbours of each
  article (sparse, computed in row blocks so memory stays bounded).
* Source × source cosine of the sources' mean TF-IDF vectors (a source is the
  outlet, or the article itself when the outlet is unknown).
* Topic overlap: NMF topics over the TF-IDF matrix with their top terms and the
  articles that carry them, and the technology areas two articles share.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.cluster.hierarchy import leaves_list, linkage
from scipy.spatial.distance import squareform
from sklearn.decomposition import NMF

from natojp.config import SimilarityConfig
from natojp.vectorise import DocumentTerms


@dataclass(frozen=True, slots=True)
class SimilarityResult:
    """Article similarity: a dense matrix (small corpora) and top-k neighbours (always)."""

    ids: tuple[str, ...]
    matrix: np.ndarray | None
    neighbors: dict[str, list[tuple[str, float]]]

    def frame(self) -> pd.DataFrame:
        """The dense matrix as a labelled DataFrame (raises if the corpus was too large)."""
        if self.matrix is None:
            raise ValueError("the corpus is above the dense-matrix size; use neighbors")
        return pd.DataFrame(self.matrix, index=list(self.ids), columns=list(self.ids))

    def most_similar_pairs(self, n: int = 10) -> list[tuple[str, str, float]]:
        """The ``n`` most similar distinct article pairs, best first."""
        seen: dict[tuple[str, str], float] = {}
        for a, items in self.neighbors.items():
            for b, score in items:
                seen[(min(a, b), max(a, b))] = score
        return sorted(((a, b, s) for (a, b), s in seen.items()), key=lambda t: -t[2])[:n]


def article_similarity(
    terms: DocumentTerms, config: SimilarityConfig | None = None
) -> SimilarityResult:
    """Cosine similarity between articles (rows of ``terms.matrix`` are L2-normalised)."""
    config = config or SimilarityConfig()
    x = terms.matrix
    n = x.shape[0]
    k = min(config.top_k, max(n - 1, 0))
    neighbors: dict[str, list[tuple[str, float]]] = {}
    dense = n <= config.dense_max_articles
    matrix = np.zeros((n, n), dtype=np.float64) if dense else None
    block = max(1, min(n, 2_000_000 // max(n, 1)))
    for start in range(0, n, block):
        rows = (x[start : start + block] @ x.T).toarray().astype(np.float64)
        for r in range(rows.shape[0]):
            rows[r, start + r] = 1.0 if x[start + r].nnz else 0.0
        if matrix is not None:
            matrix[start : start + rows.shape[0]] = rows
        for r in range(rows.shape[0]):
            i = start + r
            row = rows[r].copy()
            row[i] = -np.inf
            if k == 0:
                neighbors[terms.ids[i]] = []
                continue
            top = np.argpartition(-row, k - 1)[:k]
            top = top[np.argsort(-row[top], kind="stable")]
            neighbors[terms.ids[i]] = [
                (terms.ids[j], round(float(row[j]), 4)) for j in top if row[j] > 0
            ]
    if matrix is not None:
        matrix = np.clip((matrix + matrix.T) / 2, 0.0, 1.0)
    return SimilarityResult(terms.ids, matrix, neighbors)


def cluster_order(matrix: np.ndarray) -> list[int]:
    """Row order that puts similar articles next to each other (average-linkage leaves)."""
    n = matrix.shape[0]
    if n <= 2:
        return list(range(n))
    distance = np.clip(1.0 - matrix, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    return [int(i) for i in leaves_list(tree)]


def source_similarity(terms: DocumentTerms, sources: Sequence[str]) -> pd.DataFrame:
    """Cosine similarity between sources' mean TF-IDF vectors (source × source)."""
    labels = list(dict.fromkeys(sources))
    if not labels:
        return pd.DataFrame()
    index = {s: i for i, s in enumerate(labels)}
    rows = np.array([index[s] for s in sources])
    member = sp.csr_matrix(
        (np.ones(len(rows)), (rows, np.arange(len(rows)))), shape=(len(labels), len(rows))
    )
    means = sp.csr_matrix(member @ terms.matrix)
    norms = np.sqrt(np.asarray(means.multiply(means).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    unit = sp.csr_matrix(sp.diags(1.0 / norms) @ means)
    sim = np.clip((unit @ unit.T).toarray(), 0.0, 1.0)
    return pd.DataFrame(sim, index=labels, columns=labels)


@dataclass(frozen=True, slots=True)
class Topic:
    """An NMF topic: its top terms and the articles where it carries weight."""

    id: int
    terms: tuple[str, ...]
    articles: tuple[tuple[str, float], ...]


def topics(
    terms: DocumentTerms,
    n_topics: int | None = None,
    n_terms: int = 8,
    *,
    max_features: int = 5_000,
    max_fit_docs: int = 20_000,
) -> list[Topic]:
    """NMF topics of the corpus (deterministic: NNDSVD initialisation, fixed sample).

    The number of topics defaults to about sqrt(N/2), between 2 and 20. To bound the
    cost on large corpora the model sees only the ``max_features`` terms found in the
    most articles, and is fitted on at most ``max_fit_docs`` articles (a fixed random
    sample) before every article is projected onto it. An article carries a topic when
    the topic holds at least 20% of its topic weight.
    """
    n_docs, n_features = terms.matrix.shape
    if n_docs < 3 or n_features < 2:
        return []
    k = n_topics or int(np.clip(round(np.sqrt(n_docs / 2)), 2, 20))
    k = min(k, n_docs - 1, n_features)
    df = np.asarray((terms.matrix > 0).sum(axis=0)).ravel()
    columns = np.sort(np.argsort(-df, kind="stable")[:max_features])
    x = sp.csr_matrix(terms.matrix[:, columns])
    fit_rows = (
        np.sort(np.random.default_rng(0).choice(n_docs, max_fit_docs, replace=False))
        if n_docs > max_fit_docs
        else np.arange(n_docs)
    )
    model = NMF(n_components=k, init="nndsvd", max_iter=300, tol=1e-3, random_state=0)
    model.fit(x[fit_rows])
    weights = model.transform(x)
    totals = weights.sum(axis=1, keepdims=True)
    totals[totals == 0] = 1.0
    shares = weights / totals
    out: list[Topic] = []
    for t in range(k):
        top = columns[np.argsort(-model.components_[t])[:n_terms]]
        members = np.flatnonzero(shares[:, t] >= 0.2)
        members = members[np.argsort(-shares[members, t])]
        out.append(
            Topic(
                id=t,
                terms=tuple(str(terms.features[j]) for j in top),
                articles=tuple((terms.ids[i], round(float(shares[i, t]), 3)) for i in members),
            )
        )
    return out


def area_overlap(scores: pd.DataFrame) -> pd.DataFrame:
    """Number of technology areas each pair of articles both mention (article × article)."""
    mentioned = (scores > 0).astype(int)
    overlap = mentioned @ mentioned.T
    return overlap.astype(int)
