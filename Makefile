# werkset: the interface is `make install`, `make run`, `make test` (and `make bench`).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DATA_DIR ?= $(CURDIR)/data
STAMP := $(VENV)/.installed

export WERKSET_DATA_DIR := $(DATA_DIR)
# Python's bytecode is kept (an environment may set PYTHONDONTWRITEBYTECODE): otherwise every
# pytest worker and every `werkset` command compiles the project and rewrites the test modules'
# asserts again, about half of the eight seconds each worker takes to collect the tests.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: install run test test-fast lint typecheck migrations-check messages-check messages requirements clean openapi bench prod-smoke load-combined

install: $(STAMP)

# Reinstall only when the pinned requirements or the project metadata change. Packages are
# installed without compiling their bytecode (--no-compile: 23 -> 14 s on a fresh clone);
# Python compiles and keeps what is imported, the first time it is imported.
# npm ci installs the NL Design System CSS (package-lock.json); make copies it into a
# git-ignored static folder (core/static/werkset/vendor/). Nothing is fetched at run time.
$(STAMP): requirements/dev.txt pyproject.toml package-lock.json
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) niet gevonden: werkset vraagt Python 3.11." >&2; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --no-compile --require-hashes --no-deps -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@command -v npm >/dev/null || { echo "npm niet gevonden: werkset vraagt Node.js met npm voor de NL Design System-CSS." >&2; exit 1; }
	npm ci --no-audit --no-fund
	mkdir -p src/werkset/core/static/werkset/vendor
	cp node_modules/@utrecht/component-library-css/dist/index.css src/werkset/core/static/werkset/vendor/utrecht-component-library.css
	cp node_modules/@utrecht/component-library-css/dist/html.css src/werkset/core/static/werkset/vendor/utrecht-html.css
	touch $(STAMP)

run: install
	WERKSET_ENVIRONMENT=development $(BIN)/werkset migrate --no-input
	WERKSET_ENVIRONMENT=development $(BIN)/werkset regions load
	WERKSET_ENVIRONMENT=development $(BIN)/werkset catalog load
	WERKSET_ENVIRONMENT=development WERKSET_BASE_URL=http://127.0.0.1:$(PORT) $(BIN)/werkset demo
	WERKSET_ENVIRONMENT=development WERKSET_BASE_URL=http://127.0.0.1:$(PORT) $(BIN)/werkset runserver 127.0.0.1:$(PORT)

# The suite runs on SQLite (the embedded default) and on PostgreSQL (production).
# Set WERKSET_TEST_POSTGRES_URL= (empty) on a machine without a PostgreSQL server.
WERKSET_TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/werkset

# Everything runs: the fast and the bench tests on SQLite (the embedded default) and on
# PostgreSQL (production), spread over TEST_WORKERS processes (pytest-xdist; each has its own
# test database; whole files per worker, so a module's expensive fixture such as the rendered
# documents is built once); and the browser tests, once, against production's database
# (SQLite on a machine without PostgreSQL): they test what a person sees and does, which the
# database does not change, while every query runs on both databases in the suite.
# The browser tests run in one process beside the PostgreSQL pass: they mostly wait for
# Chromium and the live server, so together the two take about a minute less than one after
# the other (session 10: 5:10 against 6:06 on a loaded two-core machine). Their output goes
# to $(BROWSER_LOG) and is shown when both are done; every wait in them is for what the
# page shows, not a fixed time (the journey's document download waits as long as the PDF
# takes). Any failure fails `make test`.
TEST_WORKERS ?= auto
PYTEST_PARALLEL := $(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile
PYTEST_BROWSER := $(BIN)/pytest -m browser
BROWSER_LOG := test-artifacts/browser-tests.log

test: install lint typecheck migrations-check messages-check
	$(PYTEST_PARALLEL) -m "not browser"
	@mkdir -p test-artifacts
	@if [ -n "$(WERKSET_TEST_POSTGRES_URL)" ]; then \
		echo "--- de testsuite op PostgreSQL, daarnaast de browsertests (uitvoer in $(BROWSER_LOG)) ---"; \
		DATABASE_URL="$(WERKSET_TEST_POSTGRES_URL)" $(PYTEST_BROWSER) > $(BROWSER_LOG) 2>&1 & \
		browser=$$!; \
		DATABASE_URL="$(WERKSET_TEST_POSTGRES_URL)" $(PYTEST_PARALLEL) -m "not browser"; suite=$$?; \
		wait $$browser; browser_status=$$?; \
		echo "--- de browsertests op PostgreSQL ---"; cat $(BROWSER_LOG); \
		test $$suite -eq 0 && test $$browser_status -eq 0; \
	else \
		echo "--- de browsertests op SQLite (geen PostgreSQL) ---"; \
		$(PYTEST_BROWSER); \
	fi

# The tests a developer runs while working: no browser, no benchmark, SQLite (about two
# minutes on an idle two-core machine).
test-fast: install
	$(PYTEST_PARALLEL) -m "not browser and not bench"

lint: install
	$(BIN)/ruff check src
	$(BIN)/ruff format --check src

typecheck: install
	$(BIN)/mypy

migrations-check: install
	WERKSET_ENVIRONMENT=test $(BIN)/werkset makemigrations --check --dry-run

# Refresh the Dutch translations after changing UI strings (needs GNU gettext).
# Every UI string has its Dutch translation (a fuzzy guess does not count).
messages-check: install
	deploy/messages-check.sh

# The Jinja2 partials' strings are written as gettext calls into a file makemessages reads
# (it reads Django templates and Python only), then removed.
messages: install
	$(BIN)/python deploy/jinja_messages.py src/werkset src/werkset/jinja_messages_extracted.py
	cd src/werkset && ../../$(BIN)/werkset makemessages -l nl --no-location --no-obsolete; \
		status=$$?; rm -f jinja_messages_extracted.py; exit $$status
	cd src/werkset && ../../$(BIN)/werkset compilemessages -l nl

# Recompile the hash-pinned requirements after editing pyproject.toml (needs uv).
requirements:
	uv pip compile pyproject.toml --generate-hashes --python-version 3.11 -o requirements/base.txt -q
	uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements/dev.txt -q

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache

# Regenerate the committed OpenAPI document after changing the API (a test checks it).
openapi: install
	WERKSET_ENVIRONMENT=test $(BIN)/werkset spectacular --lang nl --file openapi.yaml --validate --fail-on-warn

# The benchmark (issue 9): builds a realistic database in a temporary place and measures
# server times against a baseline, query counts, documents, imports and a load run.
# Then the mixed load on the production stack (deploy/bench-mixed.sh, issue 20): pages while
# 4 PDFs are made, and a kept PDF's second download; its result joins the same JSON.
bench: install
	WERKSET_ENVIRONMENT=test $(BIN)/werkset bench
	deploy/bench-mixed.sh

# The production path end to end (docs/deploy.md): deploy/build.sh into a temporary folder,
# then a temporary PostgreSQL database, Redis, two gunicorn app servers, a Celery worker and
# HAProxy on loopback with production settings; log-in, pages on both servers, a PDF made
# by the worker, JSON logs. Needs PostgreSQL and Redis on 127.0.0.1 (and installs Debian's
# haproxy when missing, as root). Stops all it started; bounded by SMOKE_TIMEOUT (600 s).
prod-smoke:
	deploy/prod-smoke.sh

# Issue 17's combined load (1 MB text, 3 oversized workbooks, 50 users); not part of `test`.
load-combined:
	deploy/load-combined.sh --ramp 15
