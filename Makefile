# The few commands people need. `make run` and `make test` work on a fresh clone.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint audit format migrations-check install worker clean messages bench

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

# The translation catalogues: locale/*/LC_MESSAGES/django.po compiled to .mo (build output), with Babel.
messages: $(STAMP)
	$(PY) manage.py compile_catalogues

# A working site with the demo portfolio on http://127.0.0.1:8000 (SQLite unless DATABASE_URL is set).
run: $(STAMP) messages
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed_demo --if-empty
	DEBUG=true $(PY) manage.py runserver $(HOST):$(PORT)

# Lint, check migrations, then the test suite (against DATABASE_URL/REDIS_URL when set).
test: $(STAMP) lint audit migrations-check messages
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Fails on a pinned dependency with a known vulnerability: PyPI's advisory service when it answers,
# else the offline database from requirements-dev.txt (no network needed). Part of `make test`'s lint stage.
audit: $(STAMP)
	$(PY) ops/audit_dependencies.py

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check: $(STAMP)
	$(PY) manage.py makemigrations --check --dry-run

# The performance benchmark of issue 6 on PostgreSQL (ipec_bench_<N> databases, built once and reused) and Redis
# db 3: writes docs/performance.md and .json. BENCH_SIZES=1000,10000 for a subset, BENCH_QUICK=1 for a smoke run;
# bench/config.py lists the other variables. About 20 minutes with no database built yet.
bench: $(STAMP) messages
	$(PY) -m bench

# A Celery worker and beat in one process, for development with REDIS_URL set.
worker: $(STAMP)
	$(VENV)/bin/celery -A ipec worker --beat --loglevel=info

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
