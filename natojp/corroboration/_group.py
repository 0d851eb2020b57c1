"""The same quote across articles, and misquotes.

Quotes are compared on their words (lower case, punctuation, hyphens and apostrophes
dropped, so "non-classified" is "nonclassified"). Two quotes are **the same quote**
when their words are the same, when :class:`difflib.SequenceMatcher` finds them at
least ``same_ratio`` alike, or when the shorter one (six words or more) lies inside the
longer one (a partial quote). Candidates are found through shared word 3-grams (the
cost grows with the number of quotes, not its square); a 3-gram in more than
``max_postings`` quotes is a stock phrase and finds no candidates.

A **misquote** is a pair of the same speaker's quotes that are nearly the same words
(ratio at least ``misquote_ratio``) but not the same and neither inside the other:
words were changed, added or dropped (not only spaced or hyphenated differently,
"real-time" and "real time"). It is listed with the words that differ on each
side, for the analyst to compare with the source.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from natojp._pickling import quick_state
from natojp._text import CJK
from natojp.corroboration._common import ReportIndex, counts, name_key
from natojp.corroboration._quotes import QuoteMention

_TOKEN = re.compile(rf"[{CJK}]|[^\W_]+")


@quick_state
@dataclass(frozen=True, slots=True)
class Quote:
    """One quote carried by one or more articles: a representative ``text`` (the
    longest wording), the ``speaker`` most of its mentions name (None when none does),
    its ``mentions``, the ``articles`` that carry it and the ``independent_reports``
    (numbers into the corroboration's ``reports``) they belong to."""

    text: str
    speaker: str | None
    mentions: tuple[QuoteMention, ...]
    articles: tuple[str, ...]
    independent_reports: tuple[int, ...]

    @property
    def n_reports(self) -> int:
        """How many independent reports carry the quote."""
        return len(self.independent_reports)


@dataclass(frozen=True, slots=True)
class Misquote:
    """Two wordings of one speaker's quote that differ in some words: ``first`` and
    ``second`` are the mentions, ``removed`` the words of ``first`` that ``second``
    lacks or changed, ``added`` the words ``second`` has instead, and ``ratio`` how
    alike the two are (1.0 is the same words)."""

    speaker: str
    first: QuoteMention
    second: QuoteMention
    removed: tuple[str, ...]
    added: tuple[str, ...]
    ratio: float


def quote_words(text: str) -> tuple[str, ...]:
    """The words quotes are compared on."""
    low = text.lower().replace("'", "").replace("’", "").replace("-", "").replace("‑", "")
    return tuple(_TOKEN.findall(low))


def _inside(short: Sequence[str], long: Sequence[str]) -> bool:
    """Whether ``short`` is a contiguous run of ``long`` (allowing one changed word)."""
    n = len(short)
    if n > len(long):
        return False
    m = difflib.SequenceMatcher(None, short, long, autojunk=False)
    best = m.find_longest_match(0, n, 0, len(long))
    return best.size >= n - 1


def _same_speaker(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    ka, kb = name_key(a), name_key(b)
    return ka == kb or ka.split()[-1] == kb.split()[-1]


def group_quotes(
    mentions: Sequence[QuoteMention],
    reports: ReportIndex,
    *,
    same_ratio: float = 0.8,
    misquote_ratio: float = 0.7,
    max_postings: int = 50,
) -> tuple[tuple[Quote, ...], tuple[Misquote, ...]]:
    """The quotes (same words grouped across articles) and the misquotes."""
    by_words: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, q in enumerate(mentions):
        by_words[quote_words(q.text)].append(i)
    keys = [k for k in by_words if k]
    parent = list(range(len(keys)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    postings: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for k, words in enumerate(keys):
        for gram in {words[j : j + 3] for j in range(max(1, len(words) - 2))}:
            postings[gram].append(k)
    shared: Counter[tuple[int, int]] = Counter()
    for ks in postings.values():
        if 1 < len(ks) <= max_postings:
            for x in range(len(ks)):
                for y in range(x + 1, len(ks)):
                    shared[(ks[x], ks[y])] += 1
    misquotes: list[Misquote] = []
    # In the order of the quotes, not of the postings: those follow a set's iteration,
    # which depends on the process's string hash seed (another process, another order).
    for (a, b), count in sorted(shared.items()):
        wa, wb = keys[a], keys[b]
        if count < min(2, len(wa) - 2, len(wb) - 2):
            continue
        short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
        matcher = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
        ratio = matcher.ratio()
        inside = len(short) >= 6 and _inside(short, long)
        if ratio >= same_ratio or inside:
            parent[find(a)] = find(b)
        if (inside and len(short) < len(long) - 1) or ratio < misquote_ratio:
            continue
        qa, qb = mentions[by_words[wa][0]], mentions[by_words[wb][0]]
        speaker = _pair_speaker([mentions[i] for i in by_words[wa] + by_words[wb]])
        if speaker is None:
            continue
        removed: list[str] = []
        added: list[str] = []
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op != "equal":
                removed.extend(wa[i1:i2])
                added.extend(wb[j1:j2])
        if "".join(removed) == "".join(added):
            continue  # spacing or hyphenation only: "real-time" and "real time"
        misquotes.append(Misquote(speaker, qa, qb, tuple(removed), tuple(added), round(ratio, 3)))
    groups: dict[int, list[int]] = defaultdict(list)
    for k, words in enumerate(keys):
        groups[find(k)].extend(by_words[words])
    quotes = [_quote([mentions[i] for i in idx], reports) for idx in groups.values()]
    quotes.sort(key=lambda q: (-q.n_reports, -len(q.articles), q.mentions[0].article_id))
    return tuple(quotes), tuple(misquotes)


def _pair_speaker(mentions: Sequence[QuoteMention]) -> str | None:
    """The speaker both sides of a pair name (the longer form), or None."""
    named = [m.speaker for m in mentions if m.speaker and m.basis != "description"]
    if not named:
        return None
    first = named[0]
    if not all(_same_speaker(first, s) for s in named):
        return None
    return max(named, key=len)


def _quote(mentions: list[QuoteMention], reports: ReportIndex) -> Quote:
    mentions.sort(key=lambda m: (m.article_id, m.paragraph, m.start))
    named = counts(m.speaker for m in mentions if m.speaker)
    speaker = None
    if named:
        top = max(named, key=named.__getitem__)
        # the longest form of the most named speaker ("Osamu Izawa" over "Izawa")
        speaker = max((s for s in named if _same_speaker(s, top)), key=len)
    articles = tuple(dict.fromkeys(m.article_id for m in mentions))
    return Quote(
        text=max((m.text for m in mentions), key=len),
        speaker=speaker,
        mentions=tuple(mentions),
        articles=articles,
        independent_reports=reports.of(articles),
    )
