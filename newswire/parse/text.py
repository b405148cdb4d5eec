"""Bytes to clean text: encoding detection, mojibake repair, invisible-character removal."""

from __future__ import annotations

import codecs
import re
from typing import Any

import charset_normalizer
import ftfy
from charset_normalizer.md import mess_ratio

from newswire.records import DocumentError

# Magic numbers of common binary formats that end up in scraped folders.
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "ELF executable"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Zero-width and bidirectional control characters: invisible, and they break matching.
_INVISIBLE = re.compile(
    "[\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u202a-\u202e\u2066-\u2069\u00ad]"
)
# C0/C1 controls other than tab and newline.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BINARY_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HTML_START = re.compile(r"^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<\?xml)", re.IGNORECASE)

# Share of control characters above which decoded text is treated as binary.
_MAX_CONTROL_SHARE = 0.01
# charset-normalizer mess ratio under which a decoding is taken as clean text.
_CLEAN_MESS = 0.1
_FTFY_OPTIONS: dict[str, Any] = {
    "uncurl_quotes": False,
    "fix_character_width": False,
    "normalization": "NFC",
}
# ftfy.TextFixerConfig.max_decode_length: ftfy cuts lines longer than this.
_FTFY_MAX_SEGMENT = ftfy.TextFixerConfig().max_decode_length


def decode_document(data: bytes) -> str:
    """Decode raw bytes into repaired text with '\\n' line endings, or raise DocumentError."""
    if not data.strip():
        raise DocumentError(
            "empty", "the file is empty" if not data else "the file is only whitespace"
        )
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise DocumentError("binary", f"the file is a {kind}, not text")
    text = _decode_bytes(data)
    # C0 controls say binary; C1 ones are usually mojibake (a cp1252 quote read as UTF-8).
    controls = len(_BINARY_CONTROL.findall(text))
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise DocumentError("binary", f"{controls} control characters in {len(text)}: not text")
    # Mojibake is repaired before controls are removed: a curly quote read as cp1252 ends in
    # a C1 control ("â€\x9d" for ”) that ftfy needs in order to put the quote back.
    text = _CONTROL.sub("", _repair(text))
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise DocumentError("empty", "no visible text after decoding")
    if _HTML_START.match(text):
        raise DocumentError("html_page", "the file is an HTML page, not a saved article")
    return text


def _repair(text: str) -> str:
    """ftfy.fix_text (typographic quotes and full-width forms kept: later stages and readers
    rely on them), without handing it the lines it provably leaves as they are.

    fix_text fixes each line (up to and including its '\n') on its own; the only state it
    carries from one line to the next is that HTML unescaping stops for good after a line
    with a '<'. An ASCII line with no '&', no '\r' and no control character comes out of
    every fix unchanged: no entity to unescape, no mojibake (ASCII
    decodes the same in every encoding ftfy tries), no C1 control, ligature, odd line break,
    surrogate, terminal escape or NFC change. Most lines of real copy are such lines, and
    ftfy's cost is mostly per line.
    """
    if _is_inert(text):
        return text
    if len(text) > _FTFY_MAX_SEGMENT:
        return ftfy.fix_text(text, **_FTFY_OPTIONS)  # ftfy cuts overlong lines: let it
    fixed: list[str] = []
    unescape: bool | str = "auto"
    for line in _lines(text):
        fixed.append(line if _is_inert(line) else _fix_line(line, unescape))
        if "<" in line:
            unescape = False
    return "".join(fixed)


def _fix_line(line: str, unescape: bool | str) -> str:
    return ftfy.fix_text(line, unescape_html=unescape, **_FTFY_OPTIONS)


def _is_inert(text: str) -> bool:
    return text.isascii() and "&" not in text and "\r" not in text and not _CONTROL.search(text)


def _lines(text: str) -> list[str]:
    """The text cut after each '\n' (and only there: ftfy's segments, unlike splitlines)."""
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]


def _decode_bytes(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Windows-1252 is the web's commonest legacy encoding (and what "latin-1" pages really
    # are), but charset-normalizer ranks look-alike code pages above it on short texts; take
    # it whenever the result reads cleanly, and let charset-normalizer judge the rest.
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and mess_ratio(western, _CLEAN_MESS) < _CLEAN_MESS:
        return western
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raw_controls = sum(byte < 0x20 and byte not in b"\t\n\r\f" for byte in data)
        if raw_controls > _MAX_CONTROL_SHARE * len(data):
            raise DocumentError("binary", f"{raw_controls} control bytes in {len(data)}: not text")
        raise DocumentError("undecodable", "no text encoding fits the bytes")
    return str(best)
