from __future__ import annotations

import dataclasses
import pickle
import random

import pytest

from natojp.models import Article, Paragraph, count_words, has_words

_SAMPLES = [
    "",
    "A dual-use, Japan's 5% rise",
    "non-classified -- co-operation; ’quoted’ words' end-",
    "U.S.-Japan talks: 2025’s first—and last",
    "日本とNATO の協力",
    "snake_case and-dangling- 'apostrophes'",
    "ﬁne Straße ½",
]


def test_paragraph_counts_its_words_once_and_compares_by_text_and_line() -> None:
    p = Paragraph("A dual-use, Japan's 5% rise", 3)
    assert p.words == count_words(p.text) == 5
    assert p == Paragraph("A dual-use, Japan's 5% rise", 3) != Paragraph(p.text, 4)
    assert hash(p) == hash(Paragraph(p.text, 3))
    assert repr(p) == 'Paragraph(text="A dual-use, Japan\'s 5% rise", line=3)'
    assert pickle.loads(pickle.dumps(p)).words == 5
    assert dataclasses.replace(p, text="Two words").words == 2


def test_article_word_count_sums_its_paragraphs() -> None:
    paras = tuple(Paragraph(t, i) for i, t in enumerate(_SAMPLES, 1))
    article = Article("a", "a.txt", paras)
    assert article.word_count == sum(count_words(t) for t in _SAMPLES)
    assert article.word_count == count_words(article.body)


def test_has_words_agrees_with_count_words() -> None:
    rng = random.Random(7)
    alphabet = ["a", "B", "1", "_", "-", "'", "’", " ", ".", "é", "日", "\n", "‐", "ß"]
    texts = _SAMPLES + ["".join(rng.choices(alphabet, k=rng.randint(0, 30))) for _ in range(3000)]
    for text in texts:
        n = count_words(text)
        for k in {0, 1, 2, 8, 12, max(n - 1, 0), n, n + 1}:
            assert has_words(text, k) == (n >= k), (text, k)


def test_ascii_and_unicode_word_counts_agree() -> None:
    # The ASCII patterns must count as the Unicode one does on ASCII text.
    from natojp import models

    texts = [
        "a-b-c a--b -a- 'tis rock'n'roll x' y __init__ a_b-c'd 3-4 a'-b",
        "Japan's dual-use U.S. e-mail- it's' -- '' - \t\x7f end",
        "Shr 1.57 dlrs vs 1.18 dlrs; Net 4,373,000",
        "",
    ]
    for text in texts:
        assert text.isascii()
        assert count_words(text) == len(models._WORD.findall(text))
        for n in range(0, 30):
            assert has_words(text, n) == (len(models._WORD.findall(text)) >= n)


def test_corpus_citation_names_a_frozen_version_else_the_content_hash() -> None:
    from natojp.models import Corpus

    assert Corpus((), fingerprint="ab12").citation == "corpus hash ab12"
    frozen = Corpus((), fingerprint="cd34", version="cd34")
    assert frozen.citation == "library version cd34"


def _articles() -> tuple[Article, ...]:
    from natojp._dates import PartialDate

    return (
        Article(
            "a1",
            "a1.txt",
            (Paragraph("The ministry confirmed the purchase.", 3),),
            title="Radar purchase confirmed",
            outlet="Harbour Times",
            outlet_basis="manifest",
            published=PartialDate(2025, 7, 2),
            published_basis="metadata",
            wires=("Kyodo",),
            language="en",
            outlet_country="JP",
            outlet_type="newspaper",
        ),
        Article("a2", "a2.txt", (Paragraph("No outlet is known for this one.", 1),)),
    )


def test_a_deferred_corpus_reads_its_articles_once_when_first_used() -> None:
    from natojp.models import Corpus

    articles, reads = _articles(), []

    def read() -> tuple[Article, ...]:
        reads.append(1)
        return articles

    corpus = Corpus.deferred(read, 2, name="coast", fingerprint="ab12", version="ab12")
    assert len(corpus) == 2 and corpus.name == "coast"  # known without reading
    assert corpus.citation == "library version ab12" and corpus.skipped == ()
    assert not corpus.loaded and not reads
    assert corpus.by_id("a2") is articles[1]
    assert corpus.articles is articles and corpus.ids == ["a1", "a2"] and corpus.loaded
    assert len(reads) == 1
    plain = Corpus(articles, name="coast", fingerprint="ab12", version="ab12")
    assert corpus == plain and len(plain) == 2 and plain.loaded
    copy = pickle.loads(pickle.dumps(Corpus.deferred(lambda: articles, 2, name="coast")))
    assert copy.loaded and copy.articles == articles and copy.by_id("a1") == articles[0]


def test_a_relabelled_corpus_shares_its_articles_read_or_not() -> None:
    from natojp.models import Corpus, Skipped

    articles, reads = _articles(), []

    def read() -> tuple[Article, ...]:
        reads.append(1)
        return articles

    skipped = (Skipped("x.bin", "not text"),)
    deferred = Corpus.deferred(read, 2, name="lib", fingerprint="f0")
    other = deferred.relabelled(name="brief", version="v1", skipped=skipped)
    assert (other.name, other.version, other.skipped, len(other)) == ("brief", "v1", skipped, 2)
    assert not other.loaded and not reads
    assert other.articles is articles and len(reads) == 1
    plain = Corpus(articles, name="lib").relabelled(name="b", version=None, skipped=())
    assert plain.loaded and plain.articles is articles and plain.name == "b"


def test_an_article_head_has_every_field_but_the_text() -> None:
    from natojp.models import ArticleHead

    for article in _articles():
        head = ArticleHead.of(article)
        for f in dataclasses.fields(ArticleHead):
            assert getattr(head, f.name) == getattr(article, f.name)
        assert head.source == article.source
        assert pickle.loads(pickle.dumps(head)) == head
    assert ArticleHead.of(_articles()[1]).source == "(unattributed) a2"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "-",
        "a",
        "a-b-c d'e f--g h-'i -j k- 'l m' _n_ 9-9 a.b,c",
        "It's the U.S.-Japan deal: 3-2, don't--won't; x-y-z' 'q",
        "\t\nTwo  words\r\n",
    ],
)
def test_count_words_of_ascii_text_is_the_word_pattern_s(text: str) -> None:
    from natojp.models import _ASCII_WORD

    assert count_words(text) == len(_ASCII_WORD.findall(text))


def test_count_words_of_any_ascii_text_is_the_word_pattern_s() -> None:
    from natojp.models import _ASCII_WORD

    rng = random.Random(7)
    for _ in range(20_000):
        text = "".join(rng.choice("ab_9-' .,\t") for _ in range(rng.randint(0, 14)))
        assert count_words(text) == len(_ASCII_WORD.findall(text)), text


def test_on_story_leaves_out_articles_off_the_story_unless_all_are() -> None:
    from natojp.models import ArticleHead, on_story

    heads = [ArticleHead("a"), ArticleHead("old"), ArticleHead("b")]
    assert on_story(heads, {"old"}) == ([heads[0], heads[2]], [heads[1]])
    assert on_story(heads, ()) == (heads, [])
    assert on_story(heads[1:2], {"old"}) == ([heads[1]], [])  # nothing else to show
