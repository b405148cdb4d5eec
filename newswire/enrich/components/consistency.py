"""Document-level consistency: one label per name per article, and no mention left behind."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from newswire.enrich.components.spans import (
    CONSISTENCY,
    GAZETTEER,
    RULE,
    in_headline,
    make_span,
    relabel,
    set_entities,
    source_of,
    span_text,
    text_of,
)

# How much one mention's label counts: headline context is the least reliable.
# A rule decided from explicit context ("envoy Orlov") outweighs the model's guesses.
_WEIGHTS = {"body": 1.0, "headline": 0.3, RULE: 3.0, GAZETTEER: 100.0}
_MAX_PERSON_TOKENS = 3
_PROPAGATED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT"})
_MIN_NAME_CHARS = 2
_WORD = re.compile(r"\w")


@Language.factory(
    "newswire_consistency",
    assigns=["doc.ents"],
    requires=["doc.ents"],
    default_config={"propagate": True},
)
def make_consistency(nlp: Language, name: str, propagate: bool) -> Consistency:
    return Consistency(propagate)


class Consistency:
    """Vote one label per surface form; tag its untagged repeats; surnames follow full names."""

    def __init__(self, propagate: bool) -> None:
        self.propagate = propagate

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.ents)
        texts = [span_text(span) for span in spans]
        sources = [source_of(span) for span in spans]
        labels = [span.label_ for span in spans]
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for span, text, source, label in zip(spans, texts, sources, labels, strict=True):
            if label in _PROPAGATED_LABELS:
                votes[text][label] += _weight(span, source)
        decided = {text: counter.most_common(1)[0][0] for text, counter in votes.items()}
        gazetteer_names = {
            text for text, source in zip(texts, sources, strict=True) if source == GAZETTEER
        }
        # News names a person in full, then by surname: a lone surname is that person, and
        # a short name holding a surname known as a person's is that person too.
        for span, text in zip(spans, texts, strict=True):
            if len(span) > 1 and decided.get(text) == "PERSON":
                surname = span[-1].text
                if surname[:1].isupper() and surname not in gazetteer_names:
                    decided[surname] = "PERSON"
        for span, text, source in zip(spans, texts, sources, strict=True):
            if 1 < len(span) <= _MAX_PERSON_TOKENS and source != GAZETTEER:
                words = [token.text for token in span]
                if any(decided.get(word) == "PERSON" for word in words[1:]) and all(
                    word[:1].isupper() for word in words
                ):
                    decided[text] = "PERSON"
        result: list[Span] = []
        for span, text, source, old in zip(spans, texts, sources, labels, strict=True):
            label = decided.get(text, old)
            if label != old and source != GAZETTEER:
                span = relabel(span, label=label, source=CONSISTENCY)
            result.append(span)
        if self.propagate:
            result.extend(_untagged_repeats(doc, result, decided))
        set_entities(doc, result)
        return doc


def _weight(span: Span, source: str) -> float:
    if source in (GAZETTEER, RULE):
        return _WEIGHTS[source]
    return _WEIGHTS["headline"] if in_headline(span) else _WEIGHTS["body"]


def _untagged_repeats(doc: Doc, spans: list[Span], decided: dict[str, str]) -> list[Span]:
    """New spans for exact, token-aligned repeats of decided names that no span covers."""
    names = {
        text: label
        for text, label in decided.items()
        if len(text) >= _MIN_NAME_CHARS and text[:1].isupper() and label in _PROPAGATED_LABELS
    }
    if not names:
        return []
    text = text_of(doc)
    # Characters already in an entity: a repeat may not overlap one.
    covered = bytearray(len(text))
    for span in spans:
        covered[span.start_char : span.end_char] = b"\x01" * (span.end_char - span.start_char)
    added: list[Span] = []
    for start, name in _repeats(text, names):
        end = start + len(name)
        if covered.find(1, start, end) != -1:
            continue
        span = doc.char_span(start, end)
        if span is None:  # not on token boundaries
            continue
        added.append(make_span(doc, span.start, span.end, names[name], CONSISTENCY))
        covered[start:end] = b"\x01" * (end - start)
    return added


def _repeats(text: str, names: Iterable[str]) -> list[tuple[int, str]]:
    r"""(start, name) of the whole-word occurrences of `names` that one left-to-right scan
    finds, preferring the longest name at a position, as `re.finditer` over the alternation
    `(?<!\w)(?:longest|...|shortest)(?!\w)` would. Plain `str.find` per name, because
    compiling that alternation (new names in every article) cost more than the scan."""
    longest: dict[int, str] = {}
    for name in names:
        at = text.find(name)
        while at != -1:
            if _whole_word(text, at, at + len(name)) and len(name) > len(longest.get(at, "")):
                longest[at] = name
            at = text.find(name, at + 1)
    found: list[tuple[int, str]] = []
    resume = 0
    for start in sorted(longest):
        if start >= resume:
            found.append((start, longest[start]))
            resume = start + len(longest[start])
    return found


def _whole_word(text: str, start: int, end: int) -> bool:
    """No word character right before `start` nor at `end`: the regex's lookarounds."""
    return (start == 0 or _WORD.match(text, start - 1) is None) and _WORD.match(text, end) is None
