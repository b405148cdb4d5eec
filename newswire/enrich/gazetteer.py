"""The curated gazetteer: a versioned data file in the package, extendable with files of one's own.

To extend it, write a JSON file of the same shape (`{"version": ..., "entries": [{"canonical":
..., "label": ..., "aliases": [...]}]}`) and name it in the `gazetteer_extra` setting
(NEWSWIRE_GAZETTEER_EXTRA='["my-orgs.json"]'). Later files override earlier aliases.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

GAZETTEER_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT"})


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One alias: the exact surface form, its label and the canonical name it stands for."""

    alias: str
    label: str
    canonical: str


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Aliases from one or more gazetteer files, with the versions they came from."""

    versions: tuple[str, ...]
    entries: tuple[GazetteerEntry, ...]


class GazetteerError(ValueError):
    """A gazetteer file that cannot be used; the message names the file and the entry."""


def load_gazetteer(extra_paths: Sequence[str] = ()) -> Gazetteer:
    """The packaged gazetteer plus `extra_paths`, later aliases overriding earlier ones."""
    packaged = resources.files("newswire.enrich").joinpath("data", "gazetteer.json")
    sources = [("newswire", packaged.read_text("utf-8"))]
    for path in extra_paths:
        try:
            sources.append((str(path), Path(path).read_text("utf-8")))
        except OSError as error:
            raise GazetteerError(f"gazetteer file {path}: {error.strerror or error}") from error
    by_alias: dict[str, GazetteerEntry] = {}
    versions: list[str] = []
    for name, text in sources:
        version, entries = _parse(name, text)
        versions.append(f"{name}@{version}")
        for entry in entries:
            by_alias[entry.alias] = entry
    return Gazetteer(tuple(versions), tuple(by_alias.values()))


def _parse(name: str, text: str) -> tuple[str, list[GazetteerEntry]]:
    try:
        document = json.loads(text)
        version = str(document["version"])
        raw_entries = document["entries"]
    except (json.JSONDecodeError, KeyError, TypeError) as error:
        raise GazetteerError(
            f"gazetteer file {name}: not a gazetteer document ({error})"
        ) from error
    entries: list[GazetteerEntry] = []
    for number, raw in enumerate(raw_entries):
        try:
            canonical, label = str(raw["canonical"]), str(raw["label"])
            aliases = [str(alias) for alias in raw.get("aliases", [])] or [canonical]
        except (KeyError, TypeError) as error:
            raise GazetteerError(f"gazetteer file {name}, entry {number}: {error}") from error
        if label not in GAZETTEER_LABELS:
            raise GazetteerError(f"gazetteer file {name}, entry {number}: unknown label {label!r}")
        entries.extend(
            GazetteerEntry(alias, label, canonical) for alias in aliases if alias.strip()
        )
    return version, entries
