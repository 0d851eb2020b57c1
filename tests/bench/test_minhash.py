"""The MinHash LSH peer of the benchmark finds what the exact join finds."""

from __future__ import annotations

import itertools
import random

import numpy as np

from bench.minhash import MinHashCandidates
from natojp._text import tokens
from natojp.duplicates import ShingleCandidates, find_duplicates
from tests.test_duplicates import COPIED, FILLER, _small_newsroom, art


def test_a_copied_paragraph_interrupted_by_a_short_sentence_is_one_passage() -> None:
    paragraph = " ".join(COPIED)
    a = art("a", FILLER[0], paragraph)
    b = art("b", paragraph, FILLER[1])
    result = find_duplicates([a, b], candidates=MinHashCandidates())
    assert [(p.a_text, p.b_text, p.kind) for p in result.pairs] == [
        (paragraph, paragraph, "verbatim")
    ]
    assert result.pairs[0].shared_words == len(tokens(paragraph))


def test_minhash_path_finds_the_same_pairs_as_the_exact_path() -> None:
    corpus = _small_newsroom()
    exact = find_duplicates(corpus)
    lsh = find_duplicates(corpus, candidates=MinHashCandidates())
    assert exact.pairs and lsh.pairs == exact.pairs
    assert lsh.dependencies == exact.dependencies
    assert (
        lsh.independent_reports
        == exact.independent_reports
        == (
            ("orig", "edit", "wire"),
            ("other",),
            ("q1",),
        )
    )


def test_minhash_candidates_cover_similar_pairs_on_random_text() -> None:
    rng = random.Random(11)
    vocab = [f"w{i}" for i in range(200)]
    bases = [[rng.choice(vocab) for _ in range(40)] for _ in range(6)]
    seqs = []
    for i in range(60):
        s = list(bases[i % 6]) if i < 30 else [rng.choice(vocab) for _ in range(40)]
        for _ in range(2):
            s[rng.randrange(len(s))] = rng.choice(vocab)
        seqs.append(s)
    k = 4

    def shingles(s: list[str]) -> set[tuple[str, ...]]:
        return {tuple(s[i : i + k]) for i in range(len(s) - k + 1)}

    similar = {
        (i, j)
        for i, j in itertools.combinations(range(len(seqs)), 2)
        if len(shingles(seqs[i]) & shingles(seqs[j])) / len(shingles(seqs[i]) | shingles(seqs[j]))
        >= 0.5
    }
    assert len(similar) >= 20
    # A pair of Jaccard 0.5 is missed with probability (1 - 0.5**2)**64 < 1e-7.
    lsh = MinHashCandidates(shingle_size=k, bands=64, min_tokens=1).fit(seqs)
    found = {(int(i), int(j)) for i, j in lsh.candidate_pairs_}
    assert similar <= found
    exact = ShingleCandidates(shingle_size=k, min_shared_shingles=1, min_tokens=1).fit(seqs)
    assert found <= {(int(i), int(j)) for i, j in exact.candidate_pairs_}


def test_minhash_signatures_estimate_jaccard() -> None:
    lsh = MinHashCandidates(bands=64, rows=4)
    a = np.arange(0, 300, dtype=np.uint64) * np.uint64(2654435761)
    b = np.arange(100, 400, dtype=np.uint64) * np.uint64(2654435761)  # Jaccard 200/400
    hashes = np.concatenate([a, b])
    owners = np.repeat(np.arange(2), 300)
    sig = lsh.signatures(hashes, owners, 2)
    assert abs(float((sig[0] == sig[1]).mean()) - 0.5) < 0.1


def test_minhash_candidates_are_the_same_in_every_process() -> None:
    """Signatures come from a stable token hash, not Python's per-process string hash."""
    import json
    import os
    import subprocess
    import sys

    code = (
        "import json, random\n"
        "from bench.minhash import MinHashCandidates\n"
        "rng = random.Random(7)\n"
        "words = [f'w{i}' for i in range(10)]\n"  # word pairs: many borderline Jaccards
        "seqs = [[rng.choice(words) for _ in range(30)] for _ in range(80)]\n"
        "seqs += [s[:25] + ['x', 'y'] for s in seqs[:20]]\n"
        "lsh = MinHashCandidates(shingle_size=2, bands=8, rows=3, min_tokens=1).fit(seqs)\n"
        "print(json.dumps(lsh.candidate_pairs_.tolist()))\n"
    )
    runs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        )
        runs.append(json.loads(out.stdout))
    assert runs[0] == runs[1]
    assert len(runs[0]) >= 20  # the 20 near-copies at least
