# Two commands do all set-up on a fresh machine with Python 3.11: `make demo` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

.PHONY: demo test lint
demo: $(VENV)/.installed  ## run the whole pipeline on the bundled example: repaired text, then who said what
	$(VENV)/bin/khabar process examples/seed.txt
	$(VENV)/bin/khabar quotes examples/seed.txt

test: $(VENV)/.installed  ## run the test suite (what CI runs)
	$(PY) -m pytest -ra

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check khabar tests train bench
