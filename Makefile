# Every target works from a fresh clone with only python3 on the machine.
# `make install` builds .venv once; targets that need it depend on its stamp.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PRISM_DIR := .prism

.DEFAULT_GOAL := help
.PHONY: help install gen check-gen lint format typecheck test unit demo bench prism clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 12

install: $(STAMP)  ## Create .venv with the project, its [mock] extra and the pinned dev tools

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --group dev -e ".[mock]"
	@touch $@

gen: $(STAMP)  ## Regenerate generated/liveavatar_client from openapi/
	$(BIN)/python scripts/gen.py

check-gen: $(STAMP)  ## Fail when generated/ differs from a fresh generation
	$(BIN)/python scripts/gen.py --check

lint: $(STAMP)  ## ruff format check and ruff check (generated code excluded)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format: $(STAMP)  ## Apply ruff's formatting and fixes
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: $(STAMP)  ## mypy --strict on the facade and the typing-only tests
	$(BIN)/mypy

# `coverage run`, not pytest-cov: pytest imports the package's own pytest
# plugin (an entry point) before pytest-cov would start measuring.
test: $(STAMP) check-gen lint typecheck  ## Everything CI runs: check-gen, lint, typecheck, the test suite with coverage
	$(BIN)/coverage erase
	$(BIN)/coverage run -m pytest
	$(BIN)/coverage report

unit: $(STAMP)  ## The test suite alone, without the gates
	$(BIN)/python -m pytest

demo: $(STAMP)  ## Start the mock on a free port and mint three tokens through the CLI
	$(BIN)/python scripts/demo.py

bench: $(STAMP)  ## Measure the SDK's overhead against raw httpx (BENCH_JSON=path for JSON)
	$(BIN)/python scripts/bench.py --json $(or $(BENCH_JSON),bench-results.json)

prism: $(PRISM_DIR)/node_modules/.bin/prism  ## Install the pinned Stoplight Prism into .prism/

$(PRISM_DIR)/node_modules/.bin/prism: $(PRISM_DIR)/package.json $(PRISM_DIR)/package-lock.json
	cd $(PRISM_DIR) && npm ci --no-audit --no-fund --loglevel=error

clean:  ## Remove the virtualenv, Prism and caches
	rm -rf $(VENV) $(PRISM_DIR)/node_modules .mypy_cache .ruff_cache .coverage build dist
