"""Passage-level duplicate content and the grouping of articles into independent reports.

How it works
------------
1. **Passages**: every sentence of every cleaned body, tokenised (lower case,
   hyphens and apostrophes inside words dropped, punctuation ignored).
2. **Candidates** (:class:`ShingleCandidates`): passages that share at least
   ``min_shared_shingles`` hashed word ``shingle_size``-grams. Built with sorted
   NumPy arrays: the cost grows with the number of shared shingles, not with the
   square of the corpus. Shingles found in more than ``max_shingle_passages``
   passages are boilerplate and do not make candidates.
3. **Verification**: each candidate pair is aligned token by token
   (:class:`difflib.SequenceMatcher`). A pair is a duplicate when the aligned
   words cover at least ``min_score`` of the shorter sentence (the whole sentences
   are the passages), or when one dense aligned region of at least
   ``min_span_words`` words is found (the region is the passage: e.g. a quote
   embedded in differently worded sentences). Pairs that share too few words
   (counted with repetition, for all pairs at once with a sparse matrix) to pass
   either test are dropped before alignment, and one matcher serves all the pairs of
   a passage (difflib indexes its second sequence).
4. **Kinds**: ``verbatim`` (same text), ``near-verbatim`` (score ≥
   ``near_verbatim_score``: the same words with small edits or punctuation),
   ``paraphrase`` (a substantial share of the wording reused). ``quote`` marks
   duplicates that are quoted speech in both articles.
5. **Runs**: consecutive duplicated sentences are merged into one passage. Sentences
   shorter than ``min_passage_words`` have too few shingles to be candidates; they are
   matched through their neighbours: the short sentences next to a near-verbatim
   sentence match that have the same words in both articles join its run, so a copied
   paragraph with a short sentence inside is one passage, not pieces around it.
6. **Independent reports**: two articles are one report when at least 30% of the
   shorter one is shared text outside quotes, when they share two or more
   near-verbatim passages of 12+ words, or one such passage and one names the other's
   outlet as its source (not its own outlet: a copyright line), or when one article is
   at least 80% the other's text. A single shared quote is not enough: two reporters may
   quote the same statement. Formulaic passages (:attr:`DuplicatePair.formulaic`: most
   of their words are names with titles, numbers, stock phrases of :data:`FORMULAS`, or
   word 4-grams found in three or more otherwise unrelated articles) are listed but
   count for neither test. Each passage pair is listed once.
7. **Relations** (:data:`RELATIONS`), from article-level coverage: the share of each
   article's words inside word 5-grams the other also has (short sentences included,
   no word counted twice). ``copy``: both articles at least 90% covered, the same
   article twice. ``version``: at least 60% of the shorter is shared prose and one
   article is at least 80% covered, but the other has material of its own (abridged,
   extended or updated). ``rewrite``: the rest.
8. **Direction** (:data:`DIRECTION_BASES`, recorded in ``Dependency.direction_basis``
   and ``certain``): strong publication dates on different days, then wire credits and
   attributions in the text ("told X", "according to X", "(AP)"), then a wire or an
   article both derive from (neither copies the other), then how the shared passages
   lie in the two texts (a scrape that dropped the lead, an excerpt, a copy that only
   adds page furniture), then weak dates; the larger share of shared text only as a
   last resort, said as "direction not certain". The rules and why are in
   :mod:`natojp.duplicates._direction`.
"""

import importlib
from typing import TYPE_CHECKING, Any

from natojp.duplicates._direction import DIRECTION_BASES, STRONG_DATE_BASES, attribution
from natojp.duplicates._passages import FORMULAS
from natojp.duplicates._results import RELATIONS, Dependency, DuplicatePair, DuplicateResult
from natojp.duplicates._side import SIDE_MARKDOWN, SIDE_STATUSES, side_by_side, side_markdown

if TYPE_CHECKING:
    from natojp.duplicates._candidates import ShingleCandidates
    from natojp.duplicates._find import CandidateGenerator, find_duplicates

_NEEDS_SKLEARN = {
    "ShingleCandidates": "natojp.duplicates._candidates",
    "CandidateGenerator": "natojp.duplicates._find",
    "find_duplicates": "natojp.duplicates._find",
}


def __getattr__(name: str) -> Any:
    """The candidate generator and the pipeline, imported on first use: they need
    scikit-learn, most of a second to import, which reading a kept analysis (its pairs,
    dependencies and reports) does not."""
    module = _NEEDS_SKLEARN.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "DIRECTION_BASES",
    "FORMULAS",
    "RELATIONS",
    "SIDE_MARKDOWN",
    "SIDE_STATUSES",
    "STRONG_DATE_BASES",
    "CandidateGenerator",
    "Dependency",
    "DuplicatePair",
    "DuplicateResult",
    "ShingleCandidates",
    "attribution",
    "find_duplicates",
    "side_by_side",
    "side_markdown",
]
