"""Versions of everything that shapes the output, recorded with every run."""

from __future__ import annotations

import json
from importlib.metadata import PackageNotFoundError, version

from newswire import __version__
from newswire.enrich.gazetteer import load_gazetteer
from newswire.settings import Settings

_PACKAGES = ("spacy", "deltalake", "pyarrow", "duckdb", "pandera", "prefect")


def versions_json(model: str, settings: Settings | None = None) -> str:
    """JSON object of newswire, model, enrichment configuration and library versions."""
    found = {"newswire": __version__, "model": model}
    if settings is not None:
        found["entity_components"] = ",".join(settings.entity_components)
        found["gazetteer"] = ",".join(load_gazetteer(settings.gazetteer_extra).versions)
    for package in _PACKAGES:
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "not installed"
    return json.dumps(found, sort_keys=True)
