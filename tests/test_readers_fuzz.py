"""Fuzzing the readers with Hypothesis: random bytes and mutations of a
valid file of each format. Whatever the bytes, reading ends in a Document
that keeps the readers' invariants or in one InputError, and `docket
extract` in a clean result or one `Error:` line: no traceback, no other
exception, within a per-example deadline. Bounded (few examples, fixed
seed) so the module runs in seconds."""
from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docket.cli import main
from docket.extractor.readers import read_path
from docket.extractor.readers.base import neutralise
from docket.models.errors import InputError
from readers_support import pdf_bytes, stable_docx

SENTENCES = ["Minutes of the works committee, 2025-03-04",
             "The Police must close the bridge by Friday.",
             "Lan: the budget office will send the figures before the board meets."]


def _docx() -> bytes:
    document = docx.Document()
    for sentence in SENTENCES:
        document.add_paragraph(sentence)
    return stable_docx(document)


SEEDS: dict[str, bytes] = {
    ".txt": "\n".join(SENTENCES).encode(),
    ".md": ("---\ntitle: Works\n---\n# Works committee\n\n- [ ] **Police** must close the [bridge](x) by Friday.\n"
            "| Action | Owner |\n|---|---|\n| Send figures | Lan |\n").encode(),
    ".vtt": ("WEBVTT\n\nNOTE 2025-03-04\n\n00:00:01.000 --> 00:00:04.000\n<v Lan>" + SENTENCES[1]
             + "\n\n00:00:05.000 --> 00:00:07.000\nMinh: " + SENTENCES[2] + "\n").encode(),
    ".srt": ("1\n00:00:01,000 --> 00:00:04,000\n" + SENTENCES[1] + "\n\n2\n00:00:05,000 --> 00:00:07,000\n"
             + SENTENCES[2] + "\n").encode(),
    ".docx": _docx(),
    ".pdf": pdf_bytes([SENTENCES]),
}
FORMATS = sorted(SEEDS)

FUZZ = settings(max_examples=30, deadline=timedelta(seconds=5), derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@st.composite
def mutated(draw, seed: bytes) -> bytes:
    """`seed` with a few bytes overwritten, inserted or deleted, or cut short."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 8))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "repeat"]))
        if action == "flip":
            data[at] = draw(st.integers(0, 255))
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif action == "delete":
            del data[at:at + draw(st.integers(1, 16))]
        elif action == "truncate":
            del data[at:]
        else:  # a run of one byte: the tokenizer's and the regexes' worst case
            data[at:at] = bytes([data[at]]) * draw(st.integers(50, 3000))
    return bytes(data)


def check_read(suffix: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, f"fuzzed{suffix}")
        path.write_bytes(data)
        try:
            document = read_path(path)
        except InputError as error:
            assert str(error).startswith(f"{path}: ") and "\n" not in str(error)
            return
        text = document.text
        assert text.strip() and neutralise(text) == text  # no control or bidi-control characters
        for block in document.blocks:
            assert 0 <= block.start <= block.end <= len(text)
        result = CliRunner().invoke(main, ["extract", str(path), "--lang", "en"])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    if result.exit_code:
        assert result.exit_code == 1
        assert len([line for line in result.output.splitlines() if line.startswith("Error: ")]) == 1


@pytest.mark.parametrize("suffix", FORMATS)
def test_the_seeds_read(suffix):
    assert read_path_of(suffix, SEEDS[suffix]).text.strip()


def read_path_of(suffix: str, data: bytes):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, f"seed{suffix}")
        path.write_bytes(data)
        return read_path(path)


@pytest.mark.parametrize("suffix", FORMATS)
def test_random_bytes(suffix):
    @FUZZ
    @given(st.binary(max_size=4096))
    def fuzz(data):
        check_read(suffix, data)

    fuzz()


@pytest.mark.parametrize("suffix", FORMATS)
def test_mutated_files(suffix):
    @FUZZ
    @given(mutated(SEEDS[suffix]))
    def fuzz(data):
        check_read(suffix, data)

    fuzz()


@pytest.mark.parametrize("suffix", [".txt", ".md", ".vtt", ".srt"])
def test_random_text(suffix):
    """Text of any Unicode, controls and markup characters included, after
    the format's first line."""
    head = {".vtt": "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n", ".srt": "1\n00:00:01,000 --> 00:00:02,000\n"}

    @FUZZ
    @given(st.text(alphabet=st.one_of(st.characters(), st.sampled_from("[]*_`<>|#-:\n\x07\x1b\u202e ")),
                   max_size=2000))
    def fuzz(text):
        check_read(suffix, (head.get(suffix, "") + text).encode("utf-8", "surrogatepass"))

    fuzz()
