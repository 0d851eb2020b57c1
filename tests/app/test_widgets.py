"""natojp.app.widgets: what tables show on screen."""

from __future__ import annotations

import pandas as pd

from natojp.app.widgets import CELL_MAX_CHARS, shown_cells


def test_long_texts_are_cut_on_screen_and_the_rest_left_as_it_is() -> None:
    long = "word " * CELL_MAX_CHARS
    frame = pd.DataFrame(
        {"text": [long, "short"], "score": [0.5, 0.9], "id": ["a", "b"]},
    )
    shown, cut = shown_cells(frame)
    assert cut
    assert len(shown.loc[0, "text"]) == CELL_MAX_CHARS
    assert shown.loc[0, "text"].endswith("…") and long.startswith(shown.loc[0, "text"][:-1])
    assert shown.loc[1, "text"] == "short"
    assert shown["score"].tolist() == [0.5, 0.9] and shown["id"].tolist() == ["a", "b"]
    assert frame.loc[0, "text"] == long  # the frame itself (and its CSV) keeps the whole text


def test_a_frame_without_long_texts_is_shown_as_it_is() -> None:
    frame = pd.DataFrame({"text": ["x" * CELL_MAX_CHARS, None], "n": [1, 2]})
    shown, cut = shown_cells(frame)
    assert not cut and shown is frame
    empty, cut = shown_cells(frame.head(0))
    assert not cut and empty.empty
