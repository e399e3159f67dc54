# The few commands people need. `make run` and `make test` work on a fresh clone.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format migrations-check install worker clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

# A working site with the demo portfolio on http://127.0.0.1:8000 (SQLite unless DATABASE_URL is set).
run: $(STAMP)
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed_demo --if-empty
	DEBUG=true $(PY) manage.py runserver $(HOST):$(PORT)

# Lint, check migrations, then the test suite (against DATABASE_URL/REDIS_URL when set).
test: $(STAMP) lint migrations-check
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check: $(STAMP)
	$(PY) manage.py makemigrations --check --dry-run

# A Celery worker and beat in one process, for development with REDIS_URL set.
worker: $(STAMP)
	$(VENV)/bin/celery -A ipec worker --beat --loglevel=info

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
