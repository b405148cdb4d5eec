"""The seed document layout: headline, date, captions, paragraphs, related links, URL footer.

Hand-written because the layout is our own save format (../shared/SEED-FORMAT.md); no
library parses it. Each rule below names the variation it handles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from newswire.parse.pubdate import PublicationDate, parse_date_line

_LINK = re.compile(r"!?\[([^\[\]]*)\]\(([^()\s]*)\)")
_IMAGE = re.compile(r"!\[[^\[\]]*\]\([^()\s]*\)")
_FOOTER = re.compile(r"^\s*(?:original\s+url|source\s+url|url)\s*:\s*(?P<rest>.*)$", re.IGNORECASE)
_BARE_URL = re.compile(r"^\s*<?(?P<url>[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>]+)>?\s*$")
_RELATED = re.compile(
    r"^\s*(?:related(?:\s+(?:article|articles|story|stories|coverage|content))?|read\s+more|"
    r"see\s+also|also\s+read|more\s+on\s+this)\s*:\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^\s*[Bb]y:?\s+(?P<names>[A-Z][\w.’'-]*(?:[\s,]+(?:and\s+)?[A-Z][\w.’'-]*){0,9})\s*$"
)
_CAPTION_MARK = re.compile(
    r"^\s*(?:photo|image|picture|pictured|caption|credit|illustration|file photo)\b.{0,200}$|"
    r"\((?:AP|AFP|Reuters|Getty|EPA|Xinhua)[^)]{0,80}\)\s*$|"
    r"^\s*(?:Getty Images|Reuters|AP|AFP|EPA|Shutterstock|TASS)(?:\s*/\s*[\w .]+)?\s*$",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_TERMINAL = '.!?…:;"”’)]'

# A header line longer than this is body text, whatever it looks like.
_MAX_CAPTION_WORDS = 14


@dataclass(slots=True)
class SeedParts:
    """The pieces of one seed document, cleaned of link markup and page furniture."""

    title: str
    dateline: str | None = None
    published: PublicationDate | None = None
    byline: str | None = None
    captions: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    related_titles: list[str] = field(default_factory=list)
    raw_url: str | None = None

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def published_date(self) -> date | None:
        return self.published.published_date if self.published else None

    @property
    def published_at(self) -> datetime | None:
        return self.published.published_at if self.published else None


def strip_links(text: str) -> str:
    """Replace Markdown links by their text and drop images; `[editorial insertions]` stay."""
    return _LINK.sub(lambda match: match.group(1), _IMAGE.sub("", text))


def clean_line(text: str) -> str:
    """One line of visible text: links resolved, runs of spaces folded, ends trimmed."""
    return _SPACES.sub(" ", strip_links(text)).strip()


def parse_seed(text: str) -> SeedParts:
    """Split a decoded seed document into its parts; raises ValueError when it has no headline."""
    lines = [line.rstrip() for line in text.split("\n")]
    lines, raw_url = _cut_url_footer(lines)
    blocks = _blocks(lines)
    if not blocks:
        raise ValueError("no text besides the URL footer")
    title = clean_line(blocks[0][0])
    parts = SeedParts(title=title, raw_url=raw_url)
    header = blocks[0][1:]
    rest = blocks[1:]
    # Header lines: the date, a byline and captions, until the first body paragraph.
    while True:
        if not header:
            if not rest or _is_paragraph(" ".join(rest[0])):
                break
            header, rest = rest[0], rest[1:]
        line = header.pop(0)
        if not _take_header_line(parts, line):
            rest.insert(0, [line, *header])
            header = []
            break
    for block in rest:
        _take_body_block(parts, " ".join(line.strip() for line in block))
    # A very short article is all "header": its sentences are its body, not captions.
    while not parts.paragraphs and parts.captions and parts.captions[-1].endswith(tuple(_TERMINAL)):
        parts.paragraphs.insert(0, parts.captions.pop())
    return parts


def _take_header_line(parts: SeedParts, line: str) -> bool:
    stripped = line.strip()
    if parts.published is None:
        published = parse_date_line(stripped)
        if published is not None:
            parts.dateline, parts.published = stripped, published
            return True
    byline = _BYLINE.match(stripped)
    if parts.byline is None and byline is not None:
        parts.byline = byline.group("names").strip(" ,")
        return True
    if _RELATED.match(stripped):
        _take_body_block(parts, stripped)
        return True
    if _is_paragraph(stripped):
        return False
    parts.captions.append(clean_line(stripped))
    return True


def _take_body_block(parts: SeedParts, block: str) -> None:
    related = _RELATED.match(block)
    if related is not None:
        rest = related.group("rest")
        titles = [match.group(1) for match in _LINK.finditer(rest)] or [rest]
        parts.related_titles.extend(clean_line(title) for title in titles if clean_line(title))
        return
    if _CAPTION_MARK.search(block) and not _is_paragraph(block, strict=True):
        parts.captions.append(clean_line(block))
        return
    paragraph = clean_line(block)
    if paragraph and any(char.isalnum() for char in paragraph):
        parts.paragraphs.append(paragraph)


def _is_paragraph(line: str, strict: bool = False) -> bool:
    """Body text rather than page furniture: long, or a sentence with terminal punctuation."""
    words = len(line.split())
    if strict:
        return words > _MAX_CAPTION_WORDS * 2
    return words > _MAX_CAPTION_WORDS or (words >= 6 and line.rstrip().endswith(tuple(_TERMINAL)))


def _cut_url_footer(lines: list[str]) -> tuple[list[str], str | None]:
    """Remove the `Original url:` footer (or a bare URL as the last line) and return its URL."""
    for index in range(len(lines) - 1, -1, -1):
        footer = _FOOTER.match(lines[index])
        if footer is None:
            continue
        rest = footer.group("rest").strip()
        if not rest:
            rest = next((line.strip() for line in lines[index + 1 :] if line.strip()), "")
        url = _BARE_URL.match(rest)
        return lines[:index], url.group("url") if url else (rest or None)
    for index in range(len(lines) - 1, -1, -1):
        if not lines[index].strip():
            continue
        url = _BARE_URL.match(lines[index])
        if url is not None and "://" in url.group("url"):
            return lines[:index], url.group("url")
        break
    return lines, None


def _blocks(lines: list[str]) -> list[list[str]]:
    """Groups of consecutive non-blank lines."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks
