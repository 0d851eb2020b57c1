"""When an article was published and updated, each date with the evidence it rests on.

::

    from natojp.metadata.dates import find_dates

    result = find_dates(source, cleaned, manifest=entry.published if entry else None,
                        language=article_language, country=outlet_country)
    result.published, result.published_evidence   # PartialDate | None, Evidence | None
    result.updated, result.updated_evidence
    result.notes                                   # disagreements, ambiguities, rejections

:func:`find_dates` reads every statement of a date about the article, weighs them and
returns the dates it can stand behind. It never invents a date: what no basis states, or
what cannot be read without guessing, stays ``None`` with a note saying why.

Bases, strongest first
----------------------
1. ``manifest``: the corpus manifest (``manifest=``), a fact recorded by a person.
2. ``metadata`` from a column: a CSV/JSON column or key, Markdown front matter, the
   Reuters SGML ``<DATE>`` (``SourceText.published`` of any format but HTML).
3. ``header``: a date line above the article's text (see
   :func:`natojp._dates.read_date_line`): found by cleaning
   (:attr:`natojp.clean.HeaderFields.dates`: ``Published: 9 April 2025``, ``April 9,
   2025 / 11:47 AM``, ``Anadolu staff | 09.04.2025 - Update : 09.04.2025``, ``31
   ottobre 2025``, ``2025年4月9日``...), or a line cleaning took for the headline or
   a byline (``By Jane Doe on April 09, 2025 at 2:30 PM``, ``Defence industry |
   14.05.2025``) or left among the paragraphs that come before the first sentence of
   prose or the dateline (``KYODO NEWS - Apr 9, 2025 - 18:45 | World``, ``Politics Apr
   9, 2025``, ``par la rédaction · 9 avril 2025``).
4. ``url``: the article's address (``/2025/11/01/``, ``/2025-11-01/``, ``20250401``
   as a whole path segment or file-name part, ``/2025/11/`` month precision); in a
   text without one, an address pasted alone on one of its first five lines or its
   last line. Numbers that run into other digits are ids and never read.
5. ``text``: in the body, a labelled date line (``Published: 9 April 2025`` at the end)
   or a dateline with a full date opening the first paragraphs (``BRUSSELS, April 9,
   2025 —``). Other dates of the body are what the article is about, never its date.
6. ``metadata`` of a web page (``SourceText.published`` and ``updated`` of an HTML
   source): what htmldate found in the page's markup, and its ``article:modified_time``
   or JSON-LD ``dateModified``. It is the weakest basis: on real pages 8% of those
   dates are wrong (an update, a related story's date, a template's date).

The strongest basis that states a date wins. Every weaker basis that disagrees (a
different date at the precision both have) is recorded in ``notes``. A weaker basis that
agrees and is more precise (URL ``/2025/04/`` and page metadata 2025-04-09) gives the
finer date, except under a manifest date, which is kept as recorded.

A dateline without a year (``New Delhi, Apr 9 (PTI)``, ``WASHINGTON, April 9 (Reuters)
-``) gives the day when another basis gives the year and no basis states a day: the
month it names (``Published April 2025``, URL ``/2025/04/``), or an update date
(``Last Updated: Apr 09, 2025``) at most 31 days after that day. A yearless dateline
alone, a copyright year, a relative date (``3 hours ago``) give nothing.

Weak evidence needs support
---------------------------
The page metadata date is used only when nothing contradicts it: it is withheld when it
equals the header's *update* date while no publication date is stated (htmldate read the
modification time), and when a yearless dateline of the body (``WASHINGTON, April 9
(Reuters) -``) names another day. Any stronger basis (header, URL, a labelled line of
the text) simply overrides it. A date after the time of analysis (``today``, plus one
day for time zones) or before 1900 is never a publication or update date.

Updated dates
-------------
Only a label says a date is an update: ``Updated``, ``Update :``, ``Last updated``,
``Aggiornato``, ``modifica il``, ``mis à jour``, ``modifié le``, ``Aktualisiert``,
``Stand``, ``Actualizado``, ``更新``... or a web page's modification time. Such a date
goes to ``updated``, never to ``published``; on a line with both (``09.04.2025 - Update
: 09.04.2025``) the first is published. The header is stronger than the text; within a
basis the latest update is kept. An update date before the publication date is dropped
with a note.

Day-first or month-first
------------------------
``03/04/2025`` (``/`` or ``-``, both numbers 12 or less) is read only when settled by,
in order:

1. what the article states about itself: the weekday written next to it (``Thursday
   03/04/2025``: 3 April 2025 was a Thursday, 4 March a Tuesday; see
   :func:`natojp._dates.scan_dates`); a reading equal to the date another basis states
   (the URL's, the metadata's); a reading on the day a yearless dateline names
   (``Taipei, April 9 (CNA)`` reads ``04/09/2025`` as 9 April);
2. evidence in the same file: another numeric date that can only be read one way
   (``25/04/2025`` proves day-first, ``04/25/2025`` month-first), in the text or the
   metadata value;
3. the language: a day-first language (Italian, French, German, Spanish, Portuguese,
   Dutch, Russian, Turkish, Polish and the other languages of
   :data:`DAY_FIRST_LANGUAGES`), or English of a region: a region tag (``en-GB``,
   ``en-IN``... day first; ``en-US``, ``en-PH`` month first), else the outlet's
   ``country`` (``GB``, ``IE``, ``IN``, ``AU``... day first; ``US``, ``PH`` month
   first). Plain English (``en``) of no known country settles nothing: UK, Irish,
   Indian and Australian outlets write day-first, American ones month-first, and
   English pages of other countries either. Without ``language``, a month name of
   those languages in the file, or a clear majority of their common words, gives it.

If the file and the language disagree, or nothing settles it, the date is left unread
with a note (``ambiguous date 03/04/2025: day-first or month-first``). Dotted dates
(``03.04.2025``) are day-first everywhere they are written and are never ambiguous.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

from natojp._dates import (
    ALL_MONTHS,
    DateKind,
    PartialDate,
    WrittenDate,
    month_alternation,
    nearest_day,
    parse_date,
    read_date_line,
    scan_dates,
)
from natojp.clean import CleanedText
from natojp.models import Evidence, SourceText

__all__ = ["DAY_FIRST_LANGUAGES", "DateResult", "find_dates", "url_dates"]

DAY_FIRST_LANGUAGES: frozenset[str] = frozenset(
    {"it", "fr", "de", "es", "pt", "nl", "ru", "uk", "pl", "cs", "sk", "tr", "ro", "el", "da"}
    | {"nb", "nn", "no", "sv", "fi", "id", "ms", "vi", "hr", "sr", "sl", "bg", "et", "lv", "lt"}
    | {"ca", "gl", "eu"}
)
"""ISO 639-1 codes of languages whose numeric dates are written day first."""

_DAY_FIRST_ENGLISH = frozenset(
    {"gb", "uk", "ie", "au", "nz", "in", "za", "ng", "pk", "sg", "ke", "bd", "lk", "my", "hk"}
    | {"gh", "ug", "tz", "zm", "zw", "mt", "cy", "jm", "np"}
)
"""Regions (ISO 3166 alpha-2, lower case) whose English writes numeric dates day first."""
_MONTH_FIRST_ENGLISH = frozenset({"us", "ph"})
"""Regions whose English writes them month first (Canada writes both: in neither)."""

_RANK: dict[str, int] = {"manifest": 6, "metadata": 5, "header": 4, "url": 3, "text": 2, "page": 1}
"""Strength of each basis (``page``: the metadata of a web page, found by htmldate)."""
_WORDING: dict[str, str] = {
    "manifest": "the manifest",
    "metadata": "the metadata",
    "header": "the header line",
    "url": "the URL",
    "text": "the text",
    "page": "the page metadata (htmldate)",
}
_MIN_YEAR = 1900
_MIN_URL_YEAR = 1990  # a compact 20250401 before the web is more likely an id


@dataclass(frozen=True, slots=True)
class DateResult:
    """What :func:`find_dates` found: each date with its evidence, and notes in words."""

    published: PartialDate | None = None
    published_evidence: Evidence | None = None
    updated: PartialDate | None = None
    updated_evidence: Evidence | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def published_basis(self) -> str | None:
        """The basis of the publication date (``manifest``, ``metadata``, ``url``,
        ``header`` or ``text``), as ``Article.published_basis`` records it."""
        return self.published_evidence.basis if self.published_evidence else None


@dataclass(frozen=True, slots=True)
class _Claim:
    """One basis stating one date (``written`` when it may need day/month settling)."""

    source: str  # a key of _RANK
    kind: DateKind
    evidence: Evidence
    date: PartialDate | None = None
    written: WrittenDate | None = None

    @property
    def what(self) -> str:
        if self.source == "header":
            return f"the header line {self.evidence.text!r}"
        if self.source in ("url", "metadata", "page"):
            return f"{_WORDING[self.source]} {self.evidence.text!r}"
        if self.source == "text":
            return f"the text {_short(self.evidence.text)!r}"
        return _WORDING[self.source]


def _short(text: str, n: int = 80) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


# ------------------------------------------------------------------------------- URL

_URL_DAY = re.compile(
    r"(?<=/)(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?=/|$|[-_.](?!\d))"
    r"|(?<=[/_-])(?P<y2>\d{4})(?P<s>[-_])(?P<m2>\d{2})(?P=s)(?P<d2>\d{2})(?=/|$|[-_.](?!\d))"
)
_URL_COMPACT = re.compile(r"(?<=[/_-])(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?=/|$|[-_.](?!\d))")
_URL_MONTH = re.compile(r"(?<=/)(?P<y>\d{4})/(?P<m>\d{1,2})(?=/|$)(?!/\d{1,2}(?:/|$|[-_.]))")


def url_dates(url: str, today: date | None = None) -> tuple[tuple[PartialDate, str], ...]:
    """Dates written in the path of ``url``: (date, the part of the path as written).

    ``/2025/11/01/``, ``/2025-11-01/``, ``/news-2025-11-01``, ``20250401`` as a whole
    path segment or part of a file name (between ``/ - _ .``), and ``/2025/11/`` at
    month precision. A number that runs into other digits (``/2025110112345``) is an
    id and is not read, nor is the host, the query or the fragment. Dates after
    ``today`` (and compact dates before 1990) are ignored.
    """
    if not url:
        return ()
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return ()
    today = today or datetime.now(UTC).date()
    found: list[tuple[PartialDate, str]] = []

    def keep(y: str, m: str, d: str | None, text: str, min_year: int = _MIN_YEAR) -> None:
        year = int(y)
        if not min_year <= year <= today.year:
            return
        try:
            when = PartialDate(year, int(m), int(d) if d else None)
        except ValueError:
            return
        if when.start() <= today:
            found.append((when, text))

    for m in _URL_DAY.finditer(path):
        if m.group("y"):
            keep(m.group("y"), m.group("m"), m.group("d"), m.group(0))
        else:
            keep(m.group("y2"), m.group("m2"), m.group("d2"), m.group(0))
    for m in _URL_COMPACT.finditer(path):
        keep(m.group("y"), m.group("m"), m.group("d"), m.group(0), _MIN_URL_YEAR)
    for m in _URL_MONTH.finditer(path):
        keep(m.group("y"), m.group("m"), None, m.group(0))
    return tuple(found)


# ----------------------------------------------------------------------------- text

_PLACE = (
    r"[A-ZÀ-Þ][\w'’.\-]*(?:[ \-][A-ZÀ-Þ][\w'’.\-]*){0,3}"
    r"(?:,\s*[A-ZÀ-Þ][\w'’.\-]*(?: [A-ZÀ-Þ][\w'’.\-]*){0,2})?"
)
_NOT_PLACE = (
    r"(?!(?:On|In|By|Since|From|Until|Till|Before|After|As|At|Last|Next|Of|For|The|Between"
    r"|During|Throughout|Around|About|Early|Late|Mid|Dated|Signed)\b)"
)
_DATELINE_BEFORE = re.compile(
    rf"\s*(?:{_NOT_PLACE}{_PLACE}\s*,?\s*)?(?:\([^)]{{1,30}}\)\s*)?(?:[A-Z][a-z]+day,?\s+)?",
    re.UNICODE,
)
_DATELINE_AFTER = re.compile(
    r"\s*(?:\([^)]{1,40}\)\s*)?(?:/[^/\s][^/]{0,40}/\s*)?(?:[-–—]{1,2}|:)\s"
)
_MONTH_ALT = month_alternation(ALL_MONTHS)
# A credit in brackets before the dateline: "(MENAFN- Kuwait News Agency (KUNA))".
_CREDIT_FIRST = r"(?:\((?:[^()]|\([^()]{0,40}\)){1,60}\)\s*)?"
_DATELINE_NO_YEAR = re.compile(
    rf"\s*{_CREDIT_FIRST}(?:{_NOT_PLACE}{_PLACE}\s*,\s*)?"
    rf"(?:(?P<mn>{_MONTH_ALT})\.?\s+(?P<d>\d{{1,2}})|(?P<d2>\d{{1,2}})\.?\s+(?P<mn2>{_MONTH_ALT})\.?)"
    r"(?!\d)\.?\s*(?:\([^)]{1,40}\)\s*(?:[-–—]{1,2}|:)?|/[^/\s][^/]{0,40}/|[-–—]{1,2})"
)


@dataclass(frozen=True, slots=True)
class _Dateline:
    """A dateline without a year opening a paragraph (``WASHINGTON, April 9 (Reuters) -``,
    ``Taipei, April 9 (CNA)``, ``Roma, 9 aprile (ANSA) -``): its month and day, the
    paragraph's opening as evidence and its line."""

    month: int
    day: int
    text: str
    line: int | None

    def matches(self, d: PartialDate) -> bool:
        return d.precision == "day" and (d.month, d.day) == (self.month, self.day)


def _dateline(paragraph: str) -> WrittenDate | None:
    """The full date of a dateline opening ``paragraph`` (``BRUSSELS, April 9, 2025 —``,
    ``9 April 2025 /PRNewswire/ --``), if there is one."""
    head = paragraph[:200]
    written = scan_dates(head)
    if not written:
        return None
    first = written[0]
    if any(r.precision != "day" for r in first.readings):
        return None
    if not _DATELINE_BEFORE.fullmatch(head[: first.start]):
        return None
    return first if _DATELINE_AFTER.match(head, first.end) else None


def _yearless_dateline(paragraph: str) -> tuple[int, int, int] | None:
    """(month, day, end) of a dateline without a year opening ``paragraph``:
    ``WASHINGTON, April 9 (Reuters) -``, ``Taipei, April 9 (CNA) Taiwan's``, ``(MENAFN-
    Kuwait News Agency (KUNA)) TOKYO, April 9 (KUNA) --``, ``April 11 (UPI) --``,
    ``Roma, 9 aprile (ANSA) -``."""
    m = _DATELINE_NO_YEAR.match(paragraph[:160])
    if m is None:
        return None
    name = (m.group("mn") or m.group("mn2")).lower()
    month = ALL_MONTHS.get(name)
    day = int(m.group("d") or m.group("d2"))
    if month is None or not 1 <= day <= 31:
        return None
    return month, day, m.end()


def _opening_dateline(cleaned: CleanedText, lead: int, lines: bool) -> _Dateline | None:
    """The yearless dateline of the header paragraphs or the first two of the body."""
    for p in cleaned.paragraphs[: lead + 2]:
        found = _yearless_dateline(p.text)
        if found is not None:
            month, day, end = found
            text = _short(p.text[:end].strip(), 100)
            return _Dateline(month, day, text, p.line if lines else None)
    return None


_LEAD_MOST = 6
_SENTENCE_END = frozenset('.!?。！？"”’»)')


def _lead(cleaned: CleanedText) -> int:
    """How many paragraphs open the text before its first paragraph of prose (at least
    12 words ending as a sentence ends, or more than 30) or its dateline: header lines
    cleaning kept (a headline, a section, a byline, a date line), at most
    :data:`_LEAD_MOST`."""
    for i, p in enumerate(cleaned.paragraphs[:_LEAD_MOST]):
        if p.words > 30 or (p.words >= 12 and p.text.rstrip()[-1:] in _SENTENCE_END):
            return i
        if _opens_with_dateline(p.text):
            return i  # CHICAGO, March 12 - Shr 12 cts vs 9 cts: the text starts here
    headline = next((r.text for r in cleaned.removed if r.reason == "headline"), None)
    if headline is not None and _opens_with_dateline(headline):
        return 0  # the dateline taken for the headline: what follows is the text
    return min(len(cleaned.paragraphs), _LEAD_MOST)


def _opens_with_dateline(text: str) -> bool:
    return _yearless_dateline(text) is not None or _dateline(text) is not None


_URL_LINE = re.compile(
    r"\s*(?:(?i:url|link|source|quelle|fonte|fuente|source url)\s*:\s*)?<?(https?://[^\s<>]+)>?\s*"
)
_URL_LINES_FIRST = 5


def _url_lines(text: str, before: int | None) -> list[tuple[int, str]]:
    """(line number, address) of the lines of ``text`` that hold a web address alone
    (``https://www.example.com/news/2025/04/25/...``, ``URL: https://...``): among its
    first five lines that are not empty and come before line ``before`` (where the
    article's text starts), and its last line."""
    head, tail = text[:4000], text[-1000:].rstrip()
    if "http" not in head and "http" not in tail:
        return []
    found: list[tuple[int, str]] = []
    seen = 0
    for i, line in enumerate(head.split("\n"), 1):
        if before is not None and i >= before:
            break
        if not line.strip():
            continue
        m = _URL_LINE.fullmatch(line) if "http" in line else None
        if m:
            found.append((i, m.group(1)))
        seen += 1
        if seen >= _URL_LINES_FIRST:
            break
    last_line = tail[tail.rfind("\n") + 1 :]
    m = _URL_LINE.fullmatch(last_line) if "http" in last_line else None
    if m:
        number = text.rstrip().count("\n") + 1
        if (number, m.group(1)) not in found:
            found.append((number, m.group(1)))
    return found


# ------------------------------------------------------------------------- language


def _words(text: str) -> list[str]:
    return text.split()


_COMMON_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(_words("the and of to is that for with was are said have from this will has")),
    "it": frozenset(
        _words("il della che per del è una sono gli nel alla non degli anche di dello dell hanno")
        + _words("più questo nella delle dei")
    ),
    "fr": frozenset(
        _words("le les des est une dans pour qui du sur avec pas au aux été sont ont cette leur")
    ),
    "de": frozenset(
        _words("der die und das ist nicht mit den von zu auf dem sich ein eine wird wurde sind")
        + _words("für auch")
    ),
    "es": frozenset(
        _words("el los las que del por una para con se su al como más fue han está entre sus")
    ),
    "pt": frozenset(_words("os das dos não uma para com que do da ao em foi pelo são também pela")),
}
_WORD = re.compile(r"[^\W\d_]+")
_MIN_COMMON = 6


def _guess_language(text: str) -> str | None:
    """A language of :data:`_COMMON_WORDS` when its common words clearly dominate the
    opening of ``text`` (at least 6 of them, twice as many as of any other); else
    ``None``. Used only to settle day-first dates when no ``language`` is given."""
    counts: Counter[str] = Counter()
    for w in _WORD.findall(text[:3000].lower()):
        for lang, words in _COMMON_WORDS.items():
            if w in words:
                counts[lang] += 1
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < _MIN_COMMON:
        return None
    if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return None
    return ranked[0][0]


def _language_order(language: str | None, country: str | None = None) -> tuple[bool | None, str]:
    """Day-first (True) or month-first (False) by ``language``, with the reason; for
    English without a region tag, by the outlet's ``country`` (ISO 3166 alpha-2)."""
    if not language:
        return None, ""
    parts = re.split(r"[-_]", language.strip().lower())
    lang, region = parts[0], (parts[1] if len(parts) > 1 else "")
    if lang == "en":
        where = language
        if not region and country:
            region, where = country.strip().lower(), f"English in {country.strip().upper()}"
        if region in _DAY_FIRST_ENGLISH:
            return True, f"day-first, the convention of {where}"
        if region in _MONTH_FIRST_ENGLISH:
            return False, f"month-first, the convention of {where}"
        return None, ""
    if lang in DAY_FIRST_LANGUAGES:
        return True, f"day-first, the convention of the article's language ({language})"
    return None, ""


# ---------------------------------------------------------------------------- main


def find_dates(
    source: SourceText,
    cleaned: CleanedText,
    *,
    manifest: PartialDate | None = None,
    language: str | None = None,
    country: str | None = None,
    today: date | None = None,
) -> DateResult:
    """The publication and update dates of one article, with their evidence.

    ``source`` is the document as ingested (its ``published`` and ``updated`` metadata
    values, ``url``, ``format``, ``text``), ``cleaned`` its cleaning (header date lines,
    body paragraphs), ``manifest`` the date a manifest records for it, ``language`` its
    ISO 639-1 code (or a tag such as ``en-GB``) when known, ``country`` the outlet's
    country (ISO 3166 alpha-2, such as ``GB``) when known, which tells how an English
    text writes numeric dates. ``today`` is the time of analysis (default: the current
    UTC day); no date after it (plus one day) is accepted. The rules are in the module
    docstring.
    """
    today = today or datetime.now(UTC).date()
    notes: list[str] = []
    lines = source.line_numbers
    lead = _lead(cleaned)
    claims = _claims(source, cleaned, manifest, today, lead, notes)
    day = [c for c in claims if c.kind == "published" and c.date and c.date.precision == "day"]
    needs_dateline = (  # to read 03/04/2025, to doubt page metadata, to give a year
        any(c.date is None and c.written is not None for c in claims)
        or any(c.source == "page" for c in day)
        or (not day and bool(claims))
    )
    dateline = _opening_dateline(cleaned, lead, lines) if needs_dateline else None
    claims, unread = _settle_ambiguous(claims, source, language, country, dateline, notes)
    claims = _plausible(claims, today, notes)
    if dateline is not None and not unread:
        claims += _completed(claims, dateline, notes)
    published = _choose_published(claims, unread, dateline, notes)
    updated = _choose_updated(claims, published, notes)
    return DateResult(
        published=published.date if published else None,
        published_evidence=published.evidence if published else None,
        updated=updated.date if updated else None,
        updated_evidence=updated.evidence if updated else None,
        notes=tuple(notes),
    )


def _claims(
    source: SourceText,
    cleaned: CleanedText,
    manifest: PartialDate | None,
    today: date,
    lead: int,
    notes: list[str],
) -> list[_Claim]:
    """Every date that a basis states about the article."""
    claims: list[_Claim] = []
    if manifest is not None:
        claims.append(
            _Claim("manifest", "published", Evidence("manifest", manifest.iso()), manifest)
        )

    kind: DateKind
    for kind, value in (("published", source.published), ("updated", source.updated)):
        value = (value or "").strip()
        if not value:
            continue
        basis = "page" if source.format == "html" else "metadata"
        evidence = Evidence("metadata", value)
        written = scan_dates(value)
        if written:
            claims.append(_Claim(basis, kind, evidence, written[0].date, written[0]))
        else:
            number = parse_date(value, epoch=True)
            if number is not None:
                claims.append(_Claim(basis, kind, evidence, number))
            else:
                what = "date" if kind == "published" else "update date"
                notes.append(f"could not read the {what} {value!r} of the metadata")

    lines = source.line_numbers
    first_line = cleaned.paragraphs[lead].line if lead < len(cleaned.paragraphs) else None
    addresses: list[tuple[int | None, str]] = [(None, source.url)] if source.url else []
    if not source.url and lines:
        addresses.extend(_url_lines(source.text, first_line))
    in_urls = [(line, url, url_dates(url, today)) for line, url in addresses]
    every = [d for _, _, in_url in in_urls for d, _ in in_url]
    if every and _consistent(every) is None:  # within an address, or between two pasted
        listed = ", ".join(sorted({d.iso() for d in every}))
        notes.append(f"the URL holds dates that disagree ({listed}); none is used")
    elif every:
        for line, url, in_url in in_urls:
            finest = _consistent([d for d, _ in in_url])
            if finest is not None:
                claims.append(_Claim("url", "published", Evidence("url", url, line), finest))

    header_lines = set()
    for d in cleaned.fields.dates:
        header_lines.add(d.line)
        evidence = Evidence("header", d.text, d.line if lines else None)
        claims.append(_Claim("header", d.kind, evidence, d.written.date, d.written))
    for r in cleaned.removed:
        # Header lines that cleaning took for the headline or a metadata line (a byline
        # with its date, "Source: Xinhua| 2025-07-10|Editor: ...") and did not date.
        if r.reason not in _HEADER_REASONS or r.line in header_lines:
            continue
        if r.reason != "headline" and first_line is not None and (r.line or 0) > first_line:
            continue
        dated = read_date_line(r.text, header=True)
        for ld in dated.dates if dated else ():
            evidence = Evidence("header", r.text, r.line if lines else None)
            claims.append(_Claim("header", ld.kind, evidence, ld.written.date, ld.written))

    for i, p in enumerate(cleaned.paragraphs):
        line = p.line if lines else None
        dated = read_date_line(p.text, header=i < lead) if p.words <= 30 else None
        if dated is not None and (i < lead or dated.labelled):
            # Before the body, a date line is a header line cleaning kept ("Politics Apr
            # 9, 2025"); in it, only a labelled one ("Published: 9 April 2025") dates it.
            basis = "header" if i < lead else "text"
            for ld in dated.dates:
                evidence = Evidence(basis, p.text, line)
                claims.append(_Claim(basis, ld.kind, evidence, ld.written.date, ld.written))
        elif i < lead + 2:
            opening = _dateline(p.text)
            if opening is not None:
                snippet = p.text[: opening.end + 40]
                claims.append(
                    _Claim(
                        "text", "published", Evidence("text", snippet, line), opening.date, opening
                    )
                )
    return claims


_HEADER_REASONS = frozenset({"headline", "metadata"})


def _consistent(dates: list[PartialDate]) -> PartialDate | None:
    """The finest of ``dates`` if all agree at the precision each has, else ``None``."""
    if not dates:
        return None
    finest = max(dates, key=lambda d: ("year", "month", "day").index(d.precision))
    return finest if all(_agree(d, finest) for d in dates) else None


def _agree(a: PartialDate, b: PartialDate) -> bool:
    """Whether two dates agree at the coarser of their precisions."""
    order = ("year", "month", "day")
    coarse = min(a.precision, b.precision, key=order.index)
    return a.truncate(coarse) == b.truncate(coarse)


def _settle_ambiguous(
    claims: list[_Claim],
    source: SourceText,
    language: str | None,
    country: str | None,
    dateline: _Dateline | None,
    notes: list[str],
) -> tuple[list[_Claim], list[_Claim]]:
    """Read ``03/04/2025``-style dates by evidence about this article (the date another
    basis states, the day its dateline names), else by the file's own convention, the
    language or the outlet's country. Returns the claims with a date and those nothing
    settles (each with a note). A weekday written next to the date settles it when it
    is scanned (:func:`natojp._dates.scan_dates`)."""
    ambiguous = [c for c in claims if c.date is None and c.written is not None]
    if not ambiguous:
        return claims, []
    order: tuple[bool | None, str] | None = None
    settled: list[_Claim] = []
    unread: list[_Claim] = []
    known = [c for c in claims if c.date is not None]
    for c in claims:
        if c.date is not None or c.written is None:
            settled.append(c)
            continue
        written = c.written
        matches = {
            r for r in written.readings for k in known if k.source != c.source and r == k.date
        }
        if len(matches) == 1:
            when = matches.pop()
            others = sorted({k.source for k in known if k.date == when}, key=lambda b: -_RANK[b])
            notes.append(
                f"{c.what}: {written.text} read as {when.iso()}, the date {_WORDING[others[0]]} "
                "states"
            )
            settled.append(_Claim(c.source, c.kind, c.evidence, when, written))
            continue
        on_dateline = [r for r in written.readings if dateline and dateline.matches(r)]
        if dateline is not None and len(on_dateline) == 1:
            when = on_dateline[0]
            notes.append(
                f"{c.what}: {written.text} read as {when.iso()}, the day the dateline "
                f"{dateline.text!r} names"
            )
            settled.append(_Claim(c.source, c.kind, c.evidence, when, written))
            continue
        if order is None:
            order = _order_of(source, language, country, notes)
        dayfirst, reason = order
        if dayfirst is not None:
            notes.append(f"{c.what}: {written.text} read {reason}")
            settled.append(_Claim(c.source, c.kind, c.evidence, written.read(dayfirst), written))
            continue
        notes.append(
            f"ambiguous date {written.text}: day-first or month-first ({c.what}); not used"
        )
        unread.append(c)
    return settled, unread


def _order_of(
    source: SourceText, language: str | None, country: str | None, notes: list[str]
) -> tuple[bool | None, str]:
    """Day-first (True), month-first (False) or unknown (None) for this file, and why."""
    proofs: dict[str, str] = {}
    for text in (source.text, source.published or ""):
        for w in scan_dates(text):
            if w.proves and w.proves not in proofs:
                proofs[w.proves] = w.text
    by_file: bool | None = None
    file_reason = ""
    if len(proofs) == 2:
        notes.append(
            f"the file writes numeric dates both day-first ({proofs['dmy']}) and month-first "
            f"({proofs['mdy']})"
        )
        return None, ""
    if proofs:
        order, example = next(iter(proofs.items()))
        by_file = order == "dmy"
        file_reason = f"{'day' if by_file else 'month'}-first, as {example} in the same file"
    by_language, language_reason = _language_order(language, country)
    if language is None and by_language is None:
        foreign = next((w for w in scan_dates(source.text) if w.foreign_month), None)
        if foreign is not None:
            by_language = True
            language_reason = f"day-first, the convention of the language of {foreign.text!r}"
        else:
            guessed = _guess_language(source.text)
            by_language, language_reason = _language_order(guessed, country)
            if by_language is not None:
                language_reason += " (guessed from its common words)"
    if by_file is not None and by_language is not None and by_file != by_language:
        notes.append(f"{file_reason}, but {language_reason}: numeric dates are not read")
        return None, ""
    if by_file is not None:
        return by_file, file_reason
    return by_language, language_reason


_COMPLETE_WITHIN = 31
"""Days between a yearless dateline's day and the update date that gives it its year."""


def _completed(claims: list[_Claim], dateline: _Dateline, notes: list[str]) -> list[_Claim]:
    """A publication date from the yearless dateline, when another basis gives its year.

    ``WASHINGTON, April 9 (Reuters) -`` under ``Published April 2025`` (or the URL's
    ``/2025/04/``) is 9 April 2025. Under only ``Last Updated: Apr 09, 2025``, the
    dateline is the day on or before the update, at most :data:`_COMPLETE_WITHIN` days
    before it (a year earlier would mean an update a year after). Nothing when a
    publication date of day precision is stated."""
    published = [c for c in claims if c.kind == "published" and c.date is not None]
    if any(c.date is not None and c.date.precision == "day" for c in published):
        return []
    evidence = Evidence("text", dateline.text, dateline.line)
    for c in sorted(published, key=lambda c: -_RANK[c.source]):
        assert c.date is not None
        if c.date.month == dateline.month:
            when = _safe_day(c.date.year, dateline.month, dateline.day)
            if when is not None:
                notes.append(
                    f"published: the dateline {dateline.text!r} names the day of {c.what} "
                    f"({c.date})"
                )
                return [_Claim("text", "published", evidence, when)]
    updates = [c for c in claims if c.kind == "updated" and c.date and c.date.precision == "day"]
    for c in sorted(updates, key=lambda c: -_RANK[c.source]):
        assert c.date is not None
        try:
            when = nearest_day(c.date, dateline.month, dateline.day)
        except ValueError:  # 29 February of a year without it
            continue
        if (c.date.start() - when.start()).days <= _COMPLETE_WITHIN:
            notes.append(
                f"published: the dateline {dateline.text!r} names {when.iso()}, its year that "
                f"of the update {c.date} ({c.what})"
            )
            return [_Claim("text", "published", evidence, when)]
        break
    return []


def _safe_day(year: int, month: int, day: int) -> PartialDate | None:
    try:
        return PartialDate(year, month, day)
    except ValueError:
        return None


def _plausible(claims: list[_Claim], today: date, notes: list[str]) -> list[_Claim]:
    """Drop dates after the time of analysis (plus a day for time zones) or before 1900."""
    latest = today + timedelta(days=1)
    kept: list[_Claim] = []
    for c in claims:
        if c.date is None:
            continue
        if c.date.start() > latest:
            notes.append(f"{c.what}: {c.date} is after the time of analysis; not a {c.kind} date")
        elif c.date.year < _MIN_YEAR:
            notes.append(f"{c.what}: {c.date} is before {_MIN_YEAR}; not a {c.kind} date")
        else:
            kept.append(c)
    return kept


def _best_of_source(claims: list[_Claim], kind: DateKind, notes: list[str]) -> list[_Claim]:
    """One claim per basis: the finest of dates that agree; of dates that do not, the
    earliest publication date (the others are likely updates) or the latest update
    date, with a note."""
    by_source: dict[str, list[_Claim]] = {}
    for c in claims:
        if c.kind == kind:
            by_source.setdefault(c.source, []).append(c)
    best: list[_Claim] = []
    for group in by_source.values():
        dated = [c for c in group if c.date is not None]
        if not dated:
            continue
        finest = _consistent([c.date for c in dated if c.date is not None])
        if finest is not None:  # "April 2025" and "April 9, 2025": the same date
            pick = next(c for c in dated if c.date == finest)
        else:
            pick = (min if kind == "published" else max)(dated, key=lambda c: _key(c.date))
        if finest is None:
            listed = ", ".join(sorted({str(c.date) for c in dated}))
            which = "earliest" if kind == "published" else "latest"
            notes.append(
                f"{_WORDING[pick.source]} states several {kind} dates ({listed}); "
                f"the {which} is kept"
            )
        best.append(pick)
    best.sort(key=lambda c: -_RANK[c.source])
    return best


def _key(d: PartialDate | None) -> date:
    assert d is not None
    return d.start()


def _choose_published(
    claims: list[_Claim], unread: list[_Claim], dateline: _Dateline | None, notes: list[str]
) -> _Claim | None:
    """The publication date of the strongest basis, made precise by agreeing weaker ones;
    ``None`` when the only basis is doubtful (see :func:`_doubt`)."""
    ranked = _best_of_source(claims, "published", notes)
    if not ranked:
        return None
    winner = ranked[0]
    assert winner.date is not None
    reason = _doubt(winner, claims, unread, dateline)
    if reason:
        notes.append(f"{winner.what} is not used: {reason}")
        return None
    chosen = winner
    for other in ranked[1:]:
        assert other.date is not None and chosen.date is not None
        if not _agree(other.date, chosen.date):
            notes.append(
                f"published: {other.what} says {other.date}, {chosen.what} says {chosen.date}; "
                f"{_WORDING[chosen.source]} is the stronger basis"
            )
        elif (
            winner.source != "manifest"
            and _finer(other.date, chosen.date)
            and not _doubt(other, claims, unread, dateline)
        ):
            notes.append(
                f"published: {chosen.what} ({chosen.date}) made precise by {other.what} "
                f"({other.date})"
            )
            chosen = other
    if chosen.source == "page" and len(ranked) == 1:
        notes.append(
            f"the publication date rests on {_WORDING['page']} alone; no other basis states it"
        )
    return chosen


def _finer(a: PartialDate, b: PartialDate) -> bool:
    order = ("year", "month", "day")
    return order.index(a.precision) > order.index(b.precision)


def _doubt(
    claim: _Claim, claims: list[_Claim], unread: list[_Claim], dateline: _Dateline | None
) -> str:
    """Why ``claim``, the strongest publication date left, should not be trusted, or "".

    A stronger basis whose ambiguous date (``03/04/2025``) could not be read and which
    neither reading of matches it contradicts it whichever way it is read. A page
    metadata date is doubtful when it is an update date stated by the header or the
    text, or when a yearless dateline (``WASHINGTON, April 9 (Reuters) -``) names
    another day.
    """
    assert claim.date is not None
    for u in unread:
        if u.kind == "published" and _RANK[u.source] > _RANK[claim.source]:
            assert u.written is not None
            if not any(_agree(r, claim.date) for r in u.written.readings):
                return f"{u.what} states another date, whichever way it is read"
    if claim.source != "page":
        return ""
    for c in claims:
        if c.kind == "updated" and c.source != "page" and c.date == claim.date:
            return f"it is the update date that {c.what} states, and no publication date is given"
    if dateline is not None and claim.date.precision == "day" and not dateline.matches(claim.date):
        return f"the dateline {dateline.text!r} names another day"
    return ""


def _choose_updated(
    claims: list[_Claim], published: _Claim | None, notes: list[str]
) -> _Claim | None:
    ranked = _best_of_source(claims, "updated", notes)
    if not ranked:
        return None
    winner = ranked[0]
    assert winner.date is not None
    for other in ranked[1:]:
        assert other.date is not None
        if not _agree(other.date, winner.date):
            notes.append(
                f"updated: {other.what} says {other.date}, {winner.what} says {winner.date}; "
                f"{_WORDING[winner.source]} is the stronger basis"
            )
    if (
        published is not None
        and published.date is not None
        and winner.date.start() < published.date.start()
        and not _agree(winner.date, published.date)
    ):
        notes.append(
            f"{winner.what}: the update date {winner.date} precedes the publication date "
            f"{published.date}; not used"
        )
        return None
    return winner
