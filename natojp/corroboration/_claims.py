"""Specific claims in each article: figures, dates and named programmes.

A claim is found by its kind and given a normalised ``key``, so that the same figure
written two ways is one claim: "¥1.2 trillion", "1.2 trillion yen" and "1.2兆円" are
all ``JPY 1200000000000``; "$500 million" and "US$500m" are ``USD 500000000``.

Kinds (:data:`CLAIM_KINDS`):

* ``money``: a currency sign or word with a figure and an optional scale (thousand,
  million, billion, trillion, bn, m; 万, 億, 兆, also together: 1兆2000億円).
* ``percent``: 40%, 3.5 percent, 40 per cent, 40％, 40パーセント.
* ``count``: a figure and a plural noun ("12 satellites", "eight startups" is not
  counted: only digits), with one adjective allowed between ("12 new satellites");
  Japanese counters (機, 隻, 基, 人, 社, カ国).
* ``duration``: "12 months", "1-3 years", "90-day".
* ``date``: a day with month and year ("29 July 2025", "July 29, 2025", "2025-07-29",
  "2025年7月29日"), a month and year ("April 2025"), a year range ("2024-2026") or a year
  (1900-2099) alone; keys are ISO forms ("2025-07-29", "2025-07", "2024/2026", "2025").
* ``programme``: a gazetteer programme (GCAP) or a capitalised name ending in Program,
  Programme, Project, Initiative, Pledge, Plan, Strategy, Mission or Fund, or
  "Project" and a name ("Project Aurora").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from natojp._pickling import quick_state
from natojp._text import has_cjk
from natojp.corroboration._common import Spans, sentence_bounds
from natojp.corroboration._gazetteer import Gazetteer, GazetteerMatch

CLAIM_KINDS = ("money", "percent", "count", "duration", "date", "programme")

_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "万": 1e4,
    "億": 1e8,
    "兆": 1e12,
}
_CURRENCY_SIGNS = {
    "$": "USD",
    "us$": "USD",
    "a$": "AUD",
    "¥": "JPY",
    "￥": "JPY",
    "€": "EUR",
    "£": "GBP",
    "円": "JPY",
    "yen": "JPY",
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds": "GBP",
    "usd": "USD",
    "jpy": "JPY",
    "eur": "EUR",
    "gbp": "GBP",
    "ドル": "USD",
    "ユーロ": "EUR",
}
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE_EN = r"thousand|million|billion|trillion|bn|mn|mln|tn|m|k|b"
# Each pattern starts with a lookahead for its possible first characters: the regex
# engine then skips other positions fast (five times faster on long texts). A figure is
# matched only from its first digit (the lookbehinds): else a run of digits would be
# tried from each of its positions, in time growing with the square of its length.
_MONEY = re.compile(
    rf"(?=[\dUA$¥￥€£])(?:(?P<sign>US\$|A\$|[$¥￥€£])\s?(?P<n1>{_NUM})(?:\s?(?P<s1>{_SCALE_EN})\b)?"
    rf"|(?<![\w.])(?P<n2>{_NUM})\s?(?P<s2>thousand|million|billion|trillion|bn)?\s?"
    r"(?P<word>yen|dollars|euros|pounds|USD|JPY|EUR|GBP)\b"
    r"|(?<![\d,.])(?P<n3>[\d,.]+(?:[兆億万][\d,.]*)*)(?P<ja>円|ドル|ユーロ))"
)
_JA_AMOUNT = re.compile(r"([\d,.]+)([兆億万]?)")
_PERCENT = re.compile(
    rf"(?=\d)(?<![\w.])(?P<n>{_NUM})\s?(?:%|％|percent\b|per\s+cent\b|パーセント)"
)
_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("january", "jan", "januar"),
            ("february", "feb", "februar"),
            ("march", "mar", "märz"),
            ("april", "apr"),
            ("may", "mai"),
            ("june", "jun", "juni"),
            ("july", "jul", "juli"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct", "oktober"),
            ("november", "nov"),
            ("december", "dec", "dezember"),
        ),
        1,
    )
    for m in names
}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Januar|Februar|März|Mai|Juni|"
    r"Juli|Oktober|Dezember)\.?"
)
_DATE = re.compile(
    rf"(?=[\dJFMASOND])(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH}),?\s+(?P<y1>(?:19|20)\d\d)\b"
    rf"|\b(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,\s*(?P<y2>(?:19|20)\d\d)\b"
    r"|\b(?P<y3>(?:19|20)\d\d)-(?P<mo3>[01]\d)-(?P<d3>[0-3]\d)\b"
    r"|(?P<y4>(?:19|20)\d\d)年(?P<mo4>\d{1,2})月(?:(?P<d4>\d{1,2})日)?"
    rf"|\b(?P<m5>{_MONTH})\s+(?P<y5>(?:19|20)\d\d)\b"
    r"|(?<![\w.,-])(?P<ya>(?:19|20)\d\d)\s?[-–/]\s?(?P<yb>(?:19|20)?\d\d)(?![\w%-])"
    r"|(?<![\w.,$¥€£-])(?P<y6>(?:19|20)\d\d)(?:年|\b)(?![%-]|\s?(?:percent|yen|dollars)))"
)
_DURATION = re.compile(
    r"(?=\d)(?:(?<![\w.])(?P<a>\d+)(?:\s?[-–]\s?(?P<b>\d+))?(?:\s+|-)(?P<unit>years?|months?|weeks?|days?|hours?)\b"
    r"|(?<![\d.])(?P<ja>\d+)(?P<jau>年間|カ月|か月|ヶ月|週間|日間))"
)
_COUNT = re.compile(
    rf"(?=\d)(?:(?<![\w.$¥€£])(?P<n>{_NUM})\s+(?:[a-z]+(?:-[a-z]+)?\s+)?"
    r"(?P<unit>[a-z]{3,}s|staff|personnel|people|aircraft|crew|troops)\b"
    r"|(?<![\d.])(?P<jn>\d+)(?P<ju>機|隻|基|人|社|カ国|か国|ヵ国|発|両))"
)
_NOT_COUNT_UNITS_TEXT = """
    years months weeks days hours minutes seconds percent yens dollars euros pounds
    thousands millions billions trillions others ones this was has is"""
_NOT_COUNT_UNITS = frozenset(_NOT_COUNT_UNITS_TEXT.split())
_PROGRAMME = re.compile(
    r"(?=[A-Z])\b(?P<name>(?:[A-Z][\w\-]*\s+){1,6}(?:Program|Programme|Project|Initiative|Pledge|"
    r"Plan|Strategy|Mission|Fund))\b|\bProject\s+(?P<proj>[A-Z][\w\-]+)"
)
# Cheap tests that let a paragraph skip a costlier pattern.
_DIGIT_RUN = re.compile(r"\d+")
_ASCII_DIGIT_RUN = re.compile("[0-9]+")  # the same in ASCII text, and cheaper than \d
# Plain substrings, tested with ``in``: ten of them cost less than one regex scan. Each
# is kept with its ASCII ones alone, all an ASCII paragraph can hold.
_Cues = tuple[tuple[str, ...], tuple[str, ...]]


def _cues(*cues: str) -> _Cues:
    return cues, tuple(c for c in cues if c.isascii())


_MONEY_CUES = _cues(
    *"$¥￥€£円", "yen", "dollar", "euro", "pound", "USD", "JPY", "EUR", "GBP", "ドル", "ユーロ"
)
_PERCENT_CUES = _cues("%", "％", "percent", "per cent", "パーセント")
_YEAR_CUE = re.compile(r"(?:19|20)\d\d")
_DURATION_CUES = _cues(
    "year", "month", "week", "day", "hour", "年間", "カ月", "か月", "ヶ月", "週間", "日間"
)
_PROGRAMME_CUES = _cues(
    "Program", "Project", "Initiative", "Pledge", "Plan", "Strategy", "Mission", "Fund"
)


def _has_any(text: str, cues: _Cues) -> bool:
    """Whether one of ``cues`` is in ``text``."""
    for cue in cues[1] if text.isascii() else cues[0]:  # noqa: SIM110 (any() is slower)
        if cue in text:
            return True
    return False


@quick_state
@dataclass(frozen=True, slots=True)
class ClaimMention:
    """One specific claim in one article: its ``kind`` (see :data:`CLAIM_KINDS`), the
    normalised ``key`` that makes the same claim in two articles one claim, the text as
    written, the paragraph (0-based) and the span in it, and the ``sentence`` it is in."""

    article_id: str
    paragraph: int
    start: int
    end: int
    kind: str
    key: str
    text: str
    sentence: str


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _fmt(value: float) -> str:
    # whole numbers up to 10^18 in full ("1200000000000"); others, and absurd figures
    # from runs of digits, in short form ("3.5", "1e+40", "inf")
    return str(round(value)) if 1e6 <= abs(value) < 1e18 else f"{value:.6g}"


def _money_key(m: re.Match[str]) -> str:
    if m.group("sign"):
        currency = _CURRENCY_SIGNS[m.group("sign").lower()]
        value = _number(m.group("n1")) * _SCALES.get((m.group("s1") or "").lower(), 1)
    elif m.group("word"):
        currency = _CURRENCY_SIGNS[m.group("word").lower()]
        value = _number(m.group("n2")) * _SCALES.get((m.group("s2") or "").lower(), 1)
    else:
        currency = _CURRENCY_SIGNS[m.group("ja")]  # 1兆2000億円: 1e12 + 2000e8
        value = sum(
            _number(n) * _SCALES.get(scale, 1) for n, scale in _JA_AMOUNT.findall(m.group("n3"))
        )
    return f"{currency} {_fmt(value)}"


def _date_key(m: re.Match[str]) -> str:
    g = m.groupdict()
    if g["y1"]:
        return f"{g['y1']}-{_MONTHS[g['m1'].lower().rstrip('.')]:02d}-{int(g['d1']):02d}"
    if g["y2"]:
        return f"{g['y2']}-{_MONTHS[g['m2'].lower().rstrip('.')]:02d}-{int(g['d2']):02d}"
    if g["y3"]:
        return f"{g['y3']}-{g['mo3']}-{g['d3']}"
    if g["y4"]:
        day = f"-{int(g['d4']):02d}" if g["d4"] else ""
        return f"{g['y4']}-{int(g['mo4']):02d}{day}"
    if g["y5"]:
        return f"{g['y5']}-{_MONTHS[g['m5'].lower().rstrip('.')]:02d}"
    if g["ya"]:
        end = g["yb"] if len(g["yb"]) == 4 else g["ya"][:2] + g["yb"]
        return f"{g['ya']}/{end}"
    return str(g["y6"])


def _from_runs(pattern: re.Pattern[str], text: str, runs: list[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern that only matches from the first digit of
    a run of digits (``runs``: where they start): tried there alone, rather than at
    every character of the paragraph (several times faster)."""
    pos = 0
    for start in runs:
        if start >= pos:
            m = pattern.match(text, start)
            if m is not None:
                yield m
                pos = m.end()


class _Found:
    """The claims of one paragraph, kept free of overlaps (the first found wins)."""

    def __init__(self) -> None:
        self.items: list[tuple[int, int, str, str]] = []
        self._spans = Spans()

    def add(self, start: int, end: int, kind: str, key: str) -> None:
        if self._spans.take(start, end):
            self.items.append((start, end, kind, key))


def find_claims(
    article_id: str,
    paragraphs: list[str],
    gazetteer: Gazetteer,
    known: Sequence[Sequence[GazetteerMatch]] | None = None,
) -> list[ClaimMention]:
    """The figures, dates and named programmes of one article's paragraphs.

    ``known`` are the gazetteer's matches in each paragraph when already found (the
    entity finder needs them too); they are looked up when not given.
    """
    out: list[ClaimMention] = []
    for p, text in enumerate(paragraphs):
        found = _Found()
        add = found.add
        matches = known[p] if known is not None else gazetteer.find(text, cjk=has_cjk(text))
        for g in matches:
            if g.entity.kind == "programme":
                add(g.start, g.end, "programme", g.entity.name)
        digits = _ASCII_DIGIT_RUN if text.isascii() else _DIGIT_RUN
        runs = [m.start() for m in digits.finditer(text)]
        if runs:
            if _has_any(text, _MONEY_CUES):
                for m in _MONEY.finditer(text):
                    add(m.start(), m.end(), "money", _money_key(m))
            if _has_any(text, _PERCENT_CUES):
                for m in _from_runs(_PERCENT, text, runs):
                    add(m.start(), m.end(), "percent", f"{_fmt(_number(m.group('n')))}%")
            if _YEAR_CUE.search(text):
                for m in _DATE.finditer(text):
                    add(m.start(), m.end(), "date", _date_key(m))
            for m in _from_runs(_DURATION, text, runs) if _has_any(text, _DURATION_CUES) else ():
                if m.group("ja"):
                    key = f"{m.group('ja')} {m.group('jau')}"
                else:
                    unit = m.group("unit").rstrip("s") + "s"
                    span = m.group("a") + (f"-{m.group('b')}" if m.group("b") else "")
                    key = f"{span} {unit}"
                add(m.start(), m.end(), "duration", key)
            for m in _from_runs(_COUNT, text, runs):
                if m.group("jn"):
                    add(m.start(), m.end(), "count", f"{m.group('jn')} {m.group('ju')}")
                elif m.group("unit") not in _NOT_COUNT_UNITS:
                    key = f"{_fmt(_number(m.group('n')))} {m.group('unit')}"
                    add(m.start(), m.end(), "count", key)
        if _has_any(text, _PROGRAMME_CUES):
            for m in _PROGRAMME.finditer(text):
                name = m.group("name") or f"Project {m.group('proj')}"
                words = name.split()
                while len(words) > 1 and words[0] in {"The", "A", "An", "This", "Its", "Our"}:
                    words = words[1:]
                if len(words) < 2:
                    continue
                s = m.end() - len(" ".join(words)) if m.group("name") else m.start()
                entry = gazetteer.lookup(" ".join(words))
                add(s, m.end(), "programme", entry.name if entry else " ".join(words))
        for start, end, kind, key in sorted(found.items):
            left, right = sentence_bounds(text, start, end)
            out.append(
                ClaimMention(
                    article_id=article_id,
                    paragraph=p,
                    start=start,
                    end=end,
                    kind=kind,
                    key=key,
                    text=text[start:end],
                    sentence=text[left:right].strip(),
                )
            )
    return out
