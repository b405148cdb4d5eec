"""The seed layout and each variation of ../shared/SEED-FORMAT.md, on self-written documents."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from newswire.parse import parse_article
from newswire.parse.seed import parse_seed
from newswire.records import DocumentError, SourceDocument
from tests.documents import SEED_BODY, seed_document

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def article(text: str | bytes, path: str = "doc.txt") -> dict:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse_article(SourceDocument(path, data, hashlib.sha256(data).hexdigest()), "run-1")


def test_reference_layout() -> None:
    row = article(
        seed_document(
            captions=["The Station Square"], related="Related article: [Storm Hits North](#)"
        )
    )
    assert row["title"] == "Rail Services To Resume After Storm Repairs"
    assert row["published_date"] == date(2025, 3, 18)
    assert row["dateline"] == "March 18, 2025"
    assert row["captions"] == ["The Station Square"]
    assert row["related_titles"] == ["Storm Hits North"]
    assert row["url"] == "https://www.example-news.com/2025/03/18/rail-services-resume"
    assert row["domain"] == "example-news.com"
    assert row["language"] == "en"
    assert (row["year"], row["month"]) == (2025, 3)
    paragraphs = row["body"].split("\n\n")
    assert len(paragraphs) == 3
    # Link markup goes, its text stays; editorial insertions in brackets stay as written.
    assert "[announced](#)" not in row["body"] and "announced on Tuesday" in row["body"]
    assert "[Department for Transport]" in row["body"]
    assert "Related article" not in row["body"] and "Station Square" not in row["body"]
    assert row["word_count"] == len(row["body"].split())


def test_the_shared_seed_example_parses() -> None:
    row = article((SEEDS / "000_5b22dc0df62d5864.txt").read_bytes())
    assert row["published_date"] == date(2025, 3, 18)
    assert row["publisher"] == "The Moscow Times"
    assert row["captions"] == ["The White House"]
    assert row["related_titles"] == [
        "Elon Musk Has Ukraine, and the Future of the World, at His Mercy"
    ]
    assert row["body"].startswith("The head of Russia’s Direct Investment Fund announced Tuesday")
    assert row["body"].endswith("Dmitriev said of Musk on Tuesday.")


@pytest.mark.parametrize(
    ("date_line", "expected_date", "expected_instant"),
    [
        ("March 18, 2025", date(2025, 3, 18), None),
        ("18 March 2025", date(2025, 3, 18), None),
        ("Mar. 18, 2025", date(2025, 3, 18), None),
        ("2025-03-18", date(2025, 3, 18), None),
        ("Tuesday, March 18, 2025", date(2025, 3, 18), None),
        (
            "March 18, 2025 10:42 AM EST",
            date(2025, 3, 18),
            datetime(2025, 3, 18, 15, 42, tzinfo=UTC),
        ),
        (
            "Updated: March 18, 2025 9:05 PM EDT",
            date(2025, 3, 18),
            datetime(2025, 3, 19, 1, 5, tzinfo=UTC),
        ),
        (
            "Published 2025-03-18T10:42:00+03:00",
            date(2025, 3, 18),
            datetime(2025, 3, 18, 7, 42, tzinfo=UTC),
        ),
    ],
)
def test_date_shapes(
    date_line: str, expected_date: date, expected_instant: datetime | None
) -> None:
    row = article(seed_document(date_line=date_line))
    assert row["published_date"] == expected_date
    assert row["published_at"] == expected_instant
    assert row["dateline"] == date_line
    assert date_line not in row["body"]


def test_time_without_zone_gives_a_date_but_no_instant() -> None:
    row = article(seed_document(date_line="March 18, 2025 10:42 AM"))
    assert row["published_date"] == date(2025, 3, 18)
    assert row["published_at"] is None


def test_wire_dateline_in_first_paragraph_with_year_from_url() -> None:
    paragraphs = [
        "LEEDS, March 18 (Reuters) - Rail services will resume next month, the operator said.",
        *SEED_BODY[1:],
    ]
    row = article(seed_document(date_line=None, paragraphs=paragraphs))
    assert row["published_date"] == date(2025, 3, 18)
    assert row["dateline"] is None
    assert row["body"].startswith("LEEDS, March 18 (Reuters) -")


def test_no_date_at_all_keeps_the_article_undated() -> None:
    row = article(seed_document(date_line=None, url="https://www.example-news.com/rail-resume"))
    assert row["published_date"] is None
    assert (row["year"], row["month"]) == (None, None)


def test_url_path_date_when_nothing_is_printed() -> None:
    row = article(seed_document(date_line=None))
    assert row["published_date"] == date(2025, 3, 18)


def test_no_url_footer_gives_a_text_derived_id() -> None:
    first = article(seed_document(url=None))
    again = article(seed_document(url=None), path="other.txt")
    assert first["url"] is None and first["domain"] is None
    assert first["article_id"] == again["article_id"]
    assert len(first["article_id"]) == 16
    assert first["body"].endswith("had budgeted.")


def test_bare_url_as_last_line() -> None:
    row = article(seed_document(footer="bare"))
    assert row["url"] == "https://www.example-news.com/2025/03/18/rail-services-resume"
    assert "https://" not in row["body"]


def test_tracking_parameters_and_fragment_are_dropped() -> None:
    tracked = article(
        seed_document(
            url="https://WWW.Example-News.com/2025/03/18/rail-services-resume/?utm_source=x&fbclid=1#top"
        )
    )
    plain = article(seed_document())
    assert tracked["url"] == plain["url"]
    assert tracked["article_id"] == plain["article_id"]


def test_shortener_url_is_kept_as_given() -> None:
    row = article(seed_document(url="https://bit.ly/3Nw5xQz"))
    assert row["url"] == "https://bit.ly/3Nw5xQz"
    assert row["domain"] == "bit.ly"


def test_unsafe_url_scheme_is_refused() -> None:
    with pytest.raises(DocumentError) as raised:
        article(seed_document(url="javascript:alert(1)"))
    assert raised.value.reason == "bad_url"


def test_byline_and_several_captions() -> None:
    row = article(
        seed_document(
            byline="By Jane Doe and John Roe",
            captions=[
                "Photo: Engineers inspect the track near Leeds",
                "Getty Images",
                "The Station",
            ],
        )
    )
    assert row["byline"] == "Jane Doe and John Roe"
    assert row["captions"] == [
        "Photo: Engineers inspect the track near Leeds",
        "Getty Images",
        "The Station",
    ]
    assert "Getty" not in row["body"]


def test_empty_paragraphs_are_dropped() -> None:
    text = seed_document().replace(SEED_BODY[1], "   \n\n" + SEED_BODY[1] + "\n\n\u00a0\n\n[](#)")
    row = article(text)
    assert row["body"].split("\n\n") == [
        " ".join(p.replace("[announced](#)", "announced").split()) for p in SEED_BODY
    ]


def test_very_short_article() -> None:
    row = article(seed_document(paragraphs=["Trains run again."]))
    assert row["body"] == "Trains run again."
    assert row["word_count"] == 3


def test_very_long_article() -> None:
    paragraphs = [
        f"Paragraph {index} says the repairs continue as planned, the operator said."
        for index in range(3000)
    ]
    row = article(seed_document(paragraphs=paragraphs))
    assert row["body"].count("\n\n") == 2999
    assert row["word_count"] == 3000 * 11


def test_other_language_is_identified() -> None:
    paragraphs = [
        "La ville de Lyon a annoncé mardi l’ouverture de trois nouvelles pistes cyclables sur les quais.",
        "« Nous voulons que chacun puisse traverser la ville à vélo », a déclaré la maire adjointe.",
    ]
    row = article(seed_document(title="Lyon Ouvre Trois Pistes Cyclables", paragraphs=paragraphs))
    assert row["language"] == "fr"


def test_bom_windows_line_endings_and_zero_width_characters() -> None:
    text = seed_document().replace("Maria Lopez", "Maria\u200b Lopez").replace("\n", "\r\n")
    row = article(b"\xef\xbb\xbf" + text.encode("utf-8"))
    plain = article(seed_document())
    assert row["body"] == plain["body"]
    assert row["title"] == plain["title"]


def test_non_utf8_bytes_and_mojibake() -> None:
    plain = article(seed_document())
    cp1252 = article(seed_document().replace("£", "£").encode("cp1252", errors="strict"))
    assert cp1252["body"] == plain["body"]
    mojibake = seed_document().replace("—", "").encode("utf-8").decode("cp1252", errors="ignore")
    repaired = article(mojibake)
    assert "Lopez said" in repaired["body"] and "“We expect" in repaired["body"]


def test_same_url_saved_twice_gets_one_id() -> None:
    first = article(seed_document(date_line="March 18, 2025"), path="a.txt")
    second = article(seed_document(date_line="Mar. 18, 2025"), path="b.txt")
    assert first["article_id"] == second["article_id"]
    assert first["content_sha256"] != second["content_sha256"]


def test_same_text_under_another_url_is_another_article() -> None:
    first = article(seed_document(url="https://a.example-news.com/rail"))
    second = article(seed_document(url="https://b.example-news.com/rail"))
    assert first["article_id"] != second["article_id"]
    assert first["body"] == second["body"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "binary"),
        (
            b"<!DOCTYPE html><html><head><title>503</title></head><body>Error</body></html>",
            "html_page",
        ),
        (
            b"Just A Headline\n\nMarch 18, 2025\n\nOriginal url:\n\n<https://x.example-news.com/a>",
            "no_body",
        ),
    ],
    ids=["empty", "binary", "html", "headline-only"],
)
def test_files_that_are_not_articles(data: bytes, reason: str) -> None:
    with pytest.raises(DocumentError) as raised:
        article(data)
    assert raised.value.reason == reason


def test_parse_seed_raises_without_text() -> None:
    with pytest.raises(ValueError):
        parse_seed("\n\nOriginal url:\n\n<https://x.example-news.com/a>\n")
