# planeval: `make book` builds the website, `make test` runs the whole test suite.
# Every target first checks the virtual environment (the pinned packages, at their versions) and creates
# or repairs it when it is missing, out of date or damaged.
#
#   make book PARAMS=my.yaml    build with your parameters file (kept with the results; see book/rerun.md)
#   make book RESET=1           forget the parameters you chose before: back to notebooks/params.yaml

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PARAMS ?=
RESET ?=
BUILD_OPTIONS := $(if $(PARAMS),--params $(PARAMS)) $(if $(RESET),--reset)

.DEFAULT_GOAL := help
.PHONY: help env book results test test-fast bench translations lint clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(STAMP): requirements.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found; install Python 3.11 or run make PYTHON=/path/to/python3.11" >&2; exit 2; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

env: $(STAMP) ## Check the environment (pinned packages present); reinstall it when damaged
	@$(PY) scripts/check_environment.py || { rm -f $(STAMP); $(MAKE) --no-print-directory $(STAMP); }

book: env ## Set everything up and build the website (Chinese and English editions) into _build/html (PARAMS=file, RESET=1)
	$(PY) scripts/build_book.py $(BUILD_OPTIONS)

results: env ## Execute the chapter notebooks (cached) into _build/results
	$(PY) scripts/run_notebooks.py $(BUILD_OPTIONS)

test: env ## Run the whole test suite (unit, integration, site, browser)
	$(PY) -m pytest

test-fast: env ## Run the unit tests only (under a minute)
	$(PY) -m pytest -m unit

bench: env ## Run the benchmarks and print the measured ratios
	$(PY) -m planeval.build.cli bench

translations: env ## Update the .po catalogues of the two editions from the sources (book/locales)
	$(PY) -m planeval.build.cli translations update

lint: env ## Check the code style with ruff
	$(PY) -m ruff check planeval scripts tests book/_ext

clean: ## Remove the build output (keeps the virtual environment)
	rm -rf _build book/chapters book/_generated
