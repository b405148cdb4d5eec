"""Gazetteer matching with spaCy's PhraseMatcher: known names get their label and canonical."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from newswire.enrich.components.spans import GAZETTEER, make_span, set_entities
from newswire.enrich.gazetteer import Gazetteer, GazetteerEntry, load_gazetteer


@Language.factory(
    "newswire_gazetteer",
    assigns=["doc.ents"],
    requires=["doc.ents"],
    default_config={"extra_paths": []},
)
def make_gazetteer(nlp: Language, name: str, extra_paths: Sequence[str]) -> GazetteerMatcher:
    return GazetteerMatcher(nlp, load_gazetteer(extra_paths))


class GazetteerMatcher:
    """Tag every gazetteer alias; a match replaces the model spans it overlaps.

    A model span that strictly contains a match is kept: the model saw a longer name
    ("NASA Goddard Space Flight Center", "Nikola Tesla").
    """

    def __init__(self, nlp: Language, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.entries: dict[str, GazetteerEntry] = {}
        for entry in gazetteer.entries:
            self.entries[entry.alias] = entry
            self.matcher.add(entry.alias, [nlp.make_doc(entry.alias)])

    def __call__(self, doc: Doc) -> Doc:
        matches: list[Span] = []
        for match_id, start, end in self.matcher(doc):
            entry = self.entries[doc.vocab.strings[match_id]]
            matches.append(make_span(doc, start, end, entry.label, GAZETTEER, entry.canonical))
        if not matches:
            return doc
        matches = _longest_first(matches)
        # Token ranges, compared as plain ints: Span attributes are slow to read in a loop.
        found = [(m.start, m.end) for m in matches]
        kept = [span for span in doc.ents if not _loses(span.start, span.end, found)]
        held = [(span.start, span.end) for span in kept]
        covered = [
            m for m, (start, end) in zip(matches, found, strict=True) if not _held(start, end, held)
        ]
        set_entities(doc, kept + covered)
        return doc


def _longest_first(spans: list[Span]) -> list[Span]:
    chosen: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start - s.end, s.start)):
        if not any(span.start < other.end and other.start < span.end for other in chosen):
            chosen.append(span)
    return chosen


def _contains(start: int, end: int, inner_start: int, inner_end: int) -> bool:
    return start <= inner_start and inner_end <= end and end - start > inner_end - inner_start


def _loses(start: int, end: int, matches: list[tuple[int, int]]) -> bool:
    """True when a model span overlaps a match without strictly containing it."""
    return any(
        start < m_end and m_start < end and not _contains(start, end, m_start, m_end)
        for m_start, m_end in matches
    )


def _held(start: int, end: int, kept: list[tuple[int, int]]) -> bool:
    """True when a kept model span strictly contains the match start:end."""
    return any(_contains(k_start, k_end, start, end) for k_start, k_end in kept)
