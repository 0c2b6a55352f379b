# Two commands a new user needs: `make demo` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test install lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

# Set up everything and start the demo: SQLite, in-process tasks, demo data, logins printed.
# Links the app makes (open link, invitation e-mails) point at this server: `make demo PORT=8001`.
demo: export CXASSESS_SITE_URL ?= http://$(HOST):$(PORT)
demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo "\nOpen http://$(HOST):$(PORT)/reports/ and log in with a login above.\n"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The whole test suite. DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) picks the database.
test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles var
