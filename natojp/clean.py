"""Separate article body from page noise, recording a reason for every removal.

Cleaning runs in two passes:

1. :func:`clean_text` works on one document's lines. It finds the headline (below any
   date, byline or masthead lines at the top), the metadata lines near the top
   (section, outlet, date, byline: parsed into fields), repeated headlines, photo
   captions and credits, page chrome, trailing sections that start at a marker such
   as "Related Articles" or "Comments", trailing lists of headlines and reader
   comments left at the end of the page.
2. :func:`remove_off_topic` works on the whole corpus. A paragraph is off-topic
   (for example an unrelated story pasted into a page) when its TF-IDF cosine to the
   rest of its own article *and* to every other article in the corpus is low.

Nothing is dropped silently: each removed line becomes a :class:`~natojp.models.Removal`
with a reason code from :data:`REASONS` and a detail in words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from natojp._dates import DateKind, DateLine, PartialDate, WrittenDate, read_date_line
from natojp._text import normalise, tokens
from natojp.config import CleanConfig
from natojp.models import Article, Paragraph, Removal, has_words

REASONS: dict[str, str] = {
    "headline": "the headline, moved to the title field",
    "metadata": "a metadata line (section, outlet, date or byline), parsed into fields",
    "repeated-headline": "the headline repeated in the page",
    "caption": "a photo caption",
    "credit": "a photo or copyright credit",
    "chrome": "page chrome (site features, sharing and comment widgets)",
    "related": "a related-article list or teaser after the article",
    "comment": "a reader comment",
    "off-topic": "an off-topic passage, unlike the rest of the article and the corpus",
}
"""Reason codes used in :attr:`Removal.reason`, with their meaning."""

# --- line patterns ---------------------------------------------------------------------

_BULLET = re.compile(r"^\s*(?:[-*•·▪►]|\d{1,2}[.)])\s+")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")

_CHROME_LINES = (
    r"hashtags?",
    r"tags?:?",
    r"comments?(?: \(\d+\))?:?",
    r"\d+ comments?",
    r"no comments yet\W*",
    r"(?:leave|add|post|write|view|show) (?:a |all )?comments?.*",
    r"be the first to comment.*",
    r"try our ai features",
    r"explore what .{1,60} can do for you:?",
    r"related(?: articles| stories| news| posts| content| coverage| reading)?:?",
    r"(?:read|see) (?:more|also)(?: articles| stories)?:?",
    r"more (?:from|on|in) .{1,50}",
    r"(?:most )?(?:read|popular|viewed|shared)(?: stories| articles| now| today)?:?",
    r"recommended(?: for you| stories| articles)?:?",
    r"you (?:may|might) also like:?",
    r"share(?: this)?(?: article| story| page)?(?: on .{1,30})?:?",
    r"(?:follow|like) us(?: on .{1,40})?",
    r"advertisement|advert|sponsored(?: content)?",
    r"sign up.{0,80}",
    r"subscribe(?: now| today| to .{1,60})?",
    r"click here.{0,80}",
    r"copy link|print|email|facebook|twitter|x|linkedin|whatsapp|reddit|telegram|pinterest",
    r"listen to (?:this )?article.*",
    r"(?:\d+ )?min(?:ute)?s? read",
    r"(?:skip|back) to (?:content|top|main content)",
    r"all rights reserved.*",
    r"(?:accept|manage) cookies.*|we use cookies.*",
    r"loading\W*",
)
_CHROME = re.compile(r"^(?:" + "|".join(_CHROME_LINES) + r")$", re.IGNORECASE)

# Markers after which the rest of the page is not the article.
_TRAILING_MARKERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"^comments?(?: \(\d+\))?:?$|^\d+ comments?$|^reader comments:?$", re.I),
        "comment",
    ),
    (
        re.compile(
            r"^(?:related(?: articles| stories| news| posts| content| coverage)?"
            r"|(?:read|see) (?:more|also)(?: articles| stories)?"
            r"|more (?:from|on|in) .{1,50}|(?:most )?(?:read|popular|viewed)(?: stories| articles)?"
            r"|recommended(?: for you| stories| articles)?|you (?:may|might) also like):?$",
            re.I,
        ),
        "related",
    ),
)

# Matches wherever one of _TRAILING_MARKERS or _CHROME does: one test rules out a body
# line, which is neither, in place of three.
_LINE_CUES = re.compile(
    "|".join(f"(?:{p.pattern})" for p in (*(m for m, _ in _TRAILING_MARKERS), _CHROME)),
    re.IGNORECASE,
)

_CAPTION_CUES = re.compile(
    r"\((?:left|right|center|centre|top|bottom|front|back|l|r|c|file(?: photo)?|photo[^)]*)\)"
    r"|^(?:photo|image|picture|caption|pictured|file photo)\s*:",
    re.IGNORECASE,
)
_CREDIT_CUES = re.compile(
    r"©|\bcopyright\b|\bgetty images\b|\bvia reuters\b|\breuters\b|\bafp\b|\bap photo\b|\bepa\b"
    r"|\bpool\b|\bphoto(?:graph)?(?: by|:)|\bcredit:|\bkyodo\b|\bbloomberg\b|\bshutterstock\b"
    r"|\balamy\b|\bfile photo\b|/ via\b",
    re.IGNORECASE,
)
_META_KEY = re.compile(
    r"^(?:published(?: date| on| at)?|updated(?: on| at)?|posted(?: on| at)?|date|last updated"
    r"|by|source|written by|author|reporter|edited by|section|category)\b\s*[:|-]?\s*",
    re.IGNORECASE,
)
# A trailing bullet list is a related-article list only when it is about something else:
# fewer than this share of its content words occur in the article (award lists, key
# points and the like share most of theirs).
_RELATED_MAX_SHARED = 0.3
_NON_WORD = re.compile(r"\W+")
_TRAILING_PIPE = re.compile(r"\s\|$")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")
_SENTENCE_END_CHARS = frozenset(".!?\"'”’)")  # the last character of a _SENTENCE_END match
_NO_STOP_END = re.compile(r"(?<!\.\.)[.:;,]$")
_PUNCT_END = re.compile(r"[.!?:;,]$")
_STOP_END = re.compile(r"[.!?]$")
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|my|me|mine|myself)\b")
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]|(?<!\w)['‘][^'’]*['’](?!\w)")

# Outlet names: a small lexicon of agencies plus common masthead words.
_KNOWN_OUTLETS = (
    "Reuters",
    "Associated Press",
    "AP",
    "AFP",
    "Agence France-Presse",
    "Kyodo",
    "Kyodo News",
    "Jiji Press",
    "NHK",
    "Xinhua",
    "Yonhap",
    "Bloomberg",
    "BBC",
    "BBC News",
    "CNN",
    "Al Jazeera",
    "Anadolu Agency",
    "Nikkei",
    "Nikkei Asia",
    "Asahi Shimbun",
    "Yomiuri Shimbun",
    "Mainichi",
    "The Japan Times",
    "Japan Times",
    "Japan Today",
    "Politico",
    "Defense News",
    "Breaking Defense",
    "Janes",
    "UK Defence Journal",
)
_OUTLET_WORDS = re.compile(
    r"\b(?:agency|news|times|post|herald|journal|press|gazette|tribune|telegraph|guardian"
    r"|chronicle|daily|weekly|review|monitor|observer|shimbun|today|wire|magazine|radio"
    r"|broadcasting|television|tv|media|network|report|insider|defence journal|zeitung)\b",
    re.IGNORECASE,
)
_KNOWN_OUTLET_RE = re.compile(
    r"^(?:" + "|".join(re.escape(o) for o in sorted(_KNOWN_OUTLETS, key=len, reverse=True)) + r")$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class HeaderDate:
    """A date stated by a header line: ``Published: 9 April 2025``, ``April 9, 2025 / 11:47
    AM``, ``Anadolu staff | 09.04.2025 - Update : 09.04.2025`` (two: published and updated).

    ``line`` is the block's 1-based line in the text, ``text`` the whole line as read,
    ``kind`` what the date is (``published`` or ``updated``, from the label before it),
    ``written`` the date as written with its readings: an ambiguous ``03/04/2025`` is
    kept with both and settled by :func:`natojp.metadata.dates.find_dates`.
    """

    line: int
    text: str
    kind: DateKind
    written: WrittenDate
    label: str | None = None

    @property
    def date(self) -> PartialDate | None:
        """The date, ``None`` while day and month may be swapped."""
        return self.written.date


@dataclass(frozen=True, slots=True)
class HeaderFields:
    """Metadata found in a document's own text.

    ``published`` is the first unambiguous publication date of the header's date lines
    (``published_text`` its line); ``dates`` every date those lines state, in order,
    with line numbers: :func:`natojp.metadata.dates.find_dates` weighs them against the
    other evidence.
    """

    title: str | None = None
    outlet: str | None = None
    published: PartialDate | None = None
    published_text: str | None = None
    section: str | None = None
    byline: str | None = None
    dates: tuple[HeaderDate, ...] = ()

    @property
    def updated(self) -> PartialDate | None:
        """The first unambiguous update date of the header's date lines."""
        return next((d.date for d in self.dates if d.kind == "updated" and d.date), None)


@dataclass(frozen=True, slots=True)
class CleanedText:
    """Result of :func:`clean_text`: body paragraphs, removals and header fields."""

    paragraphs: tuple[Paragraph, ...]
    removed: tuple[Removal, ...]
    fields: HeaderFields = field(default_factory=HeaderFields)


@dataclass(slots=True)
class _Block:
    line: int  # 1-based line of the raw text where the block starts
    text: str  # stripped text
    gap_before: int  # blank lines before it
    reason: str | None = None
    detail: str = ""


def _is_hard_wrapped(lines: list[str]) -> bool:
    """True when prose is wrapped at a fixed width (e.g. Reuters, e-mail text)."""
    lengths = [n for n in map(len, map(str.rstrip, lines)) if n]  # of non-blank lines
    if len(lengths) < 6 or max(lengths) > 100:
        return False
    wrapped = sum(1 for n in lengths if 50 <= n <= 90)
    return wrapped / len(lengths) >= 0.6


def _blocks(text: str) -> list[_Block]:
    lines = text.splitlines()
    blocks: list[_Block] = []
    gap = 0
    if not _is_hard_wrapped(lines):  # the usual case: one block per non-blank line
        for i, raw in enumerate(lines, start=1):
            stripped = raw.strip()
            # Fold runs of white space, no-break and other Unicode spaces to one space;
            # printable ASCII with no double space has nothing to fold.
            if not (stripped.isascii() and stripped.isprintable()) or "  " in stripped:
                stripped = " ".join(stripped.split())
            if stripped:
                blocks.append(_Block(i, stripped, gap))
                gap = 0
            else:
                gap += 1
        return blocks
    current: _Block | None = None
    for i, raw in enumerate(lines, start=1):
        stripped = " ".join(raw.split())
        if not stripped:
            gap += 1
            current = None
            continue
        joinable = (
            current is not None
            and not _BULLET.match(raw)
            and not _TABLE_ROW.match(raw)
            and not (raw[:1].isspace() and not lines[i - 2][:1].isspace())  # indented = new para
        )
        if joinable and current is not None:
            current.text = f"{current.text} {stripped}"
        else:
            current = _Block(line=i, text=stripped, gap_before=gap)
            blocks.append(current)
        gap = 0
    return blocks


def _key(text: str) -> str:
    """Lower-case words of ``text`` (normalised), one space apart: equal for repeats."""
    if text.isascii():
        # NFKC and normalise's hyphen and quote tables change no ASCII character: skip them.
        return _NON_WORD.sub(" ", text.lower()).strip()
    return _NON_WORD.sub(" ", normalise(text).lower()).strip()


def _has_key(text: str, key: str) -> bool:
    """``_key(text) == key``, ruling most texts out before building their key."""
    if text.isascii():
        # The key of ASCII text is its runs of word characters, lower-cased, one space
        # apart. So a text with this key starts with the key's first word (when it starts
        # with a word character at all) and holds every word of the key: two substring
        # tests that rule out nearly every paragraph without building its key.
        if text[:1].isalnum() or text[:1] == "_":
            first = key.partition(" ")[0]
            if text[: len(first)].lower() != first:
                return False
        low = text.lower()
        if not all(w in low for w in key.split(" ")):
            return False
        return _NON_WORD.sub(" ", low).strip() == key
    return _key(text) == key


def _n_words(block_text: str) -> int:
    """``len(block_text.split())`` without the list: a block's text is whitespace-folded
    by :func:`_blocks` (words one plain space apart, no space at either end)."""
    return block_text.count(" ") + 1


def _is_headline_like(text: str, *, allow_lowercase: bool = False) -> bool:
    """Short, no sentence-final stop (an ellipsis is fine), not a list item or table row."""
    words = len(text.split())
    return (
        0 < words <= 25
        and len(text) <= 220
        and not _NO_STOP_END.search(text)
        and not _BULLET.match(text)
        and not _TABLE_ROW.match(text)
        and (allow_lowercase or not text[:1].islower())
    )


def _strip_bullet(text: str) -> str:
    # _BULLET is anchored at the start, so it matches once at most: slice instead of sub.
    m = _BULLET.match(text)
    return (text[m.end() :] if m else text).strip()


def looks_like_outlet(text: str) -> bool:
    """Whether a short line reads as a news outlet's name (``Anadolu Agency``, ``NHK``)."""
    text = text.strip().strip("|-–— ")
    if not text or len(text.split()) > 6 or _PUNCT_END.search(text):
        return False
    if _KNOWN_OUTLET_RE.match(text):
        return True
    return bool(_OUTLET_WORDS.search(text)) and all(
        w[:1].isupper() or w.lower() in {"of", "the", "and", "&"} for w in text.split()
    )


_BYLINE_KEYS = ("by", "written", "author", "reporter", "edited")
_DATE_KEYS = ("published", "updated", "posted", "date", "last updated")
_DATE_LINE_WINDOW = 16
"""Date lines are looked for in this many blocks from the header's start (other metadata
lines in the first 8), up to the second line of body text."""


def _date_line(text: str) -> DateLine | None:
    """``text`` read as a date line, as written or without a list bullet (``- 9 April
    2025``; ``9. April 2025`` is a German date, not item 9)."""
    found = read_date_line(text)
    if found is None:
        body = _strip_bullet(text)
        found = read_date_line(body) if body != text else None
    return found


def _record_dates(dated: DateLine, text: str, line: int, fields: dict[str, object]) -> str:
    """Keep the dates of a date line in ``fields``; say what they were parsed as."""
    kept = fields.setdefault("dates", [])
    assert isinstance(kept, list)
    parts: list[str] = []
    for d in dated.dates:
        kept.append(HeaderDate(line, text, d.kind, d.written, d.label))
        when = d.written.date
        if when is None:
            parts.append(f"ambiguous date {d.written.text!r} (day-first or month-first)")
        elif d.kind == "published":
            fields.setdefault("published", when)
            fields.setdefault("published_text", _strip_bullet(text))
            parts.append(f"date {when.iso()}")
        else:
            parts.append(f"updated {when.iso()}")
    return "; ".join(parts)


def _parse_metadata_line(text: str, fields: dict[str, object], line: int = 0) -> str | None:
    """Interpret one metadata line; return what it was parsed as, or None if it is not one.

    A date line (see :func:`natojp._dates.read_date_line`) gives its dates, kept in
    ``fields["dates"]`` with ``line``, and the byline or outlet written beside them.
    """
    body = _strip_bullet(text)
    key = _META_KEY.match(body)
    key_name = key.group(0).lower() if key else ""
    value = body[key.end() :].strip() if key else body
    named = key is not None and key_name.startswith((*_BYLINE_KEYS, "source"))
    dated = read_date_line(value) if named else _date_line(text)
    if dated is not None and (dated.rest is not None or not key_name.startswith(_BYLINE_KEYS)):
        parsed = _record_dates(dated, text, line, fields)
        rest = dated.rest
        if rest is not None and (key_name.startswith("source") or looks_like_outlet(rest)):
            fields.setdefault("outlet", rest)
            parsed += f"; outlet {rest!r}"
        elif rest is not None:
            words = rest.split(maxsplit=1)
            if len(words) == 2 and words[0].lower() in {"by", "di", "par", "von", "por"}:
                rest = words[1]
            fields.setdefault("byline", rest.strip(" ,|-–—"))
            parsed += "; byline"
        return parsed
    if key and value and key_name.startswith(_DATE_KEYS) and not key_name.startswith("date"):
        # "Updated 2 hours ago": a date label whose time is relative, not a date
        return f"{key.group(0).strip(' :|-').lower()} line without a date"
    if key and value and key_name.startswith(_BYLINE_KEYS):
        name, bar, outlet = value.partition(" | ")  # By Jane Doe | Kyodo News
        if bar and name.strip() and looks_like_outlet(outlet):
            fields.setdefault("byline", name.strip())
            fields.setdefault("outlet", outlet.strip())
            return f"byline; outlet {outlet.strip()!r}"
        fields.setdefault("byline", value)
        return "byline"
    if key and key_name.startswith("source") and value:
        fields.setdefault("outlet", value)
        return f"outlet {value!r}"
    if looks_like_outlet(value):
        fields.setdefault("outlet", value)
        return f"outlet {value!r}"
    if key and key_name.startswith(("section", "category")):
        fields.setdefault("section", value)
        return "section"
    return None


_HEADER_SCAN = 6
"""The headline step looks past at most this many header lines at the top of a text."""
_NAME_SEPARATOR = re.compile(r"\s*(?:[|/·•,;(]|\s[-–—]\s)\s*")
_NAME_PART = re.compile(r"[^\W\d_][\w'’.-]*|&")
_SMALL_NAME_WORDS = frozenset(
    {
        *("and", "of", "the", "de", "del", "der", "den", "van", "von", "da", "di", "le", "la"),
        *("du", "y", "e", "et", "und", "bin", "al", "staff", "reporter", "reporters"),
        *("correspondent", "correspondents", "writer", "writers", "editor", "editors"),
        *("desk", "team"),
    }
)
_RELATIVE_TIME = re.compile(r"\b(?:ago|yesterday|today|just now)\b", re.IGNORECASE)
_CLOCK = re.compile(r"\d{1,2}[:.h]\d{2}\b")


def _is_name(text: str) -> bool:
    """Words that read as a byline's names: at most 6, no digits, each capitalised or a
    small word of names (``de``, ``staff``), one capitalised at least (``Jane Doe``,
    ``the Associated Press``, not ``the numbers``)."""
    words = text.split()
    return (
        0 < len(words) <= 6
        and all(_NAME_PART.fullmatch(w) for w in words)
        and all(w[:1].isupper() or w.lower() in _SMALL_NAME_WORDS or w == "&" for w in words)
        and any(w[:1].isupper() for w in words)
    )


def _header_line(text: str) -> str | None:
    """What a line at the top of a text is when it is no headline but a header line:
    ``date`` (a date line, :func:`natojp._dates.read_date_line`: ``April 10, 2025``,
    ``31/10/2025``, ``Thursday 9 April 2025 14:32 CET``), ``byline`` (``By Jane Doe |
    Kyodo News``), ``label`` (``Published: 2 hours ago``, ``Section: World``),
    ``masthead`` (a known outlet's name) or ``outlet`` (a line that only reads as an
    outlet's name, ``The Daily Example``: a title-case headline may read so too).
    ``None`` for any other line."""
    if _date_line(text) is not None:
        return "date"
    body = _strip_bullet(text)
    key = _META_KEY.match(body)
    if key is not None:
        key_name = key.group(0).lower()
        value = body[key.end() :].strip()
        labelled = any(c in key.group(0) for c in ":|")
        if key_name.startswith(_BYLINE_KEYS):
            if _is_name(_NAME_SEPARATOR.split(value, maxsplit=1)[0]):
                return "byline"
        elif key_name.startswith(_DATE_KEYS):
            # "Updated: 14:32 CET", "Updated 2 hours ago"; not "Updated: NATO to meet in 2026"
            if _n_words(value) <= 6 and (
                _RELATIVE_TIME.search(value) or (labelled and _CLOCK.match(value))
            ):
                return "label"
        elif labelled and value and _n_words(value) <= 4:
            return "label"  # Section: World, Source: Kyodo News
    bare = text.strip("|-–— ")
    if _KNOWN_OUTLET_RE.match(bare):
        return "masthead"
    if looks_like_outlet(bare):
        return "outlet"
    return None


_WEAK_HEADER_KINDS = frozenset({"outlet", "section"})
"""Header lines that a headline may read as too: passed over only when a headline follows."""
_SECTION_WORD = re.compile(r"[^\W\d_][\w&'’-]*|&")
_SECTION_SEPARATORS = frozenset("/|·>›»")


def _is_section_label(text: str) -> bool:
    """A section label (``INTERNATIONAL``, ``Politik``, ``Just In``, ``NATIONAL /
    POLITICS``): capitalised, one to three words (two without a separator such as ``/``
    between them), no digits, no punctuation at the end."""
    words = [w for w in text.split() if w not in _SECTION_SEPARATORS]
    most = 3 if len(words) < len(text.split()) else 2
    return (
        0 < len(words) <= most
        and text[:1].isupper()
        and all(_SECTION_WORD.fullmatch(w) for w in words)
    )


_NAV_FUNCTION_WORDS = frozenset(
    [
        "A",
        "AN",
        "AND",
        "AS",
        "AT",
        "BY",
        "FOR",
        "FROM",
        "IN",
        "INTO",
        "IS",
        "OF",
        "ON",
        "OR",
        "THE",
        "TO",
        "WITH",
    ]
)


def _is_nav_bar(text: str) -> bool:
    """A site's navigation bar pasted with the page (``NATIONAL POLITICS CRIME BUSINESS
    TECH``): three or more words in capitals, letters only (``&`` and separators
    allowed), none of them a function word, so that a headline in capitals (``JAPAN
    TO JOIN TALKS``) is not one."""
    words = [w for w in text.split() if w not in _SECTION_SEPARATORS]
    return (
        len(words) >= 3
        and text.isupper()
        and all(_SECTION_WORD.fullmatch(w) for w in words)
        and not any(w in _NAV_FUNCTION_WORDS for w in words)
    )


def _find_headline(blocks: list[_Block], fields: dict[str, object]) -> int:
    """Find the headline among the first lines of a text; return the index of the block
    after it (after the header lines when there is none).

    The headline is the first line that is headline-like (:func:`_is_headline_like`)
    once up to :data:`_HEADER_SCAN` header lines at the top (:func:`_header_line`: a
    date, a byline, a ``Published:`` label, a masthead, page chrome such as
    ``Subscribe``, and a section label under one of those) are passed over. A line that
    only reads as an outlet's name, and a section label, are passed over only when a
    headline follows; else either may be the headline itself. The header lines passed
    over are marked ``metadata`` (chrome is left to step 3) and parsed into ``fields``
    like the metadata lines under a headline.
    """
    kinds: list[str] = []
    for b in blocks[:_HEADER_SCAN]:
        kind = _header_line(b.text)
        if kind is None and _CHROME.match(_strip_bullet(b.text)):
            kind = "chrome"  # Subscribe, Share: marked as chrome in step 3 of clean_text
        elif kind is None and kinds and _is_section_label(b.text):
            kind = "section"  # INTERNATIONAL, Politik, Just In: under a masthead or date
        elif kind is None and _is_nav_bar(b.text):
            kind = "section"  # NATIONAL POLITICS CRIME BUSINESS: a navigation bar
        if kind is None:
            break
        kinds.append(kind)

    def headline_at(k: int) -> bool:
        # A blank line between the line and the rest is a strong headline cue (the line
        # then may start in lower case, as in "iTunes now selling ...").
        return k + 1 < len(blocks) and _is_headline_like(
            blocks[k].text, allow_lowercase=blocks[k + 1].gap_before > 0
        )

    at = len(kinds)
    weak = [k for k, kind in enumerate(kinds) if kind in _WEAK_HEADER_KINDS]
    if at == len(blocks):
        at = 0  # lines that make up the whole page are no header, however they look
    elif not headline_at(at) and weak:
        at = weak[0]
    for b, kind in zip(blocks[:at], kinds, strict=False):
        if kind == "chrome":
            continue
        parsed = _parse_metadata_line(b.text, fields, b.line)
        if parsed is None and kind == "section":
            fields.setdefault("section", b.text)
            parsed = "section label"
        b.reason = "metadata"
        b.detail = f"parsed as {parsed}; above the headline" if parsed else "above the headline"
    if not headline_at(at):
        return at
    fields["title"] = blocks[at].text
    blocks[at].reason = "headline"
    blocks[at].detail = "first line, headline-like" if at == 0 else "first line after the header"
    return at + 1


def _mark_metadata(blocks: list[_Block], start: int, fields: dict[str, object]) -> None:
    """Mark runs of header lines that carry a date, outlet or byline.

    A run is made of short lines (at most 8 words) that are list bullets or ``Key:
    value`` lines, within 8 blocks of ``start``, and of date lines (``April 9, 2025 /
    11:47 AM``, ``Date| April 9, 2025``, ``31/10/2025``, ``Anadolu staff | 09.04.2025 -
    Update : 09.04.2025``) within :data:`_DATE_LINE_WINDOW` blocks. The header ends at
    the second line of body text (a standfirst may come before the metadata).
    """
    limit = min(len(blocks), start + 8)
    date_limit = min(len(blocks), start + _DATE_LINE_WINDOW)
    i = start
    prose = 0
    while i < date_limit:
        run: list[int] = []
        j = i
        while j < date_limit and blocks[j].reason is None:
            t = blocks[j].text
            if (
                j < limit
                and _n_words(t) <= 8
                and (_BULLET.match(t) or _META_KEY.match(_strip_bullet(t)))
            ) or _date_line(t) is not None:
                run.append(j)
                j += 1
            else:
                break
        if run and j == len(blocks):
            break  # lines that end the page are not a header, however they look
        if run:
            parsed = {k: _parse_metadata_line(blocks[k].text, fields, blocks[k].line) for k in run}
            if any(parsed.values()):
                for k in run:
                    blocks[k].reason = "metadata"
                    blocks[k].detail = f"parsed as {parsed[k]}" if parsed[k] else "section label"
                    if not parsed[k]:
                        fields.setdefault("section", _strip_bullet(blocks[k].text))
            i = j if j > i else i + 1
        else:
            # Header metadata comes before the article text (a standfirst may precede it).
            prose += _is_body_text(blocks[i].text)
            if prose >= 2:
                break
            i += 1


def _is_body_text(text: str) -> bool:
    """A line of article prose: at least 12 words ending as a sentence ends."""
    # Cheapest test first: the last character (a block's text has no line break for
    # ``$`` to stop before), then the regexes.
    return (
        text[-1:] in _SENTENCE_END_CHARS
        and _SENTENCE_END.search(text) is not None
        and has_words(text, 12)
    )


@lru_cache(maxsize=32)
def _compile_chrome(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """``CleanConfig.extra_chrome_patterns`` compiled once, not once per document."""
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


def _trailing_marker(text: str) -> str | None:
    """The kind of section (``comment``, ``related``) that a marker line starts, if any."""
    for pattern, kind in _TRAILING_MARKERS:
        if pattern.match(text):
            return kind
    return None


def clean_text(
    text: str, *, title: str | None = None, config: CleanConfig | None = None
) -> CleanedText:
    """Structural cleaning of one document.

    ``title`` is a headline known from a structured source (CSV column, HTML
    metadata); when given, lines repeating it are removed and no headline is looked
    for in the text.
    """
    config = config or CleanConfig()
    extra_chrome = _compile_chrome(tuple(config.extra_chrome_patterns))
    blocks = _blocks(text)
    fields: dict[str, object] = {}
    if not blocks:
        return CleanedText((), (), HeaderFields())

    # 1. Headline, below any date, byline or masthead lines at the top.
    first = 0
    if title is None:
        first = _find_headline(blocks, fields)
        title = _as_str(fields.get("title"))
    if title is not None:
        fields["title"] = title
        tkey = _key(title)
        for b in blocks:
            if b.reason is None and _has_key(b.text, tkey):
                b.reason, b.detail = "repeated-headline", "same text as the headline"

    # 2. Metadata lines near the top.
    _mark_metadata(blocks, first, fields)

    # 3. Trailing sections that start at a marker, page chrome. A comment count near
    # the top ("5 Comments" under the headline, before the second body paragraph) is a
    # page element, not the start of the comments.
    body_seen = False
    trailing: str | None = None
    body_blocks = 0
    for b in blocks:
        if b.reason is not None:
            continue
        stripped = _strip_bullet(b.text)
        cue = _LINE_CUES.match(stripped) is not None
        marker = _trailing_marker(stripped) if cue else None
        if marker == "comment" and body_blocks < 2 and any(c.isdigit() for c in stripped):
            b.reason, b.detail = "chrome", f"page element {stripped!r}: a comment count"
            continue
        if marker is not None and body_seen:
            trailing = marker
            b.reason, b.detail = "chrome", f"{stripped!r} marks the start of a {marker} section"
            continue
        if (cue and _CHROME.match(stripped)) or (
            extra_chrome and any(p.search(stripped) for p in extra_chrome)
        ):
            b.reason, b.detail = "chrome", f"page element {stripped!r}"
            continue
        if trailing is not None:
            b.reason = trailing
            b.detail = f"after the {trailing} marker"
            continue
        if has_words(b.text, 8):  # a body line: the first sets body_seen
            body_seen = True
            body_blocks += 1

    # 4. Photo captions and their credit lines.
    # Each regex search scans the whole line; the plain-string tests in front of them
    # (characters every match needs in a block's stripped text) skip most body
    # paragraphs without a scan.
    for i, b in enumerate(blocks):
        text = b.text
        if b.reason is not None or (text[0] == "|" and _TABLE_ROW.match(text)):
            continue
        if (text[-1] == "|" and _TRAILING_PIPE.search(text)) or (
            ("(" in text or ":" in text) and _CAPTION_CUES.search(text)
        ):
            b.reason, b.detail = "caption", "caption layout (trailing '|' or position cue)"
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if (
                nxt is not None
                and nxt.reason is None
                and _n_words(nxt.text) <= 6
                and not _STOP_END.search(nxt.text)
            ):
                nxt.reason, nxt.detail = "credit", "short line after a caption"
        elif _n_words(text) <= 6 and _CREDIT_CUES.search(text) and not text.endswith("."):
            b.reason, b.detail = "credit", "agency or copyright credit"

    # 5. Trailing list of headlines and reader comments at the end of the page.
    live = [b for b in blocks if b.reason is None]
    if live:
        last = live[-1]
        if (
            last.gap_before >= 3
            and last is not live[0]
            and _FIRST_PERSON.search(_QUOTED.sub("", last.text))
        ):
            last.reason = "comment"
            last.detail = f"after {last.gap_before} blank lines, written in the first person"
            live.pop()
        run: list[_Block] = []
        for b in reversed(live):
            if _BULLET.match(b.text) and _is_headline_like(_strip_bullet(b.text)):
                run.append(b)
            else:
                break
        introduced = len(run) < len(live) and live[-len(run) - 1].text.endswith(":")
        if len(run) >= 2 and len(run) < len(live) and not introduced:
            listed = set().union(*(_content_words(b.text) for b in run))
            rest = set().union(*(_content_words(b.text) for b in live if b not in run))
            if title:
                rest |= _content_words(title)
            shared = len(listed & rest) / len(listed) if listed else 1.0
            if shared < _RELATED_MAX_SHARED:
                for b in run:
                    b.reason = "related"
                    b.detail = f"trailing headline list; {shared:.0%} of its words in the article"

    paragraphs = tuple(Paragraph(b.text, b.line) for b in blocks if b.reason is None)
    removed = tuple(
        Removal(b.line, b.text, b.reason, b.detail) for b in blocks if b.reason is not None
    )
    return CleanedText(
        paragraphs,
        removed,
        HeaderFields(
            title=title,
            outlet=_as_str(fields.get("outlet")),
            published=_as_date(fields.get("published")),
            published_text=_as_str(fields.get("published_text")),
            section=_as_str(fields.get("section")),
            byline=_as_str(fields.get("byline")),
            dates=_as_dates(fields.get("dates")),
        ),
    )


def _as_str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _as_date(value: object) -> PartialDate | None:
    return value if isinstance(value, PartialDate) else None


def _as_dates(value: object) -> tuple[HeaderDate, ...]:
    return tuple(d for d in value if isinstance(d, HeaderDate)) if isinstance(value, list) else ()


# --- corpus pass: off-topic paragraphs ---------------------------------------------------


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


def _content_words(text: str) -> set[str]:
    return {t for t in tokens(text) if len(t) > 2 and t not in ENGLISH_STOP_WORDS}


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
