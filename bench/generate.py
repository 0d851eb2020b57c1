"""Deterministic generator of large benchmark corpora with planted duplicates.

Usage: ``python -m bench.generate --articles 100000 [--seed 0] [--out DIR]``.

The corpus is built from the real text of BBC News and Reuters-21578 (read in place
from ``../shared/corpora``; those corpora carry research-use terms, so the output goes
to ``bench/.cache/`` which git ignores, never into the repository). It is written as
JSONL (``title``, ``text``, ``date``, ``outlet``) plus a ground-truth JSON.

How it works
------------
* **Base articles.** Each base article is one source article rewritten through a
  word mapping keyed by the base's own number: every word is replaced by another word
  of similar corpus frequency (words are ranked by frequency; within bands of 256
  ranks an affine bijection with base-specific coefficients is applied). Paragraphs,
  sentence lengths, punctuation, numbers, capitalisation, within-article repetition
  and the Zipf shape of the vocabulary are kept (digits are permuted per base, so
  tables of figures are not shared either); the wording of any two bases
  differs, so a source article reused for many bases (100,000 > 21,000) and the
  natural duplicates of the source corpora do not become accidental duplicates.
* **Planted syndicated copies** (``copies``): a copy of an earlier base with word
  noise (each word substituted, deleted or doubled with a per-copy probability drawn
  from 0-5%) and, for half of them, abridgement (the first 60-90% of paragraphs,
  at least one). Copies of one original form a cluster; every pair inside a cluster
  is a true duplicate pair.
* **Reused paragraphs** (``paragraphs``): one paragraph of 20+ words of a base is
  inserted verbatim into another base.
* **Reused quotes** (``quotes``): a 20-30 word span of a base is quoted inside a new
  sentence of another base (``… said in a statement, "<quote>"``).

Everything is drawn from ``numpy.random.default_rng(seed)``: the same seed gives the
same files, byte for byte.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from natojp._text import split_sentences

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
CACHE = ROOT / "bench" / ".cache"
BBC_ZIP = CORPORA / "bbc-fulltext" / "bbc-fulltext.zip"
REUTERS = CORPORA / "reuters21578"

_WORD = re.compile(r"[A-Za-z]+")
_BAND = 256
_COPY_SHARE = 0.08
_PARAGRAPH_SHARE = 0.03
_QUOTE_SHARE = 0.03
_OUTLETS = tuple(f"Outlet {i:03d}" for i in range(120))
_SAID = ("a spokesman said", "the minister told reporters", "an official said in a statement")


@dataclass(slots=True)
class _Source:
    """A pool article: paragraphs as (separators, word ranks, capitalised flags)."""

    title: tuple[list[str], np.ndarray, np.ndarray]
    paragraphs: list[tuple[list[str], np.ndarray, np.ndarray]]


def _read_pool() -> list[tuple[str, list[str]]]:
    """(title, paragraphs) of every BBC and Reuters article with a body, deduplicated."""
    out: list[tuple[str, list[str]]] = []
    with zipfile.ZipFile(BBC_ZIP) as zf:
        for name in sorted(zf.namelist()):
            if not name.endswith(".txt") or "README" in name.upper():
                continue
            text = zf.read(name).decode("latin-1")
            lines = [x.strip() for x in text.split("\n")]
            title = lines[0] if lines else ""
            paras = [p.strip() for p in "\n".join(lines[1:]).split("\n\n") if p.strip()]
            out.append((title, [" ".join(p.split()) for p in paras]))
    body = re.compile(r"<BODY>(.*?)</BODY>", re.S)
    title_re = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)
    for path in sorted(REUTERS.glob("reut2-*.sgm")):
        raw = path.read_bytes().decode("latin-1")
        for story in raw.split("</REUTERS>"):
            found = body.search(story)
            if not found:
                continue
            text = re.sub(r"&lt;", "<", found.group(1))
            text = re.sub(r"&#\d+;|&\w+;", " ", text)
            text = re.sub(r"\s*Reuter\s*$", "", text.strip())
            paras = [" ".join(p.split()) for p in re.split(r"\n\s+(?=\S)", text) if p.strip()]
            t = title_re.search(story)
            out.append((" ".join(t.group(1).split()) if t else "", paras))
    seen: set[str] = set()
    unique = []
    for title, paras in out:
        key = hashlib.sha1(" ".join(paras).lower().encode()).hexdigest()
        if key in seen or sum(len(p.split()) for p in paras) < 20:
            continue
        seen.add(key)
        unique.append((title, paras))
    return unique


def _split(text: str, vocab: dict[str, int]) -> tuple[list[str], np.ndarray, np.ndarray]:
    words = _WORD.findall(text)
    seps = _WORD.split(text)
    ranks = np.fromiter((vocab[w.lower()] for w in words), dtype=np.int64, count=len(words))
    caps = np.fromiter((w[:1].isupper() for w in words), dtype=bool, count=len(words))
    return seps, ranks, caps


def _prepare(pool: list[tuple[str, list[str]]]) -> tuple[list[_Source], np.ndarray]:
    counts: Counter[str] = Counter()
    for title, paras in pool:
        counts.update(w.lower() for w in _WORD.findall(title))
        for p in paras:
            counts.update(w.lower() for w in _WORD.findall(p))
    words = sorted(counts, key=lambda w: (-counts[w], w))
    vocab = {w: i for i, w in enumerate(words)}
    sources = [
        _Source(_split(title, vocab), [_split(p, vocab) for p in paras]) for title, paras in pool
    ]
    return sources, np.array(words, dtype=object)


class _Mapper:
    """Word mapping of one base: an affine bijection inside each band of 256 ranks."""

    def __init__(self, words: np.ndarray, key: int) -> None:
        self.words = words
        self.size = len(words)
        h = hashlib.blake2b(key.to_bytes(8, "little"), digest_size=8).digest()
        self.a = (int.from_bytes(h[:4], "little") | 1) % _BAND
        self.b = int.from_bytes(h[4:], "little") % _BAND
        digits = np.random.default_rng(int.from_bytes(h, "little")).permutation(10)
        self.digits = str.maketrans("0123456789", "".join(str(d) for d in digits))

    def text(self, part: tuple[list[str], np.ndarray, np.ndarray]) -> list[str]:
        seps, ranks, caps = part
        band = ranks - ranks % _BAND
        mapped = band + (ranks % _BAND * self.a + self.b) % _BAND
        mapped[mapped >= self.size] = ranks[mapped >= self.size]
        out = [str(w) for w in self.words[mapped]]
        for i in np.flatnonzero(caps).tolist():
            out[i] = out[i][:1].upper() + out[i][1:]
        seps = [x.translate(self.digits) for x in seps]  # numbers: per-base digit swap
        pieces: list[str] = [seps[0]]
        for w, s in zip(out, seps[1:], strict=True):
            pieces += (w, s)
        return pieces


def _noisy(paragraph: str, rate: float, rng: np.random.Generator, filler: list[str]) -> str:
    words = paragraph.split(" ")
    out: list[str] = []
    draws = rng.random(len(words))
    kinds = rng.integers(0, 3, len(words))
    for w, d, k in zip(words, draws.tolist(), kinds.tolist(), strict=True):
        if d >= rate:
            out.append(w)
        elif k == 0:
            out.append(filler[int(rng.integers(len(filler)))])
        elif k == 1:
            continue
        else:
            out += (w, w)
    return " ".join(out)


def generate(n_articles: int, seed: int, out_dir: Path) -> tuple[Path, Path]:
    """Write ``gen<n>.jsonl`` and ``gen<n>.truth.json`` to ``out_dir``; return both."""
    rng = np.random.default_rng(seed)
    pool = _read_pool()
    sources, words = _prepare(pool)
    filler = [str(w) for w in words[:2000]]
    n_copies = int(n_articles * _COPY_SHARE)
    n_bases = n_articles - n_copies
    base_source = rng.integers(0, len(sources), n_bases)
    titles: list[str] = []
    bodies: list[list[str]] = []
    for i, s in enumerate(base_source.tolist()):
        mapper = _Mapper(words, seed * 1_000_003 + i)
        src = sources[s]
        titles.append("".join(mapper.text(src.title)).strip())
        bodies.append(["".join(mapper.text(p)).strip() for p in src.paragraphs])
    # Reused paragraphs and quotes: donors and receivers are distinct bases.
    order = rng.permutation(n_bases)
    n_par, n_quote = int(n_articles * _PARAGRAPH_SHARE), int(n_articles * _QUOTE_SHARE)
    used: set[int] = set()
    paragraphs: list[dict[str, object]] = []
    quotes: list[dict[str, object]] = []
    cursor = 0

    def next_pair() -> tuple[int, int]:
        nonlocal cursor
        a, b = int(order[cursor]), int(order[cursor + 1])
        cursor += 2
        return a, b

    while len(paragraphs) < n_par and cursor + 1 < n_bases:
        donor, receiver = next_pair()
        fit = [p for p in bodies[donor] if len(p.split()) >= 20]
        if not fit:
            continue
        text = fit[int(rng.integers(len(fit)))]
        at = int(rng.integers(0, len(bodies[receiver]) + 1))
        bodies[receiver].insert(at, text)
        used.update((donor, receiver))
        paragraphs.append({"donor": donor, "receiver": receiver, "text": text})
    while len(quotes) < n_quote and cursor + 1 < n_bases:
        donor, receiver = next_pair()
        long = [s for p in bodies[donor] for s in split_sentences(p) if len(s.split()) >= 22]
        if not long:
            continue
        all_words = long[int(rng.integers(len(long)))].split()
        length = int(rng.integers(20, min(30, len(all_words) - 1) + 1))
        start = int(rng.integers(0, len(all_words) - length + 1))
        quote = " ".join(all_words[start : start + length]).strip(" ,.;:\"'")
        said = _SAID[int(rng.integers(len(_SAID)))]
        sentence = f'Separately, {said}: "{quote}."'
        at = int(rng.integers(0, len(bodies[receiver]) + 1))
        bodies[receiver].insert(at, sentence)
        used.update((donor, receiver))
        quotes.append({"donor": donor, "receiver": receiver, "text": quote})
    # Syndicated copies of bases not used above (clusters of 1-3 copies).
    free = np.array([i for i in order[cursor:].tolist() if i not in used], dtype=np.int64)
    copies: list[dict[str, object]] = []
    originals = iter(free.tolist())
    while len(copies) < n_copies:
        original = next(originals)
        for _ in range(min(int(rng.integers(1, 4)), n_copies - len(copies))):
            rate = float(rng.uniform(0.0, 0.05))
            paras = bodies[original]
            abridged = bool(rng.random() < 0.5) and len(paras) > 1
            keep = max(1, int(np.ceil(len(paras) * rng.uniform(0.6, 0.9)))) if abridged else None
            body = [_noisy(p, rate, rng, filler) for p in paras[:keep]]
            copies.append(
                {
                    "original": original,
                    "copy": n_bases + len(copies),
                    "noise": round(rate, 4),
                    "abridged": abridged,
                    "body": body,
                }
            )
    # Interleave copies among bases (deterministically) and write.
    rows: list[tuple[str, list[str], int]] = [(titles[i], bodies[i], i) for i in range(n_bases)] + [
        (titles[int(c["original"])], c["body"], int(c["copy"])) for c in copies
    ]  # type: ignore[misc]
    position = rng.permutation(len(rows))
    final = [rows[p] for p in position.tolist()]
    line_of = {key: line for line, (_, _, key) in enumerate(final, start=1)}
    days = rng.integers(0, 365, len(final))
    outlets = rng.integers(0, len(_OUTLETS), len(final))
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"gen{n_articles}"
    corpus = out_dir / f"{stem}.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for (title, body, _), day, outlet in zip(
            final, days.tolist(), outlets.tolist(), strict=True
        ):
            date = np.datetime64("2024-01-01") + np.timedelta64(day, "D")
            row = {"title": title, "text": "\n\n".join(body), "date": str(date)}
            row["outlet"] = _OUTLETS[outlet]
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")

    def aid(key: int) -> str:
        return f"{stem}#{line_of[key]}"

    truth = {
        "generator": "bench/generate.py",
        "seed": seed,
        "articles": len(final),
        "copies": [
            {
                "original": aid(int(c["original"])),  # type: ignore[call-overload]
                "copy": aid(int(c["copy"])),  # type: ignore[call-overload]
                "noise": c["noise"],
                "abridged": c["abridged"],
            }
            for c in copies
        ],
        "paragraphs": [
            {"donor": aid(int(p["donor"])), "receiver": aid(int(p["receiver"])), "text": p["text"]}  # type: ignore[call-overload]
            for p in paragraphs
        ],
        "quotes": [
            {"donor": aid(int(q["donor"])), "receiver": aid(int(q["receiver"])), "text": q["text"]}  # type: ignore[call-overload]
            for q in quotes
        ],
    }
    truth_path = out_dir / f"{stem}.truth.json"
    truth_path.write_text(json.dumps(truth, indent=1), encoding="utf-8")
    return corpus, truth_path


def ensure(n_articles: int, seed: int = 0, out_dir: Path = CACHE) -> tuple[Path, Path]:
    """The generated corpus and its ground truth, generated on first use (cached)."""
    corpus = out_dir / f"gen{n_articles}.jsonl"
    truth = out_dir / f"gen{n_articles}.truth.json"
    if corpus.exists() and truth.exists():
        meta = json.loads(truth.read_text(encoding="utf-8"))
        if meta.get("seed") == seed:
            return corpus, truth
    return generate(n_articles, seed, out_dir)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=CACHE)
    args = parser.parse_args()
    if not BBC_ZIP.exists() or not REUTERS.exists():
        print(f"skip: the source corpora are not in {CORPORA}", file=sys.stderr)
        return 0
    t = time.perf_counter()
    corpus, truth = generate(args.articles, args.seed, args.out)
    print(f"wrote {corpus} and {truth} in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
