# One command to set up and see the main job, one to set up and run the tests.
#   make demo    create .venv, install chidao, parse the bundled sample notice
#   make test    create .venv, install chidao with its test tools, run lint, types and tests
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench score

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,dask,bench]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/chidao parse --sample --format summary

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

score: $(STAMP)
	$(BIN)/python tests/gold_score.py fixtures/notices fixtures/expected
	$(BIN)/python tests/gold_score.py fixtures/dev/notices fixtures/dev/expected
