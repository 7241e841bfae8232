"""The tokenizer guard: runs of punctuation without spaces are tokenized in
bounded pieces, and every Doc is what spaCy's own tokenizer makes of the text
(same tokens, spaces, norms and offsets)."""
from __future__ import annotations

import json

import pytest
import spacy
from click.testing import CliRunner

from docket.cli import main
from docket.extractor.nlp import build_nlp
from docket.extractor.tokenizer_guard import MAX_SPLIT_CHARS, PIECE_CHARS, GuardedTokenizer, is_pathological, _lines

URL = "https://example.org/minutes/2025/" + "council-meeting-notes-" * 5 + "final.html?v=2#item-4"


def signature(doc) -> list[tuple[str, str, str, int]]:
    return [(t.text, t.whitespace_, t.norm_, t.idx) for t in doc]


@pytest.mark.parametrize(
    "run, pathological",
    [
        ("[" * (MAX_SPLIT_CHARS + 1), True),
        ("a[" * (MAX_SPLIT_CHARS + 1), True),
        ("*_" * 200, True),
        ("[" * MAX_SPLIT_CHARS, False),  # at the bound: left whole
        ("a" * 5000, False),  # one long word is one token: cheap
        (URL, False),  # a long URL has few non-word characters
        ("[" + URL + "](" + URL + ")", False),
    ],
)
def test_which_runs_are_cut(run, pathological):
    assert is_pathological(run) is pathological


LONG = "[" * (MAX_SPLIT_CHARS + 1)


@pytest.mark.parametrize(
    "text, runs",
    [
        (LONG, [(0, len(LONG), len(LONG))]),  # at the text's start
        (LONG + " x", [(0, len(LONG), len(LONG) + 1)]),  # the run keeps the space after it
        ("x " + LONG, [(2, 2 + len(LONG), 2 + len(LONG))]),
        ("x\t" + LONG + "\n", [(2, 2 + len(LONG), 2 + len(LONG))]),  # after a tab; a break after it is no " "
        ("\u00a0" + LONG, [(1, 1 + len(LONG), 1 + len(LONG))]),  # a no-break space is a space
        (LONG + " " + LONG, [(0, len(LONG), len(LONG) + 1), (len(LONG) + 1, 2 * len(LONG) + 1, 2 * len(LONG) + 1)]),
        ("x" + LONG, [(0, len(LONG) + 1, len(LONG) + 1)]),  # a word glued before it is part of the run
        ("[" * MAX_SPLIT_CHARS + " " + "[" * MAX_SPLIT_CHARS, []),  # two runs at the bound, one space apart
        ("a" * 5000 + " " + URL, []),  # long, but words
        ("", []),
    ],
)
def test_where_the_runs_to_cut_stand(text, runs):
    assert list(GuardedTokenizer._pathological_runs(text)) == runs


@pytest.mark.parametrize("lang", ["en", "xx"])
@pytest.mark.parametrize(
    "text",
    [
        "Jane must send the draft by Friday.\nThe board will review it.",
        "[" * 200,
        "Jane must go. " + "[" * 100 + " then  " + "*" * 130 + "\n\nOK",
        "  " + "(" * 70 + "  x",
        "(" * (PIECE_CHARS * 3) + " ",
        "a\n" + '"' * 66 + "\n",
        "won't " + "[]" * 50 + " don't",
        "See " + URL + " and " + "_*" * 80 + " now.",
        # several lines, fed to spaCy one at a time
        "Agenda \nItem one:  don't wait.\r\nItem two (a.m.) :)\n\n\n  indented line\n\tTabbed\nlast",
        "\nstarts with a break\n \nand a line of one space \n",
        " \u00a0\nno-break space\u00a0 \nthen\u00a0\n",
        "Ends on a break\n",
        "tiếng Việt: Bộ Tài chính trình dự thảo.\nوزارت خزانہ رپورٹ پیش کرے۔\n",
    ],
)
def test_the_guarded_doc_is_the_doc_spacy_makes(lang, text):
    nlp = spacy.blank(lang)
    guarded = GuardedTokenizer(nlp.tokenizer, nlp.vocab)
    doc = guarded(text)
    assert doc.text == text
    assert signature(doc) == signature(nlp.tokenizer(text))


def test_no_piece_handed_to_spacy_holds_a_long_punctuation_run():
    nlp = spacy.blank("en")
    seen: list[str] = []

    def recording(text):
        seen.append(text)
        return nlp.tokenizer(text)

    text = "Jane must act.\n" + "[" * 16000 + " and " + "*_" * 5000 + "\nDone."
    doc = GuardedTokenizer(recording, nlp.vocab)(text)
    assert doc.text == text and len(doc) > 26000
    assert max(len(piece) for piece in seen if "[" in piece or "*" in piece) <= PIECE_CHARS + 1


def test_spacy_is_fed_one_line_at_a_time():
    """spaCy stops caching words once a special case (a line break is one)
    has matched in a text: each line is a text of its own."""
    nlp = spacy.blank("en")
    seen: list[str] = []

    def recording(text):
        seen.append(text)
        return nlp.tokenizer(text)

    text = "First line.\nSecond line\n\n  indented, with the line before\nlast"
    doc = GuardedTokenizer(recording, nlp.vocab)(text)
    assert seen == ["First line.\n", "Second line\n\n  indented, with the line before\n", "last"]
    assert signature(doc) == signature(nlp.tokenizer(text))
    seen.clear()
    GuardedTokenizer(recording, nlp.vocab)("One line, no break.")
    assert seen == ["One line, no break."]


def test_the_pipeline_tokenizer_is_guarded():
    for code in ("en", "ur", "vi"):
        assert isinstance(build_nlp(code).tokenizer, GuardedTokenizer)


@pytest.mark.e2e
def test_extract_of_a_bracket_file_is_clean(tmp_path):
    path = tmp_path / "brackets.txt"
    path.write_text("[" * 16000 + "\nJane must send the draft by Friday.\n")
    result = CliRunner().invoke(main, ["extract", str(path), "--lang", "en"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (directive,) = json.loads(result.output)["directives"]
    assert directive["responsible"] == ["Jane"]


@pytest.mark.parametrize("text, start, end, pieces", [
    ("one\ntwo\n\n  three\n", 0, None, ["one\n", "two\n\n  three\n"]),  # an indented line goes with the one before
    ("one\ntwo", 4, None, ["two"]),  # the break before `start` opens no empty piece
    ("one\ntwo\nthree", 0, 8, ["one\n", "two\n"]),  # a line starting at `end` is not read past it
    ("\n\nx", 0, None, ["\n\n", "x"]),
    ("no break at all", 0, None, ["no break at all"]),
    (" \n \n", 0, None, [" \n \n"]),  # breaks followed by spaces only start no line
])
def test_lines_are_cut_where_a_line_starts(text, start, end, pieces):
    end = len(text) if end is None else end
    assert list(_lines(text, start, end)) == pieces
