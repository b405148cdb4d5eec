"""Resolving a speaker phrase to a person: names, surnames, pronouns and descriptions."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from newswire.enrich.quotes.attribution import REPORTING_VERBS
from schemas import Entity

# Gendered titles and role nouns (pronouns are read separately, by position).
_FEMALE_WORDS = frozenset(
    "ms ms. mrs mrs. miss madam spokeswoman chairwoman businesswoman "
    "congresswoman councilwoman actress mother wife daughter sister grandmother woman queen "
    "princess lady widow niece aunt girl".split()
)
_MALE_WORDS = frozenset(
    "mr mr. sir spokesman chairman businessman congressman councilman actor "
    "father husband son brother grandfather man king prince lord widower nephew uncle boy".split()
)
_PRONOUN_GENDER = {"he": "m", "she": "f"}
_WORD = re.compile(r"[\w’'.]+")
_DESCRIPTIVE_SUBJECT = re.compile(
    r"(?:^|(?<=[.!?] )|(?<=\n))(?P<description>(?:The|A|An|One|Another) [^.!?\n“”\"]{3,110}?)\s+(?:"
    + "|".join(REPORTING_VERBS)
    + r")\b"
)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*[”\"’]*")
# Entity row keys, looked up once: pandera resolves a model's column attributes on every use,
# which costs more than the loops here that read them.
_FIELD, _LABEL, _TEXT = Entity.field, Entity.label, Entity.text
_START, _END, _CANONICAL = Entity.start_char, Entity.end_char, Entity.canonical


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a speaker phrase stands for: the text to show and the entity name to join on."""

    text: str
    canonical: str | None
    start: int | None
    end: int | None


class SpeakerResolver:
    """Per article: its people (outside quotes), their genders and its unnamed speakers."""

    def __init__(self, body: str, entities: list[dict[str, Any]], quotes: list[tuple[int, int]]):
        self.body = body
        self.entities = [e for e in entities if e[_FIELD] == "body"]
        self.people = sorted(
            (
                e
                for e in self.entities
                if e[_LABEL] == "PERSON" and not any(s <= e[_START] < t for s, t in quotes)
            ),
            key=lambda e: e[_START],
        )

    # Genders and descriptions are only read for some speakers: found when first needed.
    @cached_property
    def genders(self) -> dict[str, str]:
        return _genders(self.body, self.people)

    @cached_property
    def descriptions(self) -> list[tuple[int, int, str]]:
        return [
            (m.start("description"), m.end("description"), m.group("description"))
            for m in _DESCRIPTIVE_SUBJECT.finditer(self.body)
        ]

    def entity_in(self, start: int, end: int) -> dict[str, Any] | None:
        """The person in a speaker phrase, or another entity when it is the whole phrase."""
        inside = [e for e in self.entities if start <= e[_START] and e[_END] <= end]
        people = [e for e in inside if e[_LABEL] == "PERSON"]
        if people:
            return people[0]
        whole = [e for e in inside if e[_END] - e[_START] >= (end - start) - 4]
        return whole[0] if whole else None

    def name(self, start: int, end: int) -> Speaker:
        """A capitalised speaker phrase: the person tagged there, else a full name ending in it."""
        mention = self.entity_in(start, end)
        if mention is not None and mention[_LABEL] == "PERSON":
            return Speaker(
                mention[_TEXT],
                mention[_CANONICAL],
                mention[_START],
                mention[_END],
            )
        text = self.body[start:end]
        # Untagged or mistyped by the model: the full name the article gave, else the entity.
        canonical = self.full_name(text, start) or (mention[_CANONICAL] if mention else None)
        return Speaker(text, canonical, start, end)

    def full_name(self, surname: str, before: int) -> str | None:
        """The one full name the article gives for a surname, tagged or not; a part of a double
        surname counts ("Ferrer" in "Lucía Ferrer Domínguez")."""
        parts = surname.split()
        names = {
            p[_CANONICAL]
            for p in self.people
            if len(p[_CANONICAL].split()) > len(parts) and _contains_words(p[_CANONICAL], parts)
        }
        if not names:
            pattern = re.compile(rf"\b((?:[A-ZÀ-ÖØ-Þ][\w’'-]+ )+{re.escape(surname)})\b")
            names = {m.group(1) for m in pattern.finditer(self.body, 0, before)}
        return names.pop() if len(names) == 1 else (surname if " " in surname else None)

    def pronoun(self, pronoun: str, start: int, end: int, before: int) -> Speaker:
        """The nearest earlier person whose gender fits; else the last unnamed speaker."""
        wanted = _PRONOUN_GENDER.get(pronoun.lower())
        earlier = [p for p in self.people if p[_START] < before]
        known = [p for p in earlier if self.genders.get(p[_CANONICAL]) == wanted]
        unknown = [p for p in earlier if self.genders.get(p[_CANONICAL]) is None]
        # Gender the article states beats recency; a person of the other gender never fits.
        pool = (known or unknown) if wanted else earlier
        description = self.description_before(before)
        if pool and not (description and description[0] > pool[-1][_START]):
            person = pool[-1]
            return Speaker(self.body[start:end], person[_CANONICAL], start, end)
        if description is not None:
            return Speaker(description[2], None, description[0], description[1])
        return Speaker(self.body[start:end], None, start, end)

    def description(self, start: int, end: int) -> Speaker:
        """A descriptive speaker; "the official" refers back to "A senior official at ..."."""
        text = self.body[start:end]
        words = text.split()
        if words and words[0].lower() == "the" and len(words) <= 3:
            head = words[-1].lower()
            for d_start, d_end, earlier in reversed(self.descriptions):
                if d_start < start and head in earlier.lower().split():
                    return Speaker(earlier, None, d_start, d_end)
        return Speaker(text, None, start, end)

    def description_before(self, position: int) -> tuple[int, int, str] | None:
        found = [d for d in self.descriptions if d[1] <= position]
        return found[-1] if found else None


def _genders(body: str, people: list[dict[str, Any]]) -> dict[str, str]:
    """Gender the article states for each person: honorifics, gendered role words in the
    appositive, "X said he", a sentence opening "His"/"Her" after X's sentence, and "him"
    in a sentence whose subject is someone else."""
    votes: dict[str, list[str]] = {}

    def vote(person: dict[str, Any] | None, gender: str | None) -> None:
        if person is not None and gender is not None:
            votes.setdefault(person[_CANONICAL], []).append(gender)

    for person in people:
        start, end = person[_START], person[_END]
        # A title or role noun right before the name: "Mr. Lopez", "the businessman Karim Haddad".
        vote(person, _gender_of(body[max(0, start - 20) : start].split()[-1:]))
        appositive = re.match(r",\s*([^,.;:“”\"]{1,80})", body[end : end + 90])
        if appositive:
            vote(person, _gender_of(_WORD.findall(appositive.group(1).lower())))
        said = re.match(
            r"\s+(?:said|says|added|told \w+)(?: that)?\s+(he|she)\b", body[end : end + 40]
        )
        if said:
            vote(person, _PRONOUN_GENDER[said.group(1)])
        # "Karim Haddad ... after his lawyers": a possessive before anyone else is named.
        clause = re.split(r"[.;!?“”\"]", body[end : end + 100])[0]
        possessive = re.search(r"\b(his|her)\b", clause)
        named_between = (
            any(end < p[_START] < end + possessive.start() for p in people) if possessive else True
        )
        if possessive and not named_between:
            vote(person, "m" if possessive.group(1) == "his" else "f")
    sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(body)]
    starts = [p[_START] for p in people]
    for (previous_start, previous_end), (start, end) in zip(sentences, sentences[1:], strict=False):
        first = body[start:end].lstrip().split(" ", 1)[0]
        if first in ("He", "His", "She", "Her"):
            subject = _first_person(people, starts, previous_start, previous_end)
            vote(subject, "m" if first in ("He", "His") else "f")
        own_subject = _first_person(people, starts, start, end)
        if own_subject is not None and re.search(r"\bhim\b", body[own_subject[_END] : end]):
            others = [
                p for p in people if p[_START] < start and p[_CANONICAL] != own_subject[_CANONICAL]
            ]
            vote(others[-1] if others else None, "m")
    # The majority; a tie is conflicting evidence, not a coin toss (a set's order would
    # differ from one process to the next).
    return {
        name: gender
        for name, v in votes.items()
        if (
            gender := "f"
            if v.count("f") > v.count("m")
            else "m"
            if v.count("m") > v.count("f")
            else None
        )
    }


def _first_person(
    people: list[dict[str, Any]], starts: list[int], start: int, end: int
) -> dict[str, Any] | None:
    """The first of `people` (sorted by start, `starts` theirs) who starts in [start, end)."""
    index = bisect_left(starts, start)
    return people[index] if index < len(people) and starts[index] < end else None


def _contains_words(name: str, words: list[str]) -> bool:
    tokens = name.split()
    return any(tokens[i : i + len(words)] == words for i in range(len(tokens) - len(words) + 1))


def _gender_of(words: list[str]) -> str | None:
    lowered = {w.lower().strip(",") for w in words}
    if lowered & _FEMALE_WORDS and not lowered & _MALE_WORDS:
        return "f"
    if lowered & _MALE_WORDS and not lowered & _FEMALE_WORDS:
        return "m"
    return None
