# The README's commands. `make demo` needs only Python 3.11; `make test` also installs
# Chromium with a CJK font and starts PostgreSQL and Redis if they are down.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
TEST_ENV := DJANGO_SETTINGS_MODULE=liaison_portal.settings_test

.PHONY: demo serve test lint format services browser messages worker beat clean

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

demo: $(VENV)/.runtime
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:8000

test: $(VENV)/.dev browser services
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(TEST_ENV) $(PY) manage.py check
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(TEST_ENV) $(PY) -m pytest

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

services:
	bash scripts/ensure_services.sh

browser:
	bash scripts/ensure_browser.sh

messages: $(VENV)/.dev
	$(PY) manage.py makemessages --locale zh_Hans --locale en --ignore ".venv/*" --ignore "staticfiles/*"
	$(PY) manage.py compilemessages --ignore ".venv/*"

worker: $(VENV)/.runtime
	$(VENV)/bin/celery -A liaison_portal worker --loglevel=info

beat: $(VENV)/.runtime
	$(PY) manage.py setup_periodic_tasks
	$(VENV)/bin/celery -A liaison_portal beat --loglevel=info

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .test-media test-artifacts
