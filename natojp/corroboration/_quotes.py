"""Direct quotes in a paragraph and who said them.

Quote marks: “…”, "…", „…“, '…' and ‘…’ (an apostrophe inside a word, "Japan's", or
after a plural, "members' summit", does not close one), «…» and ‹…›, 「…」 and 『…』
(『』 inside 「」 stays part of the outer quote). A quote opened with ' and closed
with " (a common typing slip) is still one quote. A quote left open at the end of the
paragraph counts when the paragraph starts with it (the convention for a quote that
runs on into the next paragraph). Quotes shorter than ``min_words`` words (six
characters in Japanese or Chinese) are scare quotes or terms, not speech, and are
dropped, and so are names and titles in quote marks (capitalised words only; in
Japanese, kanji and katakana without hiragana).

The speaker, in this order:

1. **after** the quote, in its sentence: ``…," Izawa said``, ``…," said Osamu Izawa,
   Tokyo's first ambassador``, ``…," he added``, ``…," according to X``, ``…," X told
   Reuters``, ``…," said a senior official`` (a description, not a name). A quote that
   ends its sentence (``…priority.” She added``) has no attribution after it;
2. **before** it: ``Izawa said:``, ``Izawa said that``, ``X said in a statement,``,
   ``X told reporters on Friday,``, ``According to X,``, and colon introductions at the
   start of a sentence (``Izawa: “…”``);
3. Japanese: ``「…」と述べた`` (語った, 話した, 強調した, 説明した...) with the name
   before the quote in the sentence (``中谷防衛相は「…」と述べた``: 中谷, role 防衛相),
   or between と and the verb (``「…」と中谷氏は述べた``);
4. a later quote in a paragraph where an earlier quote has a speaker is that
   speaker's (``basis="paragraph"``, or ``description`` for a described speaker); a
   paragraph that is only a quote, within two paragraphs of a quote with a speaker,
   continues the last speaker (``basis="continuation"``).

A pronoun (he, she, they; il, elle; er, sie) is resolved to the last named speaker
before the quote in the paragraph, else in the article's previous paragraphs
(``basis="pronoun"``); reported speech without quote marks names speakers too
("Grgic said the firms would gain ..." makes a later "she added" Grgic's). Titles
are split from names: "Defence Minister Gen Nakatani" is speaker "Gen Nakatani" with
role "Defence Minister"; an appositive after the name (", a security analyst at ...")
becomes the role when there is no title. A description ("a senior automaker official")
is kept as the speaker with ``basis="description"``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from natojp._pickling import quick_state
from natojp._text import CJK
from natojp.corroboration._common import (
    CAP_WORD,
    NAME_PARTICLES,
    NOT_NAMES,
    SPEECH_VERBS,
    speech_subjects,
    split_role,
)

_VERBS_OTHER = (
    r"a\s+déclaré|a\s+dit|a\s+affirmé|a\s+expliqué|a\s+souligné|a\s+ajouté|déclare|"
    r"explique|ajoute|estime|sagte|erklärte|betonte|fügte\s+hinzu|dijo|afirmó|declaró|"
    r"explicó|ha\s+detto|ha\s+dichiarato|ha\s+spiegato|disse|afirmou"
)
_VERB = rf"(?:{SPEECH_VERBS}|{_VERBS_OTHER})"
_PRONOUNS = frozenset({"he", "she", "they", "il", "elle", "er", "sie"})
_PRONOUN = r"(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]l|[Ee]lle|[Ee]r|[Ss]ie)"
_NAME = rf"{CAP_WORD}(?:\s+(?:{NAME_PARTICLES}\s+)*{CAP_WORD}){{0,5}}"
_WHO = rf"(?P<who>{_NAME}|{_PRONOUN})"
_DESCRIPTION = r"(?P<desc>(?:an?|the|one|two|three)\s+[^,.;:!?\"“”«»「」]{3,90}?)"
_APPOSITIVE = re.compile(r",\s+(?P<role>(?:an?|the)\s+[^,.;:!?\"“”]{3,120}?)(?=[,.;]|$)")

# After a quote (the text from its closing mark, stripped of commas and spaces).
_AFTER_WHO_VERB = re.compile(rf"^{_WHO}\s+(?:has\s+|had\s+|also\s+|then\s+)?{_VERB}\b")
_AFTER_VERB_WHO = re.compile(rf"^{_VERB}\s+(?:(?P<name>{_NAME})|{_DESCRIPTION}(?=[,.;]|$))")
_AFTER_DESC_VERB = re.compile(rf"^{_DESCRIPTION}\s+{_VERB}\b")
_AFTER_ACCORDING = re.compile(rf"^(?:according\s+to|selon|laut|según|secondo)\s+(?P<name>{_NAME})")
# Before a quote (the text from the start of its sentence or the previous quote).
_BEFORE_WHO_VERB = re.compile(
    rf"(?:^|(?<=[\s(—–-]))(?:(?:the|The)\s+)?{_WHO}(?:,[^,]{{1,80}},|,)?\s+"
    rf"(?:has\s+|had\s+|also\s+|then\s+)?(?:{_VERB}\b[^.!?\"“”«»「」]{{0,120}}"
    r"|(?:called|described|termed)\b[^.!?\"“”«»「」]{0,60})$"
)
_BEFORE_ACCORDING = re.compile(
    rf"(?:^|\s)(?:[Aa]ccording\s+to|[Ss]elon|[Ll]aut|[Ss]egún|[Ss]econdo)\s+(?P<name>{_NAME})"
    r"(?:,[^,]{0,80})?,?\s*$"
)
_BEFORE_COLON = re.compile(rf"^\s*(?P<name>{_NAME})\s*:\s*$")
_BEFORE_DESC = re.compile(rf"^\s*{_DESCRIPTION}\s+{_VERB}\s*(?:[,:]|\bthat)\s*$")

# Japanese: 「…」と(name は)述べた.
_JA_VERB = (
    r"(?:述べ|語っ|語り|話し|強調し|説明し|指摘し|明らかにし|発表し|訴え|主張し|答え|言っ"
    r"|述べる|語る|話す)"
)
_JA_AFTER = re.compile(
    rf"^と(?:(?P<name>[{CJK}・ー]{{1,12}}?)(?P<suffix>氏|さん)?(?:は|が))?、?{_JA_VERB}"
)
_JA_ROLES = (
    "事務総長|防衛相|外相|財務相|経済産業相|経産相|官房長官|首相|大臣|長官|大使|報道官|"
    "社長|会長|議員|氏|さん|教授|研究員|司令官|幕僚長"
)
_JA_WHO = re.compile(
    rf"(?P<name>[{CJK}・ー]{{1,10}}?)(?P<role>{_JA_ROLES})?(?:は|が)(?:[^「」。]{{0,30}})$"
)

_ANY_MARK = re.compile(r"[\"'“”„‘’«‹「『]")
_OPEN_CJK = {"「": "」", "『": "』"}
_QUOTE_MARK = re.compile(r"[\"'“”„‘’‚«»‹›「」『』]")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_CJK_CHAR = re.compile(f"[{CJK}]")
_HIRAGANA = re.compile("[\u3041-\u309f]")
_KATAKANA = re.compile("[\u30a1-\u30fa]")


@quick_state
@dataclass(frozen=True, slots=True)
class QuoteMention:
    """One direct quote in one article: its ``text`` (inside the marks), the
    paragraph (0-based index into ``Article.paragraphs``) and the character span of
    the text in it, the ``speaker`` (None when no attribution was found), the
    speaker's ``role`` ("Defence Minister", "a security analyst at ...", or ""), and
    the ``basis`` of the attribution: ``after``, ``before``, ``colon``,
    ``according``, ``pronoun``, ``paragraph``, ``continuation``, ``description``, ``ja``
    or ``none``."""

    article_id: str
    paragraph: int
    start: int
    end: int
    text: str
    speaker: str | None
    role: str = ""
    basis: str = "none"


def _opener(text: str, i: int, ch: str) -> bool:
    """Whether a straight or ambiguous mark at ``i`` can open a quote: nothing or a
    space or opening punctuation before it, a character (not a space) after it."""
    prev = text[i - 1] if i else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if nxt.isspace():
        return False
    if ch in "'‘" and prev.isalnum():
        return False  # an apostrophe: Japan's, ‘90s after a digit
    return prev.isspace() or prev in "([{—–-:;/,…" or i == 0


def _closer(text: str, i: int, ch: str) -> bool:
    """Whether a straight or curly mark at ``i`` can close a quote: a character before
    it, and not an apostrophe inside a word (Japan's) or after a plural's s
    ("leaders' summit")."""
    prev = text[i - 1] if i else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if prev.isspace():
        return False
    if ch in "'’":
        if prev.isalnum() and nxt.isalnum():
            return False
        if prev in "sS" and nxt == " " and text[i + 2 : i + 3].islower():
            return False
    return True


def quote_spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of the quoted texts (inside the marks) of ``text``."""
    spans: list[tuple[int, int]] = []
    open_at = -1
    kind = ""
    depth = 0
    for m in _QUOTE_MARK.finditer(text):
        i, ch = m.start(), m.group()
        if open_at < 0:
            if ch in "“„" or (ch == '"' and _opener(text, i, ch)):
                kind, open_at = "double", i
            elif ch in "'‘" and _opener(text, i, ch):
                kind, open_at = "single", i
            elif ch in "«‹":
                kind, open_at = ch, i
            elif ch in _OPEN_CJK:
                kind, open_at, depth = ch, i, 1
            continue
        if kind == "double":
            if (ch in '”"' and _closer(text, i, ch)) or (ch == "“" and text[open_at] == "„"):
                spans.append((open_at + 1, i))
                open_at = -1
        elif kind == "single":
            if ch in "'’\"" and _closer(text, i, ch):
                spans.append((open_at + 1, i))
                open_at = -1
        elif kind in "«‹":
            if ch == ("»" if kind == "«" else "›"):
                spans.append((open_at + 1, i))
                open_at = -1
        elif ch == kind:
            depth += 1
        elif ch == _OPEN_CJK[kind]:
            depth -= 1
            if depth == 0:
                spans.append((open_at + 1, i))
                open_at = -1
    if open_at == 0 or (open_at > 0 and not text[:open_at].strip()):
        spans.append((open_at + 1, len(text)))  # runs on into the next paragraph
    return spans


def _is_speech(text: str, min_words: int, ja: bool) -> bool:
    """Whether quoted text can be speech: long enough, and not a name or title in
    quote marks ("Japan-EU Seabed and Space Security Initiative", 「琉球テレコム」:
    capitalised words only; kanji and katakana without any hiragana)."""
    if _CJK_CHAR.search(text):
        if (ja or _KATAKANA.search(text)) and not _HIRAGANA.search(text):
            return False
        return len(_CJK_CHAR.findall(text)) >= 6
    words = _WORD.findall(text)
    if len(words) < min_words:
        return False
    long_words = [w for w in words if len(w) >= 4 and w[0].isalpha()]
    titled = len(long_words) >= 2 and all(w[0].isupper() for w in long_words)
    return not (titled and not text.rstrip().endswith((".", "!", "?", ",")))


def _name_from(run: str) -> tuple[str, str] | None:
    """``(name, role)`` from a capitalised run, or None when it is not a name."""
    run = run.strip().rstrip(",")
    role, name = split_role(run)
    first = name.split()[0].lower().rstrip(",")
    if first in NOT_NAMES and len(name.split()) == 1:
        if name.lower() in {"nato", "japan", "tokyo", "ministry", "government"}:
            return name, role  # an organisation or place speaking: "NATO said"
        return None
    if first in {"the", "a", "an", "this", "that", "it", "but", "and", "in", "as"}:
        return None
    return name, role


def _appositive(text: str, at: int) -> str:
    m = _APPOSITIVE.match(text, at)
    return m.group("role").strip() if m else ""


def _attribute(
    text: str, start: int, end: int, prev_end: int, next_start: int, ja: bool
) -> tuple[str | None, str, str, bool]:
    """``(who, role, basis, is_pronoun)`` for the quote ``text[start:end]``."""
    after_at = end + 1
    after = text[after_at:next_start]
    stripped = after.lstrip(" ,\u00a0—–-")
    skip = after_at + len(after) - len(stripped)
    if ja or _CJK_CHAR.search(stripped[:2]):
        m = _JA_AFTER.match(stripped)
        if m:
            if m.group("name"):
                return m.group("name"), m.group("suffix") or "", "ja", False
            left = max(text.rfind("。", 0, start), prev_end, 0)
            w = _JA_WHO.search(text, left, start - 1)
            if w:
                name = w.group("name")
                name = name[name.rfind("の") + 1 :]  # 防衛省の中谷 -> 中谷
                return name, w.group("role") or "", "ja", False
            return None, "", "none", False
    # A quote that ends its sentence ("…priority.” She added…") has no attribution after.
    closed = text[start:end].rstrip().endswith((".", "。")) and stripped[:1].isupper()
    m = None if closed else _AFTER_WHO_VERB.match(stripped)
    if m:
        who = m.group("who")
        if who.lower() in _PRONOUNS:
            return who, "", "pronoun", True
        got = _name_from(who)
        if got:
            return got[0], got[1], "after", False
    m = None if closed else _AFTER_VERB_WHO.match(stripped)
    if m:
        if m.group("name"):
            got = _name_from(m.group("name"))
            if got:
                role = got[1] or _appositive(text, skip + m.end("name"))
                return got[0], role, "after", False
        elif m.group("desc"):
            return _description(m.group("desc")), "", "description", False
    m = None if closed else _AFTER_ACCORDING.match(stripped)
    if m:
        got = _name_from(m.group("name"))
        if got:
            return got[0], got[1], "according", False
    m = None if closed else _AFTER_DESC_VERB.match(stripped)
    if m:
        return _description(m.group("desc")), "", "description", False
    # before the quote, from the start of its sentence or the previous quote
    left = prev_end
    for stop in (". ", "! ", "? ", "。"):
        k = text.rfind(stop, prev_end, start)
        if k >= 0:
            left = max(left, k + len(stop))
    before = text[left : start - 1]
    m = _BEFORE_COLON.match(before)
    if m:
        got = _name_from(m.group("name"))
        if got:
            return got[0], got[1], "colon", False
    m = _BEFORE_ACCORDING.search(before)
    if m:
        got = _name_from(m.group("name"))
        if got:
            return got[0], got[1], "according", False
    m = _BEFORE_WHO_VERB.search(before)
    if m:
        who = m.group("who")
        if who.lower() in _PRONOUNS:
            return who, "", "pronoun", True
        got = _name_from(who)
        if got:
            role = got[1] or _appositive(text, left + m.end("who"))
            return got[0], role, "before", False
    m = _BEFORE_DESC.match(before)
    if m:
        return _description(m.group("desc")), "", "description", False
    return None, "", "none", False


def _description(desc: str) -> str:
    words = desc.split()
    if words and words[0].lower() in {"a", "an", "the", "one"}:
        words = words[1:]
    return " ".join(words)


def _reported(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, str, str]]:
    """``(position, name, role)`` of reported speech outside the quotes of a paragraph
    ("Grgic said", "said Osamu Izawa"): who a later "she said" may refer to. Acronyms
    ("NATO said") are organisations, not a he or she."""
    out: list[tuple[int, str, str]] = []
    for verb, at, run in speech_subjects(text):
        if any(s - 1 <= at < e + 1 for s, e in spans):
            continue
        got = _name_from(run)
        if got and not got[0].isupper() and got[0].lower() not in _PRONOUNS:
            out.append((min(verb, at), got[0], got[1]))
    return out


def find_quotes(
    article_id: str,
    paragraphs: list[str],
    *,
    language: str | None = None,
    min_words: int = 3,
) -> list[QuoteMention]:
    """The direct quotes of one article's paragraphs, with their speakers."""
    ja = (language or "").lower()[:2] in {"ja", "zh"}
    last: tuple[str, str] | None = None  # the last named speaker of earlier paragraphs
    last_quoted = -10  # paragraph of the last quote with a speaker
    out: list[QuoteMention] = []
    for p, text in enumerate(paragraphs):
        spans = quote_spans(text) if _ANY_MARK.search(text) else []
        events = _reported(text, spans)
        prev_end = 0
        in_paragraph: tuple[str, str] | None = None  # speaker of an earlier quote here
        in_paragraph_basis = "paragraph"
        for k, (start, end) in enumerate(spans):
            next_start = spans[k + 1][0] - 1 if k + 1 < len(spans) else len(text)
            if not _is_speech(text[start:end], min_words, ja):
                prev_end = min(end + 1, len(text))
                continue
            who, role, basis, pronoun = _attribute(text, start, end, prev_end, next_start, ja)
            if pronoun or who is None:
                before = [e for e in events if e[0] < start]
                known = (before[-1][1], before[-1][2]) if before else in_paragraph or last
                if pronoun:
                    who, role = known if known else (None, "")
                    basis = "pronoun" if who else "none"
                elif in_paragraph is not None:
                    (who, role), basis = in_paragraph, in_paragraph_basis
                elif known and _only_quote(text, start, end) and p - last_quoted <= 2:
                    (who, role), basis = known, "continuation"
            if who:
                in_paragraph = (who, role)
                in_paragraph_basis = "description" if basis == "description" else "paragraph"
                last_quoted = p
                if basis != "description":
                    events.append((start, who, role))
                    events.sort()
            body = text[start:end].strip()
            lead = text[start:end].find(body) if body else 0
            out.append(
                QuoteMention(
                    article_id=article_id,
                    paragraph=p,
                    start=start + lead,
                    end=start + lead + len(body),
                    text=body,
                    speaker=who,
                    role=role,
                    basis=basis,
                )
            )
            prev_end = min(end + 1, len(text))
        if events:
            last = (events[-1][1], events[-1][2])
    return out


def _only_quote(text: str, start: int, end: int) -> bool:
    """Whether the paragraph is the quote and its marks alone."""
    rest = text[: max(0, start - 1)] + text[end + 1 :]
    return not rest.strip(" .,;:\"'“”‘’«»「」『』")
