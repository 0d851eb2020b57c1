"""Outlet names: cleaning a line, the forms a line names an outlet in, and
:class:`NameMatcher`, the registry's names compiled for matching.

Private to :mod:`natojp.metadata.outlets`, which re-exports :class:`NameMatcher`,
:func:`clean_line` and :data:`SOURCE_WORDS`; the rules are in its docstring.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterator, Sequence

from natojp._text import has_cjk, normalise
from natojp.metadata._name_scan import _Scan, _scan_bytes
from natojp.metadata._outlet_model import (
    _RANK,
    Outlet,
    OutletMention,
    _host_and_domain,
)

_MAX_ALIAS_TOKENS = 10


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
# A site's menu: four or more short parts and no digit ("Top News | World News |
# Defense News | Science"): a name inside it is a section's, not a masthead.
_MENU_ITEM_WORDS = 3
_MENU_ITEMS = 4

# "By" in other languages: Par (fr), Von (de), Di (it), Por (es, pt), Door (nl), Av (sv).
_BY = re.compile(
    r"^(?i:(?:written|reported|story|words|text)\s+)?(?i:by|par|von|di|por|door|av)\s+"
    r"(?P<rest>\S.*)$"
)
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
# Japanese datelines: 【ワシントン共同】 (Kyodo), 【東京時事】 (Jiji), and as newspapers
# write an agency's copy, 【ワシントン=共同】 or (ワシントン=共同) (＝ and （） after NFKC).
_JA_DATELINE = re.compile(
    r"^(?:【(?P<place>[^【】=]{0,20}?)=?(?P<credit>共同|時事)(?:通信)?】"
    r"|\((?!写真|撮影|画像|映像|提供)(?P<place2>[^()=]{1,20})=(?P<credit2>共同|時事)(?:通信)?\))"
)
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

# Credits joined by "and" in the languages of the credits: "Reuters und AFP", "AP et
# AFP", "EFE y AFP", "Ansa e Reuters".
_CREDIT_SPLIT = re.compile(r"\s*(?:/|,|;|&|\+|\b(?:and|und|et|y|e)\b)\s*")


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


_MEMO_LINES = 4096


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
        # Shared aliases ("CNA"): looked up, they give one of their outlets, a wire
        # agency first (a credit form names an agency); shared() tells the others.
        groups: dict[str, list[Outlet]] = {}
        written: dict[str, str | None] = {}
        for entry in outlets:
            for alias in entry.shared_aliases:
                tokens = _TOKEN.findall(clean_line(alias))
                key = _key(tokens)
                groups.setdefault(key, []).append(entry)
                written[key] = " ".join(tokens) if _case_sensitive(alias) else None
                self.exact_forms.add(" ".join(tokens))
        self.shared_keys: dict[str, tuple[Outlet, ...]] = {}
        for key, users in groups.items():
            users.sort(key=lambda e: not e.is_wire)
            self.shared_keys[key] = tuple(users)
            if key not in self.keys:
                self._add(key, written[key], users[0])
        self._cues = {
            entry: _cue_pattern(entry) for users in self.shared_keys.values() for entry in users
        }
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

    def shared(self, entry: Outlet, text: str) -> tuple[Outlet, ...]:
        """The outlets that may be meant where ``text`` names ``entry`` only by an alias
        it shares with others (``CNA``), else ``()``."""
        if entry not in self._cues:
            return ()
        group: tuple[Outlet, ...] = ()
        for start, end, found in self.occurrences(text):
            if found != entry:
                continue
            words = _TOKEN.findall(text[start:end])
            if words and words[-1][-2:].lower() == "'s":
                words[-1] = words[-1][:-2]
            users = self.shared_keys.get(_key(words))
            if users is None:
                return ()  # named by its own name too
            group = users
        return group

    def by_cues(self, group: Sequence[Outlet], context: Sequence[str]) -> Outlet | None:
        """The one outlet of ``group`` whose cues (or domains) ``context`` has, else None
        (no cue, or cues of several)."""
        hits = [
            entry
            for entry in group
            if (pattern := self._cues.get(entry)) is not None
            and any(pattern.search(text) for text in context)
        ]
        return hits[0] if len(hits) == 1 else None

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

    def masthead_name(self, text: str, *, governments: bool = False) -> Outlet | None:
        """The outlet a masthead's text names: a name or alias, one followed by a word
        for its website ("Spiegel Online", "読売新聞オンライン") or its bare domain
        ("RTVE.es"); governments' names are topic tags, not mastheads, unless
        ``governments`` (a site's own header, see :func:`~natojp.metadata.outlets.find_outlet`)."""
        entry = self.lookup(text)
        if entry is None:
            bare = _SITE_SUFFIX.sub("", text)
            if bare and bare != text:
                entry = self.lookup(bare)
        if entry is None and _BARE_DOMAIN.match(text):
            entry = self.by_domain(text.lower())
        if entry is None or (entry.type in _NOT_MASTHEADS and not governments):
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
        # ("Jane Doe | Kyodo News | April 9, 2025"); in a site's menu only the first
        # ("The Japan Times | News | National"): the others are its sections.
        if _is_menu(segments):
            candidates = segments[:1]
        elif words <= 12:
            candidates = segments
        else:
            candidates = [segments[0], segments[-1]]
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
            entry = self.lookup(_SHORT_FORMS[m["credit"] or m["credit2"]])
            if entry is not None:
                return [(entry, 0, m.group(0))]
        return []


def _is_menu(segments: Sequence[str]) -> bool:
    """Whether a line's parts are a site's menu: four or more short parts, no digit."""
    return len(segments) >= _MENU_ITEMS and all(
        len(s.split()) <= _MENU_ITEM_WORDS and not any(c.isdigit() for c in s) for s in segments
    )


def _cue_pattern(entry: Outlet) -> re.Pattern[str] | None:
    """Words that tell a shared alias names ``entry``: its cues and its domains."""
    parts = [
        re.escape(cue) if has_cjk(cue) else r"(?<!\w)" + re.escape(cue) + r"(?!\w)"
        for cue in (*entry.cues, *entry.domains)
    ]
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


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
