from __future__ import annotations

import itertools
import random
from collections import Counter
from difflib import SequenceMatcher
from typing import Any

import numpy as np
import pytest

from natojp._dates import PartialDate
from natojp._text import tokens
from natojp.config import DuplicateConfig
from natojp.duplicates import DuplicateResult, ShingleCandidates, find_duplicates
from natojp.duplicates._evidence import _plausible, _verify
from natojp.duplicates._passages import _Passage
from natojp.duplicates._shingles import _shared_token_bounds
from natojp.models import Article, Paragraph


def art(aid: str, *paras: str, outlet: str | None = None, published: str | None = None) -> Article:
    return Article(
        id=aid,
        source_path=aid,
        paragraphs=tuple(Paragraph(p, i + 1) for i, p in enumerate(paras)),
        outlet=outlet,
        published=PartialDate.from_iso(published) if published else None,
    )


QUOTE = (
    "We are now going to set up an independent, bilateral dialogue to discuss these issues, "
    "which is a very important step from our point of view"
)
FILLER = [
    "The weather in the northern provinces stayed dry for most of the week, forecasters said.",
    "Local football clubs reported record attendance figures at the end of the season.",
    "A new bridge over the river is due to open in the spring after years of delays.",
]


def test_candidates_are_pairs_sharing_shingles() -> None:
    seqs = [
        tokens("the quick brown fox jumps over the lazy dog near the river bank"),
        tokens("a quick brown fox jumps over the lazy dog by the old mill"),
        tokens("completely different words about markets and shares falling today sharply"),
    ]
    index = ShingleCandidates(shingle_size=4, min_shared_shingles=2, min_tokens=5).fit(seqs)
    assert index.candidate_pairs_.tolist() == [[0, 1]]
    assert index.shared_counts_.tolist() == [5]  # quick brown fox jumps ... the lazy dog
    assert index.shingle_counts_.tolist() == [10, 10, 7]  # 13, 13 and 10 tokens


def test_candidates_match_brute_force_on_random_text() -> None:
    rng = random.Random(7)
    vocab = [f"w{i}" for i in range(40)]
    base = [rng.choice(vocab) for _ in range(30)]
    seqs = []
    for _ in range(25):
        s = list(base) if rng.random() < 0.4 else [rng.choice(vocab) for _ in range(30)]
        for _ in range(3):
            s[rng.randrange(len(s))] = rng.choice(vocab)
        seqs.append(s)
    k, minimum = 4, 2
    index = ShingleCandidates(shingle_size=k, min_shared_shingles=minimum, min_tokens=1).fit(seqs)

    def shingles(s: list[str]) -> set[tuple[str, ...]]:
        return {tuple(s[i : i + k]) for i in range(len(s) - k + 1)}

    expected = sorted(
        [i, j]
        for i, j in itertools.combinations(range(len(seqs)), 2)
        if len(shingles(seqs[i]) & shingles(seqs[j])) >= minimum
    )
    assert index.candidate_pairs_.tolist() == expected


def test_boilerplate_shingles_do_not_make_candidates() -> None:
    boiler = tokens("click here to read the full story on our website today")
    seqs = [boiler + tokens(f"unique tail number {i} words") for i in range(10)]
    index = ShingleCandidates(max_shingle_passages=5, min_tokens=5).fit(seqs)
    assert index.candidate_pairs_.shape == (0, 2)


def test_empty_input() -> None:
    index = ShingleCandidates().fit([])
    assert index.candidate_pairs_.shape == (0, 2)
    result = find_duplicates([])
    assert result.pairs == () and result.independent_reports == ()


def test_verbatim_copy_is_found_and_grouped_as_copy() -> None:
    original = art("orig", *FILLER, published="2025-01-02")
    copy = art("copy", *FILLER, published="2025-01-05")
    result = find_duplicates([original, copy])
    assert len(result.pairs) == 1  # the three consecutive sentences form one passage
    pair = result.pairs[0]
    assert pair.kind == "verbatim" and pair.score == 1.0 and pair.scope == "across"
    assert pair.a_text == " ".join(FILLER)
    dep = result.dependencies[0]
    assert (dep.source, dep.derivative, dep.relation) == ("orig", "copy", "copy")
    assert "published later" in dep.basis
    assert result.independent_reports == (("orig", "copy"),)


def test_dates_of_different_precision_order_a_copy_only_when_they_tell() -> None:
    """A month-precision date against a day in that month cannot say who was first
    (direction falls back to coverage, no crash); against a day of the next month it can."""
    month = art("month", *FILLER, published="2025-01")
    day = art("day", *FILLER, published="2025-01-05")
    dep = find_duplicates([month, day]).dependencies[0]
    assert "published later" not in dep.basis
    later = art("later", *FILLER, published="2025-02-03")
    dep = find_duplicates([month, later]).dependencies[0]
    assert (dep.source, dep.derivative) == ("month", "later")
    assert "published later" in dep.basis


def test_shared_quote_inside_different_sentences_is_the_passage() -> None:
    a = art("a", f'"{QUOTE}," said the ambassador, adding that industry was keen to take part.')
    b = art(
        "b",
        f"'{QUOTE.replace('a very', 'very')},' he said, as European members showed interest in chips.",
    )
    result = find_duplicates([a, b])
    assert len(result.pairs) == 1
    pair = result.pairs[0]
    assert pair.quote and pair.kind == "near-verbatim"
    assert pair.a_text.startswith("We are now going") and pair.a_text.endswith("point of view")
    assert pair.b_text.startswith("We are now going")
    assert pair.score > 0.9
    # spans point at identical wording inside the passages
    for (lo, hi), text in [(s, pair.a_text) for s in pair.a_spans]:
        assert text[lo:hi] in pair.b_text


def test_punctuation_and_hyphen_changes_are_near_verbatim() -> None:
    s1 = "Through this dialogue we are going to provide non-classified information to companies in Japan."
    s2 = "Through this dialogue, we are going to provide nonclassified information to companies in Japan"
    result = find_duplicates([art("a", s1), art("b", s2)])
    assert [(p.kind, p.score) for p in result.pairs] == [("near-verbatim", 1.0)]


def test_paraphrase_within_one_article() -> None:
    lede = (
        "NATO and Japan have taken a significant step in strengthening their security partnership "
        "by holding their first dedicated dialogue focused on defence industrial cooperation and capabilities."
    )
    again = (
        "NATO and Japan have taken a significant step forward by initiating their first dedicated "
        "dialogue focused on enhancing defence industrial cooperation and capabilities."
    )
    result = find_duplicates([art("x", lede, FILLER[0], again)])
    assert len(result.pairs) == 1
    pair = result.pairs[0]
    assert pair.scope == "within" and pair.a == pair.b == "x"
    assert (pair.a_line, pair.b_line) == (1, 3)
    assert 0.5 <= pair.score < 1.0
    assert result.dependencies == () and result.independent_reports == (("x",),)


def test_unrelated_articles_are_independent() -> None:
    result = find_duplicates([art("a", FILLER[0]), art("b", FILLER[1]), art("c", FILLER[2])])
    assert result.pairs == ()
    assert result.independent_reports == (("a",), ("b",), ("c",))


def test_one_shared_passage_and_a_named_source_make_a_rewrite() -> None:
    source = art("jt", f"'{QUOTE},' Izawa said.", FILLER[0], outlet="The Japan Times")
    agency = art(
        "aa",
        "The ambassador told the Japan Times that talks were planned.",
        f'"{QUOTE}," he said.',
        FILLER[1],
        FILLER[2],
        outlet="Anadolu Agency",
    )
    result = find_duplicates([agency, source])
    [dep] = result.dependencies
    assert (dep.source, dep.derivative, dep.relation) == ("jt", "aa", "rewrite")
    assert "aa names The Japan Times as its source" in dep.basis
    assert result.independent_reports == (("jt", "aa"),)


def test_one_shared_quote_alone_keeps_reports_independent() -> None:
    a = art("a", f'"{QUOTE}," he said.', FILLER[0], FILLER[1])
    b = art("b", f'"{QUOTE}," the envoy said.', FILLER[2])
    result = find_duplicates([a, b])
    assert len(result.pairs) == 1 and result.dependencies == ()
    assert len(result.independent_reports) == 2


def test_pairs_are_ordered_and_frame_has_one_row_each() -> None:
    result = find_duplicates([art("a", *FILLER), art("b", *FILLER), art("c", FILLER[0])])
    scores = [p.score for p in result.pairs]
    assert scores == sorted(scores, reverse=True)
    frame = result.to_frame()
    assert len(frame) == len(result.pairs)
    assert set(frame.columns) >= {"a", "b", "kind", "score", "a_text", "b_text"}


@pytest.mark.parametrize("k", [3, 4, 5])
def test_shingle_size_is_respected(k: int) -> None:
    seqs = [list("abcdefgh"), list("xbcdefgy")]
    index = ShingleCandidates(shingle_size=k, min_shared_shingles=1, min_tokens=1).fit(seqs)
    shared = len(
        {tuple(seqs[0][i : i + k]) for i in range(9 - k)}
        & {tuple(seqs[1][i : i + k]) for i in range(9 - k)}
    )
    assert index.shared_counts_.tolist() == ([shared] if shared else [])
    assert np.all(index.candidate_pairs_[:, 0] < index.candidate_pairs_[:, 1])


def _small_newsroom() -> list[Article]:
    """Originals, a verbatim copy, a lightly edited abridged copy and an unrelated story."""
    story = [
        "The defence ministry announced on Tuesday that it would buy twelve new patrol aircraft from a domestic maker.",
        "Officials said the contract was worth about two billion dollars and would run for eight years.",
        "Opposition lawmakers questioned whether the aircraft would arrive before the old fleet is retired.",
    ]
    edited = [
        "The defence ministry announced on Tuesday it would buy twelve new patrol aircraft from a domestic maker.",
        "Officials said the contract was worth about 2 billion dollars and would run for eight years.",
    ]
    return [
        art("orig", *story, published="2025-03-01"),
        art("wire", *story, published="2025-03-02"),
        art("edit", *edited, published="2025-03-03"),
        art("other", *FILLER, published="2025-03-01"),
        art("q1", f'"{QUOTE}," said the ambassador after the meeting in Brussels on Monday.'),
    ]


def test_exact_repeated_bodies_are_reported() -> None:
    corpus = _small_newsroom()
    assert find_duplicates(corpus).repeated_bodies == (("orig", "wire"),)


def test_repeated_bodies_are_equal_bodies_even_when_hashes_collide(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from natojp.duplicates import _evidence

    articles = [art(name, "x") for name in ("a", "b", "c", "d", "e", "f")]
    words = {0: ["one", "two"], 1: ["uno", "dos"], 2: ["one", "two"], 3: [], 4: ["uno", "dos"]}
    words[5] = ["one", "two"]
    expected = (("a", "c", "f"), ("b", "e"))
    assert _evidence._repeated_bodies(articles, words) == expected
    monkeypatch.setattr(_evidence, "hash", lambda _: 7, raising=False)  # every body collides
    assert _evidence._repeated_bodies(articles, words) == expected
    assert _evidence._repeated_bodies(articles, {0: ["one"], 1: ["two"]}) == ()


# A copied paragraph whose sentences include some too short to be candidates
# (fewer than ``min_passage_words`` words: no shingles of their own).
COPIED = [
    "The port authority said on Friday that cargo volumes had fallen for a third month in a row.",
    "Exports slowed.",
    "Container traffic from Asia dropped by nearly a fifth compared with the same period last year.",
    "Rail freight held up.",
]


def test_copied_paragraph_interrupted_by_a_short_sentence_is_one_passage() -> None:
    paragraph = " ".join(COPIED)
    a = art("a", FILLER[0], paragraph)
    b = art("b", paragraph, FILLER[1])
    result = find_duplicates([a, b])
    assert [(p.a_text, p.b_text, p.kind) for p in result.pairs] == [
        (paragraph, paragraph, "verbatim")
    ]
    assert result.pairs[0].shared_words == len(tokens(paragraph))
    assert result.stats["short_sentences"] == 2


def test_short_sentences_opening_a_copied_paragraph_are_part_of_the_passage() -> None:
    paragraph = " ".join(["Trade slowed again.", "Officials were cautious.", COPIED[0]])
    result = find_duplicates([art("a", paragraph), art("b", FILLER[2], paragraph)])
    assert [p.a_text for p in result.pairs] == [paragraph]


def test_short_sentences_are_not_bridged_when_their_words_differ() -> None:
    a = art("a", " ".join([COPIED[0], "Exports slowed.", COPIED[2]]))
    b = art("b", " ".join([COPIED[0], "Imports rose.", COPIED[2]]))
    result = find_duplicates([a, b])
    assert sorted(p.a_text for p in result.pairs) == sorted([COPIED[0], COPIED[2]])
    assert result.stats["short_sentences"] == 0


def test_identical_short_sentences_alone_are_not_duplicates() -> None:
    a = art("a", "Exports slowed.", FILLER[0], "Rail freight held up.")
    b = art("b", "Exports slowed.", FILLER[1], "Rail freight held up.")
    assert find_duplicates([a, b]).pairs == ()


def test_short_sentences_next_to_a_paraphrase_are_not_added() -> None:
    said = "The government announced on Monday a new plan to cut carbon emissions from power plants by half before the end of the decade."
    reworded = "The government said on Monday that it would cut carbon emissions from coal power plants by half within ten years."
    a = art("a", f"{said} Talks went well.")
    b = art("b", f"{reworded} Talks went well.")
    [pair] = find_duplicates([a, b]).pairs
    assert pair.kind == "paraphrase" and pair.a_text == said


def _random_sentences(seed: int, count: int) -> list[list[str]]:
    """Token lists with much reuse: copies with edits, shuffles and repeated words."""
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(30)]
    base = [[rng.choice(vocab) for _ in range(rng.randrange(5, 40))] for _ in range(8)]
    out = []
    for _ in range(count):
        s = list(rng.choice(base))
        for _ in range(rng.randrange(0, 12)):
            op = rng.randrange(3)
            if op == 0 and s:
                s[rng.randrange(len(s))] = rng.choice(vocab)
            elif op == 1 and s:
                del s[rng.randrange(len(s))]
            else:
                s.insert(rng.randrange(len(s) + 1), rng.choice(vocab))
        if rng.random() < 0.2:
            rng.shuffle(s)
        out.append(s)
    return out


def test_shared_token_bounds_are_multiset_intersections() -> None:
    seqs = _random_sentences(3, 60)
    pairs = np.array(list(itertools.combinations(range(len(seqs)), 2)), dtype=np.int64)
    expected = [sum((Counter(seqs[i]) & Counter(seqs[j])).values()) for i, j in pairs.tolist()]
    assert _shared_token_bounds(seqs, pairs).tolist() == expected
    assert _shared_token_bounds(seqs, pairs[:0]).tolist() == []
    assert _shared_token_bounds([[], []], np.array([[0, 1]])).tolist() == [0]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_pairs_dropped_before_alignment_could_not_be_duplicates(seed: int) -> None:
    seqs = _random_sentences(seed, 80)
    passages = [_Passage(i, 0, " ".join(s), None, s, None) for i, s in enumerate(seqs)]
    pairs = np.array(list(itertools.combinations(range(len(seqs)), 2)), dtype=np.int64)
    config = DuplicateConfig()
    kept = _plausible(pairs, seqs, config)
    assert kept.tolist() == sorted(kept.tolist(), key=lambda p: (p[1], p[0]))
    accepted = {
        (i, j) for i, j in pairs.tolist() if _verify(passages[i], passages[j], i, j, config)
    }
    assert 0 < len(accepted) < len(kept) < len(pairs)
    assert accepted <= {tuple(p) for p in kept.tolist()}
    # One matcher reused across the pairs of a passage gives the same alignments.
    matcher: SequenceMatcher[str] = SequenceMatcher(None, [], [], autojunk=False)
    for i, j in kept.tolist():
        assert _verify(passages[i], passages[j], i, j, config, matcher) == _verify(
            passages[i], passages[j], i, j, config
        )


STORY = [
    "Defence ministers from twelve countries met in Brussels on Tuesday to discuss munitions.",
    "The talks focused on shared production lines for artillery shells and air defence.",
    "Officials said a first contract could be signed before the end of the coming year.",
    "Industry leaders welcomed the plan but warned that factories needed firm orders.",
    "Several delegations asked for a common standard for drones and their components.",
    "The next meeting is planned for the spring in a city that has not been named yet.",
]
EXTRA = [
    "Opposition politicians criticised the cost of the programme in a heated debate today.",
    "A spokesman for the finance ministry declined to give any figure for the budget.",
    "Analysts in Tokyo said the agreement would matter most for small suppliers of parts.",
]


def test_relations_copy_version_and_rewrite() -> None:
    """copy: the same article twice; version: one is the other plus material of its own
    (here: three more paragraphs); rewrite: a substantial share reworded or reused."""
    base = art("base", *STORY, published="2025-01-02")
    same = art("same", *STORY[:3], STORY[3].replace("warned", "cautioned"), *STORY[4:])
    extended = art("extended", *STORY, *EXTRA, published="2025-01-03")
    reworked = art(
        "reworked",
        *STORY[:3],
        *EXTRA,
        "Nobody could say when the factories would be ready to deliver the first shells.",
        "Several smaller partners said they would wait for the final text before deciding.",
    )
    result = find_duplicates([base, same, extended, reworked])
    deps = {frozenset((d.source, d.derivative)): d for d in result.dependencies}
    assert deps[frozenset(("base", "same"))].relation == "copy"
    version = deps[frozenset(("base", "extended"))]
    assert (version.relation, version.source, version.derivative) == (
        "version",
        "base",
        "extended",
    )
    assert version.verb == "is a version of"
    assert deps[frozenset(("base", "reworked"))].relation == "rewrite"
    assert "shared text is" in version.basis
    assert all(0 <= d.coverage <= 1 for d in result.dependencies)


def test_coverage_counts_short_sentences_and_no_word_twice() -> None:
    """Identical bodies are fully covered even with short sentences, and a sentence
    repeated in both articles is not counted twice."""
    body = [*STORY[:3], "Talks went well.", STORY[3], STORY[3], "It was sunny."]
    a, b = art("a", *body), art("b", *body)
    dep = find_duplicates([a, b]).dependencies[0]
    assert dep.relation == "copy" and dep.coverage == 1.0


# --- Japanese -------------------------------------------------------------------------
# Own texts (not from real articles): a policy story, a lightly edited copy of it (date
# written in digits, a few verbs changed, one sentence dropped), and unrelated stories
# that share the formulae of Japanese news (は会見で…と述べた, 一方、…の一部からは).

JA_STORY = (
    "政府は十五日、北大西洋条約機構（NATO）との間でサイバー防衛に関する新たな協力文書に署名したと発表した。"
    "文書は、電力や通信などの重要インフラが攻撃を受けた場合に、双方が脅威情報を迅速に共有する仕組みを定めている。"
    "防衛省の担当者は記者会見で「欧州の同盟国との連携を深めることで、抑止力を高めたい」と述べた。"
    "協力の対象には、宇宙空間の状況把握や防衛装備品の共同研究も含まれる。"
    "一方、野党の一部からは、国会で十分な説明がないまま手続きが進められたとの批判が出ている。"
    "安全保障に詳しい専門家は、欧州とアジアの安全保障が切り離せなくなっている現状を反映したものだと指摘した。"
    "政府は年内にも共同演習の具体的な計画をまとめる方針だ。"
)
JA_EDITED = (
    "政府は16日、北大西洋条約機構（NATO）との間でサイバー防衛に関する新しい協力文書に署名したと明らかにした。"
    "文書は、電力や通信などの重要インフラが攻撃を受けた際に、双方が脅威情報を迅速に共有する仕組みを定めている。"
    "防衛省の担当者は記者会見で「欧州の同盟国との連携を深めることで、抑止力を高めたい」と語った。"
    "協力の対象には、宇宙空間の状況把握や防衛装備品の共同研究も含まれる。"
    "安全保障に詳しい専門家は、欧州とアジアの安全保障が切り離せなくなっている現状を反映したものだと指摘している。"
    "政府は年内にも共同演習の具体的な計画をまとめる方針だという。"
)
JA_OTHER = [
    "財務省は二十日、来年度予算の概算要求で防衛関係費が過去最大の規模になる見通しだと明らかにした。"
    "長射程ミサイルの取得や弾薬の備蓄に重点を置き、隊員の処遇改善にも予算を充てる。"
    "財務相は閣議後の会見で「歳出の効率化を徹底し、国民に丁寧に説明していく」と語った。",
    "気象庁は二十日、東京都心で桜が開花したと発表した。平年より五日早く、昨年と比べても三日早い開花となった。"
    "上野公園では、早くも花見を楽しむ家族連れの姿が見られた。気象庁によると、満開は一週間ほど先になる見込みだという。",
    "市教育委員会は十日、市内の小中学校で提供する給食の食材費が値上がりしていることを受け、"
    "保護者の負担を増やさずに献立を維持する方針を明らかにした。教育長は会見で「子どもたちの栄養を守ることを最優先に考えた」と述べた。"
    "一方、市議会の一部からは、財源の確保策について十分な説明を求める声が上がっている。",
]


def ja(aid: str, *paras: str, language: str | None = "ja") -> Article:
    return Article(
        aid, aid, tuple(Paragraph(p, i + 1) for i, p in enumerate(paras)), language=language
    )


def _japanese_copy_is_found(result: DuplicateResult, kinds: set[str] | None = None) -> None:
    across = {frozenset((p.a, p.b)) for p in result.pairs if p.a != p.b}
    assert across == {frozenset(("story", "edited"))}
    shared = sum(p.shared_words for p in result.pairs)
    assert shared >= 100
    assert all(p.kind in (kinds or {"verbatim", "near-verbatim"}) for p in result.pairs)
    [dep] = result.dependencies
    assert {dep.source, dep.derivative} == {"story", "edited"}
    assert dep.relation in {"copy", "version"} and 0 < dep.coverage <= 1
    assert ("story", "edited") in result.independent_reports or (
        "edited",
        "story",
    ) in result.independent_reports
    assert ("o0",) in result.independent_reports and ("o2",) in result.independent_reports


def test_lightly_edited_japanese_copy_is_found() -> None:
    pytest.importorskip("sudachipy")
    articles = [ja("story", JA_STORY), ja("edited", JA_EDITED)] + [
        ja(f"o{i}", t) for i, t in enumerate(JA_OTHER)
    ]
    result = find_duplicates(articles)
    _japanese_copy_is_found(result)
    # The edited copy drops one of seven sentences: a version of the story, not a copy.
    assert result.dependencies[0].relation == "version"
    # Passages are words, not clauses: the first sentence alone has 20+ tokens.
    first = next(p for p in result.pairs if "署名" in p.a_text)
    assert first.shared_words >= 20


def test_japanese_copy_is_found_without_a_language() -> None:
    pytest.importorskip("sudachipy")
    articles = [ja("story", JA_STORY, language=None), ja("edited", JA_EDITED, language=None)] + [
        ja(f"o{i}", t, language=None) for i, t in enumerate(JA_OTHER)
    ]
    _japanese_copy_is_found(find_duplicates(articles))


def test_japanese_copy_is_found_with_character_bigrams(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fallback when the analyser is missing still finds the copy and nothing else."""
    import natojp._text as text_module

    class Missing:
        def spans(self, run: str) -> None:
            return None

    monkeypatch.setattr(text_module, "_JAPANESE", Missing())
    articles = [ja("story", JA_STORY), ja("edited", JA_EDITED)] + [
        ja(f"o{i}", t) for i, t in enumerate(JA_OTHER)
    ]
    # Bigrams count characters: small edits weigh more, some passages are paraphrase.
    _japanese_copy_is_found(find_duplicates(articles), {"verbatim", "near-verbatim", "paraphrase"})


def test_japanese_spans_mark_identical_wording() -> None:
    pytest.importorskip("sudachipy")
    result = find_duplicates([ja("story", JA_STORY), ja("edited", JA_EDITED)])
    assert result.pairs
    for p in result.pairs:
        for (a0, a1), (b0, b1) in zip(p.a_spans, p.b_spans, strict=True):
            assert tokens(p.a_text[a0:a1], "ja") == tokens(p.b_text[b0:b1], "ja")
        marked = "".join(p.a_text[a0:a1] for a0, a1 in p.a_spans)
        assert "十五日" not in marked  # the edited date is not marked as shared


def test_one_shared_sentence_keeps_long_japanese_articles_independent() -> None:
    """Shared words are compared with the articles' token counts: a Japanese clause is
    not one word (``Article.word_count`` counts it as one)."""
    pytest.importorskip("sudachipy")
    shared = "安全保障に詳しい専門家は、欧州とアジアの安全保障が切り離せなくなっている現状を反映したものだと指摘した。"
    a = ja("a", JA_OTHER[0], JA_OTHER[1], shared)
    b = ja(
        "b", JA_OTHER[2], "港区では、新しい図書館の建設計画について住民説明会が開かれた。", shared
    )
    result = find_duplicates([a, b])
    assert len(result.pairs) == 1 and result.pairs[0].shared_words >= 12
    assert result.dependencies == ()
    assert result.independent_reports == (("a",), ("b",))


def test_unrelated_japanese_articles_share_no_passage() -> None:
    pytest.importorskip("sudachipy")
    result = find_duplicates([ja(f"o{i}", t) for i, t in enumerate(JA_OTHER)] + [ja("s", JA_STORY)])
    assert result.pairs == () and result.dependencies == ()


# Formulaic wording, passage pairs listed once, the side-by-side view.

READOUT_BRUSSELS = [
    "On March 3, 2031, commencing at 09:00 for approximately 40 minutes, Mr. ARATA Ken, "
    "Minister of Defense, held a meeting with H.E. Ms. Ilse Varga, Secretary General of the "
    "Northern Maritime Council, in Oslo. The overview of the meeting is as follows.",
    "1. At the outset, Minister Arata welcomed the decision to open a liaison office for "
    "the patrol flotilla in the harbour district.",
    "2. The two sides confirmed that they will hold a dialogue on the repair of patrol "
    "boats, and that its first meeting will be held in Bergen in June.",
    "3. The two sides agreed to continue close communication at all levels. (End)",
]
READOUT_TOKYO = [
    "On March 19, 2031, commencing at 14:00 for approximately 35 minutes, Mr. ARATA Ken, "
    "Minister of Defense, held a meeting with H.E. Mr. Piet Aalders, Secretary General of "
    "the Northern Maritime Council, in Tokyo. The overview of the meeting is as follows.",
    "1. At the outset, Minister Arata explained plans to train coastal radar crews with "
    "partners from the southern islands from next spring.",
    "2. The two sides confirmed that they will hold a dialogue on fisheries patrols, and "
    "that its first meeting will be held in Sapporo in September.",
    "3. The two sides agreed to continue close communication at all levels. (End)",
]


def test_two_readouts_sharing_formulas_are_two_reports() -> None:
    a = art("oslo", *READOUT_BRUSSELS, published="2031-03-03")
    b = art("tokyo", *READOUT_TOKYO, published="2031-03-19")
    result = find_duplicates([a, b])
    assert result.pairs, "the formulaic passages are still listed"
    assert all(p.evidence < p.shared_words for p in result.pairs)
    assert sum(p.formulaic for p in result.pairs) >= 3
    assert result.dependencies == ()
    assert result.independent_reports == (("oslo",), ("tokyo",))
    frame = result.to_frame()
    assert frame["formulaic"].sum() >= 3
    assert (frame["evidence_words"] < frame["shared_words"]).all()


def test_a_copied_readout_is_still_one_report() -> None:
    a = art("mod", *READOUT_BRUSSELS, published="2031-03-03")
    copy = art("site", "Reprinted from the ministry:", *READOUT_BRUSSELS, published="2031-03-04")
    [dep] = find_duplicates([a, copy]).dependencies
    assert (dep.source, dep.derivative, dep.relation) == ("mod", "site", "copy")


def test_names_with_titles_and_numbers_are_not_evidence() -> None:
    from natojp.duplicates._passages import _Passage, _weak_tokens

    text = (
        "Mr. Mark Halvorsen, Secretary General of the Northern Maritime Council, "
        "said on 4 May that the harbour repairs would take longer."
    )
    p = _Passage(0, 0, text, 1, tokens(text), None)
    weak = dict(zip(p.tokens, _weak_tokens(p).tolist(), strict=True))
    for word in ("mr", "mark", "halvorsen", "secretary", "general", "northern", "council", "4"):
        assert weak[word], word
    for word in ("said", "harbour", "repairs", "would", "longer"):
        assert not weak[word], word
    opening = _Passage(0, 0, "Repairs began late.", 1, tokens("Repairs began late."), None)
    assert not _weak_tokens(opening).any(), "a capitalised first word alone is no name"


def test_one_outlet_naming_itself_is_no_source() -> None:
    notice = (
        "Copyright 2031 The Harbour Wire. All rights reserved. This material may not be "
        "published, broadcast, rewritten or redistributed without permission."
    )
    menu = "WORLD POLITICS SPORTS BUSINESS SCIENCE HEALTH TRAVEL World News"
    a = art("w1", menu, STORY[0], STORY[1], notice, outlet="Harbour Wire")
    b = art("w2", menu, EXTRA[0], EXTRA[1], notice, outlet="The Harbour Wire")
    result = find_duplicates([a, b])
    assert result.pairs and result.dependencies == ()
    assert len(result.independent_reports) == 2


def test_wording_common_across_unrelated_articles_links_none_of_them() -> None:
    furniture = (
        "Readers who want the morning briefing in their inbox can register on the website "
        "and choose the topics that matter to them most."
    )
    topics = [
        "The council approved a new budget for the city library after a long debate.",
        "A storm closed the mountain pass for two days and stranded several lorries.",
        "The museum opened an exhibition of early photographs of the old harbour.",
        "Farmers reported a late harvest because of the cold and wet summer weeks.",
    ]
    articles = [art(f"n{i}", t, FILLER[i % 3], furniture) for i, t in enumerate(topics)]
    result = find_duplicates(articles)
    assert result.pairs, "the shared sentence is listed"
    assert all(p.formulaic for p in result.pairs)
    assert result.dependencies == ()


def test_repeated_wire_copies_are_not_made_common() -> None:
    """Wording in many articles that are copies of one another is their evidence."""
    articles = [art(f"c{i}", *STORY) for i in range(4)] + [art("other", *FILLER)]
    result = find_duplicates(articles)
    assert {frozenset(g) for g in result.independent_reports} == {
        frozenset({"c0", "c1", "c2", "c3"}),
        frozenset({"other"}),
    }
    assert not any(p.formulaic for p in result.pairs)


class _Twice(ShingleCandidates):
    """A candidate generator that gives every pair twice, both ways round."""

    def fit(self, sequences: Any, y: Any = None) -> _Twice:
        super().fit(sequences)
        pairs = self.candidate_pairs_
        self.candidate_pairs_ = np.concatenate([pairs, pairs[:, ::-1], pairs])
        return self


def test_a_passage_pair_is_listed_once() -> None:
    a = art("a", *STORY)
    b = art("b", *STORY)
    plain = find_duplicates([a, b])
    twice = find_duplicates([a, b], candidates=_Twice())
    assert twice.pairs == plain.pairs
    keys = [(p.a, p.b, p.a_text, p.b_text) for p in twice.pairs]
    assert len(keys) == len(set(keys))


def test_a_sentence_repeated_in_one_article_is_one_passage_pair() -> None:
    sentence = (
        "The shipyard said the first two patrol boats would be delivered to the coast guard "
        "before the end of next year."
    )
    a = art("a", sentence, FILLER[0], sentence, FILLER[1])
    b = art("b", sentence, FILLER[2])
    result = find_duplicates([a, b])
    across = [p for p in result.pairs if p.a != p.b]
    assert len(across) == 1
    within = [p for p in result.pairs if p.a == p.b]
    assert len(within) == 1


def test_side_by_side_keeps_the_original_spacing_and_marks_changes() -> None:
    from natojp.duplicates import side_by_side

    a = "The talks, officials said, will ensure security. But costs rose (sharply)."
    b = "The new talks, officials said, will ensure security. But costs fell."
    left, right = side_by_side(a, b)
    assert "".join(t for t, _ in left) == a and "".join(t for t, _ in right) == b
    assert ("talks, officials said, will ensure security. But costs", "shared") in left
    assert ("new", "inserted") in right
    assert ("rose (sharply", "changed") in left  # the bracket between stays as written
    assert ("fell", "changed") in right
    assert all(s in {"", "shared", "changed", "inserted", "deleted"} for _, s in left + right)
    gone, kept = side_by_side("Costs rose sharply last year.", "Costs rose last year.")
    assert ("sharply", "deleted") in gone and all(s != "deleted" for _, s in kept)
    assert side_by_side("", "") == ([], [])


def test_side_by_side_markdown_is_escaped() -> None:
    from natojp.duplicates import side_by_side, side_markdown

    a = "Click [here](javascript:alert(1)) for *free* $5 <b>now</b>."
    b = "Click [there](javascript:alert(1)) for *free* $5 <b>now</b>."
    left, _ = side_by_side(a, b)
    md = side_markdown(left)
    assert "](" not in md.replace("\\]\\(", "")
    assert "<b>" not in md and "\\*free\\*" in md and "\\$5" in md
    assert ":orange-background[Click \\[]" not in md
    assert ":blue-background[here]" in md
    assert md.count(":orange-background[") >= 2
    gone, _ = side_by_side("Costs rose sharply.", "Costs rose.")
    assert ":red[~~sharply~~]" in side_markdown(gone)
    assert side_markdown([("security", "shared"), (". ", ""), ("But", "shared")]) == (
        ":orange-background[security]\\. :orange-background[But]"
    )


def test_sort_pairs_is_lexsort() -> None:
    from natojp.duplicates._shingles import _sort_pairs

    rng = np.random.default_rng(0)
    keys = rng.integers(0, 50, 2000).astype(np.uint64)
    values = rng.integers(0, 30, 2000)
    order = np.lexsort((values, keys))
    got_keys, got_values = _sort_pairs(keys, values)
    assert np.array_equal(got_keys, keys[order])
    assert np.array_equal(got_values, values[order])
    empty_keys, empty_values = _sort_pairs(np.empty(0, np.uint64), np.empty(0, np.int64))
    assert empty_keys.size == empty_values.size == 0


def test_common_shingles_count_families_whatever_the_order() -> None:
    from natojp.duplicates._passages import _common_shingles

    rng = np.random.default_rng(1)
    hashes = rng.integers(0, 40, 500).astype(np.uint64)
    owners = rng.integers(0, 60, 500)
    families = rng.integers(0, 20, 60)
    seen: dict[int, set[int]] = {}
    for h, o in zip(hashes.tolist(), owners.tolist(), strict=True):
        seen.setdefault(h, set()).add(int(families[o]))
    expected = sorted(h for h, fams in seen.items() if len(fams) >= 3)
    assert _common_shingles((hashes, owners), families, 3).tolist() == expected
    order = np.lexsort((owners, hashes))
    assert _common_shingles((hashes[order], owners[order]), families, 3).tolist() == expected
    assert _common_shingles((hashes, owners), families, 99).size == 0


def test_members_is_exact_membership_in_a_sorted_set() -> None:
    from natojp.duplicates._shingles import _MEMBER_BITS, members

    rng = np.random.default_rng(5)
    wanted = np.unique(rng.integers(0, 2**63, 3000, dtype=np.int64).astype(np.uint64))
    # values that share the screening table's low bits with a wanted one but are not it
    alias = wanted[:500] + np.uint64(1 << _MEMBER_BITS)
    values = np.concatenate(
        [wanted[::3], alias, rng.integers(0, 2**63, 5000, dtype=np.int64).astype(np.uint64)]
    )
    rng.shuffle(values)
    assert np.array_equal(members(values, wanted), np.isin(values, wanted))
    assert int(members(values, wanted).sum()) == wanted[::3].size  # no alias let through
    assert members(values, wanted[:0]).sum() == 0 and members(values[:0], wanted).size == 0


def test_distinct_shingles_of_wanted_hashes_are_those_of_all_with_these_hashes() -> None:
    from natojp.duplicates._shingles import _distinct_shingles

    rng = random.Random(2)
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"]
    sequences = [[rng.choice(words) for _ in range(rng.randint(0, 30))] for _ in range(40)]
    hashes, owners = _distinct_shingles(sequences, 3, 3)
    wanted = np.unique(hashes)[::4]
    some_hashes, some_owners = _distinct_shingles(sequences, 3, 3, wanted=wanted)
    keep = np.isin(hashes, wanted)
    assert 0 < keep.sum() < keep.size
    assert np.array_equal(some_hashes, hashes[keep])
    assert np.array_equal(some_owners, owners[keep])


def test_evidence_leaves_out_formulaic_and_common_words() -> None:
    from natojp.duplicates._evidence import _Evidence
    from natojp.duplicates._passages import _Match, _weak_tokens
    from natojp.duplicates._shingles import _kgram_hashes

    texts = [
        "Mr. Mark Halvorsen said on 4 May that the harbour repairs would take much longer.",
        "Halvorsen said that the harbour repairs would take much longer than planned, it said.",
        "The harbour repairs would take much longer, all rights reserved.",
        "Mr. Mark Halvorsen said on 4 May that the harbour repairs would take much longer.",
    ]
    articles = [0, 1, 2, 0]
    passages = [_Passage(articles[i], i, t, 1, tokens(t), None) for i, t in enumerate(texts)]

    def match(i: int, j: int) -> _Match:
        ta, tb = passages[i].tokens, passages[j].tokens
        blocks = [
            (b.a, b.b, b.size)
            for b in SequenceMatcher(None, ta, tb, autojunk=False).get_matching_blocks()
            if b.size
        ]
        return _Match(i, j, True, 1.0, sum(b[2] for b in blocks), (0, 1), (0, 1), blocks)

    runs = [[match(0, 1)], [match(1, 2), match(0, 2)], [match(0, 3)]]
    k = 4

    def grams(p: _Passage) -> list[int]:
        h = np.fromiter(map(hash, p.tokens), dtype=np.int64, count=len(p.tokens))
        return _kgram_hashes(h.view(np.uint64), k).tolist()

    common = np.unique(np.asarray([grams(passages[2])[0]], dtype=np.uint64))

    def expected(run: list[_Match], with_common: bool) -> int | None:
        if passages[run[0].pa].article == passages[run[0].pb].article:
            return None
        total = 0
        for m in run:
            masks = []
            for index in (m.pa, m.pb):
                mask = _weak_tokens(passages[index]).copy()
                if with_common:
                    for start, g in enumerate(grams(passages[index])):
                        if g in common.tolist():
                            mask[start : start + k] = True
                masks.append(mask)
            for i, j, size in m.blocks:
                total += sum(not (masks[0][i + t] or masks[1][j + t]) for t in range(size))
        return total

    evidence = _Evidence(runs, passages, k)
    assert evidence.words(None) == [expected(r, False) for r in runs]
    assert evidence.words(common) == [expected(r, True) for r in runs]
    assert evidence.words(common) != evidence.words(None)
    assert _Evidence([], passages, k).words(common) == []
