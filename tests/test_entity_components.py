"""Entity components on hand-built Docs: the component logic, not the model's moods."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import newswire.enrich.components  # noqa: F401 - registers the factories
from newswire.enrich.components.canonical import acronym_definitions
from newswire.enrich.components.spans import roles, source_of


@pytest.fixture(scope="module")
def blank() -> Language:
    return spacy.blank("en")


def tagged(nlp: Language, text: str, ents: list[tuple[str, str]]) -> Doc:
    """A doc whose entities are the given (surface, label) pairs, found left to right."""
    doc = nlp(text)
    spans, cursor = [], 0
    for surface, label in ents:
        start = text.index(surface, cursor)
        span = doc.char_span(start, start + len(surface), label=label)
        assert span is not None, surface
        spans.append(span)
        cursor = start + len(surface)
    doc.ents = spans
    return doc


def run(nlp: Language, component: str, doc: Doc, **config: object) -> list[tuple[str, str, str]]:
    pipe = nlp.create_pipe(component, config=config)
    doc = pipe(doc)
    return [(span.text, span.label_, source_of(span)) for span in doc.ents]


def test_span_repair_cuts_roles_determiners_possessives_and_verbs(blank: Language) -> None:
    doc = tagged(
        blank,
        "Putin Envoy Dmitriev met the Russian Union of Industrialists . "
        "Elon Musk Has plans . Dmitriev 's fund and congress . Interfax news agency said .",
        [
            ("Putin Envoy Dmitriev", "PERSON"),
            ("the Russian Union of Industrialists", "GPE"),
            ("Elon Musk Has", "PERSON"),
            ("Dmitriev 's", "PERSON"),
            ("congress", "ORG"),
            ("Interfax news agency", "ORG"),
        ],
    )
    result = run(blank, "newswire_span_repair", doc)
    assert result == [
        ("Dmitriev", "PERSON", "model"),
        ("Russian Union of Industrialists", "ORG", "rule"),
        ("Elon Musk", "PERSON", "model"),
        ("Dmitriev", "PERSON", "model"),
        ("Interfax", "ORG", "model"),
    ]
    assert roles(doc)[2] == "Envoy"


def test_span_repair_keeps_the_role_before_a_name(blank: Language) -> None:
    doc = tagged(blank, "U.S. President Donald Trump spoke .", [("Donald Trump", "PERSON")])
    run(blank, "newswire_span_repair", doc)
    assert roles(doc)[2] == "President"


def test_span_repair_trims_scores(blank: Language) -> None:
    doc = tagged(
        blank,
        "J. Ratcliffe 63 and Kent 108-3",
        [("J. Ratcliffe 63", "PERSON"), ("Kent 108-3", "GPE")],
    )
    assert run(blank, "newswire_span_repair", doc) == [
        ("J. Ratcliffe", "PERSON", "model"),
        ("Kent", "GPE", "model"),
    ]


def test_gazetteer_overrides_the_model_and_sets_canonical(blank: Language) -> None:
    doc = tagged(
        blank,
        "SpaceX and Roscosmos met in the U.S. near the NASA Goddard Space Flight Center .",
        [
            ("SpaceX", "PERSON"),
            ("Roscosmos", "PRODUCT"),
            ("NASA Goddard Space Flight Center", "FAC"),
        ],
    )
    pipe = blank.create_pipe("newswire_gazetteer", config={"extra_paths": []})
    doc = pipe(doc)
    found = {span.text: (span.label_, span.kb_id_, source_of(span)) for span in doc.ents}
    assert found["SpaceX"] == ("ORG", "SpaceX", "gazetteer")
    assert found["Roscosmos"] == ("ORG", "Roscosmos", "gazetteer")
    assert found["U.S."] == ("GPE", "United States", "gazetteer")
    # A longer name the model found keeps its span.
    assert found["NASA Goddard Space Flight Center"][0] == "FAC"
    assert "NASA" not in found


def test_gazetteer_can_be_extended_with_a_file(blank: Language, tmp_path: Path) -> None:
    extra = tmp_path / "extra.json"
    extra.write_text(
        json.dumps(
            {
                "version": "t1",
                "entries": [
                    {
                        "canonical": "Northern Rail Authority",
                        "label": "ORG",
                        "aliases": ["NRA", "Northern Rail Authority"],
                    }
                ],
            }
        )
    )
    doc = tagged(blank, "The NRA said so .", [])
    pipe = blank.create_pipe("newswire_gazetteer", config={"extra_paths": [str(extra)]})
    assert [(s.text, s.label_, s.kb_id_) for s in pipe(doc).ents] == [
        ("NRA", "ORG", "Northern Rail Authority")
    ]
    assert pipe.gazetteer.versions[-1] == f"{extra}@t1"


def test_consistency_votes_one_label_and_tags_repeats(blank: Language) -> None:
    text = "Rosneft Deal\n\nRosneft said . Rosneft grew . Anna Berg spoke . Berg left . Rosneft and Berg ."
    doc = tagged(
        blank,
        text,
        [
            ("Rosneft", "PERSON"),
            ("Rosneft", "ORG"),
            ("Rosneft", "ORG"),
            ("Anna Berg", "PERSON"),
            ("Berg", "GPE"),
        ],
    )
    result = run(blank, "newswire_consistency", doc)
    assert result == [
        ("Rosneft", "ORG", "consistency"),  # the headline's label loses to the body's votes
        ("Rosneft", "ORG", "model"),
        ("Rosneft", "ORG", "model"),
        ("Anna Berg", "PERSON", "model"),
        ("Berg", "PERSON", "consistency"),  # a surname follows its full name
        ("Rosneft", "ORG", "consistency"),  # untagged repeats are found
        ("Berg", "PERSON", "consistency"),
    ]


def test_canonical_names_within_an_article(blank: Language) -> None:
    text = (
        "Kirill Dmitriev runs the Russian Direct Investment Fund ( RDIF ) . Dmitriev said RDIF "
        "and the U.S. and United States agree ."
    )
    doc = tagged(
        blank,
        text,
        [
            ("Kirill Dmitriev", "PERSON"),
            ("Russian Direct Investment Fund", "ORG"),
            ("RDIF", "ORG"),
            ("Dmitriev", "PERSON"),
            ("RDIF", "ORG"),
        ],
    )
    doc = blank.create_pipe("newswire_gazetteer", config={"extra_paths": []})(doc)
    doc = blank.create_pipe("newswire_canonical")(doc)
    canonical = {(span.text, span.start): span.kb_id_ for span in doc.ents}
    assert {value for (surface, _), value in canonical.items() if "Dmitriev" in surface} == {
        "Kirill Dmitriev"
    }
    assert {
        value
        for (surface, _), value in canonical.items()
        if surface in ("RDIF", "Russian Direct Investment Fund")
    } == {"Russian Direct Investment Fund"}
    assert {
        value for (surface, _), value in canonical.items() if surface in ("U.S.", "United States")
    } == {"United States"}


def test_two_people_with_one_surname_stay_apart(blank: Language) -> None:
    doc = tagged(
        blank,
        "Anna Berg and Olaf Berg met . Berg left .",
        [("Anna Berg", "PERSON"), ("Olaf Berg", "PERSON"), ("Berg", "PERSON")],
    )
    doc = blank.create_pipe("newswire_canonical")(doc)
    assert [span.kb_id_ for span in doc.ents] == ["Anna Berg", "Olaf Berg", "Berg"]


def test_acronym_definitions() -> None:
    assert acronym_definitions("the World Meteorological Organization (WMO) said") == {
        "WMO": "World Meteorological Organization"
    }
    assert acronym_definitions("talks at the Fund for Peace (FFP) and") == {"FFP": "Fund for Peace"}
    assert acronym_definitions("he said (AP) that") == {}


def test_dateline_place_is_tagged(blank: Language) -> None:
    text = "Talks\n\nMOSCOW, March 18 (Reuters) - Talks began.\nBONN 1996-08-30\nPARIS is big."
    doc = tagged(blank, text, [("MOSCOW", "ORG")])
    result = run(blank, "newswire_dateline", doc)
    assert result == [("MOSCOW", "GPE", "rule"), ("BONN", "GPE", "rule")]
