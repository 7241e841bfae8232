"""Meeting transcripts: WebVTT (.vtt) and SubRip (.srt).

Each speaker turn becomes one line "Speaker: utterance" (or just the
utterance when no speaker is marked), a `turn` block carrying the speaker
and the cue's start time ("00:01:02.500"). A cue's wrapped lines are one
turn; a cue holding several voices gives one turn per voice, all at the
cue's time. Consecutive cues stay separate lines, even from one speaker,
unless a sentence runs on from one into the next (the first does not end
a sentence): then they are one turn at the first cue's time. A cue
repeating the previous one word for word (rolling captions) is skipped.

The speaker comes from a WebVTT voice tag (<v Priya Sharma>) or, failing
that, a "Name:" prefix at the start of a cue line (as Zoom writes): one to
five words, no digits, no sentence punctuation, followed by a space; or a
label in brackets, as diarised captions write it ("[SPEAKER_02]: ..."). Other
tags are dropped and WebVTT character references decoded.

WebVTT NOTE blocks are kept as `heading` lines (the transcript's header, not
speech); the meeting date hint is the first year-first date in the header
or the NOTE blocks, else in the file name (see base.find_iso_date).

Bounds: those of a text file (text.MAX_TEXT_BYTES); the parse is one pass
over the lines.
"""
from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from docket.models.errors import InputError
from docket.models.items import Document
from docket.extractor.readers.base import LineBuilder, date_in_name, find_iso_date, one_line
from docket.extractor.readers.text import read_text_bytes

_TIME = r"(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{1,3})"
_TIMING = re.compile(rf"\s*{_TIME}\s*-->\s*{_TIME}(?:\s.*)?")
# Neither format allows "-->" in cue text or notes: a line holding it is a
# timing line, well-formed or not.
_ARROW = "-->"
# A tag's inside never holds "<": a scan stops at the next tag, so a line
# full of unclosed "<v " costs linear, not quadratic, time.
_VOICE = re.compile(r"<v(?:\.[^\s<>]*)?(?:\s+([^<>]*))?>")
_TAG = re.compile(r"<[^<>]*>")
# One to five words, each starting with a letter, holding no digit or
# sentence punctuation ("Dr. Lee", "Nguyễn Văn An"), then ":" and a space.
_NAME_PREFIX = re.compile(r"(?:>>\s*)?([^\W\d_][^\s\d_:,;!?()]*(?: [^\W\d_][^\s\d_:,;!?()]*){0,4})\s*:\s+(.*)")
MAX_NAME_CHARS = 40
_DIALOGUE_DASH = re.compile(r"^[-–—]\s+")
# A speaker label in brackets, as diarised captions write it ("[SPEAKER_02]: ...")
_BRACKET_NAME = re.compile(r"\[([^\W\d][\w .'-]{0,39})\]\s*:?\s+(.*)")
# Sentence ends of any script (the reader does not know the language yet),
# then closing quotes or brackets
_ENDS = re.compile(r"[.!?…۔؟。][\"'”’)\]»]*\s*$")
_ANY_END = re.compile(r"[.!?…۔؟。](?:\s|$)")
MAX_JOINED_CHARS = 1500


@dataclass
class Cue:
    time: str | None  # None: the timing line was malformed
    lines: list[str] = field(default_factory=list)


@dataclass
class Turn:
    speaker: str | None
    time: str | None
    guessed_from: str | None = None  # the line, when speaker came from a "Name:" prefix
    words: list[str] = field(default_factory=list)

    @property
    def utterance(self) -> str:
        return one_line(" ".join(self.words))


def read_vtt_file(path: Path) -> Document:
    name = str(path)
    lines = read_text_bytes(path).lstrip("\ufeff").splitlines()
    if not lines or not re.match(r"WEBVTT(?:[ \t]|$)", lines[0]):
        raise InputError(f"{name}: not a WebVTT transcript (its first line must be WEBVTT)")
    header = lines[0][len("WEBVTT"):].strip(" \t-")
    warnings: list[str] = []
    items = [header, *_parse(lines[1:], markup=True, warnings=warnings, first=2)]
    notes = " ".join(item for item in items if isinstance(item, str))
    return _build(name, "vtt", items, find_iso_date(notes) or date_in_name(path), warnings)


def read_srt_file(path: Path) -> Document:
    name = str(path)
    lines = read_text_bytes(path).lstrip("\ufeff").splitlines()
    warnings: list[str] = []
    return _build(name, "srt", _parse(lines, markup=False, warnings=warnings), date_in_name(path), warnings)


def _build(name: str, format: str, items: list[Turn | str], hint: date | None, warnings: list[str]) -> Document:
    """One heading line per note, one turn line per turn; a turn repeating
    the line before it (rolling captions) is skipped."""
    builder = LineBuilder(name)
    previous = None
    for item in items:
        if isinstance(item, str):
            builder.add(item, "heading")
            previous = None
            continue
        line = f"{item.speaker}: {item.utterance}" if item.speaker else item.utterance
        if item.utterance and one_line(line) != previous:
            builder.add(line, "turn", speaker=item.speaker, time=item.time)
            previous = builder.lines[-1]
    if not any(block.kind == "turn" for block in builder.blocks):
        timing = "00:00:01.000" if format == "vtt" else "00:00:01,000"
        raise InputError(
            f"{name}: no cues with text found (a cue is a line like {timing} --> ... followed by its text)"
        )
    return builder.document(name, format, meeting_date_hint=hint,
                            warnings=[f"{name}: {warning}" for warning in warnings])


def _parse(lines: list[str], *, markup: bool, warnings: list[str], first: int = 1) -> list[Turn | str]:
    """Turns and (for WebVTT) NOTE texts in file order, speakers settled;
    `warnings` gets a line for each malformed timing line (`first` is the
    number of lines[0] in the file)."""
    items: list[Turn | str] = []
    for item in _items(lines, with_notes=markup, warnings=warnings, first=first):
        items.extend(_turns(item, markup) if isinstance(item, Cue) else [item])
    _settle_name_prefixes([item for item in items if isinstance(item, Turn)])
    return _join_cut_turns(items)


def _join_cut_turns(items: list[Turn | str]) -> list[Turn | str]:
    """A speaker's sentence cut across cues is one turn: a turn that does
    not end a sentence goes on in the next turn of the same speaker (at the
    first cue's time), when the transcript is punctuated at all (most turns
    hold a sentence end; an unpunctuated one would become one long line)
    and up to MAX_JOINED_CHARS."""
    turns = [item for item in items if isinstance(item, Turn)]
    if 2 * sum(bool(_ANY_END.search(turn.utterance)) for turn in turns) < len(turns):
        return items
    out: list[Turn | str] = []
    for item in items:
        last = out[-1] if out else None
        if (isinstance(item, Turn) and isinstance(last, Turn) and item.speaker == last.speaker
                and item.words and last.words and not _ENDS.search(last.utterance)
                and len(last.utterance) + len(item.utterance) < MAX_JOINED_CHARS):
            last.words.extend(item.words)
        else:
            out.append(item)
    return out


def _items(lines: list[str], *, with_notes: bool, warnings: list[str], first: int):
    """Cues, and (for WebVTT) the text of NOTE blocks, in file order. A cue
    is a timing line and the text lines after it, up to a blank line or the
    identifier line of the next cue. A cue whose timing line is malformed
    keeps its text, without a time, and adds a warning."""
    index = 0
    while index < len(lines):
        line = lines[index]
        if _ARROW in line:
            cue = Cue(cue_time(line))
            if cue.time is None:
                warnings.append(
                    f"line {first + index}: {one_line(line)[:60]!r} is not a valid cue timing "
                    "(like 00:00:01.000 --> 00:00:04.000); the cue's text is kept without a time"
                )
            index += 1
            while index < len(lines) and lines[index].strip() and not _starts_cue(lines, index):
                cue.lines.append(lines[index])
                index += 1
            yield cue
            continue
        if with_notes and re.match(r"NOTE(?:\s|$)", line):
            note = [line[4:]]
            index += 1
            while index < len(lines) and lines[index].strip():
                note.append(lines[index])
                index += 1
            yield one_line(" ".join(note))
            continue
        index += 1  # identifiers, STYLE and REGION blocks, stray lines


def _starts_cue(lines: list[str], index: int) -> bool:
    """Whether lines[index] is a timing line or the number line before one."""
    if _ARROW in lines[index]:
        return True
    return (
        lines[index].strip().isdigit()
        and index + 1 < len(lines)
        and _ARROW in lines[index + 1]
    )


def cue_time(line: str) -> str | None:
    """The start time of a timing line as "HH:MM:SS.mmm", or None when the
    line is malformed or a time is out of range (minutes and seconds run to
    59: "99:99:99.999" is no time)."""
    timing = _TIMING.fullmatch(line)
    if timing is None:
        return None
    start, end = timing.groups()[:4], timing.groups()[4:]
    if any(int(minutes) > 59 or int(seconds) > 59 for _, minutes, seconds, _ in (start, end)):
        return None
    return format_time(*start)


def format_time(hours: str | None, minutes: str, seconds: str, fraction: str) -> str:
    """A cue time as "HH:MM:SS.mmm"."""
    return f"{int(hours or 0):02d}:{int(minutes):02d}:{int(seconds):02d}.{fraction.ljust(3, '0')}"


def _turns(cue: Cue, markup: bool) -> list[Turn]:
    """A cue's turns: a line with a speaker of its own starts a turn, any
    other line continues the one before it."""
    turns: list[Turn] = []
    for line in cue.lines:
        for voice, text in _voices(line) if markup else [(None, _TAG.sub("", line))]:
            speaker, words = (voice, text) if voice else _name_prefix(text)
            if speaker is not None or not turns:
                turns.append(Turn(speaker, cue.time, guessed_from=text if speaker and not voice else None))
            turns[-1].words.append(words)
    return turns


def _voices(line: str) -> list[tuple[str | None, str]]:
    """A WebVTT cue line split at its voice tags: (voice or None, plain text)."""
    parts: list[tuple[str | None, str]] = []
    start, voice = 0, None
    for match in _VOICE.finditer(line):
        if match.start() > start or voice is not None:
            parts.append((voice, line[start:match.start()]))
        voice, start = one_line(html.unescape(match[1] or "")) or None, match.end()
    parts.append((voice, line[start:]))
    return [(speaker, html.unescape(_TAG.sub("", text))) for speaker, text in parts if speaker or text.strip()]


def _name_prefix(text: str) -> tuple[str | None, str]:
    """("Name", rest) when the line starts with a speaker's "Name: "."""
    text = _DIALOGUE_DASH.sub("", text.strip(), count=1)
    match = _BRACKET_NAME.fullmatch(text) or _NAME_PREFIX.fullmatch(text)
    if match and len(match[1]) <= MAX_NAME_CHARS:
        return one_line(match[1]), match[2]
    return None, text


def _settle_name_prefixes(turns: list[Turn]) -> None:
    """Keep a "Name:" prefix as a speaker when the transcript marks speakers
    that way (most of its turns do) or the name recurs; otherwise it
    was a colon in speech ("So the plan is: ...") and goes back into the text."""
    guessed = [turn for turn in turns if turn.guessed_from is not None]
    counts = Counter(turn.speaker for turn in guessed)
    if 2 * len(guessed) > len(turns):
        return
    for turn in guessed:
        if counts[turn.speaker] < 2:
            turn.speaker, turn.words[0] = None, turn.guessed_from
