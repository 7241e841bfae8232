"""The fast paths of docket/render.py against the plain definitions they
replace: the plain ones are kept here, as written before the table output
was made fast, and each fast function must give the same answer on many
generated strings (ASCII, Urdu, decomposed Vietnamese, CJK, soft hyphens,
control and bidi characters, empty and long strings) and limits 0..40.
`docket list` prints what these functions return, so any difference is a
changed output, never a harmless one."""
from __future__ import annotations

import gc
import random
import re
import unicodedata
from datetime import date, timedelta

import pytest

from docket import render
from docket.exports.common import DISPLAY_UNSAFE
from docket.models.items import ActionItem, Status

# -- the plain definitions -------------------------------------------------


def plain_char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) == "Cf":
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def plain_width(text: str) -> int:
    return sum(map(plain_char_width, text))


def plain_terminal_safe(text: str) -> str:
    def escape(match: re.Match) -> str:
        code = ord(match[0])
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return DISPLAY_UNSAFE.sub(escape, text)


def plain_clip(text: str, limit: int) -> str:
    text = " ".join(plain_terminal_safe(text).split())
    if plain_width(text) <= limit:
        return text
    used = 0
    for index, char in enumerate(text):
        used += plain_char_width(char)
        if used > limit - 1:
            return text[:index] + "…"
    return text


def plain_right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def plain_isolate(cell: str) -> str:
    return f"{render.FSI}{cell}{render.PDI}" if plain_right_to_left(cell) else cell


def plain_table_pages(headers, pages, stretch=None, columns=120):
    header = [plain_terminal_safe(str(h)) for h in headers]
    widths = [plain_width(h) for h in header]
    first = True
    for rows in pages:
        cells = [["" if c is None else plain_terminal_safe(str(c)) for c in row] for row in rows]
        if stretch is not None:
            for i in range(len(header)):
                if i != stretch:
                    widths[i] = max([widths[i], *(plain_width(r[i]) for r in cells)])
            others = sum(w + 2 for i, w in enumerate(widths) if i != stretch)
            room = max(30, columns - others)
            for row in cells:
                row[stretch] = plain_clip(row[stretch], room)
        widths = [max([widths[i], *(plain_width(r[i]) for r in cells)]) for i in range(len(header))]
        if first:
            cells.insert(0, header)
            first = False
        yield ["  ".join(plain_isolate(cell) + " " * (widths[i] - plain_width(cell))
                         for i, cell in enumerate(row)).rstrip() for row in cells]


def plain_flags(item: ActionItem, today) -> str:
    marks = [("overdue", item.is_overdue(today)), ("urgent", item.urgent),
             ("recurring", item.recurring), ("vanished", item.vanished), ("to-review", item.review is not None)]
    return ",".join(name for name, on in marks if on)


def plain_item_row(item: ActionItem, today) -> list:
    due = item.deadline.isoformat() if item.deadline else (item.deadline_text or "-")
    return [item.id, item.status.value, plain_clip(due, 24), plain_flags(item, today),
            plain_clip("; ".join(item.responsible) or "-", 30), item.action]


# -- generated text --------------------------------------------------------

WORDS = [
    "publish", "the", "procurement", "rules", "Ministry", "of", "Finance", "budget", "x" * 45,
    "وزارت", "خزانہ", "ضلعی", "انتظامیہ", "עברית", "٣٤", "ـ",  # Urdu, Hebrew, Arabic digits, a tatweel
    unicodedata.normalize("NFD", "Bộ Tài chính Ủy ban nhân dân tỉnh"),  # Vietnamese, marks decomposed
    "Bộ", "Sở", "Văn phòng", "財政部", "予算", "ｆｕｌｌ", "한국",  # composed, CJK, fullwidth, Hangul
    "soft\u00adhyphen", "\u00ad", "\u0301", "e\u0301\u0302", "\u200b", "\u200d", "\u2060",
    "\x1b[31m", "\x07", "\x00", "\r", "\x7f", "\x85", "\x9b", "\u202e", "\u202a", "\u2066", "\u2068", "\u2069",
    "\t", "\n", "  ", "\u00a0", "\u3000", "\u2028", "\x1c", "\ufeff", "…", "🙂", "\U0001F1F5\U0001F1F0",
    "\U00010900", "\U0001E900", "\ud800", "\ue000", "\U000E0001", "a\u0300", "\u0e33", "\u1160",
]


def text(rng: random.Random) -> str:
    """A random string: a few words from WORDS, random code points, or empty."""
    kind = rng.random()
    if kind < 0.1:
        return ""
    if kind < 0.25:  # any code points, weighted to the BMP
        top = rng.choice([0x80, 0x800, 0x3100, 0x10000, 0x110000])
        return "".join(chr(rng.randrange(top)) for _ in range(rng.randrange(1, 12)))
    return rng.choice(["", " ", "  "]).join(rng.choice(WORDS) for _ in range(rng.randrange(1, 8)))


def texts(count: int, seed: int = 15) -> list[str]:
    rng = random.Random(seed)
    return [text(rng) for _ in range(count)] + WORDS + ["", "a", "abc " * 30]


SAMPLES = texts(3000)


# -- the checks -------------------------------------------------------------


def test_the_samples_hold_what_the_fast_paths_skip_and_what_they_do_not():
    joined = "".join(SAMPLES)
    for char in "\u0301\u00ad\u0627\u05e2財\x1b\u202e\t\n\u00a0":
        assert char in joined
    assert sum(sample.isascii() for sample in SAMPLES) > 200
    assert sum(not sample.isascii() for sample in SAMPLES) > 1000


def test_width_equals_the_sum_of_the_character_widths():
    for sample in SAMPLES:
        assert render.width(sample) == plain_width(sample), repr(sample)


def test_terminal_safe_equals_the_plain_substitution():
    for sample in SAMPLES:
        assert render.terminal_safe(sample) == plain_terminal_safe(sample), repr(sample)


@pytest.mark.parametrize("limit", range(41))
def test_clip_equals_the_plain_clip(limit):
    for sample in SAMPLES:
        assert render.clip(sample, limit) == plain_clip(sample, limit), (repr(sample), limit)


def test_right_to_left_and_isolate_equal_the_plain_ones():
    for sample in SAMPLES:
        assert render.right_to_left(sample) == plain_right_to_left(sample), repr(sample)
        assert render.isolate(sample) == plain_isolate(sample), repr(sample)


def test_right_to_left_on_every_code_point():
    # one character at a time: whatever table of right-to-left letters the
    # fast path keeps must agree with unicodedata on every one of them
    for code in range(0x110000):
        char = chr(code)
        assert render.right_to_left(char) == plain_right_to_left(char), hex(code)
        assert render.right_to_left("a" + char) == plain_right_to_left(char), hex(code)


def test_terminal_safe_and_width_on_every_code_point():
    for code in range(0x110000):
        char = chr(code)
        assert render.terminal_safe(char) == plain_terminal_safe(char), hex(code)
        assert render.width(char) == plain_width(char), hex(code)


def rows(rng: random.Random, count: int) -> list[list]:
    pool = SAMPLES + [None, 0, 12, 3.5, date(2025, 6, 1)]
    return [[rng.choice(pool) for _ in range(4)] for _ in range(count)]


@pytest.mark.parametrize("columns", [10, 60, 120, 200])
@pytest.mark.parametrize("stretch", [None, 0, 3])
def test_table_pages_equal_the_plain_table(monkeypatch, columns, stretch):
    monkeypatch.setenv("COLUMNS", str(columns))
    monkeypatch.setenv("LINES", "24")
    rng = random.Random(columns * 10 + (stretch or 0))
    headers = ["ID", "\u202eWHO", "داں", "ACTION"]
    pages = [rows(rng, rng.randrange(0, 60)) for _ in range(6)] + [[]]
    expected = list(plain_table_pages(headers, pages, stretch, columns))
    assert list(render.table_pages(headers, pages, stretch)) == expected
    one = [row for page in pages for row in page]
    assert render.table(headers, one, stretch) == "\n".join(next(plain_table_pages(headers, [one], stretch, columns)))


def items(count: int, seed: int = 7) -> list[ActionItem]:
    rng = random.Random(seed)
    made = []
    for number in range(count):
        deadline = rng.choice([None, date(2025, 6, 1) + timedelta(days=rng.randrange(-40, 40))])
        made.append(ActionItem(
            id=f"{number:012x}", document_id=1, document_source="x.txt", document_title=None, lang="en",
            meeting_date=None, text="", start=0, end=0, action=rng.choice(SAMPLES),
            responsible=[rng.choice(SAMPLES) for _ in range(rng.randrange(0, 4))], responsible_inherited=False,
            issuer=None, deadline_text=rng.choice([None, "", *SAMPLES[:200]]), deadline=deadline,
            urgent=rng.random() < 0.3, recurring=rng.random() < 0.2, confidence=1.0,
            status=rng.choice(list(Status)), vanished=rng.random() < 0.1,
            review=rng.choice([None, None, "", "unsure"])))
    return made


def test_item_row_and_flags_equal_the_plain_ones():
    today = date(2025, 6, 1)
    for item in items(2000):
        assert render.flags(item, today) == plain_flags(item, today)
        assert list(render.item_row(item, today)) == plain_item_row(item, today)


def test_an_item_row_is_left_out_of_the_garbage_collectors_walks():
    # the rows of a 70,000-item list would otherwise set off full collections
    row = render.item_row(items(1)[0], date(2025, 6, 1))
    gc.collect()
    assert not gc.is_tracked(row)


def test_a_table_of_rows_given_once_as_a_generator():
    rows = [["a", "ضلعی"], ["bb", None]]
    assert render.table(["X", "Y"], (row for row in rows)) == render.table(["X", "Y"], rows)
    assert list(render.table_pages(["X", "Y"], ((row for row in page) for page in [rows, rows]))) == \
        list(render.table_pages(["X", "Y"], [rows, rows]))


def test_json_rows_equal_safe_json_of_each_row():
    """json_rows_chunks escapes a row only when it is not printable: the same
    text as safe_json's escape of every row, on rows holding every kind of
    sample text (controls, bidi overrides, soft hyphens) as keys and values."""
    from docket.exports.common import safe_json

    samples = texts(300, seed=21)
    rows = [{"text": value, "n": index, value[:5]: [value, None]} for index, value in enumerate(samples)]
    assert any(not json_row.isprintable() for json_row in map(safe_json, rows))
    expected = "[" + ",\n ".join(safe_json(row) for row in rows) + "]"
    assert "".join(render.json_rows_chunks(iter(rows), size=7)) == expected


@pytest.mark.parametrize("text", ["abc", "submit the draft budget by June", "Bộ Tài chính và Sở Y tế",
                                  "Bo\u0302\u0323 Ta\u0300i", "会议纪要会议纪要", "ضلعی انتظامیہ کو ہدایت",
                                  "soft\u00adhyphen here", "ab" + "\u0301" * 40, ""])
@pytest.mark.parametrize("limit", [0, 1, 2, 5, 12, 40])
def test_clip_and_width_on_named_texts(text, limit):
    """Besides the generated texts: a run of zero-width marks after the cut
    (the cut is then unneeded), wide characters, a soft hyphen."""
    assert render.width(text) == plain_width(text)
    assert render.clip(text, limit) == plain_clip(text, limit)
