"""What duplicate detection returns: passage pairs, dependencies between articles, the result."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from natojp._pickling import quick_state

RELATIONS: dict[str, str] = {
    "copy": "copies",
    "version": "is a version of",
    "rewrite": "rewrites",
}
"""Each dependency relation and its verb (derivative ``verb`` source), strongest first."""


@quick_state
@dataclass(frozen=True, slots=True)
class DuplicatePair:
    """One duplicated passage shared by articles ``a`` and ``b`` (``a == b``: within one).

    ``a_spans`` / ``b_spans`` are character spans of identical wording inside
    ``a_text`` / ``b_text``, for highlighting. ``score`` is the aligned share of the
    shorter passage (0-1).
    """

    a: str
    b: str
    a_text: str
    b_text: str
    score: float
    kind: str
    quote: bool
    shared_words: int
    a_line: int | None = None
    b_line: int | None = None
    a_spans: tuple[tuple[int, int], ...] = ()
    b_spans: tuple[tuple[int, int], ...] = ()
    evidence_words: int | None = None
    """Shared words that count as evidence of copying: not in names with titles, numbers,
    stock formulas (:data:`FORMULAS`) or wording common across otherwise unrelated
    articles. None: not assessed, every shared word counts."""

    @property
    def scope(self) -> str:
        return "within" if self.a == self.b else "across"

    @property
    def evidence(self) -> int:
        """The shared words that count as evidence of copying (see ``evidence_words``)."""
        return self.shared_words if self.evidence_words is None else self.evidence_words

    @property
    def formulaic(self) -> bool:
        """Whether most of the shared wording is formulaic (names with titles, numbers,
        stock phrases, wording common across unrelated articles): listed, but weak
        evidence that one article copies the other."""
        return 2 * self.evidence < self.shared_words


@quick_state
@dataclass(frozen=True, slots=True)
class Dependency:
    """Article ``derivative`` reuses content of ``source``; ``basis`` says how we know.

    ``relation`` is one of :data:`RELATIONS`: ``copy`` (the same article twice: at least
    90% of each article's words are shared text), ``version`` (an abridged, extended or
    updated edition: at least 80% of one article is shared text, but the other has
    material of its own; read the fuller one), ``rewrite`` (a substantial share of the
    text reworked). ``coverage`` is the share of the derivative's words that lie in word
    5-grams the source also has.

    ``direction_basis`` says what decided which article is the source, a key of
    :data:`~natojp.duplicates.DIRECTION_BASES` (``date``, ``credit``, ``attribution``,
    ``common-source``, ``containment``, ``length``), and ``certain`` whether that
    evidence settles it: a weakly dated pair, two reprints of one wire story and the
    last-resort ``length`` are not certain, and ``basis`` then says "direction not
    certain". ``via`` is the wire or article both derive from (``common-source``).
    """

    source: str
    derivative: str
    relation: str
    shared_passages: int
    coverage: float
    basis: str
    direction_basis: str = "length"
    certain: bool = False
    via: str | None = None

    @property
    def verb(self) -> str:
        """How the derivative relates to the source, e.g. "copies"."""
        return RELATIONS.get(self.relation, self.relation)

    def says(self, derivative: str, source: str, via: str | None = None) -> str:
        """The dependency in words, naming the articles ``derivative`` and ``source`` (and
        the common source ``via``, default :attr:`via`) as given: "A copies B" when the
        direction is certain; "A copies B (direction not certain)" when it is not; "A and
        B both carry AP's text (neither is shown to copy the other)" for a common source.
        Findings and the briefing pack state no uncertain direction as fact."""
        if self.direction_basis == "common-source":
            third = via or self.via
            carried = f"{third}'s text" if third else "a third source's text"
            return (
                f"{derivative} and {source} both carry {carried} "
                "(neither is shown to copy the other)"
            )
        text = f"{derivative} {self.verb} {source}"
        return text if self.certain else f"{text} (direction not certain)"


@dataclass(frozen=True, slots=True)
class DuplicateResult:
    """Duplicated passages, dependencies between articles and the independent reports."""

    pairs: tuple[DuplicatePair, ...]
    dependencies: tuple[Dependency, ...]
    independent_reports: tuple[tuple[str, ...], ...]
    candidates: int = 0
    stats: dict[str, int] = field(default_factory=dict)
    repeated_bodies: tuple[tuple[str, ...], ...] = ()
    """Groups of articles whose whole bodies have the same words (exact repeats)."""

    def to_frame(self, pairs: Sequence[DuplicatePair] | None = None) -> pd.DataFrame:
        """One row per duplicated passage (of ``pairs``, a selection of :attr:`pairs`)."""
        cols = [
            "a",
            "b",
            "scope",
            "kind",
            "quote",
            "formulaic",
            "score",
            "shared_words",
            "evidence_words",
            "a_text",
            "b_text",
        ]
        rows = [
            {
                "a": p.a,
                "b": p.b,
                "scope": p.scope,
                "kind": p.kind,
                "quote": p.quote,
                "formulaic": p.formulaic,
                "score": p.score,
                "shared_words": p.shared_words,
                "evidence_words": p.evidence,
                "a_text": p.a_text,
                "b_text": p.b_text,
            }
            for p in (self.pairs if pairs is None else pairs)
        ]
        return pd.DataFrame(rows, columns=cols)
