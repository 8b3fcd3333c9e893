# The two commands: `make run` serves Convener, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
AXE := tests/tools/node_modules/axe-core/axe.min.js

.PHONY: run test lint bench clean chromium system-libs

run: $(VENV)/.runtime system-libs
	$(BIN)/convener serve

test: $(VENV)/.dev $(AXE) chromium system-libs
	$(BIN)/ruff check .
	$(BIN)/convener makemigrations --check --dry-run
	$(BIN)/pytest

# Figures, not pass/fail: throughput, latency, page weight, query counts, dashboard time.
bench: $(VENV)/.dev chromium system-libs
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk; } || { echo "Install wrk: sudo apt-get install wrk"; exit 1; }
	$(BIN)/python bench/run.py $(BENCH_ARGS)

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

$(AXE): tests/tools/package.json tests/tools/package-lock.json
	npm ci --prefix tests/tools --no-audit --no-fund --loglevel=error

# Browser tests drive Debian's Chromium; Playwright never downloads a browser here.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else \
	    echo "Chromium is missing. Install it with: sudo apt-get install chromium"; exit 1; \
	  fi; \
	fi

# WeasyPrint (PDFs) needs Pango and a font; Debian's minimal images may lack them.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
system-libs:
	@if ! ldconfig -p | grep -q libpangoft2-1.0 || [ ! -d /usr/share/fonts/truetype/dejavu ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES); \
	  else \
	    echo "PDF support needs: sudo apt-get install $(SYSTEM_PACKAGES)"; exit 1; \
	  fi; \
	fi

clean:
	rm -rf $(VENV) tests/tools/node_modules
