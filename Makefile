# Two commands do all set-up on a fresh machine: `make serve` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := true

.PHONY: serve build test check bench bench-smoke lint demo

# The pinned dependencies, then the engine (hooks/fengong, see pyproject.toml) installed
# editable, so hooks/site.py, the scripts and the tests import it from this tree.
$(BIN)/.installed: requirements.txt pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# Build and serve the site on http://127.0.0.1:8000/ (rebuilds when data/ changes).
serve: $(BIN)/.installed
	$(BIN)/mkdocs serve --strict

# Build the site into site/. It is built beside it and swapped in only when the build
# succeeds, so a failed build leaves the last good site in place.
build: $(BIN)/.installed
	rm -rf site.new
	$(BIN)/mkdocs build --strict --site-dir site.new
	rm -rf site.old; if [ -d site ]; then mv site site.old; fi; mv site.new site; rm -rf site.old

# A demonstration site in site-demo/: a copy of data/ with the SAMPLE progress reports of
# tests/fixtures/progress-sample/ (invented), every page bannered as a demo; and in
# site-demo-library/ three real notices in one library (tests/library_sample.py), bannered too.
demo: $(BIN)/.installed
	$(BIN)/python scripts/demo.py
	$(BIN)/python scripts/demo.py --library

# Validate data/ without building.
check: $(BIN)/.installed
	$(BIN)/python scripts/check_data.py

# Debian's chromium drives the browser tests, and a CJK font makes their screenshots
# legible; install them if missing (needs root, as on CI).
/usr/bin/chromium /usr/share/fonts/truetype/wqy/wqy-microhei.ttc:
	apt-get update -q && apt-get install -y -q chromium fonts-wqy-microhei

# poppler's pdftotext reads a printed unit sheet back, page by page (tests/browser/test_phone.py).
/usr/bin/pdftotext:
	apt-get update -q && apt-get install -y -q poppler-utils

# Debian's nginx serves a built site with the README's configuration in tests/test_nginx.py
# (the documented server setup is tested, not just written down); installed as chromium is.
/usr/sbin/nginx:
	apt-get update -q && apt-get install -y -q nginx-light

# The whole test suite, browser tests included.
test: $(BIN)/.installed /usr/bin/chromium /usr/share/fonts/truetype/wqy/wqy-microhei.ttc /usr/sbin/nginx \
		/usr/bin/pdftotext
	$(BIN)/ruff check hooks scripts tests
	$(BIN)/lint-imports  # the engine's layers (.importlinter)
	$(BIN)/python -m pytest

# The benchmark: import, build, sizes and search against a vanilla mkdocs-material site,
# for the real notice and synthetic ones 10x, 100x and 300x its size (tens of minutes).
bench: $(BIN)/.installed
	$(BIN)/python scripts/bench.py --scales 1,10,100,300 --runs 3

# One run at 10x, no timing assertions: CI checks that the benchmark still runs.
bench-smoke: $(BIN)/.installed
	$(BIN)/python scripts/bench.py --smoke

lint: $(BIN)/.installed
	$(BIN)/ruff check hooks scripts tests
	$(BIN)/lint-imports
	$(BIN)/ruff format --check hooks scripts tests
