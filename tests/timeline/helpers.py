"""Shared helpers of the natojp.timeline tests: the anchor date, articles from inline
text, and sentences that test the scanner's shortcuts and the cached content words."""

from __future__ import annotations

from natojp._dates import PartialDate
from natojp.models import Article, Paragraph

TUESDAY = PartialDate(2025, 7, 29)  # 29 July 2025 was a Tuesday


def art(
    text: str,
    published: PartialDate | None = None,
    article_id: str = "a",
    *,
    outlet: str | None = None,
    title: str | None = None,
) -> Article:
    """An article whose paragraphs are the blank-line separated blocks of ``text``."""
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    paragraphs = tuple(Paragraph(b, i + 1) for i, b in enumerate(blocks))
    return Article(
        article_id,
        f"{article_id}.txt",
        paragraphs,
        title=title,
        outlet=outlet,
        published=published,
        published_basis="test" if published else None,
    )


TRICKY = [
    "The deal was signed on 29 July 2025 in Brussels.",
    "LAST MONTH the BOARD met on MARCH 3 and again in APRIL 1987.",
    "It ended two weeK ago, laſt ſummer or thıs winter; tomorrow or Yesterday.",
    "On Friday, July 29, 2025 the talks opened; Black Friday sales fell last Friday.",
    "The 2024-2025 roadmap, Resolution 2025, $2025 and 2030 km; in 2022 people left.",
    "JAN 5, 1987: Sept. 2024, 12th of May, May 12th, in mid-June, by the end of March.",
    "last april, earlier this year, 18 months ago, a few days ago, this coming winter.",
    "It began three weeks\tago and ended two years\nago, in the past\twinter.",
    "Japan Today reported it today. Today the USA Today desk closed.",
    "In 19٨٧ and in ２０２５ the digits were not ASCII; 29.07.2025 and 2025/07/29 were.",
    "Mondays are quiet; Tuesdayx is not a day; next Sunday is, and so was Monday.",
    "The decade of the 1990s, 2,225 troops, 12025 units and 2025% growth are no dates.",
    "No date here at all, only words about summits and ministers.",
    "On 9.7.2025, 2025/7/9 and 29/07/2025; on 12 of May, 3rd-MAR-1987 and MAY 4, 1990.",
    "The Market Decision by Junior Mayor Augustus: Mayday in Marchland, not a month.",
]
