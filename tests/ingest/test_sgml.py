"""natojp.ingest.sgml: Reuters-21578 SGML (stories, fields, reflowed paragraphs,
sign-offs); the real corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from natojp.ingest import read_paths
from tests import REUTERS
from tests.ingest.helpers import by_id, write

REUTERS_000 = REUTERS / "reut2-000.sgm"

REUTERS_SAMPLE = (
    b'<!DOCTYPE lewis SYSTEM "lewis.dtd">\n'
    b'<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" OLDID="5544" NEWID="1">\n'
    b"<DATE>26-FEB-1987 15:01:01.79</DATE>\n"
    b"<TOPICS><D>cocoa</D></TOPICS>\n"
    b"<TEXT>&#2;\n<TITLE>BAHIA COCOA &lt;BCR&gt; REVIEW</TITLE>\n"
    b"<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued throughout the week in\n"
    b"the Bahia cocoa zone, alleviating the drought since early\n"
    b"January.\n"
    b"    Caf\xe9 owners said prices rose to 340 to 350\n"
    b"cruzados per arroba.\n"
    b" Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n"
    b'<REUTERS TOPICS="NO" NEWID="2">\n<DATE> 2-MAR-1987 10:00:00.00</DATE>\n'
    b'<TEXT TYPE="BRIEF">&#2;\n<TITLE>BRIEF ONLY</TITLE>\n&#3;</TEXT>\n</REUTERS>\n'
    b'<REUTERS NEWID="3">\n<DATE>3-MAR-1987 09:00:00.00</DATE>\n<TEXT>&#2;\n'
    b"<BODY>Totals were 5.8 mln (3.7).            REUTER\n&#3;</BODY></TEXT>\n</REUTERS>\n"
)


def test_reuters_sgml_stories_fields_reflow_and_sign_off(tmp_path: Path) -> None:
    write(tmp_path, "reut2-999.sgm", REUTERS_SAMPLE)
    result = read_paths([tmp_path / "reut2-999.sgm"])
    docs = by_id(result)
    assert list(docs) == ["reut2-999#1", "reut2-999#3"]
    one = docs["reut2-999#1"]
    assert one.title == "BAHIA COCOA <BCR> REVIEW"
    assert one.published == "26-FEB-1987 15:01:01.79"
    assert one.outlet == "Reuters" and one.format == "sgml" and not one.line_numbers
    assert one.encoding == "latin-1"
    assert one.text == (
        "SALVADOR, Feb 26 - Showers continued throughout the week in the Bahia cocoa zone, "
        "alleviating the drought since early January.\n"
        "Café owners said prices rose to 340 to 350 cruzados per arroba."
    )
    assert docs["reut2-999#3"].text == "Totals were 5.8 mln (3.7)."
    (skip,) = result.skipped
    assert skip.reason.startswith("1 of 3 stories have no BODY")


def test_sgml_without_stories_is_skipped(tmp_path: Path) -> None:
    write(tmp_path, "x.sgml", "<DOC>not reuters</DOC>\n")
    result = read_paths([tmp_path])
    assert result.documents == ()
    assert "no <REUTERS> stories" in result.skipped[0].reason


@pytest.mark.corpora
@pytest.mark.skipif(not REUTERS_000.is_file(), reason="Reuters-21578 corpus not found")
def test_reuters_21578_first_file() -> None:
    result = read_paths([REUTERS_000])
    docs = by_id(result)
    assert len(docs) == 925
    first = docs["reut2-000#1"]
    assert first.title == "BAHIA COCOA REVIEW"
    assert first.published == "26-FEB-1987 15:01:01.79"
    assert first.text.startswith("SALVADOR, Feb 26 - Showers continued throughout the week")
    assert not any(d.text.rstrip().lower().endswith("reuter") for d in result.documents)
    (skip,) = result.skipped
    assert skip.reason.startswith("75 of 1,000 stories have no BODY")
