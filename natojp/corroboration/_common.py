"""Pieces shared by the quote, entity and claim finders: where a paragraph's sentence
starts and ends, capitalised name runs and titles, and the map from articles to the
independent reports that carry them.

Private to :mod:`natojp.corroboration`.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
_ABBREVIATIONS = (
    *("Dr", "Mr", "Mrs", "Ms", "Prof", "Gen", "Adm", "Col", "Lt", "Maj", "Capt", "Sen"),
    *("Rep", "Gov", "Jr", "Sr", "St"),
)
# One capitalised word: "Izawa", "Secretary-General", "O'Neill", "Jr.", "McDonald": initials
# ("J.", "U.S."), an abbreviation with its full stop, or a capital and word characters.
# Written with the capital first, the others checked after it ("(?<=M)r\." for "Mr."),
# so that a regex starting with a name skips in C to the next capital.
CAP_WORD = (
    rf"(?:[{UPPER}](?:\.(?:[{UPPER}]\.)*|"
    + "|".join(rf"(?<={a[0]}){a[1:]}\." for a in _ABBREVIATIONS)
    + r"|[\w'’\-]*))"
)
# Small words that may sit inside a name ("Ursula von der Leyen", "Mark de Vries").
NAME_PARTICLES = r"(?:von|van|der|den|de|del|della|da|di|du|la|le|al|bin|ibn)"
# A run of capitalised words (an initial such as "J." counts): a name or a role+name.
NAME_RUN = rf"{CAP_WORD}(?:\s+(?:{NAME_PARTICLES}\s+)*{CAP_WORD}){{0,5}}"

_TITLE_WORDS_TEXT = """
    mr mr. mrs mrs. ms ms. dr dr. prof prof. professor sir dame lord lady gen. general adm.
    admiral col. colonel lt. lieutenant maj. major capt. captain cmdr. commander sgt.
    sergeant sen. senator rep. representative gov. governor president vice deputy assistant
    acting prime minister ministers secretary secretary-general undersecretary under chief
    cabinet ambassador envoy commissioner chancellor chairman chairwoman chair chairperson
    director director-general spokesman spokeswoman spokesperson ceo cfo cto executive
    officer head king queen prince princess emperor premier mayor judge justice
    lawmaker foreign defence defense economy economic finance trade industry state
    security interior home affairs national senior special high representative analyst
    researcher fellow editor founder staff former then-defense then-prime then-foreign
    japanese japan's nato nato's u.s. us british french german italian european eu
    korean australian chinese russian ukrainian american japan tokyo brussels to of for
    the and general's vizeadmiral konteradmiral botschafter botschafterin ministerin
    präsident präsidentin bundeskanzler ministre ambassadeur ambassadrice président
    présidente général amiral mep mp"""
TITLE_WORDS = frozenset(_TITLE_WORDS_TEXT.split())
"""Lower-cased words that can make up a role before a name: "NATO Secretary-General",
"Defence Minister", "Japanese Ambassador to NATO". ``Gen`` without a full stop is a
name (Gen Nakatani); ``Gen.`` is the title."""

_NOT_NAMES_TEXT = """
    the a an this that these those it its he she they we i you his her their our in on
    at by for with from to of and but or if as after before while when since during
    however although though according meanwhile also both only other another some many
    most more several such there here what which who whom whose why how where yes no not
    all each every japan japan's tokyo nato china beijing russia moscow europe brussels
    korea seoul taiwan ukraine kyiv washington america us u.s. uk britain london paris
    france germany berlin italy rome australia india monday tuesday wednesday thursday
    friday saturday sunday january february march april may june july august september
    october november december today yesterday tomorrow officials analysts experts
    sources spokesperson ministry government"""
NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())
"""Words that never start (nor are alone) a person's name."""

SPEECH_VERBS = (
    r"said|says|say|added|adds|told|tells|stated|states|noted|notes|explained|explains|"
    r"continued|continues|warned|warns|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|"
    r"insisted|insists|argued|argues|wrote|writes|observed|remarked|acknowledged|admitted|"
    r"asked|asks|replied|recalled|concluded|declared|announced|commented|suggested|"
    r"predicted|cautioned|confirmed|conceded|maintained|pointed\s+out|underscored"
)
"""English speech verbs (a regex alternation)."""


def by_first_char(alternatives: Iterable[tuple[str, str]], guard: str = "") -> str:
    """A regex alternation of ``(first character, rest)`` pairs grouped by their first
    character, in the given order within each group: ``said|says|added`` becomes
    ``s(?:aid|ays)|a(?:dded)``. It matches what the plain alternation matches (two
    alternatives with different first characters never both match at one place), but
    the regex engine then skips from one possible first character to the next in C,
    instead of trying every alternative at every position (the gazetteer's names are
    found in half the time, the speech verbs in two thirds). ``guard`` goes right after
    each first character (a lookbehind such as ``(?<!\\w.)`` stands for a ``\\b``
    before it)."""
    groups: dict[str, list[str]] = {}
    for first, rest in alternatives:
        groups.setdefault(first, []).append(rest)
    return (
        "(?:"
        + "|".join(
            f"{re.escape(first)}{guard}(?:{'|'.join(rests)})" for first, rests in groups.items()
        )
        + ")"
    )


_SPEECH_VERB = re.compile(
    rf"\s(?P<verb>{by_first_char((v[0], v[1:]) for v in SPEECH_VERBS.split('|'))})\b"
)
_RUN_BEFORE = re.compile(rf"(?P<run>{NAME_RUN})\s+(?:has\s+|had\s+|also\s+)?$")
_RUN_AFTER = re.compile(rf"\s+(?P<run>{NAME_RUN})")


@functools.lru_cache(maxsize=512)
def speech_subjects(text: str) -> tuple[tuple[int, int, str], ...]:
    """``(verb position, run start, run)`` for each capitalised run right before a speech
    verb ("Tarja Jaakkola said") or right after one ("said Osamu Izawa"). Found from the
    verbs outward, so a paragraph without one costs a single scan; cached, as the quote
    and the entity finders both ask for each paragraph."""
    out: list[tuple[int, int, str]] = []
    for v in _SPEECH_VERB.finditer(text):
        at = v.start("verb")
        b = _RUN_BEFORE.search(text, max(0, at - 80), at)
        if b:
            out.append((at, b.start("run"), b.group("run")))
        a = None if v.group("verb")[0] == "t" else _RUN_AFTER.match(text, v.end())
        if a:  # not after told/tells: "told Reuters" names the listener
            out.append((at, a.start("run"), a.group("run")))
    return tuple(out)


# A sentence ends at 。！？, or at . ! ? followed by a space and a capital, a digit or an
# opening quote (or the end): not after an initial or a title ("J.", "Dr."), and not
# before a lower-case word ("Smith Co. said").
_SENTENCE_END = re.compile(
    r"(?=[.!?。！？])(?:[。！？]+[\"'”’」』)]*\s*"
    r"|(?<!\b[A-Z])(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bSt)(?<!\bMrs)(?<!\bProf)[.!?]+[\"'”’)]*"
    rf"(?:\s+(?=[{UPPER}0-9\"'“‘(\[|「『])|\s*$))"
)


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The start and end of the sentence of ``text`` around ``start:end``: from after
    the last . ! ? 。 before ``start`` (not after an initial or a title such as "Dr.")
    to the next one after ``end``, or the ends of the text. A table row or list item
    (a paragraph of its own) is its own sentence."""
    left = 0
    for m in _SENTENCE_END.finditer(text, max(0, start - 400), start):
        if m.end() <= start:
            left = m.end()
    m2 = _SENTENCE_END.search(text, end)
    right = m2.end() if m2 else len(text)
    return left, right


def split_role(run: str) -> tuple[str, str]:
    """``(role, name)`` of a capitalised run: the leading title words are the role, the
    rest the name ("NATO Secretary-General Mark Rutte" -> ("NATO Secretary-General",
    "Mark Rutte"); "Dr. Anya Sharma" -> ("Dr.", "Anya Sharma")). The last word is
    always kept as the name."""
    words = run.split()
    i = 0
    while i < len(words) - 1 and words[i].lower().rstrip(",") in TITLE_WORDS:
        i += 1
    return " ".join(words[:i]), " ".join(words[i:])


def name_key(name: str) -> str:
    """The form names are compared in: case-folded, curly apostrophes straightened,
    spaces collapsed, a leading "the" dropped."""
    key = " ".join(name.replace("’", "'").split()).casefold()
    return key[4:] if key.startswith("the ") else key


def counts(items: Iterable[str]) -> dict[str, int]:
    """How many times each item occurs, in first-seen order: what ``Counter(items)``
    gives, without its cost (building a Counter checks whether ``items`` is a mapping,
    which costs as much as counting a few items; there are tens of thousands here)."""
    out: dict[str, int] = {}
    for item in items:
        out[item] = out.get(item, 0) + 1
    return out


def most_common(items: Iterable[str]) -> str:
    """The most frequent of ``items`` (the first seen among equals), as
    ``Counter(items).most_common(1)[0][0]``; ``items`` must not be empty."""
    n = counts(items)
    return max(n, key=n.__getitem__)


class Spans:
    """Character spans of one text that do not overlap, sorted: whether a new span is
    free, and taking it, cost a binary search (a paragraph with thousands of names
    stays linear)."""

    __slots__ = ("_ends", "_starts")

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def free(self, start: int, end: int) -> bool:
        """Whether ``start:end`` overlaps no span taken."""
        i = bisect.bisect_right(self._starts, start)
        if i and self._ends[i - 1] > start:
            return False
        return i == len(self._starts) or self._starts[i] >= end

    def take(self, start: int, end: int) -> bool:
        """Take ``start:end`` when it is free; whether it was."""
        if end <= start or not self.free(start, end):
            return False
        i = bisect.bisect_right(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)
        return True


@dataclass(frozen=True, slots=True)
class ReportIndex:
    """The independent reports, numbered in the given order, and the report of each
    article (an article in none is a report of its own, added at the end)."""

    reports: tuple[tuple[str, ...], ...]
    of_article: dict[str, int]

    @classmethod
    def build(
        cls, article_ids: Iterable[str], independent_reports: Sequence[Sequence[str]]
    ) -> ReportIndex:
        reports = [tuple(r) for r in independent_reports if r]
        of_article: dict[str, int] = {}
        for i, report in enumerate(reports):
            for aid in report:
                of_article.setdefault(aid, i)
        for aid in article_ids:
            if aid not in of_article:
                of_article[aid] = len(reports)
                reports.append((aid,))
        return cls(tuple(reports), of_article)

    def of(self, article_ids: Iterable[str]) -> tuple[int, ...]:
        """The sorted numbers of the reports that carry ``article_ids``."""
        return tuple(sorted({self.of_article[a] for a in article_ids}))
