# The one interface to the project. Every target sets up .venv from the lock file first,
# so `make serve` and `make test` work on a fresh clone with nothing installed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PACKAGE ?= datapackage/datapackage.json
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve site test validate lint format lock bench clean

# The stamp is rebuilt whenever the lock changes.
$(STAMP): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade --require-hashes --no-deps -r requirements.lock
	touch $(STAMP)

validate: $(STAMP)
	$(BIN)/python -m macros.validate $(PACKAGE)

# Validation runs first: an invalid package stops the build.
site: validate
	BRIEFING_PACKAGE=$(abspath $(PACKAGE)) $(BIN)/mkdocs build --strict --clean --site-dir site

serve: validate
	BRIEFING_PACKAGE=$(abspath $(PACKAGE)) $(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Regenerate the pinned lock (with hashes) from pyproject.toml.
lock: $(STAMP)
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--extra test --extra dev --no-emit-index-url --no-emit-find-links \
		-o requirements.lock pyproject.toml

clean:
	rm -rf site .venv .pytest_cache docs/organisation docs/person docs/assets/charts docs/data docs/api docs/announcements*.atom
	find . -name __pycache__ -prune -exec rm -rf {} +
