"""Newswire's entity stage with the real pinned model, on the seed and a self-written article."""

from __future__ import annotations

from pathlib import Path

import pytest

from newswire.enrich.articles import enrich_articles
from newswire.enrich.nlp import load_for
from newswire.parse.seed import parse_seed
from newswire.settings import Settings

pytestmark = pytest.mark.slow
SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_5b22dc0df62d5864.txt"

# Self-written, with the seed's difficulties: a Title Case headline, a company small models
# mistype, a surname-only re-mention, a role before a name, and an acronym defined in the text.
HEADLINE = "Kremlin Envoy Orlov Says Gazprom Will Hold Talks With Rosneft About Arctic Drilling"
BODY = (
    "The head of the Arctic Shelf Development Agency (ASDA) said on Monday that he would meet "
    "energy executives soon.\n\n"
    "“We will certainly talk to Rosneft and Gazprom this month,” Pavel Orlov said at a forum in "
    "Murmansk. Orlov, a special envoy of President Vladimir Putin, added that ASDA would fund "
    "new research.\n\n"
    "Rosneft declined to comment, while Gazprom said it welcomed the talks."
)


def article(title: str, body: str) -> dict:
    return {
        "article_id": "0123456789abcdef",
        "title": title,
        "body": body,
        "language": "en",
        "dateline": None,
        "published_date": None,
        "year": None,
        "month": None,
    }


@pytest.fixture(scope="module")
def nlp():
    return load_for(Settings())


def entities_of(nlp, title: str, body: str) -> list[dict]:
    return enrich_articles([article(title, body)], nlp).entities[0]


def test_self_written_article_comes_out_right(nlp) -> None:
    rows = entities_of(nlp, HEADLINE, BODY)
    by_text = {(row["field"], row["text"]): row for row in rows}
    title_texts = {text for field, text in by_text if field == "title"}
    assert "Orlov" in title_texts and not any(
        "Says" in text or "Envoy" in text for text in title_texts
    )
    for surface in ("Gazprom", "Rosneft"):
        assert all(row["label"] == "ORG" for row in rows if row["text"] == surface)
        assert sum(row["text"] == surface for row in rows) >= 3
    orlov = [row for row in rows if "Orlov" in row["text"]]
    assert len(orlov) == 3 and {row["canonical"] for row in orlov} == {"Pavel Orlov"}
    assert all(row["label"] == "PERSON" for row in orlov)
    putin = next(row for row in rows if row["text"] == "Vladimir Putin")
    assert putin["role"] == "President"
    asda = {row["canonical"] for row in rows if "ASDA" in row["text"] or "Agency" in row["text"]}
    assert asda == {"Arctic Shelf Development Agency"}
    for row in rows:
        field = HEADLINE if row["field"] == "title" else BODY
        assert field[row["start_char"] : row["end_char"]] == row["text"]


def test_seed_article_entities(nlp) -> None:
    parts = parse_seed(SEED.read_text(encoding="utf-8"))
    rows = entities_of(nlp, parts.title, parts.body)
    labels = {(row["text"], row["label"]) for row in rows}
    for organisation in ("SpaceX", "Roscosmos", "Rosatom"):
        assert (organisation, "ORG") in labels
    assert ("Elon Musk", "PERSON") in labels
    assert not any(text.endswith(" Has") for text, _ in labels)
    assert {row["canonical"] for row in rows if "Dmitriev" in row["text"]} == {"Kirill Dmitriev"}
    assert {row["canonical"] for row in rows if row["text"] in ("Musk", "Elon Musk")} == {
        "Elon Musk"
    }
    assert {row["canonical"] for row in rows if row["text"] == "U.S."} == {"United States"}


def test_summary_rows_group_mentions(nlp) -> None:
    enrichment = enrich_articles([article(HEADLINE, BODY)], nlp)
    summary = {(row["canonical"], row["label"]): row for row in enrichment.article_entities[0]}
    orlov = summary[("Pavel Orlov", "PERSON")]
    assert orlov["mentions"] == 3 and orlov["in_title"] and orlov["first_field"] == "title"
    assert summary[("Gazprom", "ORG")]["mentions"] == sum(
        row["canonical"] == "Gazprom" for row in enrichment.entities[0]
    )


def test_bare_model_setting_runs_no_components() -> None:
    bare = load_for(Settings(entity_components=[]))
    assert bare.pipe_names == ["ner"]


def test_vocabulary_keeps_words_until_its_limit_then_frees_each_batchs(nlp) -> None:
    def body(word: str) -> str:
        return BODY.replace("Murmansk", f"Murmansk and {word}zqx")

    kept = enrich_articles([article(HEADLINE, body("Vorkuta"))], nlp, vocabulary_limit=10**9)
    assert "Vorkutazqx" in nlp.vocab.strings  # under the limit: kept for the next batch

    strings = len(nlp.vocab.strings)
    freed = enrich_articles([article(HEADLINE, body("Pechora"))], nlp, vocabulary_limit=1)
    assert "Pechorazqx" not in nlp.vocab.strings and len(nlp.vocab.strings) == strings
    # The freed batch's rows are whole: the same as a kept batch's, the word apart.
    renamed = [
        {
            key: value.replace("Pechora", "Vorkuta") if isinstance(value, str) else value
            for key, value in row.items()
        }
        for row in freed.entities[0]
    ]
    assert renamed == kept.entities[0] and kept.entities[0]
