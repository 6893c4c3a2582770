# planeval: `make book` builds the website, `make test` runs the whole test suite.
# Every target creates the virtual environment first when it is missing or out of date.

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help book test bench lint results site clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): requirements.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found; install Python 3.11 or run make PYTHON=/path/to/python3.11" >&2; exit 2; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

book: $(STAMP) ## Set everything up and build the website into _build/html
	$(PY) scripts/build_book.py

results: $(STAMP) ## Execute the chapter notebooks (cached) into _build/results
	$(PY) scripts/run_notebooks.py

test: $(STAMP) ## Run the whole test suite (data, library, scripts, build)
	$(PY) -m pytest

bench: $(STAMP) ## Run the benchmarks and print the measured ratios
	$(PY) scripts/bench_sweep.py
	$(PY) scripts/bench_extract.py
	$(PY) scripts/bench_book.py

lint: $(STAMP) ## Check the code style with ruff
	$(PY) -m ruff check planeval scripts tests book/_ext

clean: ## Remove the build output (keeps the virtual environment)
	rm -rf _build
