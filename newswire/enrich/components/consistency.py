"""Document-level consistency: one label per name per article, and no mention left behind."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

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
    text_of,
)

# How much one mention's label counts: headline context is the least reliable.
# A rule decided from explicit context ("envoy Orlov") outweighs the model's guesses.
_WEIGHTS = {"body": 1.0, "headline": 0.3, RULE: 3.0, GAZETTEER: 100.0}
_MAX_PERSON_TOKENS = 3
_PROPAGATED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT"})
_MIN_NAME_CHARS = 2


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
        spans = [span for span in doc.ents]
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for span in spans:
            if span.label_ in _PROPAGATED_LABELS:
                votes[span.text][span.label_] += _weight(span)
        decided = {text: counter.most_common(1)[0][0] for text, counter in votes.items()}
        # News names a person in full, then by surname: a lone surname is that person, and
        # a short name holding a surname known as a person's is that person too.
        for span in spans:
            if len(span) > 1 and decided.get(span.text) == "PERSON":
                surname = span[-1].text
                if surname[:1].isupper() and not _is_gazetteer_name(surname, spans):
                    decided[surname] = "PERSON"
        for span in spans:
            if (
                1 < len(span) <= _MAX_PERSON_TOKENS
                and any(decided.get(token.text) == "PERSON" for token in span[1:])
                and source_of(span) != GAZETTEER
                and all(token.text[:1].isupper() for token in span)
            ):
                decided[span.text] = "PERSON"
        result: list[Span] = []
        for span in spans:
            label = decided.get(span.text, span.label_)
            if label != span.label_ and source_of(span) != GAZETTEER:
                span = relabel(span, label=label, source=CONSISTENCY)
            result.append(span)
        if self.propagate:
            result.extend(_untagged_repeats(doc, result, decided))
        set_entities(doc, result)
        return doc


def _weight(span: Span) -> float:
    if source_of(span) in (GAZETTEER, RULE):
        return _WEIGHTS[source_of(span)]
    return _WEIGHTS["headline"] if in_headline(span) else _WEIGHTS["body"]


def _is_gazetteer_name(text: str, spans: list[Span]) -> bool:
    return any(span.text == text and source_of(span) == GAZETTEER for span in spans)


def _untagged_repeats(doc: Doc, spans: list[Span], decided: dict[str, str]) -> list[Span]:
    """New spans for exact, token-aligned repeats of decided names that no span covers."""
    names = {
        text: label
        for text, label in decided.items()
        if len(text) >= _MIN_NAME_CHARS and text[:1].isupper() and label in _PROPAGATED_LABELS
    }
    if not names:
        return []
    # One regex pass in C over the text is far cheaper than walking tokens in Python.
    pattern = re.compile(
        r"(?<!\w)(?:"
        + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        + r")(?!\w)"
    )
    covered = [(span.start_char, span.end_char) for span in spans]
    added: list[Span] = []
    for match in pattern.finditer(text_of(doc)):
        start, end = match.span()
        if any(start < other_end and other_start < end for other_start, other_end in covered):
            continue
        span = doc.char_span(start, end)
        if span is None:  # not on token boundaries
            continue
        added.append(make_span(doc, span.start, span.end, names[match.group(0)], CONSISTENCY))
        covered.append((start, end))
    return added
