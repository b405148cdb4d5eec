"""Who said it: speaker phrases around a quote, found by the shapes news copy uses."""

from __future__ import annotations

import re
from dataclasses import dataclass

REPORTING_VERBS = (
    "said says say told tells added adds announced announces wrote writes stated states "
    "explained explains noted notes insisted insists argued argues asked asks declared "
    "declares warned warns urged urges replied replies recalled recalls continued continues "
    "acknowledged acknowledges admitted admits claimed claims predicted predicts promised "
    "promises conceded concedes complained complains observed observes remarked remarks "
    "suggested suggests confirmed confirms countered counters stressed stresses emphasized "
    "emphasised tweeted posted testified testifies cautioned cautions vowed vows described "
    "describes called calls branded brands dubbed dubs"
).split()
_VERB = "(?P<verb>" + "|".join(REPORTING_VERBS) + ")"
_PRONOUN = r"(?P<pronoun>\b(?:he|she|they|I|we|He|She|They|We)\b)"
_WORD = r"[^\s“”\".,;:]+"
_DETERMINER = r"\b(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother)\b"
# "the official", "a spokesman for the ministry", "The head of the port authority".
_DESCRIPTION = rf"(?P<description>{_DETERMINER}\s+{_WORD}(?:\s+{_WORD}){{0,8}}?)"
_PARTICLE = r"(?:van|von|de|der|den|da|del|della|di|du|la|le|bin|al|el|ibn|ter|y|dos|das)"
# Upper-case Latin letters, accented ones included ("Ó Briain", "Érica", "Łukasz").
_UPPER = "A-ZÀ-ÖØ-ÞĀ-ſ"
_CAPITAL = rf"[{_UPPER}][\w’'.-]*"
_NAME = rf"(?P<name>{_CAPITAL}(?:\s+(?:{_PARTICLE}\s+)*{_CAPITAL}){{0,3}})"
# Lower-case role words before a name: "defence lawyer Amara Okonkwo", "forecaster Kälin".
_ROLE = r"(?:[a-z][\w-]*\s+){0,3}?"
_SPEAKER = rf"(?:{_PRONOUN}|{_NAME}|{_DESCRIPTION})"
# After "said", a description runs to the next comma or stop: "said one mother of three, who".
_WHOLE_DESCRIPTION = rf"(?P<description>{_DETERMINER}\s+[^\s“”\".,;:][^“”\".,;:]{{0,80}})"
# ", the board's chair," or ", who owns a guesthouse inside the old walls," after a name.
_APPOSITIVE = r"(?:,[^“”\".;:!?]{1,120}?,)?"

# “…,” Maria Lopez, the board's chair, said  |  “…,” said Pieter van Dijk  |  “…,” he added
_AFTER = (
    re.compile(rf"^[\s,]*(?:{_PRONOUN}|{_ROLE}{_NAME}|{_DESCRIPTION}){_APPOSITIVE}\s+{_VERB}\b"),
    re.compile(rf"^[\s,]*{_VERB}\s+(?:{_PRONOUN}|{_ROLE}{_NAME}|{_WHOLE_DESCRIPTION})"),
)
# Bianchi told a city council hearing: “…”  |  said Rocío Navarro, a physician, “…”
_BEFORE = (
    re.compile(rf"{_SPEAKER}{_APPOSITIVE}\s+{_VERB}(?:\s+[^\s“”\":]+){{0,6}}?\s*[:,]\s*$"),
    re.compile(rf"{_VERB}\s+(?:{_PRONOUN}|{_ROLE}{_NAME}){_APPOSITIVE}\s*[:,]\s*$"),
)
# Reported speech with an embedded quote: The head of X announced Tuesday that ... “soon.”
_REPORTED = re.compile(
    rf"(?:^|[.!?][”\"]?\s+|\n)(?P<subject>[^.!?\n“”\"]{{2,160}}?)\s+{_VERB}\b[^.!?\n]*$"
)
_SENTENCE_END = re.compile(r"[.!?][”\"’)]*\s+(?=[“\"A-Z]|$)")


@dataclass(frozen=True, slots=True)
class Attribution:
    """A speaker phrase in the body (offsets), how it was found and with which verb."""

    start: int
    end: int
    how: str  # after, before, reported
    verb: str | None
    kind: str  # pronoun, name, description, subject
    phrase_end: int = -1  # where the speaker phrase with its appositive ends


def attribute_after(body: str, start: int, end: int) -> Attribution | None:
    """A speaker right after the closing mark, in the quote's own sentence."""
    if body[start:end].rstrip().endswith("."):
        return None  # “… soon.” ends its sentence: what follows is a new one
    following = body[end + 1 : end + 200].split("\n", 1)[0]
    for pattern in _AFTER:
        if match := pattern.match(following):
            return _attribution(match, end + 1, "after")
    return None


def attribute_before(body: str, start: int) -> Attribution | None:
    """A speaker introducing the quote with a colon or a comma, in the same sentence."""
    offset, preceding = sentence_before(body, start - 1)
    for pattern in _BEFORE:
        if match := pattern.search(preceding):
            return _attribution(match, offset, "before")
    return None


def attribute_reported(body: str, start: int) -> Attribution | None:
    """The subject of a reporting verb earlier in the quote's sentence."""
    offset, preceding = sentence_before(body, start - 1, keep_start=True)
    match = _REPORTED.search(preceding)
    if match is None:
        return None
    subject = match.group("subject")
    lead = len(subject) - len(subject.lstrip())
    subject_start = offset + match.start("subject") + lead
    subject_end = subject_start + len(subject.strip())
    return Attribution(
        subject_start, subject_end, "reported", match["verb"], "subject", subject_end
    )


def sentence_before(body: str, position: int, keep_start: bool = False) -> tuple[int, str]:
    """(offset, text) of the sentence up to `position` within its paragraph."""
    paragraph_start = body.rfind("\n", 0, position) + 1
    text = body[paragraph_start:position]
    ends = list(_SENTENCE_END.finditer(text))
    if ends and not keep_start:
        return paragraph_start + ends[-1].end(), text[ends[-1].end() :]
    return paragraph_start, text


def _attribution(match: re.Match[str], offset: int, how: str) -> Attribution:
    for group in ("pronoun", "name", "description"):
        if group in match.re.groupindex and match.group(group):
            start, end = match.span(group)
            phrase_end = offset + max(
                end, match.start("verb") if match.start("verb") > start else end
            )
            return Attribution(offset + start, offset + end, how, match["verb"], group, phrase_end)
    raise ValueError("speaker pattern matched without a speaker group")
