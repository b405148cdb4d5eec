"""Plain records passed between stages, and the reject that every stage may produce."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Stage(StrEnum):
    """Pipeline stages, as recorded in `rejects.stage`."""

    INGEST = "ingest"
    PARSE = "parse"
    VALIDATE = "validate"
    ENRICH = "enrich"
    WRITE = "write"


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """The raw bytes of one input file."""

    source_path: str
    data: bytes
    input_sha256: str


@dataclass(frozen=True, slots=True)
class Rejection:
    """Why one input document did not become an article."""

    source_path: str
    input_sha256: str | None
    stage: Stage
    reason: str
    detail: str


class DocumentError(ValueError):
    """A document that cannot become an article; `reason` is a stable snake_case code."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
