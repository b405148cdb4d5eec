"""One tagged text per article: the re-cased headline, a blank line, the body.

Tagging headline and body together lets document-level components use the body's
knowledge in the headline. Re-casing changes case only, never length, so every offset
in the tagged text is also an offset into the stored title and body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

SEPARATOR = "\n\n"
# A word, with inner dots ("U.S.") but not a sentence's final full stop ("Musk.").
_WORD = re.compile(r"[^\W\d_](?:[\w'’&-]|\.(?=\w))*(?:(?<=\.\w)\.)?")
_POSSESSIVE = re.compile(r"['’]s$")
_OPENERS = frozenset(" \t“\"‘'(")
# Share of capitalised content words above which a headline is in title case.
_TITLE_CASE_SHARE = 0.7
_MIN_TITLE_WORDS = 3
_MAX_ACRONYM = 5


@dataclass(frozen=True, slots=True)
class FieldSpan:
    """A span of the tagged text as a span of one stored field."""

    field: str
    start: int
    end: int


def tagging_text(title: str, body: str) -> str:
    """The text the pipeline tags for an article."""
    return recase_headline(title, body) + SEPARATOR + body


def title_end(text: str) -> int:
    """Where the headline ends in a tagged text (0 when the text has no headline part)."""
    end = text.find(SEPARATOR)
    return max(end, 0)


def to_field(start: int, end: int, headline_end: int) -> FieldSpan | None:
    """Map a tagged-text span to its field; None for a span across the separator."""
    if end <= headline_end:
        return FieldSpan("title", start, end)
    body_start = headline_end + len(SEPARATOR)
    if start >= body_start:
        return FieldSpan("body", start - body_start, end - body_start)
    return None


def recase_headline(title: str, body: str) -> str:
    """Headline in sentence case, keeping the capitals of words the body capitalises.

    Small NER models read Title Case and ALL CAPS as names everywhere ("Elon Musk Has");
    in sentence case they tag the headline as they tag body text.
    """
    words = list(_WORD.finditer(title))
    if len(words) < _MIN_TITLE_WORDS or not _is_shouting(title, words):
        return title
    all_caps = title.upper() == title
    proper = _proper_forms(body)
    pieces: list[str] = []
    cursor = 0
    for index, match in enumerate(words):
        word = match.group(0)
        pieces.append(title[cursor : match.start()])
        pieces.append(_recase_word(word, index == 0, all_caps, proper))
        cursor = match.end()
    pieces.append(title[cursor:])
    recased = "".join(pieces)
    return recased if len(recased) == len(title) else title


def _is_shouting(title: str, words: list[re.Match[str]]) -> bool:
    if title.upper() == title:
        return True
    content = [m.group(0) for m in words[1:] if m.group(0).lower() not in STOP_WORDS]
    if not content:
        return False
    capitalised = sum(word[0].isupper() for word in content)
    return capitalised / len(content) >= _TITLE_CASE_SHARE


def _proper_forms(body: str) -> dict[str, str]:
    """Lower-cased word -> the capitalised form the body uses for it mid-sentence."""
    forms: dict[str, str] = {}
    lower_seen: set[str] = set()
    for match in _WORD.finditer(body):
        word = match.group(0)
        if word[0].islower():
            lower_seen.add(word.lower())
            continue
        # The character before the word, past opening quotes and spaces (walked back rather
        # than sliced: a slice per word copies the body over and over).
        index = match.start() - 1
        while index >= 0 and body[index] in _OPENERS:
            index -= 1
        if index >= 0 and body[index] not in ".!?:\n—-":
            forms.setdefault(word.lower(), word)
            stem = _POSSESSIVE.sub("", word)
            forms.setdefault(stem.lower(), stem)
    return {key: value for key, value in forms.items() if key not in lower_seen}


def _recase_word(word: str, first: bool, all_caps: bool, proper: dict[str, str]) -> str:
    known = proper.get(word.lower())
    if known is not None and len(known) == len(word):
        return known
    if not all_caps and word.isupper() and len(word.strip(".")) <= _MAX_ACRONYM:
        return word  # an acronym in a title-case headline
    lowered = word.lower()
    if first:
        lowered = lowered[:1].upper() + lowered[1:]
    return lowered if len(lowered) == len(word) else word
