"""Property-based tests (Hypothesis): invariants that must hold for any input.

Examples are bounded (``max_examples``, small sizes) so the file runs in seconds.
"""

from __future__ import annotations

import contextlib
import json

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from natojp.analysis import analyze_sources
from natojp.clean import clean_text
from natojp.config import AnalysisConfig, IngestConfig
from natojp.duplicates import find_duplicates
from natojp.errors import InputError, NatojpError
from natojp.ingest import SUPPORTED_SUFFIXES, IngestResult, decode_bytes, read_uploads
from natojp.models import Article, Paragraph, SourceText
from natojp.report import csv_cell, to_dict, to_json
from natojp.similarity import article_similarity
from natojp.vectorise import vectorise

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Content words (no stop words), so every generated article has TF-IDF terms.
WORDS = [
    *("nato", "japan", "drone", "missile", "radar", "satellite", "cyber", "munitions"),
    *("supply", "chain", "tokyo", "brussels", "minister", "industry", "defence"),
    *("production", "shipyard", "frigate", "sensor", "treaty", "summit", "agreement"),
    *("dialogue", "cooperation", "procurement", "hypersonic", "interceptor", "logistics"),
]

word = st.sampled_from(WORDS)
sentence = st.lists(word, min_size=6, max_size=14).map(lambda ws: " ".join(ws).capitalize() + ".")
paragraph = st.lists(sentence, min_size=1, max_size=3).map(" ".join)
article_text = st.lists(paragraph, min_size=1, max_size=4).map("\n\n".join)

# Text as pages really come: lines of words, punctuation, markup, blank lines, odd spaces.
messy_line = st.one_of(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"),
        max_size=80,
    ),
    st.sampled_from(
        [
            "",
            "Related Articles",
            "Comments (3)",
            "Photo: Reuters",
            "Share this article",
            "By Jane Doe",
            "Published: 4 March 2025",
            "- a bullet",
            "<img src=x onerror=alert(1)>",
            "© 2025 Example News. All rights reserved.",
        ]
    ),
    sentence,
)
messy_text = st.lists(messy_line, max_size=25).map("\n".join)


def _article(i: int, text: str) -> Article:
    paragraphs = tuple(Paragraph(p, None) for p in text.split("\n\n") if p.strip())
    return Article(id=f"a{i:02}", source_path=f"a{i:02}.txt", paragraphs=paragraphs)


# ------------------------------------------------------------------------- cleaning


headline = st.lists(word, min_size=3, max_size=8).map(
    lambda ws: " ".join(w.capitalize() for w in ws)
)
header_lines = st.lists(
    st.sampled_from(
        [
            "By Jane Doe",
            "Published: 4 March 2025",
            "Source: Example News",
            "Section: Defence",
            "Updated 5 March 2025",
        ]
    ),
    max_size=3,
    unique=True,
)
inline_noise = st.lists(
    st.sampled_from(["Advertisement", "Photo: Reuters", "Share this article"]), max_size=2
)
trailing_noise = st.lists(
    st.sampled_from(
        [
            "Share this article",
            "Advertisement",
            "Photo: Reuters",
            "Tokyo harbour at dawn (file photo)",
            "Comments (3)",
            "Related Articles",
            "- Unrelated Headline About Football Results",
            "- Another Celebrity Story Today",
            "Click here to subscribe",
        ]
    ),
    max_size=4,
)


@st.composite
def web_page(draw: st.DrawFn) -> str:
    """A scraped article: headline, header lines, body with noise inside and after it."""
    paragraphs = draw(st.lists(paragraph, min_size=1, max_size=6))
    k = draw(st.integers(0, len(paragraphs)))
    blocks = [
        draw(headline),
        *draw(header_lines),
        *paragraphs[:k],
        *draw(inline_noise),
        *paragraphs[k:],
        *draw(trailing_noise),
    ]
    return "\n\n".join(blocks)


def _clean_again(text: str) -> tuple[list[str], list[str]]:
    """Paragraphs of one cleaning and of cleaning its result (its headline known, as the
    pipeline passes a structured title)."""
    once = clean_text(text)
    body = "\n\n".join(p.text for p in once.paragraphs)
    twice = clean_text(body, title=once.fields.title)
    return [p.text for p in once.paragraphs], [p.text for p in twice.paragraphs]


@FAST
@given(web_page())
def test_clean_text_is_idempotent(text: str) -> None:
    once, twice = _clean_again(text)
    assert twice == once


@FAST
@given(messy_text)
def test_clean_text_only_removes(text: str) -> None:
    # On arbitrary lines the position-based header rules may still find a line "near
    # the top" once the noise above it is gone; but cleaning never invents or reorders.
    once, twice = _clean_again(text)
    kept = iter(once)
    assert all(p in kept for p in twice)


# ------------------------------------------------------------------------ ingestion


@FAST
@given(st.binary(max_size=2_000))
def test_decode_bytes_raises_only_input_error(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data, path="x.txt")
    except InputError as exc:
        assert exc.path == "x.txt" and exc.message
    else:
        assert text.strip() and encoding
        assert "\r" not in text


def _check_result(result: IngestResult, name: str) -> None:
    for doc in result.documents:
        assert doc.text.strip() and doc.source_path.split("!")[0] in (name, "ok.txt")
    for skip in result.skipped:
        assert skip.reason and skip.path
        assert skip.line is None or skip.line >= 1


@FAST
@given(st.sampled_from(sorted(SUPPORTED_SUFFIXES)), st.binary(max_size=3_000))
def test_ingesting_arbitrary_bytes_never_raises(suffix: str, data: bytes) -> None:
    name = f"in{suffix}"
    result = read_uploads([(name, data), ("ok.txt", b"Drone talks open in Brussels.")])
    _check_result(result, name)
    assert any(d.id == "ok" for d in result.documents)  # the batch went on


structured = st.one_of(
    # JSON-ish, CSV-ish and markup-ish text built from hostile pieces.
    st.lists(
        st.sampled_from(
            [
                "{",
                "}",
                "[",
                "]",
                '"text"',
                '"title"',
                ":",
                ",",
                '"',
                "\n",
                "\r\n",
                "text,title\n",
                "\ufeff",
                "<REUTERS NEWID=1>",
                "<BODY>",
                "</BODY>",
                "</REUTERS>",
                "<script>",
                "---\n",
                "title: x\n",
                "null",
                "1e999",
                "word",
                "\x00",
                "\xe9",
            ]
        ),
        max_size=60,
    ).map("".join),
)


@FAST
@given(st.sampled_from(sorted(SUPPORTED_SUFFIXES - {".zip"})), structured)
def test_ingesting_near_valid_text_never_raises(suffix: str, text: str) -> None:
    name = f"in{suffix}"
    config = IngestConfig(max_article_chars=50)
    for data in (text.encode("utf-8"), text.encode("utf-16"), text.encode("latin-1", "replace")):
        result = read_uploads([(name, data)], config)
        _check_result(result, name)
        assert all(len(d.text) <= 50 for d in result.documents)


@SLOW
@given(st.lists(article_text, min_size=1, max_size=4))
def test_analysis_raises_only_natojp_errors(texts: list[str]) -> None:
    sources = IngestResult(
        tuple(SourceText(f"d{i}", f"d{i}.txt", t, "txt") for i, t in enumerate(texts)), ()
    )
    with contextlib.suppress(NatojpError):
        analyze_sources(sources, AnalysisConfig())


# ------------------------------------------------------------- similarity, duplicates


@FAST
@given(st.lists(article_text, min_size=1, max_size=6))
def test_similarity_matrix_is_symmetric_with_unit_diagonal(texts: list[str]) -> None:
    articles = [_article(i, t) for i, t in enumerate(texts)]
    result = article_similarity(vectorise(articles))
    m = result.matrix
    assert m is not None and m.shape == (len(texts), len(texts))
    np.testing.assert_allclose(m, m.T, atol=1e-6)
    np.testing.assert_allclose(np.diag(m), 1.0, atol=1e-6)
    assert ((m >= 0) & (m <= 1 + 1e-6)).all()


shared_sentences = st.lists(
    st.lists(word, min_size=10, max_size=16).map(lambda ws: " ".join(ws).capitalize() + "."),
    min_size=2,
    max_size=5,
)


@FAST
@given(shared_sentences, st.lists(st.lists(st.integers(0, 4), max_size=6), min_size=2, max_size=5))
def test_duplicate_pairs_do_not_depend_on_article_order(
    pool: list[str], picks: list[list[int]]
) -> None:
    texts = [" ".join(pool[i % len(pool)] for i in pick) or "Nothing shared." for pick in picks]
    articles = [_article(i, t) for i, t in enumerate(texts)]

    def pairs(arts: list[Article]) -> set[tuple[frozenset[str], float]]:
        return {(frozenset((p.a, p.b)), p.score) for p in find_duplicates(arts).pairs}

    forward, backward = pairs(articles), pairs(articles[::-1])
    assert {p for p, _ in forward} == {p for p, _ in backward}


# --------------------------------------------------------------------------- report


@SLOW
@given(st.lists(article_text, min_size=1, max_size=4), st.sampled_from(WORDS))
def test_report_json_round_trips(texts: list[str], outlet: str) -> None:
    sources = IngestResult(
        tuple(
            SourceText(f"d{i}", f"d{i}.txt", t, "txt", outlet=outlet if i % 2 else None)
            for i, t in enumerate(texts)
        ),
        (),
    )
    analysis = analyze_sources(sources, AnalysisConfig())
    assert json.loads(to_json(analysis)) == to_dict(analysis)
    assert json.loads(to_json(analysis, indent=None)) == to_dict(analysis)


@FAST
@given(st.text(max_size=30))
def test_csv_cell_never_starts_a_formula(value: str) -> None:
    safe = csv_cell(value)
    assert isinstance(safe, str)
    assert safe == value or safe == "'" + value
    if safe.startswith(("=", "+", "-", "@", "\t", "\r")):
        float(safe.replace(",", "").rstrip("%"))  # only plain numbers stay as they were
