"""The top of a document: the headline below any header lines (date, byline, masthead,
section label, navigation bar) and the metadata lines near it, parsed into fields.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from natojp._date_lines import DateLine, read_date_line
from natojp._dates import DateKind, PartialDate, WrittenDate
from natojp.clean._blocks import (
    _BULLET,
    _Block,
    _is_headline_like,
    _n_words,
    _strip_bullet,
)
from natojp.clean._sections import _CHROME
from natojp.models import has_words

_META_KEY = re.compile(
    r"^(?:published(?: date| on| at)?|updated(?: on| at)?|posted(?: on| at)?|date|last updated"
    r"|by|source|written by|author|reporter|edited by|section|category)\b\s*[:|-]?\s*",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")
_SENTENCE_END_CHARS = frozenset(".!?\"'”’)")  # the last character of a _SENTENCE_END match
_PUNCT_END = re.compile(r"[.!?:;,]$")

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

    A date line (see :func:`natojp._date_lines.read_date_line`) gives its dates, kept in
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


@functools.cache
def _registry_masthead(text: str) -> bool:
    """Whether a line is only an outlet's name or alias in the bundled outlet registry
    (``The Independent``, ``Agenzia Nova``, ``European Commission``), or that name with
    a word for its website or as its bare domain (``読売新聞オンライン``, ``ANSA.it``).

    The registry is imported here, not at the top: :mod:`natojp.metadata` imports this
    package. The answer is cached per line (a corpus repeats its mastheads), and the
    registry is read once (:meth:`~natojp.metadata.outlets.OutletRegistry.default`).
    """
    if not text or _n_words(text) > _MASTHEAD_MOST_WORDS or _MASTHEAD_SEPARATOR.search(text):
        return False
    from natojp.metadata.outlets import OutletRegistry

    registry = OutletRegistry.default()
    if registry.by_name(text) is not None:
        return True
    mention = registry.in_line(text)
    return mention is not None and mention.form == "masthead"


_MASTHEAD_MOST_WORDS = 4
_MASTHEAD_SEPARATOR = re.compile(r"[|/>»›·•:;,]|\s[-–—]\s")
_MASTHEAD_WORD = re.compile(r"[^\W\d_][\w'’.&-]*|&")
_MASTHEAD_SMALL_WORDS = frozenset(
    {"of", "the", "and", "for", "de", "del", "della", "di", "du", "la", "le"}
)
# A word that may read as a verb (-s, -ed, -ing): "Japan Eyes Drones" is a headline.
_VERB_LIKE = re.compile(r"(?:[^s]s|ed|ing)$", re.IGNORECASE)


def _is_generic_masthead(text: str) -> bool:
    """A line that reads as a site's name (``Ministry of Defense``, ``Strategic Defense
    Digest``): one to :data:`_MASTHEAD_MOST_WORDS` capitalised words (``of``, ``the``
    and the like between them), no digit, no punctuation or separator, and no word
    that may be a verb (``-s``, ``-ed``, ``-ing``: ``Japan Eyes Drones`` is a headline)
    after the first and before any ``of`` (``Ministry of Foreign Affairs`` is a name).
    Read so only at the top of a text and above navigation or a longer headline."""
    words = text.split()
    return (
        0 < len(words) <= _MASTHEAD_MOST_WORDS
        and not _PUNCT_END.search(text)
        and not _MASTHEAD_SEPARATOR.search(text)
        and all(_MASTHEAD_WORD.fullmatch(w) for w in words)
        and all(w[:1].isupper() or w.lower() in _MASTHEAD_SMALL_WORDS for w in words)
        and text[:1].isupper()
        and not any(_may_be_verb(w) for w in _before_small_word(words)[1:])
    )


def _before_small_word(words: list[str]) -> list[str]:
    """The words before the first small word (``of``, ``the``): after one, a name goes on
    as a noun phrase (``Ministry of Foreign Affairs``)."""
    for n, w in enumerate(words):
        if w.lower() in _MASTHEAD_SMALL_WORDS:
            return words[:n]
    return words


def _may_be_verb(word: str) -> bool:
    """A word that may be a headline's verb (``Eyes``, ``Launched``, ``Seeking``), not a
    word of outlets' names (``News``, ``Times``)."""
    return _VERB_LIKE.search(word) is not None and not _OUTLET_WORDS.fullmatch(word)


_BREADCRUMB_SEPARATOR = re.compile(r"\s+[>»›]\s+")
_MENU_SEPARATOR = re.compile(r"\s+[|/>»›·•]\s+|\s+[|]|[|]\s+|\s*｜\s*")
_HOME = re.compile(r"(?:home|startseite|accueil|inicio|início|home page|homepage)$", re.IGNORECASE)
_MENU_PART = re.compile(r"[^\W\d_][\w&'’.-]*|&")
# Words of a site's menu row ("News Sport Culture Lifestyle Voices Climate", "Video
# Live Shows Election 2026"), pasted as one line with the items' spacing folded.
_NAV_VOCABULARY = frozenset(
    {
        *("home", "news", "latest", "world", "national", "local", "politics", "business"),
        *("markets", "money", "economy", "finance", "tech", "technology", "science"),
        *("health", "climate", "environment", "sustainability", "legal", "sport", "sports"),
        *("culture", "arts", "lifestyle", "life", "style", "travel", "food", "voices"),
        *("opinion", "opinions", "comment", "analysis", "features", "video", "videos"),
        *("live", "shows", "tv", "radio", "audio", "podcast", "podcasts", "newsletter"),
        *("newsletters", "photos", "pictures", "games", "puzzles", "weather"),
        *("election", "elections", "europe", "asia", "africa", "americas", "uk", "us"),
        *("u.s.", "defense", "defence", "security", "investigations", "more", "menu"),
        *("search", "subscribe", "topics", "events", "multimedia", "entertainment"),
    }
)
_YEAR = re.compile(r"(?:19|20)\d\d")


def _is_breadcrumb(text: str) -> bool:
    """A breadcrumb trail: ``Home > Press Releases > 2025``, ``Home » Asia Pacific »
    <headline>``, ``Home / Press releases & news`` (a trail that starts at the home page
    may end with the headline)."""
    crumbs = _BREADCRUMB_SEPARATOR.split(text)
    first = _MENU_SEPARATOR.split(text, maxsplit=1)
    if len(first) == 2 and _HOME.match(first[0].strip()):
        return True
    if len(crumbs) < 2:
        return False
    return all(0 < _n_words(c.strip()) <= 4 for c in crumbs)


def _is_menu(text: str) -> bool:
    """A site's menu or section path: two or more short parts (one to three capitalised
    words, no digit) between ``|``, ``/`` or ``·`` (``Esteri | Asia``, ``Home |
    Geopolitics | Defense Industry | Tech | About Us``), or a row of three or more
    capitalised menu words, most of them common section names (``News Sport Culture
    Lifestyle Voices Climate``, ``Video Live Shows Election 2026``)."""
    parts = [p.strip() for p in _MENU_SEPARATOR.split(text) if p.strip()]
    if len(parts) >= 2:
        return all(_is_menu_item(p) for p in parts)
    words = text.split()
    if len(words) >= 4 and all(_is_caseless_word(w) for w in words):
        return True  # トップ 速報 ライブ エキスパート: a menu row in a script without capitals
    if len(words) < 3 or not all(w[:1].isupper() or _YEAR.fullmatch(w) for w in words):
        return False
    known = sum(w.lower() in _NAV_VOCABULARY for w in words)
    return known * 3 >= len(words) * 2 and all(
        w.lower() in _NAV_VOCABULARY or _YEAR.fullmatch(w) or _MENU_PART.fullmatch(w) for w in words
    )


def _is_caseless_word(word: str, most: int = 6) -> bool:
    """A word of at most ``most`` letters of a script without capitals (``政治``)."""
    return (
        len(word) <= most and word.isalpha() and not any(c.isupper() or c.islower() for c in word)
    )


def _is_menu_item(part: str) -> bool:
    """An item of a site's menu: one to three capitalised words (``of``, ``the``, ``&``
    between them: ``Rule of Law``, ``Health & Society``), or one word of a script
    without capitals (``政治``)."""
    words = part.split()
    if len(words) == 1 and _is_caseless_word(words[0]):
        return True
    named = [w for w in words if w.lower() not in _MASTHEAD_SMALL_WORDS and w != "&"]
    return (
        0 < len(named) <= 3
        and part[:1].isupper()
        and all(_MENU_PART.fullmatch(w) for w in words)
        and all(w[:1].isupper() for w in named)
    )


def _is_navigation(text: str) -> bool:
    """A site's breadcrumb trail or menu (:func:`_is_breadcrumb`, :func:`_is_menu`)."""
    return _is_breadcrumb(text) or _is_menu(text)


_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def _is_url(text: str) -> bool:
    """A line that is only a web address (the page's own, pasted above its headline)."""
    return _URL.fullmatch(text) is not None


_TAGLINE = re.compile(
    r".*\b(?:since|est\.?|established|founded(?: in)?)\s+(?:in\s+)?(?:1[6-9]|20)\d\d",
    re.IGNORECASE,
)


def _is_tagline(text: str) -> bool:
    """A masthead's tagline: ``Japan's National Daily Since 1922``."""
    return _n_words(text) <= 8 and _TAGLINE.fullmatch(text) is not None


def _is_caseless_section(text: str) -> bool:
    """A section label in a script without capitals (``政治``, ``時事通信 経済部``): one or
    two words of at most six letters each, no digit, no letter of a cased script."""
    words = text.split()
    return 0 < len(words) <= 2 and all(_is_caseless_word(w) for w in words)


def _header_line(text: str) -> str | None:
    """What a line at the top of a text is when it is no headline but a header line:
    ``date`` (a date line, :func:`natojp._date_lines.read_date_line`: ``April 10, 2025``,
    ``31/10/2025``, ``Thursday 9 April 2025 14:32 CET``), ``byline`` (``By Jane Doe |
    Kyodo News``), ``label`` (``Published: 2 hours ago``, ``Section: World``),
    ``masthead`` (a known outlet's name or alias: the lexicon above or the outlet
    registry, :func:`_registry_masthead`) or ``outlet`` (a line that only reads as an
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
    if _KNOWN_OUTLET_RE.match(bare) or _registry_masthead(bare):
        return "masthead"
    if looks_like_outlet(bare):
        return "outlet"
    return None


_WEAK_HEADER_KINDS = frozenset({"outlet", "site", "section", "banner"})
"""Header lines that a headline may read as too: passed over only when a headline follows
(a site's navigation, ``nav``, is passed over always: it is never the headline)."""

# A site's promotion or navigation line above the headline, which names no story: never
# the headline ("Live updates", "Latest news", "Most read" and "Sign up for..." are page
# chrome already).
_PROMO = re.compile(
    r"(?:live(?: updates?| coverage| blog| now| news)?|(?:the )?latest(?: news| stories| updates)?"
    r"|breaking(?: news)?|top (?:stories|news)|trending(?: now| stories)?|must[ -]reads?"
    r"|editor'?s picks?|watch live|don'?t miss|(?:more|read) (?:news|stories))\W*",
    re.IGNORECASE,
)
# A banner over a site's pages on one subject ("What to know about the 2026 Election",
# "Live updates: Ukraine war", "Election 2026: what's at stake"): read as a banner only when a
# headline follows (an explainer's own headline may begin "What to know about").
_BANNER = re.compile(
    r"(?:what (?:you need )?to know|everything (?:you need )?to know|live(?: updates?| coverage"
    r"| blog)?|(?:the )?latest|more|special (?:report|coverage)|full coverage|in depth"
    r"|(?:elections?|midterms?|olympics|world cup|decision) (?:19|20)\d\d)"
    r"(?:\s+(?:about|on|from|for|as)\b|\s*[:|·•–—-])\s*\S.*",
    re.IGNORECASE,
)
_BANNER_MOST_WORDS = 10


def _is_promo(text: str) -> bool:
    """A promotion or navigation line that names no story (see :data:`_PROMO`)."""
    return len(text) <= 40 and _PROMO.fullmatch(_strip_bullet(text)) is not None


def _is_banner(text: str) -> bool:
    """A site banner over the pages on one subject (see :data:`_BANNER`): at most
    :data:`_BANNER_MOST_WORDS` words, not ending as a sentence ends."""
    return (
        _n_words(text) <= _BANNER_MOST_WORDS
        and text[-1:] not in ".!?"
        and _BANNER.fullmatch(_strip_bullet(text)) is not None
    )


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


_NAV_WORD = re.compile(r"[^\W\d_][\w&'’-]*|&|(?:[^\W\d_]\.){2,}")


def _is_nav_bar(text: str) -> bool:
    """A site's navigation bar pasted with the page (``NATIONAL POLITICS CRIME BUSINESS
    TECH``, ``WORLD U.S. POLITICS SPORTS``): three or more words in capitals, letters
    only (``&``, separators and dotted abbreviations such as ``U.S.`` allowed), none of
    them a function word, so that a headline in capitals (``JAPAN TO JOIN TALKS``) is
    not one."""
    words = [w for w in text.split() if w not in _SECTION_SEPARATORS]
    return (
        len(words) >= 3
        and all(w.isupper() or w == "&" for w in words)  # "EU防衛担当委員と会談" is no nav word
        and all(_NAV_WORD.fullmatch(w) for w in words)
        and not any(w in _NAV_FUNCTION_WORDS for w in words)
    )


def _is_section_under_masthead(text: str) -> bool:
    """A line under a masthead or date that names the page's place in the site, not a
    story: a section label (``INTERNATIONAL``, ``Politics & Security``, ``政治``), the
    masthead's tagline (``Japan's National Daily Since 1922``) or a section or edition
    name with the date (``Politics Apr 25, 2025``)."""
    return (
        _is_section_label(text)
        or _is_section_label(text.replace(" & ", " / "))  # Politics & Security
        or _is_caseless_section(text)
        or _is_tagline(text)
        or _is_dated_section(text)
    )


_SPACED_SLASH = re.compile(r"\s*/\s*")


def _is_dated_section(text: str) -> bool:
    """A section label or edition name with the date of the page: ``Politics Apr 25,
    2025``, ``Daily News 29 / 04 / 2025``."""
    words = text.split()
    for n in (1, 2):
        rest = " ".join(words[n:])
        if (
            rest[:1].isalnum()
            and _is_section_label(" ".join(words[:n]))
            and _date_line(_SPACED_SLASH.sub("/", rest)) is not None
        ):
            return True
    return False


def _is_slogan(blocks: list[_Block], i: int, kinds: list[str]) -> bool:
    """Whether block ``i`` is a site's slogan above its masthead (``Skip to main
    content`` / ``Exclusive news, data and analytics for financial market
    professionals`` / ``Reuters``): after page chrome only, right above a masthead."""
    return (
        bool(kinds)
        and all(k in ("chrome", "promo") for k in kinds)
        and i + 1 < len(blocks)
        and _header_line(blocks[i + 1].text) == "masthead"
    )


def _is_site_name(blocks: list[_Block], i: int, kinds: list[str]) -> bool:
    """Whether block ``i`` is a site's name heading the page (:func:`_is_generic_masthead`:
    ``Ministry of Defense``): the first line but for page chrome and promotion lines,
    followed by the site's navigation (``Home > Press Releases > 2025``) or by a longer
    headline-like line."""
    if any(k not in ("chrome", "promo") for k in kinds) or i + 1 >= len(blocks):
        return False
    text, after = blocks[i].text, blocks[i + 1].text
    if not _is_generic_masthead(text):
        return False
    return _is_navigation(after) or (
        _is_headline_like(after) and _n_words(after) >= _n_words(text) + 2
    )


def _find_headline(blocks: list[_Block], fields: dict[str, object]) -> int:
    """Find the headline among the first lines of a text; return the index of the block
    after it (after the header lines when there is none).

    The headline is the first line that is headline-like (:func:`_is_headline_like`)
    once up to :data:`_HEADER_SCAN` header lines at the top (:func:`_header_line`: a
    date, a byline, a ``Published:`` label, a masthead (a known outlet's name or an
    alias in the outlet registry: ``The Independent``, ``読売新聞オンライン``), page
    chrome such as ``Subscribe``, a site's promotion line such as ``Live updates`` or
    ``Latest news``, a site's navigation: a breadcrumb trail (``Home > Press Releases >
    2025``), a menu under a masthead (``Esteri | Asia``, ``News Sport Culture Lifestyle``,
    ``Video Live Shows Election 2026``) or the page's address, and a section label, a
    tagline or a dated edition name under one of those) are passed over. A line that
    only reads as an outlet's name, a site's name heading the page (``Ministry of
    Defense`` above its navigation or a longer headline: :func:`_is_site_name`), a
    site's slogan between page chrome and its masthead, a section label, and a site
    banner on one subject (``What to know about the 2026 Election``, ``Election 2026:
    what's at stake``) are passed over only when a headline follows; else the first of
    them may be the headline itself (navigation never is). The header lines passed over
    are marked ``metadata``, promotion lines and banners ``chrome`` (other chrome is
    left to step 3), and parsed into ``fields`` like the metadata lines under a
    headline.
    """
    kinds: list[str] = []
    for i, b in enumerate(blocks[:_HEADER_SCAN]):
        kind = "promo" if _is_promo(b.text) else _header_line(b.text)
        if kind is None and _CHROME.match(_strip_bullet(b.text)):
            kind = "chrome"  # Subscribe, Share: marked as chrome in step 3 of clean_text
        elif kind is None and _is_banner(b.text):
            kind = "banner"  # What to know about the 2026 Election: over the headline
        elif kind is None and _is_slogan(blocks, i, kinds):
            kind = "banner"  # a site's slogan between page chrome and its masthead
        elif kind is None and _is_site_name(blocks, i, kinds):
            kind = "site"  # Ministry of Defense over Home > Press Releases > 2025
        elif kind is None and (_is_breadcrumb(b.text) or _is_url(b.text)):
            kind = "nav"  # Home > Press Releases > 2025, the page's address
        elif kind is None and kinds and _is_menu(b.text):
            kind = "nav"  # Esteri | Asia, News Sport Culture Lifestyle: a site's menu
        elif kind is None and kinds and _is_section_under_masthead(b.text):
            kind = "section"  # INTERNATIONAL, Politik, 政治: under a masthead or date
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
        if kind in ("promo", "banner"):
            b.reason = "chrome"
            what = "promotion line" if kind == "promo" else "banner"
            b.detail = f"page element {b.text!r}: a site's {what} above the headline"
            continue
        parsed = _parse_metadata_line(b.text, fields, b.line)
        if parsed is None and kind == "nav":
            parsed = "site navigation"
            if not _is_url(b.text):
                fields.setdefault("section", b.text)
        elif parsed is None and kind == "section":
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
