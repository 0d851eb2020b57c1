"""Outlets: who published an article, from its address or its own header and footer lines.

The :class:`OutletRegistry` is an editable list of outlets (news agencies, newspapers,
broadcasters, trade press, government sites, think tanks, aggregators), each with its
aliases, web domains, country, type and whether it is state-affiliated. The default
ships as ``natojp/data/outlets.toml``; users edit a copy (``registry.to_toml()``) and
load it with :meth:`OutletRegistry.load`. Its header explains the format.

API (all pure functions of their arguments; nothing touches the network)::

    registry = OutletRegistry.default()          # or .load(path) / .from_toml(text)
    registrable_domain("https://english.kyodonews.net/news/x")   # "kyodonews.net"
    registry.by_domain("https://www.japantimes.co.jp/news/x")    # Outlet("The Japan Times")
    registry.by_name("Kyodo")                    # Outlet("Kyodo News") (any alias)
    registry.in_line("By Jane Doe, Kyodo News")  # OutletMention(Kyodo News, "byline")
    find_outlet(header_lines, footer_lines, url, registry)   # OutletFinding | None

``header_lines`` and ``footer_lines`` are ``(line number or None, text)`` pairs: the
lines before and after the article body (for example the removed metadata and chrome
lines of :func:`natojp.clean.clean_text` and the first and last lines of the raw text).
:func:`natojp.metadata.wires.find_wires` finds the wire agencies a text credits.

Where a line names an outlet (:meth:`OutletRegistry.in_line`), by form, strongest first:

``masthead``
    the line is only an outlet's name or alias (``THE JAPAN TIMES``), that name with a
    word for its website (``Spiegel Online``, ``読売新聞オンライン``) or its bare domain
    (``RTVE.es``), or starts or ends with one after a separator (``Japan eyes NATO
    office | The Japan Times``), or names an outlet's copy of agencies' stories
    (``Le Monde avec AFP``, ``RTVE.es / EFE``); not for governments, whose names alone
    on a line are topic tags (``NATO``);
``copyright``
    ``© 2025 The Japan Times``, ``Copyright 2025 Kyodo News``, ``(c) 2025 AFP``;
``credit``
    an aggregator's credit line, ``(MENAFN- Kuwait News Agency (KUNA))``: the outlet is
    the aggregator (MENAFN), the credited source (KUNA) is kept as ``credited``;
``byline``
    ``By Jane Doe, Kyodo News``, ``By MARI YAMAGUCHI Associated Press``, ``By Reuters``,
    ``Written by Jane Doe for Defense One``, ``Anadolu staff``, ``Al Jazeera and news
    agencies``, ``Jane Doe | Reuters``;
``source``
    ``Source: Xinhua``, ``Quelle: dpa``, ``Fuente: EFE``, ``Courtesy of The Japan
    Times``, ``Originally published by ...``, ``News provided by Yonhap News Agency``;
``dateline``
    ``TOKYO (AP) —``, ``April 9 (UPI) --``, ``(KUNA) --``, ``MOSCOW, April 9. /TASS/.``,
    ``BRUSSELS/TOKYO, April 9 (Reuters) -``, ``WASHINGTON, April 9, 2025 /PRNewswire/ --``,
    ``Madrid, 9 abr (EFE).-``, ``MADRID, 9 (EUROPA PRESS)`` on a line of its own,
    ``【ワシントン共同】``.

A name inside an ordinary sentence is never a masthead: the whole line (or a segment
after a separator) must be the name. Names and aliases in ALL CAPITALS match only so
written, as whole words (``AP`` is not in ``cap``, ``Ap`` or ``AP-style``); single common
words (``Times``, ``News``) cannot be aliases.

:func:`find_outlet` chooses, in this order of strength:

1. the article's URL when its domain is in the registry (evidence basis ``registry``);
2. a header or footer line naming a registry outlet that is not a wire agency
   (basis ``header``; the strongest form above wins, then the earliest line; a line
   that is only a URL counts here when its domain is in the registry);
3. the registrable domain of the article's URL when it is not in the registry: the
   domain itself is the outlet, ``entry`` is None (basis ``url``);
4. a wire agency's masthead (its own page: ``Kyodo News`` above the headline).

A wire agency named in any other form names the supplier of the text, not the
publisher of this copy: a Japan Today page of an AP story (``TOKYO (AP) —``,
``Copyright 2025 The Associated Press``) is published by Japan Today, and a text whose
only clue is ``TOKYO (AP) —``, ``By Jane Doe | Kyodo News``, ``(c) 2025 AFP`` or
``Source: Xinhua`` states no publisher at all: the result is None, and
:func:`~natojp.metadata.wires.find_wires` records the agency as its wire. Prose such as
"according to Kyodo News" cites a source and never names the outlet.

Footer lines count only as copyright, credit and ``Source:`` lines or as a URL: at the
end of a page a bare name, a byline or a dateline is more often the label of a
related-story teaser than the page's own.

When no line names a registry outlet and there is no URL the result is None, and a
header line naming an outlet outside the registry is left to
:func:`natojp.clean.looks_like_outlet` (the ``outlet`` of
:class:`natojp.clean.HeaderFields`).

The lines are first scanned all at once for the registry's names
(:meth:`NameMatcher.naming_lines`): only the few lines where a name begins a word are
read form by form, so a long body costs little more than one regular-expression scan.

Wiring it into an article (a sketch for ``build_article``; ``cleaned`` is the
:class:`~natojp.clean.CleanedText`, ``lines`` the raw text's lines)::

    first = cleaned.paragraphs[0].line if cleaned.paragraphs else None
    header = [(r.line, r.text) for r in cleaned.removed
              if r.reason in ("headline", "metadata", "chrome", "credit")
              and (first is None or (r.line or 0) < first)]
    footer = [(r.line, r.text) for r in cleaned.removed
              if r.reason in ("chrome", "credit") and first is not None
              and (r.line or 0) > first]        # not "related" or "comment": other stories
    header += [(i, t) for i, t in enumerate(lines[:5], 1) if t.strip()]
    footer += [(i, t) for i, t in enumerate(lines[-5:], len(lines) - 4) if t.strip()]
    finding = find_outlet(header, footer, source.url, registry)
    credits = find_wires([*header, *((p.line, p.text) for p in cleaned.paragraphs),
                          *footer], registry, outlet=finding)
    # outlet=finding.name, outlet_basis=finding.evidence.basis,
    # outlet_evidence=finding.evidence, wires=tuple(c.name for c in credits),
    # wire_evidence=tuple(c.evidence for c in credits)

A manifest entry or a structured outlet field (a CSV column) should still win over
``find_outlet``; :meth:`OutletRegistry.by_name` gives their registry name
(``Kyodo`` -> ``Kyodo News``). When ``find_outlet`` returns None,
``cleaned.fields.outlet`` (a name outside the registry) is the fallback.

Registrable domains come from ``tldextract`` with the public-suffix list snapshot
bundled in that package (``suffix_list_urls=()``, ``cache_dir=None``): it never
downloads the list and never writes a cache. Private suffixes count, so each
``*.blogspot.com`` blog is its own domain.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import tomllib
import unicodedata
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import tldextract
import tomli_w

from natojp._text import CJK, has_cjk, normalise
from natojp.errors import ConfigError
from natojp.models import Evidence

__all__ = [
    "FORMS",
    "OUTLET_KEYS",
    "OUTLET_TYPES",
    "Outlet",
    "OutletFinding",
    "OutletMention",
    "OutletRegistry",
    "OutletRegistryError",
    "find_outlet",
    "registrable_domain",
]

OUTLET_TYPES: tuple[str, ...] = (
    "wire",
    "newspaper",
    "broadcaster",
    "magazine",
    "trade-press",
    "government",
    "think-tank",
    "aggregator",
    "blog",
)
"""The values of an outlet's ``type`` (see the header of ``data/outlets.toml``)."""

OUTLET_KEYS: tuple[str, ...] = ("name", "aliases", "domains", "country", "type", "state_affiliated")
"""The keys an ``[[outlet]]`` table may have (``name`` and ``type`` are required)."""

FORMS: dict[str, str] = {
    "domain": "the article's web address (or a line that is one)",
    "masthead": "a line that is the outlet's name",
    "copyright": "a copyright line",
    "credit": "an aggregator's credit line, naming the source it republishes",
    "byline": "a byline",
    "source": "a 'Source:' line",
    "dateline": "a dateline crediting the outlet",
}
"""How an outlet was named, strongest first (:attr:`OutletMention.form`)."""

_RANK = {form: rank for rank, form in enumerate(FORMS)}
# A bare name or a dateline near the end of a page is more often a related-story teaser's
# label than the page's own masthead: footer lines count only in these forms.
_FOOTER_FORMS = frozenset({"copyright", "credit", "source"})
# The forms that name an agency as the publisher of a page: its masthead (and address).
# Its dateline, byline, copyright or closing credit names it as the supplier of the
# text, whoever published this copy.
_AGENCY_PAGE_FORMS = frozenset({"masthead", "domain"})
_DEFAULT_RESOURCE = "data/outlets.toml"

# ISO 3166-1 alpha-2.
_COUNTRY_CODES = """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO
    BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK
    DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR
    GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM
    KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP
    MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL
    PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST
    SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG
    VI VN VU WF WS YE YT ZA ZM ZW"""
_COUNTRIES = frozenset(_COUNTRY_CODES.split())
_COUNTRY_HINTS = {"UK": "GB", "EL": "GR"}

# Single words too common to name one outlet: not allowed as a name or an alias.
_GENERIC_WORDS = """
    the times news post daily herald journal press agency today wire tribune telegraph
    guardian independent observer mail sun star nation national express standard chronicle
    gazette world online media staff source sources report review monitor insider network
    radio television tv magazine weekly week defense defence military security politics
    business opinion editorial breaking latest home economist diplomat atlantic australian
    hindu hill age spectator strategist interpreter print conversation globe mirror record
    examiner bulletin inquirer republic statesman pioneer citizen register dispatch courier
    sentinel enquirer messenger leader voice government ministry"""
_GENERIC = frozenset(_GENERIC_WORDS.split())

_MAX_ALIAS_TOKENS = 10


class OutletRegistryError(ConfigError):
    """An outlet registry file or entry is invalid.

    ``entry`` is the 1-based position of the ``[[outlet]]`` table at fault, when one is.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        entry: int | None = None,
    ) -> None:
        self.entry = entry
        super().__init__(message, path=path, line=line)


# --- names and tokens ------------------------------------------------------------------

# A word of a name: starts and ends with a letter or digit, and may hold . & ' / + inside
# ("U.S", "AW&ST", "People's", "RFE/RL"). Hyphens and spaces separate words, so
# "Agence France-Presse" and "Agence France Presse" have the same words.
_TOKEN = re.compile(r"\w(?:[\w&.'/+]*\w)?")
_PLAIN_WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=4096)  # header and footer lines are read more than once
def clean_line(text: str) -> str:
    """Normalised text (NFKC, straight quotes, plain hyphens) with whitespace folded."""
    if text.isascii():  # normalise() changes no ASCII character
        return " ".join(text.split())
    return " ".join(normalise(text).split())


def _case_sensitive(alias: str) -> bool:
    """An alias in ALL CAPITALS (capital letters and no small ones) matches only so written."""
    return any(c.isupper() for c in alias) and not any(c.islower() for c in alias)


def _key(tokens: Sequence[str]) -> str:
    return " ".join(tokens).casefold()


# --- domains -----------------------------------------------------------------------------


@functools.cache
def _extractor() -> tldextract.TLDExtract:
    # The public-suffix list snapshot bundled with tldextract: with no URLs to fetch and
    # no cache directory it neither downloads nor writes anything.
    return tldextract.TLDExtract(
        suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True
    )


def _valid_label(label: str) -> bool:
    return (
        0 < len(label) <= 63
        and not label.startswith("-")
        and not label.endswith("-")
        and all(c.isalnum() or c == "-" for c in label)
    )


def _host_and_domain(url_or_host: str) -> tuple[str, str] | None:
    """The host name and registrable domain of a URL or host, or None."""
    text = url_or_host.strip()
    if not text or len(text) > 2048 or any(c.isspace() for c in text):
        return None
    result = _extractor()(text.lower())
    domain = result.top_domain_under_public_suffix
    if not domain:
        return None  # an IP address, a bare word, a suffix alone, garbage
    host = result.fqdn
    if not all(_valid_label(label) for label in host.split(".")):
        return None
    return host, domain


def registrable_domain(url_or_host: str) -> str | None:
    """The registrable domain of a URL or host name, or None if it has none.

    ``https://www.bbc.co.uk:443/news`` and ``english.kyodonews.net`` give ``bbc.co.uk``
    and ``kyodonews.net``: the public-suffix list knows that ``co.uk``, ``com.au`` and
    ``co.jp`` are suffixes (and that ``gov.uk`` is one, so the GOV.UK site is
    ``www.gov.uk``). Case, ``www.``, ports, paths and user names do not matter. IP
    addresses, bare words (``localhost``), a suffix alone and text that is no host give
    None. Uses the suffix list bundled with ``tldextract``; no network, no disk.
    """
    parts = _host_and_domain(url_or_host)
    return parts[1] if parts else None


# --- records ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Outlet:
    """One registry entry: an outlet, how its name is written, where it publishes."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    country: str = ""
    state_affiliated: bool = False

    def __post_init__(self) -> None:
        # Accept lists from callers but store tuples, so outlets stay hashable.
        object.__setattr__(self, "aliases", tuple(self.aliases))
        object.__setattr__(self, "domains", tuple(self.domains))

    @property
    def is_wire(self) -> bool:
        """Whether this is a news agency (``type = "wire"``)."""
        return self.type == "wire"

    @property
    def names(self) -> tuple[str, ...]:
        """The name and every alias."""
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class OutletMention:
    """An outlet named in one line: the entry, the form of the line (a key of
    :data:`FORMS`), the words that named it and, for an aggregator's credit line, the
    source it credits (``(MENAFN- Kuwait News Agency (KUNA))``: outlet MENAFN,
    ``credited`` KUNA; ``credited`` is None when that source is not in the registry)."""

    outlet: Outlet
    form: str
    text: str
    credited: Outlet | None = None


@dataclass(frozen=True, slots=True)
class OutletFinding:
    """The outlet that published an article, as :func:`find_outlet` chose it.

    ``name`` is the registry name, or the registrable domain when ``entry`` is None (an
    address outside the registry). ``evidence`` says where it was read: basis
    ``registry`` (a domain in the registry), ``url`` (a domain outside it) or ``header``
    (a header or footer line), the URL or words read, and their line when known.
    ``form`` is a key of :data:`FORMS`; ``credited`` the source named by an
    aggregator's credit line.
    """

    name: str
    evidence: Evidence
    entry: Outlet | None = None
    form: str = "domain"
    credited: Outlet | None = None

    @property
    def in_registry(self) -> bool:
        """Whether the name came from the registry (False for an unknown domain)."""
        return self.entry is not None


# --- line forms ------------------------------------------------------------------------

_DECORATION = " \t|•·*#>_=~:-–—"
# A line "NATO" or "White House" above an article is a topic tag, not a masthead:
# governments are named by their address or a byline, copyright or source line. A think
# tank's name heading a page ("Atlantic Council", "CSIS") is its masthead.
_NOT_MASTHEADS = frozenset({"government"})
# A site's name is often its outlet's name and a word for the website or its edition:
# "Spiegel Online", "ANSA English", "日本経済新聞 電子版", "読売新聞オンライン".
_SITE_SUFFIX = re.compile(
    r"(?:\s+(?i:online|digital|web|edition|english|english\s+edition|en\s+español|español"
    r"|en\s+français|français|deutsch|italiano)|\s*(?:電子版|デジタル|オンライン|ウェブ|web版|英語版))$"
)
_BARE_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)+$")  # "RTVE.es", "kyodonews.net"
# An outlet's copy of an agency's story, as a masthead or byline says it: "Le Monde avec
# AFP", "Par Le Figaro avec AFP", "RTVE.es / EFE", "By Jane Doe with AFP".
_PUBLISHER_WITH = re.compile(
    r"^(?:(?i:by|par|von|por|di|da|de|door|av)\s+)?(?P<publisher>\S.{0,60}?)\s+"
    r"(?:/|(?i:with|avec|mit|con|com|met|med|z))\s+(?P<credit>\S.{0,60}?)\.?$"
)
_SEGMENT_SPLIT = re.compile(r"\s+[|•·–—]\s+|\s+-{1,2}\s+|\s*\|\s*")
_MAX_MASTHEAD_WORDS = 25

_BY = re.compile(r"^(?i:(?:written|reported|story|words|text)\s+)?(?i:by)\s+(?P<rest>\S.*)$")
_ROLE = re.compile(
    r"(?i:[\s,]+(?:staff(?:\s+(?:writer|reporter|correspondent)s?)?"
    r"|(?:senior\s+|chief\s+|political\s+|defen[cs]e\s+|diplomatic\s+|foreign\s+)?"
    r"(?:correspondent|reporter|writer|editor|contributor)s?"
    r"|news\s*desk|desk|newsroom|and\s+agencies|with\s+agencies))\.?$"
)
_BYLINE_SPLIT = re.compile(r"\s*,\s*|\s+[|/–—-]\s+|\s*\|\s*|\s+(?i:of|for|at)\s+")
_STAFF = re.compile(
    r"^(?P<who>\S.{0,60}?)\s+(?i:staff(?:\s+(?:writer|reporter)s?)?|correspondents?|newsroom"
    r"|news\s*desk|desk|editorial\s+(?:team|staff|board)|(?:staff\s+)?(?:and|with)\s+(?:news\s+)?agencies)"
    r"\.?$"
)
_NAMED = re.compile(
    r"^(?P<names>[A-Z][\w.'-]*(?:\s+(?:[A-Z][\w.'-]*|and|&|de|van|von|bin|al|el|la|le))+)"
    r"\s*(?:,|\s[|/–—-]\s|\s*\|\s*)\s*(?P<outlet>[^,|/]+?)\s*$"
)
_NAME_CONNECTORS = frozenset(
    {"and", "&", "de", "da", "del", "der", "van", "von", "la", "le", "bin", "al", "el", "di"}
)

_COPYRIGHT = re.compile(
    r"(?:^|(?<=[.|]\s))[\W_]{0,3}?(?i:copyright|©|\(c\))(?:\s*(?i:copyright|©|\(c\)))*\s*"
    r"(?P<rest>.*)$"
)
_COPYRIGHT_LEAD = re.compile(r"^(?:\d{4}(?:\s*[-–]\s*\d{4})?|(?i:by))\s*[,.:]?\s*")
_PHOTO_CUE = re.compile(
    r"(?i:\b(?:photo(?:graph)?s?|images?|pictures?|pictured|getty|pool|caption|illustration"
    r"|file\s+photo)\b)"
)

# "Source:" in other languages: Quelle (de), Fuente (es), Fonte (it, pt), Bron (nl),
# Źródło (pl), Kaynak (tr), 出典/出所 (ja), 来源 (zh), 출처 (ko).
SOURCE_WORDS = (  # also read by natojp.metadata.wires
    r"(?:news\s+)?sources?|quellen?|fuentes?|fonte|fonti|bron|źródło|zrodlo|kaynak|出典|出所"
    r"|来源|來源|출처"
)
_SOURCE = re.compile(
    r"^[\W_]{0,3}(?i:(?:" + SOURCE_WORDS + r")\s*[:|]|sources?\s+[-–—]|courtesy(?:\s+of)?\s*:?"
    r"|(?:(?:news|content|story|article)\s+)?(?:provided|supplied|distributed)\s+by\s*:?"
    r"|(?:this\s+(?:article|story)\s+(?:was\s+)?)?(?:originally|first)\s+(?:published|appeared)"
    r"\s+(?:by|in|on|at)\s*:?|published\s+by\s*:?)\s*(?P<rest>\S.*)$"
)

_AGGREGATOR_CREDIT = re.compile(
    r"^\s*\(\s*(?P<agg>[^()\-–—:]{2,40}?)\s*[-–—:]\s*"
    r"(?P<src>[^()]{1,80}?(?:\s*\([^()]{1,30}\))?)\s*\)"
)
_NAME_AND_SHORT = re.compile(r"^(?P<name>.*?)\s*\((?P<short>[^()]+)\)$")

_MAX_PLACE_CHARS = 100  # the place and date before a dateline's credit
_DATELINE = re.compile(
    r"^(?P<place>[^()\n]{0,100}?)\s*\(\s*(?P<credit>[^()]{1,60}?)\s*\)\s*"
    # "(EFE).-" and "(EUROPA PRESS) -" in Spanish; a dateline on a line of its own.
    r"(?:(?P<dash>\.?\s?[-–—]{1,3}|:)|(?=[A-Z\"'(])|$)"
)
_SLASH_DATELINE = re.compile(
    r"^(?P<place>[^()/\n]{0,100}?)\s*/\s*(?P<credit>[^/\s][^/]{0,30}?)\s*/\s*[.:,]?(?:\s|$)"
)
# Japanese datelines: 【ワシントン共同】 (Kyodo), 【東京時事】 (Jiji).
_JA_DATELINE = re.compile(r"^【(?P<place>[^【】]{0,20}?)(?P<credit>共同|時事)】")
_SHORT_FORMS = {"共同": "共同通信", "時事": "時事通信"}
_PLACE_CONNECTORS = frozenset(
    {"de", "da", "do", "del", "la", "le", "el", "al", "and", "of", "am", "an", "sur", "upon"}
)
_PLACE_TOKEN = re.compile(r"[^\s,]+")
# Month names and abbreviations written in lower case in datelines ("Manila, 9 abr
# (EFE)", "Paris, 9 avril (AFP)", "Roma, 9 aprile (ANSA)", "Lisboa, 9 abr (Lusa)").
_LOWER_MONTH_WORDS = """
    ene feb mar abr may jun jul ago sep sept set oct nov dic enero febrero marzo abril
    mayo junio julio agosto septiembre setiembre octubre noviembre diciembre janv févr fév
    avr mai juin juil août aout déc janvier février fevrier mars avril juillet septembre
    octobre novembre décembre decembre gen genn febbr magg giu lug ott gennaio febbraio
    aprile maggio giugno luglio settembre ottobre dicembre jan fev out dez janeiro
    fevereiro março marco maio junho julho setembro outubro novembro dezembro"""
_LOWER_MONTHS = frozenset(_LOWER_MONTH_WORDS.split())

_CREDIT_SPLIT = re.compile(r"\s*(?:/|,|;|&|\+|\band\b)\s*")
_URL_LINE = re.compile(
    r"^(?:(?i:url|link|source(?:\s+(?:url|link))?|original(?:\s+(?:url|link|article))?"
    r"|(?:originally\s+)?published\s+(?:at|on|in)|read\s+(?:more|the\s+original)\s+(?:at|on))"
    r"\s*[:\-–—]?\s*)?<?(?P<url>https?://[^\s<>\"']+)>?\s*$"
)


def _looks_like_names(text: str) -> bool:
    """Person names as bylines write them: capitalised words, ``and``, commas."""
    words = text.replace(",", " ").split()
    return (
        0 < len(words) <= 10
        and any(w[:1].isupper() for w in words)
        and all(w[:1].isupper() or w.lower() in _NAME_CONNECTORS for w in words)
    )


def _looks_like_place(text: str) -> bool:
    """The place and date of a dateline: ``WASHINGTON, April 9``, ``NEW DELHI [India]``."""
    words = _PLACE_TOKEN.findall(text)
    if len(words) > 12 or any(c in text for c in '!?;"“”'):
        return False
    return all(
        w[:1].isupper()
        or w[:1].isdigit()
        or w[:1] in "[("
        or w.lower() in _PLACE_CONNECTORS
        or w.lower().rstrip(".") in _LOWER_MONTHS
        for w in words
    )


# --- scanning a whole text for names ---------------------------------------------------

# A text is scanned for names as bytes: case-folded, NFKC, each character that is not a
# letter, digit or mark of a word a space (so every word follows a space), its lines
# joined by b"\x00 ". A name is then its words' bytes with spaces between, after a space
# and before a space or the end of its line.
_GAP, _INNER = "\x01", "\x02"  # trie units: the space between two words, a mark in a word
_UNIT_BYTES = {_GAP: b" +", _INNER: b" "}
_WORD_CHAR = re.compile(r"\w")
_CJK_START = re.compile(f"[{CJK}]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_MEMO_LINES = 4096
_SPACE_OUT = bytes(
    i if i >= 0x80 or i == 0 or chr(i).isalnum() else 0x20 for i in range(256)
)  # ASCII marks and spaces (and "_", a word character for re) to a space; \x00 kept


def _units(key: str) -> list[str]:
    """A folded name as scan units: its characters, a mark inside a word (``U.S``) and
    the space between words as :data:`_INNER` and :data:`_GAP`."""
    units: list[str] = []
    for n, word in enumerate(key.split(" ")):
        if n:
            units.append(_GAP)
        units.extend(c if _WORD_CHAR.match(c) else _INNER for c in word)
    return units


def _trie_pattern(keys: Collection[str], end: bytes) -> bytes | None:
    """One byte pattern for all ``keys`` (folded names), their common beginnings shared
    (a trie), each name followed by ``end``. A name that ends where another goes on
    with a further word is enough (``end`` must hold before a space)."""
    root: dict[str, Any] = {}
    for key in keys:
        node = root
        for unit in _units(key):
            node = node.setdefault(unit, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> bytes:
        parts = []
        for unit, child in sorted(node.items()):
            if unit == "":
                parts.append(end)
            elif not ("" in node and (unit == _GAP or not end)):
                written = _UNIT_BYTES.get(unit) or re.escape(unit.encode("utf-8"))
                parts.append(written + emit(child))
        return parts[0] if len(parts) == 1 else b"(?:" + b"|".join(parts) + b")"

    return emit(root) if root else None


@dataclass(frozen=True, slots=True)
class _Scan:
    """Names compiled for :meth:`NameMatcher.naming_lines`: names in scripts written
    with spaces start a word (``spaced``); Chinese and Japanese ones (``unspaced``,
    with 共同 and 時事 of datelines) may start anywhere."""

    spaced: re.Pattern[bytes] | None
    unspaced: re.Pattern[bytes] | None

    @classmethod
    def build(cls, keys: Collection[str]) -> _Scan:
        # "the japan times" is found as "japan times": fewer tries at each "the".
        present = set(keys)
        keys = [k for k in present if not (k.startswith("the ") and k[4:] in present)]
        spaced = _trie_pattern([k for k in keys if not _CJK_START.match(k)], rb"(?=[ \x00])")
        unspaced = _trie_pattern([k for k in keys if _CJK_START.match(k)], b"")
        return cls(
            re.compile(b" " + spaced) if spaced else None,
            re.compile(unspaced) if unspaced else None,
        )


def _scan_bytes(texts: Sequence[str]) -> bytes:
    """The lines as one text to scan (see above)."""
    joined = "\x00 ".join(texts)
    if joined.count("\x00") != len(texts) - 1:  # a line holds one: a mark like any other
        joined = "\x00 ".join(text.replace("\x00", " ") for text in texts)
    if joined.isascii():
        folded = joined.lower()
    else:
        # As clean_line() reads them: NFKC, soft hyphens dropped; then case-folded.
        folded = unicodedata.normalize("NFKC", joined).replace("\u00ad", "").casefold()
        for char in set(_NON_ASCII.findall(folded)):
            if not char.isalnum():
                folded = folded.replace(char, " ")
    return (" " + folded + " ").encode("utf-8").translate(_SPACE_OUT)


class NameMatcher:
    """The registry's names compiled for matching (built once per registry).

    A low-level helper of :class:`OutletRegistry` and :mod:`natojp.metadata.wires`:
    looks names up with the case and word rules of the module docstring, and finds the
    outlet forms of one line. Texts passed to it should be :func:`clean_line` ed.
    """

    def __init__(self, outlets: Sequence[Outlet]) -> None:
        # folded words -> (the exact words for an ALL CAPS alias, else None; entry)
        self.keys: dict[str, tuple[str | None, Outlet]] = {}
        self.hosts: dict[str, Outlet] = {}
        self.exact_forms: set[str] = set()
        self.first_words: set[str] = set()
        self.wire_first_words: set[str] = set()
        variants: list[tuple[str, str | None, Outlet]] = []
        for entry in outlets:
            for alias in entry.names:
                tokens = _TOKEN.findall(clean_line(alias))
                exact = " ".join(tokens)
                sensitive = exact if _case_sensitive(alias) else None
                self._add(_key(tokens), sensitive, entry)
                self.exact_forms.add(exact)
                # "The Japan Times" <-> "Japan Times" (when two or more words remain).
                if tokens[0].casefold() == "the" and len(tokens) >= 3:
                    rest = tokens[1:]
                    variants.append((_key(rest), " ".join(rest) if sensitive else None, entry))
                elif tokens[0].casefold() != "the" and len(tokens) >= 2:
                    variants.append((_key(["the", *tokens]), None, entry))
            for domain in entry.domains:
                self.hosts.setdefault(domain, entry)
        for key, sensitive, entry in variants:
            if key not in self.keys:  # explicit names and aliases win
                self._add(key, sensitive, entry)
        self._memo: tuple[dict[str, bool], dict[str, bool]] = ({}, {})  # naming_lines()
        self._plain_wire_anchors = all(
            _PLAIN_WORD.fullmatch(word) for word in self.wire_first_words if "'" not in word
        )

    def _add(self, key: str, sensitive: str | None, entry: Outlet) -> None:
        if key in self.keys:
            return
        self.keys[key] = (sensitive, entry)
        words = key.split(" ")
        anchor = words[1] if words[0] == "the" and len(words) > 1 else words[0]
        possessive = anchor + "'s"  # "AP's report" starts at "AP's"
        self.first_words.update((anchor, possessive))
        if entry.is_wire:
            self.wire_first_words.update((anchor, possessive))

    # --- look-ups ------------------------------------------------------------------

    def lookup_tokens(self, tokens: Sequence[str]) -> Outlet | None:
        """The outlet these words name exactly (a final possessive ``'s`` may follow)."""
        if not tokens:
            return None
        tries = [tokens]
        last = tokens[-1]
        if len(last) > 2 and last[-2:].lower() == "'s":  # a possessive: "AP's"
            tries.append([*tokens[:-1], last[:-2]])
        for words in tries:
            hit = self.keys.get(_key(words))
            if hit is not None and (hit[0] is None or hit[0] == " ".join(words)):
                return hit[1]
        return None

    def lookup(self, text: str) -> Outlet | None:
        """The outlet a whole (cleaned) text names, or None. The text must start and end
        with a word of the name (a final full stop aside): ``(Reuters`` names no one."""
        text = text.strip().removesuffix(".")
        tokens = list(_TOKEN.finditer(text))
        if not tokens or len(tokens) > _MAX_ALIAS_TOKENS:
            return None
        if tokens[0].start() != 0 or tokens[-1].end() != len(text):
            return None
        return self.lookup_tokens([t.group() for t in tokens])

    def lookup_prefix(self, text: str) -> Outlet | None:
        """The outlet named by the longest run of words that starts ``text``."""
        tokens = _TOKEN.findall(text[:300])[:_MAX_ALIAS_TOKENS]
        for n in range(len(tokens), 0, -1):
            entry = self.lookup_tokens(tokens[:n])
            if entry is not None:
                return entry
        return None

    def resolve_credits(self, text: str) -> list[Outlet]:
        """The outlets a credit names: one name, or a list (``AP/Reuters``, ``AFP and
        Reuters``) every item of which names an outlet. Empty when any does not."""
        text = text.strip(" .")
        if not text:
            return []
        text = _SHORT_FORMS.get(text, text)
        whole = self.lookup(text)
        if whole is not None:
            return [whole]
        parts = [p for p in _CREDIT_SPLIT.split(text) if p]
        if len(parts) < 2:
            return []
        found: list[Outlet] = []
        for part in parts:
            entry = self.lookup(_SHORT_FORMS.get(part, part))
            if entry is None:
                return []
            found.append(entry)
        return found

    def by_domain(self, url: str) -> Outlet | None:
        parts = _host_and_domain(url)
        if parts is None:
            return None
        host, domain = parts
        labels = host.split(".")
        for i in range(len(labels)):
            candidate = ".".join(labels[i:])
            entry = self.hosts.get(candidate)
            if entry is not None:
                return entry
            if candidate == domain:
                break
        return None

    def occurrences(
        self, text: str, *, wires_only: bool = False
    ) -> Iterator[tuple[int, int, Outlet]]:
        """Start, end and outlet of each name in running text, left to right.

        Matches whole words only: a name joined to another word by a hyphen
        (``AP-style``, ``non-AP``) or a slash (``Reuters/Ipsos``) is not a match.
        """
        anchors = self.wire_first_words if wires_only else self.first_words
        tokens = list(_TOKEN.finditer(text))
        words = [t.group() for t in tokens]
        folded = [w.casefold() for w in words]
        count = len(tokens)
        i = 0
        while i < count:
            # A name starts at its first word other than "the" (its anchor), or at a
            # "the" just before that word.
            word = folded[i + 1] if folded[i] == "the" and i + 1 < count else folded[i]
            if word not in anchors:
                i += 1
                continue
            reach = 1  # the words that follow joined only by spaces or hyphens
            while reach < _MAX_ALIAS_TOKENS and i + reach < count:
                gap = text[tokens[i + reach - 1].end() : tokens[i + reach].start()]
                if not gap or gap.strip(" \t\n-"):
                    break
                reach += 1
            matched = 0
            for n in range(reach, 0, -1):
                entry = self.lookup_tokens(words[i : i + n])
                if entry is None or (wires_only and not entry.is_wire):
                    continue
                start, end = tokens[i].start(), tokens[i + n - 1].end()
                if not _joined(text, start, end):
                    yield start, end, entry
                    matched = n
                break
            i += matched or 1

    def may_name_wire(self, text: str) -> bool:
        """Cheap test: False when no word of ``text`` can start a wire agency's name."""
        folded = text.casefold()
        if self._plain_wire_anchors:  # every anchor is letters and digits only
            return not self.wire_first_words.isdisjoint(_PLAIN_WORD.findall(folded))
        words = set(_TOKEN.findall(folded.replace("/", " ")))
        return not self.wire_first_words.isdisjoint(words)

    @functools.cached_property
    def _scans(self) -> tuple[_Scan, _Scan]:
        extra = [*_SHORT_FORMS, "reporting by"]
        wires = [k for k, (_, e) in self.keys.items() if e.is_wire]
        names = {*self.keys, *self.hosts, *extra, "http", "https"}  # "RTVE.es / EFE"
        return _Scan.build(names), _Scan.build({*wires, *extra})

    def naming_lines(self, texts: Sequence[str], *, wires_only: bool = False) -> set[int]:
        """The positions of the ``texts`` (raw lines) that may name an outlet (a wire
        agency), found by one scan of them all, so that the many lines that name none
        cost next to nothing. A name counts where it starts a word and ends one (a name
        in Chinese or Japanese, anywhere). A line none of whose words begins a name
        of the registry (or ``http``, ``Reporting by``, 共同, 時事) has no
        :meth:`mentions` or :meth:`occurrences` of one, nor credits.

        The answers for the last few thousand lines are kept: an article's header and
        footer lines, read for its outlet, are read again among its lines for wires."""
        memo = self._memo[1 if wires_only else 0]
        names = self._memo[0]
        if len(memo) > _MEMO_LINES:
            memo.clear()
        todo = []
        for text in dict.fromkeys(texts):
            if text in memo:
                continue
            if wires_only and names.get(text) is False:
                memo[text] = False  # every agency's name is an outlet's name
            else:
                todo.append(text)
        if todo:
            found = self._scan_lines(todo, self._scans[1 if wires_only else 0])
            for position, text in enumerate(todo):
                memo[text] = position in found
        return {position for position, text in enumerate(texts) if memo[text]}

    def _scan_lines(self, texts: Sequence[str], scan: _Scan) -> set[int]:
        data = _scan_bytes(texts)
        found: set[int] = set()
        unspaced = scan.unspaced if any(map(has_cjk, texts)) else None
        for pattern in (scan.spaced, unspaced):
            position = 0
            while pattern is not None and (hit := pattern.search(data, position)) is not None:
                found.add(data.count(b"\x00", 0, hit.start()))
                position = data.find(b"\x00", hit.start())  # on to the next line
                if position < 0:
                    break
        return found

    # --- line forms ----------------------------------------------------------------

    def mentions(self, line: str) -> list[tuple[int, OutletMention]]:
        """Every outlet form of one cleaned line, with its offset in the line."""
        found: list[tuple[int, OutletMention]] = []
        if not line:
            return found
        masthead = self._masthead(line)
        if masthead is not None:
            found.append((0, masthead))
        for form in (self._copyright, self._byline, self._source):
            mention = form(line)
            if mention is not None:
                found.append(mention)
        rest, offset = line, 0
        credit = _AGGREGATOR_CREDIT.match(line)
        if credit is not None:
            aggregator = self.lookup(credit["agg"])
            if aggregator is not None and aggregator.type == "aggregator":
                src = credit["src"]
                credited = self.lookup(src)
                both = _NAME_AND_SHORT.match(src)
                if credited is None and both is not None:
                    credited = self.lookup(both["name"]) or self.lookup(both["short"])
                found.append((0, OutletMention(aggregator, "credit", credit.group(0), credited)))
                offset = credit.end()
                rest = line[offset:].lstrip()
                offset = len(line) - len(rest)
        for entry, start, snippet in self.datelines(rest):
            found.append((offset + start, OutletMention(entry, "dateline", snippet)))
        return found

    def best(self, line: str, forms: Collection[str] | None = None) -> OutletMention | None:
        """The strongest outlet form of one cleaned line (see :data:`FORMS`), among
        ``forms`` if given."""
        found = self.mentions(line)
        if forms is not None:
            found = [item for item in found if item[1].form in forms]
        if not found:
            return None
        return min(found, key=lambda item: (_RANK[item[1].form], item[0]))[1]

    def masthead_name(self, text: str) -> Outlet | None:
        """The outlet a masthead's text names: a name or alias, one followed by a word
        for its website ("Spiegel Online", "読売新聞オンライン") or its bare domain
        ("RTVE.es"); governments' names are topic tags, not mastheads."""
        entry = self.lookup(text)
        if entry is None:
            bare = _SITE_SUFFIX.sub("", text)
            if bare and bare != text:
                entry = self.lookup(bare)
        if entry is None and _BARE_DOMAIN.match(text):
            entry = self.by_domain(text.lower())
        if entry is None or entry.type in _NOT_MASTHEADS:
            return None
        return entry

    def publisher_with(self, line: str) -> tuple[Outlet | None, list[Outlet]] | None:
        """An outlet's (or a writer's) copy of agencies' stories: ``Le Monde avec AFP``,
        ``Par Le Figaro avec AFP``, ``RTVE.es / EFE``, ``By Jane Doe with AFP``: the
        outlet (None for a writer) and the agencies, or None when the line is not so."""
        m = _PUBLISHER_WITH.match(line) if len(line) <= 130 else None
        if m is None:
            return None
        agencies = self.resolve_credits(m["credit"])
        if not agencies or not all(a.is_wire for a in agencies):
            return None
        publisher = self.masthead_name(m["publisher"])
        if publisher is not None:
            return (None, agencies) if publisher.is_wire else (publisher, agencies)
        if _looks_like_names(m["publisher"]):
            return None, agencies
        return None

    def _masthead(self, line: str) -> OutletMention | None:
        core = line.strip(_DECORATION)
        if core and len(core) <= 120:
            entry = self.masthead_name(core)
            if entry is not None:
                return OutletMention(entry, "masthead", core)
            joint = self.publisher_with(core)
            if joint is not None and joint[0] is not None:
                return OutletMention(joint[0], "masthead", core)
        words = len(line.split())
        if words > _MAX_MASTHEAD_WORDS:
            return None
        segments = [s.strip(_DECORATION) for s in _SEGMENT_SPLIT.split(line)]
        segments = [s for s in segments if s]
        if len(segments) < 2:
            return None
        # A title's first or last part ("... | The Japan Times"); in a short line, any part
        # ("Jane Doe | Kyodo News | April 9, 2025").
        candidates = segments if words <= 12 else [segments[0], segments[-1]]
        for segment in candidates:
            entry = self.masthead_name(segment)
            if entry is not None:
                # "Jane Doe | Kyodo News" is a byline, "Japan eyes ... | Kyodo News" not.
                byline = _BY.match(line) or self._byline(line) is not None
                return OutletMention(entry, "byline" if byline else "masthead", line)
        return None

    def _copyright(self, line: str) -> tuple[int, OutletMention] | None:
        m = _COPYRIGHT.search(line) if _copyright_cue(line) else None
        if m is None or len(line.split()) > 60 or _PHOTO_CUE.search(line):
            return None
        rest = m["rest"]
        for _ in range(3):
            lead = _COPYRIGHT_LEAD.match(rest)
            if lead is None or not lead.group():
                break
            rest = rest[lead.end() :]
        entry = self.lookup_prefix(rest)
        if entry is None:
            return None
        return m.start(), OutletMention(entry, "copyright", line[m.start() :].strip())

    def _byline(self, line: str) -> tuple[int, OutletMention] | None:
        if len(line.split()) > 16:
            return None
        found = self._byline_of(line)
        if found is None and "|" in line:  # "Anadolu staff | 09.04.2025 - Update : ..."
            head = line.split("|", 1)[0].strip(_DECORATION)
            found = self._byline_of(head) if head else None
        return (0, OutletMention(found, "byline", line)) if found is not None else None

    def _byline_of(self, line: str) -> Outlet | None:
        by = _BY.match(line)
        if by is not None:
            rest = _ROLE.sub("", by["rest"]).strip(" .,")
            entry = self.lookup(rest)  # "By Reuters", "By Kyodo News Staff"
            return entry if entry is not None else self._names_then_outlet(rest)
        staff = _STAFF.match(line)  # "Anadolu staff", "Reuters Staff"
        if staff is not None:
            entry = self.lookup(staff["who"])
            if entry is not None:
                return entry
        named = _NAMED.match(line)  # "Jane Doe, Kyodo News"
        if named is not None and len(line.split()) <= 10:
            entry = self.lookup(_ROLE.sub("", named["outlet"]))
            if entry is not None and _looks_like_names(named["names"]):
                return entry
        return None

    def _names_then_outlet(self, rest: str) -> Outlet | None:
        """The outlet of a byline's text after "By": names, a separator, the outlet, and
        perhaps a short tail (``Jane Doe, Kyodo News, Tokyo``); or names and the outlet
        with no separator (``MARI YAMAGUCHI Associated Press``)."""
        parts = [p for p in _BYLINE_SPLIT.split(rest) if p]
        for i in range(1, len(parts)):
            entry = self.lookup(parts[i])
            if (
                entry is not None
                and _looks_like_names(" ".join(parts[:i]))
                and all(len(p.split()) <= 4 for p in parts[i + 1 :])
            ):
                return entry
        words = rest.split()
        for n in range(min(6, len(words) - 2), 0, -1):
            entry = self.lookup(" ".join(words[-n:]))
            if entry is not None and _looks_like_names(" ".join(words[:-n])):
                return entry
        return None

    def _source(self, line: str) -> tuple[int, OutletMention] | None:
        m = _SOURCE.match(line)
        if m is None or len(line.split()) > 30:
            return None
        entry = self.lookup_prefix(m["rest"])
        if entry is None:
            return None
        return 0, OutletMention(entry, "source", line)

    def datelines(self, line: str) -> list[tuple[Outlet, int, str]]:
        """The outlets a dateline at the start of ``line`` credits, with the dateline."""
        m = _DATELINE.match(line) if _opens_early(line, "(") else None
        if m is not None and (m["dash"] or m["place"].strip()) and _looks_like_place(m["place"]):
            entries = self.resolve_credits(m["credit"])
            if entries:
                return [(e, 0, m.group(0).strip()) for e in entries]
        m = _SLASH_DATELINE.match(line) if _opens_early(line, "/") else None
        if m is not None and _looks_like_place(m["place"]):
            entries = self.resolve_credits(m["credit"])
            if entries:
                return [(e, 0, m.group(0).strip()) for e in entries]
        m = _JA_DATELINE.match(line)
        if m is not None:
            entry = self.lookup(_SHORT_FORMS[m["credit"]])
            if entry is not None:
                return [(entry, 0, m.group(0))]
        return []


def _opens_early(line: str, mark: str) -> bool:
    """Whether the first ``mark`` of ``line`` is where a dateline's can be: after at
    most 100 characters and spaces (a cheap test before :data:`_DATELINE`)."""
    at = line.find(mark)
    return at >= 0 and (at <= _MAX_PLACE_CHARS or not line[_MAX_PLACE_CHARS:at].strip())


def _copyright_cue(line: str) -> bool:
    """Whether ``line`` has ``©``, ``(c)`` or ``copyright`` in any case (a cheap test
    before :data:`_COPYRIGHT`; re's IGNORECASE also takes İ and ı for i)."""
    if "©" in line:
        return True
    folded = line.lower() if line.isascii() else line.replace("İ", "i").replace("ı", "i").lower()
    return "copyright" in folded or "(c)" in folded


def _joined(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is part of a longer hyphenated or slashed word."""
    after = text[end : end + 2]
    before = text[max(0, start - 2) : start]
    return (
        (len(after) == 2 and after[0] in "-/" and after[1].isalnum())
        or (len(before) == 2 and before[1] in "-/" and before[0].isalnum())
        or (end < len(text) and (text[end].isalnum() or text[end] == "_"))
        or (start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"))
    )


# --- validation ------------------------------------------------------------------------


def _where(index: int, name: object = None) -> str:
    """How an error message names an entry: its 1-based position and, if known, name."""
    return f"outlet #{index} ({name!r})" if isinstance(name, str) else f"outlet #{index}"


_QUALIFIED = re.compile(r"(?P<bare>[^()]+?)\s+\([^()]+\)")


def _alias_problem(alias: str, *, name: bool = False) -> str | None:
    """What is wrong with a name or alias, or None. A name (not an alias) may end with a
    qualifier in brackets that tells outlets apart: ``ABC (Australia)``."""
    if not alias.strip():
        return "is empty"
    if alias != alias.strip():
        return "starts or ends with a space"
    qualified = _QUALIFIED.fullmatch(alias) if name else None
    bare = qualified["bare"] if qualified else alias
    if any(c in bare for c in "()[]|\n\t"):
        hint = " (a name may end with one qualifier in brackets)" if name else ""
        return f"has brackets or a '|': write the name alone, as in 'Kuwait News Agency'{hint}"
    tokens = _TOKEN.findall(clean_line(alias))
    if not tokens:
        return "has no letters or digits"
    if len(tokens) > _MAX_ALIAS_TOKENS:
        return f"has more than {_MAX_ALIAS_TOKENS} words"
    if len(tokens) == 1 and tokens[0].casefold() in _GENERIC:
        return "is a single common word, which names no one outlet; write the full name"
    if len(alias) < 2:
        return "is too short: write at least two letters"
    return None


def _domain_problem(domain: str) -> str | None:
    if domain != domain.strip().lower():
        return "must be written in lower case without spaces"
    if any(c in domain for c in "/:@?#"):
        return "must be a domain alone, without 'https://', a path or a port"
    registrable = registrable_domain(domain)
    if registrable is None:
        return "is not a registrable domain (check the spelling and the ending)"
    if domain != registrable and domain.startswith("www."):
        return f"is a web server's name: write {registrable!r}"
    return None


def _check_outlets(outlets: Sequence[Outlet]) -> NameMatcher:
    """Raise :class:`OutletRegistryError` if ``outlets`` is not a valid registry, else
    the compiled matcher."""
    if not outlets:
        raise OutletRegistryError("the registry has no outlets: add at least one [[outlet]] table")
    names: dict[str, tuple[int, str]] = {}  # folded words -> (entry, written as)
    domains: dict[str, int] = {}
    for index, entry in enumerate(outlets, start=1):
        where = _where(index, entry.name)

        def fail(message: str, index: int = index, where: str = where) -> OutletRegistryError:
            return OutletRegistryError(f"{where}: {message}", entry=index)

        if not isinstance(entry.name, str) or not entry.name.strip():
            raise fail("key 'name' must be a non-empty string")
        if entry.type not in OUTLET_TYPES:
            close = difflib.get_close_matches(str(entry.type), OUTLET_TYPES, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise fail(f"type {entry.type!r} is not one of: {', '.join(OUTLET_TYPES)}{hint}")
        if entry.country and entry.country not in _COUNTRIES:
            hint = _COUNTRY_HINTS.get(entry.country.upper(), "")
            extra = f" (for this one use {hint!r})" if hint else ""
            raise fail(
                f"country {entry.country!r} is not an ISO 3166-1 alpha-2 code such as "
                f"'JP' or 'GB'{extra}; leave it out for international bodies"
            )
        if not isinstance(entry.state_affiliated, bool):
            raise fail("key 'state_affiliated' must be true or false")
        for label, alias in (("name", entry.name), *(("alias", a) for a in entry.aliases)):
            if not isinstance(alias, str):
                raise fail(f"{label} {alias!r} is not a string")
            problem = _alias_problem(alias, name=label == "name")
            if problem:
                raise fail(f"{label} {alias!r} {problem}")
            key = _key(_TOKEN.findall(clean_line(alias)))
            if key in names:
                other, written = names[key]
                if other == index:
                    raise fail(f"{label} {alias!r} repeats {written!r} of the same outlet")
                raise fail(
                    f"{label} {alias!r} is already used by "
                    f"{_where(other, outlets[other - 1].name)} (as {written!r}); "
                    "a name or alias may name one outlet only"
                )
            names[key] = (index, alias)
        for domain in entry.domains:
            if not isinstance(domain, str):
                raise fail(f"domain {domain!r} is not a string")
            problem = _domain_problem(domain)
            if problem:
                raise fail(f"domain {domain!r} {problem}")
            if domain in domains:
                other = domains[domain]
                raise fail(
                    f"domain {domain!r} is already listed for "
                    f"{_where(other, outlets[other - 1].name)}"
                )
            domains[domain] = index
    return NameMatcher(outlets)


def _string_list(raw: dict[str, Any], key: str, where: str, index: int) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise OutletRegistryError(
            f'{where}: key {key!r} must be a list of strings, like {key} = ["..."]', entry=index
        )
    return tuple(value)


def _outlet_from_table(index: int, raw: object) -> Outlet:
    """Build one :class:`Outlet` from a parsed ``[[outlet]]`` table."""
    if not isinstance(raw, dict):
        raise OutletRegistryError(f"{_where(index)}: expected a table of keys", entry=index)
    name = raw.get("name")
    where = _where(index, name)
    unknown = [k for k in raw if k not in OUTLET_KEYS]
    if unknown:
        key = unknown[0]
        close = difflib.get_close_matches(key, OUTLET_KEYS, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise OutletRegistryError(
            f"{where}: unknown key {key!r} (allowed: {', '.join(OUTLET_KEYS)}){hint}", entry=index
        )
    for key in ("name", "type"):
        if key not in raw:
            raise OutletRegistryError(f"{where}: missing key {key!r}", entry=index)
        if not isinstance(raw[key], str):
            raise OutletRegistryError(f"{where}: key {key!r} must be a string", entry=index)
    country = raw.get("country", "")
    if not isinstance(country, str):
        raise OutletRegistryError(f"{where}: key 'country' must be a string", entry=index)
    state = raw.get("state_affiliated", False)
    if not isinstance(state, bool):
        raise OutletRegistryError(
            f"{where}: key 'state_affiliated' must be true or false (no quotes)", entry=index
        )
    return Outlet(
        name=raw["name"],
        type=raw["type"],
        aliases=_string_list(raw, "aliases", where, index),
        domains=_string_list(raw, "domains", where, index),
        country=country,
        state_affiliated=state,
    )


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TABLE_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*outlet[ \t]*\]\]", re.MULTILINE)


# --- the registry ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OutletRegistry:
    """An ordered list of outlets, validated on construction.

    Raises :class:`OutletRegistryError` when there are no outlets, or an entry has an
    empty name, an unknown type, a country that is not an ISO 3166-1 alpha-2 code, an
    alias that is a single common word or that another entry (or the same) already
    uses, or a domain that is not registrable or is listed twice.
    """

    outlets: tuple[Outlet, ...]
    _matcher: NameMatcher = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "outlets", tuple(self.outlets))
        object.__setattr__(self, "_matcher", _check_outlets(self.outlets))

    @classmethod
    def default(cls) -> OutletRegistry:
        """The registry shipped with natojp (``natojp/data/outlets.toml``)."""
        return _default_registry()

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> OutletRegistry:
        """Read a registry TOML file (UTF-8). Errors name the file and line."""
        where = os.fspath(path)
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise OutletRegistryError("the outlet file is not UTF-8 text", path=where) from None
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise OutletRegistryError(
                f"cannot read the outlet file: {reason}", path=where
            ) from None
        return cls.from_toml(text, source=where)

    @classmethod
    def from_toml(cls, text: str, *, source: str = "<string>") -> OutletRegistry:
        """Parse registry TOML: one ``[[outlet]]`` table per outlet.

        Every problem raises :class:`OutletRegistryError` with ``path=source``, a message
        naming the entry (position and name) and the key at fault, and the line of the
        entry's ``[[outlet]]`` header (or of a TOML syntax error).
        """
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            message = str(exc)
            position = _TOML_POSITION.search(message)
            line = None
            if position:
                line = int(position.group(1))
                message = f"{message[: position.start()]} (column {position.group(2)})"
            raise OutletRegistryError(
                f"not valid TOML: {message}", path=source, line=line
            ) from None
        try:
            unknown = [k for k in data if k != "outlet"]
            if unknown:
                raise OutletRegistryError(
                    f"unknown top-level key {unknown[0]!r}: an outlet file holds only "
                    "[[outlet]] tables"
                )
            tables = data.get("outlet")
            if tables is None:
                raise OutletRegistryError("no [[outlet]] tables: add at least one outlet")
            if not isinstance(tables, list):
                raise OutletRegistryError("'outlet' must be written as [[outlet]] tables")
            return cls(tuple(_outlet_from_table(i, raw) for i, raw in enumerate(tables, start=1)))
        except OutletRegistryError as exc:
            line = None
            if exc.entry is not None:
                starts = [text.count("\n", 0, m.start()) + 1 for m in _TABLE_HEADER.finditer(text)]
                if len(starts) == len(data.get("outlet", ())) and exc.entry <= len(starts):
                    line = starts[exc.entry - 1]
            raise OutletRegistryError(
                exc.message, path=source, line=line, entry=exc.entry
            ) from None

    def to_toml(self) -> str:
        """This registry as TOML that :meth:`from_toml` reads back to an equal registry.

        Starts with the format help of the shipped file, so an exported copy explains
        itself to whoever edits it.
        """
        tables: list[dict[str, Any]] = []
        for outlet in self.outlets:
            table: dict[str, Any] = {"name": outlet.name}
            if outlet.aliases:
                table["aliases"] = list(outlet.aliases)
            if outlet.domains:
                table["domains"] = list(outlet.domains)
            if outlet.country:
                table["country"] = outlet.country
            table["type"] = outlet.type
            if outlet.state_affiliated:
                table["state_affiliated"] = True
            tables.append(table)
        body: str = tomli_w.dumps({"outlet": tables})
        return _format_header() + "\n" + body

    # --- look-ups ------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.outlets)

    def __iter__(self) -> Iterator[Outlet]:
        return iter(self.outlets)

    @property
    def matcher(self) -> NameMatcher:
        """The compiled name tables (used by :mod:`natojp.metadata.wires`)."""
        return self._matcher

    def by_name(self, name: str) -> Outlet | None:
        """The outlet a name or alias denotes (``Kyodo``, ``KYODO NEWS``, ``The AP``
        does not: case and word rules as in the module docstring), or None."""
        return self._matcher.lookup(clean_line(name))

    def by_domain(self, url: str) -> Outlet | None:
        """The outlet whose domain a URL or host is on, or None.

        A host listed in the registry (``asia.nikkei.com``) wins over its registrable
        domain (``nikkei.com``). For an address outside the registry,
        :func:`registrable_domain` gives the domain to name it by.
        """
        return self._matcher.by_domain(url)

    def in_line(self, line: str) -> OutletMention | None:
        """The outlet a header or footer line names, by the strongest form in it
        (:data:`FORMS`), or None. A name inside an ordinary sentence is not a mention."""
        return self._matcher.best(clean_line(line))


def _read_default_text() -> str:
    return resources.files("natojp").joinpath(_DEFAULT_RESOURCE).read_text(encoding="utf-8")


@functools.cache
def _default_registry() -> OutletRegistry:
    return OutletRegistry.from_toml(_read_default_text(), source=f"natojp/{_DEFAULT_RESOURCE}")


@functools.cache
def _format_header() -> str:
    """The leading comment block of the shipped file (the format help)."""
    lines: list[str] = []
    for line in _read_default_text().splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return "\n".join(lines).strip() + "\n"


# --- choosing an article's outlet -----------------------------------------------------


def find_outlet(
    header_lines: Sequence[tuple[int | None, str]] = (),
    footer_lines: Sequence[tuple[int | None, str]] = (),
    url: str | None = None,
    registry: OutletRegistry | None = None,
) -> OutletFinding | None:
    """The outlet that published an article, by the rules of the module docstring.

    ``header_lines`` and ``footer_lines`` are ``(line number or None, text)`` pairs of
    the lines before and after the body; ``url`` the article's address when known;
    ``registry`` defaults to :meth:`OutletRegistry.default`. Returns None when neither
    the URL nor any line names an outlet of the registry and there is no URL.
    """
    registry = registry if registry is not None else OutletRegistry.default()
    matcher = registry.matcher
    unknown: OutletFinding | None = None
    if url and url.strip():
        address = url.strip()
        entry = matcher.by_domain(address)
        if entry is not None:
            return OutletFinding(entry.name, Evidence("registry", address), entry, "domain")
        domain = registrable_domain(address)
        if domain is not None:
            unknown = OutletFinding(domain, Evidence("url", address), None, "domain")

    publisher: tuple[tuple[int, int], OutletFinding] | None = None
    agency: tuple[tuple[int, int], OutletFinding] | None = None  # an agency's own page
    lines = [*header_lines, *footer_lines]
    for position in sorted(matcher.naming_lines([raw for _, raw in lines])):
        number, raw = lines[position]
        text = clean_line(raw)
        if not text:
            continue
        finding: OutletFinding | None = None
        link = _URL_LINE.match(text)
        if link is not None:
            entry = matcher.by_domain(link["url"])
            if entry is not None:
                finding = OutletFinding(
                    entry.name, Evidence("registry", link["url"], number), entry, "domain"
                )
        else:
            footer = position >= len(header_lines)
            mention = _publisher_mention(matcher, text, footer)
            if mention is not None:
                finding = OutletFinding(
                    mention.outlet.name,
                    Evidence("header", mention.text, number),
                    mention.outlet,
                    mention.form,
                    mention.credited,
                )
        if finding is None or finding.entry is None:
            continue
        rank = (_RANK[finding.form], position)
        if finding.entry.is_wire:
            if agency is None or rank < agency[0]:
                agency = (rank, finding)
        elif publisher is None or rank < publisher[0]:
            publisher = (rank, finding)
    if publisher is not None:
        return publisher[1]
    if unknown is not None:
        return unknown
    return agency[1] if agency is not None else None


def _publisher_mention(matcher: NameMatcher, line: str, footer: bool) -> OutletMention | None:
    """The strongest form of a (cleaned) line that names its publisher: any form of an
    outlet that is not a wire agency (only copyright, credit and source lines in the
    footer), an agency only as a masthead or an address (its own page)."""
    found = [
        (offset, mention)
        for offset, mention in matcher.mentions(line)
        if (not footer or mention.form in _FOOTER_FORMS)
        and (not mention.outlet.is_wire or mention.form in _AGENCY_PAGE_FORMS)
    ]
    if not found:
        return None
    return min(found, key=lambda item: (_RANK[item[1].form], item[0]))[1]
