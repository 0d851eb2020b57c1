from natojp._wording import join, plural, prose_list, short, slug


def test_plural_join_short_list_and_slug() -> None:
    assert plural(1, "article") == "1 article" and plural(2, "article") == "2 articles"
    assert plural(3, "story", "stories") == "3 stories"
    assert join("seeds", None, "", "5 articles") == "seeds · 5 articles"
    assert short("a  very long\nheadline here", 12) == "a very long…"
    assert short("short", 12) == "short"
    assert prose_list(["a"]) == "a" and prose_list(["a", "b", "c"]) == "a, b and c"
    assert prose_list(["a", "b", "c", "d", "e"]) == "a, b, c and 2 more"
    assert slug("Overlap & similarity") == "overlap-similarity" and slug("!!") == "natojp"
