"""find_dates: publication and update dates from every basis, with evidence and notes.

Every text here is invented; each expectation is derived by hand from the rules in the
docstring of natojp.metadata.dates.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from natojp._dates import PartialDate
from natojp.clean import clean_text
from natojp.metadata.dates import DateResult, find_dates, url_dates
from natojp.models import Evidence, SourceText

TODAY = date(2026, 1, 15)
TITLE = "NATO and Japan open industry talks"
EN = [
    "NATO and Japan held their first talks on defence industry cooperation in Brussels, officials said.",
    "The delegations discussed drones and space and agreed to draw up a list of joint projects this year.",
]
IT = [
    "La NATO e il Giappone hanno tenuto a Bruxelles il loro primo dialogo sulla cooperazione nell'industria della difesa, secondo i funzionari.",
    "Le delegazioni hanno discusso di droni e dello spazio e si sono impegnate a preparare un elenco di progetti comuni entro la fine dell'anno.",
]


def run(
    lines: list[str],
    *,
    fmt: str = "txt",
    published: str | None = None,
    url: str | None = None,
    manifest: PartialDate | None = None,
    language: str | None = None,
    title: str | None = None,
    updated: str | None = None,
    country: str | None = None,
) -> DateResult:
    text = "\n".join(lines)
    source = SourceText(
        "doc",
        "doc." + fmt,
        text,
        fmt,
        title=title,
        published=published,
        updated=updated,
        url=url,
        line_numbers=fmt in ("txt", "md"),
    )
    return find_dates(
        source,
        clean_text(text, title=title),
        manifest=manifest,
        language=language,
        country=country,
        today=TODAY,
    )


def d(iso: str) -> PartialDate:
    return PartialDate.from_iso(iso)


# ------------------------------------------------------------------------------ header


@pytest.mark.parametrize(
    ("line", "published", "updated"),
    [
        ("April 10, 2025", "2025-04-10", None),
        ("Anadolu staff | 09.04.2025 - Update : 09.04.2025", "2025-04-09", "2025-04-09"),
        ("April 9, 2025 / 11:47 AM", "2025-04-09", None),
        ("Date| April 9, 2025", "2025-04-09", None),
        ("Published: 9 April 2025 | Updated: 10 April 2025", "2025-04-09", "2025-04-10"),
        ("Posted on March 3, 2025 by admin", "2025-03-03", None),
        ("2025-04-09", "2025-04-09", None),
        ("09.04.2025", "2025-04-09", None),
        ("Wed 9 Apr 2025 11.47 BST", "2025-04-09", None),
        ("Tuesday, April 8, 2025 at 10:00 a.m. EDT", "2025-04-08", None),
        ("Sept. 5, 2025", "2025-09-05", None),
        ("April 2025", "2025-04", None),
        ("Mittwoch, 9. April 2025, 11:47 Uhr", "2025-04-09", None),
        ("Publié le 9 avril 2025 à 11h47, mis à jour le 10 avril 2025", "2025-04-09", "2025-04-10"),
        ("Publicado el 9 de abril de 2025", "2025-04-09", None),
        ("31 ottobre 2025", "2025-10-31", None),
        ("2025年4月9日 10時30分", "2025-04-09", None),
        ("Updated: 12 May 2025", None, "2025-05-12"),  # an update is never the publication
        ("By Jane Doe on April 09, 2025 at 2:30 PM", "2025-04-09", None),
        ("Defence industry | 14.05.2025", "2025-05-14", None),
        ("Politics Apr 9, 2025", "2025-04-09", None),
        ("EXAMPLE NEWS - Apr 9, 2025 - 18:45 | World, Asia", "2025-04-09", None),
        ("Source: Example Agency| 2025-07-10 21:14:05|Editor: jdoe", "2025-07-10", None),
        ("Last Updated: Apr 09, 2025, 04:52:00 PM IST", None, "2025-04-09"),
        ("9 aprile 2025 (modifica il 10 aprile 2025 | 08:12)", "2025-04-09", "2025-04-10"),
        ("par la rédaction · 9 avril 2025", "2025-04-09", None),
        ("Aktualisiert am 10. April 2025, 08:12 Uhr", None, "2025-04-10"),
        ("Publicado: 9 abr 2025 | Actualizado: 10 abr 2025", "2025-04-09", "2025-04-10"),
    ],
)
def test_header_date_lines(line: str, published: str | None, updated: str | None) -> None:
    r = run([TITLE, line, *EN])
    assert r.published == (d(published) if published else None)
    assert r.updated == (d(updated) if updated else None)
    if published:
        assert r.published_evidence == Evidence("header", line, 2)
        assert r.published_basis == "header"
    if updated:
        assert r.updated_evidence == Evidence("header", line, 2)


def test_a_date_under_the_byline_with_a_relative_update() -> None:
    r = run([TITLE, "By Jane Doe", "April 9, 2025 / 11:47 AM", "Updated 2 hours ago", *EN])
    assert r.published == d("2025-04-09") and r.updated is None
    assert r.published_evidence == Evidence("header", "April 9, 2025 / 11:47 AM", 3)


def test_japanese_header_with_update_label() -> None:
    r = run(["NATOと日本が初の対話", "2025年4月9日 10時30分", "更新：2025年4月10日", *EN])
    assert (r.published, r.updated) == (d("2025-04-09"), d("2025-04-10"))
    assert r.updated_evidence == Evidence("header", "更新：2025年4月10日", 3)


def test_a_date_line_taken_for_the_headline_still_dates_the_article() -> None:
    r = run(["April 10, 2025", TITLE, *EN])
    assert r.published == d("2025-04-10")
    assert r.published_evidence == Evidence("header", "April 10, 2025", 1)


def test_several_header_dates_the_earliest_is_published() -> None:
    r = run([TITLE, "April 10, 2025", "By Jane Doe", "April 9, 2025", *EN])
    assert r.published == d("2025-04-09")
    assert any("several published dates" in n for n in r.notes)
    # The same date at two precisions is one date: the finer is kept, without a note.
    r = run([TITLE, "April 2025", "By Jane Doe", "April 9, 2025", *EN])
    assert r.published == d("2025-04-09") and r.notes == ()


# ----------------------------------------------------------------------- day or month


def test_ambiguous_date_without_evidence_is_left_undated() -> None:
    r = run([TITLE, "03/04/2025", *EN])
    assert r.published is None and r.published_evidence is None
    assert any("ambiguous date 03/04/2025: day-first or month-first" in n for n in r.notes)
    # Plain English settles nothing: UK and US outlets differ.
    assert run([TITLE, "03/04/2025", *EN], language="en").published is None


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("it", "2025-04-03"),
        ("de", "2025-04-03"),
        ("en-GB", "2025-04-03"),
        ("en-IN", "2025-04-03"),
        ("en-US", "2025-03-04"),
        ("en", None),
        ("ja", None),
    ],
)
def test_ambiguous_date_settled_by_the_language(language: str, expected: str | None) -> None:
    r = run([TITLE, "03/04/2025", *EN], language=language)
    assert r.published == (d(expected) if expected else None)


def test_ambiguous_date_settled_by_the_language_of_the_text_when_none_is_given() -> None:
    assert run(["NATO e Giappone", "03/04/2025", *IT]).published == d("2025-04-03")
    # A month name of another language in the file tells the same.
    lines = [TITLE, "03/04/2025", *EN, "Il vertice del 9 aprile 2025."]
    assert run(lines).published == d("2025-04-03")


def test_ambiguous_date_settled_by_other_dates_in_the_file() -> None:
    day_first = [TITLE, "03/04/2025", *EN, "A letter dated 21/03/2025 started the process."]
    assert run(day_first).published == d("2025-04-03")
    month_first = [TITLE, "04/03/2025", *EN, "A letter dated 03/21/2025 started the process."]
    assert run(month_first).published == d("2025-04-03")
    both = [TITLE, "03/04/2025", *EN, "Letters dated 21/03/2025 and 03/25/2025 followed."]
    r = run(both)
    assert r.published is None
    assert any("both day-first" in n for n in r.notes)


def test_the_file_and_the_language_disagreeing_leave_it_undated() -> None:
    lines = [TITLE, "03/04/2025", *EN, "A letter dated 03/21/2025 started the process."]
    r = run(lines, language="it")
    assert r.published is None
    assert any("are not read" in n for n in r.notes)


def test_ambiguous_date_settled_by_agreement_with_the_url() -> None:
    r = run([TITLE, "03/04/2025", *EN], url="https://news.example.com/2025/04/03/talks/")
    assert r.published == d("2025-04-03") and r.published_basis == "header"
    assert any("the URL states" in n for n in r.notes)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # 3 April 2025 was a Thursday, 4 March 2025 a Tuesday.
        ("Thursday 03/04/2025", "2025-04-03"),
        ("Tuesday, 03/04/2025 10:30", "2025-03-04"),
        ("03/04/2025 (Thu)", "2025-04-03"),
        ("Friday 03/04/2025", None),  # neither: left unread
    ],
)
def test_ambiguous_date_settled_by_the_weekday_beside_it(line: str, expected: str | None) -> None:
    r = run([TITLE, line, *EN], language="en")
    assert r.published == (d(expected) if expected else None)
    # The weekday is evidence about this date: it outweighs the language's convention.
    if expected:
        assert run([TITLE, line, *EN], language="en-GB").published == d(expected)


def test_ambiguous_date_settled_by_a_url_pasted_above_the_text() -> None:
    url = "https://news.example.com/world/2025-03-04/talks-opened-12345.html"
    r = run([url, TITLE, "03/04/2025", *EN], language="en")
    assert r.published == d("2025-03-04") and r.published_basis == "header"
    assert any("the URL states" in n for n in r.notes)


def test_the_article_evidence_outweighs_the_language_convention() -> None:
    # Italian writes day first, but the URL states 4 March: 03/04/2025 is read as it.
    r = run([TITLE, "03/04/2025", *IT], language="it", url="https://x.example/2025/03/04/a/")
    assert r.published == d("2025-03-04")


@pytest.mark.parametrize(
    ("line", "dateline", "expected"),
    [
        ("04/09/2025 05:32 PM", "Taipei, April 9 (Example Agency) ", "2025-04-09"),
        (
            "4/9/2025 3:10:22 AM",
            "(EXNEWS- Example News Agency (ENA)) TOKYO, April 9 (ENA) -- ",
            "2025-04-09",
        ),
        ("09/04/2025", "ROMA, 9 aprile (ANSAX) - ", "2025-04-09"),
        ("04/09/2025", "Taipei, April 10 (Example Agency) ", None),  # neither reading
    ],
)
def test_ambiguous_date_settled_by_the_yearless_dateline(
    line: str, dateline: str, expected: str | None
) -> None:
    r = run([TITLE, line, dateline + EN[0], EN[1]], language="en")
    assert r.published == (d(expected) if expected else None)
    if expected:
        assert r.published_basis == "header"
        assert any("the day the dateline" in n for n in r.notes)


@pytest.mark.parametrize(
    ("country", "expected"),
    [("GB", "2025-04-03"), ("IN", "2025-04-03"), ("US", "2025-03-04"), ("JP", None), ("CA", None)],
)
def test_ambiguous_english_date_settled_by_the_outlet_country(
    country: str, expected: str | None
) -> None:
    r = run([TITLE, "Jane Doe | 03/04/2025", *EN], language="en", country=country)
    assert r.published == (d(expected) if expected else None)
    if expected:
        assert any(f"English in {country}" in n for n in r.notes)
    # A region tag of the language is more precise than the country; other languages
    # keep their convention.
    assert run([TITLE, "03/04/2025", *EN], language="en-US", country="GB").published == d(
        "2025-03-04"
    )
    assert run([TITLE, "03/04/2025", *IT], language="it", country="US").published == d("2025-04-03")


def test_the_country_and_the_file_disagreeing_leave_it_undated() -> None:
    lines = [TITLE, "03/04/2025", *EN, "A letter dated 03/21/2025 started the process."]
    r = run(lines, language="en", country="GB")
    assert r.published is None and any("are not read" in n for n in r.notes)


def test_an_unread_ambiguous_header_vetoes_a_weaker_date_it_contradicts() -> None:
    # 03/04/2025 is 3 April or 4 March: the URL's 1 May fits neither.
    r = run([TITLE, "03/04/2025", *EN], url="https://news.example.com/2025/05/01/talks/")
    assert r.published is None
    assert any("whichever way it is read" in n for n in r.notes)


def test_ambiguous_metadata_value_is_settled_like_a_header() -> None:
    r = run([TITLE, *EN], fmt="csv", published="03/04/2017")
    assert r.published is None and any("ambiguous date 03/04/2017" in n for n in r.notes)
    r = run([TITLE, *EN], fmt="csv", published="03/04/2017", language="fr")
    assert r.published == d("2017-04-03") and r.published_basis == "metadata"


# -------------------------------------------------------------------------- columns


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2017/2/7", "2017-02-07"),
        ("2017-02-07T10:00:00Z", "2017-02-07"),
        ("07.02.2017", "2017-02-07"),
        ("Feb 7, 2017", "2017-02-07"),
        ("7 February 2017", "2017-02-07"),
        ("Tue, 07 Feb 2017 10:00:00 GMT", "2017-02-07"),
        ("1486461600", "2017-02-07"),  # a timestamp column: epoch seconds
        ("1486461600000", "2017-02-07"),  # epoch milliseconds
        ("26-FEB-1987 15:01:01.79", "1987-02-26"),  # Reuters SGML
    ],
)
def test_column_values(value: str, expected: str) -> None:
    r = run([TITLE, *EN], fmt="csv", published=value)
    assert r.published == d(expected)
    assert r.published_evidence == Evidence("metadata", value)


def test_an_unreadable_column_value_is_noted() -> None:
    r = run([TITLE, *EN], fmt="csv", published="soon")
    assert r.published is None and any("'soon'" in n for n in r.notes)


def test_a_column_beats_the_header_and_the_disagreement_is_noted() -> None:
    r = run([TITLE, "April 10, 2025", *EN], fmt="csv", published="2025-04-09")
    assert r.published == d("2025-04-09") and r.published_basis == "metadata"
    assert any("says 2025-04-10" in n and "stronger basis" in n for n in r.notes)


# ------------------------------------------------------------------------------- URL


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example.com/world/2025/11/01/nato-japan/", "2025-11-01"),
        ("https://news.example.com/world/2025/11/1/nato-japan", "2025-11-01"),
        ("https://news.example.com/2025-11-01/nato-japan", "2025-11-01"),
        ("https://news.example.com/news/nato-japan-2025-11-01", "2025-11-01"),
        ("https://news.example.com/news/20250401-nato-japan.html", "2025-04-01"),
        ("https://news.example.com/news/20250401/", "2025-04-01"),
        ("https://news.example.com/2025/11/nato-japan/", "2025-11"),
        ("https://news.example.com/article/2025110112345", None),  # an id
        ("https://news.example.com/article/12345678/", None),
        ("https://news.example.com/story/nato-japan?date=2025-11-01", None),  # query
        ("https://2025.example.com/nato-japan", None),  # host
        ("https://news.example.com/2025/13/01/x", None),  # no month 13
        ("https://news.example.com/2031/11/01/x", None),  # after the time of analysis
        ("https://news.example.com/news/19870401-x", None),  # compact before 1990: an id
        ("https://news.example.com/1987/04/01/x", "1987-04-01"),  # an archive path
    ],
)
def test_url_dates(url: str, expected: str | None) -> None:
    r = run([TITLE, *EN], url=url)
    assert r.published == (d(expected) if expected else None)
    if expected:
        assert r.published_evidence == Evidence("url", url)


def test_url_dates_that_disagree_are_not_used() -> None:
    url = "https://news.example.com/2025/04/09/talks-20250412"
    assert {w for w, _ in url_dates(url, TODAY)} == {d("2025-04-09"), d("2025-04-12")}
    r = run([TITLE, *EN], url=url)
    assert r.published is None and any("disagree" in n for n in r.notes)


def test_the_header_beats_the_url() -> None:
    r = run([TITLE, "April 10, 2025", *EN], url="https://news.example.com/2025/04/09/talks/")
    assert r.published == d("2025-04-10") and r.published_basis == "header"
    assert any("the URL" in n and "says 2025-04-09" in n for n in r.notes)


def test_a_month_url_is_made_precise_by_an_agreeing_basis() -> None:
    r = run([TITLE, "April 9, 2025", *EN], url="https://news.example.com/2025/04/talks/")
    assert r.published == d("2025-04-09") and r.published_basis == "header"
    r = run(
        [TITLE, *EN],
        url="https://news.example.com/2025/04/talks/",
        published="2025-04-09",
        fmt="html",
    )
    assert r.published == d("2025-04-09") and r.published_basis == "metadata"
    assert any("made precise" in n for n in r.notes)
    # A page date outside the URL's month is outvoted: the month stays.
    r = run(
        [TITLE, *EN],
        url="https://news.example.com/2025/04/talks/",
        published="2025-05-09",
        fmt="html",
    )
    assert r.published == d("2025-04") and r.published_basis == "url"


# ------------------------------------------------------------------- page metadata


def test_page_metadata_alone_is_used() -> None:
    r = run([TITLE, *EN], fmt="html", published="2025-04-09", url="https://news.example.com/talks")
    assert r.published == d("2025-04-09")
    assert r.published_evidence == Evidence("metadata", "2025-04-09")
    assert any("alone" in n for n in r.notes)  # the weakest basis, said so


def test_page_metadata_loses_to_the_url_and_to_the_text() -> None:
    r = run(
        [TITLE, *EN],
        fmt="html",
        published="2025-04-12",
        url="https://news.example.com/2025/04/09/x",
    )
    assert r.published == d("2025-04-09") and r.published_basis == "url"
    assert any("htmldate" in n and "says 2025-04-12" in n for n in r.notes)
    r = run([TITLE, *EN, "Published: 9 April 2025"], fmt="html", published="2025-04-12")
    assert r.published == d("2025-04-09") and r.published_basis == "text"


def test_page_metadata_equal_to_the_update_date_is_withheld() -> None:
    r = run([TITLE, "Updated: 12 May 2025", *EN], fmt="html", published="2025-05-12")
    assert r.published is None and r.updated == d("2025-05-12")
    assert any("update date" in n for n in r.notes)


def test_page_metadata_contradicted_by_a_yearless_dateline_is_withheld() -> None:
    lines = [TITLE, "WASHINGTON, April 9 (Example Wire) - " + EN[0], EN[1]]
    r = run(lines, fmt="html", published="2025-04-11")
    assert r.published is None and any("names another day" in n for n in r.notes)
    assert run(lines, fmt="html", published="2025-04-09").published == d("2025-04-09")


def test_page_modification_time_is_the_update_date() -> None:
    r = run(
        [TITLE, *EN],
        fmt="html",
        published="2025-06-12T14:05:00+09:00",
        updated="2025-06-13T09:40:00+09:00",
    )
    assert (r.published, r.updated) == (d("2025-06-12"), d("2025-06-13"))
    assert r.updated_evidence == Evidence("metadata", "2025-06-13T09:40:00+09:00")
    # Modified the day it was published: the page's publication date still stands.
    r = run([TITLE, *EN], fmt="html", published="2025-06-12", updated="2025-06-12T18:00")
    assert (r.published, r.updated) == (d("2025-06-12"), d("2025-06-12"))
    # A header's update label is stronger; a modification before publication is dropped.
    r = run([TITLE, "Updated: 14 June 2025", *EN], fmt="html", updated="2025-06-13")
    assert r.updated == d("2025-06-14")
    assert r.updated_evidence == Evidence("header", "Updated: 14 June 2025", None)  # html
    r = run([TITLE, *EN], fmt="html", published="2025-06-12", updated="2025-06-10")
    assert r.updated is None and any("precedes" in n for n in r.notes)
    r = run([TITLE, *EN], fmt="html", updated="last Tuesday")
    assert r.updated is None and any("could not read the update date" in n for n in r.notes)


def test_html_text_lines_have_no_file_line_numbers() -> None:
    r = run([TITLE, "Published: 9 April 2025", *EN], fmt="html", title=TITLE)
    assert r.published_evidence == Evidence("header", "Published: 9 April 2025", None)


# ------------------------------------------------------------------------------- text


def test_a_labelled_line_at_the_end_and_a_full_dateline() -> None:
    r = run([TITLE, *EN, "Published: 9 April 2025"])
    assert r.published == d("2025-04-09")
    assert r.published_evidence == Evidence("text", "Published: 9 April 2025", 4)
    r = run([TITLE, "BRUSSELS, April 9, 2025 — " + EN[0], EN[1]])
    assert r.published == d("2025-04-09") and r.published_basis == "text"
    r = run([TITLE, "TOKYO, April 9, 2025 /PRNewswire/ -- " + EN[0], EN[1]])
    assert r.published == d("2025-04-09")


def test_a_url_pasted_alone_on_a_line_dates_the_article() -> None:
    url = "https://www.example-news.com/news/2025/04/25/asia/talks-open/"
    r = run([url, TITLE, *EN])
    assert r.published == d("2025-04-25") and r.published_evidence == Evidence("url", url, 1)
    r = run([TITLE, *EN, "Source: " + url])  # the last line
    assert r.published == d("2025-04-25") and r.published_evidence == Evidence("url", url, 4)
    # An address within the text, or in a sentence, is another story's.
    r = run([TITLE, EN[0], url, EN[1], "More at " + url + " and elsewhere."])
    assert r.published is None
    # Two pasted addresses that disagree: neither is used.
    other = "https://www.example-news.com/news/2025/03/01/older-story/"
    r = run([url, TITLE, *EN, other])
    assert r.published is None and any("disagree" in n for n in r.notes)
    # The address the source gives is the article's; one pasted in its text is not read.
    r = run([url, TITLE, *EN], url="https://www.example-news.com/news/talks")
    assert r.published is None


def test_a_yearless_dateline_takes_its_year_from_the_update_date() -> None:
    lines = [
        TITLE,
        "Last Updated: Apr 09, 2025, 04:52:00 PM IST",
        "New Delhi, Apr 9 (Example Agency) " + EN[0],
        EN[1],
    ]
    r = run(lines)
    assert (r.published, r.updated) == (d("2025-04-09"), d("2025-04-09"))
    assert r.published_basis == "text" and any("its year that of the update" in n for n in r.notes)
    # The day before a new year: the year before.
    lines[1:3] = ["Updated: 2 January 2025", "TOKYO, Dec. 31 (Example Agency) - " + EN[0]]
    assert run(lines).published == d("2024-12-31")
    # An update more than a month later gives no year.
    lines[1:3] = ["Updated: 20 June 2025", "TOKYO, April 9 (Example Agency) - " + EN[0]]
    assert run(lines).published is None


def test_a_yearless_dateline_gives_the_day_of_a_stated_month() -> None:
    lines = [TITLE, "Published April 2025", "WASHINGTON, April 9 (Example Wire) - " + EN[0], EN[1]]
    r = run(lines)
    assert r.published == d("2025-04-09") and r.published_basis == "text"
    r = run(
        [TITLE, "WASHINGTON, April 9 (Example Wire) - " + EN[0], EN[1]],
        url="https://x.example/2025/04/talks/",
    )
    assert r.published == d("2025-04-09")
    # Another month: the stated month stands.
    lines[1] = "Published May 2025"
    assert run(lines).published == d("2025-05")


@pytest.mark.parametrize(
    "lines",
    [
        [
            TITLE,
            "On 3 April 2025, ministers met in Brussels to prepare the talks on industry.",
            *EN,
        ],
        [
            TITLE,
            "By 2030, the two sides want five joint projects on drones and space, officials said.",
            *EN,
        ],
        [TITLE, *EN, "© 2024 Example News. All rights reserved."],
        [TITLE, "Event date: 12 November 2025 | Brussels", *EN],
        [TITLE, "12–13 November 2025, Brussels", *EN],
        [TITLE, "WASHINGTON, April 9 (Example Wire) - " + EN[0], EN[1]],
        [
            TITLE,
            *EN,
            "Related",
            "- Summit set for 24 June 2025",
            "- Ministers meet on 3 March 2025",
        ],
        [TITLE, "Updated 2 hours ago", *EN],
        [
            TITLE,
            "In April 2025, ministers agreed to hold the talks in Brussels before summer.",
            *EN,
        ],
        [TITLE, "On 9 April 2025 — the day the talks opened — ministers met in Brussels.", *EN],
        # A yearless dateline and a copyright year state no date.
        [TITLE, "TOKYO, April 9 (Example Agency) - " + EN[0], EN[1], "© 2025 Example Agency"],
        # A line of a table after the dateline: a dividend's date, not the story's.
        ["CHICAGO, March 12 - Qtly div 15 cts vs 15 cts prior", "Pay May 2, 2025", "Record"],
        [TITLE, "Before April 9, 2025", *EN],
        [TITLE, *EN, "April 9, 2025: Talks begin", "April 10, 2025: Talks end"],
        # An address in the body is another story's.
        [TITLE, EN[0], "https://www.example-news.com/news/2025/03/01/old-story/", EN[1]],
    ],
)
def test_traps_give_no_date(lines: list[str]) -> None:
    r = run(lines)
    assert (r.published, r.updated) == (None, None)


# ----------------------------------------------------------------- manifest and limits


def test_the_manifest_wins_and_is_not_refined() -> None:
    r = run([TITLE, "April 10, 2025", *EN], manifest=d("2025-04-09"))
    assert r.published == d("2025-04-09")
    assert r.published_evidence == Evidence("manifest", "2025-04-09")
    assert any("says 2025-04-10" in n for n in r.notes)
    r = run([TITLE, "April 9, 2025", *EN], manifest=d("2025-04"))
    assert r.published == d("2025-04") and r.published_basis == "manifest"


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("Published: 9 April 2099", "after the time of analysis"),
        ("Published: 4 April 1899", "before 1900"),
    ],
)
def test_dates_after_the_analysis_or_before_1900_are_no_publication_dates(
    line: str, why: str
) -> None:
    r = run([TITLE, line, *EN])
    assert r.published is None and any(why in n for n in r.notes)


def test_the_day_after_the_analysis_is_allowed_for_time_zones() -> None:
    assert run([TITLE, "January 16, 2026", *EN]).published == d("2026-01-16")
    assert run([TITLE, "January 17, 2026", *EN]).published is None


def test_an_update_before_the_publication_is_dropped() -> None:
    r = run([TITLE, "Published: 10 April 2025", "Updated: 9 April 2025", *EN])
    assert r.published == d("2025-04-10") and r.updated is None
    assert any("precedes the publication date" in n for n in r.notes)


def test_nothing_stated_nothing_found() -> None:
    r = run([TITLE, *EN])
    assert r == DateResult()


# -------------------------------------------------------------------------- fixtures


def test_the_benchmark_fixtures_give_no_wrong_date() -> None:
    """The fixture set of bench/fixtures/dates read as the benchmark reads it: no date
    is wrong, and every miss is a row whose date column ingestion did not read."""
    from natojp.config import IngestConfig
    from natojp.ingest import read_paths
    from natojp.metadata import Manifest

    root = Path(__file__).resolve().parents[2] / "bench" / "fixtures" / "dates"
    gold = json.loads((root / "gold.json").read_text(encoding="utf-8"))["articles"]
    ingested = read_paths([root / "articles"], IngestConfig())
    manifest = Manifest.load(root / "articles" / "manifest.toml")
    seen = set()
    for source in ingested.documents:
        entry = manifest.get(source.id)
        r = find_dates(
            source, clean_text(source.text, title=source.title), manifest=entry and entry.published
        )
        truth = gold[source.id]
        seen.add(source.id)
        for field in ("published", "updated"):
            got = getattr(r, field)
            if got is not None:
                assert got.iso() == truth[field], (source.id, field, got, r.notes)
            elif truth[field] is not None:
                assert field == "published" and source.published is None, (source.id, r.notes)
                assert source.format in ("csv", "jsonl", "json"), source.id
    assert seen == set(gold)


# ------------------------------------------------------------- URL date-time stamps


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example/mundo/acuerdo-naval-20250307194012-nt.html", "2025-03-07"),
        ("https://news.example/world/202503071940/naval-accord", "2025-03-07"),
        ("https://news.example/world/naval-accord_202503071940.html", "2025-03-07"),
    ],
)
def test_url_dates_reads_a_date_time_stamp(url: str, expected: str) -> None:
    assert [d for d, _ in url_dates(url, TODAY)] == [d(expected)]


@pytest.mark.parametrize(
    "url",
    [
        "https://news.example/world/2025030719401/naval-accord",  # 13 digits: an id
        "https://news.example/world/202503071940123/naval-accord",  # 15 digits
        "https://news.example/world/20250307246012-nt.html",  # hour 24: no time
        "https://news.example/world/20250307196012-nt.html",  # minute 60
        "https://news.example/world/20250307194060-nt.html",  # second 60
        "https://news.example/world/18250307194012-nt.html",  # before the web
        "https://news.example/world/story-1202503071940",  # runs into another digit
    ],
)
def test_url_dates_rejects_digit_runs_that_are_ids(url: str) -> None:
    assert url_dates(url, TODAY) == ()


def test_a_pasted_url_time_stamp_settles_an_ambiguous_update_line() -> None:
    r = run(
        [
            "https://news.example/world/naval-accord-20250307194012-nt.html",
            "",
            "Allies widen their naval access accord",
            "",
            "Updated 07/03/2025 at 19:40",
            "",
            *EN,
        ]
    )
    assert r.published == d("2025-03-07") and r.published_basis == "url"
    assert r.updated == d("2025-03-07")


# ------------------------------------------------------ time stamps and time zones


@pytest.mark.parametrize(
    ("stamp", "country", "expected", "noted"),
    [
        ("2025-04-16T20:00:00Z", "JP", "2025-04-17", True),  # 05:00 in Tokyo
        ("2025-04-16T20:00:00+00:00", "KR", "2025-04-17", True),
        ("2025-04-16T23:30:00Z", "IT", "2025-04-17", True),  # 01:30 in Rome (CEST)
        ("2025-04-16T20:00:00Z", "GB", "2025-04-16", False),  # 21:00 in London
        ("2025-04-17T05:00:00+09:00", "JP", "2025-04-17", False),  # already local
        # The 16th in every US zone, but which clock a US outlet keeps is not known: UTC
        # as written, with a note.
        ("2025-04-17T02:00:00Z", "US", "2025-04-17", False),
        # Another offset is the publisher's own clock, whatever its country.
        ("2025-06-24T04:00:00+02:00", "US", "2025-06-24", False),
        ("2025-06-23T23:30:00-04:00", "JP", "2025-06-23", False),
        ("2025-04-16T20:00:00Z", "US", "2025-04-16", False),
        ("2025-04-16T20:00:00Z", None, "2025-04-16", False),  # no country: as written
        ("2025-04-16T20:00:00Z", "XX", "2025-04-16", False),  # no known zone
    ],
)
def test_a_time_stamp_is_dated_in_the_outlets_time_zone(
    stamp: str, country: str | None, expected: str, noted: bool
) -> None:
    r = run(EN, fmt="html", published=stamp, country=country)
    assert r.published == d(expected)
    assert any("the outlet's time zone" in n for n in r.notes) == noted, r.notes


def test_a_time_stamp_across_a_countrys_zones_keeps_its_date_with_a_note() -> None:
    # 05:00 UTC on the 17th is still the 16th in Honolulu and Los Angeles, the 17th in
    # New York: no one date for the United States.
    r = run(EN, fmt="html", published="2025-04-17T05:00:00Z", country="US")
    assert r.published == d("2025-04-17")
    assert any("in some time zones of US" in n for n in r.notes), r.notes


def test_a_time_stamp_without_an_offset_is_not_converted() -> None:
    r = run(EN, fmt="html", published="2025-04-16T23:30:00", country="JP")
    assert r.published == d("2025-04-16")


def test_an_update_time_stamp_is_dated_in_the_outlets_time_zone() -> None:
    r = run(
        EN,
        fmt="html",
        published="2025-04-16T08:00:00Z",
        updated="2025-04-16T20:00:00Z",
        country="JP",
    )
    assert r.published == d("2025-04-16") and r.updated == d("2025-04-17")


# ------------------------------------------------ a modification time that is no update


@pytest.mark.parametrize(
    ("published", "updated"),
    [
        ("2025-04-16T20:00:00Z", "2025-04-16T20:00:00Z"),
        ("2025-04-16T20:00:00Z", "2025-04-17T05:00:00+09:00"),  # the same instant
        ("2025-04-16", "2025-04-16"),  # the same bare day
    ],
)
def test_a_modification_time_equal_to_the_publication_time_is_no_update(
    published: str, updated: str
) -> None:
    for fmt in ("html", "csv"):
        r = run(EN, fmt=fmt, published=published, updated=updated, country="JP")
        assert r.updated is None and r.published is not None
        assert any("no update stated" in n for n in r.notes), r.notes


@pytest.mark.parametrize(
    ("published", "updated", "expected"),
    [
        ("2025-04-16T08:00:00Z", "2025-04-16T20:00:00Z", "2025-04-16"),  # later that day
        ("2025-04-16", "2025-04-16T20:00:00Z", "2025-04-16"),  # a time on one side only
        ("2025-04-16T20:00:00Z", "2025-04-16T20:00:00", "2025-04-16"),  # offset on one
        ("2025-04-16", "2025-04-18", "2025-04-18"),
    ],
)
def test_a_later_modification_time_is_an_update(
    published: str, updated: str, expected: str
) -> None:
    r = run(EN, fmt="html", published=published, updated=updated)
    assert r.updated == d(expected)


# ------------------------------------------------------ era dates and byline dates


def test_a_japanese_era_date_in_the_header() -> None:
    r = run(
        [
            "報道資料",
            "令和7年3月7日",
            "防衛省",
            "",
            "日英防衛相会談の開催について",
            "",
            "本日、防衛大臣は来日中の英国国防大臣と会談し、次期戦闘機の共同開発について緊密に連携していくことで一致しました。",
        ]
    )
    assert r.published == d("2025-03-07") and r.published_basis == "header"


def test_a_japanese_era_date_in_the_body_is_not_the_publication_date() -> None:
    r = run(
        [
            "日英防衛相会談の開催について",
            "",
            "防衛大臣は令和7年3月7日に来日中の英国国防大臣と会談し、次期戦闘機の共同開発について緊密に連携していくことで一致しました。",
        ]
    )
    assert r.published is None


@pytest.mark.parametrize(
    "byline",
    [
        "Takahashi Koji   16 Oct 2025",
        "By Takahashi Koji · 16 October 2025",
        "Takahashi Koji | Oct 16, 2025",
    ],
)
def test_a_byline_ending_with_a_date_dates_the_article(byline: str) -> None:
    r = run(["Japan and NATO widen drone cooperation", "", byline, "", *EN])
    assert r.published == d("2025-10-16") and r.published_basis == "header"


def test_a_byline_with_a_date_deep_in_the_body_does_not_date_it() -> None:
    r = run(
        [
            "Japan and NATO widen drone cooperation",
            "",
            *EN,
            "",
            "Takahashi Koji   16 Oct 2025",
            "",
            *EN,
        ]
    )
    assert r.published is None
