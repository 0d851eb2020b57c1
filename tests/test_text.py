from __future__ import annotations

from natojp._text import normalise, split_sentences, token_spans, tokens, truncate_words
from natojp.models import count_words, fingerprint_texts


def test_normalise_hyphens_and_quotes() -> None:
    assert normalise("supply\u2011chain “quoted” it’s") == 'supply-chain "quoted" it\'s'


def test_tokens_ignore_punctuation_hyphens_and_apostrophes() -> None:
    assert tokens("Non-classified, Japan’s dual\u2011use!") == [
        "nonclassified",
        "japans",
        "dualuse",
    ]
    toks, spans = token_spans("  Hello, world")
    assert toks == ["hello", "world"] and spans == [(2, 7), (9, 14)]


def test_sentences_respect_abbreviations_initials_and_quotes() -> None:
    text = 'Dr. Sharma met U.S. officials. "It went well." J. Smith agreed! Next, the talks.'
    assert split_sentences(text) == [
        "Dr. Sharma met U.S. officials.",
        '"It went well."',
        "J. Smith agreed!",
        "Next, the talks.",
    ]
    assert split_sentences("Line one\nLine two") == ["Line one", "Line two"]
    assert split_sentences("costs 2.5 percent. Then more") == ["costs 2.5 percent.", "Then more"]


def test_truncate_and_count() -> None:
    assert truncate_words("one two three four", 2) == "one two…"
    assert truncate_words("one two", 5) == "one two"
    assert count_words("A dual-use, Japan's 5% rise") == 5


def test_fingerprint_depends_on_content_not_order() -> None:
    a = fingerprint_texts([("x", "1"), ("y", "2")])
    assert a == fingerprint_texts([("y", "2"), ("x", "1")])
    assert a != fingerprint_texts([("x", "1"), ("y", "3")])


def test_escape_markdown_shows_text_literally() -> None:
    from natojp._text import escape_markdown

    hostile = "<img src=x onerror=alert(1)> **b** [l](http://x) $x$ # h ~~s~~"
    escaped = escape_markdown(hostile)
    for ch in "<>*[]()$#~":
        assert f"\\{ch}" in escaped
    assert escape_markdown("a\nb") == "a  \nb"


def test_escape_markdown_stops_autolinks_invisibly() -> None:
    """Bare URLs, www. names and e-mail addresses get a WORD JOINER where GitHub
    Markdown would start a link; the text reads the same."""
    from natojp._text import WORD_JOINER, escape_markdown

    for text in ("see http://x.invalid/a", "www.x.invalid", "WWW.X.INVALID", "a@b.invalid"):
        escaped = escape_markdown(text)
        assert WORD_JOINER in escaped
        assert escaped.replace(WORD_JOINER, "").replace("\\", "") == text
    assert WORD_JOINER not in escape_markdown("Ministers met at 10:30 in Brussels.")


def test_fast_ascii_tokens_equal_token_spans() -> None:
    from natojp._text import token_spans, tokens

    for text in [
        "Japan's non-classified data, U.S. firms' 2.5% rise -- and 'quoted' words.",
        "Plain words only here",
        "Curly ’quotes’ and ﬁ ligature – non‑breaking hyphen",
        "",
    ]:
        assert tokens(text) == token_spans(text)[0]
