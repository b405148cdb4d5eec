"""One settings model: defaults < newswire.toml < NEWSWIRE_* environment < CLI flags."""

from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner

from newswire.cli import app
from newswire.settings import (
    CONFIG_ENV,
    DEFAULT_CONFIG_FILE,
    Settings,
    SettingsError,
    describe_settings,
    load_settings,
)


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """A working folder of its own, with no NEWSWIRE_* variables from the caller."""
    monkeypatch.chdir(tmp_path)
    for name in list(os.environ):
        if name.startswith("NEWSWIRE_"):
            monkeypatch.delenv(name)
    # `--config` sets this variable in-process: set and unset here, so the test undoes that.
    monkeypatch.setenv(CONFIG_ENV, DEFAULT_CONFIG_FILE)
    monkeypatch.delenv(CONFIG_ENV)
    return tmp_path


def test_each_source_overrides_the_one_below(workdir, monkeypatch):
    (workdir / "newswire.toml").write_text(
        'warehouse = "from-file"\nbatch_size = 50\nnlp_batch_size = 16\nexecutor = "dask"\n'
    )
    monkeypatch.setenv("NEWSWIRE_BATCH_SIZE", "9")
    monkeypatch.setenv("NEWSWIRE_NLP_BATCH_SIZE", "32")
    settings = load_settings({"nlp_batch_size": 8, "input": None})

    assert settings.input == Settings.model_fields["input"].default  # default
    assert settings.warehouse == "from-file"  # file
    assert settings.executor == "dask"  # file
    assert settings.batch_size == 9  # environment beats file
    assert settings.nlp_batch_size == 8  # command line beats environment and file

    sources = {item.name: item.source for item in describe_settings({"nlp_batch_size": 8})}
    assert sources["input"] == "default"
    assert sources["warehouse"] == "file newswire.toml"
    assert sources["batch_size"] == "environment NEWSWIRE_BATCH_SIZE"
    assert sources["nlp_batch_size"] == "command line"


def test_config_command_prints_values_and_sources(workdir, monkeypatch):
    (workdir / "other.toml").write_text('warehouse = "elsewhere"\n')
    monkeypatch.setenv("NEWSWIRE_WORKERS", "3")
    result = CliRunner().invoke(app, ["--config", "other.toml", "config"], env={"COLUMNS": "200"})

    assert result.exit_code == 0, result.output
    lines = {line.split("│")[1].strip(): line for line in result.output.splitlines() if "│" in line}
    assert '"elsewhere"' in lines["warehouse"] and "file other.toml" in lines["warehouse"]
    assert "3" in lines["workers"] and "environment NEWSWIRE_WORKERS" in lines["workers"]
    assert "default" in lines["spacy_model"]


@pytest.mark.parametrize(
    ("file_text", "env", "message"),
    [
        (
            "batch_size = 0\n",
            {},
            "invalid setting batch_size (from file newswire.toml): Input should be greater than or equal to 1",
        ),
        (
            "bacth_size = 10\n",
            {},
            "invalid setting bacth_size (from file newswire.toml): Extra inputs are not permitted",
        ),
        (
            "",
            {"NEWSWIRE_EXECUTOR": "spark"},
            "invalid setting executor (from environment NEWSWIRE_EXECUTOR): Input should be 'auto', 'local', 'processes' or 'dask'",
        ),
        ("batch_size = [\n", {}, "cannot read settings file newswire.toml: "),
    ],
)
def test_invalid_settings_fail_at_start_in_one_line(workdir, monkeypatch, file_text, env, message):
    (workdir / "newswire.toml").write_text(file_text)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as raised:
        load_settings()
    assert str(raised.value).startswith(message)

    result = CliRunner().invoke(app, ["run"])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [f"newswire: {raised.value}"]


def test_a_named_settings_file_must_exist(workdir):
    result = CliRunner().invoke(app, ["--config", "missing.toml", "config"])
    assert result.exit_code == 1
    assert "settings file not found: missing.toml" in result.stderr


def test_command_line_flag_is_validated_and_named(workdir):
    result = CliRunner().invoke(app, ["run", "--batch-size", "0"])
    assert result.exit_code == 1
    assert "invalid setting batch_size (from command line)" in result.stderr
