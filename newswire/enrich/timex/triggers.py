"""Where the patterns of temporal expressions are worth running: windows of text around
trigger words, each with the patterns whose own trigger words stand whole in it.

A pattern's trigger words are words it cannot match without, one of which stands whole
(between non-letters) in any match it can report. In a window without one, whatever the
pattern matches ends inside a word ("March" of "Marches") and is no candidate, so skipping the
pattern there changes nothing; a pattern with two sets needs a word of each.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from newswire.enrich.timex.lexicon import MONTHS, WEEKDAYS


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def edged(base: frozenset[str], edges: str = "early late mid of") -> frozenset[str]:
    """The words and the words glued to an edge word, as "early ?" and "the end of ?" allow
    ("midMarch")."""
    return base | {edge + word for edge in edges.split() for word in base}


MONTH_WORDS = edged(frozenset(MONTHS))
FULL_MONTH_WORDS = edged(
    words("january february march april may june july august september october november december")
)
WEEKDAY_WORDS = frozenset(w for w in WEEKDAYS if len(w) > 3)
RELATIVE_DAYS = words("today yesterday tomorrow")
PART_WORDS = words("morning afternoon evening night midday")
SEASONS = words("spring summer fall autumn winter")
TONIGHT_WORDS = edged(RELATIVE_DAYS | {"tonight"}, "early late later earlier mid")
UNIT_FORMS = words(
    "second seconds minute minutes hour hours day days week weeks month months quarter quarters "
    "year years decade decades century centurys centurie centuries millennium millenniums "
    "millennia millennias"
)
PERIOD_WORDS = words("quarter period")
# Numbers stand for their length: any four digits, any one or two.
YEAR_NUMBER, DAY_NUMBER = "1999", "31"

# Words that open a window (for any pattern), and how far around them it reaches.
TRIGGERS = frozenset(
    {*MONTHS, *WEEKDAYS}
    | words(
        "today yesterday tomorrow tonight now current currently recently future past nowadays "
        "presently present second seconds minute minutes hour hours day days week weeks "
        "weekend weekends month months quarter quarters year years decade decades century "
        "centuries half millennium spring summer fall autumn winter morning afternoon "
        "evening night nights noon midnight midday m thanksgiving christmas easter "
        "halloween eve daily weekly monthly annually yearly nightly hourly every each "
        "twenties thirties forties fifties sixties seventies eighties nineties nineteen "
        "thousand s"
    )
)
WINDOW_CHARS = 48
_WORD = re.compile(r"[A-Za-z]+|\d+")
# Letters that match ASCII ones only ignoring case ("\u212a", the Kelvin sign): words can't
# see them, so every pattern runs in every window of a text with one.
_UNUSUAL_LETTERS = re.compile("[\u0130\u0131\u017f\u212a]")


class TriggerIndex:
    """The trigger-word sets of a list of patterns, one bit each."""

    def __init__(self, needs: Sequence[Sequence[Iterable[str]]]) -> None:
        self.bits: dict[str, int] = {}  # word -> the bits of the sets holding it
        self.needed: list[int] = []  # pattern -> the bits it needs, all of them
        bit = 1
        for sets in needs:
            needed = 0
            for trigger_words in sets:
                for word in trigger_words:
                    self.bits[word] = self.bits.get(word, 0) | bit
                needed, bit = needed | bit, bit << 1
            self.needed.append(needed)
        self._kinds = {
            word: (word in TRIGGERS, self.bits.get(word, 0)) for word in {*TRIGGERS, *self.bits}
        }

    def windows(self, text: str) -> list[tuple[int, int, int]]:
        """Merged stretches of text around trigger words, wide enough for any pattern's extent,
        each with the bits of the trigger words standing whole in it (-1: run everything)."""
        windows: list[list[int]] = []
        found: list[tuple[int, int, int]] = []  # words some pattern needs: start, end, bits
        unusual = _UNUSUAL_LETTERS.search(text) is not None
        # Without unusual letters, lowering the text first keeps every offset and every word.
        for match in _WORD.finditer(text if unusual else text.lower()):
            word = match.group(0).lower() if unusual else match.group(0)
            if word.isdigit():
                trigger = len(word) == 4
                bits = self._number_bits(word)
            else:
                trigger, bits = self._kinds.get(word, (False, 0))
            if bits:
                found.append((match.start(), match.end(), bits))
            if trigger:
                start = max(0, match.start() - WINDOW_CHARS)
                end = min(len(text), match.end() + WINDOW_CHARS)
                if windows and start <= windows[-1][1]:
                    windows[-1][1] = end
                else:
                    windows.append([start, end, 0])
        index = 0
        for window in windows:
            while index < len(found) and found[index][0] < window[0]:
                index += 1
            # A word cut by the window's end is not whole in what the patterns see.
            while index < len(found) and found[index][1] <= window[1]:
                window[2] |= found[index][2]
                index += 1
        return [(start, end, -1 if unusual else bits) for start, end, bits in windows]

    def _number_bits(self, number: str) -> int:
        if len(number) == 4:
            return self.bits.get(YEAR_NUMBER, 0)
        if len(number) < 3:
            return self.bits.get(DAY_NUMBER, 0) | self.bits.get(number, 0)
        return 0
