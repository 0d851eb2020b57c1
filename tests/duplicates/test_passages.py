"""Passages: sentences of the articles' paragraphs with their tokens."""

from __future__ import annotations

import gc

from natojp._text import split_sentences, tokens
from natojp.duplicates._evidence import _article_tokens
from natojp.duplicates._passages import _passages
from natojp.models import Article, Paragraph

# Invented texts.
SHARED = "The ministry opened a new office. Officials from both sides attended."


def _article(aid: str, *paras: str, language: str | None = None) -> Article:
    return Article(
        id=aid,
        source_path=aid,
        paragraphs=tuple(Paragraph(p, i + 1) for i, p in enumerate(paras)),
        language=language,
    )


def test_passages_are_the_sentences_with_their_tokens_in_article_order() -> None:
    articles = [
        _article("a", SHARED, "A lone line without a stop"),
        _article("b", "Another opening sentence here.", SHARED),
        _article("c", SHARED, language="it"),
    ]
    assert gc.isenabled()
    passages = _passages(articles)
    assert gc.isenabled()  # the collector, paused while building them, is back on
    expected = [
        (ai, order, sentence, line, tokens(sentence, article.language))
        for ai, article in enumerate(articles)
        for order, (sentence, line) in enumerate(
            (s, p.line) for p in article.paragraphs for s in split_sentences(p.text)
        )
    ]
    assert [(p.article, p.order, p.text, p.line, p.tokens) for p in passages] == expected
    assert [p.language for p in passages if p.article == 2] == ["it", "it"]


def test_article_tokens_are_the_sentences_tokens_in_order() -> None:
    articles = [_article("a", SHARED, "Closing words."), _article("b"), _article("c", SHARED)]
    words = _article_tokens(_passages(articles))
    assert words[0] == [*tokens(SHARED), "closing", "words"]
    assert 1 not in words and words[1] == []  # no passages: an empty list, as before
    assert words[2] == tokens(SHARED)
    words[2].append("extra")  # each article's list is its own
    assert words[0][: len(tokens(SHARED))] == tokens(SHARED)
    assert _passages(articles)[0].tokens == tokens("The ministry opened a new office.")
