# The two commands of the README: `make run` and `make test`. Both are idempotent.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test bench load lint browser clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Python 3.11 or newer is needed; run: make PYTHON=python3.12 $(MAKECMDGOALS)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed

run: $(VENV)/.installed  ## start the web app at http://localhost:8501
	$(BIN)/advisor serve --port $(PORT)

browser: $(VENV)/.installed-test  ## a Chromium for the browser tests: the system's, or Playwright's own
	@if [ -x /usr/bin/chromium ] || [ -n "$$CHROMIUM" ]; then :; \
	 else $(BIN)/python -m playwright install chromium; fi

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

test: lint browser  ## ruff, mypy and the whole test suite
	$(BIN)/python -m pytest

bench: $(VENV)/.installed-test  ## timings of the engine and the web app, as ratios to baselines
	$(BIN)/python bench/bench_core.py
	$(BIN)/python bench/bench_web.py
	$(BIN)/python bench/bench_site.py

load: $(VENV)/.installed-test  ## the web server alone under 10, 50, 200 sessions at once, beside a minimal app
	$(BIN)/python bench/load.py $(LOAD_ARGS)

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis test-artifacts
