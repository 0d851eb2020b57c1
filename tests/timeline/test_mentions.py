"""natojp.timeline.mentions: date expressions in article text and their resolution."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from natojp._dates import PartialDate
from natojp._text import split_sentences
from natojp.models import Article
from natojp.timeline import DateMention, build_timeline, find_mentions
from natojp.timeline._patterns import _PATTERNS, _scan_sentence
from natojp.timeline._resolvers import _Res
from natojp.timeline.mentions import YEAR_END_BASIS, _scan
from tests.timeline.helpers import TRICKY, TUESDAY, art


def text_mentions(text: str, published: PartialDate | None = None) -> list[DateMention]:
    return [m for m in find_mentions(art(text, published)) if m.kind != "publication"]


def dates(text: str, published: PartialDate | None = None) -> list[tuple[str, str | None]]:
    """(expression, ISO date or None) of each mention in ``text``."""
    return [
        (m.expression, m.date.iso() if m.date else None) for m in text_mentions(text, published)
    ]


# ----------------------------------------------------------------- absolute dates


@pytest.mark.parametrize(
    ("sentence", "expression", "iso"),
    [
        ("The deal was signed on 29 July 2025 in Brussels.", "29 July 2025", "2025-07-29"),
        ("It was signed on July 29, 2025, officials said.", "July 29, 2025", "2025-07-29"),
        ("The filing is dated 2025-07-29 in the register.", "2025-07-29", "2025-07-29"),
        ("On 29.07.2025 the talks opened.", "29.07.2025", "2025-07-29"),
        ("The agency wire was dated 26-FEB-1987 at noon.", "26-FEB-1987", "1987-02-26"),
        ("In April 2025 the ministers met.", "April 2025", "2025-04"),
        ("By Dec. 2024 the plan was ready.", "Dec. 2024", "2024-12"),
        ("In Jan 2024 the envoy arrived.", "Jan 2024", "2024-01"),
        ("Since 2022, Japan has attended the meetings.", "2022", "2022"),
        ("The jet should enter service by 2035.", "2035", "2035"),
        ("It implements the pledge from the 2024 Washington Summit.", "2024", "2024"),
        ("The target is due by mid-2027.", "2027", "2027"),
        ("In 2022 people began to worry about supply chains.", "2022", "2022"),
        ("Sales in 2025's first half were weak.", "2025", "2025"),
    ],
)
def test_absolute_dates_are_read_at_their_written_precision(
    sentence: str, expression: str, iso: str
) -> None:
    [mention] = text_mentions(sentence)  # no publication date needed
    assert mention.expression == expression
    assert mention.date is not None and mention.date.iso() == iso
    assert mention.kind == "absolute"
    assert mention.sentence == sentence


def test_absolute_dates_keep_the_evidence_sentence_and_paragraph_line() -> None:
    article = art("A first paragraph.\n\nNothing here. The pledge dates from 2024. More text.")
    [mention] = find_mentions(article)
    assert mention.sentence == "The pledge dates from 2024."
    assert mention.line == 2
    assert mention.article_id == "a"
    assert mention.basis == "year written"


@pytest.mark.parametrize(
    "sentence",
    [
        "The roadmap covers 2024-2025 for technology exchange.",
        "The 2024–26 procurement plan was agreed.",
        "Output fell in the 2019/20 season.",
        "| Procurement | Develop combined procurement initiatives | 2024-2026 |",
        "The plan runs from 2011-12 onward.",
    ],
)
def test_year_ranges_are_skipped(sentence: str) -> None:
    assert text_mentions(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "A total of 2,225 people attended the rally.",
        "The part number is 12025 in the catalogue.",
        "About 2025 people signed the petition.",
        "The convoy travelled 2030 km to the border.",
        "Exports rose 2025% on the year, an obvious typo.",
        "The ticket cost $2025 at the door.",
        "The council adopted Resolution 2025 unanimously.",
        "The 1990s were a quieter decade for the alliance.",
        "The 32-member alliance met 3 times.",
        # clock times, as wire copy writes them
        "Rorer has agreed to extend its deadline for a response until 1800 EDT.",
        "Trading is suspended from 1800 to 2100 hrs Chicago time.",
        "The rocket lifted off at 1905 local time from the pad.",
        "The market closed by 1930 GMT after a quiet session.",
    ],
)
def test_numbers_that_are_not_years_are_ignored(sentence: str) -> None:
    assert text_mentions(sentence) == []


def test_an_impossible_written_date_is_kept_unresolved_not_downgraded() -> None:
    [mention] = text_mentions("The memo is dated 31 February 2025 in the archive.")
    assert mention.date is None
    assert mention.expression == "31 February 2025"
    assert "not a calendar date" in mention.basis


# ----------------------------------------------------------------- false months


@pytest.mark.parametrize(
    "sentence",
    [
        "Prices may rise if the talks fail.",
        "Officials said the plan may 2 be revised.",
        "Theresa May spoke at the conference.",
        "May I ask a question, the reporter said.",
        "Protesters will march on the ministry.",
        "The March on Washington is remembered.",
        "Jan said the talks were useful.",
        "Dec signed the letter for the company.",
        "Sales in august company were modest.",
    ],
)
def test_modal_may_march_and_bare_abbreviations_are_not_months(sentence: str) -> None:
    assert [m for m in text_mentions(sentence, TUESDAY) if m.date and m.date.month] == []


@pytest.mark.parametrize(
    ("sentence", "expression", "iso"),
    [
        ("The envoy arrived in May.", "in May", "2025-05"),
        ("The envoy arrived on May 12.", "May 12", "2025-05-12"),
        ("The envoy arrived on 12 May.", "12 May", "2025-05-12"),
        ("The envoy arrived in May 2024.", "May 2024", "2024-05"),
        ("Troops returned in March.", "in March", "2025-03"),
        ("The meeting on Jan 5 was short.", "Jan 5", "2025-01-05"),
        ("The summit ended by the end of June.", "end of June", "2025-06"),
        ("Work started in mid-July.", "in mid-July", "2025-07"),
    ],
)
def test_months_in_date_context_are_months(sentence: str, expression: str, iso: str) -> None:
    assert dates(sentence, TUESDAY) == [(expression, iso)]


# ----------------------------------------------------------------- relative dates


@pytest.mark.parametrize(
    ("sentence", "expression", "iso"),
    [
        ("The summit was held last month.", "last month", "2025-06"),
        ("Talks continue this month.", "this month", "2025-07"),
        ("Talks resume next month.", "next month", "2025-08"),
        ("The pledge was made last year.", "last year", "2024"),
        ("The review ends this year.", "this year", "2025"),
        ("The fighter flies next year.", "next year", "2026"),
        ("Commitments made earlier this year were kept.", "earlier this year", "2025"),
        ("A symposium is planned for later this year.", "later this year", "2025"),
        ("The minister spoke yesterday.", "yesterday", "2025-07-28"),
        ("Today NATO published the statement.", "Today", "2025-07-29"),
        ("The alliance was founded two years ago.", "two years ago", "2023"),
        ("The office opened 18 months ago.", "18 months ago", "2024-01"),
        ("The drill ended three days ago.", "three days ago", "2025-07-26"),
        ("The envoy visited last week.", "last week", "2025-07"),
    ],
)
def test_relative_dates_resolve_against_the_publication_date(
    sentence: str, expression: str, iso: str
) -> None:
    [mention] = text_mentions(sentence, TUESDAY)
    assert (mention.expression, mention.date and mention.date.iso()) == (expression, iso)
    assert mention.kind == "relative"
    assert "2025-07-29" in mention.basis


@pytest.mark.parametrize(
    "sentence",
    [
        "The summit was held last month.",
        "The pledge was made last year.",
        "The minister spoke yesterday.",
        "The talks took place on Friday.",
        "Rutte visited in April.",
        "The alliance was founded two years ago.",
    ],
)
def test_relative_dates_without_a_publication_date_stay_unresolved(sentence: str) -> None:
    [mention] = text_mentions(sentence, None)
    assert mention.date is None
    assert mention.basis.startswith("unresolved:")
    assert "no publication date" in mention.basis


def test_relative_dates_need_enough_anchor_precision() -> None:
    year_only = PartialDate(2025)
    month_only = PartialDate(2025, 7)
    [last_month] = text_mentions("The summit was held last month.", year_only)
    assert last_month.date is None and "has no month" in last_month.basis
    [yesterday] = text_mentions("The minister spoke yesterday.", month_only)
    assert yesterday.date is None and "has no day" in yesterday.basis
    [friday] = text_mentions("The talks took place on Friday.", month_only)
    assert friday.date is None and "has no day" in friday.basis
    # ... but what the anchor does support is resolved.
    assert dates("The pledge was made last year.", year_only) == [("last year", "2024")]
    assert dates("The summit was held last month.", month_only) == [("last month", "2025-06")]


def test_vague_amounts_and_seasons_are_recorded_but_not_dated() -> None:
    assert dates("It began several years ago.", TUESDAY) == [("several years ago", None)]
    [summer] = text_mentions("The command was launched last summer.", TUESDAY)
    assert summer.date is None and "season" in summer.basis


def test_names_are_not_day_words() -> None:
    assert text_mentions("Japan Today reported the visit.", TUESDAY) == []
    assert text_mentions("Retailers expect Black Friday sales to fall.", TUESDAY) == []
    assert text_mentions("The market opens on Fridays.", TUESDAY) == []


# ----------------------------------------------------------------- weekdays


def test_weekday_is_the_most_recent_such_day_on_or_before_the_anchor() -> None:
    assert dates("The talks took place on Friday.", TUESDAY) == [("on Friday", "2025-07-25")]
    assert dates("Thursday's meeting was cordial.", TUESDAY) == [("Thursday", "2025-07-24")]
    # Published on a Friday: "on Friday" is that day (wire style: "agreed Friday"), and
    # "last Friday" the previous one.
    friday = PartialDate(2025, 8, 1)
    assert dates("The talks took place on Friday.", friday) == [("on Friday", "2025-08-01")]
    assert dates("They met last Friday.", friday) == [("last Friday", "2025-07-25")]
    assert dates("They met last Friday.", TUESDAY) == [("last Friday", "2025-07-25")]


def test_weekday_in_future_context_is_the_next_such_day() -> None:
    assert dates("They will meet on Friday.", TUESDAY) == [("on Friday", "2025-08-01")]
    assert dates("Talks resume next Monday.", TUESDAY) == [("next Monday", "2025-08-04")]


def test_weekday_before_a_written_date_is_not_a_second_mention() -> None:
    assert dates("Tuesday, July 29, 2025 — the talks opened.", None) == [
        ("July 29, 2025", "2025-07-29")
    ]


# ----------------------------------------------------------------- month without a year


def test_month_without_year_is_the_nearest_such_month_on_or_before_the_anchor() -> None:
    [april] = text_mentions("Rutte visited Kanagawa in April.", TUESDAY)
    assert april.date == PartialDate(2025, 4)
    assert april.basis == "month without year: nearest April on or before 2025-07-29"
    assert dates("The review ended in September.", TUESDAY) == [("in September", "2024-09")]
    assert dates("The review ended in July.", TUESDAY) == [("in July", "2025-07")]


def test_month_without_year_in_future_context_looks_forward() -> None:
    [september] = text_mentions("The talks will be held in September.", TUESDAY)
    assert september.date == PartialDate(2025, 9)
    assert "on or after" in september.basis


def test_month_without_year_needs_an_anchor_month() -> None:
    [april] = text_mentions("Rutte visited in April.", PartialDate(2025))
    assert april.date is None
    assert "month without year" in april.basis and "has no month" in april.basis


# ----------------------------------------------------------------- publication


def test_undated_articles_have_no_publication_mention() -> None:
    assert find_mentions(art("The talks were held in 2024.")) == text_mentions(
        "The talks were held in 2024."
    )
    assert all(m.kind != "publication" for m in find_mentions(art("Held in 2024.")))


# ----------------------------------------------------------------- speed shortcuts
# The scanner skips patterns (and whole paragraphs) whose trigger words are missing.
# None of that may change a result.

TOKEN_WORDS = """the in on of by since until last next this earlier later early mid late end
ago year years month months week weeks day days today tomorrow yesterday spring summer
autumn fall winter Black Good Japan USA Today Resolution May March Mar. MAY JUNE June Jun
Sept. Sept September Dec. DEC January Monday Friday Fridays SUNDAY Sunday, 1 5 12th 29 31
0 2024 1987 2100 1799 2024-2025 29.07.2025 2025-07-29 26-FEB-1987 $2025 2025% mid-June
9.7.2025 2025/7/9 29/07/2025 3rd-MAR-1987 Market Decision Junior Mayor Sundays"""
TOKENS = [*TOKEN_WORDS.split(), "ſ", "İ", "ı", "K", "“", "”", ",", ".", "-", "—", "/", "\n"]


def every_pattern(sentence: str, anchor: PartialDate | None) -> list[tuple[str, object]]:
    """What _scan_sentence returns, with every pattern run on every sentence (no triggers)."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, str, object]] = []
    for pattern, handler, _ in _PATTERNS:
        for m in pattern.finditer(sentence):
            start, end = m.span()
            if any(start < e and s < end for s, e in taken):
                continue
            res = handler(m, sentence, anchor)
            taken.append((start, end))
            if res is not None:
                found.append((start, m.group(0).strip(), res))
    found.sort(key=lambda item: item[0])
    return [(expr, res) for _, expr, res in found]


def every_paragraph(article: Article) -> list[tuple[str, object]]:
    """The article's mentions with every paragraph scanned, sentence by sentence."""
    return [
        (sentence, found)
        for p in article.paragraphs
        for sentence in split_sentences(p.text)
        for found in every_pattern(sentence, article.published)
    ]


def scanned(article: Article) -> list[tuple[str, object]]:
    return [
        (m.sentence, (m.expression, _Res(m.date, m.kind, m.basis, f.month, f.day)))
        for f in _scan(article)
        for m in (f.mention,)
        if m.kind != "publication"
    ]


@pytest.mark.parametrize("sentence", TRICKY)
@pytest.mark.parametrize("anchor", [None, TUESDAY, PartialDate(2025, 7)])
def test_triggers_never_hide_a_match(sentence: str, anchor: PartialDate | None) -> None:
    assert _scan_sentence(sentence, anchor) == every_pattern(sentence, anchor)
    article = art(sentence, anchor)
    assert scanned(article) == every_paragraph(article)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=30), st.sampled_from([None, TUESDAY]))
def test_triggers_never_hide_a_match_in_generated_text(
    words: list[str], anchor: PartialDate | None
) -> None:
    text = " ".join(words)
    for sentence in [text, *split_sentences(text)]:
        assert _scan_sentence(sentence, anchor) == every_pattern(sentence, anchor)
    article = art(text.replace("\n", "\n\n"), anchor)
    assert scanned(article) == every_paragraph(article)


# ----------------------------------------------------------------- non-ASCII look-alikes
# Case-insensitive matching also pairs four non-ASCII letters with ASCII ones (ſ long s
# with s, K Kelvin sign with k, İ and ı with i), whose lower case is no key of the
# handlers' tables: the date words are read in ASCII letters only.


@pytest.mark.parametrize(
    "text",
    [
        "laſt month",
        "thİs year",
        "Yeſterday",
        "ſeveral days ago",
        "It happened laſt month, not thıs week.",
        "ſeven days ago and two wee\u212as ago",  # K: the Kelvin sign
        "laſt April, ſince June, mİd-June and laſt ſummer",
    ],
)
@pytest.mark.parametrize("anchor", [None, TUESDAY])
def test_look_alike_letters_are_not_date_words(text: str, anchor: PartialDate | None) -> None:
    assert text_mentions(text, anchor) == []
    build_timeline([art(text, anchor)])


def test_look_alike_letters_leave_the_rest_of_a_phrase_readable() -> None:
    # "thİs Friday" is no "this Friday" (of the anchor's week) but a bare "Friday".
    assert dates("They met thİs Friday.", TUESDAY) == [("Friday", "2025-07-25")]


@pytest.mark.parametrize("space", ["\t", "\xa0", "\u2009", "  "])
def test_vague_amounts_with_any_spacing_are_not_dated(space: str) -> None:
    [mention] = text_mentions(f"It began a{space}few days ago.", TUESDAY)
    assert mention.date is None and "not a definite amount" in mention.basis
    assert dates(f"It began three{space}weeks{space}ago.", TUESDAY) == [
        (f"three{space}weeks{space}ago", "2025-07")
    ]


# Each matches an ASCII letter under IGNORECASE: long s, Kelvin sign, dotted and dotless I.
LOOK_ALIKES = str.maketrans(
    {"s": "\u017f", "S": "\u017f", "k": "\u212a", "K": "\u212a", "i": "\u0130", "I": "\u0131"}
)
DATE_WORDS = """last this next earlier later ago year years month months week weeks day days
today tomorrow yesterday Today several seven a few some on in since mid early Friday April
summer winter March"""


def look_alike(word: str, n: int) -> str:
    """``word`` with its ``n``-th character (modulo its length) made a non-ASCII look-alike."""
    i = n % len(word)
    return word[:i] + word[i].translate(LOOK_ALIKES) + word[i + 1 :]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(DATE_WORDS.split()),
            st.builds(look_alike, st.sampled_from(DATE_WORDS.split()), st.integers(0, 9)),
            st.sampled_from(TOKENS),
            st.text(max_size=10),
        ),
        max_size=25,
    ),
    st.sampled_from([" ", "\t", "\xa0", "\n", ". "]),
    st.sampled_from([None, TUESDAY, PartialDate(2025, 7), PartialDate(2025)]),
)
def test_build_timeline_never_raises_on_unicode_text(
    words: list[str], space: str, anchor: PartialDate | None
) -> None:
    text = space.join(words)
    timeline = build_timeline([art(text, anchor), art(text, None, "b")])
    assert all(m.date is not None for e in timeline.events for m in e.mentions)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab isowtlyhdve\n\t\u00a0-")), max_size=40),
    st.integers(min_value=0, max_value=45),
)
def test_be_before_is_the_regex_search(text: str, at: int) -> None:
    """The whitespace shortcut of _be_before gives what the plain search gives."""
    from natojp.timeline._resolvers import _BE_BEFORE, _be_before

    at = min(at, len(text))
    assert _be_before(text, at) == (_BE_BEFORE.search(text[:at]) is not None)
    for words in ("he was quickly ", "it is\n", "to be ", "they had ", "was"):
        assert _be_before(words, len(words)) == (_BE_BEFORE.search(words) is not None)


# ----------------------------------------------------------------- page furniture and asides


def furniture(text: str, published: PartialDate | None = TUESDAY) -> list[str | None]:
    """Why each date mention of ``text`` is not an event (None: it may be one)."""
    return [f.furniture for f in _scan(art(text, published)) if f.position >= 0]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        # a copyright notice joined to the sentence before it, or with the year last
        ("Harbour Weekly may earn a fee from links here. © 2024 Harbour Weekly.", "copyright"),
        ("The views are the author's own. © Lantern Institute, 2024.", "copyright"),
        ("© 2024 Copyright Radio Kestrel - All rights reserved", "copyright"),
        # promos and recurring days
        ("[Subscribe to the Morning Anchor newsletter: every Thursday]", "promo"),
        ("Sign up for the daily brief – since 1958, the valley's own paper.", "promo"),
        ("Tune in to our weekly harbour show, every Friday.", "recurring"),
        # the date stamp of a related link, and a year inside a name
        ("Harbour ministers hold first port talks (2024/05/13)", "date stamp"),
        ("Rail summit ends with a pledge on freight (March 2024)", "date stamp"),
        ("Vote 2028: what the polls say about the senate races", "name"),
        ("The firm belongs to the Horizon 2040 research programme.", "name"),
        # the occasion of a quote, the medium that carried it, a negated clause
        ('"We train hard," the captain said after training on Thursday.', "occasion"),
        (
            "The admiral told The Kestrel Herald in an interview published on Monday that "
            "patrols would grow.",
            "occasion",
        ),
        ("Port fees were not on the agenda this week.", "negated"),
        ("The two envoys did not meet on Friday.", "negated"),
    ],
)
def test_furniture_and_asides_give_no_event(text: str, why: str) -> None:
    [reason] = furniture(text)
    assert reason is not None and why in reason
    assert [e for e in build_timeline([art(text, TUESDAY)]).events if e.date != TUESDAY] == []


@pytest.mark.parametrize(
    "text",
    [
        "The rule will not take effect until 2027.",
        "Since 2023, several cables have been damaged.",
        "Bis 2028 sollen sechs Schiffe bereitstehen.",
        "The ministers met in Kestrel on Monday (14 July 2025).",
        "The fleet will grow by 2030, the minister said.",
        "The storm damaged a cable in 2024, Harbour Weekly reported.",
    ],
)
def test_dates_near_furniture_words_stay_events(text: str) -> None:
    reasons = furniture(text)
    assert reasons and all(r is None for r in reasons)


# ----------------------------------------------------------------- no tense: the nearer reading


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # no tense at all and the future reading far nearer: the future one
        (
            "- A survey ship is due on August 2, with work lasting until mid-August.",
            [("August 2", "2025-08-02"), ("until mid-August", "2025-08")],
        ),
        ("What do you expect from the summit in September?", [("in September", "2025-09")]),
        ("The Hornets host the Falcons on Thursday.", [("on Thursday", "2025-07-31")]),
        ("- 2 August: plenary vote on the harbour report.", [("2 August", "2025-08-02")]),
        # a past verb keeps the past reading
        ("The Hornets lost to the Falcons on Thursday.", [("on Thursday", "2025-07-24")]),
        ("The survey ship arrived on August 2.", [("August 2", "2024-08-02")]),
        # the future reading not much nearer: the past one
        ("The fair takes place in March.", [("in March", "2025-03")]),
        ("The Hornets host the Falcons on Sunday.", [("on Sunday", "2025-07-27")]),
    ],
)
def test_a_yearless_date_without_tense_takes_the_much_nearer_reading(
    sentence: str, expected: list[tuple[str, str | None]]
) -> None:
    assert dates(sentence, TUESDAY) == expected


def test_the_nearer_future_reading_is_a_plan_and_says_why() -> None:
    [mention] = text_mentions("What do you expect from the summit in September?", TUESDAY)
    assert mention.plan
    assert "no tense" in mention.basis


# ----------------------------------------------------------------- year ends and holidays


@pytest.mark.parametrize(
    ("sentence", "expression", "iso", "plan"),
    [
        (
            "The ministry will publish its plan by the end of the year.",
            "end of the year",
            "2025-12",
            True,
        ),
        ("Officials said they would report before year-end.", "year-end", "2025-12", True),
        ("The line failed at the end of last year.", "end of last year", "2024-12", False),
        (
            "On Christmas Day last year the lights went out.",
            "Christmas Day last year",
            "2024-12-25",
            False,
        ),
        ("The ferry sank on Christmas Day 2019.", "Christmas Day 2019", "2019-12-25", False),
        ("The port reopened on New Year's Day.", "New Year's Day", "2025-01-01", False),
    ],
)
def test_year_ends_and_fixed_holidays_are_dates(
    sentence: str, expression: str, iso: str, plan: bool
) -> None:
    [mention] = text_mentions(sentence, TUESDAY)
    assert mention.expression == expression
    assert mention.date is not None and mention.date.iso() == iso
    assert mention.plan is plan


def test_a_year_end_is_a_deadline_and_needs_an_anchor() -> None:
    [mention] = text_mentions("The plan is due by the end of the year.", TUESDAY)
    assert mention.basis.startswith(YEAR_END_BASIS)
    [undated] = text_mentions("The plan is due by the end of the year.")
    assert undated.date is None
