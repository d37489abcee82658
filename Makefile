# The README's commands. `make run` and `make test` each work on a fresh machine
# with Python 3.11: they create .venv when it is missing and install what they need.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: train-analyzer setup setup-test run admin backup restore test lint typecheck messages clean-db

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Reinstall only when the dependency list changes.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

setup: $(VENV)/.installed

setup-test: $(VENV)/.installed-test

run: setup
	PORT=$(PORT) ./bin/run-dev

# The first secretariat account, by e-mail, in the environment `make run` uses.
admin: setup
	DEBUG="$${DEBUG:-1}" $(PY) manage.py create_admin

# The database named by DATABASE_URL (db.sqlite3 by default) to a file, and back.
BACKUP ?= var/backups/fourthp-$(shell date +%Y%m%d-%H%M%S).backup
backup: setup
	mkdir -p "$(dir $(BACKUP))"
	DEBUG="$${DEBUG:-1}" $(PY) manage.py backup_db "$(BACKUP)"

restore: setup
	@test -n "$(FILE)" || { echo "Say which backup to restore: make restore FILE=var/backups/…"; exit 2; }
	DEBUG="$${DEBUG:-1}" $(PY) manage.py restore_db "$(FILE)"

# The suite runs in one process per core (pytest-xdist; each has its own test database), a file's tests together.
TEST_WORKERS ?= auto
test: setup-test
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: setup-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: setup-test
	$(VENV)/bin/mypy

# Every interface language but English (the source language), as settings.LANGUAGES lists them.
TRANSLATED_LANGUAGES = $(shell DEBUG=1 DJANGO_SETTINGS_MODULE=fourthp.settings $(PY) -c 'import django; from django.conf import settings; django.setup(); print(" ".join(f"-l {code}" for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE))' 2>/dev/null)

messages: setup
	@test -n "$(TRANSLATED_LANGUAGES)" || { echo "Could not read LANGUAGES from the settings."; exit 2; }
	DEBUG=1 $(PY) manage.py makemessages $(TRANSLATED_LANGUAGES) --ignore '.venv/*' --ignore 'var/*' --ignore 'bench/*' --ignore 'tests/*'
	DEBUG=1 $(PY) manage.py compilemessages $(TRANSLATED_LANGUAGES) --ignore '.venv/*'

# The analyzer's learned ranker: gather the labelled rows, score them leave one source out,
# and write data/analyzer/ranker-training.jsonl and its manifest (thresholds, data hash).
train-analyzer: setup
	$(PY) -m fourthp.analyzer.train
