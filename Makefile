# Two commands: `make run` and `make test`. Each sets up .venv from the hashed lock first.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: setup run test lint lock bench clean

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: setup
	$(BIN)/newswire run --input seeds --warehouse warehouse

test: setup
	$(BIN)/ruff check newswire flows schemas tests bench
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check newswire flows schemas tests bench

# Regenerate the lock after changing dependencies in pyproject.toml (needs uv on PATH).
lock:
	uv pip compile pyproject.toml --extra dev --extra bench --generate-hashes --python-version 3.11 \
		--python-platform x86_64-manylinux_2_28 -o requirements.lock

bench: setup
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) warehouse/_delta warehouse/newswire.duckdb
