# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint typecheck unit venv clean

# Re-install only when pyproject.toml changed since the last install.
$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(PY) -m bot db upgrade
	$(PY) -m bot catalog load
	$(PY) -m bot run

lint: $(STAMP)
	$(PY) -m ruff check bot tests
	$(PY) -m ruff format --check bot tests
	$(VENV)/bin/lint-imports

typecheck: $(STAMP)
	$(PY) -m mypy bot tests

# The suite runs on SQLite, then again on PostgreSQL (TEST_POSTGRES_URL, default the local
# server) for every test that uses a database. Without PostgreSQL those tests skip and say why;
# under CI (CI=true) that is a failure.
unit: $(STAMP)
	$(PY) -m pytest -q
	TEST_DATABASE=postgresql $(PY) -m pytest -q

test: lint typecheck unit

clean:
	rm -rf $(VENV) data .mypy_cache .pytest_cache .ruff_cache
