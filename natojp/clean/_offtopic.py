"""The corpus pass: paragraphs unlike both their own article and every other article
(an unrelated story pasted into a page) moved to the article's removals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import scipy.sparse as sp

from natojp.clean._blocks import _content_words
from natojp.config import CleanConfig
from natojp.models import Article, Removal


def remove_off_topic(
    articles: Sequence[Article], config: CleanConfig | None = None
) -> list[Article]:
    """Move paragraphs unlike both their article and the corpus into ``removed``.

    Each paragraph of at least ``off_topic_min_words`` words is compared (TF-IDF
    cosine, fitted on all paragraphs of the corpus) with the sum of the other
    paragraphs of its article. Paragraphs below ``off_topic_max_article_similarity``
    are then compared with every other article; those whose best match is also below
    ``off_topic_max_corpus_similarity`` are removed. The least similar paragraph is
    removed first and the article re-scored, so a pasted story of several paragraphs
    does not vouch for itself. An article keeps at least half of its words.
    """
    from natojp.vectorise import paragraph_vectors

    config = config or CleanConfig()
    articles = list(articles)
    if not config.off_topic or not articles:
        return articles
    # One row per paragraph, articles in order: row -> owning article, word count.
    n_paras = np.fromiter((len(a.paragraphs) for a in articles), dtype=np.int64)
    n_rows = int(n_paras.sum())
    if n_rows < 3:
        return articles
    texts = [p.text for a in articles for p in a.paragraphs]
    vectors = paragraph_vectors(texts)  # L2-normalised rows, CSR
    owner = np.repeat(np.arange(len(articles), dtype=np.int64), n_paras)
    membership = sp.csr_matrix(
        (np.ones(n_rows), (owner, np.arange(n_rows))),
        shape=(len(articles), n_rows),
    )
    sums = (membership @ vectors).tocsr()  # article = sum of its paragraph vectors
    words = np.fromiter((p.words for a in articles for p in a.paragraphs), np.int64, n_rows)
    own_dot = _dot_with_own_article(vectors, sums, owner)
    sum_sq = np.asarray(sums.multiply(sums).sum(axis=1)).ravel()
    row_sq = np.asarray(vectors.multiply(vectors).sum(axis=1)).ravel()
    rest_norm = np.sqrt(np.maximum(sum_sq[owner] - 2 * own_dot + row_sq, 0.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        loo = np.where(rest_norm > 0, (own_dot - row_sq) / rest_norm, 0.0)
    # Screen leniently: a pasted story of two paragraphs props each one up until the
    # other is gone; _drop_off_topic applies the strict threshold one removal at a time.
    screen = max(0.15, 2 * config.off_topic_max_article_similarity)
    candidates = np.flatnonzero(
        (words >= config.off_topic_min_words) & (loo < screen) & (row_sq > 0)
    )
    if candidates.size == 0:
        return articles

    centroids = _normalise_rows(sums)
    candidates = _screen_by_lower_bound(
        vectors, centroids, candidates, owner, config.off_topic_max_corpus_similarity
    )
    flagged: dict[int, list[tuple[int, float, float]]] = {}  # article -> (row, loo, best)
    for start in range(0, candidates.size, 256):
        chunk = candidates[start : start + 256]
        sims = (vectors[chunk] @ centroids.T).toarray()
        sims[np.arange(chunk.size), owner[chunk]] = -1.0  # not its own article
        best = sims.max(axis=1) if sims.shape[1] > 1 else np.zeros(chunk.size)
        for p, b in zip(chunk, best, strict=True):
            if b < config.off_topic_max_corpus_similarity:
                flagged.setdefault(int(owner[p]), []).append((int(p), float(loo[p]), float(b)))

    # Articles with at least one suspect paragraph: judge all their paragraphs, since a
    # second pasted paragraph may only look off-topic once the first is gone.
    out = list(articles)
    first_row = np.searchsorted(owner, np.arange(len(articles)))  # rows are in article order
    for ai in flagged:
        rows = {pi: int(first_row[ai]) + pi for pi in range(len(articles[ai].paragraphs))}
        order = np.array([rows[pi] for pi in sorted(rows)])
        sims = (vectors[order] @ centroids.T).toarray()
        sims[:, ai] = -1.0
        best = sims.max(axis=1) if sims.shape[1] > 1 else np.zeros(order.size)
        best_elsewhere = {
            pi: float(b)
            for pi, b in zip(sorted(rows), best, strict=True)
            if words[rows[pi]] >= config.off_topic_min_words
            and b < config.off_topic_max_corpus_similarity
        }
        out[ai] = _drop_off_topic(out[ai], best_elsewhere, vectors, rows, config)
    return out


def _dot_with_own_article(
    vectors: sp.csr_matrix, sums: sp.csr_matrix, owner: np.ndarray
) -> np.ndarray:
    """Each row of ``vectors`` dotted with row ``owner[row]`` of ``sums``.

    The same floats, bit for bit, as ``vectors.multiply(sums[owner]).sum(axis=1)``,
    without building ``sums[owner]`` (a copy of the article's row for each of its
    paragraphs: 65 million entries for 100,000 articles, most of that stage's time).
    Each paragraph weight is multiplied by its article's weight for the same term, found
    by binary search, and each row's products are summed in the order SciPy's
    ``multiply`` leaves them: last to first, as its general (not sorted-input) routine
    emits them, since the order of a sum decides its rounding. Where that routine would
    not be the one SciPy runs (unsorted or repeated paragraph terms, sorted article
    rows) or a product is zero (SciPy drops those), SciPy does the work instead.
    """
    if vectors.nnz and sums.nnz and vectors.has_canonical_format and not sums.has_canonical_format:
        per_row = np.diff(vectors.indptr)
        article = sums.sorted_indices()
        n_terms = np.int64(article.shape[1])
        article_keys = np.repeat(
            np.arange(article.shape[0], dtype=np.int64) * n_terms, np.diff(article.indptr)
        )
        article_keys += article.indices
        keys = np.repeat(owner * n_terms, per_row) + vectors.indices
        at = np.minimum(np.searchsorted(article_keys, keys), article_keys.size - 1)
        products = vectors.data * article.data[at]
        if np.array_equal(article_keys[at], keys) and products.all():
            row = np.repeat(np.arange(per_row.size), per_row)
            last_to_first = vectors.indptr[row] + vectors.indptr[row + 1] - 1 - np.arange(row.size)
            out = np.zeros(per_row.size)
            nonempty = np.flatnonzero(per_row)
            out[nonempty] = np.add.reduceat(products[last_to_first], vectors.indptr[nonempty])
            return out
    return np.asarray(vectors.multiply(sums[owner]).sum(axis=1)).ravel()


def _screen_by_lower_bound(
    vectors: sp.csr_matrix,
    centroids: sp.csr_matrix,
    candidates: np.ndarray,
    owner: np.ndarray,
    threshold: float,
    postings: int = 64,
) -> np.ndarray:
    """Drop the candidates that provably resemble another article, without an N-wide scan.

    TF-IDF weights are non-negative, so the dot product over any subset of terms is a
    lower bound of the cosine. Each term keeps only the ``postings`` articles where it
    weighs most; a candidate whose bound already reaches ``threshold`` for some other
    article is kept in its article. Only the rest (few) get the exact scan over every
    article. The work is linear in the number of candidates, not in candidates × N.
    """
    if candidates.size == 0 or centroids.shape[0] <= postings:
        return candidates
    # The CSC arrays of ``centroids`` are the CSR arrays of its transpose: one segment of
    # article weights per term, articles in order. Only terms in more than ``postings``
    # articles need a sort, and only within their own segment (a stable sort, so among
    # equal weights the first articles stay, as a sort of the whole matrix would keep).
    by_term = sp.csc_matrix(centroids)
    by_term.sort_indices()
    indptr, weights = by_term.indptr, by_term.data
    per_term = np.diff(indptr)
    keep = np.ones(weights.size, dtype=bool)
    for term in np.flatnonzero(per_term > postings).tolist():
        lo, hi = int(indptr[term]), int(indptr[term + 1])
        keep[lo + np.argsort(-weights[lo:hi], kind="stable")[postings:]] = False
    capped_indptr = np.zeros_like(indptr)
    np.cumsum(np.minimum(per_term, postings), out=capped_indptr[1:])
    capped_t = sp.csr_matrix(
        (weights[keep], by_term.indices[keep], capped_indptr), shape=centroids.shape[::-1]
    )
    still: list[np.ndarray] = []
    for start in range(0, candidates.size, 4096):
        chunk = candidates[start : start + 4096]
        bound = sp.csr_matrix(vectors[chunk] @ capped_t).tocoo()
        other = bound.col != owner[chunk][bound.row]
        proven = np.zeros(chunk.size, dtype=bool)
        proven[bound.row[other & (bound.data >= threshold)]] = True
        still.append(chunk[~proven])
    return np.concatenate(still)


def _normalise_rows(m: sp.csr_matrix) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ m)


def _drop_off_topic(
    article: Article,
    corpus_best: dict[int, float],
    vectors: sp.csr_matrix,
    rows: dict[int, int],
    config: CleanConfig,
) -> Article:
    """Remove runs of candidate paragraphs that share neither weighted terms nor vocabulary
    with the rest of their article.

    ``corpus_best`` maps each candidate paragraph's index to its best cosine with any
    other article; ``rows`` maps paragraph indexes to rows of ``vectors``. Adjacent
    candidates are judged together (a pasted story often spans several paragraphs
    that would otherwise vouch for each other), then one by one.
    """
    candidates = sorted(pi for pi, best in corpus_best.items())
    runs: list[list[int]] = []
    for pi in candidates:
        if runs and runs[-1][-1] == pi - 1:
            runs[-1].append(pi)
        else:
            runs.append([pi])
    words = [_content_words(p.text) for p in article.paragraphs]
    if article.title and not article.title_derived:
        words.append(_content_words(article.title))
    total_words = article.word_count
    dropped: dict[int, str] = {}

    def judge(group: list[int]) -> str | None:
        inside = set(group) | set(dropped)
        rest = [k for k in range(len(article.paragraphs)) if k not in inside]
        if not rest:
            return None
        group_vec = sp.csr_matrix(vectors[[rows[k] for k in group]].sum(axis=0))
        rest_vec = sp.csr_matrix(vectors[[rows[k] for k in rest]].sum(axis=0))
        denom = float(np.sqrt(group_vec.multiply(group_vec).sum())) * float(
            np.sqrt(rest_vec.multiply(rest_vec).sum())
        )
        cosine = float(group_vec.multiply(rest_vec).sum()) / denom if denom > 0 else 0.0
        own = set().union(*(words[k] for k in group))
        rest_words = set().union(*(words[k] for k in range(len(words)) if k not in inside))
        shared = len(own & rest_words) / len(own) if own else 1.0
        best = max(corpus_best[k] for k in group)
        if (
            cosine < config.off_topic_max_article_similarity
            and shared < config.off_topic_max_shared_vocabulary
            and best < config.off_topic_max_corpus_similarity
        ):
            return (
                f"cosine {cosine:.2f} to the rest of the article, {shared:.0%} of its words "
                f"found there, cosine {best:.2f} to the closest other article"
            )
        return None

    for run in runs:
        groups = [run] + ([[k] for k in run] if len(run) > 1 else [])
        for group in groups:
            if any(k in dropped for k in group):
                continue
            group_words = sum(article.paragraphs[k].words for k in group)
            removed_words = sum(article.paragraphs[k].words for k in dropped)
            if removed_words + group_words > total_words / 2:
                continue
            verdict = judge(group)
            if verdict is not None:
                for k in group:
                    dropped[k] = verdict
    if not dropped:
        return article
    removals = [
        Removal(article.paragraphs[k].line, article.paragraphs[k].text, "off-topic", dropped[k])
        for k in sorted(dropped)
    ]
    merged = sorted([*article.removed, *removals], key=lambda r: (r.line is None, r.line or 0))
    return replace(
        article,
        paragraphs=tuple(p for k, p in enumerate(article.paragraphs) if k not in dropped),
        removed=tuple(merged),
    )
