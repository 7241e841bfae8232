# Two jobs, each from nothing but Python 3.11: `make demo` and `make test`.
# Both install docket with the web page (serve) and the test tools.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

$(BIN)/docket: setup.py setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet '.[serve,test]'
	touch $@

.PHONY: demo test install clean render
# Dependencies once; docket itself again on every run, so the commands always
# run the code in this checkout.
install: $(BIN)/docket
	$(BIN)/pip install --quiet --no-deps --force-reinstall .

# The main job on the sample corpus: a fresh database, every sample report
# ingested, the outstanding and overdue lists, and the Word action list.
DEMO_DB ?= docket.db
DEMO_TODAY ?= 2025-04-15
demo: install
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/docket --db $(DEMO_DB) ingest corpus/en corpus/ur corpus/vi
	@echo; echo "== Outstanding (as of $(DEMO_TODAY)) =="
	$(BIN)/docket --db $(DEMO_DB) list --today $(DEMO_TODAY)
	@echo; echo "== Overdue (as of $(DEMO_TODAY)) =="
	$(BIN)/docket --db $(DEMO_DB) list --overdue --today $(DEMO_TODAY)
	$(BIN)/docket --db $(DEMO_DB) export actions.docx --group-by body --today $(DEMO_TODAY)
	@echo; echo "Wrote actions.docx"

# The demo's action list rendered as a reader sees it, in each language: one
# PNG per page in render/ (LibreOffice and poppler; skipped without them).
RENDER ?= render
render: install
	test -f $(DEMO_DB) || $(MAKE) demo
	mkdir -p $(RENDER)
	$(BIN)/docket --db $(DEMO_DB) export $(RENDER)/actions-en.docx --group-by body --today $(DEMO_TODAY) --lang en \
		--org "Office of the Provincial Coordination Committee" --ref "PCC/2025/41"
	$(BIN)/docket --db $(DEMO_DB) export $(RENDER)/actions-ur.docx --group-by body --today $(DEMO_TODAY) --lang ur \
		--body "محکمہ" --org "دفتر ڈپٹی کمشنر" --ref "DC/2025/14"
	$(BIN)/docket --db $(DEMO_DB) export $(RENDER)/actions-vi.docx --group-by body --today $(DEMO_TODAY) --lang vi \
		--body "Sở" --org "Văn phòng Ủy ban nhân dân tỉnh" --ref "38/TB-VP"
	$(BIN)/docket --db $(DEMO_DB) export $(RENDER)/report-vi.docx --report --today $(DEMO_TODAY) --lang vi
	$(BIN)/python tests/render_pages.py $(RENDER) $(RENDER)/actions-en.docx $(RENDER)/actions-ur.docx \
		$(RENDER)/actions-vi.docx $(RENDER)/report-vi.docx

test: install
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build *.egg-info docket.db actions.docx $(RENDER)
