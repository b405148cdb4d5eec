"""The spaCy pipeline: loaded once per worker process, trimmed to what enrichment uses."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

import newswire.enrich.components  # noqa: F401 - registers the component factories
from newswire.enrich.gazetteer import GazetteerError
from newswire.settings import Settings

# Components that enrichment reads from. Everything else is disabled: the pinned model's
# NER has its own tok2vec, so disabling the shared one gives the same entities twice as fast.
_NEEDED = ("ner", "entity_ruler")


class ModelNotInstalledError(RuntimeError):
    """The configured spaCy pipeline is not installed in this environment."""


@cache
def load_pipeline(
    name: str,
    components: tuple[str, ...] = (),
    gazetteer_extra: tuple[str, ...] = (),
) -> Language:
    """Load an installed spaCy pipeline once per process, trimmed to its NER, and add
    Newswire's entity `components` after it (by registered factory name)."""
    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise _not_installed(name) from error
    if "ner" not in nlp.pipe_names:
        raise ModelNotInstalledError(f"spaCy pipeline {name!r} has no 'ner' component")
    keep = set(_NEEDED)
    for component_name in nlp.pipe_names:
        listeners = getattr(nlp.get_pipe(component_name), "listening_components", [])
        if keep.intersection(listeners):
            keep.add(component_name)
    nlp.select_pipes(enable=[name for name in nlp.pipe_names if name in keep])
    for component in components:
        config = {"extra_paths": list(gazetteer_extra)} if component == "newswire_gazetteer" else {}
        try:
            nlp.add_pipe(component, config=config)
        except GazetteerError:
            raise  # already names the file and the entry
        except ValueError as error:
            raise ModelNotInstalledError(
                f"unknown entity component {component!r}: {error}"
            ) from error
    return nlp


def load_for(settings: Settings) -> Language:
    """The pipeline that `settings` name."""
    return load_pipeline(
        settings.spacy_model, tuple(settings.entity_components), tuple(settings.gazetteer_extra)
    )


def model_version(nlp: Language) -> str:
    """`name==version` of a loaded pipeline, for the runs table."""
    return _label(nlp.meta)


def installed_model_version(name: str) -> str:
    """`model_version` of an installed pipeline package, read from its meta without loading
    it: a run whose workers do the tagging need not hold the model in its own process."""
    try:
        return _label(spacy.util.get_model_meta(spacy.util.get_package_path(name)))
    except (ImportError, OSError, ValueError) as error:
        raise _not_installed(name) from error


def _not_installed(name: str) -> ModelNotInstalledError:
    return ModelNotInstalledError(
        f"spaCy pipeline {name!r} is not installed; install its package or set "
        "NEWSWIRE_SPACY_MODEL to an installed pipeline (models are never downloaded)"
    )


def _label(meta: dict) -> str:
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}=={meta.get('version', '?')}"
