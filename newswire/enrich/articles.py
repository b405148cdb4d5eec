"""Enrich: entities, temporal expressions and quotes for a batch of articles, one nlp.pipe pass."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newswire.enrich.components.spans import doc_with_text
from newswire.enrich.dates import date_rows, dateline_rows
from newswire.enrich.entities import article_entity_rows, entity_rows
from newswire.enrich.layout import tagging_text
from newswire.enrich.quotes import quote_rows
from newswire.timing import StageTimes
from schemas import Article

# The pinned model is English; on other languages its spans are noise, so they are skipped.
ENRICHED_LANGUAGES = frozenset({"en"})

Rows = list[dict[str, Any]]


@dataclass(slots=True)
class Enrichment:
    """Rows per article, aligned with the articles given to enrich_articles."""

    entities: list[Rows] = field(default_factory=list)
    article_entities: list[Rows] = field(default_factory=list)
    dates: list[Rows] = field(default_factory=list)
    quotes: list[Rows] = field(default_factory=list)
    times: StageTimes = field(default_factory=StageTimes)
    # Articles that cannot be enriched, by index: (reason, detail) for their reject.
    rejected: dict[int, tuple[str, str]] = field(default_factory=dict)


def enrich_articles(
    articles: Sequence[dict[str, Any]], nlp: Language, batch_size: int = 64
) -> Enrichment:
    """Tag each article once (headline and body together) and derive its rows."""
    result = Enrichment(
        entities=[[] for _ in articles],
        article_entities=[[] for _ in articles],
        dates=[dateline_rows(article) for article in articles],
        quotes=[[] for _ in articles],
    )

    def texts() -> Iterator[tuple[Doc, int]]:
        for index, article in enumerate(articles):
            if article[Article.language] not in ENRICHED_LANGUAGES:
                continue
            text = tagging_text(article[Article.title], article[Article.body])
            if len(text) > nlp.max_length:
                # spaCy refuses such a text (its memory grows with length), and would fail
                # the whole batch: the one article is rejected instead.
                result.rejected[index] = (
                    "too_long",
                    f"{len(text)} characters to tag, over the NLP pipeline's limit of "
                    f"{nlp.max_length}",
                )
                continue
            yield doc_with_text(nlp, text), index

    times = result.times
    started = time.perf_counter()
    # Strings and lexemes the batch adds to the vocabulary are freed when it ends, so that a
    # worker's memory stays flat over any number of documents. Rows hold no spaCy objects.
    with nlp.memory_zone():
        for doc, index in nlp.pipe(texts(), as_tuples=True, batch_size=batch_size):
            article = articles[index]
            with times.measure("entities"):
                result.entities[index] = entity_rows(doc, article)
                result.article_entities[index] = article_entity_rows(result.entities[index])
            with times.measure("dates"):
                result.dates[index].extend(date_rows(doc, article))
            with times.measure("quotes"):
                result.quotes[index] = quote_rows(article, result.entities[index])
    # The model's own time is what the loop took beyond the rows built inside it.
    times["nlp"] += (
        time.perf_counter() - started - times["entities"] - times["dates"] - times["quotes"]
    )
    return result
