"""Quotes: direct quotes in an article's body with their speakers, joinable to entities."""

from __future__ import annotations

from typing import Any

from newswire.enrich.quotes.attribution import (
    Attribution,
    attribute_after,
    attribute_before,
    attribute_reported,
)
from newswire.enrich.quotes.marks import QuoteSpan, find_quotes
from newswire.enrich.quotes.speakers import Speaker, SpeakerResolver
from schemas import Article, Quote

# How many paragraphs on an unattributed quote may still continue the last speaker's.
_MAX_PARAGRAPH_GAP = 1
_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})


def quote_rows(article: dict[str, Any], entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per direct quote in the article's body."""
    body = article[Article.body]
    quotes = find_quotes(body)
    if not quotes:
        return []
    resolver = SpeakerResolver(body, entities, [(q.start, q.end) for q in quotes])
    rows: list[dict[str, Any]] = []
    previous: tuple[QuoteSpan, Speaker] | None = None
    for quote in quotes:
        attribution = (
            attribute_after(body, quote.start, quote.end)
            or attribute_before(body, quote.start)
            or attribute_reported(body, quote.start)
        )
        if attribution is not None:
            speaker, how = _speaker(resolver, attribution, quote)
            rows.append(_row(article, quote, speaker, attribution.verb, how))
            previous = (quote, speaker)
        elif previous is not None and quote.paragraph - previous[0].paragraph <= _MAX_PARAGRAPH_GAP:
            rows.append(_row(article, quote, previous[1], None, "continuation"))
            previous = (quote, previous[1])
        else:
            rows.append(_row(article, quote, None, None, "none"))
    return rows


def _speaker(
    resolver: SpeakerResolver, attribution: Attribution, quote: QuoteSpan
) -> tuple[Speaker, str]:
    start, end = attribution.start, attribution.end
    text = resolver.body[start:end]
    if attribution.kind == "pronoun" or text.lower() in _PRONOUNS:
        return resolver.pronoun(text, start, end, min(start, quote.start)), "pronoun"
    if attribution.kind == "description" or text.split()[0].lower() in (
        "the",
        "a",
        "an",
        "one",
        "another",
    ):
        # "Speaking outside the town hall, Joana Ribeiro, who chairs ..., said": the person
        # named in the phrase before the verb speaks, not the description around her.
        mention = resolver.entity_in(start, max(end, attribution.phrase_end))
        if mention is not None and mention["label"] == "PERSON":
            return resolver.name(mention["start_char"], mention["end_char"]), attribution.how
        return resolver.description(start, end), "descriptive"
    if attribution.kind == "subject":
        mention = resolver.entity_in(start, end)
        if mention is not None:
            return resolver.name(mention["start_char"], mention["end_char"]), attribution.how
        first = text.split()[0]
        if first[:1].isupper():
            name_end = start + len(text.split(",")[0])
            return resolver.name(start, name_end), attribution.how
        return resolver.description(start, end), "descriptive"
    return resolver.name(start, end), attribution.how


def _row(
    article: dict[str, Any],
    quote: QuoteSpan,
    speaker: Speaker | None,
    verb: str | None,
    attribution: str,
) -> dict[str, Any]:
    values = (
        article[_ARTICLE_ID],
        quote.start,
        quote.end,
        article[_BODY][quote.start : quote.end],
        speaker.text if speaker else None,
        speaker.canonical if speaker else None,
        speaker.start if speaker else None,
        speaker.end if speaker else None,
        verb,
        attribution,
        article[_YEAR],
        article[_MONTH],
    )
    return dict(zip(_ROW_COLUMNS, values, strict=True))


# Column names looked up once (pandera resolves a model's attributes on every use), in the
# order of _row's values.
_ARTICLE_ID, _BODY, _YEAR, _MONTH = Article.article_id, Article.body, Article.year, Article.month
_ROW_COLUMNS = (
    Quote.article_id,
    Quote.start_char,
    Quote.end_char,
    Quote.quote,
    Quote.speaker,
    Quote.speaker_canonical,
    Quote.speaker_start,
    Quote.speaker_end,
    Quote.verb,
    Quote.attribution,
    Quote.year,
    Quote.month,
)
