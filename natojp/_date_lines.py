"""Date lines: a line of a page header that states when an article was published or
updated (``April 10, 2025``, ``Anadolu staff | 09.04.2025 - Update : 09.04.2025``,
``Published: 3 March 2025 10:14 CET``, ``2025年3月7日``), read by :func:`read_date_line`
with the byline or outlet beside the date, or rejected."""

from __future__ import annotations

import re
from dataclasses import dataclass

from natojp._dates import (
    _FULLWIDTH_DIGITS,
    _NOT_LETTER_AFTER,
    _NOT_LETTER_BEFORE,
    _WEEKDAY,
    _YEAR_HINT,
    _YEARISH,
    DateKind,
    WrittenDate,
    _may_have_era,
    _words,
    scan_dates,
)

_PUBLISHED_LABELS = (
    r"(?:first |originally |date )?published(?: date| on| at)?|publication date"
    r"|publish(?:ed)? date"
    r"|posted(?: on| at)?|date|dated|released(?: on)?|issued(?: on)?"
    r"|pubblicato(?: il)?|data(?: di pubblicazione)?|publi[ée](?: le)?|date de publication"
    r"|ver[öo]ffentlicht(?: am)?|datum|publicado(?: el| em)?|fecha(?: de publicaci[óo]n)?"
    r"|gepubliceerd(?: op)?|yay[ıi]n(?:lanma)?(?: tarihi)?|opublikowano|опубликовано"
)
_UPDATED_LABELS = (
    r"(?:last )?updated?(?: on| at)?|last modified|modified(?: on)?|revised(?: on)?"
    r"|(?:ultimo )?aggiornat[oa](?: il| alle)?|(?:ultimo )?aggiornamento"
    r"|mis(?:e)? [àa] jour(?: le)?|modifi[ée](?: le)?|(?:zuletzt )?aktualisiert(?: am)?"
    r"|stand|ge[äa]ndert(?: am)?|actualizado(?: el)?|(?:[úu]ltima )?actualizaci[óo]n"
    r"|modificad[oa](?: el| em)?|(?:ultima )?modific(?:a|ato|ata)(?: il)?"
    r"|(?:[úu]ltima )?modificaci[óo]n|(?:derni[èe]re )?modification|(?:letzte )?[äa]nderung"
    r"|atualizado(?: em)?|(?:laatst )?bijgewerkt(?: op)?|g[üu]ncelle(?:me|nme)(?: tarihi)?"
    r"|zaktualizowano|aktualizacja|обновлено"
)
_LABEL = re.compile(
    rf"{_NOT_LETTER_BEFORE}(?i:(?P<updated>{_UPDATED_LABELS})|(?P<published>{_PUBLISHED_LABELS}))"
    rf"{_NOT_LETTER_AFTER}"
    r"|(?P<cjk_updated>(?:最終)?更新(?:日時?)?)|(?P<cjk_published>(?:公開|配信|掲載|投稿|発行)(?:日時?)?)"
)
_TIME = re.compile(
    r"(?i)(?<![\d.])(?:[01]?\d|2[0-3])(?:\s?[:.h]\s?[0-5]\d){1,2}(?:\s*[ap]\.?\s?m\b\.?)?(?!\d)"
    r"|(?<![\d.])(?:1[0-2]|0?[1-9])\s*[ap]\.?\s?m\b\.?"
    r"|T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?"
    r"|\d{1,2}\s*時(?:\s*\d{1,2}\s*分)?|午前|午後"
)
_ZONE = re.compile(
    rf"{_NOT_LETTER_BEFORE}(?:GMT|UTC|BST|CET|CEST|EET|EEST|WET|WEST|MSK|TRT|IST|JST|KST|HKT"
    rf"|SGT|AEST|AEDT|ET|EDT|EST|CT|CDT|CST|MT|MDT|MST|PT|PDT|PST|Z)"
    rf"(?:\s*[+−-]\s*\d{{1,2}}(?::?\d{{2}})?)?{_NOT_LETTER_AFTER}"
    rf"|[+−-]\d{{2}}:?\d{{2}}(?!\d)|{_NOT_LETTER_BEFORE}(?i:uhr|ore|hrs|h){_NOT_LETTER_AFTER}"
)
_RELATIVE = re.compile(
    r"(?i)\b\d+\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago\b|\bjust now\b"
    r"|\b\d+\s*(?:-\s*)?(?:minutes?|mins?)\.?\s+read\b"  # reading time: "3 min read"
)
_PAGE = re.compile(
    rf"{_NOT_LETTER_BEFORE}(?i:page|seite|pagina|página|p\.)\s*[A-Z]?\d{{1,3}}(?![\d.,:/-])"
)
"""A print page of a newspaper's edition (``Fri, Mar 21, 2025 page3``, ``Seite 4``)."""
_CONNECTOR = re.compile(
    rf"{_NOT_LETTER_BEFORE}(?i:at|on|le|à|a|las|às|am|um|om|el|em|il|alle|ore|the|of|de|del|du"
    r"|dem)"
    rf"{_NOT_LETTER_AFTER}"
)
_SEPARATOR = re.compile(r"[|•·/,:;()\[\]（）：、*–—−]|(?<!\w)-|-(?!\w)|(?<![\w.])\.(?![\w.])")
_RANGE_BEFORE = re.compile(
    r"(?<![\d.:])\d{1,2}(?:st|nd|rd|th|er)?\.?\s*(?:[-–—/&]|and|to|bis|au|al|e|et|y|und)\s*$",
    re.IGNORECASE,
)
_RANGE_BETWEEN = re.compile(r"\s*(?:[-–—]|to|until|till|through|bis|au|al|a|–)\s*", re.IGNORECASE)
_NOT_PUBLICATION = re.compile(
    rf"{_NOT_LETTER_BEFORE}(?i:events?|when|deadlines?|venue|conference|summit|meeting|forum"
    r"|exhibition|expir(?:es|y)|valid|due|closing|opens|starts|ends|effective|schedule[ds]?"
    r"|sessions?|webinar|registration|until|till|from|between|period|term|elections?|vote"
    r"|match|copyright|born|died|founded|since|dal|du|vom|desde|evento|événement|veranstaltung"
    r"|scadenza|fino|jusqu|hasta|bis|before|after|ahead|expected|planned|as of|prima|avant"
    rf"|après|apres|antes|después|despues|vor|nach){_NOT_LETTER_AFTER}|©"
)
_BYLINE_WORDS = frozenset({"by", "di", "par", "von", "por", "da"})
_TAG_SEPARATORS = "|•·/"
_LOWER_NAME_WORDS = frozenset(
    _words(
        "by di par von por da de del van der den le la y e et und and of the staff reporter "
        "reporters correspondent correspondents writer writers editor editors desk team admin "
        "agency news in newsroom editorial rédaction redaction redazione redaktion redacción "
        "redaccion redação redacao redactie"
    )
)
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.&-]*|&")


@dataclass(frozen=True, slots=True)
class LineDate:
    """One date of a date line: what it dates (``published`` or ``updated``), the date as
    written and the label before it as written (``"Update"``), if any."""

    kind: DateKind
    written: WrittenDate
    label: str | None = None


@dataclass(frozen=True, slots=True)
class DateLine:
    """A header line that states when the article was published or updated.

    ``dates`` in the order written; ``rest`` the words of the line that are no part of
    a date statement, when they read as a byline or an outlet (``Anadolu staff``).
    """

    dates: tuple[LineDate, ...]
    rest: str | None = None

    @property
    def labelled(self) -> bool:
        """Whether a label (``Published:``, ``Update :``, ``更新``) says what a date is."""
        return any(d.label for d in self.dates)

    def first(self, kind: DateKind) -> LineDate | None:
        """The first date of ``kind`` on the line."""
        return next((d for d in self.dates if d.kind == kind), None)


def _mask(gap: str) -> tuple[str, list[tuple[int, str, str]], list[int]]:
    """``gap`` with its labels, times, zones, weekdays, relative times, connectors and
    separators blanked out; the labels found (position, kind, text); separator positions."""
    chars = list(gap)
    labels: list[tuple[int, str, str]] = []
    for m in _LABEL.finditer(gap):
        kind = "updated" if (m.group("updated") or m.group("cjk_updated")) else "published"
        cjk = "cjk" if (m.group("cjk_updated") or m.group("cjk_published")) else ""
        labels.append((m.start(), kind + cjk, m.group(0)))
        chars[m.start() : m.end()] = " " * (m.end() - m.start())
    for pattern in (_TIME, _ZONE, _WEEKDAY, _RELATIVE, _PAGE, _CONNECTOR):
        masked = "".join(chars)
        for m in pattern.finditer(masked):
            chars[m.start() : m.end()] = " " * (m.end() - m.start())
    masked = "".join(chars)
    separators = [m.start() for m in _SEPARATOR.finditer(masked)]
    for at in separators:
        chars[at] = " "
    return "".join(chars), labels, separators


def _name_like(words: list[str], most: int) -> bool:
    """Words that read as a byline or an outlet: at most ``most``, capitalised or small
    words of names and bylines (``staff``, ``de``), no digits."""
    return (
        0 < len(words) <= most
        and all(_NAME_WORD.fullmatch(w) for w in words)
        and all(w[:1].isupper() or w.lower() in _LOWER_NAME_WORDS for w in words)
        and (any(w[:1].isupper() for w in words) or _byline_words(words))
    )


def _tag_like(words: list[str], most: int) -> bool:
    """Words that read as a section or a tag of a page header (``Defence industry``,
    ``World, All``, ``Editor: huaxia``): at most ``most`` words of letters, the first
    capitalised."""
    return (
        0 < len(words) <= most
        and words[0][:1].isupper()
        and all(_NAME_WORD.fullmatch(w) for w in words)
    )


_WIDE_GAP = re.compile(r"\s*(?:\t|\s{2,}|\u3000)\s*")


def _name_before_date(names: list[str], space: str, written: WrittenDate) -> bool:
    """A byline set apart from a full date by a wide gap instead of a separator: two to
    four capitalised words of a name, two spaces or more (or a tab), the date
    (``Takahashi Koji   16 Oct 2025``). With one space (``Jane Doe April 9, 2025``) the
    words may begin a sentence."""
    return (
        2 <= len(names) <= 4
        and all(w[:1].isupper() for w in names)
        and _name_like(names, 4)
        and written.readings[0].precision == "day"
        and _WIDE_GAP.fullmatch(space) is not None
    )


def _byline_words(words: list[str]) -> bool:
    return len(words) >= 2 and words[0].lower() in _BYLINE_WORDS


def read_date_line(text: str, *, header: bool = False) -> DateLine | None:
    """Read a header line that states a publication or update date; ``None`` for any
    other line.

    A date line holds one or more dates (day or month precision) and nothing else but
    labels (``Published:``, ``Posted on``, ``Updated``, ``Update :``, ``Pubblicato il``,
    ``mis à jour le``, ``Aktualisiert am``, ``Publicado el``, ``公開日``, ``更新``...),
    weekdays, times and time zones, separators, and a short byline or outlet before
    the first date (after a separator or ``By``: ``By Jane Doe on April 9, 2025 at 2:30
    PM``, ``par la rédaction · 9 avril 2025``) or after the last (``| Reuters``, ``by
    admin``), and after the last a page's tags behind ``|``, ``•``, ``·`` or ``/``
    (``KYODO NEWS - Apr 9, 2025 - 18:45 | World, All``, ``Source: Xinhua| 2025-07-10
    21:14:05|Editor: huaxia``). ``Anadolu staff | 09.04.2025 - Update : 09.04.2025`` is
    one: published 9 April, updated 9 April. A date after an update label is
    ``updated``, any other ``published`` (``9 aprile 2025 (modifica il 10 aprile
    2025)``: published 9, updated 10 April).

    ``header``: the line is known to stand above the article's text, where a section
    name may also come before the date: ``Defence industry | 14.05.2025``, or one word
    without a separator, ``Politics Apr 9, 2025``. Elsewhere such a line may state
    another date (``Pay May 2, 2025``, a dividend's).

    Not date lines: sentences; ranges (``12-13 November 2025``) and lines naming an
    event, deadline or period (``Event date:``, ``until``, ``from``, ``before``);
    copyright lines; a bare year; a byline key with no name (``By March 2026`` is a
    deadline); a date followed by words after a colon (``9 April 2025: Talks begin``,
    a timeline).
    """
    if len(text) > 400 or text.count(" ") > 40:
        return None
    era = _may_have_era(text)
    if _YEAR_HINT.search(text) is None and not era:
        return None
    line = text if text.isascii() else text.translate(_FULLWIDTH_DIGITS)
    if (_YEARISH.search(line) is None and not era) or len(line.split()) > 30:
        return None
    if _NOT_PUBLICATION.search(line):
        return None
    written = scan_dates(line)
    if not written:
        return None
    for i, w in enumerate(written):
        before = line[written[i - 1].end if i else 0 : w.start]
        if _RANGE_BEFORE.search(before) or (i and _RANGE_BETWEEN.fullmatch(before)):
            return None  # 12-13 November 2025, 9 April 2025 - 10 April 2025: a period
    dates: list[LineDate] = []
    rest: str | None = None
    prev_end = 0
    for i, w in enumerate(written):
        gap = line[prev_end : w.start]
        masked, labels, separators = _mask(gap)
        words = [(m.start(), m.group(0)) for m in re.finditer(r"\S+", masked)]
        if words:
            if i:
                return None  # words between two dates: a sentence, not a date line
            names = [x for _, x in words]
            last_word_end = words[-1][0] + len(words[-1][1])
            first_label = min((at for at, _, _ in labels), default=len(gap))
            between = [at for at in separators if last_word_end <= at < first_label]
            if between and gap[between[0]] in ":：" and not labels:
                return None  # "Bijgewerkt: 10 april 2025": a label natojp does not know
            if len(names) == 1 and names[0].lower() in _BYLINE_WORDS:
                return None
            if _name_like(names, 6) and (between or _byline_words(names)):
                rest = gap[words[0][0] : last_word_end]  # a byline or an outlet
            elif _name_before_date(names, gap[last_word_end:], w):
                rest = gap[words[0][0] : last_word_end]  # Takahashi Koji   16 Oct 2025
            elif not header or not (
                (between and _tag_like(names, 3))  # Defence industry | 14.05.2025
                or (len(names) == 1 and _tag_like(names, 1) and w.readings[0].precision == "day")
            ):  # Politics Apr 9, 2025
                return None
        label = labels[-1] if labels else None
        kind: DateKind = "updated" if label and label[1].startswith("updated") else "published"
        dates.append(LineDate(kind, w, label[2] if label else None))
        prev_end = w.end
    masked, labels, separators = _mask(line[prev_end:])
    tail = line[prev_end:]
    words = [(m.start(), m.group(0)) for m in re.finditer(r"\S+", masked)]
    if words:
        names = [x for _, x in words]
        separated = any(at < words[0][0] for at in separators)
        if rest is None and _name_like(names, 5) and (separated or _byline_words(names)):
            rest = line[prev_end:][words[0][0] : words[-1][0] + len(words[-1][1])]
        elif not (  # - 18:45 | World, All (not "9 April 2025: Talks begin", a timeline)
            separated
            and tail[max(at for at in separators if at < words[0][0])] in _TAG_SEPARATORS
            and _tag_like(names, 4)
        ):
            return None
    trailing_cjk = [lab for lab in labels if lab[1].endswith("cjk")]
    if trailing_cjk and not words:  # 2025年4月10日 更新: the label follows the date
        last = dates[-1]
        kind = "updated" if trailing_cjk[0][1].startswith("updated") else "published"
        dates[-1] = LineDate(kind, last.written, trailing_cjk[0][2])
    coarse = any(d.written.readings[0].precision != "day" for d in dates)
    if coarse and (len(dates) > 1 or (rest is not None and not any(d.label for d in dates))):
        return None
    return DateLine(tuple(dates), rest)


def is_date_line(text: str) -> bool:
    """Whether :func:`read_date_line` reads ``text`` as a date line."""
    return read_date_line(text) is not None
