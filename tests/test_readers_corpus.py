"""The corpus samples docket reads: every gold text is in the text the reader
builds (in order, as `docket eval` looks for them), and the generated
samples are what corpus/make_samples.py builds today."""
from __future__ import annotations

import json

import pytest

from docket.extractor.readers import READERS, read_path
from readers_support import CORPUS, assert_lines_and_blocks, samples

GOLD_SUFFIX = ".gold.json"
SAMPLES = sorted(
    path for path in CORPUS.glob("*/*")
    if not path.name.endswith(GOLD_SUFFIX) and path.suffix in READERS and path.suffix != ".txt"
)


def test_the_corpus_has_a_sample_of_each_new_format():
    assert {path.suffix for path in SAMPLES} >= {".docx", ".vtt", ".srt", ".pdf", ".md"}


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_gold_texts_are_found_in_order_in_the_read_text(path):
    gold = json.loads((path.parent / (path.name + GOLD_SUFFIX)).read_text(encoding="utf-8"))
    document = read_path(path)
    assert_lines_and_blocks(document)
    assert gold["source"] == path.name
    assert str(document.meeting_date_hint) == gold["meeting_date"]
    position = 0
    for directive in gold["directives"]:
        found = document.text.find(directive["text"], position)
        assert found >= 0, directive["text"]
        position = found + len(directive["text"])
        if directive["deadline"]:
            assert directive["deadline"]["text"] in directive["text"]
    for negative in gold["negatives"]:
        assert negative["text"] in document.text


@pytest.mark.parametrize("relative", sorted(samples.SAMPLES))
def test_generated_samples_are_up_to_date(relative):
    assert (CORPUS / relative).read_bytes() == samples.SAMPLES[relative](), (
        f"run python corpus/make_samples.py to rebuild {relative}"
    )


def test_docx_sample_action_rows_carry_their_cells():
    document = read_path(CORPUS / "en" / "steering-2025-03-04.docx")
    rows = [block for block in document.blocks if block.kind == "table_row"]
    assert [document.text[b.start:b.end] for b in rows][0] == (
        "1 | Circulate the revised floor plan to all staff | Marcus Lee | 7 March 2025"
    )
    assert [b.cells["owner"] for b in rows] == ["Marcus Lee", "Aisha Khan", "Helen Ward"]


def test_transcript_samples_carry_speakers_and_times():
    vtt = read_path(CORPUS / "en" / "product-sync-2025-03-11.vtt")
    turn = next(b for b in vtt.blocks if "check the budget" in vtt.text[b.start:b.end])
    assert (turn.kind, turn.speaker, turn.time) == ("turn", "Daniel Ortiz", "00:00:11.000")
    srt = read_path(CORPUS / "en" / "site-visit-2025-03-12.srt")
    turn = next(b for b in srt.blocks if "book the crane" in srt.text[b.start:b.end])
    assert (turn.kind, turn.speaker, turn.time) == ("turn", "Ken Adams", "00:00:18.000")
