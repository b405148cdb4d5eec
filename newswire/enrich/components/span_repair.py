"""Span repair: keep roles, determiners, possessives and trailing verbs out of names."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newswire.enrich.components.spans import RULE, make_span, roles, set_entities, source_of

# Words that name a role rather than a person when they stand before a name.
ROLE_WORDS = frozenset(
    (
        "president vice prime minister envoy ambassador senator sen. representative rep. "
        "congressman congresswoman governor gov. mayor chancellor premier king queen prince "
        "princess pope cardinal bishop archbishop sheikh emir general gen. colonel col. "
        "lieutenant lt. major maj. captain capt. admiral commander sergeant sgt. dr. doctor "
        "professor prof. mr. mr mrs. mrs ms. ms miss sir dame lord lady judge justice "
        "secretary chairman chairwoman chair ceo chief executive director spokesman "
        "spokeswoman spokesperson founder billionaire coach manager striker midfielder "
        "defender goalkeeper analyst economist deputy acting former foreign defence defense "
        "interior finance trade health special head leader opposition officer official agent "
        "detective inspector superintendent attorney prosecutor commissioner administrator "
        "adviser advisor aide presidential ex lawyer scientist researcher hydrologist "
        "oceanographer biologist forecaster engineer nurse teacher farmer physician surgeon "
        "historian author novelist activist campaigner lawmaker councillor councilor "
        "businessman businesswoman sergeant"
    ).split()
)
# Role words that stand only before people: a name right after one is a PERSON.
PERSON_CUES = frozenset(
    (
        "president minister envoy ambassador senator sen. rep. congressman congresswoman "
        "governor gov. mayor chancellor premier king queen prince princess pope general gen. "
        "colonel col. lieutenant lt. captain capt. admiral sergeant sgt. dr. mr. mr mrs. mrs "
        "ms. ms sir dame judge secretary chairman chairwoman spokesman spokeswoman "
        "spokesperson coach striker ceo prosecutor commissioner administrator adviser advisor "
        "aide executive director founder deputy lawyer professor manager economist scientist "
        "researcher hydrologist oceanographer biologist forecaster engineer nurse teacher "
        "owner editor reporter historian analyst physician surgeon"
    ).split()
)
_DETERMINERS = frozenset({"the", "a", "an"})
_TRAILING_JUNK = frozenset(
    (
        "has have had is are was were will would says said say tells told warns warned adds "
        "added calls called meets met hold holds holding talks to of and or"
    ).split()
)
_POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
_SCORE = re.compile(r"[\d.,:/-]+")
# Head nouns that make a name an organisation whatever the model said ("... Union of
# Industrialists", "... Investment Fund"); the gazetteer, applied later, still overrides.
ORG_HEADS = frozenset(
    (
        "fund bank ministry agency association council committee commission company "
        "corporation corp. inc. inc ltd. ltd plc llc group institute university college party "
        "union organization organisation foundation authority department bureau board league "
        "club court parliament assembly airlines airways federation service services network "
        "exchange reserve army navy police"
    ).split()
)
_NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)


@Language.factory(
    "newswire_span_repair",
    assigns=["doc.ents"],
    requires=["doc.ents"],
    default_config={},
)
def make_span_repair(nlp: Language, name: str) -> SpanRepair:
    return SpanRepair()


class SpanRepair:
    """Trim entity spans to the name; a cut role ("President") is kept in the doc's roles."""

    def __call__(self, doc: Doc) -> Doc:
        repaired: list[Span] = []
        for span in doc.ents:
            if span.label_ not in _NAME_LABELS:
                repaired.append(span)
                continue
            fixed = self.repair(span)
            if fixed is not None:
                repaired.append(fixed)
        set_entities(doc, repaired)
        return doc

    def repair(self, span: Span) -> Span | None:
        # Each token of the span is read once: `doc[i]` builds a new Token on every call.
        doc = span.doc
        tokens = list(span)
        lowers = [token.lower_ for token in tokens]
        first = span.start
        start, end = 0, len(tokens)
        while end > start + 1 and _is_trailing_junk(tokens[end - 1], lowers[end - 1]):
            end -= 1
        while start < end and (lowers[start] in _DETERMINERS or tokens[start].is_punct):
            start += 1
        role_end = start
        label = span.label_
        if label == "PERSON":
            # The name starts after the last role word: "Putin Envoy Dmitriev" -> "Dmitriev".
            for index in range(start, end - 1):
                if lowers[index] in ROLE_WORDS:
                    role_end = index + 1
        if role_end > start:
            role_start = _role_start(lowers, start, role_end)
            roles(doc)[first + role_end] = doc[first + role_start : first + role_end].text
            start = role_end
        capitalised = any(t.text[:1].isupper() or t.is_digit for t in tokens[start:end])
        if start >= end or not capitalised:
            return None  # nothing left, or no capital: "congress" is not a name
        words = tokens[start:end]
        if label in ("GPE", "LOC", "PERSON", "NORP", "PRODUCT") and _has_org_head(
            lowers[start:end]
        ):
            label = "ORG"
        elif label != "PERSON" and _has_person_cue(doc, words, first + start, first + end):
            label = "PERSON"
        start, end = first + start, first + end
        if label == "PERSON" and start not in roles(doc) and start > 0:
            before = doc[start - 1].lower_
            if before in ROLE_WORDS:
                # "President Vladimir Putin" tagged as "Vladimir Putin": keep the role anyway.
                role_start = _role_start_before(doc, start)
                roles(doc)[start] = doc[role_start:start].text
        if (start, end, label) == (span.start, span.end, span.label_):
            return span
        source = source_of(span) if label == span.label_ else RULE
        return make_span(doc, start, end, label, source, span.kb_id_)


def _role_start(lowers: list[str], start: int, role_end: int) -> int:
    """The first role word of the run that ends at role_end (indices into `lowers`)."""
    index = role_end - 1
    while index > start and lowers[index - 1] in ROLE_WORDS:
        index -= 1
    return index


def _role_start_before(doc: Doc, name_start: int) -> int:
    """The first role word of the run that ends just before the doc's token `name_start`."""
    index = name_start - 1
    while index > 0 and doc[index - 1].lower_ in ROLE_WORDS:
        index -= 1
    return index


def _has_person_cue(doc: Doc, words: list[Token], start: int, end: int) -> bool:
    """A short capitalised name after a person's role ("envoy Orlov") or before an appositive
    role ("Orlov, a special envoy of ..."). `words` are the name's tokens, start:end in doc."""
    if end - start > 3 or not all(token.text[:1].isupper() for token in words):
        return False
    if start > 0 and doc[start - 1].lower_ in PERSON_CUES:
        return True
    if end >= len(doc) or doc[end].lower_ != ",":
        return False
    return any(doc[index].lower_ in PERSON_CUES for index in range(end + 1, min(end + 5, len(doc))))


def _has_org_head(words: list[str]) -> bool:
    """An organisation's head noun ends the name or comes before its "of" part."""
    if len(words) < 2:
        return False
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
    return head in ORG_HEADS


def _is_trailing_junk(token: Token, lower: str) -> bool:
    """Possessives, verbs and function words, punctuation, scores ("63", "4-43"), and
    lower-case words ("Interfax news agency"): names end with a capitalised word."""
    text = token.text
    return (
        text in _POSSESSIVES
        or lower in _TRAILING_JUNK
        or token.is_punct
        or _SCORE.fullmatch(text) is not None
        or text.islower()
    )
