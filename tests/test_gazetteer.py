"""The packaged gazetteer and its extension files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newswire.enrich.gazetteer import GazetteerError, load_gazetteer


def test_packaged_gazetteer_is_versioned_and_well_formed() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.versions[0].startswith("newswire@")
    aliases = {entry.alias: entry for entry in gazetteer.entries}
    assert aliases["Roscosmos"].label == "ORG"
    assert aliases["U.S."].canonical == aliases["United States"].canonical == "United States"
    assert len(aliases) == len(gazetteer.entries)


def test_extension_overrides_an_alias(tmp_path: Path) -> None:
    extra = tmp_path / "mine.json"
    extra.write_text(
        json.dumps(
            {
                "version": "2",
                "entries": [
                    {"canonical": "Apollo Program", "label": "EVENT", "aliases": ["Apollo"]},
                    {
                        "canonical": "Roscosmos State Corporation",
                        "label": "ORG",
                        "aliases": ["Roscosmos"],
                    },
                ],
            }
        )
    )
    aliases = {entry.alias: entry for entry in load_gazetteer([str(extra)]).entries}
    assert aliases["Roscosmos"].canonical == "Roscosmos State Corporation"
    assert aliases["Apollo"].label == "EVENT"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not a gazetteer document"),
        (json.dumps({"entries": []}), "not a gazetteer document"),
        (json.dumps({"version": 1, "entries": [{"label": "ORG"}]}), "entry 0"),
        (
            json.dumps({"version": 1, "entries": [{"canonical": "X", "label": "THING"}]}),
            "unknown label 'THING'",
        ),
    ],
)
def test_bad_files_are_refused_with_the_reason(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(GazetteerError, match=message):
        load_gazetteer([str(path)])


def test_missing_file_is_named() -> None:
    with pytest.raises(GazetteerError, match="nowhere.json"):
        load_gazetteer(["nowhere.json"])
