"""Newswire's spaCy components; importing this module registers their factories."""

from newswire.enrich.components import (
    canonical,
    consistency,
    dateline,
    gazetteer,
    person_cues,
    span_repair,
)

__all__ = ["canonical", "consistency", "dateline", "gazetteer", "person_cues", "span_repair"]
