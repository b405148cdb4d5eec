"""Entity rows from a tagged article Doc, and the per-article summary of those rows."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from newswire.enrich.components.canonical import clean_name
from newswire.enrich.components.spans import headline_end, roles, source_of
from newswire.enrich.layout import to_field
from schemas import ArticleEntity, Entity

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


def entity_rows(doc: Doc, article: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per named-entity mention in an article's tagged Doc, offsets into its fields."""
    headline = headline_end(doc)
    role_by_start = roles(doc)
    rows = []
    for span in doc.ents:
        if span.label_ not in NAMED_LABELS:
            continue
        located = to_field(span.start_char, span.end_char, headline)
        if located is None:
            continue
        # The stored field's own characters: the tagged headline may differ in case.
        text = article[located.field][located.start : located.end]
        rows.append(
            {
                Entity.article_id: article[Entity.article_id],
                Entity.field: located.field,
                Entity.start_char: located.start,
                Entity.end_char: located.end,
                Entity.text: text,
                Entity.label: span.label_,
                Entity.canonical: span.kb_id_ or clean_name(text),
                Entity.source: source_of(span),
                Entity.role: role_by_start.get(span.start),
                Entity.year: article[Entity.year],
                Entity.month: article[Entity.month],
            }
        )
    return rows


def article_entity_rows(mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per (canonical, label) of an article's mentions, in reading order."""
    summary: dict[tuple[str, str], dict[str, Any]] = {}
    ordered = sorted(mentions, key=lambda m: (m[Entity.field] != "title", m[Entity.start_char]))
    for mention in ordered:
        key = (mention[Entity.canonical], mention[Entity.label])
        row = summary.get(key)
        if row is None:
            row = summary[key] = {
                ArticleEntity.article_id: mention[Entity.article_id],
                ArticleEntity.canonical: key[0],
                ArticleEntity.label: key[1],
                ArticleEntity.mentions: 0,
                ArticleEntity.first_field: mention[Entity.field],
                ArticleEntity.first_start_char: mention[Entity.start_char],
                ArticleEntity.in_title: False,
                ArticleEntity.year: mention[Entity.year],
                ArticleEntity.month: mention[Entity.month],
            }
        row[ArticleEntity.mentions] += 1
        row[ArticleEntity.in_title] |= mention[Entity.field] == "title"
    return list(summary.values())
