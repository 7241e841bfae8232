"""Helpers shared by the reader tests: the corpus generator's builders, and
the invariant every Document a reader builds must keep."""
from __future__ import annotations

import importlib.util
import io
import zipfile
from pathlib import Path

from docket.models.items import Document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def load_samples():
    """corpus/make_samples.py as a module (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("make_samples", CORPUS / "make_samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


samples = load_samples()
pdf_bytes = samples.pdf_bytes
stable_docx = samples.stable_docx


def assert_lines_and_blocks(document: Document) -> None:
    """One block per line, in order, each spanning its line exactly."""
    lines = document.text.split("\n")
    assert len(document.blocks) == len(lines)
    position = 0
    for line, block in zip(lines, document.blocks):
        assert (block.start, block.end) == (position, position + len(line))
        assert line == line.strip() and line
        position += len(line) + 1


def lines_of(document: Document) -> list[tuple[str, str]]:
    return [(block.kind, document.text[block.start:block.end]) for block in document.blocks]


def zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
    return out.getvalue()


def docx_members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}
