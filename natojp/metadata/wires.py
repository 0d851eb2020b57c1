"""Wire agencies: which news agencies an article's text is credited to.

Five reprints of one AP story are one report: the outlet says who published each copy
(:mod:`natojp.metadata.outlets`), the wire says whose story it is. A Japan Today page
of an AP story has outlet Japan Today and wire AP.

API::

    credits = find_wires(lines, registry)        # tuple[WireCredit, ...]
    [c.name for c in credits]                    # ["Associated Press", "Kyodo News"]

``lines`` are ``(line number or None, text)`` pairs (or bare strings): header lines,
body paragraphs and footer lines, in text order. ``registry`` defaults to
:meth:`OutletRegistry.default`. Each :class:`WireCredit` names the agency as the
registry does, with :class:`~natojp.models.Evidence` (basis ``text`` unless
``basis=`` says otherwise, the words that credit it, their line) and the form of the
credit. Credits come in text order, one per agency (its first credit). Only outlets
whose registry ``type`` is ``wire`` are wires: "according to The Japan Times" credits
no wire.

Forms (keys of :data:`WIRE_FORMS`):

``dateline``
    ``TOKYO (AP) —``, ``WASHINGTON, April 9 (Reuters) -``, ``(KUNA) --``,
    ``Taipei, April 9 (CNA)``, ``MOSCOW, April 9. /TASS/.``, ``Madrid, 9 abr (EFE).-``,
    ``MADRID, 9 (EUROPA PRESS)`` on a line of its own, ``【ワシントン共同】``; a dateline
    may credit several agencies (``(AP/Reuters)``);
``byline``
    ``By Jane Doe, Kyodo News``, ``By MARI YAMAGUCHI Associated Press``, ``Anadolu staff``;
``credit``
    an aggregator's credit line: ``(MENAFN- Kuwait News Agency (KUNA))`` credits KUNA;
``copyright``
    ``(c) 2025 AFP``, ``Copyright 2025 The Associated Press. All rights reserved.``;
``source``
    ``Source: Xinhua``, and in other languages anywhere in a line: ``9. April 2025,
    14:32 Uhr Quelle: DPA``, ``Fuente: EFE``;
``trailing``
    a credit closing a paragraph or standing alone: ``-Agence France-Presse``,
    ``— Xinhua``, ``...on Tuesday.—Kyodo``, ``(AFP)`` after a full stop, after an
    editor's initials (``ab/rt (AFP, dpa, Reuters)``), a line that lists two or more
    agencies (``REUTERS, AFP``);
``with``
    ``With AFP``, ``(With inputs from PTI)``, ``- With AFP and Reuters``, an outlet's or a
    writer's copy: ``Le Monde avec AFP``, ``Par Le Figaro avec AFP``, ``RTVE.es / EFE``;
``reporting``
    Reuters' closing line ``(Reporting by ...; Editing by ...)`` (it needs both the
    reporting and an editing or writing credit), credited to the registry's Reuters;
``slash``
    ``/AFP/`` standing apart (not ``Getty Images/AFP/File``, a photo credit);
``attribution``
    prose that attributes the story's facts to an agency: "according to Kyodo News",
    "Kyodo News reported", "reported by Yonhap", "South Korea's Yonhap news agency
    said", "citing Xinhua", "was quoted as saying by the Interfax news agency", the verb
    first when the name ends the clause ("..., reported AP news agency."); an agency the
    registry writes in capitals may be written as a word before "news agency"
    ("according to Tass news agency");
``outlet``
    the article's outlet is itself a wire agency (an AP story on apnews.com): pass the
    :class:`~natojp.metadata.outlets.OutletFinding` as ``outlet=`` and, when no line
    credits that agency, it is listed first with the outlet's evidence.

What is not a credit, by decision:

* An agency as the interviewer: "told Reuters", "said in an interview with AP",
  "spoke to Kyodo News": the agency asked the questions but supplied nothing to the
  outlet that prints them. A name that is the object of a verb or preposition (told,
  to, with, for, from, at, in, of, on, via ...) is never an attribution.
* A name inside a quotation (``"Reuters reported it," he said`` or the
  ``"AP" report``): quoted words are someone else's.
* A name joined to another word: ``AP-style``, ``a Reuters/Ipsos poll``.
* A person's name that is an agency's: "Michael Bloomberg said" (a capitalised word
  right before the name, other than a possessive, "The", a weekday or a month, rules
  the attribution out).
* Photo credits: ``(AP Photo/Eugene Hoshiko)``, ``REUTERS/Issei Kato``, a line that is
  only ``AFP`` under a caption, ``© AFP Photo``: every part of a credit list must name
  an agency, and lines with photo words are not read as copyright or slash credits.
* A masthead: a line that is only an agency's name names the publisher, if anything
  (:func:`~natojp.metadata.outlets.find_outlet`), not the supplier of the text.

Body text is screened cheaply first: one scan of all the lines
(:meth:`~natojp.metadata.outlets.NameMatcher.naming_lines`) finds those where an
agency's name (or ``Reporting by``, 共同, 時事) begins a word; the others are skipped.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from natojp.metadata.outlets import (
    SOURCE_WORDS,
    NameMatcher,
    Outlet,
    OutletFinding,
    OutletRegistry,
    clean_line,
)
from natojp.models import Evidence

__all__ = ["WIRE_FORMS", "WireCredit", "find_wires"]

WIRE_FORMS: dict[str, str] = {
    "outlet": "the article's outlet is itself a wire agency",
    "dateline": "a dateline: 'TOKYO (AP) —'",
    "byline": "a byline: 'By Jane Doe, Kyodo News'",
    "credit": "an aggregator's credit line: '(MENAFN- Kuwait News Agency (KUNA))'",
    "copyright": "a copyright line: '(c) 2025 AFP'",
    "source": "a 'Source:' line",
    "trailing": "a closing credit: '— Xinhua', '-Agence France-Presse', '(AFP)'",
    "with": "'With AFP', '(With inputs from PTI)'",
    "reporting": "Reuters' '(Reporting by ...; Editing by ...)' line",
    "slash": "'/AFP/'",
    "attribution": "prose: 'according to Kyodo News', 'Kyodo News reported'",
}
"""How a wire agency was credited (:attr:`WireCredit.form`)."""


@dataclass(frozen=True, slots=True)
class WireCredit:
    """One wire agency an article's text is credited to.

    ``name`` is the agency's registry name; ``evidence`` where the credit was read (its
    basis, the words that credit the agency, their line); ``entry`` the registry entry;
    ``form`` a key of :data:`WIRE_FORMS`.
    """

    name: str
    evidence: Evidence
    entry: Outlet
    form: str


# --- credit forms ----------------------------------------------------------------------

_SENTENCE_END = r"[.!?\"')\]]"
# "— Xinhua", "-Agence France-Presse", and Kyodo's "==Kyodo".
_TRAIL_DASH = re.compile(r"(?:^|(?<=" + _SENTENCE_END + r"))\s*(?:[-–—]{1,2}|={1,2})\s*(?=\S)")
_TRAIL_PAREN = re.compile(r"(?:^|(?<=[.!?\"']))\s*\(\s*(?P<credit>[^()]{1,60}?)\s*\)\s*\.?\s*$")
_WITH = re.compile(
    r"(?:^|(?<=[.!?\"'])\s*|[(\[]\s*|[-–—]\s*)(?i:with)\s+"
    r"(?:(?i:(?:additional\s+)?(?:inputs?|reporting|information|agency\s+inputs?|wires?"
    r"|contributions?))\s+(?i:from|by)\s+)?(?P<credit>[^()\[\]]{1,80}?)\s*[)\]]?\s*\.?\s*$"
)
_REPORTING = re.compile(r"(?:^|(?<=[.!?\"]\s))\(?\s*(?i:reporting\s+by)\s+\S")
_EDITING = re.compile(r"(?i:\b(?:editing|writing|compiled)\s+by\b)")
_SLASH = re.compile(r"(?:^|(?<=[\s.,(]))/\s*(?P<credit>[^/\s][^/]{0,40}?)\s*/(?=$|[\s.,:;)\-–—])")
_PHOTO_CUE = re.compile(
    r"(?i:\b(?:photo(?:graph)?s?|images?|pictures?|pictured|getty|pool|caption|illustration"
    r"|file)\b)"
)
_MAX_CREDIT_CHARS = 60
_CREDIT_LIST = re.compile(r"^[^,/&;+]{2,40}(?:\s*[,/&;+]\s*|\s+(?i:and)\s+)\S")
# "Quelle: DPA" after a date in a header line, "Source: AFP" closing a paragraph.
_SOURCE_LABEL = re.compile(
    r"(?:^|(?<=[\s|•·,;]))(?i:" + SOURCE_WORDS + r")\s*:\s*"
    r"(?P<credit>[^|•·;:]{1,60}?)\s*(?=$|[|•·;])"
)
# Closing credits after an editor's initials, as Deutsche Welle writes them:
# "ab/rt (AFP, dpa, Reuters)".
_INITIALS_CREDIT = re.compile(
    r"^[a-z]{1,4}(?:\s*/\s*[a-z]{1,4})*\s*\(\s*(?P<credit>[^()]{1,80}?)\s*\)\s*\.?$"
)

# Prose attributions.
_QUOTED = re.compile(r"\"[^\"\n]{0,600}\"|«[^»\n]{0,600}»|(?<!\w)'[^'\n]{1,300}'(?!\w)")
_DESCRIPTOR = (
    r"(?:[A-Z][\w.-]*(?:'s)?|(?i:state(?:-(?:run|owned|controlled|backed|affiliated))?"
    r"|official|semi-official|government(?:-(?:run|owned))?|national|news|wire|agency|media"
    r"|service|public|broadcaster|outlet|newspaper|daily|private|international|its|their))"
)
_BEFORE_ATTRIBUTION = re.compile(
    r"(?i:\b(?:according\s+to|(?:as\s+)?reported\s+by|(?:quoted|cited)\s+(?:as\s+saying\s+)?by"
    r"|carried\s+by"
    r"|released\s+by|citing|(?:a\s+|an\s+)?(?:reports?|dispatch(?:es)?|stor(?:y|ies)|articles?)"
    r"\s+(?:by|from|in)))\s+(?:(?i:the|a|an)\s+)?(?:" + _DESCRIPTOR + r"\s+){0,4}$"
)
_BEFORE_OBJECT = re.compile(
    r"(?i:\b(?:told|tell|tells|telling|to|with|for|from|at|in|of|on|by|via|than|spoke"
    r"|speaking|interview|interviews|interviewed|contacted|asked|reached|contacting)"
    r"\s+(?:(?:the|a|an)\s+)?)$"
)
_AFTER_ATTRIBUTION = re.compile(
    r"(?:\s*\([^()]{1,12}\))?(?:\s+(?i:news\s+agency|news\s+service|agency|wire\s+service|news))?\s*,?\s+"
    r"(?i:(?:has|had|also|earlier|first|previously|later|separately|then|further)\s+)?"
    r"(?i:reported|reports|reporting|said|says|quoted|cited|citing|carried|wrote|added"
    r"|noted|announced|published)\b"
)
# The verb first: "..., reported AP news agency.", "..., said the official Xinhua news
# agency." (the name must end the clause, or "told"-like readings creep in).
_BEFORE_INVERTED = re.compile(
    r"(?i:\b(?:reported|said|says|reports|quoted|wrote|added|announced))\s+"
    r"(?:(?i:the|a|an)\s+)?(?:" + _DESCRIPTOR + r"\s+){0,4}$"
)
_AFTER_INVERTED = re.compile(
    r"(?:\s*\([^()]{1,12}\))?(?:\s+(?i:news\s+agency|news\s+service|agency|wire\s+service))?"
    r"\s*(?:[.;,]|$)"
)
# An agency written as a word where the registry has capitals: "according to Tass news
# agency", "the Ria news agency said"; only before "news agency" or "agency".
_TITLED_AGENCY = re.compile(
    r"\b(?P<name>[A-Z][a-z]{2,})(?=\s+(?i:news\s+agency|agency|news\s+service)\b)"
)
_PREVIOUS_WORD = re.compile(r"(\w[\w'-]*)\s+$")
_DAYS_AND_MONTHS = """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February
March April May June July August September October November December"""
_NOT_A_FIRST_NAME = frozenset({"The", "A", "An", *_DAYS_AND_MONTHS.split()})


def _mask_quotes(text: str) -> str:
    """``text`` with quoted passages blanked out (same length, so offsets hold)."""
    return _QUOTED.sub(lambda m: " " * len(m.group()), text)


def _attribution(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the attribution around a name at ``text[start:end]``, if it is one."""
    window = max(0, start - 120)
    before = text[window:start]
    m = _BEFORE_ATTRIBUTION.search(before)
    if m is not None:
        return window + m.start(), end
    m = _BEFORE_INVERTED.search(before)
    inverted = _AFTER_INVERTED.match(text, end) if m is not None else None
    if m is not None and inverted is not None:
        return window + m.start(), inverted.end()
    if _BEFORE_OBJECT.search(before):
        return None  # "told Reuters", "in an interview with AP"
    previous = _PREVIOUS_WORD.search(before)
    if previous is not None:
        word = previous.group(1)
        if (
            word[:1].isupper()
            and not word.isupper()
            and not word.endswith("'s")
            and word not in _NOT_A_FIRST_NAME
        ):
            return None  # "Michael Bloomberg said"
    after = _AFTER_ATTRIBUTION.match(text, end)
    return (start, after.end()) if after is not None else None


def _wires_of(entries: Iterable[Outlet]) -> list[Outlet]:
    return [e for e in entries if e.is_wire]


_REPORTING_BY = re.compile(r"reporting by", re.IGNORECASE)
_WIDE_OR_BRACKET = re.compile("[\uff01-\uff5e【]")  # full-width letters (NFKC) and 【共同】


def _may_credit(raw: str, matcher: NameMatcher) -> bool:
    """Whether a raw line can hold a credit :func:`_line_credits` would find (cheap)."""
    return (
        matcher.may_name_wire(raw)
        or _REPORTING_BY.search(raw) is not None
        or _WIDE_OR_BRACKET.search(raw) is not None
    )


@functools.lru_cache(maxsize=1024)  # header and footer lines are read twice
def _line_credits(
    matcher: NameMatcher, line: str, reuters: Outlet | None
) -> tuple[tuple[int, Outlet, str, str], ...]:
    """(offset, agency, form, words) of each wire credit in one cleaned line."""
    return tuple(_read_credits(matcher, line, reuters))


def _read_credits(
    matcher: NameMatcher, line: str, reuters: Outlet | None
) -> list[tuple[int, Outlet, str, str]]:
    found: list[tuple[int, Outlet, str, str]] = []
    folded = line.casefold()
    reporting = reuters is not None and "reporting by" in folded
    titled = _TITLED_AGENCY.search(line) is not None
    if not (reporting or titled or "【" in line):
        # Most lines name no agency: rule them out by their words, then by the names.
        if not matcher.may_name_wire(line):
            return found
        spaced = line.replace("/", " ")  # "(AP/Reuters)"
        if next(matcher.occurrences(spaced, wires_only=True), None) is None:
            return found

    for offset, mention in matcher.mentions(line):
        if mention.form == "credit":
            if mention.credited is not None and mention.credited.is_wire:
                found.append((offset, mention.credited, "credit", mention.text))
        elif mention.form != "masthead" and mention.outlet.is_wire:
            found.append((offset, mention.outlet, mention.form, mention.text))

    for dash in _TRAIL_DASH.finditer(line):
        credit = line[dash.end() :]
        if len(credit) > _MAX_CREDIT_CHARS:
            continue
        wires = _wires_of(matcher.resolve_credits(credit))
        if wires:
            words = line[dash.start() :].strip()
            found.extend((dash.start(), w, "trailing", words) for w in wires)
            break
    paren = _TRAIL_PAREN.search(line)
    if paren is not None:
        for w in _wires_of(matcher.resolve_credits(paren["credit"])):
            found.append((paren.start(), w, "trailing", paren.group(0).strip()))
    with_ = _WITH.search(line)
    if with_ is not None:
        for w in _wires_of(matcher.resolve_credits(with_["credit"])):
            found.append((with_.start(), w, "with", with_.group(0).strip()))
    joint = matcher.publisher_with(line)  # "Le Monde avec AFP", "RTVE.es / EFE"
    if joint is not None:
        found.extend((0, w, "with", line) for w in joint[1])
    for label in _SOURCE_LABEL.finditer(line):  # "9. April 2025, 14:32 Uhr Quelle: DPA"
        for w in _wires_of(matcher.resolve_credits(label["credit"])):
            found.append((label.start(), w, "source", line[label.start() : label.end()]))
    initials = _INITIALS_CREDIT.match(line)  # "ab/rt (AFP, dpa, Reuters)"
    if initials is not None:
        for w in _wires_of(matcher.resolve_credits(initials["credit"])):
            found.append((0, w, "trailing", line))
    if _CREDIT_LIST.search(line) and not _PHOTO_CUE.search(line):  # "REUTERS, AFP"
        agencies = matcher.resolve_credits(line)
        if len(agencies) > 1 and all(a.is_wire for a in agencies):
            found.extend((0, w, "trailing", line) for w in agencies)
    if reporting and reuters is not None:
        opening = _REPORTING.search(line)
        if opening is not None and _EDITING.search(line, opening.end()):
            found.append((opening.start(), reuters, "reporting", line[opening.start() :].strip()))
    if "/" in line and not _PHOTO_CUE.search(line):
        for slash in _SLASH.finditer(line):
            for w in _wires_of(matcher.resolve_credits(slash["credit"])):
                found.append((slash.start(), w, "slash", slash.group(0).strip()))

    masked = _mask_quotes(line)
    for start, end, entry in matcher.occurrences(masked, wires_only=True):
        words = line[start:end]
        if words[:4].casefold() == "the ":
            words = words[4:]
        if words[:1].islower() and " ".join(words.split()) not in matcher.exact_forms:
            continue  # "antara lain": a lower-case word, unless the alias is so written
        span = _attribution(masked, start, end)
        if span is not None:
            found.append((start, entry, "attribution", line[span[0] : span[1]].strip()))
    if titled:
        for name in _TITLED_AGENCY.finditer(masked):
            if matcher.lookup(name["name"]) is not None:
                continue  # read above: the name itself ignores case
            agency = matcher.lookup(name["name"].upper())  # "Tass" for "TASS"
            if agency is None or not agency.is_wire:
                continue
            span = _attribution(masked, name.start(), name.end())
            if span is not None:
                found.append((name.start(), agency, "attribution", line[span[0] : span[1]]))
    return found


def find_wires(
    lines: Iterable[tuple[int | None, str] | str],
    registry: OutletRegistry | None = None,
    *,
    basis: str = "text",
    outlet: OutletFinding | None = None,
) -> tuple[WireCredit, ...]:
    """The wire agencies ``lines`` credit, in text order, one credit per agency.

    ``lines`` are ``(line number or None, text)`` pairs or bare strings, in text
    order; ``basis`` is the :class:`~natojp.models.Evidence` basis of every credit
    found in them. ``outlet`` is the article's outlet: when it is a wire agency that no
    line credits, it comes first, with the outlet's own evidence.
    """
    registry = registry if registry is not None else OutletRegistry.default()
    matcher = registry.matcher
    reuters = matcher.lookup("Reuters")
    if reuters is not None and not reuters.is_wire:
        reuters = None
    items = [(None, item) if isinstance(item, str) else item for item in lines]
    raws = [raw for _, raw in items]
    hits: list[tuple[int, int, WireCredit]] = []
    for order in sorted(matcher.naming_lines(raws, wires_only=True)):
        number, raw = items[order]
        if not _may_credit(raw, matcher):
            continue  # most lines of a body name no agency: skip the full reading
        text = clean_line(raw)
        for offset, entry, form, words in _line_credits(matcher, text, reuters):
            credit = WireCredit(entry.name, Evidence(basis, words, number), entry, form)
            hits.append((order, offset, credit))
    hits.sort(key=lambda hit: (hit[0], hit[1]))
    credits: dict[str, WireCredit] = {}
    for _, _, credit in hits:
        credits.setdefault(credit.name, credit)
    own = outlet.entry if outlet is not None else None
    if outlet is not None and own is not None and own.is_wire and own.name not in credits:
        return (WireCredit(own.name, outlet.evidence, own, "outlet"), *credits.values())
    return tuple(credits.values())
