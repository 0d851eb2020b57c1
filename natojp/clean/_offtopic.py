"""The corpus pass: paragraphs unlike both their own article and every other article
(an unrelated story pasted into a page) moved to the article's removals.

:func:`remove_off_topic` makes the pass on a corpus held in one place. The same pass
runs on a corpus in parts (the partitions of :mod:`natojp.engine`), each part's work
done where it is and only small values brought together, with the same result, float
for float (tested):

1. :func:`paragraph_terms` of each part: the term counts of its paragraphs, and their
   :attr:`~ParagraphTerms.frequencies` (the part's words and document frequencies);
2. :func:`corpus_idf` of every part's frequencies: the corpus's vocabulary and inverse
   document frequencies (one reduction);
3. :func:`part_vectors` of each part: its TF-IDF paragraph vectors and article
   centroids, and the paragraphs unlike their own article (the candidates); and its
   :func:`part_postings`, the articles where each term weighs most;
4. :func:`corpus_postings` of every part's postings: the capped index that proves most
   candidates resemble some other article without comparing them with every one;
5. :func:`part_probes` of each part: the paragraphs still in doubt, which
   :func:`join_probes` gathers, :func:`part_best` of every part compares with its
   articles and :func:`best_of` reduces to each paragraph's best cosine elsewhere;
6. :func:`part_changes` of each part: its articles the pass changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import scipy.sparse as sp

from natojp.clean._blocks import _content_words
from natojp.config import CleanConfig
from natojp.models import Article, Removal

_POSTINGS = 64
"""Articles kept per term in the capped index of the screen (:func:`part_postings`)."""


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
    config = config or CleanConfig()
    articles = list(articles)
    if not config.off_topic or not articles:
        return articles
    changed = off_topic_changes([articles], config)[0]
    return [changed.get(i, a) for i, a in enumerate(articles)]


def off_topic_changes(
    parts: Sequence[Sequence[Article]],
    config: CleanConfig | None = None,
    *,
    terms: Sequence[ParagraphTerms] | None = None,
) -> list[dict[int, Article]]:
    """The off-topic pass over the corpus of the articles of ``parts``, a part at a time
    (the steps of the module docstring, in one process): per part, the articles it
    changes by their place in the part. ``terms``: each part's
    :func:`paragraph_terms`, when already counted (in another process)."""
    config = config or CleanConfig()
    if not config.off_topic:
        return [{} for _ in parts]
    if terms is None:
        terms = [paragraph_terms(p) for p in parts]
    elif len(terms) != len(parts):
        raise ValueError(f"{len(terms)} parts of term counts for {len(parts)} parts")
    idf = corpus_idf([t.frequencies for t in terms])
    vectors = [part_vectors(t, idf, i, config) for i, t in enumerate(terms)]
    postings = corpus_postings([part_postings(v) for v in vectors], idf)
    probes = [part_probes(v, postings, config) for v in vectors]
    joined = join_probes(probes)
    best = best_of([part_best(v, joined) for v in vectors], joined)
    return [
        part_changes(p, v, pr, b, config)
        for p, v, pr, b in zip(parts, vectors, probes, best, strict=True)
    ]


@dataclass(frozen=True, slots=True)
class TermFrequencies:
    """A part's words and in how many of its paragraphs each occurs."""

    words: np.ndarray
    frequencies: np.ndarray
    paragraphs: int
    articles: int


@dataclass(frozen=True, slots=True)
class ParagraphTerms:
    """The term counts of the paragraphs of a part's articles (:func:`paragraph_terms`)."""

    words: np.ndarray
    """The part's words (object array)."""
    counts: sp.csr_matrix
    """Paragraphs (articles in order) × words."""
    paragraphs: np.ndarray
    """Per article, its paragraphs."""
    lengths: np.ndarray
    """Per paragraph, its words (:attr:`natojp.models.Paragraph.words`)."""

    @property
    def frequencies(self) -> TermFrequencies:
        df = np.diff(sp.csc_matrix(self.counts).indptr)
        return TermFrequencies(self.words, df, self.counts.shape[0], self.paragraphs.size)


def paragraph_terms(articles: Sequence[Article]) -> ParagraphTerms:
    """Step 1: the term counts of the paragraphs of ``articles``."""
    from natojp.vectorise import paragraph_counts

    texts = [p.text for a in articles for p in a.paragraphs]
    words, counts = paragraph_counts(texts)
    paragraphs = np.fromiter((len(a.paragraphs) for a in articles), np.int64, len(articles))
    lengths = np.fromiter((p.words for a in articles for p in a.paragraphs), np.int64, len(texts))
    return ParagraphTerms(words, counts, paragraphs, lengths)


@dataclass(frozen=True, slots=True)
class CorpusIdf:
    """The corpus's vocabulary as :func:`corpus_idf` makes it."""

    idf: np.ndarray
    """The inverse document frequency of each term (columns sorted by word)."""
    columns: tuple[np.ndarray, ...]
    """Per part, the column of each of its words."""
    firsts: tuple[int, ...]
    """Per part, the number of its first article in the corpus."""
    articles: int
    paragraphs: int


def corpus_idf(parts: Sequence[TermFrequencies]) -> CorpusIdf:
    """Step 2: the vocabulary and inverse document frequencies of the corpus of
    ``parts``, the frequencies of every part in corpus order."""
    import pandas as pd

    from natojp.vectorise import paragraph_idf

    vocabulary = pd.Index(sorted(set().union(*(p.words.tolist() for p in parts))))
    columns = tuple(vocabulary.get_indexer(p.words).astype(np.int64) for p in parts)
    df = np.zeros(len(vocabulary), dtype=np.int64)
    for p, cols in zip(parts, columns, strict=True):
        df[cols] += p.frequencies
    paragraphs = sum(p.paragraphs for p in parts)
    firsts = np.cumsum([0, *(p.articles for p in parts)])
    return CorpusIdf(
        paragraph_idf(paragraphs, df),
        columns,
        tuple(int(f) for f in firsts[:-1]),
        int(firsts[-1]),
        paragraphs,
    )


@dataclass(frozen=True, slots=True)
class PartVectors:
    """A part's paragraph vectors and article centroids (:func:`part_vectors`)."""

    part: int
    first: int
    """The number of its first article in the corpus."""
    vectors: sp.csr_matrix
    """Paragraphs × terms, L2-normalised TF-IDF."""
    centroids: sp.csr_matrix
    """Articles × terms: the sum of each article's paragraph vectors, normalised."""
    owner: np.ndarray
    """Per paragraph, its article's place in the part."""
    lengths: np.ndarray
    candidates: np.ndarray
    """Paragraphs unlike the rest of their own article (the lenient screen)."""


def part_vectors(
    terms: ParagraphTerms, idf: CorpusIdf, part: int, config: CleanConfig
) -> PartVectors:
    """Step 3: the vectors of part ``part`` (``terms``), in the corpus's vocabulary."""
    from natojp.vectorise import weigh_counts

    n_rows, n_articles = terms.counts.shape[0], terms.paragraphs.size
    columns = idf.columns[part]
    if columns.size == idf.idf.size:  # the part has every word: its columns are the corpus's
        counts = terms.counts
    else:
        coo = terms.counts.tocoo()
        counts = sp.csr_matrix(
            (coo.data, (coo.row, columns[coo.col])), shape=(n_rows, idf.idf.size)
        )
        counts.sort_indices()
    vectors = weigh_counts(counts, idf.idf) if idf.idf.size else counts
    owner = np.repeat(np.arange(n_articles, dtype=np.int64), terms.paragraphs)
    membership = sp.csr_matrix(
        (np.ones(n_rows), (owner, np.arange(n_rows))), shape=(n_articles, n_rows)
    )
    sums = (membership @ vectors).tocsr()  # article = sum of its paragraph vectors
    none = np.zeros(0, dtype=np.int64)
    if idf.paragraphs < 3:
        return PartVectors(
            part, idf.firsts[part], vectors, _normalise_rows(sums), owner, terms.lengths, none
        )
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
        (terms.lengths >= config.off_topic_min_words) & (loo < screen) & (row_sq > 0)
    )
    return PartVectors(
        part, idf.firsts[part], vectors, _normalise_rows(sums), owner, terms.lengths, candidates
    )


@dataclass(frozen=True, slots=True)
class Postings:
    """Per term, the articles where it weighs most, with the weights (term, article,
    weight arrays, the articles numbered in the corpus)."""

    terms: np.ndarray
    articles: np.ndarray
    weights: np.ndarray


def part_postings(vectors: PartVectors, limit: int = _POSTINGS) -> Postings:
    """Step 3: per term, the ``limit`` articles of the part where it weighs most (among
    equal weights, the first)."""
    by_term = sp.csc_matrix(vectors.centroids)
    by_term.sort_indices()
    indptr, weights = by_term.indptr, by_term.data
    per_term = np.diff(indptr)
    keep = np.ones(weights.size, dtype=bool)
    for term in np.flatnonzero(per_term > limit).tolist():
        lo, hi = int(indptr[term]), int(indptr[term + 1])
        keep[lo + np.argsort(-weights[lo:hi], kind="stable")[limit:]] = False
    terms = np.repeat(np.arange(per_term.size, dtype=np.int64), per_term)
    articles = by_term.indices.astype(np.int64) + vectors.first
    return Postings(terms[keep], articles[keep], weights[keep])


def corpus_postings(
    parts: Sequence[Postings], idf: CorpusIdf, limit: int = _POSTINGS
) -> sp.csr_matrix | None:
    """Step 4: the capped index, terms × articles, of every part's postings: per term,
    the ``limit`` articles of the corpus where it weighs most (among equal weights, the
    first). None when the corpus has ``limit`` articles or fewer: every article is then
    compared with every candidate."""
    if idf.articles <= limit:
        return None
    if len(parts) == 1:  # already capped, by term and article
        (p,) = parts
        indptr = np.zeros(idf.idf.size + 1, dtype=np.int64)
        np.cumsum(np.bincount(p.terms, minlength=idf.idf.size), out=indptr[1:])
        return sp.csr_matrix((p.weights, p.articles, indptr), shape=(idf.idf.size, idf.articles))
    terms = np.concatenate([p.terms for p in parts])
    articles = np.concatenate([p.articles for p in parts])
    weights = np.concatenate([p.weights for p in parts])
    # The parts come in article order, each by term and article: a stable sort by term
    # leaves each term's articles in order (and merges sorted runs: little work).
    order = np.argsort(terms, kind="stable")
    terms, articles, weights = terms[order], articles[order], weights[order]
    per_term = np.bincount(terms, minlength=idf.idf.size)
    indptr = np.zeros(idf.idf.size + 1, dtype=np.int64)
    np.cumsum(per_term, out=indptr[1:])
    keep = np.ones(terms.size, dtype=bool)
    for term in np.flatnonzero(per_term > limit).tolist():
        lo, hi = int(indptr[term]), int(indptr[term + 1])
        keep[lo + np.argsort(-weights[lo:hi], kind="stable")[limit:]] = False
    np.cumsum(np.minimum(per_term, limit), out=indptr[1:])
    return sp.csr_matrix(
        (weights[keep], articles[keep], indptr), shape=(idf.idf.size, idf.articles)
    )


@dataclass(frozen=True, slots=True)
class Probes:
    """The paragraphs of a part (or of the corpus) still in doubt (:func:`part_probes`)."""

    rows: np.ndarray
    """Their places among their part's paragraphs."""
    articles: np.ndarray
    """Their articles' numbers in the corpus."""
    candidates: np.ndarray
    """Which of them are candidates (the others are the rest of their article)."""
    vectors: sp.csr_matrix
    sizes: tuple[int, ...] = ()
    """Joined (:func:`join_probes`): how many probes each part gave, in order."""


def part_probes(
    vectors: PartVectors, postings: sp.csr_matrix | None, config: CleanConfig
) -> Probes:
    """Step 5: the candidates of a part that the capped index does not prove to resemble
    another article, with the other paragraphs of their articles long enough to be
    judged (a second pasted paragraph may only look off-topic once the first is gone),
    less those the index proves to resemble another article (their best cosine
    elsewhere is then never read)."""
    candidates = _unproven(vectors, vectors.candidates, postings, config)
    in_doubt = np.zeros(vectors.centroids.shape[0], dtype=bool)
    in_doubt[vectors.owner[candidates]] = True
    rows = np.flatnonzero(in_doubt[vectors.owner] & (vectors.lengths >= config.off_topic_min_words))
    others = _unproven(vectors, np.setdiff1d(rows, candidates), postings, config)
    rows = np.union1d(candidates, others)
    return Probes(
        rows,
        vectors.first + vectors.owner[rows],
        np.isin(rows, candidates),
        sp.csr_matrix(vectors.vectors[rows]),
    )


def _unproven(
    vectors: PartVectors, rows: np.ndarray, postings: sp.csr_matrix | None, config: CleanConfig
) -> np.ndarray:
    """The paragraphs of ``rows`` that the capped index ``postings`` does not prove to
    resemble an article other than their own. TF-IDF weights are non-negative, so the
    dot product over any subset of terms is a lower bound of the cosine: a paragraph
    whose bound reaches the threshold for some other article is proven. The work is
    linear in the paragraphs, not in paragraphs × articles."""
    if postings is None or rows.size == 0:
        return rows
    threshold = config.off_topic_max_corpus_similarity
    still: list[np.ndarray] = []
    for start in range(0, rows.size, 4096):
        chunk = rows[start : start + 4096]
        bound = sp.csr_matrix(vectors.vectors[chunk] @ postings).tocoo()
        other = bound.col != vectors.first + vectors.owner[chunk][bound.row]
        proven = np.zeros(chunk.size, dtype=bool)
        proven[bound.row[other & (bound.data >= threshold)]] = True
        still.append(chunk[~proven])
    return np.concatenate(still)


def join_probes(parts: Sequence[Probes]) -> Probes:
    """The probes of every part, one after the other."""
    if not parts:
        none = np.zeros(0, dtype=np.int64)
        return Probes(none, none, np.zeros(0, dtype=bool), sp.csr_matrix((0, 0)))
    return Probes(
        np.concatenate([p.rows for p in parts]),
        np.concatenate([p.articles for p in parts]),
        np.concatenate([p.candidates for p in parts]),
        sp.csr_matrix(sp.vstack([p.vectors for p in parts], format="csr")),
        tuple(p.rows.size for p in parts),
    )


def part_best(vectors: PartVectors, probes: Probes) -> np.ndarray:
    """Step 5: each probe's best cosine with an article of this part other than its own
    (0 where it shares no term with one, or the part has no other)."""
    best = np.zeros(probes.rows.size)
    if vectors.centroids.shape[0] == 0 or probes.rows.size == 0:
        return best
    centroids_t = sp.csr_matrix(vectors.centroids.T)
    own = probes.articles - vectors.first
    for start in range(0, probes.rows.size, 1024):
        stop = min(start + 1024, probes.rows.size)
        sims = sp.csr_matrix(probes.vectors[start:stop] @ centroids_t)
        # A probe's own article counts as 0: with another article in the corpus, the
        # best is at least 0 anyway.
        row = np.repeat(np.arange(stop - start), np.diff(sims.indptr))
        sims.data[sims.indices == own[start:stop][row]] = 0.0
        best[start:stop] = sims.max(axis=1).toarray().ravel()
    return best


def best_of(parts: Sequence[np.ndarray], probes: Probes) -> list[np.ndarray]:
    """Each of the joined ``probes``' best cosine with any other article of the corpus,
    given every part's :func:`part_best`, split back by the part that gave the probe.
    Where the corpus has no other article, 0."""
    best = np.zeros(probes.rows.size)
    for p in parts:
        np.maximum(best, p, out=best)
    return np.split(best, np.cumsum(probes.sizes)[:-1]) if probes.sizes else []


def unlike_any(probes: Probes, best: np.ndarray, config: CleanConfig) -> np.ndarray:
    """Which of a part's ``probes`` are candidates unlike every other article (their
    ``best`` cosine elsewhere below the threshold): the articles holding one are those
    :func:`part_changes` judges."""
    return probes.candidates & (best < config.off_topic_max_corpus_similarity)


def part_changes(
    articles: Sequence[Article],
    vectors: PartVectors,
    probes: Probes,
    best: np.ndarray,
    config: CleanConfig,
) -> dict[int, Article]:
    """Step 6: the articles of a part that the pass changes, by their place in the part,
    given the part's ``probes`` and their ``best`` cosines elsewhere (:func:`best_of`):
    the articles with a candidate unlike every other article lose their off-topic
    paragraphs (:func:`_drop_off_topic`)."""
    threshold = config.off_topic_max_corpus_similarity
    owner = vectors.owner[probes.rows]
    flagged = np.unique(owner[unlike_any(probes, best, config)])
    first_row = np.searchsorted(vectors.owner, np.arange(len(articles)))
    out: dict[int, Article] = {}
    for ai in flagged.tolist():
        mine = owner == ai
        first = int(first_row[ai])
        best_elsewhere = {
            int(r) - first: float(b)
            for r, b in zip(probes.rows[mine], best[mine], strict=True)
            if b < threshold
        }
        rows = {pi: first + pi for pi in range(len(articles[ai].paragraphs))}
        kept = _drop_off_topic(articles[ai], best_elsewhere, vectors.vectors, rows, config)
        if kept is not articles[ai]:
            out[ai] = kept
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
