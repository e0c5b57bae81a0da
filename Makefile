# Every target works from a fresh clone with only python3 on the machine.
# `make install` builds .venv once; targets that need it depend on its stamp.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PRISM_DIR := .prism

# Which interpreter a python is: implementation, version and resolved path
# (a venv's python resolves to the interpreter that built the venv). A $(VENV)
# built by another interpreter than $(PYTHON), say by a too-old python3 in a
# failed first run, is deleted and built again instead of failing every run.
PYTHON_ID_CODE := import os, platform, sys; print(platform.python_implementation(), platform.python_version(), os.path.realpath(sys.executable))
PYTHON_ID := $(shell $(PYTHON) -c '$(PYTHON_ID_CODE)' 2>/dev/null)
VENV_ID := $(shell $(BIN)/python -c '$(PYTHON_ID_CODE)' 2>/dev/null)
# requires-python, checked before anything is built. Plain tuples and no
# f-string, so that even a Python 2 prints this one line, not a traceback.
PYTHON_CHECK := import sys; sys.exit("make: $(PYTHON) is Python %d.%d; liveavatar needs 3.11 or newer: make $(MAKECMDGOALS) PYTHON=python3.11" % tuple(sys.version_info[:2])) if tuple(sys.version_info[:2]) < (3, 11) else None

.DEFAULT_GOAL := help
.PHONY: help install gen check-gen lint format typecheck docs test unit demo bench prism clean FORCE

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 12

install: $(STAMP)  ## Create .venv with the project, its [mock] extra and the pinned dev tools

ifneq ($(PYTHON_ID),$(VENV_ID))
$(STAMP): FORCE
endif

$(STAMP): pyproject.toml
	@[ -n "$(PYTHON_ID)" ] || { echo "make: cannot run $(PYTHON); liveavatar needs Python 3.11 or newer: make $(MAKECMDGOALS) PYTHON=/path/to/python3.11" >&2; exit 1; }
	@$(PYTHON) -c '$(PYTHON_CHECK)'
	@[ ! -e $(VENV) ] || [ "$(VENV_ID)" = "$(PYTHON_ID)" ] || { echo "$(VENV) was not built by $(PYTHON) ($(PYTHON_ID)): rebuilding it"; rm -rf $(VENV); }
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

typecheck: $(STAMP)  ## mypy --strict on the facade, the tests and the examples
	$(BIN)/mypy

docs: $(STAMP)  ## Build the documentation site into site/ (mkdocs --strict: a broken link or reference fails)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet

# `coverage run`, not pytest-cov: pytest imports the package's own pytest
# plugin (an entry point) before pytest-cov would start measuring.
test: $(STAMP) check-gen lint typecheck docs  ## Everything CI runs: check-gen, lint, typecheck, the docs build, the test suite with coverage
	$(BIN)/coverage erase
	$(BIN)/coverage run -m pytest
	$(BIN)/coverage report

# Four workers on two cores: most of the wall time is tests waiting out a bound
# against a hostile peer, and those waits overlap. Bytecode is cached even where
# PYTHONDONTWRITEBYTECODE is set: each of the five pytest processes would
# otherwise compile and assert-rewrite some 550 modules anew (7 s each, not 3).
unit: $(STAMP)  ## The edit loop: the tests that start no process and need no Prism or soak, without the gates
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -m "not slow and not prism and not subprocess" -n 4

demo: $(STAMP)  ## Start the mock, mint three tokens, then start, speak to and stop a LITE session through the CLI
	$(BIN)/python scripts/demo.py

bench: $(STAMP)  ## Measure the SDK's overhead against raw httpx (BENCH_JSON=path for JSON)
	$(BIN)/python scripts/bench.py --json $(or $(BENCH_JSON),bench-results.json)

prism: $(PRISM_DIR)/node_modules/.bin/prism  ## Install the pinned Stoplight Prism into .prism/

$(PRISM_DIR)/node_modules/.bin/prism: $(PRISM_DIR)/package.json $(PRISM_DIR)/package-lock.json
	cd $(PRISM_DIR) && npm ci --no-audit --no-fund --loglevel=error

clean:  ## Remove the virtualenv, Prism and caches
	rm -rf $(VENV) $(PRISM_DIR)/node_modules .mypy_cache .ruff_cache .coverage build dist site
