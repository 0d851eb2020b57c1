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


@dataclass(frozen=True, slots=True)
class Item:
    name: str
    values: tuple[float, ...]


def test_large_containers_are_measured_on_a_sample_close_to_the_whole() -> None:
    from natojp import _memory

    items = [
        Item(f"item {i} " + "z" * (i % 50), tuple(float(j) for j in range(i % 7)))
        for i in range(20_000)
    ]
    shared = "the same string in every value"
    by_name = {item.name: (shared, item) for item in items}
    exact_items = sum(
        sys.getsizeof(i)
        + sys.getsizeof(i.name)
        + sys.getsizeof(i.values)
        + sum(sys.getsizeof(v) for v in i.values)
        for i in items
    )
    estimate = deep_size(items) - sys.getsizeof(items)
    assert abs(estimate - exact_items) < 0.05 * exact_items
    # The dict: its keys are the items' names, its values pairs; the shared string is
    # met in the warm-up sample and not multiplied.
    estimate = deep_size(by_name)
    exact = (
        sys.getsizeof(by_name)
        + exact_items
        + sum(sys.getsizeof(v) for v in by_name.values())
        + sys.getsizeof(shared)
    )
    assert abs(estimate - exact) < 0.05 * exact
    assert len(items) > _memory.SAMPLE_OVER  # the sampled path was taken
