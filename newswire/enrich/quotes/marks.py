"""Where the direct quotes are: paired quotation marks, across paragraphs, minus look-alikes.

Hand-written: no library pairs typographic and straight marks over paragraph breaks the way
news copy uses them (an opening mark repeated at each continued paragraph, no closing mark
until the quote ends).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN, CLOSE, STRAIGHT = "“", "”", '"'
_MARK = re.compile(f"[{OPEN}{CLOSE}{STRAIGHT}]")
_TERMINAL = re.compile(r"[.!?,;:…—-]\s*$")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
# Words short function words may have in a title ("Elon Musk Has Ukraine, and the Future").
_TITLE_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into of on or the to with".split()
)


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quote's content (without its marks) as offsets into the body."""

    start: int
    end: int
    paragraph: int


def find_quotes(body: str) -> list[QuoteSpan]:
    """Direct quotes in a body whose paragraphs are separated by blank lines."""
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    open_paragraph = 0
    opened_by_straight = False
    paragraphs = list(_paragraphs(body))
    for index, (start, end) in enumerate(paragraphs):
        continued = open_at is not None
        # Only the marks change the state: jump from one to the next.
        for mark in _MARK.finditer(body, start, end):
            position, char = mark.start(), mark.group()
            if continued and position == start:
                pass  # the repeated opening mark of a quote continued from the last paragraph
            elif open_at is None and char in (OPEN, STRAIGHT):
                open_at, open_paragraph, opened_by_straight = position + 1, index, char == STRAIGHT
            elif open_at is not None and (
                char == CLOSE or (char == STRAIGHT and opened_by_straight)
            ):
                spans.append(QuoteSpan(open_at, position, open_paragraph))
                open_at = None
        if open_at is not None:
            following = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else None
            continues = following is not None and body[following] in (OPEN, STRAIGHT)
            if not continues:
                # An unclosed quote ends with its paragraph rather than swallowing the article.
                spans.append(QuoteSpan(open_at, end, open_paragraph))
                open_at = None
    return [span for span in spans if _is_direct_quote(body, span)]


def _paragraphs(body: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", body)]


def _is_direct_quote(body: str, span: QuoteSpan) -> bool:
    """Drop scare quotes, titles of works and nicknames: short, unpunctuated, or in a name."""
    content = body[span.start : span.end].strip()
    words = _WORD.findall(content)
    if not words:
        return False
    after = body[span.end + 1 : span.end + 3]
    if _is_nickname(body, span):
        return False
    punctuated = bool(_TERMINAL.search(content)) or after[:1] in (".", ",", "?", "!")
    if _is_title(words) and not _TERMINAL.search(content):
        return False
    if len(words) <= 3:
        return punctuated and not _mid_sentence(body, span)
    return True


def _is_nickname(body: str, span: QuoteSpan) -> bool:
    """Tom “The Hammer” Ruiz: capitalised words right before and after the marks."""
    before = body[max(0, span.start - 40) : span.start - 1].rstrip()
    after = body[span.end + 1 : span.end + 40].lstrip()
    last_before = before.split()[-1] if before.split() else ""
    first_after = after.split()[0] if after.split() else ""
    return bool(last_before[:1].isupper() and first_after[:1].isupper() and last_before.isalpha())


def _is_title(words: list[str]) -> bool:
    """A Title Case phrase ("High Noon", "The Lord of the Rings"): a work, not speech."""
    if len(words) > 8:
        return False
    significant = [w for w in words if w.lower() not in _TITLE_SMALL_WORDS]
    return (
        bool(significant) and all(w[:1].isupper() for w in significant) and words[0][:1].isupper()
    )


def _mid_sentence(body: str, span: QuoteSpan) -> bool:
    """A short quote followed by more of the same sentence ("the “reform” package")."""
    after = body[span.end + 1 : span.end + 3]
    return bool(re.match(r"\s?[a-z]", after)) and not _TERMINAL.search(body[span.start : span.end])
