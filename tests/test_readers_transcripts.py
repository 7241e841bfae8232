"""WebVTT and SRT transcripts, from file to Document."""
from __future__ import annotations

from datetime import date

import pytest

from docket.extractor.readers import read_path
from docket.models.errors import InputError
from readers_support import assert_lines_and_blocks

TEAMS_VTT = """\ufeffWEBVTT

NOTE
Meeting: Weekly sync, 2025-03-04

a1b2/12-0
00:00:01.000 --> 00:00:04.500 align:start
<v Priya Raman>I&apos;ll send the deck by Monday.</v>

a1b2/13-0
00:01:02.5 --> 00:01:05.000
<v.loud Daniel Ortiz>Priya, can you check
the <b>budget</b> by Friday?</v>

STYLE
::cue { color: white }

14
01:02:03.250 --> 01:02:04.000
<v Tom>Agreed.</v>
<v Priya Raman>Then it&#39;s decided &amp; done.</v>
"""


def read(tmp_path, name, content, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(content.encode(encoding))
    return read_path(path)


def turns(document):
    return [(b.speaker, b.time, document.text[b.start:b.end]) for b in document.blocks if b.kind == "turn"]


def test_vtt_voices_times_and_header(tmp_path):
    document = read(tmp_path, "sync.vtt", TEAMS_VTT)
    assert document.text == (
        "Meeting: Weekly sync, 2025-03-04\n"
        "Priya Raman: I'll send the deck by Monday.\n"
        "Daniel Ortiz: Priya, can you check the budget by Friday?\n"
        "Tom: Agreed.\n"
        "Priya Raman: Then it's decided & done."
    )
    assert_lines_and_blocks(document)
    assert turns(document) == [
        ("Priya Raman", "00:00:01.000", "Priya Raman: I'll send the deck by Monday."),
        ("Daniel Ortiz", "00:01:02.500", "Daniel Ortiz: Priya, can you check the budget by Friday?"),
        ("Tom", "01:02:03.250", "Tom: Agreed."),
        ("Priya Raman", "01:02:03.250", "Priya Raman: Then it's decided & done."),
    ]
    assert document.blocks[0].kind == "heading"
    assert (document.format, document.meeting_date_hint) == ("vtt", date(2025, 3, 4))


def test_vtt_in_utf16_with_date_from_the_file_name(tmp_path):
    content = "WEBVTT\n\n00:00.000 --> 00:02.000\nZoe Li: I'll book the room.\n"
    document = read(tmp_path, "2025-03-05 weekly.vtt", content, "utf-16")
    assert turns(document) == [("Zoe Li", "00:00:00.000", "Zoe Li: I'll book the room.")]
    assert document.meeting_date_hint == date(2025, 3, 5)


ZOOM_SRT = """1
00:00:01,000 --> 00:00:03,000
Maria Gomez: Ken, can you send the photos
by Thursday?

2
00:00:03,000 --> 00:00:06,000
Ken Adams: Yes. The plan is: I'll send them tonight.

3
00:00:06,000 --> 00:00:06,500
Ken Adams: Yes. The plan is: I'll send them tonight.
4
00:00:07,000 --> 00:00:09,000
<i>- Dr. Lee: Fine by me.</i>
"""


def test_srt_name_prefixes_and_repeated_captions(tmp_path):
    document = read(tmp_path, "debrief.srt", ZOOM_SRT.replace("\n", "\r\n"))
    assert turns(document) == [
        ("Maria Gomez", "00:00:01.000", "Maria Gomez: Ken, can you send the photos by Thursday?"),
        ("Ken Adams", "00:00:03.000", "Ken Adams: Yes. The plan is: I'll send them tonight."),
        ("Dr. Lee", "00:00:07.000", "Dr. Lee: Fine by me."),
    ]
    assert_lines_and_blocks(document)
    assert (document.format, document.meeting_date_hint) == ("srt", None)


def test_a_colon_in_speech_is_not_a_speaker(tmp_path):
    captions = "\n\n".join(
        f"{n}\n00:00:0{n},000 --> 00:00:0{n},900\n{text}"
        for n, text in enumerate(["Welcome back everyone.", "So the plan is: we ship on Friday.",
                                  "Any questions?", "Note: the demo is recorded."], 1)
    )
    document = read(tmp_path, "captions.srt", captions)
    assert [(speaker, text) for speaker, _, text in turns(document)] == [
        (None, "Welcome back everyone."),
        (None, "So the plan is: we ship on Friday."),
        (None, "Any questions?"),
        (None, "Note: the demo is recorded."),
    ]


def _captions(texts: list[str]) -> str:
    return "\n\n".join(f"{n}\n00:00:{n:02d},000 --> 00:00:{n:02d},900\n{text}" for n, text in enumerate(texts, 1))


def test_a_sentence_cut_across_one_speakers_cues_is_one_turn(tmp_path):
    document = read(tmp_path, "council.srt", _captions([
        "[SPEAKER_01]: We will post the draft online", "[SPEAKER_01]: before the hearing.",
        "[SPEAKER_01]: Next item.", "[SPEAKER_02]: Agreed, and the clerk", "[SPEAKER_01]: will confirm it.",
    ]))
    assert turns(document) == [
        ("SPEAKER_01", "00:00:01.000", "SPEAKER_01: We will post the draft online before the hearing."),
        ("SPEAKER_01", "00:00:03.000", "SPEAKER_01: Next item."),
        ("SPEAKER_02", "00:00:04.000", "SPEAKER_02: Agreed, and the clerk"),
        ("SPEAKER_01", "00:00:05.000", "SPEAKER_01: will confirm it."),
    ]
    assert_lines_and_blocks(document)


def test_unpunctuated_captions_are_not_run_together(tmp_path):
    texts = ["so we start with the budget", "and then the roads", "ok thanks everyone", "see you next week"]
    document = read(tmp_path, "asr.srt", _captions(texts))
    assert [text for _, _, text in turns(document)] == texts


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("a.vtt", "WEBVTTX\n\n00:00:01.000 --> 00:00:02.000\nHi", "not a WebVTT transcript (its first line must be WEBVTT)"),
        ("a.vtt", "1\n00:00:01,000 --> 00:00:02,000\nHi\n", "not a WebVTT transcript (its first line must be WEBVTT)"),
        ("a.vtt", "WEBVTT\n\nNOTE nothing said\n", "no cues with text found (a cue is a line like 00:00:01.000 --> ... followed by its text)"),
        ("a.srt", "Just some prose, no timings.\n", "no cues with text found (a cue is a line like 00:00:01,000 --> ... followed by its text)"),
        ("a.srt", "1\n00:00:01,000 --> 00:00:02,000\n\n", "no cues with text found (a cue is a line like 00:00:01,000 --> ... followed by its text)"),
    ],
)
def test_transcripts_without_cues_are_refused(tmp_path, name, content, message):
    with pytest.raises(InputError) as error:
        read(tmp_path, name, content)
    assert str(error.value) == f"{tmp_path / name}: {message}"
