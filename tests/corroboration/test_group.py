"""The same quote across articles, partial quotes and misquotes."""

from __future__ import annotations

import os
import subprocess
import sys

from natojp.corroboration import QuoteMention, group_quotes, quote_words
from natojp.corroboration._common import ReportIndex


def _q(aid: str, text: str, speaker: str | None = "Keiko Sato") -> QuoteMention:
    return QuoteMention(aid, 0, 0, len(text), text, speaker, basis="after" if speaker else "none")


REPORTS = ReportIndex.build(["a", "b", "c", "d"], [["a", "b"], ["c"], ["d"]])


def test_words_ignore_case_punctuation_hyphens_and_apostrophes() -> None:
    assert quote_words("Non-classified data, Japan's “way”.") == (
        "nonclassified",
        "data",
        "japans",
        "way",
    )


def test_the_same_words_in_several_articles_are_one_quote_counted_by_report() -> None:
    quotes, misquotes = group_quotes(
        [
            _q("a", "We will share the data with our partners in real time."),
            _q("b", "We will share the data with our partners in real time"),
            _q("c", "We will share the data with our partners in real-time."),
            _q("d", "Something else entirely was said about the budget today."),
        ],
        REPORTS,
    )
    assert misquotes == ()
    first = quotes[0]
    assert first.articles == ("a", "b", "c")
    assert first.independent_reports == (0, 1)
    assert first.n_reports == 2
    assert first.speaker == "Keiko Sato"
    assert quotes[1].articles == ("d",)


def test_a_partial_quote_joins_the_full_one_and_is_no_misquote() -> None:
    quotes, misquotes = group_quotes(
        [
            _q(
                "a", "The meetings will focus on sharing information about future technology needs."
            ),
            _q("c", "on sharing information about future technology", speaker=None),
        ],
        REPORTS,
    )
    assert len(quotes) == 1
    assert quotes[0].n_reports == 2
    assert quotes[0].speaker == "Keiko Sato"
    assert misquotes == ()


def test_a_misquote_lists_the_words_that_differ() -> None:
    quotes, misquotes = group_quotes(
        [
            _q("a", "This is the first time we will pool space data with the alliance."),
            _q("c", "This is the first time we will share space data with the alliance.", "Sato"),
        ],
        REPORTS,
    )
    assert len(quotes) == 1
    (m,) = misquotes
    assert (m.removed, m.added) == (("pool",), ("share",))
    assert m.speaker == "Keiko Sato"
    assert 0.8 < m.ratio < 1


def test_different_speakers_make_no_misquote() -> None:
    _, misquotes = group_quotes(
        [
            _q("a", "This is the first time we will pool space data with the alliance."),
            _q(
                "c",
                "This is the first time we will share space data with the alliance.",
                "Mia Berg",
            ),
        ],
        REPORTS,
    )
    assert misquotes == ()


_IN_ANOTHER_PROCESS = """
from natojp.corroboration import QuoteMention, group_quotes
from natojp.corroboration._common import ReportIndex

# Each quote in three versions, one word changed at the start or at the end: which
# pair of versions is met first depends on the order of a quote's word trigrams.
quotes = [
    "We will {} our space data with the alliance from next spring onwards {}.",
    "The {} of the new radar sites will start on the northern islands {}.",
    "Our engineers {} the drone batteries in cold water for three weeks {}.",
    "The ministry wants {} suppliers for munitions before the end of the year {}.",
    "Cyber defence drills {} every ally and partner in the region this summer {}.",
]
mentions = []
for n, text in enumerate(quotes):
    for v, (first, last) in enumerate([("pool", "too"), ("share", "too"), ("pool", "again")]):
        words = text.format(first, last)
        mentions.append(QuoteMention(f"q{n}v{v}", 0, 0, 90, words, "Keiko Sato", basis="after"))
ids = [m.article_id for m in mentions]
quotes, misquotes = group_quotes(mentions, ReportIndex.build(ids, [[i] for i in ids]))
print(repr(misquotes), repr(quotes))
"""


def test_misquotes_come_in_the_same_order_in_every_process() -> None:
    # Each process salts string hashes with its own seed (the Dask engine's analysing
    # process is another process than the in-process engine's): the order must not
    # follow it.
    outputs = set()
    for seed in ("0", "1", "2", "3"):
        done = subprocess.run(
            [sys.executable, "-c", _IN_ANOTHER_PROCESS],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.add(done.stdout)
    (output,) = outputs
    assert output.count("Misquote(") == 15
