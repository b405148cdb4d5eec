"""One source document to one article row: decode, split, date, identify."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from typing import Any

from newswire.parse.language import detect_language
from newswire.parse.pubdate import parse_date_line, parse_dateline
from newswire.parse.seed import SeedParts, parse_seed
from newswire.parse.text import decode_document
from newswire.parse.urls import canonical_url, publisher_for, registered_domain
from newswire.records import DocumentError, SourceDocument
from schemas import Article

# A headline longer than this is a paragraph: the document has no headline.
_MAX_TITLE_WORDS = 40
_URL_DATE = re.compile(
    r"/(?P<year>(?:19|20)\d{2})/(?P<month>0?[1-9]|1[0-2])/(?P<day>0?[1-9]|[12]\d|3[01])/"
)
_URL_YEAR = re.compile(r"/(?P<year>(?:19|20)\d{2})/")


def article_id_for(url: str | None, title: str, body: str) -> str:
    """Stable id: from the canonical URL when there is one, else from the text itself."""
    key = f"url:{url}" if url else f"text:{title}\n{body}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def parse_article(
    document: SourceDocument, run_id: str, latest_date: date | None = None
) -> dict[str, Any]:
    """The article row of one source document; raises DocumentError when there is none.

    `latest_date`: the last plausible publication date (see pubdate.FUTURE_TOLERANCE); an
    article dated after it is rejected rather than stored with a date that cannot be true.
    """
    text = decode_document(document.data)
    try:
        parts = parse_seed(text)
    except ValueError as error:
        raise DocumentError("no_headline", str(error)) from error
    if len(parts.title.split()) > _MAX_TITLE_WORDS:
        raise DocumentError("no_headline", f"first line has {len(parts.title.split())} words")
    if parse_date_line(parts.title) is not None:
        raise DocumentError("no_headline", f"the first line is a date: {parts.title[:80]!r}")
    if not parts.paragraphs:
        raise DocumentError("no_body", f"headline {parts.title[:80]!r} has no body paragraphs")
    url = canonical_url(parts.raw_url) if parts.raw_url else None
    if parts.raw_url and url is None:
        raise DocumentError("bad_url", f"not an http(s) article URL: {parts.raw_url[:200]!r}")
    domain = registered_domain(url) if url else None
    body = parts.body
    published_date = _publication_date(parts, url)
    if published_date is not None and latest_date is not None and published_date > latest_date:
        raise DocumentError(
            "future_date", f"published {published_date}, after {latest_date}: not yet possible"
        )
    return {
        Article.article_id: article_id_for(url, parts.title, body),
        Article.url: url,
        Article.domain: domain,
        Article.publisher: publisher_for(domain),
        Article.title: parts.title,
        Article.dateline: parts.dateline,
        Article.published_date: published_date,
        Article.published_at: parts.published_at,
        Article.byline: parts.byline,
        Article.body: body,
        Article.captions: parts.captions,
        Article.related_titles: parts.related_titles,
        Article.language: detect_language(f"{parts.title}\n{body}"),
        Article.word_count: len(body.split()),
        Article.content_sha256: hashlib.sha256(text.encode("utf-8")).hexdigest(),
        Article.source_path: document.source_path,
        Article.source_sha256: document.input_sha256,
        Article.run_id: run_id,
        Article.year: published_date.year if published_date else None,
        Article.month: published_date.month if published_date else None,
    }


def _publication_date(parts: SeedParts, url: str | None) -> date | None:
    """Printed date line, else a wire dateline in the first paragraph, else a /Y/M/D/ URL path."""
    if parts.published is not None:
        return parts.published.published_date
    url_date = _url_date(url)
    url_year = _URL_YEAR.search(url) if url else None
    year = url_date.year if url_date else (int(url_year["year"]) if url_year else None)
    return parse_dateline(parts.paragraphs[0], year) or url_date


def _url_date(url: str | None) -> date | None:
    match = _URL_DATE.search(url) if url else None
    if match is None:
        return None
    try:
        return date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None
