# The two commands of the README:
#   make demo   set up, build the synthetic province on SQLite and serve it (prints the address and logins)
#   make test   set up, then lint, type-check and run the whole suite (SQLite; PostgreSQL too when
#               DANGVU_TEST_DATABASE_URL is set; the browser test drives Debian's chromium)
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin

.PHONY: setup demo test lint bench clean-demo

setup: $(BIN)/dangvu src/dangvu/static/vendor/echarts.min.js

$(BIN)/dangvu: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $@

src/dangvu/static/vendor/echarts.min.js: package.json package-lock.json scripts/vendor_assets.py
	npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python scripts/vendor_assets.py

demo: setup
	$(BIN)/dangvu demo

test: setup
	scripts/test

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: setup
	$(BIN)/python bench/tree_counts.py

clean-demo:
	rm -f var/dangvu.sqlite3 var/dangvu.sqlite3-wal var/dangvu.sqlite3-shm
