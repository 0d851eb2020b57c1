"""Technology-area taxonomy and the tagger that credits articles with areas.

A :class:`Taxonomy` is a list of :class:`Area` objects, each with the *terms* that
credit an article with it. The default ships as ``natojp/data/taxonomy.toml``; users
edit a copy and load it with :meth:`Taxonomy.load`. :func:`tag_articles` scores every
article per area (the number of body sentences that mention it, a list or table
counting as one, so that list-heavy pages do not outscore prose) and keeps the
matching sentences as evidence.

Term syntax (the same for ``terms`` and ``exclude``; matched against
:func:`~natojp._text.normalise`\\ d text, so curly quotes and hyphen look-alikes such
as U+2011 do not matter):

* Case-insensitive phrase match on whole words: ``naval`` finds ``Naval`` but not
  ``navally``; ``space`` never finds ``airspace``.
* A term in ALL CAPS (it has capital letters and no lower-case ones) matches
  case-sensitively: ``AI`` finds ``AI`` and ``AI-enabled`` but not ``said``, ``ai``
  or ``Ai Weiwei``; ``C-UAS`` and ``F-35`` are exact too.
* A trailing ``*`` is a prefix wildcard: ``satellite*`` finds ``satellites`` and
  ``satellite-based`` (the wildcard stops at a hyphen). It needs at least three
  letters or digits before it; ``*`` is allowed only at the end and at the start
  (below).
* A term without ``*`` also finds its simple plural (of its last word): ``-s``, ``-es``
  after s/x/z/ch/sh, ``y`` to ``ies`` after a consonant (``navy``/``navies``); an ALL
  CAPS term or one ending in a digit takes a lower-case ``s`` (``UAVs``, ``F-35s``).
* Spaces and hyphens inside a term are interchangeable: ``supply chain`` finds
  ``supply chain``, ``supply-chain`` and ``supply‑chain`` (U+2011).
* A term in square brackets, ``[space]``, is a *list term*: it counts only as an item
  of a list next to a non-list term of any area (``such as space, artificial
  intelligence``; ``the space and maritime domains``), joined by a comma, ``and``,
  ``or``, ``&``, ``/`` or ``as well as``, and only when the word before it is
  punctuation or a function word (``as``, ``and``, ``the``, ``in`` ...), never a
  modifier as in ``office space, cybersecurity``.
* ``exclude`` phrases cancel overlapping matches of their own area: with
  ``exclude = ["counter-drone"]`` the uncrewed area's ``drone*`` does not fire inside
  ``counter-drone technology``.
* A leading ``*`` lets a term end a compound word, for languages that write compounds
  solid: ``*drohne*`` finds ``Drohne``, ``Drohnen`` and ``Kampfdrohnen``. It needs at
  least four letters or digits after it.
* A term written in Chinese or Japanese script (it has a kanji or kana character) is
  matched as a plain substring of the normalised text, since those languages put no
  spaces between words: ``無人機`` finds ``無人機`` in ``小型無人機の開発``. Choose such
  terms long enough to mean one thing (``無人機``, not ``無人``, which is also in
  ``無人島``, a desert island) and use ``exclude`` for the compounds that mean
  something else (``衛星放送``, satellite broadcasting). A space in such a term stands
  for an optional separator (none, a space or ``・``); ``*`` adds nothing and is
  ignored; a Latin letter or digit at either end must not touch another one.

Languages. ``terms`` and ``exclude`` are English, and apply to articles in every
language (English loanwords such as "drone" or "cyber" are common everywhere).
``terms_by_language`` and ``exclude_by_language`` add terms per language, by ISO 639-1
code (``{"it": ("droni", ...), "ja": ("ドローン", ...)}``; in TOML the tables
``[area.terms_by_language]`` and ``[area.exclude_by_language]``). :func:`tag_articles`
matches each article with the English terms plus those of its ``Article.language``
(``None`` counts as English; ``"it-IT"`` and ``"IT"`` as ``"it"``). In articles in
Chinese, Japanese or Korean, kanji, kana and hangul next to a Latin word do not join
it, so English terms find ``AI`` in ``AIを活用`` and ``GCAP`` in ``次期戦闘機GCAP``
(in English articles they remain word characters, as before). An article in a
language for which an area has no terms of its own (Portuguese, say, in the shipped
taxonomy) is matched on the English terms only, and :attr:`TechAreaResult.uncovered`
names those areas, so the report can say that its scores are likely too low instead
of leaving it under-scored in silence. English articles are matched exactly as
before languages existed.

Matching is built for large corpora. Each area's terms are compiled once per
taxonomy into one regular expression (longest term first). Regular-expression
alternations are slow to scan, so they only run where they can match: every term is
reduced to the word tokens any match must contain (its *slots*), and a paragraph,
then a sentence, is only matched against the areas whose terms' slots all occur among
its tokens (one tokenisation per paragraph; token verdicts are cached per call).
Chinese and Japanese terms are prefiltered by substring. The prefilter never drops a
match: it only skips texts the expressions cannot match. The terms of each language
the articles use are compiled once (English terms plus its own). In Chinese, Japanese
and Korean articles the Latin-script expressions and tokens run on a copy of the
sentence whose kanji, kana and hangul are replaced, character for character, by a
character that is not a word character, so offsets (and evidence) stay those of the
sentence; the Chinese and Japanese terms run on the sentence itself.
"""

from natojp.taxonomy._model import Area, LanguageTerms, Taxonomy
from natojp.taxonomy._tagger import (
    SHORT_LINE_WORDS,
    AreaRow,
    TechAreaResult,
    aggregate_scores,
    area_rows,
    is_list_line,
    tag_articles,
)
from natojp.taxonomy._terms import AREA_KEYS

__all__ = [
    "AREA_KEYS",
    "SHORT_LINE_WORDS",
    "Area",
    "AreaRow",
    "LanguageTerms",
    "Taxonomy",
    "TechAreaResult",
    "aggregate_scores",
    "area_rows",
    "is_list_line",
    "tag_articles",
]
