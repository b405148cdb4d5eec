"""Reading CoNLL-2003 files and scoring entity spans the way bench/ner_quality.py reports them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

# Newswire (OntoNotes) labels as CoNLL types; other labels are not scored.
LABEL_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
SCORED_TYPES = ("PER", "ORG", "LOC")


@dataclass
class ConllDocument:
    """One -DOCSTART- document: sentences of tokens with gold (start, end, type) token spans."""

    sentences: list[list[str]] = field(default_factory=list)
    spans: list[list[tuple[int, int, str]]] = field(default_factory=list)


def read_conll(path: Path) -> list[ConllDocument]:
    """Documents of a CoNLL-2003 file (IOB2 or IOB1 tags)."""
    documents: list[ConllDocument] = []
    tokens: list[str] = []
    tags: list[str] = []

    def end_sentence() -> None:
        if tokens and documents:
            documents[-1].sentences.append(list(tokens))
            documents[-1].spans.append(_spans(tags))
        tokens.clear()
        tags.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            end_sentence()
            documents.append(ConllDocument())
        elif not line.strip():
            end_sentence()
        else:
            parts = line.split()
            tokens.append(parts[0])
            tags.append(parts[-1])
    end_sentence()
    return [document for document in documents if document.sentences]


def _spans(tags: list[str]) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    start, kind = None, None
    for index, tag in enumerate([*tags, "O"]):
        prefix, _, tag_type = tag.partition("-")
        continues = prefix == "I" and tag_type == kind
        if start is not None and not continues:
            spans.append((start, index, kind))
            start, kind = None, None
        if prefix == "B" or (prefix == "I" and not continues):
            start, kind = index, tag_type
    return spans


@dataclass
class Scores:
    """Exact span-and-type counts per type."""

    true_positives: Counter[str] = field(default_factory=Counter)
    false_positives: Counter[str] = field(default_factory=Counter)
    false_negatives: Counter[str] = field(default_factory=Counter)

    def add(self, gold: set[tuple[int, int, str]], predicted: set[tuple[int, int, str]]) -> None:
        """Score one sentence; predictions overlapping a gold MISC span are ignored."""
        misc = [(start, end) for start, end, kind in gold if kind == "MISC"]
        gold = {span for span in gold if span[2] in SCORED_TYPES}
        predicted = {
            span
            for span in predicted
            if span[2] in SCORED_TYPES
            and not any(span[0] < end and start < span[1] for start, end in misc)
        }
        for span in predicted & gold:
            self.true_positives[span[2]] += 1
        for span in predicted - gold:
            self.false_positives[span[2]] += 1
        for span in gold - predicted:
            self.false_negatives[span[2]] += 1

    def prf(self, kind: str | None = None) -> dict[str, float]:
        kinds = [kind] if kind else list(SCORED_TYPES)
        tp = sum(self.true_positives[k] for k in kinds)
        fp = sum(self.false_positives[k] for k in kinds)
        fn = sum(self.false_negatives[k] for k in kinds)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}
