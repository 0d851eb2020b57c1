"""Day-first or month-first: reading ``03/04/2025`` by evidence about the article, the
file's own convention, its language or its outlet's country.

Private to :mod:`natojp.metadata.dates`, which re-exports :data:`DAY_FIRST_LANGUAGES`;
the rules are in its docstring.
"""

from __future__ import annotations

import re
from collections import Counter

from natojp._dates import (
    scan_dates,
)
from natojp.metadata._date_claims import _RANK, _WORDING, _Claim, _Dateline
from natojp.models import SourceText

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
