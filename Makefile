# The two commands (see README.md):
#   make run     serve the demo on http://127.0.0.1:$(PORT) (default 8000)
#   make test    lint, types, and the whole test suite on SQLite and PostgreSQL
#                (PYTEST_ARGS='-k healthz' narrows both pytest runs)
# and `make bench` for the API benchmarks at national scale.
SHELL := /bin/bash
PORT ?= 8000
VENV ?= .venv
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
PIP := $(VENV)/bin/python -m pip --disable-pip-version-check -q
# Finnish lemmas (voikko) and the PDF brochure's text layout (Pango) serve the app itself.
DEBIAN_RUN_PACKAGES := libvoikko1 voikko-fi libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
DEBIAN_TEST_PACKAGES := $(DEBIAN_RUN_PACKAGES) postgresql chromium gettext poppler-utils
DEBIAN_BENCH_PACKAGES := $(DEBIAN_RUN_PACKAGES) postgresql wrk curl

export VENV

.PHONY: run test bench debian-packages lint clean

run: $(VENV)/.installed
	scripts/debian-packages $(DEBIAN_RUN_PACKAGES)
	PORT=$(PORT) scripts/run

test: debian-packages $(VENV)/.installed-test
	scripts/test $(PYTEST_ARGS)

bench: $(VENV)/.installed-bench
	scripts/debian-packages $(DEBIAN_BENCH_PACKAGES)
	scripts/bench

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

debian-packages:
	scripts/debian-packages $(DEBIAN_TEST_PACKAGES)

$(VENV)/bin/python:
	@test -n "$(PYTHON)" || { echo "Python 3.11 not found" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

# The stamps record that the venv holds this pyproject.toml's dependencies; editing
# pyproject.toml reinstalls.
$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -e '.[test]'
	touch $@ $(VENV)/.installed

# The benchmark also measures tantivy beside our index (see perhekeskus/search/index_choice.py).
$(VENV)/.installed-bench: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -e '.[bench]'
	touch $@ $(VENV)/.installed

clean:
	rm -rf build dist src/*.egg-info
