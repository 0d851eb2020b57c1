"""Corroboration: which quotes, people, organisations and claims stand on more than one
independent report, and which rest on one.

:func:`corroborate` reads cleaned articles and their independent reports (the groups of
:attr:`natojp.duplicates.DuplicateResult.independent_reports`) and returns a
:class:`Corroboration`:

* **quotes** (:class:`Quote`): direct quotes with their speakers, the same quote
  grouped across articles (near-identical wording and partial quotes included), with
  the articles and independent reports carrying it; **misquotes**
  (:class:`Misquote`): the same speaker's nearly identical quotes with the words that
  differ;
* **entities** (:class:`Entity`): people and organisations, found with an editable
  :class:`Gazetteer` (``natojp/data/entities.toml``; ``natojp entities --out`` writes a
  copy) plus rules, aliases merged, with their mentions, articles and reports;
* **claims** (:class:`Claim`): figures with units or currencies, dates and named
  programmes, normalised so that the same figure written two ways is one claim;
* **flags** (:class:`Flag`): what only one independent report carries, misquotes, and
  articles that look like rewrites with additions, each with a reason and evidence for
  the analyst to judge.

Every paragraph index and character span refers to ``Article.paragraphs``. How quotes
are attributed is described in :mod:`natojp.corroboration._quotes`, how entities are
found (and why rules and a gazetteer rather than a model) in
:mod:`natojp.corroboration._entities`, claims in :mod:`natojp.corroboration._claims`,
grouping in :mod:`natojp.corroboration._group` and the flag rules in
:mod:`natojp.corroboration._flags`.
"""

from natojp.corroboration._claims import CLAIM_KINDS, ClaimMention, find_claims
from natojp.corroboration._corroborate import (
    TABLES,
    ArticleMentions,
    Corroboration,
    corroborate,
    read_mentions,
)
from natojp.corroboration._entities import EntityMention, find_entities
from natojp.corroboration._flags import FLAG_KINDS, Claim, Entity, Flag, single_source_flags
from natojp.corroboration._gazetteer import (
    KINDS,
    Gazetteer,
    GazetteerError,
    GazetteerMatch,
    KnownEntity,
)
from natojp.corroboration._group import Misquote, Quote, group_quotes, quote_words
from natojp.corroboration._quotes import QuoteMention, find_quotes, quote_spans

__all__ = [
    "CLAIM_KINDS",
    "FLAG_KINDS",
    "KINDS",
    "TABLES",
    "ArticleMentions",
    "Claim",
    "ClaimMention",
    "Corroboration",
    "Entity",
    "EntityMention",
    "Flag",
    "Gazetteer",
    "GazetteerError",
    "GazetteerMatch",
    "KnownEntity",
    "Misquote",
    "Quote",
    "QuoteMention",
    "corroborate",
    "find_claims",
    "find_entities",
    "find_quotes",
    "group_quotes",
    "quote_spans",
    "quote_words",
    "read_mentions",
    "single_source_flags",
]
