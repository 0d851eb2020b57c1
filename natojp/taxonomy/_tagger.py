"""Tagging articles with areas: sentence scores, list blocks counted once, evidence."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from natojp._text import normalise, split_sentences
from natojp.models import Article
from natojp.taxonomy._matcher import (
    _compile,
    _Compiled,
    _in_list,
    _mask_scripts,
    _matcher_language,
    _word_tokens,
)
from natojp.taxonomy._model import Area, Taxonomy


class _Tagger:
    """Matches sentences against a compiled taxonomy, caching token verdicts.

    The prefilter: a term can only match a text whose word tokens fill all of the
    term's slots, so an area's expression runs only where one of its terms could.
    """

    def __init__(self, compiled: _Compiled) -> None:
        self._compiled = compiled
        self._seen: set[str] = set()
        self._useful: set[str] = set()
        self._token_terms: dict[str, tuple[int, ...]] = {}

    def candidate_areas(self, text: str) -> set[int]:
        """Areas that may match ``text`` (a superset of those that do)."""
        compiled = self._compiled
        spaced = _mask_scripts(text) if compiled.scripts and not text.isascii() else text
        out = self._token_areas(_word_tokens(spaced))
        if compiled.needles and not text.isascii():  # every needle has a kanji or kana
            folded = normalise(text).lower()
            for area, term_needles in compiled.needles:
                if area in out:
                    continue
                for needles in term_needles:
                    if needles[0] in folded and all(n in folded for n in needles[1:]):
                        out.add(area)
                        break
        return out

    def _token_areas(self, tokens: set[str]) -> set[int]:
        """Areas with a spaced-script term whose slots ``tokens`` fill."""
        new = tokens - self._seen
        if new:
            for token in new:
                terms = self._compiled.terms_for_token(token)
                if terms:
                    self._useful.add(token)
                    self._token_terms[token] = terms
            self._seen |= new
        hits = tokens & self._useful
        out: set[int] = set()
        if not hits:
            return out
        area_of, others = self._compiled.term_area, self._compiled.term_others
        for token in hits:
            for term in self._token_terms[token]:
                if area_of[term] not in out and all(
                    not spellings.isdisjoint(tokens) for spellings in others[term]
                ):
                    out.add(area_of[term])
        return out

    def match(self, text: str, candidates: Iterable[int]) -> dict[int, list[tuple[int, int]]]:
        """Spans of each area's accepted matches in one normalised sentence."""
        plain: dict[int, list[tuple[int, int]]] = {}
        listed: dict[int, list[tuple[int, int]]] = {}
        spaced = text
        if self._compiled.scripts and not text.isascii():
            spaced = _mask_scripts(text)
        for index in sorted(candidates):
            area = self._compiled.areas[index]
            matches = list(area.pattern.finditer(spaced)) if area.pattern is not None else []
            if area.unspaced is not None:
                matches += area.unspaced.finditer(text)
                matches.sort(key=lambda m: m.span())
            if not matches:
                continue
            blocked = [m.span() for m in area.exclude.finditer(spaced)] if area.exclude else []
            if area.unspaced_exclude is not None:
                blocked += [m.span() for m in area.unspaced_exclude.finditer(text)]
            if blocked:
                matches = [
                    m for m in matches if not any(s < m.end() and m.start() < e for s, e in blocked)
                ]
            for m in matches:
                target = listed if m.lastgroup == "listed" else plain
                target.setdefault(index, []).append(m.span())
        if listed:
            anchors = sorted(span for spans in plain.values() for span in spans)
            for index, spans in listed.items():
                kept = [s for s in spans if _in_list(text, s[0], s[1], anchors)]
                if kept:
                    plain[index] = sorted(plain.get(index, []) + kept)
        return plain


# --- tagging ---------------------------------------------------------------------------

# A list item or table row: a bullet or number, table cells (pipes or tabs), or a short
# line that does not end like a sentence (an item of a plain list, a table cell).
_BULLET = re.compile(
    r"(?:[-*+\u2022\u00b7\u25aa\u25e6\u2023\u25cf\u25cb\u25a0\u25ba\u25b6\u2013\u2014]|\(?\d{1,3}[.)])\s"
)
_SENTENCE_END = tuple(".!?:;\u3002\uff01\uff1f\u2026\"'\u201d\u2019)")
SHORT_LINE_WORDS = 8
"""A line of at most this many words, not ending like a sentence, is a list line."""
_SHORT_LINE_CHARS = 60
_LINE_WORD = re.compile(r"\w+(?:[-'\u2019]\w+)*")


def is_list_line(line: str) -> bool:
    """Whether ``line`` is an item of a list or a row of a table.

    A bulleted or numbered line (``- ``, ``\u2022 ``, ``1. ``, ``2) ``), a table row
    (two or more ``|``, or a tab between cells), or a short line (at most
    :data:`SHORT_LINE_WORDS` words and 60 characters) that does not end like a
    sentence. Consecutive list lines form one *block*, which
    :func:`tag_articles` counts as one mention per area, however many rows name it.
    """
    text = line.strip()
    if not text:
        return False
    if _BULLET.match(text) or "\t" in text or text.count("|") >= 2:
        return True
    return (
        len(text) <= _SHORT_LINE_CHARS
        and not text.endswith(_SENTENCE_END)
        and len(_LINE_WORD.findall(text)) <= SHORT_LINE_WORDS
    )


@dataclass(frozen=True, slots=True)
class TechAreaResult:
    """Per-article technology-area scores with the sentences that earned them.

    ``scores`` has one row per article (input order) and one column per area
    (taxonomy order): the number of body sentences that mention the area, as float,
    where a list or table (consecutive lines that :func:`is_list_line` accepts) counts
    as one sentence however many of its rows mention the area.
    ``evidence[article][area]`` lists the matching sentences (every matching row of a
    list) as they appear in the body, in order; ``terms[article][area]`` the distinct
    strings that matched, in order of first appearance. Both hold every article id,
    and only areas with matches.

    ``uncovered[article]`` names the areas that have no terms in the article's
    language (``Article.language``, when it is set and not English): the article was
    matched on their English terms only, so its scores for them are likely too low.
    Only such articles are keys; say so wherever their scores are shown.
    """

    areas: tuple[Area, ...]
    scores: pd.DataFrame
    evidence: dict[str, dict[str, list[str]]]
    terms: dict[str, dict[str, list[str]]]
    uncovered: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def mentioned(self, article_id: str) -> list[str]:
        """Ids of the areas an article mentions, in taxonomy order."""
        row = self.scores.loc[article_id]
        return [str(area) for area, score in row.items() if score > 0]


@dataclass(frozen=True, slots=True)
class AreaRow:
    """One article's part of a :class:`TechAreaResult`: its score per area (taxonomy
    order), the matching sentences and the distinct matched strings of the areas it
    mentions, and the areas without terms in its language (empty: none). The same for
    an article whatever else the corpus holds, so it can be read once and kept
    (:mod:`natojp.facts`)."""

    counts: tuple[float, ...]
    evidence: dict[str, list[str]]
    terms: dict[str, list[str]]
    uncovered: tuple[str, ...] = ()


class _Rows:
    """Reads :class:`AreaRow` of articles with one taxonomy, compiling its matcher once
    per language."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.ids = taxonomy.ids
        self._taggers: dict[str | None, tuple[_Tagger, tuple[str, ...]]] = {}
        self._by_matcher: dict[str, _Tagger] = {}

    def _tagger(self, language: str | None) -> tuple[_Tagger, tuple[str, ...]]:
        if language not in self._taggers:
            matcher = _matcher_language(self.taxonomy, language)
            if matcher not in self._by_matcher:
                self._by_matcher[matcher] = _Tagger(_compile(self.taxonomy, matcher))
            missing = self.taxonomy.areas_without_terms(language)
            self._taggers[language] = (self._by_matcher[matcher], missing)
        return self._taggers[language]

    def row(self, article: Article) -> AreaRow:
        tagger, missing = self._tagger(article.language)
        ids = self.ids
        counts = [0.0] * len(ids)
        sentences: dict[int, list[str]] = {}
        surfaces: dict[int, dict[str, None]] = {}
        block: set[int] | None = None  # areas counted in the current list block
        for paragraph in article.paragraphs:
            lines = paragraph.text.splitlines() if "\n" in paragraph.text else [paragraph.text]
            if not tagger.candidate_areas(paragraph.text):
                for line in lines:  # no match here, but a list block may go on
                    if line.strip():
                        block = (
                            (block if block is not None else set()) if is_list_line(line) else None
                        )
                continue
            for line in lines:
                if not line.strip():
                    continue
                listed = is_list_line(line)
                if not listed:
                    block = None
                elif block is None:
                    block = set()
                for sentence in split_sentences(line):
                    text = sentence if sentence.isascii() else normalise(sentence)
                    candidates = tagger.candidate_areas(text)
                    if not candidates:
                        continue
                    # Offsets into ``text`` are offsets into ``sentence`` unless NFKC
                    # changed the length; then report the normalised spelling.
                    source = sentence if len(text) == len(sentence) else text
                    for index, spans in tagger.match(text, candidates).items():
                        if block is None:
                            counts[index] += 1
                        elif index not in block:
                            counts[index] += 1
                            block.add(index)
                        sentences.setdefault(index, []).append(sentence)
                        bucket = surfaces.setdefault(index, {})
                        for start, end in spans:
                            bucket.setdefault(source[start:end], None)
        return AreaRow(
            tuple(counts),
            {ids[i]: sentences[i] for i in sorted(sentences)},
            {ids[i]: list(surfaces[i]) for i in sorted(surfaces)},
            missing,
        )


def area_rows(articles: Iterable[Article], taxonomy: Taxonomy | None = None) -> dict[str, AreaRow]:
    """Each article's :class:`AreaRow`, by id: the per-article part of
    :func:`tag_articles`, which takes them as ``rows`` when read earlier."""
    reader = _Rows(taxonomy if taxonomy is not None else Taxonomy.default())
    return {a.id: reader.row(a) for a in articles}


def tag_articles(
    articles: Sequence[Article],
    taxonomy: Taxonomy | None = None,
    *,
    rows: Mapping[str, AreaRow] | None = None,
) -> TechAreaResult:
    """Score each article per technology area from its cleaned body sentences.

    Sentences come from :func:`~natojp._text.split_sentences` on each paragraph of
    ``article.paragraphs``: text removed during cleaning is never seen. ``taxonomy``
    defaults to :meth:`Taxonomy.default`. Raises ``ValueError`` on repeated article ids.

    Each article is matched with the English terms plus those of its
    ``Article.language`` (``None``: English); see the module docstring. English
    articles are matched as they always were.

    ``rows`` holds articles' :class:`AreaRow` read earlier with the same taxonomy
    (:func:`area_rows`); the other articles are read here. The result is the same.
    """
    if taxonomy is None:
        taxonomy = Taxonomy.default()
    ids = taxonomy.ids
    seen_ids: set[str] = set()
    for article in articles:
        if article.id in seen_ids:
            raise ValueError(f"article id {article.id!r} occurs more than once")
        seen_ids.add(article.id)

    known = rows or {}
    reader = _Rows(taxonomy)
    counts: list[tuple[float, ...]] = []
    evidence: dict[str, dict[str, list[str]]] = {}
    found_terms: dict[str, dict[str, list[str]]] = {}
    uncovered: dict[str, tuple[str, ...]] = {}
    for article in articles:
        row = known.get(article.id)
        if row is None or len(row.counts) != len(ids):
            row = reader.row(article)
        counts.append(row.counts)
        evidence[article.id] = row.evidence
        found_terms[article.id] = row.terms
        if row.uncovered:
            uncovered[article.id] = row.uncovered

    scores = pd.DataFrame(
        counts,
        index=pd.Index([a.id for a in articles], name="article", dtype=object),
        columns=pd.Index(ids, name="area", dtype=object),
        dtype=float,
    )
    return TechAreaResult(
        areas=taxonomy.areas,
        scores=scores,
        evidence=evidence,
        terms=found_terms,
        uncovered=uncovered,
    )


def aggregate_scores(scores: pd.DataFrame, groups: Mapping[str, str]) -> pd.DataFrame:
    """Sum article × area scores into group × area (e.g. per outlet), groups in first-seen order."""
    keys = [groups[i] for i in scores.index]
    out = scores.groupby(keys, sort=False).sum()
    out.index.name = "group"
    return out
