# Kota Cerdas Studio. Two commands matter: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-smoke test-slow install messages compilemessages lint format migrate seed clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip "setuptools>=78.1.1"
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# axe-core (accessibility checks in the browser tests) comes from the npm registry.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

install: $(STAMP)

## Install, migrate, seed the demo plans and serve on http://127.0.0.1:8000
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --editions
	$(PY) manage.py runserver $(HOST):$(PORT)

# pytest-xdist workers for make test (TEST_WORKERS=0: all in this process). A test file
# runs in one worker (its shared data is built once), files in collection order (the demo
# files first, together in one worker, which seeds the demo once; see tests/conftest.py).
TEST_WORKERS ?= 2
PYTEST_PARALLEL = -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

## Run the whole test suite (SQLite by default; PostgreSQL when DATABASE_URL is set)
test: install $(NODE_STAMP)
	$(PY) -m pytest $(PYTEST_PARALLEL)

## The smoke subset (marked smoke): CI runs it on SQLite besides the whole suite on PostgreSQL
test-smoke: install $(NODE_STAMP)
	$(PY) -m pytest -m smoke $(PYTEST_PARALLEL)

## Slow reliability tests: DATABASE_URL=postgresql://… (stops and restarts the local cluster for
## a few seconds), and network to the advisory database for pip-audit
test-slow: install $(NODE_STAMP)
	$(PY) -m pytest -m slow

migrate: install
	$(PY) manage.py migrate --noinput

seed: install
	$(PY) manage.py seed_demo --editions

## Refresh the Indonesian catalogue after changing UI strings (needs GNU gettext)
messages: install
	$(PY) manage.py makemessages --locale id --ignore '.venv/*' --ignore 'build/*'
	$(PY) manage.py makemessages --locale id --domain djangojs --ignore '.venv/*' --ignore 'build/*' --ignore 'staticfiles/*'

compilemessages: install
	$(PY) manage.py compilemessages --ignore '.venv/*'

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) node_modules db.sqlite3 .pytest_cache
