# Two commands matter: `make serve` and `make test`. Everything else is what they call.
# Needs only python3 (3.11), make and git; the rest is installed into .venv on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE ?= site
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium
# The second generator lives apart, without MkDocs (README, "A second generator").
ZVENV := .venv-zensical
ZENSICAL_OUT ?= .zensical

# Silence Material's MkDocs 2.0 notice in every build we run.
export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: serve test validate build offline zensical links bench links-external chromium clean help

help:
	@echo "make serve           serve the site with live reload on http://$(HOST):$(PORT)"
	@echo "make test            every check: data, unit, strict build, link check, browser tests"
	@echo "make validate        check the data files only (seconds)"
	@echo "make build           strict build into ./$(SITE), with the PDF and the offline zip"
	@echo "make offline         only the offline zip, into ./$(SITE)"
	@echo "make zensical        the same pages built by Zensical into ./$(ZENSICAL_OUT)/site"
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

# The site, with the print view's book and the open data (macros/after_build.py), then the PDF
# edition printed from it by Debian's chromium: everything the Pages deploy publishes.
build: $(VENV)/.test-deps chromium node_modules/iframe-worker/shim/index.js node_modules/.bin/esbuild
	$(BIN)/mkdocs build --strict --site-dir $(SITE)
	$(BIN)/python tools/pdf.py $(SITE)
	$(BIN)/python tools/offline.py $(SITE)

# Only the offline edition: ./ml-engineer-roadmap-offline.zip, to unzip and open index.html from disk.
offline: $(VENV)/.test-deps node_modules/iframe-worker/shim/index.js node_modules/.bin/esbuild
	mkdir -p $(SITE)
	$(BIN)/python tools/offline.py $(SITE)

$(ZVENV)/bin/python:
	$(PYTHON) -m venv $(ZVENV)

$(ZVENV)/.deps: requirements-zensical.txt | $(ZVENV)/bin/python
	$(ZVENV)/bin/python -m pip install --quiet -r requirements-zensical.txt
	@touch $@

# The macros rendered by macros/prerender.py in Zensical's environment, then Zensical's strict build.
zensical: $(ZVENV)/.deps
	$(ZVENV)/bin/python -m macros.prerender --out $(ZENSICAL_OUT)
	$(ZVENV)/bin/zensical build --strict --config-file $(ZENSICAL_OUT)/zensical.yml
	$(ZVENV)/bin/python -m macros.after_build $(ZENSICAL_OUT)/site

# Browser tests and the PDF edition drive Debian's chromium; the PDF tests read the result with
# poppler-utils. Install them when they are missing and we may.
chromium:
	@if [ ! -x "$(CHROMIUM)" ] || ! command -v pdftotext >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium and poppler-utils for the browser and PDF tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null; \
	  else \
	    echo "Browser and PDF tests need Debian's chromium at $(CHROMIUM) and poppler-utils: run 'sudo apt-get install chromium poppler-utils'" >&2; exit 1; \
	  fi; \
	fi

# The Nu Html Checker for tests/test_html_validity.py: vnu-jar from npm, run on the machine's Java.
node_modules/vnu-jar/build/dist/vnu.jar: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

test: $(VENV)/.test-deps $(ZVENV)/.deps chromium node_modules/vnu-jar/build/dist/vnu.jar node_modules/iframe-worker/shim/index.js node_modules/.bin/esbuild node_modules/axe-core/axe.min.js
	$(BIN)/python -m macros.validate data
	$(BIN)/python -m pytest -n 2 --dist loadgroup --no-loadscope-reorder

links-external: $(VENV)/.site-deps
	$(BIN)/python tools/check_links.py

# The offline edition's web-worker polyfill (tools/offline.py), from npm rather than a CDN.
node_modules/iframe-worker/shim/index.js: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# axe-core for the accessibility checks (tests/browser/test_accessibility.py), from npm.
node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# The minifier of our script in built sites (hooks/minify.py).
node_modules/.bin/esbuild: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

node_modules/.bin/lighthouse: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

bench: $(VENV)/.test-deps chromium node_modules/.bin/lighthouse node_modules/.bin/esbuild
	$(BIN)/python tools/bench.py $(BENCH_ARGS)

clean:
	rm -rf $(SITE) $(ZENSICAL_OUT) .pytest_cache
