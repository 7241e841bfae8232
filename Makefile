# Two jobs, each from nothing but Python 3.11: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

$(BIN)/docket: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet '.[test]'
	touch $@

.PHONY: demo test install clean
install: $(BIN)/docket

demo: install
	rm -f docket.db
	$(BIN)/docket extract corpus/ --format table

test: install
	$(BIN)/pip install --quiet --no-deps --force-reinstall .
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build *.egg-info docket.db actions.docx
