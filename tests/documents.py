"""Builders for small seed documents written for the tests (no third-party text)."""

from __future__ import annotations

SEED_BODY = [
    "The head of the Northern Rail Authority [announced](#) on Tuesday that services will "
    "resume next month, after two weeks of repairs.",
    "“We expect trains to run normally by the weekend,” Maria Lopez said at a press conference "
    "in Leeds. “Passengers have been patient.”",
    "Lopez said the authority had spent £4 million on the repairs, more than the [Department "
    "for Transport] had budgeted.",
]


def seed_document(
    title: str = "Rail Services To Resume After Storm Repairs",
    date_line: str | None = "March 18, 2025",
    paragraphs: list[str] | None = None,
    url: str | None = "https://www.example-news.com/2025/03/18/rail-services-resume",
    captions: list[str] | None = None,
    byline: str | None = None,
    related: str | None = None,
    footer: str = "original",
) -> str:
    """A seed document in the layout of ../shared/SEED-FORMAT.md."""
    lines = ["", "", title, ""]
    if date_line is not None:
        lines += [date_line, ""]
    if byline is not None:
        lines += [byline, ""]
    lines += ["", ""]
    for caption in captions or []:
        lines += [caption, ""]
    body = list(SEED_BODY if paragraphs is None else paragraphs)
    if related is not None:
        body.insert(min(2, len(body)), related)
    for paragraph in body:
        lines += [paragraph, ""]
    if url is not None:
        if footer == "original":
            lines += ["Original url:", "", f"<{url}>"]
        else:
            lines += [url]
    return "\n".join(lines)
