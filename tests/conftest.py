"""Fixtures the whole suite shares; a test asks for them by name.

- `extractor`, `run`, `only`: the real engine, one Extractor per language
  for the session (building one loads spaCy and the pack);
- `clock`, `db_path`, `store`, `memory_store`: docket's store in a file of
  tmp_path or in memory, with a clock that ticks one minute per call;
- `stand_in_extractor`: `docket ingest` with the stand-in of store_support,
  whose output the test document spells out;
- `docket`: run the command line in tmp_path through click's CliRunner.

Helpers that are not fixtures (sample texts, builders) stay in the
*_support modules."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner, Result

from docket.models.items import Document, Extraction
from docket.models.store import Store
from store_support import Clock, fake_extract

MEETING = date(2025, 2, 13)  # a Thursday: the meeting date the engine tests resolve against


# -- the extraction engine ------------------------------------------------

@pytest.fixture(scope="session")
def extractor() -> Callable:
    """`extractor("en")`: the engine for one language, built once per session."""
    from docket.extractor.pipeline import get_extractor

    built: dict = {}

    def get(lang: str):
        if lang not in built:
            built[lang] = get_extractor(lang)
        return built[lang]

    return get


@pytest.fixture(scope="session")
def run(extractor) -> Callable[..., Extraction]:
    """`run(text, lang, meeting=MEETING)`: the Extraction of a text read as paragraphs."""
    from docket.extractor.readers.text import paragraph_blocks

    def extract(text: str, lang: str, meeting: date | None = MEETING) -> Extraction:
        return extractor(lang).extract(Document(text, blocks=paragraph_blocks(text)), meeting)

    return extract


@pytest.fixture(scope="session")
def only(run) -> Callable:
    """`only(text, lang, meeting=MEETING)`: the single directive of a text,
    failing the test when there is not exactly one."""

    def single(text: str, lang: str, meeting: date | None = MEETING):
        found = run(text, lang, meeting).directives
        assert len(found) == 1, [d.text for d in found]
        return found[0]

    return single


# -- the store --------------------------------------------------------------

@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "docket.db"


@pytest.fixture
def store(db_path: Path, clock: Clock):
    """A new store in db_path."""
    with Store.open(db_path, clock=clock) as opened:
        yield opened


@pytest.fixture
def memory_store(clock: Clock):
    """A new store in an in-memory SQLite database, for tests that never
    reopen it or look at the file."""
    with Store.open(":memory:", clock=clock) as opened:
        yield opened


# -- the command line -------------------------------------------------------

@pytest.fixture
def stand_in_extractor(monkeypatch) -> None:
    """`docket ingest` extracts with store_support's stand-in, not spaCy."""
    monkeypatch.setattr("docket.models.batch.extract_document", fake_extract)


@pytest.fixture
def docket(tmp_path: Path, monkeypatch) -> Callable[..., Result]:
    """`docket(*args, input=None)`: run the command line from inside tmp_path,
    with DOCKET_DB unset and "tester" as the user name; click's Result.
    Exceptions other than click's propagate, so a traceback fails the test."""
    from docket.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DOCKET_DB", raising=False)
    monkeypatch.setattr("docket.cmd_store.default_user", lambda: "tester")
    runner = CliRunner()

    def invoke(*args: str, input: str | bytes | None = None) -> Result:
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    return invoke
