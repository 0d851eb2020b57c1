"""The deep size used for cache budgets, and handing memory back."""

from __future__ import annotations

import sys
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp

from natojp._memory import deep_size, release_memory


@dataclass(frozen=True, slots=True)
class Holder:
    texts: tuple[str, ...]
    matrix: object
    table: pd.DataFrame


def test_deep_size_counts_buffers_and_each_object_once() -> None:
    text = "x" * 100_000
    dense = np.zeros((100, 100))
    sparse = sp.csr_matrix(np.eye(1_000))
    frame = pd.DataFrame({"text": ["y" * 10_000] * 3})
    holder = Holder((text, text), dense, frame)
    size = deep_size(holder)
    assert size >= len(text) + dense.nbytes + 3 * 10_000  # three cells, one string object
    assert size < 2 * len(text) + dense.nbytes + 4 * 10_000 + 10_000  # text counted once
    assert deep_size(sparse) >= sparse.data.nbytes + sparse.indices.nbytes + sparse.indptr.nbytes
    assert deep_size({"k": [text]}) >= sys.getsizeof(text)


def test_a_view_counts_the_buffer_it_keeps_alive_once() -> None:
    base = np.zeros(1_000_000)
    assert deep_size(base[:10]) >= base.nbytes
    assert deep_size([base, base[:10], base[5:]]) < 2 * base.nbytes


def test_release_memory_runs_with_and_without_a_collection() -> None:
    release_memory()
    release_memory(collect=False)
