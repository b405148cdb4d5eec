"""Versions of everything that shapes the output, recorded with every run."""

from __future__ import annotations

import hashlib
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
        found["enrichment"] = enrichment_fingerprint(settings)
    for package in _PACKAGES:
        found[package] = _installed(package)
    return json.dumps(found, sort_keys=True)


def enrichment_fingerprint(settings: Settings) -> str:
    """Everything besides an article's bytes that decides its entities, dates and quotes.

    A stored article is reused only while this is unchanged: a new Newswire or spaCy, another
    model or model version, other components or gazetteers make every article again.
    """
    parts = {
        "newswire": __version__,
        "spacy": _installed("spacy"),
        "model": settings.spacy_model,
        "model_version": _installed(settings.spacy_model),
        "entity_components": settings.entity_components,
        "gazetteer": load_gazetteer(settings.gazetteer_extra).versions,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:16]


def stored_fingerprint(versions: str | None) -> str | None:
    """The enrichment fingerprint recorded in a runs row's `versions` (None: not recorded)."""
    return json.loads(versions).get("enrichment") if versions else None


def _installed(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"
