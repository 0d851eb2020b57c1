from __future__ import annotations

import random

import numpy as np
import pytest
import scipy.sparse as sp

from natojp.clean import REASONS, clean_text, looks_like_outlet, remove_off_topic
from natojp.config import CleanConfig
from natojp.models import Article, Paragraph


def reasons(text: str, **kw: object) -> dict[int, str]:
    cleaned = clean_text(text, **kw)  # type: ignore[arg-type]
    return {r.line: r.reason for r in cleaned.removed if r.line is not None}


def test_headline_metadata_and_trailing_headline_list() -> None:
    text = "\n".join(
        [
            "Ministers agree new drone rules",
            "- World",
            "- Kyodo News",
            "- Published Date: 10:00 | 3 March 2025",
            "Ministers agreed on Tuesday to new rules for drones flying near airports today.",
            "The rules take effect next year, the transport ministry said in a statement.",
            "- Floods hit southern towns as rivers burst banks",
            "- Football club appoints new coach after defeat",
        ]
    )
    cleaned = clean_text(text)
    assert cleaned.fields.title == "Ministers agree new drone rules"
    assert cleaned.fields.outlet == "Kyodo News"
    assert cleaned.fields.published is not None and cleaned.fields.published.iso() == "2025-03-03"
    assert cleaned.fields.section == "World"
    got = {r.line: r.reason for r in cleaned.removed}
    assert got == {
        1: "headline",
        2: "metadata",
        3: "metadata",
        4: "metadata",
        7: "related",
        8: "related",
    }
    assert [p.line for p in cleaned.paragraphs] == [5, 6]


def test_a_trailing_list_about_the_article_is_kept() -> None:
    text = "\n".join(
        [
            "Theatre awards announced",
            "",
            "The Evening Standard theatre awards were announced on Monday night in London.",
            "The winners were:",
            "- Best actress - Clare Higgins for Hecuba at the Donmar theatre",
            "- Best new play - The History Boys at the National theatre",
            "- Best musical - The Producers at the Theatre Royal",
        ]
    )
    assert set(reasons(text).values()) == {"headline"}


def test_captions_credits_and_chrome() -> None:
    text = "\n".join(
        [
            "Envoy says talks will start soon",
            "The ambassador said the talks would start soon and involve officials from both sides.",
            "The ambassador (left) meets the secretary-general in Brussels. |",
            "NATO",
            "Officials said companies would be briefed later in the year about the new plans.",
            "Pool / via REUTERS",
            "Hashtags",
            "Share this article",
            "Try Our AI Features",
            "Explore what Example AI can do for you:",
        ]
    )
    got = reasons(text)
    assert got[3] == "caption" and got[4] == "credit" and got[6] == "credit"
    assert {got[7], got[8], got[9], got[10]} == {"chrome"}
    assert 2 not in got and 5 not in got


def test_everything_after_a_related_marker_is_related() -> None:
    text = "\n".join(
        [
            "Main story headline here",
            "The main story has a first paragraph that is long enough to count as body text.",
            "Comments",
            "No comments yet...",
            "Related Articles",
            "Other Outlet",
            "an hour ago",
            "A different story entirely about trains and weather in the mountains this week.",
        ]
    )
    got = reasons(text)
    assert got[3] == "chrome" and got[4] == "chrome" and got[5] == "chrome"
    assert got[6] == got[7] == got[8] == "related"
    assert 2 not in got


def test_marker_words_at_the_top_do_not_swallow_the_article() -> None:
    text = "Related\nThe article starts here and goes on for long enough to be the body text."
    cleaned = clean_text(text)
    assert cleaned.paragraphs and "The article starts here" in cleaned.paragraphs[0].text


def test_reader_comment_after_a_gap_is_removed_but_quotes_are_not() -> None:
    body = "The alliance announced the talks on Friday after a meeting of senior officials."
    comment = clean_text(body + "\n\n\n\n\nI think this is a bad idea and my view is clear..")
    assert [r.reason for r in comment.removed] == ["comment"]
    quote = clean_text(body + '\n\n\n\n"I think this matters," the minister said in a statement.')
    assert quote.removed == ()


def test_repeated_headline_and_whitespace_normalisation() -> None:
    text = "Japan and NATO to ramp up cooperation\n\nJapan and NATO to ramp up cooperation\n\n"
    text += "Cybersecurity:\u00a0Sharing best practices   across networks and agencies."
    cleaned = clean_text(text)
    assert [r.reason for r in cleaned.removed] == ["headline", "repeated-headline"]
    assert (
        cleaned.paragraphs[0].text
        == "Cybersecurity: Sharing best practices across networks and agencies."
    )


def test_no_headline_when_the_first_line_is_a_sentence() -> None:
    text = "NATO and Japan held talks on Friday.\nThe talks covered drones and supply chains."
    cleaned = clean_text(text)
    assert cleaned.fields.title is None and cleaned.removed == ()


def test_structured_title_is_not_searched_for_but_repeats_are_removed() -> None:
    text = "Drone rules agreed\nMinisters agreed drone rules on Tuesday after long talks."
    cleaned = clean_text(text, title="Drone rules agreed")
    assert [r.reason for r in cleaned.removed] == ["repeated-headline"]


def test_hard_wrapped_text_is_reflowed_into_paragraphs() -> None:
    lines = [
        "Oil prices rose on Thursday as traders weighed new supply figures from",
        "the producers' group and signs of stronger demand in Asia, analysts said.",
        "    Brent crude gained 40 cents to 18.20 dlrs a barrel in late trading in",
        "London, while U.S. crude was up 35 cents at 17.95 dlrs, dealers said today.",
        "    The gains followed a report that stocks had fallen more than expected in",
        "the week, the third weekly fall in a row, according to industry figures.",
    ]
    cleaned = clean_text("Oil prices rise\n\n" + "\n".join(lines))
    assert [p.line for p in cleaned.paragraphs] == [3, 5, 7]
    assert cleaned.paragraphs[0].text.endswith("analysts said.")


def test_extra_chrome_patterns_from_config() -> None:
    config = CleanConfig(extra_chrome_patterns=(r"^Sponsored by .+$",))
    text = "Headline of the story\nBody text that is long enough to count as a paragraph.\nSponsored by Acme"
    assert reasons(text, config=config)[3] == "chrome"


def test_outlet_names() -> None:
    assert looks_like_outlet("Anadolu Agency")
    assert looks_like_outlet("NHK")
    assert looks_like_outlet("The Japan Times")
    assert not looks_like_outlet("World")
    assert not looks_like_outlet("The talks were held in Brussels on Friday.")


def _article(aid: str, *paras: str) -> Article:
    return Article(
        id=aid,
        source_path=aid,
        paragraphs=tuple(Paragraph(p, i + 1) for i, p in enumerate(paras)),
    )


DEFENCE = [
    "Japan and NATO agreed to deepen defence industrial cooperation at talks in Brussels on Friday.",
    "Officials from both sides discussed drones, munitions and supply chains for defence industry.",
    "The defence dialogue will meet again next year to review cooperation on capabilities and industry.",
    "Both sides said defence companies would gain from closer industrial cooperation and common standards.",
]
TARIFF = [
    "China boosted tariffs on all American goods to 84 percent, showing no intent to back down "
    "despite rapid escalation of levies on Chinese products by the White House.",
    "Beijing's retaliatory rate was scheduled to take effect after noon local time as exporters "
    "braced for higher levies and shrinking orders from importers.",
]


def test_pasted_story_is_removed_as_off_topic_with_evidence() -> None:
    pasted = _article("a", DEFENCE[0], *TARIFF, *DEFENCE[1:])
    others = [_article("b", *DEFENCE), _article("c", *reversed(DEFENCE))]
    cleaned = remove_off_topic([pasted, *others])
    assert [r.line for r in cleaned[0].removed] == [2, 3]
    assert "China" not in cleaned[0].body and cleaned[0].paragraphs[0].text == DEFENCE[0]
    assert {r.reason for r in cleaned[0].removed} == {"off-topic"}
    assert all("cosine" in r.detail and "words found there" in r.detail for r in cleaned[0].removed)
    assert cleaned[1:] == others


def test_off_topic_never_removes_half_an_article() -> None:
    mostly_tariff = _article("a", DEFENCE[0], *TARIFF)
    cleaned = remove_off_topic([mostly_tariff, _article("b", *DEFENCE)])
    assert cleaned[0].word_count > mostly_tariff.word_count / 2


def test_off_topic_can_be_switched_off() -> None:
    pasted = _article("a", DEFENCE[0], *TARIFF, *DEFENCE[1:])
    out = remove_off_topic([pasted, _article("b", *DEFENCE)], CleanConfig(off_topic=False))
    assert out[0] is pasted


def test_every_reason_is_documented() -> None:
    assert set(REASONS) >= {"headline", "metadata", "caption", "chrome", "related", "off-topic"}
    assert all(REASONS.values())


def test_repeated_headline_test_agrees_with_comparing_keys() -> None:
    from natojp.clean import _has_key, _key

    title = "NATO’s new drone-rules: agreed"
    texts = [
        "NATO's new drone rules agreed",  # ASCII apostrophe, no colon
        '"NATO\'s new drone rules -- agreed!"',  # starts with punctuation
        "nato’s NEW drone rules agreed",  # non-ASCII, other case
        "NATO's new drone rules agreed today",  # one word more
        "NATOs new drone rules agreed",
        "New drone rules agreed by NATO's ministers",
        "—",
        "_NATO's new drone rules agreed",
        "ﬁrst NATO rules",  # NFKC ligature
    ]
    for key_of in (title, "—", "Drone rules agreed"):
        key = _key(key_of)
        for text in texts:
            assert _has_key(text, key) == (_key(text) == key), (key_of, text)


def test_line_cue_prefilter_matches_wherever_a_marker_or_chrome_does() -> None:
    from natojp.clean import _CHROME, _LINE_CUES, _TRAILING_MARKERS

    lines = [
        "Comments (12)",
        "12 comments",
        "Reader comments:",
        "Related Articles",
        "Read more",
        "More from Asia and the Pacific",
        "You might also like:",
        "Share this article on Facebook",
        "Advertisement",
        "Sign up for our newsletter today",
        "3 min read",
        "The ministers agreed on Tuesday to share more data on drones.",
        "Related talks will follow in May.",
        "More",
        "",
    ]
    for line in lines:
        expected = any(p.match(line) for p, _ in _TRAILING_MARKERS) or bool(_CHROME.match(line))
        assert (_LINE_CUES.match(line) is not None) == expected, line


def test_dot_with_own_article_gives_the_floats_of_scipy_multiply_and_sum() -> None:
    import numpy as np
    import scipy.sparse as sp

    from natojp.clean import _dot_with_own_article

    rng = np.random.default_rng(5)
    for n_rows, n_terms, density in ((400, 300, 0.05), (60, 40, 0.3), (5, 4, 0.5)):
        vectors = sp.random(n_rows, n_terms, density=density, format="csr", random_state=rng)
        vectors.sort_indices()
        owner = np.sort(rng.integers(0, max(n_rows // 4, 1), n_rows))
        membership = sp.csr_matrix(
            (np.ones(n_rows), (owner, np.arange(n_rows))), shape=(int(owner[-1]) + 1, n_rows)
        )
        sums = (membership @ vectors).tocsr()
        expected = np.asarray(vectors.multiply(sums[owner]).sum(axis=1)).ravel()
        assert np.array_equal(_dot_with_own_article(vectors, sums, owner), expected)
        # The cases left to SciPy: unsorted paragraph terms, sorted article rows.
        shuffled = vectors.copy()
        for r in range(n_rows):
            lo, hi = shuffled.indptr[r], shuffled.indptr[r + 1]
            perm = rng.permutation(hi - lo) + lo
            shuffled.indices[lo:hi], shuffled.data[lo:hi] = (
                shuffled.indices[perm],
                shuffled.data[perm],
            )
        shuffled.has_sorted_indices = False
        expected = np.asarray(shuffled.multiply(sums[owner]).sum(axis=1)).ravel()
        assert np.array_equal(_dot_with_own_article(shuffled, sums, owner), expected)
        expected = np.asarray(vectors.multiply(sums.sorted_indices()[owner]).sum(axis=1)).ravel()
        assert np.array_equal(
            _dot_with_own_article(vectors, sums.sorted_indices(), owner), expected
        )


# --- header date lines -------------------------------------------------------------------

_BODY = [
    "NATO and Japan held their first talks on defence industry cooperation in Brussels, officials said.",
    "The delegations discussed drones and space and agreed to draw up a list of joint projects this year.",
]


def _header(*lines: str) -> tuple[dict[int, str], list[tuple[int, str, str | None]]]:
    """Removal reasons by line, and (line, kind, ISO date) of each header date, of a text
    made of a headline, ``lines`` and two body paragraphs."""
    cleaned = clean_text("\n".join(["NATO and Japan open industry talks", *lines, *_BODY]))
    assert [p.text for p in cleaned.paragraphs] == _BODY
    dates = [(d.line, d.kind, d.date.iso() if d.date else None) for d in cleaned.fields.dates]
    return {r.line: r.reason for r in cleaned.removed if r.line is not None}, dates


def test_a_date_on_a_line_of_its_own_is_metadata() -> None:
    removed, dates = _header("April 10, 2025")
    assert removed == {1: "headline", 2: "metadata"}
    assert dates == [(2, "published", "2025-04-10")]
    cleaned = clean_text("\n".join(["Headline of the story", "31/10/2025", *_BODY]))
    assert cleaned.fields.published is not None and cleaned.fields.published.iso() == "2025-10-31"
    assert cleaned.fields.published_text == "31/10/2025"
    assert cleaned.removed[1].detail == "parsed as date 2025-10-31"


def test_byline_with_published_and_update_dates() -> None:
    text = "\n".join(["Headline", "Anadolu staff | 09.04.2025 - Update : 09.04.2025", *_BODY])
    cleaned = clean_text(text)
    assert [(d.kind, d.date) for d in cleaned.fields.dates] == [
        ("published", cleaned.fields.published),
        ("updated", cleaned.fields.updated),
    ]
    assert cleaned.fields.published is not None and cleaned.fields.published.iso() == "2025-04-09"
    assert cleaned.fields.updated is not None and cleaned.fields.updated.iso() == "2025-04-09"
    assert cleaned.fields.byline == "Anadolu staff"
    assert cleaned.fields.dates[1].label == "Update"
    assert cleaned.removed[1].detail == "parsed as date 2025-04-09; updated 2025-04-09; byline"


def test_a_date_under_the_byline_and_a_relative_update_line() -> None:
    removed, dates = _header(
        "By Jane Doe and Ken Sato", "April 9, 2025 / 11:47 AM", "Updated 2 hours ago"
    )
    assert removed == {1: "headline", 2: "metadata", 3: "metadata", 4: "metadata"}
    assert dates == [(3, "published", "2025-04-09")]
    cleaned = clean_text(
        "\n".join(
            ["Headline", "By Jane Doe", "April 9, 2025 / 11:47 AM", "Updated 2 hours ago", *_BODY]
        )
    )
    assert cleaned.fields.byline == "Jane Doe"
    assert cleaned.fields.section is None  # "Updated 2 hours ago" is no section label
    assert cleaned.removed[3].detail == "parsed as updated line without a date"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Date| April 9, 2025", [(2, "published", "2025-04-09")]),
        ("Source: Kyodo News, 9 April 2025", [(2, "published", "2025-04-09")]),
        ("- Published: 9 April 2025", [(2, "published", "2025-04-09")]),
        ("9. April 2025", [(2, "published", "2025-04-09")]),  # not item 9 of a list
        ("Mittwoch, 9. April 2025, 11:47 Uhr", [(2, "published", "2025-04-09")]),
        (
            "Published: Tuesday, 8 April 2025, 10:30 BST | Updated: Wednesday, 9 April 2025, 08:00 BST",
            [(2, "published", "2025-04-08"), (2, "updated", "2025-04-09")],
        ),
        ("2025年4月9日 10時30分", [(2, "published", "2025-04-09")]),
        ("03/04/2025", [(2, "published", None)]),  # kept, to be settled by find_dates
    ],
)
def test_header_date_lines_are_parsed_with_their_line(
    line: str, expected: list[tuple[int, str, str | None]]
) -> None:
    removed, dates = _header(line)
    assert removed == {1: "headline", 2: "metadata"}
    assert dates == expected


def test_an_ambiguous_date_is_kept_but_not_given_as_the_published_date() -> None:
    cleaned = clean_text("\n".join(["Headline", "03/04/2025", *_BODY]))
    assert cleaned.fields.published is None
    assert cleaned.fields.dates[0].written.readings[0].iso() == "2025-04-03"
    assert "ambiguous date '03/04/2025'" in cleaned.removed[1].detail


def test_a_date_line_after_a_standfirst_and_beyond_eight_lines() -> None:
    standfirst = "Tokyo and the alliance take a first step towards joint work on drones and space."
    cleaned = clean_text("\n".join(["Headline", standfirst, "Apr 9, 2025", *_BODY]))
    assert [p.line for p in cleaned.paragraphs] == [2, 4, 5]
    assert [(d.line, d.date.iso() if d.date else None) for d in cleaned.fields.dates] == [
        (3, "2025-04-09")
    ]
    tags = [f"- Tag {n}" for n in range(9)]  # nine list items: past the 8-line window
    cleaned = clean_text("\n".join(["Headline", *tags, "April 9, 2025", *_BODY]))
    assert [(d.line, d.date.iso() if d.date else None) for d in cleaned.fields.dates] == [
        (11, "2025-04-09")
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Event date: 12 November 2025 | Brussels",
        "12–13 November 2025, Brussels",
        "Deadline: 30 June 2025",
        "By March 2026",
        "- 9 April 2025: first dialogue",
    ],
)
def test_event_deadline_and_list_lines_give_no_date(line: str) -> None:
    cleaned = clean_text("\n".join(["Headline", line, *_BODY]))
    assert cleaned.fields.dates == () and cleaned.fields.published is None


def test_date_lines_in_the_body_or_ending_the_page_are_not_header_lines() -> None:
    cleaned = clean_text("\n".join(["Headline", *_BODY, "April 9, 2025", *_BODY]))
    assert cleaned.fields.dates == () and len(cleaned.paragraphs) == 5
    cleaned = clean_text("\n".join(["Headline", "April 9, 2025"]))
    assert cleaned.fields.dates == ()


def test_maturity_dates_in_bullets_are_not_publication_dates() -> None:
    text = "\n".join(
        [
            "Example Bank plans bond issue",
            "- 8 pct bonds due July 1, 2030,",
            "- 9 pct bonds due March 1, 2035.",
            *_BODY,
        ]
    )
    cleaned = clean_text(text)
    assert cleaned.fields.published is None and cleaned.fields.dates == ()
    assert [p.line for p in cleaned.paragraphs] == [2, 3, 4, 5]


# --- header lines above the headline -------------------------------------------------------

_HEADLINE = "Japan and NATO open industry talks"


@pytest.mark.parametrize(
    ("lines", "published"),
    [
        (["April 10, 2025"], "2025-04-10"),
        (["31/10/2025"], "2025-10-31"),
        (["10.04.2025, 14:32 Uhr"], "2025-04-10"),
        (["Thursday 9 April 2025 14:32 CET"], "2025-04-09"),
        (["Thursday, April 10, 2025 - 2:32 PM EDT"], "2025-04-10"),
        (["Jeudi 10 avril 2025"], "2025-04-10"),
        (["Published: 9 April 2025"], "2025-04-09"),
        (["Kyodo News | April 10, 2025"], "2025-04-10"),
        (["By Jane Doe | Kyodo News"], None),
        (["By Jane Doe"], None),
        (["Updated: 14:32 CET"], None),
        (["Updated 2 hours ago"], None),
        (["Section: World"], None),
        (["The Japan Times"], None),
        (["THE DAILY EXAMPLE"], None),  # an outlet's name, not in the known list
        (["The Japan Times", "Thursday 9 April 2025 14:32 CET", "By Jane Doe"], "2025-04-09"),
    ],
)
def test_header_lines_above_the_headline_are_metadata(
    lines: list[str], published: str | None
) -> None:
    cleaned = clean_text("\n".join([*lines, _HEADLINE, *_BODY]))
    assert cleaned.fields.title == _HEADLINE
    removed = {r.line: r.reason for r in cleaned.removed}
    n = len(lines)
    assert removed == {**dict.fromkeys(range(1, n + 1), "metadata"), n + 1: "headline"}
    assert [p.text for p in cleaned.paragraphs] == _BODY
    got = cleaned.fields.published
    assert (got.iso() if got else None) == published
    if published:
        assert [d.line for d in cleaned.fields.dates] == [
            i for i, t in enumerate(lines, 1) if any(c.isdigit() for c in t)
        ]


def test_bylines_and_mastheads_above_the_headline_are_parsed() -> None:
    cleaned = clean_text("\n".join(["By Jane Doe | Kyodo News", _HEADLINE, *_BODY]))
    assert (cleaned.fields.byline, cleaned.fields.outlet) == ("Jane Doe", "Kyodo News")
    assert cleaned.removed[0].detail == "parsed as byline; outlet 'Kyodo News'; above the headline"
    cleaned = clean_text("\n".join(["JAPAN TODAY", "By Ken Sato and Jane Doe", _HEADLINE, *_BODY]))
    assert (cleaned.fields.outlet, cleaned.fields.byline) == (
        "JAPAN TODAY",
        "Ken Sato and Jane Doe",
    )


@pytest.mark.parametrize(
    "headline",
    [
        "NATO summit set for July 7",
        "NATO summit set for 7 July 2025",
        "By the numbers: what NATO members spend on defence",
        "Updated guidance on drone exports",
        "Updated: NATO to meet in Tokyo in 2026",
        "Date night diplomacy in Brussels",
        "Section 230 debate reaches Tokyo",
    ],
)
def test_a_headline_that_mentions_a_date_or_starts_like_a_label_stays_the_title(
    headline: str,
) -> None:
    cleaned = clean_text("\n".join([headline, *_BODY]))
    assert cleaned.fields.title == headline
    assert {r.line: r.reason for r in cleaned.removed} == {1: "headline"}
    assert cleaned.fields.dates == ()


def test_section_labels_and_chrome_under_a_masthead_are_passed_over() -> None:
    lines = ["The Example Times", "Subscribe", "NATIONAL / POLITICS", _HEADLINE, *_BODY]
    cleaned = clean_text("\n".join(lines))
    assert cleaned.fields.title == _HEADLINE
    assert {r.line: r.reason for r in cleaned.removed} == {
        1: "metadata",
        2: "chrome",
        3: "metadata",
        4: "headline",
    }
    assert (cleaned.fields.outlet, cleaned.fields.section) == (
        "The Example Times",
        "NATIONAL / POLITICS",
    )
    cleaned = clean_text(
        "\n".join(["Beispiel Zeitung", "Politik", "10.04.2025", _HEADLINE, *_BODY])
    )
    assert cleaned.fields.title == _HEADLINE and cleaned.fields.section == "Politik"
    # A short headline under a masthead, with no other headline after it, stays the title.
    cleaned = clean_text("\n".join(["The Japan Times", "Drone Wars", *_BODY]))
    assert cleaned.fields.title == "Drone Wars"
    assert {r.line: r.reason for r in cleaned.removed} == {1: "metadata", 2: "headline"}


def test_a_title_case_headline_that_reads_like_an_outlet_stays_the_title() -> None:
    # Read alone it could be a masthead; with no headline after it, it is the headline.
    cleaned = clean_text("\n".join(["Japan Defence Review Published", *_BODY]))
    assert cleaned.fields.title == "Japan Defence Review Published"
    assert cleaned.fields.outlet is None


def test_a_date_line_above_the_body_is_no_title_and_header_lines_ending_the_page_stay() -> None:
    cleaned = clean_text("\n".join(["April 10, 2025", *_BODY]))
    assert cleaned.fields.title is None
    assert cleaned.fields.published is not None and cleaned.fields.published.iso() == "2025-04-10"
    assert [p.text for p in cleaned.paragraphs] == _BODY
    # Nothing but header lines: nothing to take a header for (as before, the first is
    # taken for the headline and metadata.dates reads its date).
    cleaned = clean_text("April 10, 2025\nBy Jane Doe")
    assert cleaned.fields.dates == ()


def test_header_lines_above_the_headline_reach_the_article_metadata() -> None:
    from natojp.metadata import build_article
    from natojp.models import SourceText

    text = "\n".join(
        ["Thursday 9 April 2025 14:32 CET", "By Jane Doe | Kyodo News", _HEADLINE, *_BODY]
    )
    article = build_article(SourceText("doc", "doc.txt", text, "txt"), clean_text(text))
    assert article.title == _HEADLINE and not article.title_derived
    assert article.published is not None and article.published.iso() == "2025-04-09"
    assert article.published_basis == "header"
    assert article.published_evidence is not None and article.published_evidence.line == 1
    # A wire's byline alone says who supplied the text, not who published this copy.
    assert article.outlet is None
    assert list(article.wires) == ["Kyodo News"]
    assert article.wire_evidence and article.wire_evidence[0].line == 2


def test_a_comment_count_under_the_headline_starts_no_comment_section() -> None:
    text = (
        "Harbour News\n"
        "Ministers agree to pool orders for air-defence interceptors\n"
        " 12 Comments\n\n"
        "Defence ministers from four countries agreed on Tuesday to place joint orders for "
        "air-defence interceptors, officials said after the meeting.\n\n"
        "The first contracts are expected within a year, and the ministers asked industry to "
        "plan for larger production runs than any single country could justify.\n\n"
        "Comments\n\n"
        "I think this is long overdue.\n"
    )
    cleaned = clean_text(text)
    kept = [p.text for p in cleaned.paragraphs]
    assert kept[0].startswith("Defence ministers from four countries")
    assert kept[1].startswith("The first contracts")
    assert "I think this is long overdue." not in kept  # the real section at the end
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert reasons["12 Comments"] == "chrome"
    assert reasons["I think this is long overdue."] == "comment"


def test_a_navigation_bar_is_no_headline() -> None:
    text = (
        "Harbour News\n"
        "WORLD  POLITICS  BUSINESS  TECH & SCIENCE  SPORTS\n"
        "Ministers agree to pool orders for interceptors\n\n"
        "Defence ministers from four countries agreed on Tuesday to place joint orders for "
        "air-defence interceptors, officials said after the meeting.\n"
    )
    assert clean_text(text).fields.title == "Ministers agree to pool orders for interceptors"
    # A headline in capitals has function words: it stays the headline.
    shouted = "MINISTERS AGREE TO POOL ORDERS\n\n" + text.split("\n\n", 1)[1]
    assert clean_text(shouted).fields.title == "MINISTERS AGREE TO POOL ORDERS"


_BANNER_BODY = (
    "TOKYO - Japan and NATO signed an agreement on Tuesday to share data on cyber threats, "
    "officials said in a joint statement after talks in the capital."
)


@pytest.mark.parametrize(
    "banner",
    [
        "What to know about the 2026 Election",
        "Live updates: Ukraine war",
        "Live updates",
        "LATEST NEWS",
        "Most read",
        "Sign up for our morning briefing",
        "Breaking news",
    ],
)
def test_a_site_banner_above_the_headline_is_not_the_headline(banner: str) -> None:
    text = f"{banner}\n\nJapan and NATO sign a cyber pact\n\n{_BANNER_BODY}"
    cleaned = clean_text(text)
    assert cleaned.fields.title == "Japan and NATO sign a cyber pact"
    assert (cleaned.removed[0].text, cleaned.removed[0].reason) == (banner, "chrome")
    assert [p.text for p in cleaned.paragraphs] == [_BANNER_BODY]


def test_a_promotion_line_never_becomes_the_headline() -> None:
    cleaned = clean_text(f"Latest news\n\n{_BANNER_BODY}")
    assert cleaned.fields.title is None
    assert [(r.text, r.reason) for r in cleaned.removed] == [("Latest news", "chrome")]


def test_an_explainers_own_headline_may_read_like_a_banner() -> None:
    # "What to know about ..." with no other headline under it is the headline itself.
    text = (
        "What to know about the 2026 election\n\n"
        "Voters go to the polls on Sunday to choose a new parliament, and the campaign has "
        "turned on defence spending and the alliance."
    )
    assert clean_text(text).fields.title == "What to know about the 2026 election"
    # A headline that only starts with a banner's words stays the headline.
    text = f"Latest talks on a cyber pact end without a deal\n\n{_BANNER_BODY}"
    assert clean_text(text).fields.title == "Latest talks on a cyber pact end without a deal"


def test_a_banner_and_a_navigation_bar_with_abbreviations_above_the_headline() -> None:
    text = "\n".join(
        [
            "Example News",
            "What to know about the 2026 Election",
            "WORLD   U.S.   POLITICS   SPORTS   BUSINESS",
            "Japan and NATO sign a cyber pact",
            "",
            _BANNER_BODY,
        ]
    )
    cleaned = clean_text(text)
    assert cleaned.fields.title == "Japan and NATO sign a cyber pact"
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert reasons["What to know about the 2026 Election"] == "chrome"
    assert reasons["WORLD U.S. POLITICS SPORTS BUSINESS"] == "metadata"
    assert [p.text for p in cleaned.paragraphs] == [_BANNER_BODY]


@pytest.mark.parametrize(
    "top",
    [
        # a ministry's site: its name, then a breadcrumb trail
        ["Ministry of Example Affairs", "Home > Press Releases > 2025"],
        # a registry outlet's masthead, then its menu with the items' spacing folded
        ["The Independent", "News  Sport  Culture  Lifestyle  Voices  Climate"],
        # a masthead in a script without capitals and a section label
        ["読売新聞オンライン", "政治"],
        # an agency's masthead and its section path
        ["Agenzia Nova", "Esteri | Asia"],
        # a masthead, a site banner and a section label
        ["ABC News", "Video  Live  Shows  Election 2026", "INTERNATIONAL"],
        # a site's name, its menu, a promotion of another story
        ["Example Defense Digest", "Home | Geopolitics | Tech | About Us"],
        ["AP NEWS", "World   U.S.   Politics   Sports", "Election 2026: what's at stake"],
        # a breadcrumb trail that ends with the headline itself
        ["Example Asia Daily", "Home » Asia Pacific » " + "Japan and NATO open industry talks"],
        # a masthead's tagline; a section label with the page's date
        ["The Mainichi", "Japan's National Daily Since 1922"],
        ["nippon.com", "Politics Apr 25, 2025"],
        ["JAPAN Forward", "Politics & Security"],
        # a slogan between page chrome and the masthead; the page's own address
        ["Skip to main content", "Exclusive news and analysis for professionals", "Reuters"],
        ["Notes from Poland", "https://example.com/2025/04/03/japan-nato-talks/"],
        # a menu in a script without capitals
        ["産経ニュース", "政治｜国際｜経済｜社会｜オピニオン"],
    ],
)
def test_mastheads_navigation_and_banners_above_the_headline_are_not_the_title(
    top: list[str],
) -> None:
    cleaned = clean_text("\n".join([*top, _HEADLINE, "By Jane Doe", "April 14, 2025", *_BODY]))
    assert cleaned.fields.title == _HEADLINE
    assert [p.text for p in cleaned.paragraphs] == _BODY
    removed = {r.line: r.reason for r in cleaned.removed}
    assert removed[len(top) + 1] == "headline"
    assert all(removed.get(n) in ("metadata", "chrome") for n in range(1, len(top) + 1))


@pytest.mark.parametrize(
    "lines",
    [
        # a short title-case headline with a verb above a longer standfirst stays the title
        ["Japan Eyes Drones", "Tokyo weighs a joint programme with two European allies"],
        # a site's name with nothing headline-like after it is the title, as before
        ["Ministry of Example Affairs"],
        # a headline mentioning a year, not a banner
        ["Budget 2026: ministry seeks record defence spending"],
    ],
)
def test_a_short_headline_is_not_taken_for_a_masthead(lines: list[str]) -> None:
    cleaned = clean_text("\n".join([*lines, *_BODY]))
    assert cleaned.fields.title == lines[0]


def test_a_site_name_above_a_breadcrumb_is_metadata_and_the_trail_the_section() -> None:
    cleaned = clean_text(
        "\n".join(
            ["Ministry of Example Affairs", "Home > Press Releases > 2025", _HEADLINE, *_BODY]
        )
    )
    assert cleaned.fields.section == "Home > Press Releases > 2025"
    assert [r.detail for r in cleaned.removed[:2]] == [
        "above the headline",
        "parsed as site navigation; above the headline",
    ]


def test_registry_mastheads_are_looked_up_once_per_line() -> None:
    from natojp.clean._header import _registry_masthead

    assert _registry_masthead("Agenzia Nova") and _registry_masthead("ANSA.it")
    assert not _registry_masthead("Japan eyes NATO office | The Japan Times")
    assert not _registry_masthead("Japan and NATO open industry talks")
    hits = _registry_masthead.cache_info().hits
    _registry_masthead("Agenzia Nova")
    assert _registry_masthead.cache_info().hits == hits + 1


def _invented_corpus() -> list[Article]:
    """100 articles of made-up words on four topics, where the capped index of the
    off-topic screen matters (more than 64 articles; 70 copies of one article, whose
    terms weigh the same in each), and five with a paragraph of words no other article
    has pasted into them (one of two paragraphs, one each side of a paragraph)."""
    rng = random.Random(11)
    pools = [[f"{t}{i:02d}q" for i in range(40)] for t in ("ka", "mo", "ri", "su")]

    def paragraph(pool: list[str], n: int = 20) -> str:
        return " ".join(rng.choice(pool) for _ in range(n)) + "."

    articles = [
        _article(f"t{i:03d}", *(paragraph(pools[i % 4]) for _ in range(rng.randint(3, 6))))
        for i in range(25)
    ]
    copy = articles[0]
    articles += [_article(f"c{i:03d}", *(p.text for p in copy.paragraphs)) for i in range(70)]
    for i in range(5):
        stray = [f"zz{i}{k:02d}w" for k in range(30)]
        own = [paragraph(pools[i % 4]) for _ in range(5)]
        pasted = [paragraph(stray) for _ in range(1 + i % 2)]
        articles.append(_article(f"p{i}", *own[:2], *pasted, *own[2:]))
    rng.shuffle(articles)
    return articles


@pytest.mark.parametrize("size", [1, 7, 30, 64, 100])
def test_the_off_topic_pass_in_parts_is_the_pass_on_the_whole(size: int) -> None:
    """The steps of the pass made a part at a time (as on Dask's workers) change the
    articles the pass on the whole corpus changes, in the same way, with the same
    scores in the removals' details."""
    from natojp.clean._offtopic import off_topic_changes

    articles = _invented_corpus()
    want = remove_off_topic(articles)
    removed = {a.id for a, w in zip(articles, want, strict=True) if w is not a}
    assert removed == {f"p{i}" for i in range(5)}
    for w in want:
        if w.id in removed:
            assert {r.reason for r in w.removed} == {"off-topic"}
            assert all(p.text.startswith(("ka", "mo", "ri", "su")) for p in w.paragraphs)
    parts = [articles[i : i + size] for i in range(0, len(articles), size)]
    changes = off_topic_changes(parts)
    got = [c.get(i, a) for part, c in zip(parts, changes, strict=True) for i, a in enumerate(part)]
    assert got == want


def test_the_screen_proves_most_candidates_resemble_another_article() -> None:
    """The capped index of the parts' postings is that of the whole corpus, and it
    leaves only the paragraphs in doubt to compare with every article."""
    from natojp.clean._offtopic import (
        corpus_idf,
        corpus_postings,
        paragraph_terms,
        part_postings,
        part_probes,
        part_vectors,
    )

    config = CleanConfig(off_topic_max_article_similarity=0.5)  # many candidates
    articles = _invented_corpus()

    def capped(size: int) -> tuple[sp.csr_matrix, list[int]]:
        parts = [paragraph_terms(articles[i : i + size]) for i in range(0, 100, size)]
        idf = corpus_idf([p.frequencies for p in parts])
        vectors = [part_vectors(p, idf, n, config) for n, p in enumerate(parts)]
        index = corpus_postings([part_postings(v) for v in vectors], idf)
        assert index is not None
        probes = [part_probes(v, index, config) for v in vectors]
        return index, [int(v.candidates.size) for v in vectors] + [int(p.rows.size) for p in probes]

    whole, (candidates, probes) = capped(100)
    assert candidates > 2 * probes > 0
    for size in (9, 40):
        index, _ = capped(size)
        assert (index != whole).nnz == 0 and np.array_equal(index.indices, whole.indices)
        assert np.diff(whole.indptr).max() == 64  # a term of the 70 copies is capped


def test_a_corpus_of_one_article_has_no_other_to_resemble() -> None:
    pasted = _article("a", DEFENCE[0], *TARIFF, *DEFENCE[1:])
    (cleaned,) = remove_off_topic([pasted])
    assert [r.line for r in cleaned.removed] == [2, 3]
    assert all(
        r.detail.endswith("cosine 0.00 to the closest other article") for r in cleaned.removed
    )


def test_too_few_paragraphs_or_words_change_nothing() -> None:
    two = [_article("a", DEFENCE[0]), _article("b", TARIFF[0])]
    assert remove_off_topic(two) == two
    stop = [_article(str(i), "the and of it", "was is") for i in range(3)]
    assert remove_off_topic(stop) == stop


def test_the_term_counts_given_are_one_per_part() -> None:
    from natojp.clean._offtopic import off_topic_changes, paragraph_terms

    parts = [[_article("a", *DEFENCE)], [_article("b", *TARIFF)]]
    with pytest.raises(ValueError, match="1 parts of term counts for 2 parts"):
        off_topic_changes(parts, terms=[paragraph_terms(parts[0])])
    given = off_topic_changes(parts, terms=[paragraph_terms(p) for p in parts])
    assert given == off_topic_changes(parts)
    assert [c.get(0, p[0]) for p, c in zip(parts, given, strict=True)] == remove_off_topic(
        [a for p in parts for a in p]
    )
