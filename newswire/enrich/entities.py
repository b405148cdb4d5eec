"""Named-entity rows from a tagged spaCy Doc (baseline: the model's own spans)."""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc

from schemas import Entity

# Model labels that name things; numbers, dates and times go elsewhere or nowhere.
NAMED_LABELS = frozenset(
    {
        "PERSON",
        "NORP",
        "FAC",
        "ORG",
        "GPE",
        "LOC",
        "PRODUCT",
        "EVENT",
        "WORK_OF_ART",
        "LAW",
        "LANGUAGE",
    }
)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


def canonical_name(text: str) -> str:
    """A mention's name without possessive ending or surrounding space (baseline canonical)."""
    return _POSSESSIVE.sub("", " ".join(text.split())).strip() or text.strip()


def entity_rows(doc: Doc, article: dict[str, Any], field: str) -> list[dict[str, Any]]:
    """One row per named-entity mention in `doc`, the tagged text of `article[field]`."""
    return [
        {
            Entity.article_id: article[Entity.article_id],
            Entity.field: field,
            Entity.start_char: span.start_char,
            Entity.end_char: span.end_char,
            Entity.text: span.text,
            Entity.label: span.label_,
            Entity.canonical: canonical_name(span.text),
            Entity.source: "model",
            Entity.year: article[Entity.year],
            Entity.month: article[Entity.month],
        }
        for span in doc.ents
        if span.label_ in NAMED_LABELS
    ]
