"""Shared pieces: spans, sentences, titles, report numbers."""

from __future__ import annotations

from natojp.corroboration._common import ReportIndex, Spans, sentence_bounds, split_role


def test_spans_refuse_overlaps_in_any_order() -> None:
    s = Spans()
    assert s.take(10, 20)
    assert s.take(0, 5)
    assert s.take(20, 25)
    assert not s.take(15, 30)
    assert not s.take(4, 11)
    assert not s.take(12, 13)
    assert not s.take(7, 7)
    assert s.free(5, 10) and s.take(5, 10)
    assert not s.free(0, 100)


def test_sentence_bounds_skip_titles_and_initials() -> None:
    text = "It began. Dr. Lena Vogt of J. Smith Co. said 12 ships would sail. Then it ended."
    i = text.index("12 ships")
    left, right = sentence_bounds(text, i, i + 8)
    assert text[left:right].strip() == "Dr. Lena Vogt of J. Smith Co. said 12 ships would sail."


def test_split_role() -> None:
    assert split_role("NATO Secretary-General Mark Rutte") == (
        "NATO Secretary-General",
        "Mark Rutte",
    )
    assert split_role("Defence Minister Gen Nakatani") == ("Defence Minister", "Gen Nakatani")
    assert split_role("Dr. Anya Sharma") == ("Dr.", "Anya Sharma")
    assert split_role("Minister") == ("", "Minister")


def test_report_index_numbers_reports_and_adds_lone_articles() -> None:
    r = ReportIndex.build(["a", "b", "c"], [["b", "a"]])
    assert r.reports == (("b", "a"), ("c",))
    assert r.of(["a", "c", "b"]) == (0, 1)
