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

import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import scipy.sparse as sp

from natojp.config import SimilarityConfig

if TYPE_CHECKING:  # scikit-learn: imported by what vectorises and finds topics
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


def _descending(vals: np.ndarray) -> np.ndarray:
    """uint32 keys that sort ascending where ``vals`` (as float32) sort descending.

    The IEEE bits of a float order like the number once negatives have all their bits
    flipped and positives their sign bit; the complement then reverses the order.
    """
    bits = np.ascontiguousarray(vals, dtype=np.float32).view(np.uint32)
    ascending = np.where(bits & np.uint32(0x8000_0000), ~bits, bits | np.uint32(0x8000_0000))
    return ~ascending


def _top_per_row(
    rows: np.ndarray,
    cols: np.ndarray,
    vals: np.ndarray,
    n: int,
    *,
    cols_ordered: bool = False,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Keep the ``n`` largest ``vals`` of each row (entries given as COO triples), in
    (row, value descending, column) order.

    One stable sort of 64-bit keys (row in the high half, the value's order in the
    low half) replaces a three-key ``lexsort``, about 20 times faster. Equal values
    keep their input order, so a column sort comes first unless ``cols_ordered`` says
    the entries of each row already come by ascending column (e.g. from CSR).
    """
    if not cols_ordered:
        by_col = np.argsort(cols, kind="stable")
        rows, cols, vals = rows[by_col], cols[by_col], vals[by_col]
    key = (rows.astype(np.int64) << 32) | _descending(vals).astype(np.int64)
    order = np.argsort(key, kind="stable")
    rows, cols, vals = rows[order], cols[order], vals[order]
    first = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    starts = np.repeat(first, np.diff(np.r_[first, rows.size]))
    keep = (np.arange(rows.size) - starts) < n
    return rows[keep], cols[keep], vals[keep]


def _prune(x: sp.csr_matrix, terms: int, postings: int) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """The row-pruned matrix (each row's ``terms`` heaviest entries) and the same
    matrix with each column also cut to its ``postings`` heaviest rows."""
    coo = (x if x.has_sorted_indices else x.sorted_indices()).tocoo()
    r, c, v = _top_per_row(
        coo.row.astype(np.int64), coo.col.astype(np.int64), coo.data, terms, cols_ordered=True
    )
    rowwise = sp.csr_matrix((v, (r, c)), shape=x.shape)
    # Entries of one column come by ascending row: the input is sorted by row.
    c2, r2, v2 = _top_per_row(c, r, v, postings, cols_ordered=True)
    capped = sp.csr_matrix((v2, (r2, c2)), shape=x.shape)
    return rowwise, capped


def _best_in_rows(m: sp.csr_matrix, offset: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(row + offset, column) of the ``n`` largest entries of each row of ``m``, leaving
    out the diagonal (column == row + offset). Rows are padded into one dense array so
    a single ``argpartition`` does every row."""
    counts = np.diff(m.indptr)
    if m.nnz == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty
    row_of = np.repeat(np.arange(m.shape[0]), counts)
    vals = m.data.astype(np.float32)
    vals[m.indices == row_of + offset] = -np.inf
    width = int(counts.max())
    pos = np.arange(m.nnz) - np.repeat(m.indptr[:-1], counts)
    dense = np.full((m.shape[0], width), -np.inf, dtype=np.float32)
    dense[row_of, pos] = vals
    take = min(n, width)
    top = np.argpartition(-dense, take - 1, axis=1)[:, :take]
    ok = np.isfinite(np.take_along_axis(dense, top, axis=1))
    r = np.repeat(np.arange(m.shape[0]), take).reshape(-1, take)[ok]
    cols = m.indices[m.indptr[r] + top[ok]].astype(np.int64)
    return r.astype(np.int64) + offset, cols


def _pruned_neighbors(
    x: sp.csr_matrix, k: int, config: SimilarityConfig
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Approximate top-k neighbours without comparing all pairs; returns (i, j, cosine).

    Candidates of article *i* are the articles that share one of *i*'s
    ``pruned_terms`` heaviest terms while being among that term's
    ``pruned_postings`` heaviest articles (the product of two pruned sparse matrices:
    at most N × terms × postings multiply-adds, linear in N). The best
    ``pruned_candidates`` candidates by this partial score are rescored with the exact
    cosine of the full vectors, and the best ``k`` kept.
    """
    n = x.shape[0]
    rowwise, capped = _prune(x, config.pruned_terms, config.pruned_postings)
    capped_t = sp.csr_matrix(capped.T)
    both = sp.csr_matrix(rowwise + capped)  # a candidate may be found from either side
    out_i: list[np.ndarray] = []
    out_j: list[np.ndarray] = []
    out_s: list[np.ndarray] = []
    block = 2_000
    for start in range(0, n, block):
        approx = sp.csr_matrix(both[start : start + block] @ capped_t)
        rows, cols = _best_in_rows(approx, start, config.pruned_candidates)
        if rows.size == 0:
            continue
        exact = np.asarray(x[rows].multiply(x[cols]).sum(axis=1)).ravel()
        rows, cols, exact = _top_per_row(rows, cols, exact, k)
        out_i.append(rows)
        out_j.append(cols)
        out_s.append(exact)
    if not out_i:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, np.empty(0)
    return np.concatenate(out_i), np.concatenate(out_j), np.concatenate(out_s)


def _exact_neighbors(
    x: sp.csr_matrix, k: int, matrix: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Exact top-k by a blocked sparse product (O(N²) work, memory bounded by the block)."""
    n = x.shape[0]
    out_i: list[np.ndarray] = []
    out_j: list[np.ndarray] = []
    out_s: list[np.ndarray] = []
    block = max(1, min(n, 2_000_000 // max(n, 1)))
    has_terms = np.diff(x.indptr) > 0
    for start in range(0, n, block):
        rows = (x[start : start + block] @ x.T).toarray().astype(np.float64)
        idx = np.arange(rows.shape[0])
        rows[idx, start + idx] = has_terms[start + idx].astype(np.float64)
        if matrix is not None:
            matrix[start : start + rows.shape[0]] = rows
        if k == 0:
            continue
        rows[idx, start + idx] = -np.inf
        top = np.argpartition(-rows, k - 1, axis=1)[:, :k]
        scores = np.take_along_axis(rows, top, axis=1)
        out_i.append(np.repeat(start + idx, k))
        out_j.append(top.ravel())
        out_s.append(scores.ravel())
    if not out_i:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, np.empty(0)
    return np.concatenate(out_i), np.concatenate(out_j), np.concatenate(out_s)


def article_similarity(
    terms: DocumentTerms, config: SimilarityConfig | None = None
) -> SimilarityResult:
    """Cosine similarity between articles (rows of ``terms.matrix`` are L2-normalised).

    The dense matrix is computed up to ``config.dense_max_articles``; neighbours are
    exact up to ``config.exact_max_articles`` and from the pruned index above it
    (see :class:`~natojp.config.SimilarityConfig`).
    """
    config = config or SimilarityConfig()
    x = sp.csr_matrix(terms.matrix)
    n = x.shape[0]
    k = min(config.top_k, max(n - 1, 0))
    dense = n <= config.dense_max_articles
    matrix = np.zeros((n, n), dtype=np.float64) if dense else None
    method = config.method
    if method == "auto":
        method = "exact" if n <= config.exact_max_articles or dense else "pruned"
    if method == "exact" or dense:
        ii, jj, ss = _exact_neighbors(x, k, matrix)
    elif method == "pruned":
        ii, jj, ss = _pruned_neighbors(x, k, config)
    else:
        raise ValueError(f"unknown similarity method {config.method!r}")
    # Sort by (article, -score, neighbour) and keep positive scores.
    order = np.lexsort((jj, -ss, ii))
    ii, jj, ss = ii[order], jj[order], ss[order]
    positive = ss > 0
    ii, jj, ss = ii[positive], jj[positive], ss[positive]
    neighbors: dict[str, list[tuple[str, float]]] = {a: [] for a in terms.ids}
    ids = terms.ids
    # Each article's run of (neighbour, score) pairs at once, not pair by pair.
    names = [ids[j] for j in jj.tolist()]
    scores = [round(score, 4) for score in ss.tolist()]
    starts = np.flatnonzero(np.r_[True, ii[1:] != ii[:-1]]) if ii.size else ii
    bounds = [*starts.tolist(), ii.size]
    for i, lo, hi in zip(ii[starts].tolist(), bounds[:-1], bounds[1:], strict=True):
        neighbors[ids[i]].extend(zip(names[lo:hi], scores[lo:hi], strict=True))
    if matrix is not None:
        matrix = np.clip((matrix + matrix.T) / 2, 0.0, 1.0)
    return SimilarityResult(terms.ids, matrix, neighbors)


def update_similarity(
    base: SimilarityResult,
    terms: DocumentTerms,
    fresh: np.ndarray,
    config: SimilarityConfig | None = None,
) -> SimilarityResult | None:
    """The neighbours of ``base`` brought up to ``terms``: those of an earlier analysis,
    whose vectors of the articles not ``fresh`` are the rows of ``terms`` unchanged
    (:func:`~natojp.vectorise.update_terms`). None where the corpus is small enough
    for :func:`article_similarity` to give the dense matrix or exact neighbours (it is
    then as fast), or ``base`` has the dense matrix.

    The new rows (``fresh``) and the articles whose neighbours were removed or changed
    get their exact top-k (a blocked product with every row); every other article keeps
    its neighbours, joined by the new rows that score above its last one. The cost grows
    with the new rows, not the corpus: about 5 s for 1,000 new of 100,000. Exact where
    :func:`article_similarity` uses its pruned index (above
    ``config.exact_max_articles``), so an article may gain a neighbour that index
    missed.
    """
    config = config or SimilarityConfig()
    x = sp.csr_matrix(terms.matrix)
    n = x.shape[0]
    k = min(config.top_k, max(n - 1, 0))
    if (
        base.matrix is not None
        or n <= max(config.dense_max_articles, config.exact_max_articles)
        or config.method == "exact"
        or k == 0
    ):
        return None
    ids = terms.ids
    row = {a: i for i, a in enumerate(ids)}
    kept = {a for a, f in zip(ids, fresh.tolist(), strict=True) if not f}
    gone = base.neighbors.keys() - kept  # removed, or changed (new rows of the same id)
    neighbors: dict[str, list[tuple[str, float]]] = {}
    redo = list(np.flatnonzero(fresh).tolist())
    for a in ids:
        if a not in kept:
            continue
        items = base.neighbors.get(a)
        if items is None or (gone and any(b in gone for b, _ in items)):
            redo.append(row[a])  # a neighbour gone or changed: found again
        else:
            neighbors[a] = items
    redo_rows = np.array(sorted(redo), dtype=np.int64)
    has_terms = np.diff(x.indptr) > 0
    xt = sp.csr_matrix(x.T)
    # Each kept list's last score: a new row above it joins the list (none joins the
    # lists found again, which are exact already).
    floor = np.full(n, np.inf)
    for a, items in neighbors.items():
        if len(items) >= k:
            floor[row[a]] = items[k - 1][1]
        else:
            floor[row[a]] = 0.0
    is_fresh = np.asarray(fresh, dtype=bool)
    join_j: list[np.ndarray] = []  # (kept article, new row, cosine) of each join
    join_i: list[np.ndarray] = []
    join_v: list[np.ndarray] = []
    # A new row shares some term with most articles: its products are dense rows.
    block = max(1, 4_000_000 // max(n, 1))
    for start in range(0, redo_rows.size, block):
        rows = redo_rows[start : start + block]
        dense = (x[rows] @ xt).toarray()
        dense[~has_terms[rows]] = 0.0
        dense[np.arange(rows.size), rows] = 0.0  # not its own neighbour
        r, j = np.nonzero(is_fresh[rows][:, None] & (dense > floor[None, :]) & (dense > 0))
        join_j.append(j.astype(np.int64))
        join_i.append(rows[r])
        join_v.append(dense[r, j].astype(np.float64))
        top = np.argpartition(-dense, k - 1, axis=1)[:, :k]
        vals = np.take_along_axis(dense, top, axis=1).astype(np.float64)
        for i, cols, scores in zip(rows.tolist(), top.tolist(), vals.tolist(), strict=True):
            # Best first, ties by position (as article_similarity orders them).
            best = sorted((-v, c) for c, v in zip(cols, scores, strict=True) if v > 0)
            neighbors[ids[i]] = [(ids[c], round(-v, 4)) for v, c in best]
    if join_j:
        jj, ii, vv = np.concatenate(join_j), np.concatenate(join_i), np.concatenate(join_v)
        order = np.lexsort((ii, jj))
        jj, ii, vv = jj[order], ii[order], vv[order]
        bounds = np.flatnonzero(np.r_[True, jj[1:] != jj[:-1], True]).tolist() if jj.size else []
        for lo, hi in itertools.pairwise(bounds):
            a = ids[int(jj[lo])]
            extra = zip(ii[lo:hi].tolist(), vv[lo:hi].tolist(), strict=True)
            merged = [(row[b], v) for b, v in neighbors[a]] + [(c, round(s, 4)) for c, s in extra]
            merged.sort(key=lambda item: (-item[1], item[0]))
            neighbors[a] = [(ids[c], s) for c, s in merged[:k]]
    return SimilarityResult(ids, None, {a: neighbors[a] for a in ids})


def cluster_order(matrix: np.ndarray) -> list[int]:
    """Row order that puts similar articles next to each other (average-linkage leaves)."""
    from scipy.cluster.hierarchy import leaves_list, linkage
    from scipy.spatial.distance import squareform

    n = matrix.shape[0]
    if n <= 2:
        return list(range(n))
    distance = np.clip(1.0 - matrix, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    return [int(i) for i in leaves_list(tree)]


def sources_by_size(sources: Sequence[str]) -> list[tuple[str, int]]:
    """Each distinct source and its number of articles, most first (ties: first seen)."""
    return sorted(Counter(sources).items(), key=lambda item: -item[1])  # stable sort


def source_similarity(
    terms: DocumentTerms, sources: Sequence[str], max_sources: int | None = None
) -> pd.DataFrame:
    """Cosine similarity between sources' mean TF-IDF vectors (source × source).

    Sources are in order of first appearance. With more than ``max_sources`` sources
    (e.g. thousands of unattributed articles, each its own source) only the
    ``max_sources`` sources with the most articles are compared (ties: first seen), so
    the matrix stays bounded; the other sources are left out of the frame.
    """
    seen = list(dict.fromkeys(sources))
    if not seen:
        return pd.DataFrame()
    labels = seen
    if max_sources is not None and len(seen) > max_sources:
        keep = {source for source, _ in sources_by_size(sources)[:max_sources]}
        labels = [source for source in seen if source in keep]
    index = {s: i for i, s in enumerate(labels)}
    picked = np.array([i for i, s in enumerate(sources) if s in index], dtype=np.int64)
    rows = np.array([index[sources[i]] for i in picked], dtype=np.int64)
    member = sp.csr_matrix((np.ones(len(rows)), (rows, picked)), shape=(len(labels), len(sources)))
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
    max_features: int = 3_000,
    max_fit_docs: int = 3_000,
) -> list[Topic]:
    """NMF topics of the corpus (deterministic: NNDSVD initialisation, fixed sample).

    The number of topics defaults to about sqrt(N/2), between 2 and 20. To bound the
    cost on large corpora the model sees only the ``max_features`` terms found in the
    most articles, and is fitted on at most ``max_fit_docs`` articles (a fixed random
    sample) before every article is projected onto it. An article carries a topic when
    the topic holds at least 20% of its topic weight.
    """
    from sklearn.decomposition import NMF  # imported here: reading a kept analysis needs none

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


def area_cooccurrence(scores: pd.DataFrame) -> pd.DataFrame:
    """Number of articles that mention both areas (area × area; diagonal: the area alone).

    The aggregate view of :func:`area_overlap` for corpora too large for an article ×
    article matrix: its size depends on the taxonomy, not the corpus.
    """
    mentioned = (scores > 0).astype(int)
    return (mentioned.T @ mentioned).astype(int)


def area_overlap(scores: pd.DataFrame) -> pd.DataFrame:
    """Number of technology areas each pair of articles both mention (article × article)."""
    mentioned = (scores > 0).astype(int)
    overlap = mentioned @ mentioned.T
    return overlap.astype(int)
