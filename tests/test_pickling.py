"""natojp._pickling: the quick pickled state of frozen slotted dataclasses."""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field

import pytest

from natojp._dates import PartialDate
from natojp._pickling import quick_state
from natojp.models import Article, Evidence, Paragraph


@dataclass(frozen=True, slots=True)
class Plain:
    name: str
    score: float = 0.0
    tags: tuple[str, ...] = ()
    derived: int = field(default=0, init=False)


@quick_state
@dataclass(frozen=True, slots=True)
class Quick:
    name: str
    score: float = 0.0
    tags: tuple[str, ...] = ()
    derived: int = field(default=0, init=False)


def test_the_state_is_the_list_dataclasses_would_make() -> None:
    plain, quick = Plain("a", 1.5, ("x",)), Quick("a", 1.5, ("x",))
    assert quick.__getstate__() == plain.__getstate__() == ["a", 1.5, ("x",), 0]


def test_a_quick_object_round_trips_and_stays_frozen() -> None:
    quick = Quick("a", 1.5, ("x", "y"))
    back = pickle.loads(pickle.dumps(quick, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == quick
    with pytest.raises(AttributeError):
        back.name = "b"  # type: ignore[misc]


def test_pickles_made_either_way_load_the_other_way() -> None:
    # The same state: a snapshot written before the decorator was added still loads.
    state = Plain("a", 2.0, ("t",)).__getstate__()
    quick = Quick.__new__(Quick)
    quick.__setstate__(state)
    assert quick == Quick("a", 2.0, ("t",))
    plain = Plain.__new__(Plain)
    plain.__setstate__(Quick("b").__getstate__())
    assert plain == Plain("b")


def test_the_analysis_records_round_trip() -> None:
    evidence = Evidence("dateline", "5 March 2026", line=2)
    article = Article(
        id="a1",
        source_path="a1.txt",
        paragraphs=(Paragraph("One paragraph of text.", 3),),
        title="A test title",
        outlet="Example Wire",
        published=PartialDate(2026, 3, 5),
        published_evidence=evidence,
    )
    back = pickle.loads(pickle.dumps(article))
    assert back == article
    assert back.paragraphs[0].line == 3
    assert back.published_evidence == evidence


def test_only_slotted_dataclasses_are_accepted() -> None:
    @dataclass(frozen=True)
    class NoSlots:
        x: int

    with pytest.raises(TypeError, match="slotted dataclass"):
        quick_state(NoSlots)
    with pytest.raises(TypeError):
        quick_state(int)


@quick_state
@dataclass(frozen=True, slots=True)
class One:
    name: str


def test_a_one_field_class_round_trips() -> None:
    assert One("a").__getstate__() == ["a"]
    assert pickle.loads(pickle.dumps(One("a"))) == One("a")


def test_a_state_of_another_length_is_set_as_far_as_both_go() -> None:
    # As the dataclass's own __setstate__ does: a pickle of a version with fewer
    # fields sets those, one with more ignores the rest.
    shorter = Quick.__new__(Quick)
    shorter.__setstate__(["a", 2.0])
    assert (shorter.name, shorter.score) == ("a", 2.0)
    with pytest.raises(AttributeError):
        _ = shorter.tags
    longer = Quick.__new__(Quick)
    longer.__setstate__(["a", 2.0, ("t",), 7, "more"])
    assert (longer.name, longer.score, longer.tags, longer.derived) == ("a", 2.0, ("t",), 7)


def test_every_field_is_restored_including_those_not_in_init() -> None:
    paragraph = Paragraph("Four words in here.", 9)
    back = pickle.loads(pickle.dumps(paragraph))
    assert (back.text, back.line, back.words) == (paragraph.text, 9, paragraph.words)
    assert back.words == 4
