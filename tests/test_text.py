from __future__ import annotations

import pytest

from natojp._text import (
    has_cjk,
    normalise,
    segment,
    split_sentences,
    token_spans,
    tokens,
    truncate_words,
)
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


# --- Languages ------------------------------------------------------------------------
# Own sample sentences (not from real articles).

LATIN = {
    "it": "L'Italia e il Giappone hanno firmato un accordo sulla difesa informatica.",
    "fr": "Aujourd'hui, la ministre a présenté l'accord de cyberdéfense à Paris.",
    "de": "Die Bundesregierung prüft neue Exportregeln für Halbleiter-Technik.",
    "es": "El gobierno español firmó un acuerdo de ciberdefensa con sus aliados.",
}
JA_SENTENCE = "防衛省の担当者は記者会見で協力を深めたいと述べた。"


def test_latin_script_tokens_do_not_depend_on_the_language() -> None:
    assert tokens(LATIN["de"], "de") == [
        "die",
        "bundesregierung",
        "prüft",
        "neue",
        "exportregeln",
        "für",
        "halbleitertechnik",
    ]
    for lang, text in LATIN.items():
        assert tokens(text, lang) == tokens(text) == token_spans(text, lang)[0]
        assert token_spans(text, lang) == token_spans(text)


def test_japanese_is_cut_into_words_not_clauses() -> None:
    pytest.importorskip("sudachipy")
    toks, spans = token_spans(JA_SENTENCE, "ja")
    # A whole clause was one token before; the words are now separate and nothing is lost.
    assert tokens(JA_SENTENCE.replace("。", ""), "ja") == toks
    assert "".join(toks) == JA_SENTENCE.rstrip("。")
    assert len(toks) >= 12
    for particle in ("の", "は", "で", "を", "と"):
        assert particle in toks
    assert "防衛省" in toks or "防衛" in toks
    assert [JA_SENTENCE[a:b] for a, b in spans] == toks
    # Without a language the text's script decides: the same words.
    assert tokens(JA_SENTENCE) == toks


def test_cjk_tokens_are_width_normalised_and_spans_point_into_the_original() -> None:
    full = "ＮＡＴＯ加盟国とｻｲﾊﾞｰ防衛で協力"
    plain = "NATO加盟国とサイバー防衛で協力"
    assert tokens(full, "ja") == tokens(plain, "ja")
    assert tokens(full, "ja")[0] == "nato"
    toks, spans = token_spans("米国、" + full, "ja")
    assert spans[0] == (0, 2) and toks[0] == "米国"
    for tok, (a, b) in zip(toks, spans, strict=True):
        assert normalise(("米国、" + full)[a:b]).lower() == tok


def test_chinese_gets_character_bigrams() -> None:
    assert tokens("北约与日本合作，NATO会议", "zh") == [
        "北约",
        "约与",
        "与日",
        "日本",
        "本合",
        "合作",
        "nato",
        "会议",
    ]
    assert tokens("北约与日本合作", "zh-TW") == tokens("北约与日本合作", "zh")


def test_without_the_analyser_japanese_falls_back_to_bigrams(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import natojp._text as text_module

    class Missing:
        def spans(self, run: str) -> None:
            return None

    monkeypatch.setattr(text_module, "_JAPANESE", Missing())
    assert tokens("防衛協力", "ja") == ["防衛", "衛協", "協力"]
    assert segment("防", "ja") == [(0, 1)]


def test_a_failed_analyser_load_warns_once_and_falls_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import natojp._text as text_module

    analyser = text_module._JapaneseAnalyser()

    def broken(name: str) -> object:
        raise ImportError(f"No module named {name!r}")

    monkeypatch.setattr(text_module, "_JAPANESE", analyser)
    monkeypatch.setattr(text_module.importlib, "import_module", broken)
    with pytest.warns(RuntimeWarning, match="SudachiPy"):
        assert tokens("防衛協力", "ja") == ["防衛", "衛協", "協力"]
    assert analyser.available is False
    assert tokens("防衛協力", "ja") == ["防衛", "衛協", "協力"]  # no second attempt


def test_very_long_japanese_runs_are_cut_within_the_analysers_limit() -> None:
    pytest.importorskip("sudachipy")
    text = "防衛協力" * 5_000  # 20,000 characters, 60,000 bytes: over SudachiPy's input limit
    toks, spans = token_spans(text, "ja")
    assert "".join(toks) == text
    assert spans[0][0] == 0 and spans[-1][1] == len(text)


def test_japanese_tokens_are_the_same_from_many_threads() -> None:
    from concurrent.futures import ThreadPoolExecutor

    texts = [JA_SENTENCE * (i % 3 + 1) for i in range(24)]
    expected = [tokens(t, "ja") for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(lambda t: tokens(t, "ja"), texts)) == expected


def test_has_cjk() -> None:
    assert has_cjk("東京") and has_cjk("カタカナ") and has_cjk("ひらがな") and has_cjk("𠮷")
    for text in ("Tokyo", "café — £5 “quoted”", "Ｆｕｌｌｗｉｄｔｈ", "서울", ""):
        assert not has_cjk(text)


def test_japanese_sentences_end_at_ideographic_stops() -> None:
    text = (
        "政府は十五日、協力文書に署名した。担当者は「連携を深めたい。抑止力を高めたい」と述べた。"
        "本当に実現するのか？　専門家は疑問を示す！次の会合は来月だ"
    )
    assert split_sentences(text) == [
        "政府は十五日、協力文書に署名した。",
        "担当者は「連携を深めたい。抑止力を高めたい」と述べた。",
        "本当に実現するのか？",
        "専門家は疑問を示す！",
        "次の会合は来月だ",
    ]
    # A quote that ends the sentence keeps its closing bracket.
    assert split_sentences("彼は「行く。」次の文。") == ["彼は「行く。」", "次の文。"]
    # Brackets that do not close: every stop ends a sentence.
    assert split_sentences("「閉じない引用。次の文。") == ["「閉じない引用。", "次の文。"]
    # English inside Japanese text and English after it are still split by the English rule.
    assert split_sentences("NATOは声明を出した。The talks went well. Next, a vote.") == [
        "NATOは声明を出した。",
        "The talks went well.",
        "Next, a vote.",
    ]


def test_latin_sentences_are_split_as_before_in_every_language() -> None:
    text = "Il ministro ha parlato. La NATO ha risposto! Poi la riunione è finita."
    assert split_sentences(text) == [
        "Il ministro ha parlato.",
        "La NATO ha risposto!",
        "Poi la riunione è finita.",
    ]


def test_mixed_script_tokens_spans_and_sentences_stay_consistent() -> None:
    """Random mixes of kanji, kana (half-width too), Latin, joiners and brackets: tokens
    equal token_spans, each span reads as its token, and sentences lose no text."""
    import random
    import re
    import unicodedata

    alphabet = list(
        "防衛省協力政府は、のをがでと。！？「」『』（）()ｻｲﾊﾞｰＮＡＴＯabcXYZ019- '’\u2010\u00adéß々ー・𠮷\n　 "
    )
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 50)))
        for lang in (None, "ja", "zh"):
            toks, spans = token_spans(text, lang)
            assert tokens(text, lang) == toks
            for tok, (a, b) in zip(toks, spans, strict=True):
                piece = re.sub(r"[-\u2010\u2011'’]", "", text[a:b])
                assert unicodedata.normalize("NFKC", piece).lower() == tok
        joined = "".join(split_sentences(text))
        assert re.sub(r"\s", "", joined) == re.sub(r"\s", "", text)


def test_ascii_token_spans_equal_the_general_loop() -> None:
    # The ASCII shortcut of token_spans against the loop over _WORD_SPAN matches it skips.
    import unicodedata

    from natojp import _text

    def general(text: str) -> tuple[list[str], list[tuple[int, int]]]:
        toks = [
            unicodedata.normalize("NFKC", _text._JOINER_CHARS.sub("", m.group())).lower()
            for m in _text._WORD_SPAN.finditer(text)
        ]
        return toks, [m.span() for m in _text._WORD_SPAN.finditer(text)]

    texts = [
        "  Hello, world",
        "a-b-c a--b -a- 'tis Rock'n'Roll x' y __init__ A_b-c'D 3-4 a'-b",
        "Japan's dual-use U.S. e-mail- it's' -- '' - \t\x7f END.",
        "",
        "...",
        "word",
    ]
    for text in texts:
        assert token_spans(text) == general(text), text


def test_ascii_joiner_edge_cases_give_the_same_tokens_as_token_spans() -> None:
    from natojp._text import token_spans, tokens

    for text in [
        "a--b -lead trail- x'-y o'neil's a-b-c _under_score 9-11 it's'",
        "'quoted' -- dash - spaced ''double'' end-",
        "---",
    ]:
        assert tokens(text) == token_spans(text)[0]
    assert tokens("a--b x'-y") == ["a", "b", "x", "y"]
    assert tokens("a-b-c o'neil's") == ["abc", "oneils"]


def test_only_a_full_stop_can_end_an_abbreviation_or_initial() -> None:
    assert split_sentences("Plan B! Next step. Dr? Yes") == ["Plan B!", "Next step.", "Dr?", "Yes"]
    assert split_sentences("It ended at 5 p.m. The talks resumed.") == [
        "It ended at 5 p.m. The talks resumed."
    ]
    assert split_sentences(". Starts with a stop. Then more") == [
        ".",
        "Starts with a stop.",
        "Then more",
    ]


def test_ascii_word_spans_are_the_written_words_at_the_token_spans() -> None:
    from natojp._text import ascii_word_spans, token_spans

    text = "  Japan's non-classified plan, U.S. 2.5% -- 'quoted' end-"
    words, spans = ascii_word_spans(text)
    assert spans == token_spans(text)[1]
    assert words == [text[a:b] for a, b in spans]
    assert words[:2] == ["Japan's", "non-classified"]
    assert ascii_word_spans("") == ([], []) and ascii_word_spans(" -- ") == ([], [])
