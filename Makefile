# `make` builds every artifact into dist/; `make test` runs the whole test suite.
# Both create .venv on first use (pinned versions from requirements.lock) and reuse it.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: all build check test clean distclean

all: build

build: $(STAMP)
	$(PY) build.py

check: $(STAMP)
	$(PY) build.py --check

test: $(STAMP)
	scripts/install-browser.sh
	$(PY) -m pytest

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version))"; exit 1; }
	scripts/install-system-libs.sh
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --disable-pip-version-check --quiet -r requirements.lock
	touch $(STAMP)

clean:
	rm -rf dist .cache

distclean: clean
	rm -rf $(VENV)
