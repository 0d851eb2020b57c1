from natojp._wording import (
    corpus_display_name,
    generic_name,
    join,
    plural,
    prose_list,
    short,
    slug,
    telling_name,
)


def test_plural_join_short_list_and_slug() -> None:
    assert plural(1, "article") == "1 article" and plural(2, "article") == "2 articles"
    assert plural(3, "story", "stories") == "3 stories"
    assert join("seeds", None, "", "5 articles") == "seeds · 5 articles"
    assert short("a  very long\nheadline here", 12) == "a very long…"
    assert short("short", 12) == "short"
    assert prose_list(["a"]) == "a" and prose_list(["a", "b", "c"]) == "a, b and c"
    assert prose_list(["a", "b", "c", "d", "e"]) == "a, b, c and 2 more"
    assert slug("Overlap & similarity") == "overlap-similarity" and slug("!!") == "natojp"


def test_telling_name_drops_data_suffixes_and_says_nothing_for_generic_folders() -> None:
    assert corpus_display_name("bbc-fulltext.zip, reuters.SGM") == "bbc-fulltext, reuters"
    assert telling_name("japan-nato-drones.csv") == "japan-nato-drones"
    for generic in ("articles", "data.zip", "tmp1x2y", "2026", "seeds, uploads", "New Folder"):
        assert generic_name(generic), generic
        assert telling_name(generic) is None, generic
    assert not generic_name("data, japan-nato")  # one telling part is enough
