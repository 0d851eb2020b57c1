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
    on a line are topic tags (``NATO``), unless the name heads the page above its
    navigation (:func:`find_outlet`: ``Bundeswehr`` over ``Startseite > Organisation >
    Heer``, a ministry's own site); a name inside a site's menu (four or more short
    parts without digits, ``Top News | World News | Defense News | Science``) is a
    section's: only the menu's first part may be a masthead;
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

A name several outlets share (``shared_aliases`` in the registry: ``CNA`` is Taiwan's
Central News Agency and Singapore's Channel NewsAsia) names the one whose ``cues``
(``Taipei``, ``Singapore``, its domains) the article's header and footer lines or URL
hold; with the cues of none or of several it names no outlet (:func:`find_outlet` goes
on to other lines, :meth:`OutletRegistry.by_name` and ``in_line`` give None): an
unresolved acronym is better than a wrong outlet.

A name inside an ordinary sentence is never a masthead: the whole line (or a segment
after a separator) must be the name. Names and aliases in ALL CAPITALS match only so
written, as whole words (``AP`` is not in ``cap``, ``Ap`` or ``AP-style``); single common
words (``Times``, ``News``) cannot be aliases.

:func:`find_outlet` chooses, in this order of strength:

1. the article's URL when its domain is in the registry (evidence basis ``registry``);
2. a header or footer line naming a registry outlet that is not a wire agency
   (basis ``header``; the strongest form above wins, then the earliest line; a line
   that is only a URL counts here when its domain is in the registry); but when such
   outlets are named only by mastheads and a wire agency's masthead comes on an
   earlier line, the first masthead is the page's own (``UPI`` heading the page, a
   section heading ``Defense News`` below it);
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

import dataclasses
import re
from collections.abc import Sequence

from natojp.metadata._names import _DECORATION, _is_menu
from natojp.metadata._names import SOURCE_WORDS as SOURCE_WORDS
from natojp.metadata._names import NameMatcher as NameMatcher
from natojp.metadata._names import clean_line as clean_line
from natojp.metadata._outlet_model import (
    _RANK,
    FORMS,
    OUTLET_KEYS,
    OUTLET_TYPES,
    Outlet,
    OutletFinding,
    OutletMention,
    registrable_domain,
)
from natojp.metadata._outlet_model import _extractor as _extractor
from natojp.metadata._registry import OutletRegistry, OutletRegistryError
from natojp.metadata._registry import _read_default_text as _read_default_text
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

# A bare name or a dateline near the end of a page is more often a related-story teaser's
# label than the page's own masthead: footer lines count only in these forms.
_FOOTER_FORMS = frozenset({"copyright", "credit", "source"})
# The forms that name an agency as the publisher of a page: its masthead (and address).
# Its dateline, byline, copyright or closing credit names it as the supplier of the
# text, whoever published this copy.
_AGENCY_PAGE_FORMS = frozenset({"masthead", "domain"})
_BREADCRUMB = re.compile(r"\s+[>»›]\s+")
_URL_LINE = re.compile(
    r"^(?:(?i:url|link|source(?:\s+(?:url|link))?|original(?:\s+(?:url|link|article))?"
    r"|(?:originally\s+)?published\s+(?:at|on|in)|read\s+(?:more|the\s+original)\s+(?:at|on))"
    r"\s*[:\-–—]?\s*)?<?(?P<url>https?://[^\s<>\"']+)>?\s*$"
)


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
    order = _line_order(lines)
    first_publisher: int | None = None  # the place of the first line naming a publisher
    publisher_mastheads_only = True
    site_header = _site_header(header_lines, order)
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
            if mention is None and position == site_header:
                # A ministry's own site: its name above a breadcrumb trail.
                entry = matcher.masthead_name(text.strip(_DECORATION), governments=True)
                if entry is not None:
                    mention = OutletMention(entry, "masthead", text.strip(_DECORATION))
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
        named = finding.entry
        group = matcher.shared(named, clean_line(finding.evidence.text))
        if group:  # "CNA": Taiwan's agency or Singapore's broadcaster, by the cues
            context = [url or "", *(line for _, line in lines)]
            chosen = matcher.by_cues(group, context)
            if chosen is None:
                continue  # no cue, or both outlets': better no outlet than a wrong one
            named = chosen
            finding = dataclasses.replace(finding, name=chosen.name, entry=chosen)
        rank = (_RANK[finding.form], position)
        if named.is_wire:
            if agency is None or rank < agency[0]:
                agency = (rank, finding)
            continue
        if publisher is None or rank < publisher[0]:
            publisher = (rank, finding)
        if first_publisher is None or order[position] < first_publisher:
            first_publisher = order[position]
        publisher_mastheads_only = publisher_mastheads_only and finding.form == "masthead"
    if (
        publisher is not None
        and agency is not None
        and agency[1].form == "masthead"
        and publisher_mastheads_only
        and first_publisher is not None
        and order[agency[0][1]] < first_publisher
    ):
        # "UPI" heads the page, a section's "Defense News" comes below: the first
        # masthead is the page's own.
        return agency[1]
    if publisher is not None:
        return publisher[1]
    if unknown is not None:
        return unknown
    return agency[1] if agency is not None else None


def _line_order(lines: Sequence[tuple[int | None, str]]) -> list[int]:
    """Each line's place in the text: its line number when every line has one, else
    its position in ``lines``."""
    if all(number is not None for number, _ in lines):
        return [number or 0 for number, _ in lines]
    return list(range(len(lines)))


def _site_header(header_lines: Sequence[tuple[int | None, str]], order: list[int]) -> int | None:
    """The position of a site's own header line: the first header line when the next is
    the site's navigation (a breadcrumb trail ``Startseite > Organisation > Heer`` or a
    menu of four or more sections), else None."""
    ranked = sorted((order[i], i) for i, (_, raw) in enumerate(header_lines) if clean_line(raw))
    ranked = [item for n, item in enumerate(ranked) if not n or item[0] != ranked[n - 1][0]]
    if len(ranked) < 2 or not _is_navigation(clean_line(header_lines[ranked[1][1]][1])):
        return None
    return ranked[0][1]


def _is_navigation(line: str) -> bool:
    """Whether a (cleaned) line is a site's navigation: a breadcrumb trail of short
    parts (``Home > Primo Piano > Comunicati``) or a menu (``News | Topics | Events |
    Multimedia``)."""
    crumbs = _BREADCRUMB.split(line)
    if len(crumbs) >= 2 and all(0 < len(c.split()) <= 5 for c in crumbs):
        return True
    items = [s.strip(_DECORATION) for s in line.split("|")]
    return all(items) and _is_menu(items)


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
