"""Evidence that two articles in different languages report one event.

Two articles in different languages share almost no TF-IDF terms, however close their
stories. What survives translation are the *specifics*:

* **numbers** of two digits or more (``155``, ``421``, ``2027``, ``4,000``), read after
  Unicode compatibility folding so that full-width digits (``１５５``) count, with
  thousands separators dropped (``4,000``, ``4.000`` and ``4000`` are one number). A
  number from 10 to 31 may be a day of the month, which every article dating the same
  weeks shares: it weighs :data:`DAY_NUMBER_WEIGHT` of another;
* **acronyms**: words in capitals (``NATO``, ``UUV``; a plural ``UUVs`` is ``UUV``),
  and every Latin-script word of a text in another script;
* **names** (Latin-script texts only): capitalised words that do not open a sentence
  (``Kubilius``, ``Torrejón``, ``Rantanen``). Case and accents are folded.

Each specific is weighted by its rarity in the corpus (``log((1 + n) / (1 + df))``: a
specific every article has weighs nothing) and two articles are compared by the cosine
of their weighted sets, twice when both are in Latin script: on numbers and acronyms
only, and with the names too; the higher counts (names are what an Italian and an
English report share; a German text capitalises every noun, and there numbers and
acronyms alone are the fairer measure). When one of the two is written in another script
(Japanese, Chinese, Russian...), its names are transliterated and cannot match: only the
numbers and acronyms are compared.

:func:`cross_language_pairs` compares only articles in different languages (in one
language TF-IDF is the better measure) and finds them through the specifics held by at
most ``max_df`` articles, so the cost grows with the corpus, not with its square; a
corpus in one language costs nothing.

:func:`event_days` reads the timeline into the plain data the stories take: per article,
the ``(day, planned)`` events its text reports (at day precision, not its own
publication).
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from natojp.models import Article

if TYPE_CHECKING:
    from natojp.timeline import Timeline

DAY_NUMBER_WEIGHT = 0.7
"""The weight of a number from 10 to 31 (it may be a day of the month) against others."""
MAX_DF = 50
"""Specifics held by more articles than this do not propose pairs (they still count)."""

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_THOUSANDS = re.compile(r"[.,](?=\d{3}(?!\d))")
_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
# A capitalised Latin-script word (names and acronyms start with a capital).
_CAPITALISED = re.compile(
    rf"(?<![{_LATIN}])[A-Z\u00c0-\u00d6\u00d8-\u00de][{_LATIN}]*(?:['’-][{_LATIN}]+)*"
)
_OTHER_LETTER = re.compile(rf"[^\W\d_{_LATIN}]")
_SENTENCE_END = re.compile(r"[.!?。！？]\s*$|^\s*$|[\n:;«“\"(\[]\s*$")
_POSSESSIVE = re.compile(r"['’]s$")
_ELISION = re.compile(r"^[A-Za-z]{1,3}['’](?=[A-Z])")


@functools.lru_cache(maxsize=1 << 16)
def _fold(word: str) -> str:
    """Lower case without accents: ``Torrejón`` → ``torrejon``."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True, slots=True)
class Specifics:
    """An article's specifics: ``compact`` (numbers and acronyms: what a text in another
    script can share), ``full`` (``compact`` and names), and whether the text is
    mostly in Latin script."""

    full: frozenset[str]
    compact: frozenset[str]
    latin: bool


def read_specifics(
    articles: Sequence[Article], only: Sequence[Article] | None = None
) -> dict[str, Specifics]:
    """The specifics of each article (of ``only`` when given: a part of ``articles``), by
    id, as :func:`cross_language_pairs` reads them; none when ``articles`` are not in two
    languages or more (it then reads none)."""
    if len({a.language for a in articles if a.language}) < 2:
        return {}
    return {a.id: specifics(a) for a in (articles if only is None else only)}


def specifics(article: Article) -> Specifics:
    """The specifics of one article (its title and body; rules in the module docstring)."""
    text = f"{article.title or ''}\n{article.body}"
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    numbers: set[str] = set()
    for m in _NUMBER.finditer(text):
        value = _THOUSANDS.sub("", m.group()).replace(",", ".")
        if len(value.split(".")[0].lstrip("0")) >= 2:
            numbers.add("#" + value)
    # Mostly Latin script unless a quarter of the characters are letters of another.
    latin = text.isascii() or len(_OTHER_LETTER.findall(text)) * 4 < len(text)
    acronyms: set[str] = set()
    names: set[str] = set()
    kept: set[str] = set()  # words already kept: a repeated name is read once
    for m in _CAPITALISED.finditer(text):
        if m.group() in kept:
            continue
        word = _ELISION.sub("", _POSSESSIVE.sub("", m.group()))  # "EU's", "L'UE"
        if len(word) >= 3 and word[-1] == "s" and word[:-1].isupper():
            word = word[:-1]  # a plural acronym: "UUVs"
        if len(word) >= 2 and (word.isupper() or not latin):
            acronyms.add(_fold(word))
            kept.add(m.group())
        elif (
            len(word) >= 3
            and latin
            and not _SENTENCE_END.search(text[max(0, m.start() - 3) : m.start()])
        ):
            names.add(_fold(word))
            kept.add(m.group())
    compact = frozenset(numbers | acronyms)
    return Specifics(full=frozenset(compact | names), compact=compact, latin=latin)


def cross_language_pairs(
    articles: Sequence[Article],
    *,
    admissible: Callable[[Article, Article], bool] | None = None,
    max_df: int = MAX_DF,
    known: Mapping[str, Specifics] | None = None,
) -> dict[tuple[str, str], float]:
    """The specifics cosine (see the module docstring) of pairs of articles in different
    languages, keyed ``(a, b)`` with ``a < b``: pairs that share at least one specific
    held by at most ``max_df`` articles and that ``admissible`` accepts (a date window,
    say). Articles without a language are compared with none. ``known``: specifics read
    earlier (:func:`read_specifics`), by article id; the others are read here."""
    if len({a.language for a in articles if a.language}) < 2:
        return {}
    known = known or {}
    found = {a.id: known.get(a.id) or specifics(a) for a in articles}
    n = len(articles)
    df: dict[str, int] = defaultdict(int)
    for s in found.values():
        for f in s.full:
            df[f] += 1
    weight = {f: math.log((1 + n) / (1 + c)) * _factor(f) for f, c in df.items()}
    # Per specific, its articles by language: only pairs across languages are read.
    postings: dict[str, dict[str, list[Article]]] = defaultdict(lambda: defaultdict(list))
    for a in articles:
        if a.language:
            for f in found[a.id].full:
                if df[f] <= max_df and weight[f] > 0:
                    postings[f][a.language].append(a)
    candidates: set[tuple[str, str]] = set()
    seen: set[tuple[str, str]] = set()
    for by_language in postings.values():
        if len(by_language) < 2:
            continue
        groups = list(by_language.values())
        for i, group in enumerate(groups):
            for other in groups[i + 1 :]:
                for a in group:
                    for b in other:
                        pair = (a.id, b.id) if a.id < b.id else (b.id, a.id)
                        if pair not in seen:
                            seen.add(pair)
                            if admissible is None or admissible(a, b):
                                candidates.add(pair)
    out: dict[tuple[str, str], float] = {}
    for x, y in candidates:
        sx, sy = found[x], found[y]
        score = _cosine(sx.compact & sy.compact, sx.compact, sy.compact, weight)
        if sx.latin and sy.latin:
            score = max(score, _cosine(sx.full & sy.full, sx.full, sy.full, weight))
        if score > 0:
            out[(x, y)] = score
    return out


_DAY_NUMBERS = frozenset(f"#{d}" for d in range(10, 32))


def _factor(feature: str) -> float:
    """A number that can be a day of the month (``#10``-``#31``) weighs less."""
    return DAY_NUMBER_WEIGHT if feature in _DAY_NUMBERS else 1.0


def _cosine(
    shared: Iterable[str], a: Iterable[str], b: Iterable[str], weight: Mapping[str, float]
) -> float:
    dot = sum(weight[f] ** 2 for f in shared)
    if dot == 0:
        return 0.0
    na = math.sqrt(sum(weight[f] ** 2 for f in a))
    nb = math.sqrt(sum(weight[f] ** 2 for f in b))
    return dot / (na * nb)


def event_days(timeline: Timeline) -> dict[str, frozenset[tuple[date, bool]]]:
    """Per article, the events its text reports as ``(day, planned)``: its mentions at day
    precision of the timeline's events, not its own publication mention, ``planned``
    when the mention states a plan or expectation (what
    :func:`~natojp.provenance.build_provenance` takes as ``events``)."""
    out: dict[str, set[tuple[date, bool]]] = defaultdict(set)
    for event in timeline.events:
        for m in event.mentions:
            if m.kind == "publication" or m.date is None or m.date.precision != "day":
                continue
            out[m.article_id].add((m.date.start(), m.plan))
    return {k: frozenset(v) for k, v in out.items()}
