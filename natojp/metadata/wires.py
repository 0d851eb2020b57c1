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
    ``By Jane Doe, Kyodo News``, ``By MARI YAMAGUCHI Associated Press``, ``Anadolu staff``,
    "By" in other languages (``Par Belga``, ``Von Jane Doe, dpa``, ``Por Agencia EFE``);
    an agency alone on a line above the body or closing it (``PTI``, ``EFE``,
    ``時事通信``, ``BNS``, ``Xinhua | Updated: 2025-03-09``, after a section: ``India News |
    Press Trust of India | Updated: ...``), not among the paragraphs (a caption's
    credit), below a photo caption, or under a teaser after the body;
``credit``
    an aggregator's credit line: ``(MENAFN- Kuwait News Agency (KUNA))`` credits KUNA;
``copyright``
    ``(c) 2025 AFP``, ``Copyright 2025 The Associated Press. All rights reserved.``;
``source``
    ``Source: Xinhua``, and in other languages anywhere in a line: ``9. April 2025,
    14:32 Uhr Quelle: DPA``, ``Fuente: EFE``, ``Fonte: Ansa`` (an acronym written as a
    word counts here);
``trailing``
    a credit closing a paragraph or standing alone: ``-Agence France-Presse``,
    ``— Xinhua``, ``...on Tuesday.—Kyodo``, ``(AFP)`` after a full stop or before the
    last one (``... den Plan (dpa).``), after an editor's initials (``ab/rt (AFP, dpa,
    Reuters)``, ``mgo/dpa/Reuters``) or with them (``(APA, red.)``, ``(dpa/ab)``, not
    ``(Reuters, 2024)``, a reference), a line that lists two or more agencies
    (``REUTERS, AFP``, ``AP/Reuters``, ``Reuters und AFP``), Japanese ``（共同）`` and
    ``＝共同``;
``with``
    ``With AFP``, ``(With inputs from PTI)``, ``- With AFP and Reuters``, ``avec AFP``,
    ``mit Material von Reuters und AFP`` (agencies joined by and, und, et, y, e), ``Mit
    Material der Nachrichtenagentur dpa``, ``Con información de EFE``, a short byline's ``Staff
    writer, with CNA``, an outlet's or a writer's copy: ``Le Monde avec AFP``, ``Par Le
    Figaro avec AFP``, ``RTVE.es / EFE``, ``By Euronews with AP, AFP``;
``reporting``
    Reuters' closing line ``(Reporting by ...; Editing by ...)`` (it needs both the
    reporting and an editing or writing credit), credited to the registry's Reuters;
    ``additional reporting by AFP`` credits the agency named;
``slash``
    ``/AFP/`` standing apart (not ``Getty Images/AFP/File``, a photo credit);
``attribution``
    prose that attributes the story's facts to an agency: "according to Kyodo News",
    "Kyodo News reported", "reported by Yonhap", "South Korea's Yonhap news agency
    said", "citing Xinhua", "was quoted as saying by the Interfax news agency", the verb
    first when the name ends the clause ("..., reported AP news agency."); an agency the
    registry writes in capitals may be written as a word before "news agency"
    ("according to Tass news agency"); in other languages: "secondo l'agenzia ANSA",
    "lo riferisce l'Ansa", "lo riferisce l'agenzia tedesca Dpa" (an adjective after the
    agency's noun), "selon l'AFP", "a rapporté l'agence Reuters", "según informó
    EFE", "informa la agencia EFE", "berichtet die Nachrichtenagentur dpa", "laut dpa",
    共同通信によると, 新華社通信によると, AP通信によると, ...と時事通信が報じた, 新華社が報道,
    Chinese 据新华社报道 (the registry's names of agencies in Chinese or Japanese script;
    an acronym written as a word, "Ansa", "Afp", counts only in these);
``outlet``
    the article's outlet is itself a wire agency (an AP story on apnews.com): pass the
    :class:`~natojp.metadata.outlets.OutletFinding` as ``outlet=`` and, when no line
    credits that agency, it is listed first with the outlet's evidence.

What is not a credit, by decision:

* An agency as the interviewer: "told Reuters", "said in an interview with AP",
  "spoke to Kyodo News", "intervistato dall'Afp", "a déclaré à l'AFP", "dijo a EFE",
  "sagte der Nachrichtenagentur Reuters", 共同通信の取材に対し: the agency asked the
  questions but supplied nothing to the outlet that prints them. A name that is the
  object of a verb or preposition (told, to, with, for, from, at, in, of, on, via ...)
  is never an attribution.
* An agency's poll or tally: "according to a Kyodo News opinion poll", "un sondaggio
  Ansa", 共同通信社の世論調査によると.
* A name inside a quotation (``"Reuters reported it," he said`` or the
  ``"AP" report``): quoted words are someone else's.
* A name joined to another word: ``AP-style``, ``a Reuters/Ipsos poll``.
* A person's name that is an agency's: "Michael Bloomberg said" (a capitalised word
  right before the name, other than a possessive, "The", a weekday or a month, rules
  the attribution out).
* Photo credits: ``(AP Photo/Eugene Hoshiko)``, ``REUTERS/Issei Kato``, a line that is
  only ``AFP`` under a caption, ``© AFP Photo``: every part of a credit list must name
  an agency, and lines with photo words are not read as copyright or slash credits.
* A line that is only an agency's name among the body's paragraphs, below a photo
  caption or under a teaser after the body (see ``byline``); a text of that line alone.

An alias several outlets share (``CNA``: Taiwan's Central News Agency and Singapore's
Channel NewsAsia, see the registry's ``shared_aliases``) credits the agency unless the
text holds the cues of only another outlet (``Singapore``), which is no wire.

Body text is screened cheaply first: one scan of all the lines
(:meth:`~natojp.metadata.outlets.NameMatcher.naming_lines`) finds those where an
agency's name (or ``Reporting by``, 共同, 時事) begins a word; the others are skipped.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from natojp._text import has_cjk
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
# "With AFP" and in other languages "avec AFP", "con EFE", "mit Material von Reuters",
# "con información de EFE", "mit Material der Nachrichtenagenturen dpa und AFP".
_WITH = re.compile(
    r"(?:^|(?<=[.!?\"'])\s*|[(\[]\s*|[-–—]\s*)(?i:with|avec|con|mit|com|met|med)\s+"
    r"(?:(?i:(?:additional\s+)?(?:inputs?|reporting|information|agency\s+inputs?|wires?"
    r"|contributions?|material|matériel|informations?|informaci[oó]n(?:es)?|informa[cç][aã]o"
    r"|dati|agenzie))\s+(?i:from|by|von|der|des|de|del|da|di|dalla|dalle)\s+"
    r"(?:(?i:(?:der|den|la|las|los|les|l|the)\s+)?(?i:nachrichtenagentur(?:en)?|agencias?|agences?"
    r"|agenzie|agenzia|agências?|agencies|agency)\s+)?)?"
    r"(?P<credit>[^()\[\]]{1,80}?)\s*[)\]]?\s*\.?\s*$"
)
# A short byline that adds an agency: "Staff writer, with CNA", "Jane Doe, avec AFP".
_SHORT_WITH = re.compile(
    r"^[^,]{1,60},\s*(?i:with|avec|con|mit|com)\s+(?P<credit>[^,()]{1,60}?)\s*\.?$"
)
_MAX_SHORT_WITH_WORDS = 12
# "additional reporting by AFP", "(Reporting by Jane Doe; additional reporting by AFP)".
_REPORTING_AGENCY = re.compile(
    r"(?i:(?:additional\s+)?reporting\s+by)\s+(?P<credit>[^;()]{1,60}?)\s*(?=[;)]|\.?\s*$)"
)
# Initials then agencies, as Der Spiegel closes: "mgo/dpa/Reuters", "AFP/ssu".
_INITIALS_PART = re.compile(r"[a-z]{1,4}")
_SLASH_LINE = re.compile(r"^[\w.]{1,30}(?:\s*/\s*[\w.]{1,30}){1,6}$")
_REPORTING = re.compile(r"(?:^|(?<=[.!?\"]\s))\(?\s*(?i:reporting\s+by)\s+\S")
_EDITING = re.compile(r"(?i:\b(?:editing|writing|compiled)\s+by\b)")
_SLASH = re.compile(r"(?:^|(?<=[\s.,(]))/\s*(?P<credit>[^/\s][^/]{0,40}?)\s*/(?=$|[\s.,:;)\-–—])")
_PHOTO_CUE = re.compile(
    r"(?i:\b(?:photo(?:graph)?s?|images?|pictures?|pictured|getty|pool|caption|illustration"
    r"|file)\b)"
)
_MAX_CREDIT_CHARS = 60
_CREDIT_LIST = re.compile(r"^[^,/&;+]{2,40}(?:\s*[,/&;+]\s*|\s+(?i:and|und|et|y|e)\s+)\S")
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
# Prose attributions in other languages. The name follows: "secondo l'agenzia ANSA",
# "riferisce l'ANSA", "selon l'AFP", "a rapporté l'agence Reuters", "según informó EFE",
# "informa la agencia EFE", "berichtet die Nachrichtenagentur dpa", "laut dpa".
# Elided articles are read apart first ("l'ANSA" as "l ANSA"): see _unelide().
_AGENCY_WORDS = (
    r"(?:agenzia|agenzie|agence|agences|agencia|agencias|agência|nachrichtenagentur"
    r"|nachrichtenagenturen|agentur|persbureau|nieuwsagentschap|news\s+agency|agency|wire"
    r"|(?:de|di|d)\s+(?:presse|stampa|prensa|notizie|noticias|notícias|informa[a-z]+)"
    # adjectives of nation or status: japonaise, giapponese, japanische, britannique,
    # russe, statale, officielle ("gegenüber", "a", "al" are none: told, to)
    r"|[a-zà-ÿ]{2,}(?:ese|esi|esa|ise|aise|oise|ais|ane|ana|ano|ani|ena|eno|ien|ienne"
    r"|ique|ica|ico|isch|ische|ischen|ischer|usse|ussa|usso|ale|ali|iale|ielle|elle|tal)"
    # any adjective right after the agency noun: "l'agenzia tedesca Dpa", "l'agence
    # allemande dpa", "la agencia estatal rusa TASS"
    r"|(?:(?<=agenzia\s)|(?<=agence\s)|(?<=agencia\s)|(?<=agência\s)|(?<=agentur\s)"
    r"|(?<=agenturen\s)|(?<=agenzie\s)|(?<=agences\s)|(?<=agencias\s))[a-zà-ÿ]{3,}"
    r")"
)
_ML_ARTICLES = (
    r"(?:l|la|le|les|il|lo|el|the|die|der|den|des|das|del|della|de\s+la|o|a(?=\s+ag[eê]nc))"
)
_ML_LEAD = re.compile(
    r"(?i:\b(?:"
    # Italian
    r"secondo(?:\s+quanto\s+(?:riferisce|riferito|riporta|riportato|scrive|scritto"
    r"|(?:rende|reso)\s+noto|apprende|appreso|anticipa|anticipato|riferiscono|riportano)"
    r"(?:\s+(?:da|dal|dalla|dall))?)?"
    r"|(?:(?:lo|la|le|li|ne)\s+)?(?:riferisce|riferiscono|riporta|riportano|scrive|scrivono"
    r"|(?:rende|ha\s+reso)\s+noto|anticipa|ha\s+riferito|ha\s+riportato|ha\s+scritto"
    r"|ha\s+anticipato)"
    r"|(?:come\s+)?(?:riferito|riportato|scritto|anticipato|citato|citati|citata)\s+"
    r"(?:da|dal|dalla|dall)"
    r"|stando\s+a|citando"
    # French
    r"|selon|d\s+après|(?:a\s+|ont\s+)?(?:rapporté|rapporte|rapportent|indiqué|indique"
    r"|annoncé|écrit|écrivait|précisé|précise|relayé|relaie|affirmé|affirme|rapportait"
    r"|indiquait)"
    r"|(?:cité|citée|cités|rapporté|rapportés|relayé|relayée)s?\s+par|citant"
    # Spanish, Portuguese
    r"|según(?:\s+(?:ha\s+|han\s+)?(?:informó|informa|informado|informaron|publicó"
    r"|publica|publicado|recoge|recogió|recogido|reportó|adelantó|adelantado|difundió"
    r"|difundido|indicó|señaló|explicó))?"
    r"|de\s+acuerdo\s+con|segundo|conforme"
    r"|(?:ha\s+|han\s+)?(?:informó|informa|informado|publicó|publica|recoge|recogió|difundió"
    r"|reportó|adelantó|noticiou|informou|divulgou)"
    r"|(?:citad[oa]s?|informad[oa]s?|recogid[oa]s?|difundid[oa]s?|publicad[oa]s?)\s+por"
    r"|citando\s+a"
    # German, Dutch
    r"|laut|zufolge|unter\s+Berufung\s+auf"
    r"|nach\s+(?:Angaben|Informationen|Berichten|einem\s+Bericht)\s+(?:der|des|von)"
    r"|(?:berichtet|berichtete|berichten|berichteten|meldet|meldete|melden|schreibt|schrieb"
    r"|zitiert|zitierte)"
    r"|volgens|meldt|meldde|aldus"
    r"))\s+(?:" + _ML_ARTICLES + r"\s+)?"
    r"(?:(?i:" + _AGENCY_WORDS + r")\s+){0,4}$"
)
# The name first: "l'Ansa riferisce", "Reuters rapporte que", "EFE informó",
# "die Nachrichtenagentur dpa berichtete", "dpa zufolge", "wie Reuters meldet".
_ML_TAIL = re.compile(
    r"\s*,?\s+(?i:(?:ha\s+|aveva\s+|a\s+|avait\s+|hat\s+|hatte\s+|había\s+)?"
    r"(?:riferisce|riferito|riporta|riportato|scrive|scritto|rende\s+noto|reso\s+noto"
    r"|apprende|appreso|rapporte|rapporté|indique|indiqué|précise|précisé|affirme|affirmé"
    r"|informó|informa|informado|publicó|publica|publicado|reportó|adelantó|difundió|indicó"
    r"|señaló|recoge|recogió|informou|noticiou|berichtet|berichtete|meldet|meldete|gemeldet"
    r"|schreibt|schrieb|zufolge|meldt|meldde))\b"
)
# An agency's name written as a word in a language that writes acronyms so: "l'Ansa",
# "dall'Afp", "la Efe" (read only in an attribution: "intervistato dall'Afp" is not).
_TITLE_ACRONYM = re.compile(r"(?<![\w-])[A-Z][a-z]{1,4}(?![\w-])")
_ELISION = re.compile(r"(?<![\w'])(?i:l|d|dall|all|dell|nell|sull|coll|qu|s|n|j|c|un)'(?=\w)")
# After the name: a poll or survey is its product, not the story's source.
_POLL_AFTER = re.compile(
    r"(?:\s+[\w-]+){0,2}?\s+(?i:(?:opinion\s+)?polls?|surveys?|sondages?|sondaggi[oa]?"
    r"|encuestas?|umfragen?|pesquisas?|peilingen?|tally)\b"
)
# Agency nouns that may stand capitalised before a name ("Nachrichtenagentur dpa").
_AGENCY_NOUNS = frozenset(
    {"Nachrichtenagentur", "Agentur", "Agence", "Agenzia", "Agencia", "Agency", "Presse"}
)

# Japanese: 共同通信によると, 聯合ニュースによれば, ...と時事通信が報じた; closing （共同）
# and ＝共同 (NFKC: (共同), =共同); a photo's 写真＝共同 is no credit.
_JA_AFTER = (
    r"(?:通信)?(?:社)?(?:の(?:報道|記事|電子版|配信))?"
    r"(?:によると|によれば|が報じた|は報じた|が伝えた|が報道した|が報道|が配信した|の報道では)"
)
# Chinese: 据新华社报道, 據路透社報導, 新华社消息.
_ZH_BEFORE = "(?:据|據)"
_ZH_AFTER = "(?:报道|報道|報導|消息)"
_JA_PHOTO = re.compile(r"写真|撮影|画像|映像|提供|イラスト|図表")
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
    if _POLL_AFTER.match(text, end):
        return None  # "according to a Kyodo News opinion poll"
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


def _unelide(text: str) -> str:
    """``text`` with elided articles read apart: ``l'ANSA`` as ``l ANSA`` (same length)."""
    if "'" not in text:
        return text
    return _ELISION.sub(lambda m: m.group()[:-1] + " ", text)


def _foreign_attribution(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of a prose attribution in another language around ``text[start:end]``."""
    if _POLL_AFTER.match(text, end):
        return None
    window = max(0, start - 100)
    m = _ML_LEAD.search(text[window:start])
    if m is not None:
        return window + m.start(), end
    tail = _ML_TAIL.match(text, end)
    if tail is None:
        return None
    previous = _PREVIOUS_WORD.search(text[window:start])
    if previous is not None:
        word = previous.group(1)
        if (
            word[:1].isupper()
            and not word.isupper()
            and word not in _NOT_A_FIRST_NAME
            and word not in _AGENCY_NOUNS
        ):
            return None  # "Michael Bloomberg scrive"
    return start, tail.end()


@functools.lru_cache(maxsize=8)
def _cjk_names(matcher: NameMatcher) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The registry's wire names in Chinese or Japanese script (and 共同, 時事): the names,
    the prose credit (共同通信によると) and the closing credit ((共同), =共同)."""
    names = {
        written or key  # "AP通信" as written: its Latin letters match so written only
        for key, (written, e) in matcher.keys.items()
        if e.is_wire and has_cjk(key)
    }
    names |= {"共同", "時事"}
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    prose = re.compile(
        rf"(?P<name>{alternatives}){_JA_AFTER}|{_ZH_BEFORE}(?P<zh>{alternatives}){_ZH_AFTER}"
    )
    closing = re.compile(
        rf"(?:\((?:[^()=A-Za-z]{{0,12}}=)?(?P<a>{alternatives})(?:通信)?\)"
        rf"|(?<![A-Za-z])=(?P<b>{alternatives})(?:通信)?)\s*[。.]?\s*$"
    )
    return re.compile(alternatives), prose, closing


def _cjk_entry(matcher: NameMatcher, name: str) -> Outlet | None:
    entry = matcher.lookup({"共同": "共同通信", "時事": "時事通信"}.get(name, name))
    return entry if entry is not None and entry.is_wire else None


def _japanese_credits(matcher: NameMatcher, line: str) -> list[tuple[int, Outlet, str, str]]:
    """Japanese prose and closing credits: 共同通信によると, ...と時事通信が報じた,
    （共同）, ＝共同 (``line`` cleaned: NFKC)."""
    _, prose, closing = _cjk_names(matcher)
    found: list[tuple[int, Outlet, str, str]] = []
    for m in prose.finditer(line):
        name = m["name"] or m["zh"]
        entry = _cjk_entry(matcher, name)
        if entry is not None and not (name in ("共同", "時事") and _glued(line, m.start())):
            found.append((m.start(), entry, "attribution", m.group()))
    close = closing.search(line)
    if close is not None and not _JA_PHOTO.search(line[max(0, close.start() - 12) : close.end()]):
        entry = _cjk_entry(matcher, close["a"] or close["b"])
        if entry is not None:
            found.append((close.start(), entry, "trailing", close.group().strip()))
    return found


def _glued(line: str, start: int) -> bool:
    """Whether a short form 共同/時事 is the end of a longer word (共同 in 日米共同)."""
    return start > 0 and has_cjk(line[start - 1]) and line[start - 1] not in "、。「」『』()【】 の"


def _initials_and_agencies(matcher: NameMatcher, line: str) -> list[Outlet]:
    """The agencies of a closing line of editors' initials and agencies:
    ``mgo/dpa/Reuters``, ``AFP/ssu`` (every other part lower-case initials)."""
    if len(line) > 80 or not _SLASH_LINE.match(line) or _PHOTO_CUE.search(line):
        return []
    parts = [p.strip() for p in line.split("/")]
    agencies: list[Outlet] = []
    initials = 0
    for part in parts:
        entry = matcher.lookup(part)
        if entry is not None and entry.is_wire:
            agencies.append(entry)
        elif _INITIALS_PART.fullmatch(part):
            initials += 1
        else:
            return []
    return agencies if initials and agencies else []


_PAREN_BEFORE_STOP = re.compile(r"(?<=\w)\s+\(\s*(?P<credit>[^()]{1,30}?)\s*\)\s*\.\s*$")


def _closing_paren(matcher: NameMatcher, line: str) -> re.Match[str] | None:
    """A credit in brackets before a paragraph's full stop: ``... den Plan (dpa).``; not
    an agency's own short form after its name (``the Associated Press (AP).``)."""
    m = _PAREN_BEFORE_STOP.search(line) if line.endswith(".") else None
    if m is None:
        return None
    before = line[max(0, m.start() - 80) : m.start()]
    ends = [end for _, end, _ in matcher.occurrences(before)]
    if ends and ends[-1] == len(before):
        return None  # "the Associated Press (AP)."
    return m


# An editor's initials or mark beside the agency in a closing bracket, as Austrian and
# German papers write it: "(APA, red.)", "(dpa/ab)", "(APA, 12.3.2025)"; a bare year is
# none ("(Reuters, 2024)" cites a source).
_EDITOR_PART = re.compile(r"[a-zäöü]{1,4}\.?|\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})?")


def _closing_agencies(matcher: NameMatcher, credit: str) -> list[Outlet]:
    """The agencies of a closing bracket's credit: agencies only (``AP/Reuters``), or
    agencies and an editor's initials (``APA, red.``)."""
    wires = _wires_of(matcher.resolve_credits(credit))
    if wires or len(credit) > 40 or _PHOTO_CUE.search(credit):
        return wires  # "(Reuters, file)" is a photo's
    agencies: list[Outlet] = []
    for part in (p.strip() for p in re.split(r"[,/;]", credit)):
        entry = matcher.lookup(part)
        if entry is not None and entry.is_wire:
            agencies.append(entry)
        elif not _EDITOR_PART.fullmatch(part):
            return []
    return agencies


def _source_credits(matcher: NameMatcher, credit: str) -> list[Outlet]:
    """The outlets a "Source:" label names, an agency's acronym written as a word too
    (``Fonte: Ansa``, ``Fuente: Efe``)."""
    found = matcher.resolve_credits(credit)
    if not found and _TITLE_ACRONYM.fullmatch(credit.strip(" .")):
        entry = matcher.lookup(credit.strip(" .").upper())
        if entry is not None and entry.is_wire:
            found = [entry]
    return found


def _wires_of(entries: Iterable[Outlet]) -> list[Outlet]:
    return [e for e in entries if e.is_wire]


_REPORTING_BY = re.compile(r"reporting by", re.IGNORECASE)
_WIDE_OR_BRACKET = re.compile("[\uff01-\uff5e【]")  # full-width letters (NFKC) and 【共同】


def _may_credit(raw: str, matcher: NameMatcher) -> bool:
    """Whether a raw line can hold a credit :func:`_line_credits` would find (cheap)."""
    if matcher.may_name_wire(raw) or _REPORTING_BY.search(raw) is not None:
        return True
    if _WIDE_OR_BRACKET.search(raw) is not None:
        return True
    return has_cjk(raw) and _cjk_names(matcher)[0].search(raw) is not None


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
    titled = _TITLED_AGENCY.search(line) is not None or _TITLE_ACRONYM.search(line) is not None
    if has_cjk(line):
        found.extend(_japanese_credits(matcher, line))
    if not (reporting or titled or "【" in line or has_cjk(line)):
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
    # "(APA, red.)" after the last sentence; before its full stop ("... den Plan (dpa).")
    # agencies only: "(Reuters, 2024)." there is a reference.
    closing = _closing_agencies(matcher, paren["credit"]) if paren is not None else []
    if paren is None:
        paren = _closing_paren(matcher, line)
        closing = _wires_of(matcher.resolve_credits(paren["credit"])) if paren else []
    if paren is not None:
        for w in closing:
            found.append((paren.start(), w, "trailing", paren.group(0).strip()))
    with_ = _WITH.search(line)
    if with_ is not None:
        for w in _wires_of(matcher.resolve_credits(with_["credit"])):
            found.append((with_.start(), w, "with", with_.group(0).strip()))
    short = _SHORT_WITH.match(line) if len(line.split()) <= _MAX_SHORT_WITH_WORDS else None
    if short is not None and not _PHOTO_CUE.search(line):  # "Staff writer, with CNA"
        found.extend(
            (0, w, "with", line) for w in _wires_of(matcher.resolve_credits(short["credit"]))
        )
    if reporting:  # "additional reporting by AFP"
        for m in _REPORTING_AGENCY.finditer(line):
            for w in _wires_of(matcher.resolve_credits(m["credit"])):
                found.append((m.start(), w, "reporting", m.group().strip()))
    if "/" in line:  # "mgo/dpa/Reuters"
        found.extend((0, w, "trailing", line) for w in _initials_and_agencies(matcher, line))
    joint = matcher.publisher_with(line)  # "Le Monde avec AFP", "RTVE.es / EFE"
    if joint is not None:
        found.extend((0, w, "with", line) for w in joint[1])
    for label in _SOURCE_LABEL.finditer(line):  # "9. April 2025, 14:32 Uhr Quelle: DPA"
        for w in _wires_of(_source_credits(matcher, label["credit"])):
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

    masked = _mask_quotes(_unelide(line))
    named: set[int] = set()
    for start, end, entry in matcher.occurrences(masked, wires_only=True):
        words = line[start:end]
        if words[:4].casefold() == "the ":
            words = words[4:]
        if words[:1].islower() and " ".join(words.split()) not in matcher.exact_forms:
            # "antara lain": a lower-case word, unless the alias is so written; but
            # "la agencia EFE" names EFE.
            rest = words.split(None, 1)
            shorter = matcher.lookup(rest[1]) if len(rest) == 2 else None
            if shorter is None or not shorter.is_wire:
                continue
            start, entry = end - len(rest[1]), shorter
        named.add(start)
        span = _attribution(masked, start, end) or _foreign_attribution(masked, start, end)
        if span is not None:
            found.append((start, entry, "attribution", line[span[0] : span[1]].strip()))
    for acronym in _TITLE_ACRONYM.finditer(masked):  # "riferisce l'Ansa"
        if acronym.start() in named:
            continue
        agency = matcher.lookup(acronym.group().upper())
        if agency is None or not agency.is_wire or matcher.lookup(acronym.group()) is not None:
            continue
        span = _foreign_attribution(masked, acronym.start(), acronym.end())
        if span is not None:
            found.append((acronym.start(), agency, "attribution", line[span[0] : span[1]]))
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


_BODY_WORDS = 12  # a line of this many words (or 40 CJK characters) is body text
_DECORATION = " \t|•·*#>_=~:-–—"
_BYLINE_SEGMENTS = re.compile(r"\s+[|•·]\s+|\s*\|\s*")


def _is_body(text: str) -> bool:
    """A paragraph of the body: long and closed like a sentence (a headline is not)."""
    long = len(text.split()) >= _BODY_WORDS or (has_cjk(text) and len(text) >= 40)
    return long and text.rstrip()[-1:] in ".!?。」\"')»"


def _bare_agency(matcher: NameMatcher, text: str) -> Outlet | None:
    """The agency a line is only the name of (``PTI``), or that with a date after a
    separator (``Xinhua | Updated: 2025-03-09 10:27``)."""
    core = text.strip(_DECORATION)
    entry = matcher.masthead_name(core) if core else None
    if entry is None and core:
        # "Xinhua | Updated: ...", or after a section: "India News | Press Trust of
        # India | Updated: ..." (the parts after the agency hold its date).
        parts = [p.strip(_DECORATION) for p in _BYLINE_SEGMENTS.split(core)]
        for i, part in enumerate(parts[:3]):
            if not part or not all(any(c.isdigit() for c in p) for p in parts[i + 1 :]):
                continue
            if i and (len(parts) == i + 1 or any(_not_a_section(p) for p in parts[:i])):
                continue
            entry = matcher.masthead_name(part)
            if entry is not None:
                break
    return entry if entry is not None and entry.is_wire else None


def _may_name(order: int, text: str, naming: set[int]) -> bool:
    """Whether the line at ``order`` may be an agency's name: it names one
    (``naming``), or is one word with a dot (a bare domain such as ``efe.com``)."""
    return order in naming or ("." in text and len(text.split()) == 1)


def _may_be_domain(raw: str) -> bool:
    """Whether a raw line is one word with a dot once cleaned, as :func:`_may_name`
    asks of a line no name begins (an ASCII line is cleaned by folding its spaces)."""
    text = raw if raw.isascii() else clean_line(raw)
    return "." in text and len(text.split(None, 1)) == 1  # one word: no second


def _not_a_section(part: str) -> bool:
    """Whether a part before a byline's agency is no section's name (a section is a
    few words without digits: "India News")."""
    return not part or len(part.split()) > 3 or any(c.isdigit() for c in part)


def _bylines_alone(
    matcher: NameMatcher,
    items: list[tuple[int | None, str]],
    basis: str,
    naming: set[int],
) -> list[tuple[int, int, WireCredit]]:
    """An agency alone on a byline line (``PTI``, ``EFE``, ``時事通信``, ``Xinhua |
    Updated: 2025-03-09``) above the body or closing the text; not a line among body
    paragraphs, nor one below a photo caption (a photo credit), nor a line alone. An
    agency's masthead on its own page credits that agency too. ``naming``: the
    positions of the lines that may name an agency (:meth:`NameMatcher.naming_lines`);
    only those, and bare domains, are looked up: a text with neither (most texts) is
    not read further."""
    if not naming and not any(_may_be_domain(raw) for _, raw in items):
        return []
    numbered = all(number is not None for number, _ in items)
    places: dict[int, tuple[int, str]] = {}  # place in the text -> (order, cleaned text)
    for order, (number, raw) in enumerate(items):
        text = clean_line(raw)
        if text:
            places.setdefault(number if numbered and number is not None else order, (order, text))
    if len(places) < 2:
        return []
    keys = sorted(places)
    body = [k for k in keys if _is_body(places[k][1])]
    found: list[tuple[int, int, WireCredit]] = []
    for i, key in enumerate(keys):
        order, text = places[key]
        if body and body[0] < key < body[-1]:
            continue
        previous = places[keys[i - 1]][1] if i else ""
        if len(text) > 80 or _PHOTO_CUE.search(previous):
            continue
        if body and key > body[-1]:
            before = places[keys[i - 1]][0] if i else -1
            if not (
                _is_body(previous)
                or (_may_name(before, previous, naming) and _bare_agency(matcher, previous))
            ):
                continue  # after the body only as its closing line, not under a teaser
        if not _may_name(order, text, naming):
            continue
        core = text.strip(_DECORATION)
        entry = _bare_agency(matcher, core)
        if entry is not None:
            number = items[order][0]
            credit = WireCredit(entry.name, Evidence(basis, core, number), entry, "byline")
            found.append((order, 0, credit))
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
    naming = matcher.naming_lines(raws, wires_only=True)
    for order in sorted(naming):
        number, raw = items[order]
        if not _may_credit(raw, matcher):
            continue  # most lines of a body name no agency: skip the full reading
        text = clean_line(raw)
        for offset, entry, form, words in _line_credits(matcher, text, reuters):
            credit = WireCredit(entry.name, Evidence(basis, words, number), entry, form)
            hits.append((order, offset, credit))
    hits.extend(_bylines_alone(matcher, items, basis, naming))
    hits.sort(key=lambda hit: (hit[0], hit[1]))
    credits: dict[str, WireCredit] = {}
    for _, _, credit in hits:
        group = matcher.shared(credit.entry, clean_line(credit.evidence.text))
        if group:  # "with CNA": Taiwan's agency unless the text points elsewhere
            chosen = matcher.by_cues(group, raws) or group[0]
            if not chosen.is_wire:
                continue
            credit = WireCredit(chosen.name, credit.evidence, chosen, credit.form)
        credits.setdefault(credit.name, credit)
    own = outlet.entry if outlet is not None else None
    if outlet is not None and own is not None and own.is_wire and own.name not in credits:
        return (WireCredit(own.name, outlet.evidence, own, "outlet"), *credits.values())
    return tuple(credits.values())
