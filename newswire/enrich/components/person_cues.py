"""People the model missed, found by the roles news copy puts around names.

"Priya Raghunathan, the chief executive of Velmora," and "forecaster Matthias Kälin": a run
of capitalised words followed by an appositive role, or preceded by a lower-case role word,
is a person even when the model did not tag it (names from outside its training data).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from newswire.enrich.components.span_repair import PERSON_CUES, ROLE_WORDS
from newswire.enrich.components.spans import RULE, make_span, set_entities, text_of

_UPPER = "A-ZÀ-ÖØ-ÞĀ-ſ"
_PART = rf"[{_UPPER}][\w’'-]+"
_PARTICLE = r"(?:van|von|de|der|den|da|del|della|di|du|la|le|bin|al|el|ibn|ter|y|dos|das|Ó|O’)"
_NAME = rf"{_PART}(?: (?:{_PARTICLE} )?{_PART}){{1,3}}"
_CUES = "|".join(
    sorted(
        PERSON_CUES | {"chief", "head", "leader", "owner", "official", "member"},
        key=len,
        reverse=True,
    )
)
# A name, then ", the/a/an [up to four words] ROLE": "X, the chief executive of Y".
_APPOSITIVE = re.compile(
    rf"(?P<name>{_NAME}),\s+(?:the|a|an|its|their)\s+(?:[\w’'-]+\s+){{0,4}}?(?:{_CUES})\b"
)


def _trie(words: frozenset[str]) -> str:
    """An alternation of `words` as a prefix tree: "pr(?:ime|esident)" tries "p" once.

    It matches the same strings as the flat alternation of the words, and finds the same
    matches: no role word is a prefix of another followed by the whitespace after it.
    """
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(tree)


def _branches(node: dict[str, dict]) -> str:
    branches = [re.escape(char) + _branches(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


_FIRST_LETTERS = "".join(sorted({re.escape(word[0]) for word in ROLE_WORDS}))
# Tried at every word boundary: the lookahead rejects most of them before the word tree.
_ROLE_BEFORE = re.compile(
    rf"\b(?=(?i:[{_FIRST_LETTERS}]))(?i:{_trie(ROLE_WORDS)})\s+(?P<name>{_NAME})"
)


@Language.factory(
    "newswire_person_cues",
    assigns=["doc.ents"],
    requires=["doc.ents"],
    default_config={},
)
def make_person_cues(nlp: Language, name: str) -> PersonCues:
    return PersonCues()


class PersonCues:
    """Tag untagged (or mistyped) names that a role word marks as a person."""

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        found = []
        for pattern in (_APPOSITIVE, _ROLE_BEFORE):
            for match in pattern.finditer(text):
                span = doc.char_span(match.start("name"), match.end("name"))
                if span is not None:
                    found.append(span)
        if not found:
            return doc
        kept = []
        for entity in doc.ents:
            overlapping = [s for s in found if s.start < entity.end and entity.start < s.end]
            if overlapping and entity.label_ != "PERSON":
                continue  # the role says person: "Lucía Ferrer Domínguez" was no organisation
            kept.append(entity)
        people = [
            make_span(doc, s.start, s.end, "PERSON", RULE)
            for s in found
            if not any(e.label_ == "PERSON" and e.start <= s.start and s.end <= e.end for e in kept)
        ]
        set_entities(doc, kept + people)
        return doc
