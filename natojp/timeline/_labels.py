"""Event labels: a short readable summary of the sentence that best tells an event (the
date, the wire dateline, parentheses, reporting clauses and opening formulas left out),
and the label of a publication event."""

from __future__ import annotations

import re

from natojp._text import truncate_words
from natojp.models import Article
from natojp.timeline._resolvers import _SPACES

LABEL_WORDS = 14
"""The longest event label, in words."""

LABEL_CHARS = 60
"""The longest event label, in characters (cut at a word boundary, with an ellipsis)."""


_PIPE = re.compile(r"\s*\|\s*")
# "TOKYO, April 25 (Jiji Press)--", "BRUSSELS (AP) —": a wire dateline at the start.
_DATELINE = re.compile(r"^[^()]{0,60}?\((?:[A-Z][^()]{0,40})\)\s*(?:-{1,2}|[—–])\s*")
# "BRUSSELS -- ", "(ANSA) - ROMA, 05 MAG - ": a dateline of a city in capitals and a dash.
_CAPS_DATELINE = re.compile(
    r"^(?:\([^()]{1,40}\)\s*(?:-{1,2}|[—–])\s*)?[A-ZÀ-Ý][A-ZÀ-Ý.'/ -]{2,40}?"
    r"(?:,\s*[^-–—,]{1,25})?\s+(?:-{1,2}|[—–])\s+"
)
_PARENS = re.compile(r"\s*\([^()]*\)")
# The preposition and qualifiers in front of a date: "on", "by the end of", "in early".
_DATE_LEAD = re.compile(
    r"(?:\b(?:on|in|by|since|from|until|till|during|at|of|before|after|as\s+of|nel|entro|"
    r"dal|il)\s+)?(?:the\s+(?:end|beginning|start|middle|first\s+half|second\s+half)\s+of\s+)?"
    r"(?:(?:early|mid|late)[\s-]+)?(?:(?:the\s+)?(?:fiscal|financial)(?:\s+year)?\s+)?"
    r"(?:l'anno\s+fiscale\s+)?$",
    re.IGNORECASE,
)
# The reporting clause at the end: ", the ministry said (in a statement)"; not ", the
# ministry said the two sides had agreed ..." (what follows "said" is the news).
_REPORTED_TAIL = re.compile(
    r",\s*(?:[^,]{0,70}?\b(?:said|says|told|announced|reported|according\s+to)\b"
    r"(?:\s+[^\s,]+){0,4})\W*$",
    re.IGNORECASE,
)
_REPORTED_HEAD = re.compile(
    r"^(?:according\s+to\s+[^,]{1,60},\s*|[^,]{0,70}?\b(?:said|says|announced|reported)"
    r"\s+(?:on\s+\w+\s+)?(?:that\s+)?)",
    re.IGNORECASE,
)
_LEAD_WORDS = re.compile(
    r"^(?:(?:and|but|so|while|when|as|after|which|where|that|then|also|meanwhile|however)\b[\s,]*)+",
    re.IGNORECASE,
)
# Formulas that open a sentence and say nothing of the event: "In a statement (later),",
# "Commencing at 10:00 for approximately 50 minutes,", "At the outset,", "On the same
# day,", a list number "2.". Dropped when the rest reads on its own.
_LEAD_PHRASES = re.compile(
    r"^(?:\d{1,2}[.)]\s+"
    r"|in\s+a\s+(?:joint\s+|separate\s+|written\s+)?statement(?:\s+(?:later|earlier|issued|released))?"
    r"(?:\s+(?:on\s+)?(?:that\s+)?(?:day|evening|morning|afternoon|night))?\s*,\s*"
    r"|commencing\s+at\s+\d{1,2}[:.]\d{2}(?:\s*\([^()]*\))?(?:\s+for\s+(?:approximately|about|around)"
    r"\s+\d+\s+minutes)?\s*,\s*"
    r"|at\s+the\s+(?:outset|start|beginning|end)(?:\s+of\s+the\s+(?:meeting|talks))?\s*,\s*"
    r"|on\s+(?:the\s+same|that|the\s+following|the\s+next)\s+day\s*,\s*"
    r"|(?:later|earlier)\s+(?:that|the\s+same)\s+day\s*,\s*)+",
    re.IGNORECASE,
)
# An honorific left at the end of a sentence the splitter cut after it ("with H.E.").
_DANGLING_TITLE = re.compile(r"\s+(?:(?:with|and|to)\s+)?(?:H\.E|Mr|Ms|Mrs|Dr)\.?$")
# An office after a name: "Mr. NAKATANI Gen, Minister of Defense, held ..."
_APPOSITIVE = re.compile(
    r",\s+(?:the\s+)?(?:(?:Defen[cs]e|Foreign|Prime)\s+)?(?:Minister|Secretary|Commissioner"
    r"|Director|President|Chief|Head|Ambassador)\b[^,]{0,50},(?=\s+[a-z])"
)
_CLAUSES = re.compile(r"(?:;|,\s+(?:and|but|while|whereas)|\s+[—–]\s+(?=\w+\s+\w+\s+\w+))\s+")
_EDGE = " ,;:—–-'\"“”‘’()."


def _shorten(text: str, limit: int = LABEL_CHARS) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, ``…`` if cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(_EDGE) + "…"


def _label_from(sentence: str, expression: str) -> str:
    """A short readable summary of ``sentence``: its core without the date, the wire
    dateline, parentheses, the reporting clause (``..., the ministry said``) and an
    opening formula (``In a statement later,``, ``Commencing at 10:00 for approximately
    50 minutes,``, ``At the outset,``, ``On the same day,``: :data:`_LEAD_PHRASES`) when
    the rest reads on its own, cut to :data:`LABEL_CHARS` at a word boundary (``…``
    only when cut).

    ``Japan and NATO agreed Monday to start regular talks on producing weapons`` gives
    ``Japan and NATO agreed to start regular talks on producing…``.
    """
    # Each pattern is only run on text with the character it cannot match without.
    text = _SPACES.sub(" ", sentence).strip()
    if "|" in text:
        text = _PIPE.sub(" — ", text)
    if "(" in text:
        text = _DATELINE.sub("", text, count=1)
    if "-" in text or "—" in text or "–" in text:
        text = _CAPS_DATELINE.sub("", text, count=1)
    at = text.find(expression)
    if at >= 0:
        lead = _DATE_LEAD.search(text[:at])
        begin = lead.start() if lead else at
        text = f"{text[:begin].rstrip()} {text[at + len(expression) :].lstrip()}"
    core = _PARENS.sub("", text) if "(" in text else text
    # A compound sentence: keep the clause that holds the date when it reads on its own.
    clauses = _CLAUSES.split(core)
    if len(clauses) > 1 and at >= 0:
        pos, mark = 0, _PARENS.sub("", text[:at]) if "(" in text else text[:at]
        for clause in clauses:
            pos += len(clause)
            if pos >= len(mark.rstrip()) - 1:
                if len(clause.split()) >= 4:
                    core = clause
                break
    if "," in core:
        core = _REPORTED_TAIL.sub("", core)
    core = _SPACES.sub(" ", core).strip(_EDGE).replace(" ,", ",")
    rest = _LEAD_PHRASES.sub("", _LEAD_WORDS.sub("", core), count=1)
    if len(rest.split()) >= 4:
        core = rest
    head = _REPORTED_HEAD.sub("", core, count=1)
    if len(head.split()) >= 4:
        core = head
    core = _SPACES.sub(" ", core).strip(_EDGE).replace(" ,", ",")
    core = _LEAD_WORDS.sub("", core).strip(_EDGE)
    if len(core.split()) < 3:  # too little left: fall back to the sentence without the date
        core = _SPACES.sub(" ", text).strip(_EDGE)
    core = _DANGLING_TITLE.sub("", core)  # "... held a meeting with H.E." cut there
    if len(core) > LABEL_CHARS:  # too long: drop an office after a name, if any
        core = _APPOSITIVE.sub("", core, count=1)
    if core[:1].islower():
        core = core[0].upper() + core[1:]
    return _shorten(core)


def _publication_label(article: Article) -> str:
    who = article.outlet or article.id
    if article.title and article.title_derived:
        return f"{who} publishes an article beginning '{truncate_words(article.title, 8)}'"
    if article.title:
        return f"{who} publishes '{truncate_words(article.title, 10)}'"
    return f"{who} publishes an untitled article"
