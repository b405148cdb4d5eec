"""In-article canonical names: surnames to full names, acronyms to their defined long forms."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from spacy.language import Language
from spacy.tokens import Doc, Span

from newswire.enrich.components.spans import relabel, set_entities, span_text, text_of

_FUNCTION_WORDS = r"(?:of|and|for|the|de|du|des|on|in|to|&)"
# "Russian Direct Investment Fund (RDIF)": capitalised words, then the acronym in brackets.
_DEFINITION = re.compile(
    rf"((?:[A-Z][\w’'&.-]*\s+(?:{_FUNCTION_WORDS}\s+)*){{1,9}})\(\s?(?P<acronym>[A-Z][A-Za-z0-9&.]{{1,9}})\s?\)"
)
# What every definition ends with: an article without one has no definitions at all.
_ACRONYM_IN_BRACKETS = re.compile(r"\(\s?[A-Z][A-Za-z0-9&.]{1,9}\s?\)")
_SPACES = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_LEADING_THE = re.compile(r"^(?:the|The)\s+")


@Language.factory(
    "newswire_canonical",
    assigns=["doc.ents"],
    requires=["doc.ents"],
    default_config={},
)
def make_canonical(nlp: Language, name: str) -> Canonical:
    return Canonical()


def clean_name(text: str) -> str:
    """A name as written, on one line, without a possessive ending or leading "the"."""
    name = _POSSESSIVE.sub("", _SPACES.sub(" ", text).strip())
    return _LEADING_THE.sub("", name) or text.strip()


def acronym_definitions(text: str) -> dict[str, str]:
    """Acronym -> long form, for every `Long Form (LF)` whose initials spell the acronym."""
    found: dict[str, str] = {}
    if _ACRONYM_IN_BRACKETS.search(text) is None:
        return found
    for match in _DEFINITION.finditer(text):
        acronym = match.group("acronym")
        letters = acronym.replace(".", "").replace("&", "").upper()
        words = match.group(1).split()
        # Take the shortest run of trailing words whose capitals spell the acronym.
        for first in range(len(words) - 1, -1, -1):
            candidate = words[first:]
            capitals = "".join(word[0] for word in candidate if word[0].isupper())
            initials = "".join(word[0] for word in candidate).upper()
            if letters in (capitals.upper(), initials) and candidate[0][0].isupper():
                found.setdefault(acronym, clean_name(" ".join(candidate)))
                break
            if len(capitals) > len(letters):
                break
    return found


class Canonical:
    """Give every entity span a canonical name (in its kb_id), shared within the article."""

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.ents)
        texts = [span_text(span) for span in spans]
        # Names repeat within an article: clean each surface form once.
        cleaned = {text: clean_name(text) for text in texts}
        acronyms = acronym_definitions(text_of(doc))
        gazetteer = {
            text: span.kb_id_ for span, text in zip(spans, texts, strict=True) if span.kb_id_
        }
        full_names = _full_names(spans, texts, cleaned)
        result: list[Span] = []
        for span, text in zip(spans, texts, strict=True):
            canonical = self.canonical(span, cleaned[text], acronyms, gazetteer, full_names)
            result.append(relabel(span, canonical=canonical))
        set_entities(doc, result)
        return doc

    @staticmethod
    def canonical(
        span: Span,
        name: str,
        acronyms: dict[str, str],
        gazetteer: dict[str, str],
        full_names: dict[str, str],
    ) -> str:
        """The canonical name of `span`, whose cleaned surface form is `name`."""
        if span.kb_id_:
            return span.kb_id_
        if span.label_ == "PERSON":
            return full_names.get(name, full_names.get(name.split()[-1], name))
        long_form = acronyms.get(name)
        if long_form is not None:
            return gazetteer.get(long_form, long_form)
        return name


def _full_names(spans: list[Span], texts: list[str], cleaned: dict[str, str]) -> dict[str, str]:
    """Surname (and full name) -> the one full name the article uses for it."""
    by_surname: dict[str, Counter[str]] = defaultdict(Counter)
    for span, text in zip(spans, texts, strict=True):
        if span.label_ == "PERSON":
            words = cleaned[text].split()
            if len(words) > 1:
                # Any later name part may stand alone: "Ferrer" for "Lucía Ferrer Domínguez".
                for part in words[1:]:
                    if part[:1].isupper():
                        by_surname[part][" ".join(words)] += 1
    names: dict[str, str] = {}
    for surname, counter in by_surname.items():
        # Longest, then most frequent, full name: "Kirill A. Dmitriev" over "Kirill Dmitriev"
        # only when the article uses it; two different people with one surname stay apart.
        candidates = sorted(counter, key=lambda n: (len(n.split()), counter[n]), reverse=True)
        best = candidates[0]
        if all(_compatible(best, other) for other in candidates[1:]):
            names[surname] = best
            for other in candidates:
                names[other] = best
    return names


def _compatible(full: str, other: str) -> bool:
    """True when `other` can be a shorter way of writing `full` (same first name or none)."""
    return full.split()[0] == other.split()[0] or len(other.split()) == 1
