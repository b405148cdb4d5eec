"""Reading TimeML (TempEval-3) files and scoring temporal expressions the TempEval-3 way.

System spans are matched one-to-one to gold spans by overlap (relaxed), largest overlap
first; attributes (type, value) are scored over the matched pairs, as the TempEval-3
evaluation does. Errors are collected with a coarse "kind" so that similar ones group.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")

_DCT_DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")
_DIGIT_RUN = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")


class Timex(NamedTuple):
    """A temporal expression as character offsets into a document's text, type and value."""

    start: int
    end: int
    type: str
    value: str | None


@dataclass
class TimeMLDocument:
    """One .tml file: its name, creation date, plain <TEXT> and the TIMEX3s inside it."""

    name: str
    dct: date
    text: str
    gold: list[Timex] = field(default_factory=list)
    corpus: str = ""


def parse_dct(value: str) -> date:
    """The date of a DCT value such as 1998-11-20, 1998-11-20T19:30 or 19980227."""
    match = _DCT_DATE.match(value.strip())
    if match is None:
        raise ValueError(f"unreadable document creation time {value!r}")
    year, month, day = (int(part) for part in match.groups())
    return date(year, month, day)


def read_timeml(path: Path) -> TimeMLDocument:
    """A TimeML document: the text of <TEXT> with all inner tags removed (entities decoded by
    the XML parser) and every TIMEX3 inside it, offsets such that text[start:end] is its text."""
    path = Path(path)
    root = ET.parse(path).getroot()
    dct_timex = root.find("DCT/TIMEX3")
    if dct_timex is None:
        dct_timex = next(
            (
                timex
                for timex in root.iter("TIMEX3")
                if timex.get("functionInDocument") == "CREATION_TIME"
            ),
            None,
        )
    if dct_timex is None:
        raise ValueError(f"{path.name}: no document creation time")
    text_element = root.find("TEXT")
    if text_element is None:
        raise ValueError(f"{path.name}: no <TEXT> element")
    pieces: list[str] = []
    gold: list[Timex] = []
    offset = 0

    def walk(element: ET.Element) -> None:
        nonlocal offset
        start = offset
        if element.text:
            pieces.append(element.text)
            offset += len(element.text)
        for child in element:
            walk(child)
            if child.tail:
                pieces.append(child.tail)
                offset += len(child.tail)
        if element.tag == "TIMEX3":
            gold.append(Timex(start, offset, element.get("type", ""), element.get("value")))

    walk(text_element)
    gold.sort(key=lambda timex: (timex.start, -timex.end))
    return TimeMLDocument(
        name=path.stem,
        dct=parse_dct(dct_timex.get("value", "")),
        text="".join(pieces),
        gold=gold,
        corpus=path.parent.name,
    )


def read_corpus(folder: Path) -> list[TimeMLDocument]:
    """Every .tml file under `folder` (TimeBank/, AQUAINT/, ...), in path order."""
    return [read_timeml(path) for path in sorted(Path(folder).rglob("*.tml"))]


def shape(text: str) -> str:
    """Lowercased text, digit runs as '#', whitespace collapsed: "March 3, 1998" -> "march #, #"."""
    return _DIGIT_RUN.sub("#", _SPACES.sub(" ", text.strip().lower()))


def value_shape(value: str | None) -> str:
    """A TIMEX3 value with every digit as 'd': "1998-10" -> "dddd-dd"."""
    return "None" if value is None else re.sub(r"\d", "d", value)


def prf(correct: int, system: int, gold: int) -> dict[str, float]:
    precision = correct / system if system else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def match(gold: list[Timex], system: list[Timex]) -> list[tuple[int, int]]:
    """One-to-one (gold index, system index) pairs of overlapping spans, largest overlap first
    (exact boundaries first among equal overlaps); each span is used at most once."""
    candidates = []
    for gold_index, g in enumerate(gold):
        for system_index, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                exact = (g.start, g.end) == (s.start, s.end)
                candidates.append((-overlap, not exact, gold_index, system_index))
    candidates.sort()
    used_gold: set[int] = set()
    used_system: set[int] = set()
    pairs = []
    for _, _, gold_index, system_index in candidates:
        if gold_index in used_gold or system_index in used_system:
            continue
        used_gold.add(gold_index)
        used_system.add(system_index)
        pairs.append((gold_index, system_index))
    return sorted(pairs)


@dataclass
class TimexError:
    """One error: its category (missed, spurious, wrong value, wrong type), grouping kind and
    an example (document, gold and system texts and values)."""

    category: str
    kind: str
    document: str
    gold_text: str | None = None
    system_text: str | None = None
    gold_type: str | None = None
    system_type: str | None = None
    gold_value: str | None = None
    system_value: str | None = None


@dataclass
class TimexScores:
    """TempEval-3 counts over any number of documents, per gold TIMEX type and errors."""

    gold: int = 0
    system: int = 0
    relaxed: int = 0
    strict: int = 0
    type_correct: int = 0
    value_correct: int = 0
    documents: int = 0
    gold_by_type: Counter[str] = field(default_factory=Counter)
    relaxed_by_type: Counter[str] = field(default_factory=Counter)
    value_by_type: Counter[str] = field(default_factory=Counter)
    errors: list[TimexError] = field(default_factory=list)

    def add(self, document: TimeMLDocument, predictions: list[Timex]) -> None:
        """Score one document's system spans against its gold TIMEX3s."""
        gold, text = document.gold, document.text
        self.documents += 1
        self.gold += len(gold)
        self.system += len(predictions)
        self.gold_by_type.update(g.type for g in gold)
        exact = Counter((s.start, s.end) for s in predictions) & Counter(
            (g.start, g.end) for g in gold
        )
        self.strict += sum(exact.values())
        pairs = match(gold, predictions)
        self.relaxed += len(pairs)
        for gold_index, system_index in pairs:
            g, s = gold[gold_index], predictions[system_index]
            gold_text, system_text = text[g.start : g.end], text[s.start : s.end]
            self.relaxed_by_type[g.type] += 1
            common = {
                "document": document.name,
                "gold_text": gold_text,
                "system_text": system_text,
                "gold_type": g.type,
                "system_type": s.type,
                "gold_value": g.value,
                "system_value": s.value,
            }
            if s.type == g.type:
                self.type_correct += 1
            else:
                kind = f"wrong type: {shape(gold_text)} gold={g.type} sys={s.type}"
                self.errors.append(TimexError("wrong type", kind, **common))
            if s.value is not None and s.value == g.value:
                self.value_correct += 1
                self.value_by_type[g.type] += 1
            else:
                kind = (
                    f"wrong value {g.type}: {shape(gold_text)} "
                    f"gold={value_shape(g.value)} sys={value_shape(s.value)}"
                )
                self.errors.append(TimexError("wrong value", kind, **common))
        matched_gold = {gold_index for gold_index, _ in pairs}
        matched_system = {system_index for _, system_index in pairs}
        for index, g in enumerate(gold):
            if index not in matched_gold:
                gold_text = text[g.start : g.end]
                self.errors.append(
                    TimexError(
                        "missed",
                        f"missed {g.type}: {shape(gold_text)}",
                        document.name,
                        gold_text=gold_text,
                        gold_type=g.type,
                        gold_value=g.value,
                    )
                )
        for index, s in enumerate(predictions):
            if index not in matched_system:
                system_text = text[s.start : s.end]
                self.errors.append(
                    TimexError(
                        "spurious",
                        f"spurious {s.type}: {shape(system_text)}",
                        document.name,
                        system_text=system_text,
                        system_type=s.type,
                        system_value=s.value,
                    )
                )

    def summary(self) -> dict:
        """Relaxed and strict span P/R/F1, type accuracy and value P/R/F1, with the counts."""
        return {
            "documents": self.documents,
            "gold": self.gold,
            "system": self.system,
            "relaxed": {**prf(self.relaxed, self.system, self.gold), "matched": self.relaxed},
            "strict": {**prf(self.strict, self.system, self.gold), "matched": self.strict},
            "type_accuracy": self.type_correct / self.relaxed if self.relaxed else 0.0,
            "value": {
                **prf(self.value_correct, self.system, self.gold),
                "correct": self.value_correct,
            },
        }

    def per_type(self) -> dict[str, dict]:
        """Per gold TIMEX type: gold count, relaxed recall and value recall."""
        kinds = [*TIMEX_TYPES, *sorted(set(self.gold_by_type) - set(TIMEX_TYPES))]
        table = {}
        for kind in kinds:
            count = self.gold_by_type[kind]
            table[kind] = {
                "gold": count,
                "relaxed_recall": self.relaxed_by_type[kind] / count if count else 0.0,
                "value_recall": self.value_by_type[kind] / count if count else 0.0,
            }
        return table

    def error_counts(self) -> dict[str, int]:
        """How many errors of each category."""
        counts = Counter(error.category for error in self.errors)
        return {
            category: counts[category]
            for category in ("missed", "spurious", "wrong value", "wrong type")
        }

    def top_error_kinds(self, n: int) -> list[dict]:
        """The `n` most frequent error kinds, each with its count and first example."""
        counts = Counter(error.kind for error in self.errors)
        examples: dict[str, TimexError] = {}
        for error in self.errors:
            examples.setdefault(error.kind, error)
        top = []
        for kind, count in counts.most_common(n):
            example = examples[kind]
            top.append(
                {
                    "kind": kind,
                    "count": count,
                    "category": example.category,
                    "example": {
                        "document": example.document,
                        "gold_text": example.gold_text,
                        "system_text": example.system_text,
                        "gold_value": example.gold_value,
                        "system_value": example.system_value,
                    },
                }
            )
        return top
