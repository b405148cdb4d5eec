"""The tagged text of an article: headline re-casing and offsets back into the fields."""

from __future__ import annotations

import pytest

from newswire.enrich.layout import recase_headline, tagging_text, title_end, to_field

BODY = (
    "Kirill Dmitriev said on Tuesday that he would meet Elon Musk. Dmitriev, an envoy of "
    "President Vladimir Putin, spoke about Mars and NASA. The talks could start soon."
)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "Putin Envoy Dmitriev Says He Will Hold Talks With Musk About Mars",
            "Putin envoy Dmitriev says he will hold talks with Musk about Mars",
        ),
        (
            "PUTIN ENVOY DMITRIEV SAYS HE WILL MEET MUSK",
            "Putin envoy Dmitriev says he will meet Musk",
        ),
        (
            "Dmitriev says talks with Musk will start soon",
            "Dmitriev says talks with Musk will start soon",
        ),
        ("NASA Chief Welcomes Talks On Mars", "NASA chief welcomes talks on Mars"),
        ("Hi", "Hi"),
    ],
)
def test_recase_headline(title: str, expected: str) -> None:
    recased = recase_headline(title, BODY)
    assert recased == expected
    assert len(recased) == len(title)


def test_offsets_map_back_to_fields() -> None:
    title = "Musk Meets Envoy In Moscow Today"
    text = tagging_text(title, BODY)
    end = title_end(text)
    assert end == len(title)
    assert to_field(0, 4, end).field == "title"
    body_start = text.index("Kirill")
    located = to_field(body_start, body_start + 15, end)
    assert located.field == "body" and BODY[located.start : located.end] == "Kirill Dmitriev"
    assert to_field(end - 2, end + 3, end) is None
