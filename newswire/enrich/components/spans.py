"""Shared helpers of the entity components: span sources, roles and replacing doc.ents."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise
from operator import attrgetter

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from newswire.enrich.layout import title_end
from schemas.spans import ENTITY_SOURCES

# The schema names the sources; components refer to them by these names.
MODEL, GAZETTEER, CONSISTENCY, RULE = ENTITY_SOURCES
_ROLES_KEY = "newswire.roles"
_HEADLINE_END_KEY = "newswire.headline_end"
_TEXT_KEY = "newswire.text"


def source_of(span: Span) -> str:
    """Which step decided a span: the model unless a component marked it."""
    return span.id_ or MODEL


def make_span(doc: Doc, start: int, end: int, label: str, source: str, canonical: str = "") -> Span:
    """A span carrying its deciding source (in `id`) and canonical name (in `kb_id`)."""
    return Span(doc, start, end, label=label, kb_id=canonical, span_id=source)


def relabel(
    span: Span, label: str | None = None, source: str | None = None, canonical: str | None = None
) -> Span:
    """`span` with some of label, source and canonical changed, in place: a span read from
    `doc.ents` belongs to the caller, and building a new one reads three Tokens."""
    if label:
        span.label_ = label
    if source:
        span.id_ = source
    elif not span.id:
        span.id_ = MODEL
    if canonical is not None:
        span.kb_id_ = canonical
    return span


_START = attrgetter("start")


def set_entities(doc: Doc, spans: Iterable[Span]) -> None:
    """Replace doc.ents, dropping overlaps in favour of the longest span."""
    spans = list(spans)
    ordered = sorted(spans, key=_START)
    if any(later.start < earlier.end for earlier, later in pairwise(ordered)):
        ordered = filter_spans(spans)
    # Disjoint spans are what filter_spans would return. `set_ents` is what the `doc.ents`
    # setter calls after rebuilding every span from its attributes (a third of its time).
    doc.set_ents(ordered)


def span_text(span: Span) -> str:
    """`span.text`, sliced from the doc's text instead of joined from its tokens."""
    return text_of(span.doc)[span.start_char : span.end_char]


def roles(doc: Doc) -> dict[int, str]:
    """Role words cut from the front of a name, by the name's first token index."""
    return doc.user_data.setdefault(_ROLES_KEY, {})


def doc_with_text(nlp: Language, text: str) -> Doc:
    """The tokenized doc of `text`, knowing its text: the components read it, and spaCy would
    otherwise rebuild it from the tokens (2.5 ms for a 400-word article)."""
    doc = nlp.make_doc(text)
    doc.user_data[_TEXT_KEY] = text
    return doc


def text_of(doc: Doc) -> str:
    """The doc's text, built once: spaCy rebuilds `doc.text` from its tokens on every read."""
    if _TEXT_KEY not in doc.user_data:
        doc.user_data[_TEXT_KEY] = doc.text
    return doc.user_data[_TEXT_KEY]


def headline_end(doc: Doc) -> int:
    """Where the headline part of an article's tagged text ends (computed once per doc)."""
    if _HEADLINE_END_KEY not in doc.user_data:
        doc.user_data[_HEADLINE_END_KEY] = title_end(text_of(doc))
    return doc.user_data[_HEADLINE_END_KEY]


def in_headline(span: Span) -> bool:
    """True for a span in the headline part of an article's tagged text."""
    return span.end_char <= headline_end(span.doc)
