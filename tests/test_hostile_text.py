"""Unsafe text on the way in and out: control and bidirectional-control
characters become spaces when a document is read (offsets kept), are
escaped in everything docket prints, and never reach an export; CSV cells
that a spreadsheet would run as formulas are neutralised by the one CSV
writer `list --format csv` and `export FILE.csv` share."""
from __future__ import annotations

import csv
import io
import json

import docx
import pytest
from click.testing import CliRunner

from docket import render
from docket.extractor.readers import read_path
from docket.extractor.readers.base import neutralise, one_line
from docket.models.store import Store
from store_support import Clock, document

ESCAPES = "\x1b]0;pwned\x07\x1b[2J"
RLO = "\u202e"
UNSAFE = ["\x1b", "\x07", "\x9b", "\x7f", RLO, "\u2066", "\r"]
FORMULAS = ["=HYPERLINK(\"http://x.test\",\"click\")", "@SUM(A1:A9)", "+1+2", "-3+4"]


# -- reading ------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("Police\x07must act.", "Police must act."),
        (f"say {ESCAPES}hello", "say  ]0;pwned  [2Jhello"),
        (f"file {RLO}fdp.exe", "file  fdp.exe"),
        ("C1\x85\x9bcontrols", "C1  controls"),
        # kept: whitespace, marks and the joiners Urdu needs
        ("tab\there\r\nline\x0cfeed", "tab\there\r\nline\x0cfeed"),
        ("\u200fRLM \u200eLRM \u200cZWNJ \u200dZWJ", "\u200fRLM \u200eLRM \u200cZWNJ \u200dZWJ"),
        ("نجی\u200cشعبہ", "نجی\u200cشعبہ"),
    ],
)
def test_neutralise_replaces_one_for_one(raw, clean):
    assert neutralise(raw) == clean and len(neutralise(raw)) == len(raw)


def test_one_line_keeps_words_apart():
    assert one_line("Police\x07must \ufeffact\u202e now") == "Police must act now"


def write_docx(path, text):
    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(path))


@pytest.mark.parametrize("suffix, between", [
    (".txt", "\x07"), (".md", "\x07"), (".srt", "\x1b"), (".txt", RLO),
    (".docx", RLO),  # Word files cannot hold C0 controls; a bidi override they can
])
def test_a_control_between_words_reads_as_a_space(tmp_path, suffix, between):
    path = tmp_path / f"minutes{suffix}"
    text = f"The Police{between}must close the bridge by Friday.\n"
    if suffix == ".docx":
        write_docx(path, text.strip())
    elif suffix == ".srt":
        path.write_text("1\n00:00:01,000 --> 00:00:04,000\n" + text)
    else:
        path.write_text(text)
    read = read_path(path).text
    assert "Police must close" in read and between not in read
    if suffix == ".txt":
        assert len(read) == len(text)  # one for one: offsets are the file's


@pytest.mark.e2e
def test_a_bell_does_not_make_a_directive_vanish(tmp_path):
    from docket.cli import main

    with_space = tmp_path / "space.txt"
    with_bell = tmp_path / "bell.txt"
    with_space.write_text("Minutes\nThe Police must close the bridge by 2025-03-07.\n")
    with_bell.write_text("Minutes\nThe Police\x07must close the bridge by 2025-03-07.\n")
    runs = [json.loads(CliRunner().invoke(main, ["extract", str(p), "--lang", "en"]).output)
            for p in (with_space, with_bell)]
    assert len(runs[0]["directives"]) == 1
    assert [d["action"] for d in runs[1]["directives"]] == [d["action"] for d in runs[0]["directives"]]
    assert runs[1]["directives"][0]["start"] == runs[0]["directives"][0]["start"]


# -- printing and exporting text stored before it was neutralised ---------------


@pytest.mark.parametrize("text, shown", [
    (ESCAPES, "\\x1b]0;pwned\\x07\\x1b[2J"),
    (f"a{RLO}b", "a\\u202eb"),
    ("over\rwrite", "over\\x0dwrite"),
    ("tab\tand\nline stay", "tab\tand\nline stay"),
    ("Bộ Tài chính; وزارت خزانہ", "Bộ Tài chính; وزارت خزانہ"),
])
def test_terminal_safe(text, shown):
    assert render.terminal_safe(text) == shown


def test_json_safe_is_the_same_json():
    data = {"action": f"x{RLO}y\x1b\x85z"}
    text = render.to_json(data)
    assert json.loads(text) == data
    assert not any(char in text for char in UNSAFE)


HOSTILE = (
    "Minutes\n"
    f"ACTION: Police{ESCAPES} => close the bridge {ESCAPES} by 2025-03-07.\n"
    f"ACTION: Council => pay invoice {RLO}fdp.exe by 2025-03-08.\n"
    + "".join(f"ACTION: Board => {formula} by 2025-03-09.\n" for formula in FORMULAS)
)


@pytest.fixture
def hostile_db(tmp_path):
    """A store holding unsafe text, as a database written before the readers
    neutralised it would (the stand-in extractor reads the text raw)."""
    path = tmp_path / "docket.db"
    with Store.open(path, clock=Clock()) as store:
        store.ingest(*document(tmp_path / "minutes.txt", HOSTILE))
    return path


def run(db, *args):
    from docket.cli import main

    return CliRunner().invoke(main, ["--db", str(db), *args], catch_exceptions=False)


@pytest.mark.parametrize("args", [
    ["list", "--today", "2025-03-01"],
    ["list", "--format", "json"],
    ["list", "--format", "csv"],
    ["stats"],
    ["bodies"],
    ["documents"],
])
def test_nothing_unsafe_reaches_the_terminal(hostile_db, args):
    result = run(hostile_db, *args)
    assert result.exit_code == 0, result.output
    assert not [char for char in UNSAFE if char in result.output]


def test_show_escapes_and_the_list_still_says_what_was_there(hostile_db):
    listed = json.loads(run(hostile_db, "list", "--format", "json").output)
    bridge = next(item for item in listed if "bridge" in item["action"])
    assert ESCAPES in bridge["action"]  # the JSON value is intact; only its printing is escaped
    shown = run(hostile_db, "show", bridge["id"]).output
    assert "\\x1b]0;pwned\\x07" in shown and "\x1b" not in shown


def csv_actions(text: str) -> list[str]:
    rows = list(csv.DictReader(io.StringIO(text)))
    return [row["action"] for row in rows]


def test_list_csv_and_export_csv_neutralise_formulas_alike(hostile_db, tmp_path):
    listed = csv_actions(run(hostile_db, "list", "--format", "csv").output)
    assert run(hostile_db, "export", str(tmp_path / "out.csv")).exit_code == 0
    exported = csv_actions((tmp_path / "out.csv").read_text(encoding="utf-8-sig"))
    for formula in FORMULAS:
        assert "'" + formula in listed and "'" + formula in exported
        assert formula not in listed and formula not in exported
    assert not [cell for cell in listed + exported if cell.startswith(("=", "@", "+", "-"))]


@pytest.mark.parametrize("name", ["out.csv", "out.json", "out.md", "out.ics", "out.docx"])
def test_no_export_carries_display_reordering_or_control_characters(hostile_db, tmp_path, name):
    target = tmp_path / name
    assert run(hostile_db, "export", str(target)).exit_code == 0
    if name.endswith(".docx"):
        content = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
        content += "".join(c.text for t in docx.Document(str(target)).tables for r in t.rows for c in r.cells)
    else:
        content = target.read_text(encoding="utf-8-sig")
    assert "fdp.exe" in content
    assert not [char for char in ("\x1b", "\x07", RLO) if char in content]
