"""Bytes to text: encodings, repairs and non-text files."""

from __future__ import annotations

import codecs

import pytest

from newswire.parse.text import decode_document
from newswire.records import DocumentError

TEXT = "Café owners in Zürich said “prices rose” — again.\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "cp1252"],
)
def test_encodings_decode_to_the_same_text(data: bytes) -> None:
    assert decode_document(data) == TEXT


def test_latin1_bytes_decode() -> None:
    text = "Les élèves de l’école sont arrivés à Zürich. " * 3
    assert decode_document(text.replace("’", "'").encode("latin-1")) == text.replace("’", "'")


def test_cyrillic_legacy_encoding_is_detected() -> None:
    text = "Москва сегодня объявила о новых мерах поддержки, сообщил министр. " * 3
    assert decode_document(text.encode("cp1251")) == text


def test_windows_line_endings_become_newlines() -> None:
    assert decode_document(b"Title\r\n\r\nBody line.\r\n") == "Title\n\nBody line.\n"


def test_mojibake_is_repaired() -> None:
    text = "Café owners in Zürich said “prices rose” again.\n".replace("”", '"')
    broken = text.encode("utf-8").decode("cp1252")
    assert "Ã" in broken
    assert decode_document(broken.encode("utf-8")) == text


def test_zero_width_and_bidi_characters_are_removed() -> None:
    data = "Pre\u200bsi\u200ddent\u202e Putin\ufeff said.".encode()
    assert decode_document(data) == "President Putin said."


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"PK\x03\x04\x14\x00\x00\x00", "binary"),
        (bytes(range(256)) * 4, "binary"),
        (b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head></html>", "html_page"),
    ],
    ids=["empty", "whitespace", "png", "zip", "random-bytes", "html-error-page"],
)
def test_non_articles_are_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(DocumentError) as raised:
        decode_document(data)
    assert raised.value.reason == reason
    assert raised.value.detail


def test_mojibake_of_a_closing_quote_is_repaired_not_stripped() -> None:
    # ” in UTF-8 read as cp1252 is "â€" plus the C1 control U+009D: a short text with one
    # is mojibake to repair, not binary, and the control must survive until ftfy has seen it.
    text = "The café said “hello” to everyone — and £5 bought lunch."
    mangled = text.encode("utf-8").decode("sloppy-windows-1252")
    assert "\x9d" in mangled
    assert decode_document(mangled.encode("utf-8")) == text
