# Two commands matter: `make serve` and `make test`. Everything else is what they call.
# Needs only python3 (3.11), make and git; the rest is installed into .venv on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE ?= site
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium

# Silence Material's MkDocs 2.0 notice in every build we run.
export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: serve test validate build links bench links-external chromium clean help

help:
	@echo "make serve           serve the site with live reload on http://$(HOST):$(PORT)"
	@echo "make test            every check: data, unit, strict build, link check, browser tests"
	@echo "make validate        check the data files only (seconds)"
	@echo "make build           strict build into ./$(SITE)"
	@echo "make links-external  check every external URL (network; weekly in CI)"
	@echo "make bench           Lighthouse, page weight and build-time benchmark (not a test)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site-deps: requirements.txt constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt -c constraints.txt
	@touch $@

$(VENV)/.test-deps: $(VENV)/.site-deps requirements-test.txt
	$(BIN)/python -m pip install --quiet -r requirements-test.txt -c constraints.txt
	@touch $@

serve: $(VENV)/.site-deps
	SITE_URL=http://$(HOST):$(PORT)/ $(BIN)/mkdocs serve --dev-addr $(HOST):$(PORT) --livereload

validate: $(VENV)/.site-deps
	$(BIN)/python -m macros.validate data

build: $(VENV)/.site-deps
	$(BIN)/mkdocs build --strict --site-dir $(SITE)

# Browser tests drive Debian's chromium; install it when it is missing and we may.
chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Browser tests need Debian's chromium at $(CHROMIUM): run 'sudo apt-get install chromium'" >&2; exit 1; \
	  fi; \
	fi

test: $(VENV)/.test-deps chromium
	$(BIN)/python -m macros.validate data
	$(BIN)/python -m pytest -n 2 --dist loadgroup

links-external: $(VENV)/.site-deps
	$(BIN)/python tools/check_links.py

node_modules/.bin/lighthouse: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

bench: $(VENV)/.test-deps chromium node_modules/.bin/lighthouse
	$(BIN)/python tools/bench.py $(BENCH_ARGS)

clean:
	rm -rf $(SITE) .pytest_cache
