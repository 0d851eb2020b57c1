"""The claims of a date about an article: what each basis (the manifest, metadata, a
header line, the URL, the text, a web page's metadata) states, read from a source and
its cleaning, and the datelines that open its text.

Private to :mod:`natojp.metadata.dates`, which weighs the claims and re-exports
:func:`url_dates`; the rules are in its docstring.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from functools import cache, lru_cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from natojp._date_lines import read_date_line
from natojp._dates import (
    ALL_MONTHS,
    DateKind,
    PartialDate,
    WrittenDate,
    month_alternation,
    parse_date,
    scan_dates,
)
from natojp.clean import CleanedText
from natojp.models import Evidence, SourceText

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
_URL_COMPACT = re.compile(
    r"(?<=[/_-])(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})"
    r"(?:(?:[01]\d|2[0-3])[0-5]\d(?:[0-5]\d)?)?"  # a time stamp: 20250307194012, 202503071940
    r"(?=/|$|[-_.](?!\d))"
)
_URL_MONTH = re.compile(r"(?<=/)(?P<y>\d{4})/(?P<m>\d{1,2})(?=/|$)(?!/\d{1,2}(?:/|$|[-_.]))")


def url_dates(url: str, today: date | None = None) -> tuple[tuple[PartialDate, str], ...]:
    """Dates written in the path of ``url``: (date, the part of the path as written).

    ``/2025/11/01/``, ``/2025-11-01/``, ``/news-2025-11-01``, ``20250401`` as a whole
    path segment or part of a file name (between ``/ - _ .``), also as a time stamp of
    12 or 14 digits (``...-20250307194012-nt.html``: 7 March 2025 at 19:40:12, or
    ``202503071940``; the hour, minutes and seconds must be a time), and ``/2025/11/``
    at month precision. Any other run of digits (``/2025110112345``, 13 digits) is an
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


# ------------------------------------------------------------------------ time zones

_ZONES: dict[str, tuple[str, ...]] = {
    # One time zone (the capital's) for the country's outlets.
    "JP": ("Asia/Tokyo",), "KR": ("Asia/Seoul",), "KP": ("Asia/Pyongyang",),
    "CN": ("Asia/Shanghai",), "TW": ("Asia/Taipei",), "HK": ("Asia/Hong_Kong",),
    "IN": ("Asia/Kolkata",), "PK": ("Asia/Karachi",), "BD": ("Asia/Dhaka",),
    "SG": ("Asia/Singapore",), "MY": ("Asia/Kuala_Lumpur",), "PH": ("Asia/Manila",),
    "TH": ("Asia/Bangkok",), "VN": ("Asia/Ho_Chi_Minh",), "KH": ("Asia/Phnom_Penh",),
    "NZ": ("Pacific/Auckland",), "IL": ("Asia/Jerusalem",), "PS": ("Asia/Gaza",),
    "AE": ("Asia/Dubai",), "QA": ("Asia/Qatar",), "SA": ("Asia/Riyadh",),
    "KW": ("Asia/Kuwait",), "OM": ("Asia/Muscat",), "BH": ("Asia/Bahrain",),
    "IQ": ("Asia/Baghdad",), "IR": ("Asia/Tehran",), "JO": ("Asia/Amman",),
    "SY": ("Asia/Damascus",), "AM": ("Asia/Yerevan",), "TR": ("Europe/Istanbul",),
    "GB": ("Europe/London",), "IE": ("Europe/Dublin",), "FR": ("Europe/Paris",),
    "DE": ("Europe/Berlin",), "IT": ("Europe/Rome",), "ES": ("Europe/Madrid",),
    "PT": ("Europe/Lisbon",), "BE": ("Europe/Brussels",), "NL": ("Europe/Amsterdam",),
    "AT": ("Europe/Vienna",), "CH": ("Europe/Zurich",), "PL": ("Europe/Warsaw",),
    "CZ": ("Europe/Prague",), "HU": ("Europe/Budapest",), "SE": ("Europe/Stockholm",),
    "NO": ("Europe/Oslo",), "DK": ("Europe/Copenhagen",), "FI": ("Europe/Helsinki",),
    "EE": ("Europe/Tallinn",), "LV": ("Europe/Riga",), "LT": ("Europe/Vilnius",),
    "UA": ("Europe/Kyiv",), "BY": ("Europe/Minsk",), "GR": ("Europe/Athens",),
    "RO": ("Europe/Bucharest",), "BG": ("Europe/Sofia",), "HR": ("Europe/Zagreb",),
    "EG": ("Africa/Cairo",), "DZ": ("Africa/Algiers",), "TN": ("Africa/Tunis",),
    "ZA": ("Africa/Johannesburg",), "NG": ("Africa/Lagos",), "KE": ("Africa/Nairobi",),
    "CU": ("America/Havana",), "AR": ("America/Argentina/Buenos_Aires",),
    "UY": ("America/Montevideo",),
    # Several: a date is converted only when all of them give the same day.
    "US": ("Pacific/Honolulu", "America/Anchorage", "America/Los_Angeles", "America/Denver",
           "America/Chicago", "America/New_York"),
    "CA": ("America/Vancouver", "America/Edmonton", "America/Winnipeg", "America/Toronto",
           "America/Halifax", "America/St_Johns"),
    "RU": ("Europe/Kaliningrad", "Europe/Moscow", "Asia/Yekaterinburg", "Asia/Novosibirsk",
           "Asia/Vladivostok", "Asia/Kamchatka"),
    "AU": ("Australia/Perth", "Australia/Darwin", "Australia/Adelaide", "Australia/Brisbane",
           "Australia/Sydney"),
    "BR": ("America/Rio_Branco", "America/Manaus", "America/Sao_Paulo", "America/Noronha"),
    "MX": ("America/Tijuana", "America/Mazatlan", "America/Mexico_City", "America/Cancun"),
    "ID": ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"),
}  # fmt: skip
"""The time zones of outlets' countries (ISO 3166 alpha-2): one for a country with one
time zone, the zones from west to east for one that spans several."""

_STAMP = re.compile(
    r"\s*(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?P<z>Z|(?i:UTC|GMT)|[+-]\d{2}(?::?\d{2})?)?)?\s*"
)


def _stamp(value: str) -> date | datetime | None:
    """A metadata value written as an ISO date or time stamp: a ``date`` (``2025-04-16``),
    a ``datetime`` with its offset when one is written (``2025-04-16T20:00:00Z``,
    ``2025-04-17T05:00:00+09:00``), else naive; ``None`` for any other value."""
    m = _STAMP.fullmatch(value)
    if m is None:
        return None
    try:
        day = date(int(m["y"]), int(m["mo"]), int(m["d"]))
        if m["h"] is None:
            return day
        moment = datetime(day.year, day.month, day.day, int(m["h"]), int(m["mi"]), int(m["s"] or 0))
        zone = m["z"]
        if zone is None:
            return moment
        if zone.upper() in ("Z", "UTC", "GMT"):
            return moment.replace(tzinfo=UTC)
        digits = zone[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
        return moment.replace(tzinfo=timezone(-offset if zone[0] == "-" else offset))
    except ValueError:
        return None


@cache
def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _local_date(moment: datetime, country: str | None) -> tuple[date, str]:
    """The date of ``moment`` (a time stamp with an offset) where its outlet publishes,
    and a note when that is not the date as written ("" otherwise).

    Only a UTC time stamp (``Z``, ``+00:00``) is converted: a server's clock, not the
    publisher's. One with another offset (``2025-06-24T04:00:00+02:00``) was written
    on the publisher's own clock, and its date is the date as written. A UTC stamp of
    an outlet in a country of one time zone (``JP``: ``2025-04-16T20:00:00Z`` is 17
    April 05:00 in Tokyo) takes its date there. A country of several (``US``, ``RU``,
    ``AU``...) does not say which clock the publisher keeps (Stars and Stripes prints
    in Washington and in Tokyo): the date as written, with a note when its zones
    disagree. No country known, or one of no known zone: the date as written."""
    written = moment.date()
    if moment.utcoffset() != timedelta(0):
        return written, ""
    zones = [z for z in (_zone(n) for n in _ZONES.get((country or "").upper(), ())) if z]
    if not zones:
        return written, ""
    if len(zones) > 1:
        days = {moment.astimezone(z).date() for z in zones} | {written}
        if len(days) == 1:
            return written, ""
        listed = ", ".join(sorted(d.isoformat() for d in days - {written}))
        return written, (
            f"is {listed} in some time zones of {country}; the UTC date as written is kept"
        )
    days = {moment.astimezone(z).date() for z in zones}
    where = country.upper() if country else ""
    if len(days) > 1:
        listed = ", ".join(sorted(d.isoformat() for d in days))
        return written, (
            f"is {listed} across the time zones of {where}; the date as written is kept"
        )
    local = days.pop()
    if local == written:
        return written, ""
    zone = zones[0].key if len(zones) == 1 else f"every time zone of {where}"
    return local, f"is {local.isoformat()} in {zone}, the outlet's time zone ({where})"


def _no_update(published: str, updated: str) -> bool:
    """Whether a modification time in the metadata only repeats the publication time:
    the same instant (``2025-04-16T20:00:00Z`` and ``2025-04-17T05:00:00+09:00``), or
    the same bare day (``2025-04-16`` twice: no later time is stated). A time on one
    side only may be later (``2025-04-16`` and ``2025-04-16T20:00:00Z``, when a
    page's publication date was read without its time): an update."""
    if published.strip() == updated.strip():
        return True
    p, u = _stamp(published), _stamp(updated)
    if p is None or u is None:
        return False
    if isinstance(p, datetime) and isinstance(u, datetime):
        return (p.tzinfo is None) == (u.tzinfo is None) and p == u
    return not isinstance(p, datetime) and not isinstance(u, datetime) and p == u


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


def _claims(
    source: SourceText,
    cleaned: CleanedText,
    manifest: PartialDate | None,
    today: date,
    lead: int,
    notes: list[str],
    country: str | None = None,
) -> list[_Claim]:
    """Every date that a basis states about the article (``country``: the outlet's, to
    date a time stamp where the outlet publishes)."""
    claims: list[_Claim] = []
    if manifest is not None:
        claims.append(
            _Claim("manifest", "published", Evidence("manifest", manifest.iso()), manifest)
        )

    kind: DateKind
    published_value = (source.published or "").strip()
    for kind, value in (("published", source.published), ("updated", source.updated)):
        value = (value or "").strip()
        if not value:
            continue
        if kind == "updated" and published_value and _no_update(published_value, value):
            notes.append(
                f"the metadata's modification time {value!r} is its publication time "
                f"{published_value!r}: no update stated"
            )
            continue
        basis = "page" if source.format == "html" else "metadata"
        evidence = Evidence("metadata", value)
        stamp = _stamp(value)
        if isinstance(stamp, datetime) and stamp.tzinfo is not None:
            local, note = _local_date(stamp, country)
            if note:
                notes.append(f"{_WORDING[basis]} {value!r} {note}")
            claims.append(_Claim(basis, kind, evidence, PartialDate.from_date(local)))
            continue
        written = _scan_value(value)
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

    raw = _RawLines(source.text if lines else "")
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
        dated = read_date_line(_spaced(r.text, r.line, raw), header=True)
        for ld in dated.dates if dated else ():
            evidence = Evidence("header", r.text, r.line if lines else None)
            claims.append(_Claim("header", ld.kind, evidence, ld.written.date, ld.written))

    for i, p in enumerate(cleaned.paragraphs):
        line = p.line if lines else None
        text = _spaced(p.text, p.line, raw) if i < lead else p.text
        dated = read_date_line(text, header=i < lead) if p.words <= 30 else None
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


@lru_cache(maxsize=4096)
def _scan_value(value: str) -> tuple[WrittenDate, ...]:
    """:func:`~natojp._dates.scan_dates` of a metadata value, kept: the articles of a
    corpus share few publication dates, and each reading is the same (immutable)."""
    return scan_dates(value)


class _RawLines:
    """The lines of a text, split when first asked for."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: list[str] | None = None

    def get(self, number: int | None) -> str | None:
        if not self._text or number is None or number < 1:
            return None
        if self._lines is None:
            self._lines = self._text.split("\n")
        return self._lines[number - 1] if number <= len(self._lines) else None


_WIDE = re.compile(r"\S(?:\t|\s{2,}|\u3000)\S")


def _spaced(text: str, line: int | None, raw: _RawLines) -> str:
    """``text`` (a header line as cleaning left it, its spaces collapsed) as written in
    the file when the file sets words apart by a wide gap (``Takahashi Koji   16 Oct
    2025``: a byline, then its date) and the line holds the same words."""
    written = raw.get(line) if line is not None and len(text) <= 200 else None
    if written is None or _WIDE.search(written) is None or written.split() != text.split():
        return text
    return written.strip()


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
