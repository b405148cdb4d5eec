"""Versions of everything that shapes the output, recorded with every run."""

from __future__ import annotations

import json
from importlib.metadata import PackageNotFoundError, version

from newswire import __version__

_PACKAGES = ("spacy", "deltalake", "pyarrow", "duckdb", "pandera", "prefect")


def versions_json(model: str) -> str:
    """JSON object of newswire, model and library versions."""
    found = {"newswire": __version__, "model": model}
    for package in _PACKAGES:
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "not installed"
    return json.dumps(found, sort_keys=True)
