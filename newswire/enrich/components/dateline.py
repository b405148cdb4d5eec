"""Wire datelines: the place that opens a paragraph, `MOSCOW, March 18 (Reuters) -`."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from newswire.enrich.components.spans import RULE, make_span, set_entities, text_of

# An all-caps place at the start of a line, then a date, an agency in brackets or a dash.
_DATELINE = re.compile(
    r"(?m)^(?P<place>[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,3})"
    r"(?=,? (?:\d{4}-\d{2}-\d{2}|(?:[A-Z][a-z]{2,8}\.? \d{1,2})|\([A-Z][\w .]{1,30}\)|[-–—] ))"
)


@Language.factory(
    "newswire_dateline",
    assigns=["doc.ents"],
    requires=["doc.ents"],
    default_config={},
)
def make_dateline(nlp: Language, name: str) -> Dateline:
    return Dateline()


class Dateline:
    """Tag a dateline's place as GPE, replacing whatever the model made of the capitals."""

    def __call__(self, doc: Doc) -> Doc:
        places = []
        for match in _DATELINE.finditer(text_of(doc)):
            span = doc.char_span(match.start("place"), match.end("place"))
            if span is not None and len(match.group("place").replace(".", "")) > 2:
                places.append(make_span(doc, span.start, span.end, "GPE", RULE))
        if not places:
            return doc
        kept = [
            span
            for span in doc.ents
            if not any(span.start < place.end and place.start < span.end for place in places)
        ]
        set_entities(doc, kept + places)
        return doc
