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
        kept = [span for span in doc.ents if not any(_loses_to(span, m) for m in matches)]
        covered = [m for m in matches if not any(_contains(span, m) for span in kept)]
        set_entities(doc, kept + covered)
        return doc


def _longest_first(spans: list[Span]) -> list[Span]:
    chosen: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start - s.end, s.start)):
        if not any(span.start < other.end and other.start < span.end for other in chosen):
            chosen.append(span)
    return chosen


def _contains(outer: Span, inner: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and len(outer) > len(inner)


def _loses_to(span: Span, match: Span) -> bool:
    overlaps = span.start < match.end and match.start < span.end
    return overlaps and not _contains(span, match)
