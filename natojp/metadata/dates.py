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
   :func:`natojp._date_lines.read_date_line`): found by cleaning
   (:attr:`natojp.clean.HeaderFields.dates`: ``Published: 9 April 2025``, ``April 9,
   2025 / 11:47 AM``, ``Anadolu staff | 09.04.2025 - Update : 09.04.2025``, ``31
   ottobre 2025``, ``2025年4月9日``...), or a line cleaning took for the headline or
   a byline (``By Jane Doe on April 09, 2025 at 2:30 PM``, ``Defence industry |
   14.05.2025``) or left among the paragraphs that come before the first sentence of
   prose or the dateline (``KYODO NEWS - Apr 9, 2025 - 18:45 | World``, ``Politics Apr
   9, 2025``, ``par la rédaction · 9 avril 2025``). A byline set apart from its date
   by a wide gap (``Takahashi Koji   16 Oct 2025``) is read as the file writes it;
   Japanese era dates (``令和7年3月7日``) and full-width digits are read too.
4. ``url``: the article's address (``/2025/11/01/``, ``/2025-11-01/``, ``20250401``
   as a whole path segment or file-name part, also as a 12- or 14-digit time stamp
   ``-20250307194012-``, ``/2025/11/`` month precision); in a
   text without one, an address pasted alone on one of its first five lines or its
   last line. Numbers that run into other digits are ids and never read.
5. ``text``: in the body, a labelled date line (``Published: 9 April 2025`` at the end)
   or a dateline with a full date opening the first paragraphs (``BRUSSELS, April 9,
   2025 —``). Other dates of the body are what the article is about, never its date.
6. ``metadata`` of a web page (``SourceText.published`` and ``updated`` of an HTML
   source): what htmldate found in the page's markup, and its ``article:modified_time``
   or JSON-LD ``dateModified``. It is the weakest basis: on real pages 8% of those
   dates are wrong (an update, a related story's date, a template's date).

Time stamps and time zones
--------------------------
A metadata value in UTC (``2025-04-16T20:00:00Z``, ``+00:00``) is a server's clock;
its date is the date where the outlet publishes. With the outlet's ``country``
(:func:`natojp.metadata.article.build_article` finds the outlet first and passes the
country of its registry entry), a country of one time zone (``JP``, ``KR``, ``CN``,
``TW``, ``IN``, ``GB``, ``FR``, ``DE``, ``IT``, ``ES``...) dates it there
(``2025-04-16T20:00:00Z`` is 17 April in Tokyo), with a note; a country of several
(``US``, ``CA``, ``RU``, ``AU``, ``BR``, ``MX``, ``ID``) does not say which clock the
publisher keeps, so the date as written is kept (with a note when its zones disagree).
A time stamp with another offset (``+02:00``) was written on the publisher's own clock:
its date as written. Without a country, or a time stamp without an offset, the date is
the date as written. A modification time
equal to the publication time (the same instant, or the same bare day on both) states
no update: ``updated`` stays ``None``, with a note.

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

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from natojp._dates import DateKind, PartialDate, nearest_day
from natojp.clean import CleanedText
from natojp.metadata._date_claims import (
    _MIN_YEAR,
    _RANK,
    _WORDING,
    _agree,
    _Claim,
    _claims,
    _consistent,
    _Dateline,
    _lead,
    _opening_dateline,
    url_dates,
)
from natojp.metadata._day_first import DAY_FIRST_LANGUAGES, _settle_ambiguous
from natojp.models import Evidence, SourceText

__all__ = ["DAY_FIRST_LANGUAGES", "DateResult", "find_dates", "url_dates"]


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
    claims = _claims(source, cleaned, manifest, today, lead, notes, country)
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
