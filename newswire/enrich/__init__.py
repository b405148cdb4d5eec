"""Enrich: entities and temporal expressions for a batch of articles, one nlp.pipe pass."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from spacy.language import Language

from newswire.enrich.dates import date_rows, dateline_rows
from newswire.enrich.entities import entity_rows
from schemas import Article

# The pinned model is English; on other languages its spans are noise, so they are skipped.
ENRICHED_LANGUAGES = frozenset({"en"})
TAGGED_FIELDS = (Article.title, Article.body)


def enrich_articles(
    articles: Sequence[dict[str, Any]], nlp: Language, batch_size: int = 64
) -> tuple[list[list[dict[str, Any]]], list[list[dict[str, Any]]]]:
    """Entity rows and date rows for each article (lists aligned with `articles`)."""
    entities: list[list[dict[str, Any]]] = [[] for _ in articles]
    dates: list[list[dict[str, Any]]] = [dateline_rows(article) for article in articles]

    def texts() -> Iterator[tuple[str, tuple[int, str]]]:
        for index, article in enumerate(articles):
            if article[Article.language] in ENRICHED_LANGUAGES:
                for field in TAGGED_FIELDS:
                    yield article[field], (index, field)

    for doc, (index, field) in nlp.pipe(texts(), as_tuples=True, batch_size=batch_size):
        entities[index].extend(entity_rows(doc, articles[index], field))
        dates[index].extend(date_rows(doc, articles[index], field))
    return entities, dates
