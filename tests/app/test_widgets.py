"""natojp.app.widgets: what tables show on screen."""

from __future__ import annotations

import pandas as pd

from natojp.app.widgets import CELL_MAX_CHARS, shown_cells, with_labels


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


def test_each_id_column_gets_its_label_next_to_it() -> None:
    frame = pd.DataFrame({"a": ["x1", "x2"], "score": [1.0, 0.5], "b": ["x2", "x9"]})
    out = with_labels(frame, {"x1": "One", "x2": "Two"}, "a", "b")
    assert list(out.columns) == ["a", "a label", "score", "b", "b label"]
    assert out["a label"].tolist() == ["One", "Two"]
    assert out["b label"].tolist()[0] == "Two" and pd.isna(out["b label"].tolist()[1])
    shifted = pd.DataFrame({"a": ["x1", "x2"]}, index=[7, 3])  # labels follow the rows
    assert with_labels(shifted, {"x1": "One"}, "a")["a label"].to_dict() == {7: "One", 3: None}
    none = with_labels(pd.DataFrame({"a": [], "b": []}), {"x1": "One"}, "a", "b")
    assert none.empty and list(none.columns) == ["a", "a label", "b", "b label"]
