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


# Column names, read once: reading an attribute of a schema class takes a microsecond.
_ARTICLE_ID, _FIELD, _START, _END, _YEAR, _MONTH = (
    Entity.article_id,
    Entity.field,
    Entity.start_char,
    Entity.end_char,
    Entity.year,
    Entity.month,
)
_TEXT, _LABEL, _CANONICAL, _SOURCE, _ROLE = (
    Entity.text,
    Entity.label,
    Entity.canonical,
    Entity.source,
    Entity.role,
)
_SUMMARY_COLUMNS = (
    ArticleEntity.article_id,
    ArticleEntity.canonical,
    ArticleEntity.label,
    ArticleEntity.mentions,
    ArticleEntity.first_field,
    ArticleEntity.first_start_char,
    ArticleEntity.in_title,
    ArticleEntity.year,
    ArticleEntity.month,
)


def entity_rows(doc: Doc, article: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per named-entity mention in an article's tagged Doc, offsets into its fields."""
    headline = headline_end(doc)
    role_by_start = roles(doc)
    article_id, year, month = article[_ARTICLE_ID], article[_YEAR], article[_MONTH]
    rows = []
    for span in doc.ents:
        label = span.label_
        if label not in NAMED_LABELS:
            continue
        located = to_field(span.start_char, span.end_char, headline)
        if located is None:
            continue
        # The stored field's own characters: the tagged headline may differ in case.
        text = article[located.field][located.start : located.end]
        rows.append(
            {
                _ARTICLE_ID: article_id,
                _FIELD: located.field,
                _START: located.start,
                _END: located.end,
                _TEXT: text,
                _LABEL: label,
                _CANONICAL: span.kb_id_ or clean_name(text),
                _SOURCE: source_of(span),
                _ROLE: role_by_start.get(span.start),
                _YEAR: year,
                _MONTH: month,
            }
        )
    return rows


def article_entity_rows(mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per (canonical, label) of an article's mentions, in reading order."""
    article_id, canonical, label, mentions_, first_field, first_start, in_title, year, month = (
        _SUMMARY_COLUMNS
    )
    summary: dict[tuple[str, str], dict[str, Any]] = {}
    ordered = sorted(mentions, key=lambda m: (m[_FIELD] != "title", m[_START]))
    for mention in ordered:
        key = (mention[_CANONICAL], mention[_LABEL])
        row = summary.get(key)
        if row is None:
            row = summary[key] = {
                article_id: mention[_ARTICLE_ID],
                canonical: key[0],
                label: key[1],
                mentions_: 0,
                first_field: mention[_FIELD],
                first_start: mention[_START],
                in_title: False,
                year: mention[_YEAR],
                month: mention[_MONTH],
            }
        row[mentions_] += 1
        row[in_title] |= mention[_FIELD] == "title"
    return list(summary.values())
