"""Page chrome, trailing sections (related articles, reader comments), photo captions
and credits: the line patterns that steps 3 to 5 of :func:`natojp.clean.clean_text`
match.
"""

from __future__ import annotations

import re
from functools import lru_cache

_CHROME_LINES = (
    r"hashtags?",
    r"tags?:?",
    r"comments?(?: \(\d+\))?:?",
    r"\d+ comments?",
    r"no comments yet\W*",
    r"(?:leave|add|post|write|view|show) (?:a |all )?comments?.*",
    r"be the first to comment.*",
    r"try our ai features",
    r"explore what .{1,60} can do for you:?",
    r"related(?: articles| stories| news| posts| content| coverage| reading)?:?",
    r"(?:read|see) (?:more|also)(?: articles| stories)?:?",
    r"more (?:from|on|in) .{1,50}",
    r"(?:most )?(?:read|popular|viewed|shared)(?: stories| articles| now| today)?:?",
    r"recommended(?: for you| stories| articles)?:?",
    r"you (?:may|might) also like:?",
    r"share(?: this)?(?: article| story| page)?(?: on .{1,30})?:?",
    r"(?:follow|like) us(?: on .{1,40})?",
    r"advertisement|advert|sponsored(?: content)?",
    r"sign up.{0,80}",
    r"subscribe(?: now| today| to .{1,60})?",
    r"click here.{0,80}",
    r"copy link|print|email|facebook|twitter|x|linkedin|whatsapp|reddit|telegram|pinterest",
    r"listen to (?:this )?article.*",
    r"(?:\d+ )?min(?:ute)?s? read",
    r"(?:skip|back) to (?:content|top|main content)",
    r"all rights reserved.*",
    r"(?:accept|manage) cookies.*|we use cookies.*",
    r"loading\W*",
)
_CHROME = re.compile(r"^(?:" + "|".join(_CHROME_LINES) + r")$", re.IGNORECASE)

# Markers after which the rest of the page is not the article.
_TRAILING_MARKERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"^comments?(?: \(\d+\))?:?$|^\d+ comments?$|^reader comments:?$", re.I),
        "comment",
    ),
    (
        re.compile(
            r"^(?:related(?: articles| stories| news| posts| content| coverage)?"
            r"|(?:read|see) (?:more|also)(?: articles| stories)?"
            r"|more (?:from|on|in) .{1,50}|(?:most )?(?:read|popular|viewed)(?: stories| articles)?"
            r"|recommended(?: for you| stories| articles)?|you (?:may|might) also like):?$",
            re.I,
        ),
        "related",
    ),
)

# Matches wherever one of _TRAILING_MARKERS or _CHROME does: one test rules out a body
# line, which is neither, in place of three.
_LINE_CUES = re.compile(
    "|".join(f"(?:{p.pattern})" for p in (*(m for m, _ in _TRAILING_MARKERS), _CHROME)),
    re.IGNORECASE,
)

_CAPTION_CUES = re.compile(
    r"\((?:left|right|center|centre|top|bottom|front|back|l|r|c|file(?: photo)?|photo[^)]*)\)"
    r"|^(?:photo|image|picture|caption|pictured|file photo)\s*:",
    re.IGNORECASE,
)
_CREDIT_CUES = re.compile(
    r"©|\bcopyright\b|\bgetty images\b|\bvia reuters\b|\breuters\b|\bafp\b|\bap photo\b|\bepa\b"
    r"|\bpool\b|\bphoto(?:graph)?(?: by|:)|\bcredit:|\bkyodo\b|\bbloomberg\b|\bshutterstock\b"
    r"|\balamy\b|\bfile photo\b|/ via\b",
    re.IGNORECASE,
)

# A trailing bullet list is a related-article list only when it is about something else:
# fewer than this share of its content words occur in the article (award lists, key
# points and the like share most of theirs).
_RELATED_MAX_SHARED = 0.3
_TRAILING_PIPE = re.compile(r"\s\|$")
_STOP_END = re.compile(r"[.!?]$")
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|my|me|mine|myself)\b")
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]|(?<!\w)['‘][^'’]*['’](?!\w)")


@lru_cache(maxsize=32)
def _compile_chrome(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """``CleanConfig.extra_chrome_patterns`` compiled once, not once per document."""
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


def _trailing_marker(text: str) -> str | None:
    """The kind of section (``comment``, ``related``) that a marker line starts, if any."""
    for pattern, kind in _TRAILING_MARKERS:
        if pattern.match(text):
            return kind
    return None
