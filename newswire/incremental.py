"""Whether a run has anything to do: every input file already stored with the same bytes."""

from __future__ import annotations

from dataclasses import dataclass

from newswire.checksums import file_sha256
from newswire.enrich.gazetteer import GazetteerError
from newswire.ingest import list_source_files
from newswire.settings import Settings
from newswire.versions import enrichment_fingerprint
from newswire.warehouse import Warehouse
from newswire.warehouse.commit import StoredState, read_stored_state


@dataclass(frozen=True, slots=True)
class InputCheck:
    """The outcome of comparing the input folder with what the warehouse holds."""

    unchanged: bool
    documents: int


def check_input(settings: Settings) -> InputCheck:
    """Hash each input file and stop at the first one the warehouse does not hold as is."""
    try:
        state = reusable_state(settings)
    except GazetteerError:
        # Not decided here: the run itself fails on it, and records which file and why.
        return InputCheck(False, 0)
    documents = 0
    for path in list_source_files(settings.input):
        if _changed(path, state):
            return InputCheck(False, documents)
        documents += 1
    return InputCheck(documents > 0, documents)


def pending_documents(paths: list[str], state: StoredState) -> int:
    """How many of `paths` the warehouse does not hold as they are."""
    return sum(1 for path in paths if _changed(path, state))


def _changed(path: str, state: StoredState) -> bool:
    stored = state.input_hashes.get(path)
    return stored is None or _sha256(path) != stored


def reusable_state(settings: Settings) -> StoredState:
    """What the warehouse holds, with the input hashes that let a run skip a stored document
    only if that document's rows would come out the same: none for a full refresh, and none
    when the enrichment configuration or code changed since the last completed run."""
    if settings.full_refresh:
        return StoredState()
    state = read_stored_state(Warehouse(settings.warehouse))
    if state.enrichment != enrichment_fingerprint(settings):
        state.input_hashes = {}
    return state


def _sha256(path: str) -> str | None:
    try:
        return file_sha256(path)
    except OSError:
        return None  # unreadable now: let the run record why
