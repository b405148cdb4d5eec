"""Seed-format corpora for benchmarks, built from the BBC News collection in ../shared.

The BBC files have a headline on line 1 and paragraphs after it, no dates and no URLs: the
builder adds a publication date spread over 24 months and a unique URL, in the seed layout.
The text stays in a temporary folder; nothing is copied into the repository.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

BBC = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc-news" / "bbc"
FIRST_DAY = date(2023, 1, 1)
DAYS = 730  # 24 months


def bbc_articles() -> list[tuple[str, str, list[str]]]:
    """(topic/name, headline, paragraphs) of every BBC file, in a stable order."""
    articles = []
    for path in sorted(BBC.glob("*/*.txt")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        lines = [line.strip() for line in text.splitlines()]
        headline = next(line for line in lines if line)
        paragraphs = [line for line in lines[lines.index(headline) + 1 :] if line]
        articles.append((f"{path.parent.name}/{path.stem}", headline, paragraphs))
    return articles


def seed_text(headline: str, published: date, paragraphs: list[str], url: str) -> str:
    return "\n".join(
        [
            "",
            headline,
            "",
            published.strftime("%B %-d, %Y"),
            "",
            "",
            *[line for paragraph in paragraphs for line in (paragraph, "")],
            "Original url:",
            "",
            f"<{url}>",
        ]
    )


def write_corpus(folder: Path, documents: int | None = None, seed: int = 7) -> int:
    """Write `documents` seed files (default: each BBC article once) into `folder`."""
    articles = bbc_articles()
    count = documents or len(articles)
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        key, headline, paragraphs = articles[index % len(articles)]
        copy = index // len(articles)
        published = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        url = f"https://bbc-bench.example/{key}/{copy}"
        subfolder = folder / f"{index // 1000:03d}"
        subfolder.mkdir(exist_ok=True)
        text = seed_text(headline, published, paragraphs, url)
        (subfolder / f"{index:06d}.txt").write_text(text, encoding="utf-8")
    return count


def bench_texts(folder: Path) -> list[str]:
    """The texts Newswire tags for each document (headline and body), for the bare baseline."""
    from newswire.parse.seed import parse_seed

    texts = []
    for path in sorted(folder.rglob("*.txt")):
        parts = parse_seed(path.read_text(encoding="utf-8"))
        texts.append(parts.title + "\n\n" + parts.body)
    return texts
