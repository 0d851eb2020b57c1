"""natojp.ingest.decode: encodings found; empty and binary input refused."""

from __future__ import annotations

import pytest

from natojp.errors import InputError
from natojp.ingest import decode_bytes


def test_decode_bytes_encodings() -> None:
    assert decode_bytes("Price: £15.8m, café".encode("latin-1"), path="x") == (
        "Price: £15.8m, café",
        "cp1252",
    )
    assert decode_bytes("smart “quotes” – dash".encode("cp1252"), path="x")[0] == (
        "smart “quotes” – dash"
    )
    assert decode_bytes("Grüße aus Köln".encode("utf-16"), path="x") == (
        "Grüße aus Köln",
        "utf-16",
    )
    assert decode_bytes("Grüße".encode("utf-16-le"), path="x") == ("Grüße", "utf-16-le")
    assert decode_bytes(b"\xef\xbb\xbfline one\r\nline two", path="x") == (
        "line one\nline two",
        "utf-8-sig",
    )
    assert decode_bytes("Привет мир, как дела у вас".encode("cp1251"), path="x")[0] == (
        "Привет мир, как дела у вас"
    )
    japanese = "日本と北大西洋条約機構が防衛技術協力で協議へ"
    assert decode_bytes(japanese.encode("shift_jis"), path="x")[0] == japanese


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b" \n\t\r\n", "empty file"),
        (b"\xef\xbb\xbf  \n", "empty file"),
        (b"PK\x03\x04\x00\x00binary\x00\x01\x02", "binary file, not text"),
        (bytes(range(1, 32)) * 10, "binary file, not text"),
        (b"\xff\xfe" + b"\x00\xd8", "not valid utf-16"),  # a lone surrogate
    ],
)
def test_decode_bytes_rejects(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as excinfo:
        decode_bytes(data, path="in/file.txt")
    assert message in excinfo.value.message
    assert excinfo.value.path == "in/file.txt"
