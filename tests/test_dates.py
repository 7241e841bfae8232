"""Deadline phrases per language resolved by the one resolver (ANNOTATION.md
sections 3 and 7): (lang, phrase in a sentence, meeting date, expected date);
2025-02-13 is a Thursday."""
from __future__ import annotations

from datetime import date

import pytest
import regex

from docket.extractor.anchors import (LONG_TEXT, Anchor, alternation, first_chars, longest_first, spaces_of,
                                      word_starts)
from docket.extractor.dates import DateGrammar, DateMatch, resolve
from docket.extractor.lang import load_pack

MEETING = date(2025, 2, 13)  # Thursday
M = "2025-02-13"

CASES = [
    ("en", "submit it by 31 March 2025", M, "2025-03-31"),
    ("en", "submit it by March 31, 2025", M, "2025-03-31"),
    ("en", "send the plan in February 2025", M, "2025-02-28"),
    ("en", "finish by 30 June", M, "2025-06-30"),
    ("en", "finish by 10 January", M, "2026-01-10"),  # no year: the next one after the meeting
    ("en", "report within 30 days", M, "2025-03-15"),
    ("en", "report within two weeks", M, "2025-02-27"),
    ("en", "by the end of Q2 2025", M, "2025-06-30"),
    ("en", "by the end of the second quarter of 2025", M, "2025-06-30"),
    ("en", "by the end of the year", M, "2025-12-31"),
    ("en", "next week", M, "2025-02-23"),
    ("en", "by Friday", M, "2025-02-14"),
    ("en", "by Thursday", M, "2025-02-20"),  # said on a Thursday: the next one
    ("en", "before the next meeting", M, None),
    ("en", "as soon as possible", M, None),
    ("ur", "31 مارچ 2025 تک", M, "2025-03-31"),
    ("ur", "فروری 2025 میں", M, "2025-02-28"),
    ("ur", "30 دن کے اندر", M, "2025-03-15"),
    ("ur", "2025 کی دوسری سہ ماہی کے آخر تک", M, "2025-06-30"),
    ("ur", "سال کے آخر تک", M, "2025-12-31"),
    ("ur", "اگلے ہفتے", M, "2025-02-23"),
    ("ur", "جمعہ تک", M, "2025-02-14"),
    ("ur", "۳۱ مارچ ۲۰۲۵ تک", M, "2025-03-31"),  # Urdu digits
    ("ur", "اگلے اجلاس سے پہلے", M, None),
    ("vi", "trước ngày 31/3/2025", M, "2025-03-31"),
    ("vi", "chậm nhất ngày 31.3.2025", M, "2025-03-31"),
    ("vi", "trước ngày 15-12", M, "2025-12-15"),
    ("vi", "trước ngày 20 tháng 7 năm 2025", M, "2025-07-20"),
    ("vi", "trong tháng 2/2025", M, "2025-02-28"),
    ("vi", "trong tháng 01 năm 2026", M, "2026-01-31"),
    ("vi", "trong quý I/2025", M, "2025-03-31"),
    ("vi", "trong quý II năm 2025", M, "2025-06-30"),
    ("vi", "trong 6 tháng đầu năm 2025", M, "2025-06-30"),
    ("vi", "trước cuối năm 2025", M, "2025-12-31"),
    ("vi", "cuối năm", M, "2025-12-31"),
    ("vi", "trong vòng 30 ngày", M, "2025-03-15"),
    ("vi", "cuối tuần này", M, "2025-02-16"),
    ("vi", "trong tuần tới", M, "2025-02-23"),
    ("vi", "trước kỳ họp tới", M, None),
    # English: deadlines said in so many words, a date after a dash, a month's meeting
    ("en", "These reports have 24 February as the deadline for submission.", M, "2025-02-24"),
    ("en", "The deadline for comments is 3 March.", M, "2025-03-03"),
    ("en", "Amara to present at the users' forum - March 20th", M, "2025-03-20"),
    ("en", "adjourned until the May Municipal District Meeting", M, "2025-05-31"),
    ("en", "an update will be given at the February meeting", M, "2025-02-28"),
    ("en", "by the end of this year", M, "2025-12-31"),
    # Urdu: روز, یوم and hours as units, days as number words, a year alone, extensions
    ("ur", "دس روز میں", M, "2025-02-23"),
    ("ur", "10روز میں", M, "2025-02-23"),
    ("ur", "15 یوم کی ڈیڈ لائن دے دی", M, "2025-02-28"),
    ("ur", "مزید 60 دن کا وقت دے دیا", M, "2025-04-14"),
    ("ur", "آئندہ چوبیس گھنٹے میں", M, "2025-02-14"),
    ("ur", "بیس مارچ تک", M, "2025-03-20"),
    ("ur", "رواں ماہ کے آخر تک", M, "2025-02-28"),
    ("ur", "اگلے ماہ میں", M, "2025-03-31"),
    ("ur", "16 فروری سے پہلے", M, "2025-02-16"),
    ("ur", "2025 میں", M, "2025-12-31"),
    ("ur", "2026ء تک", M, "2026-12-31"),
    ("ur", "جمعے تک", M, "2025-02-14"),
    ("ur", "ایک ماہ میں", M, "2025-03-13"),  # within one month: the same day of the next month
    ("ur", "تین دن کے اندر اندر", M, "2025-02-16"),
    # Vietnamese: weekdays of this or next week, N weeks, meeting-anchored months, periods
    ("vi", "gửi chậm nhất thứ Sáu tuần sau", M, "2025-02-21"),
    ("vi", "chậm nhất thứ Sáu tuần này", M, "2025-02-14"),
    ("vi", "trước Thứ 5", M, "2025-02-20"),
    ("vi", "trong 02 tuần tới", M, "2025-02-27"),  # two weeks, not "next week"
    ("vi", "trình phiên họp Chính phủ tháng 11/2025", M, "2025-11-30"),
    ("vi", "trình Chính phủ tại phiên họp thường kỳ tháng 5/2025", M, "2025-05-31"),
    ("vi", "từ nay đến cuối năm", M, "2025-12-31"),
    ("vi", "trước ngày 20-7-2025", M, "2025-07-20"),
    ("vi", "trước ngày 20.7.2025", M, "2025-07-20"),
    ("vi", "trước ngày 20/7", M, "2025-07-20"),
    ("vi", "trong quý III", M, "2025-09-30"),
    ("vi", "trong vòng 15 ngày", M, "2025-02-28"),
    ("vi", "hoàn thành trong tháng 11, tháng 12 năm 2025", M, "2025-12-31"),  # one year for the list
]


def grammar(lang: str) -> tuple[DateGrammar, object]:
    pack = load_pack(lang)
    return DateGrammar(pack.dates), pack


@pytest.mark.parametrize("lang, phrase, meeting, expected", CASES)
def test_phrase_resolves_to_the_last_day_of_its_period(lang, phrase, meeting, expected):
    from docket.extractor.normalize import normalize

    found_grammar, pack = grammar(lang)
    text = normalize(phrase, pack.char_map).text
    found = found_grammar.find(text)
    assert found, f"no deadline phrase found in {phrase!r}"
    resolved = resolve(found[0], date.fromisoformat(meeting) if meeting else None)
    assert (resolved.isoformat() if resolved else None) == expected


@pytest.mark.parametrize("lang, text", [
    ("en", "Decree No. 123/2020/ND-CP"),
    ("en", "the meeting held on 13 February"),
    ("ur", "قرارداد نمبر 57 مورخہ 22 دسمبر 2024"),
    ("vi", "Nghị định số 123/2020/NĐ-CP ngày 19/10/2020"),
    # periods, horizons and past spans that hold a deadline-like phrase
    ("en", "The Chief Minister on Friday directed the secretaries"),
    ("en", "a report on this year's flood losses"),
    ("en", "during a meeting with the secretaries on Monday"),
    ("ur", "گزشتہ دو ماہ میں موصول ہونے والی شکایات"),
    ("ur", "2022، 2023 اور 2024 میں شیڈول سے پیچھے کام"),
    ("ur", "2020 سے 2025 تک کے منصوبے"),
    ("vi", "Từ ngày 1.3 đến ngày 30.6, các xã ra quân dọn vệ sinh"),
    ("vi", "chiến lược giai đoạn mới, tầm nhìn dài hạn đến năm 2045"),
    ("vi", "đàm phán các hiệp định trong cuối năm 2025 và đầu năm 2026"),
    ("vi", "số ca bệnh tăng trong 3 tháng qua"),
])
def test_dates_without_a_deadline_marker_are_not_deadlines(lang, text):
    found_grammar, _ = grammar(lang)
    assert found_grammar.find(text) == []


def test_resolver_knows_calendars_not_words():
    assert resolve(DateMatch("month", 0, 0, {"month": 2, "year": 2024}), None) == date(2024, 2, 29)
    assert resolve(DateMatch("within", 0, 0, {"n": 1, "unit": "month"}), date(2025, 1, 31)) == date(2025, 2, 28)
    assert resolve(DateMatch("within", 0, 0, {"n": 5, "unit": "workday"}), MEETING) == date(2025, 2, 20)
    assert resolve(DateMatch("date", 0, 0, {"day": 31, "month": 2, "year": 2025}), MEETING) is None
    assert resolve(DateMatch("next_week", 0, 0, {}), None) is None  # relative needs a meeting date


@pytest.mark.parametrize("lang, text, expected", [
    # a deadline opening the sentence frames every piece after it
    ("en", "By 30 June 2025, the roads office will survey the bridges; the finance office will set aside "
           "the funds.", ["2025-06-30", "2025-06-30"]),
    ("vi", "Trong quý III năm 2025, giao Sở Xây dựng rà soát các công trình xuống cấp; đề xuất phương án "
           "sửa chữa.", ["2025-09-30", "2025-09-30"]),
    # a later piece with a date of its own keeps it
    ("en", "By 30 June 2025, the roads office will survey the bridges; the finance office will set aside "
           "the funds by 31 July 2025.", ["2025-06-30", "2025-07-31"]),
    # a date inside the first piece, not at its start, frames only that piece
    ("en", "The roads office will survey the bridges by 30 June 2025; the finance office will set aside "
           "the funds.", ["2025-06-30", None]),
])
def test_a_deadline_written_once_frames_the_pieces_of_its_sentence(lang, text, expected, tmp_path):
    from docket.extractor.pipeline import get_extractor
    from docket.extractor.readers import read_path

    source = tmp_path / "passage.txt"
    source.write_text(text, encoding="utf-8")
    found = get_extractor(lang).extract(read_path(source), MEETING).directives
    assert [d.deadline.date.isoformat() if d.deadline and d.deadline.date else None for d in found] == expected


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "Under the circular dated 4 March 2025 and the decree of 1 May, report by 30 June; "
               "since 2 January the office has met on Mondays, from 3 to 5 April."),
        ("ur", "مورخہ 12 مارچ 2025 کے مراسلے کے مطابق رپورٹ 30 جون تک جمع کرائیں، جاری کردہ 5 مئی۔"),
        ("vi", "Thực hiện Thông báo số 318/TB-VPCP ngày 5/3/2025 và Quyết định số 12 của Bộ ngày 1/4, "
               "UBND tỉnh đã có Công văn số 77/UBND-KT ngày 6/3/2025; kể từ ngày 1/7 hoàn thành trước 30/9."),
    ],
)
def test_cited_is_answered_as_a_forward_search_would(lang, text):
    """The cited-date pattern is matched from its end (REVERSE); whether it
    matches must not depend on the direction, at any position."""
    dates, _ = grammar(lang)
    forward = regex.compile(dates.cited.pattern, dates.cited.flags & ~regex.REVERSE)
    answers = [dates.is_cited(text, at) for at in range(len(text) + 1)]
    assert answers == [bool(forward.search(text[max(0, at - 100):at])) for at in range(len(text) + 1)]
    assert any(answers) and not all(answers)


@pytest.mark.parametrize(
    "pattern, expected",
    [
        (r"(?P<day>[0-3]?\d|(?:ab|cd))\s+x", r"[0-3\dac]"),
        (r"(?:by|before)?\s*x", r"[b\sx]"),  # an optional opening: what follows may come first
        (r"(?<!\d)^\s*(?P<n>\d)", r"[\s\d]"),  # lookarounds and anchors take no character
        (r"(?P<n>a)|(?P<n>[\]\-^])", r"[a\]\-\^]"),  # a group name twice, as `regex` allows
        # not worked out: may match empty, any character, negated sets, regex-only syntax
        (r"a?", None), (r".x", None), (r"[^a]b", None), (r"\p{L}x", None), (r"[[:alpha:]]x", None),
        (r"(?:ab){e<=1}", None),
    ],
)
def test_first_characters_of_a_pattern(pattern, expected):
    assert first_chars(pattern) == expected


@pytest.mark.parametrize("lang", ["en", "ur", "vi"])
def test_patterns_opened_by_their_first_characters_match_as_before(lang):
    """Every date pattern of a pack, opened by the lookahead on its first
    characters, finds what the pattern alone finds, at every start."""
    dates, _ = grammar(lang)
    pack = load_pack(lang)
    texts = [" ".join(str(w) for w in (pack.dates.get(name) or {})) for name in ("months", "weekdays", "numbers")]
    texts += ["by 3 March 2025, 12/4, 5-6 tháng 7 năm 2025; ۱۲ مارچ تک، بروز پیر 7 دن میں ngày 1/7 hoàn thành trước 30/9"]
    opened = 0
    for pattern in [p for _, p in dates.phrases + dates.bare] + dates.meeting_strong + dates.meeting:
        if not pattern.pattern.startswith("(?=["):
            continue
        opened += 1
        alone = regex.compile(pattern.pattern[pattern.pattern.index(")(?:") + 4:-1], pattern.flags)
        for text in texts:
            for at in range(0, len(text), 3):
                got, want = pattern.search(text, at), alone.search(text, at)
                assert (got and (got.span(), got.groupdict())) == (want and (want.span(), want.groupdict()))
    assert opened


WORD_LISTS = [
    ["jan", "january", "june", "jun", "may", "mar", "march"],  # words that open others
    ["a", "ab", "abc", "abd", "b", "bc"],
    ["two weeks", "two", "week", "weeks", "w"],  # words of more than one word
    ["Mai", "mai", "MAIN"],  # the same word in two cases, as a pack might list it
    ["s", "ſa", "st"],  # two letters that are one when case is ignored: the plain alternation
    ["x"], [],
]


@pytest.mark.parametrize("words", WORD_LISTS)
@pytest.mark.parametrize("after", ["", r"\s+b", r"c", r"(?=\s)", r"\W"])
def test_a_tree_of_words_matches_as_the_longest_first_alternation(words, after):
    """The tree written by `alternation` picks the same word as the plain
    alternation at every place of the text, also where what follows makes
    the longer word fail and a shorter one must be taken ("jan" + "uary")."""
    text = " ".join(words) + " Januaryb JUNE b abcb ab b abdc two weeksb ſa S st, mai MAIN b x"
    tree = regex.compile(f"(?:{alternation(words)}){after}", regex.IGNORECASE)
    plain = regex.compile(f"(?:{longest_first(words)}){after}", regex.IGNORECASE)
    for at in range(len(text) + 1):
        got, want = tree.match(text, at), plain.match(text, at)
        assert (got and got.span()) == (want and want.span())
    assert [m.span() for m in tree.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("lang", ["en", "ur", "vi"])
def test_each_table_of_a_pack_as_a_tree_matches_as_before(lang):
    """Every word table of a pack, written as a tree, picks the same word as
    the longest-first alternation, at every place of a text made of the
    table's words run together and spaced out."""
    dates, _ = grammar(lang)
    for name, table in dates.tables.items():
        words = list(table)
        if not words:
            continue
        text = " ".join(words) + " " + "".join(words) + " " + " ".join(w.upper() for w in words)
        tree = regex.compile(f"(?:{alternation(words)})(?=\\s|$)", regex.IGNORECASE)
        plain = regex.compile(f"(?:{longest_first(words)})(?=\\s|$)", regex.IGNORECASE)
        assert alternation(words) != longest_first(words) or len(words) < 2, name
        for at in range(len(text) + 1):
            got, want = tree.match(text, at), plain.match(text, at)
            assert (got and got.span()) == (want and want.span()), (name, at)


@pytest.mark.parametrize(
    "pattern, before, reach",
    [
        (r"(?:by|on)\s+(?P<day>\d\d?)", (2, 1), (5, 1)),  # the day: after at most 'by' and a run of spaces
        (r"(?P<month>[a-z]{3})\s*[,.]?\s*(?P<year>(?:19|20)\d\d)(?!\d)", (4, 2), (10, 2)),  # one more for the opening lookahead
        (r"(?<=\s)q(?P<n>[1-4])", (2, 0), (4, 0)),  # the lookbehind counts: [1-4] is a digit class
        (r"(?:\w+\s+)?\d", None, None),  # an unbounded word before it
        (r"\d\d.*x", None, None),  # unbounded after it: how far a try reads is not known
        (r"[a-z]{2}\s+\w", None, None),  # no digit every match holds
        (r"(?:x|\d)\d", (1, 0), (3, 0)),  # the second item is the piece; the first may be a letter
        (r"(?:\d\d?\s+(?:may|june)|(?:may|june)\s+\d\d?)\s+x", (4, 1), (8, 2)),  # a digit in every alternative
        (r"(?:\d\d?\s+(?:may|june)|(?:may|june)\s+(?:the|\w+))\s+x", None, None),  # not in every one
        (r"(?:q\d){2,}", None, None),  # a digit one character in, but how far a try reads is not bounded
    ],
)
def test_the_digit_a_pattern_needs_and_how_far_it_reads(pattern, before, reach):
    anchor = Anchor.of(pattern)
    assert (anchor and anchor.before, anchor and anchor.reach) == (before, reach)


@pytest.mark.parametrize(
    "pattern, before, reach, words",
    [
        (r"[a-z]{2}\s+(?:may|june)", (2, 1), (7, 1), {"may", "june"}),  # no digit: the words after the run
        (r"(?:by|before)\s+(?P<m>may|sept?)\b", (6, 1), (12, 1), {"may", "sep"}),  # "sept" is found where "sep" is
        (r"(?:BY|Before)\s+(?:X|y)", (0, 0), (8, 1), {"by", "before"}),  # lowered; the longer words win
        (r"(?:\w\s+(?:may|june)|(?:may|june)\s+the)\s+x", (4, 1), (9, 2), {"may", "june", "the"}),  # one per branch
        (r"(?:\w\s+(?:may|june)|\w+\s+the)\s+x", None, None, None),  # the second branch's word: not bounded
        (r"(?:my\s+)?day", (2, 1), (6, 1), {"day"}),  # the optional word is not one every match holds
        (r"(?i:may)\s+\w", None, None, None),  # case set apart inside: not read
        (r"(?:by|in|on|at|to|of)\s+q[a-d]", (2, 1), (5, 1), {"qa", "qb", "qc", "qd"}),  # a small class: fewer words
        (r"(?:by|in)\s+[a-z]x", (0, 0), (5, 1), {"by", "in"}),  # a class of 26 letters spells nothing
        (r"\w+\s+may", None, None, None),  # unbounded before the word
    ],
)
def test_the_words_a_pattern_needs_and_how_far_it_reads(pattern, before, reach, words):
    anchor = Anchor.of(pattern)
    assert anchor is None or anchor.words is not None
    assert (anchor and anchor.before, anchor and anchor.reach, anchor and set(anchor.words)) == (before, reach, words)


@pytest.mark.parametrize("pattern, tail", [
    (r"(?:by|before)\s+(?P<m>may|sept?)\b", "by ſep"),  # 'ſ' is 's' with case ignored, but lowers to itself
    (r"(?:by|before)\s+(?P<m>may|sept?)\b", "BY SEPT and İ by may"),  # 'İ' lowers to two characters
    (r"(?:by|before)\s+(?P<m>may|sept?)\b", "Before  May by sep"),
    (r"(?:ab|cd|ef)\s+(?:ασ|zz)", "ef αΣ"),  # a word's last 'Σ' lowers to 'ς', which is 'σ' with case ignored
    (r"(?:ab|cd|ef)\s+(?:ας|zz)", "ef ΑΣ ef αΣx"),
])
def test_a_text_whose_lowering_would_miss_a_word_is_searched_whole(pattern, tail):
    """A text whose lowered form would not hold a word where `regex` finds
    it, case ignored, is not searched for the lowered words."""
    pattern = regex.compile(pattern, regex.IGNORECASE)
    anchor = Anchor.of(pattern.pattern)
    assert anchor.words
    text = "x " * LONG_TEXT + tail
    want = [m.span() for m in pattern.finditer(text)]
    assert want and [m.span() for m in anchor.finditer(pattern, text, 2)] == want


def test_a_word_spelled_in_capitals_is_found_near_its_lowered_form():
    pattern = regex.compile(r"(?:by|before)\s+(?P<m>may|sept?)\b", regex.IGNORECASE)
    anchor = Anchor.of(pattern.pattern)
    text = "x " * LONG_TEXT + "BY SEPT, Before May"
    assert word_starts(text, anchor.words) == ((2 * LONG_TEXT + 3, 2 * LONG_TEXT + 3),
                                                                (2 * LONG_TEXT + 16, 2 * LONG_TEXT + 16))
    assert [m.group() for m in anchor.finditer(pattern, text, 1)] == ["BY SEPT", "Before May"]


def _tricky_text(words: list[str], seed: int) -> str:
    """A long text of date-like pieces: digits and years, the pack's words,
    punctuation, runs of spaces and line breaks, written in a seeded order."""
    import random

    pick = random.Random(seed)
    pieces = words + ["1", "12", "31", "2025", "1999", "20255", "3/4", "12/4/2025", "05-06-2025", "2025-06-30",
                      ",", "،", ".", ":", "/", "-", "x", "ab", "(", ")", "ء", "q2", "1st", "21st"]
    gaps = [" ", " ", " ", "  ", "\n", "\n\n", " \n ", "\t", " " * 17, ""]
    out = []
    while sum(map(len, out)) < 3 * LONG_TEXT:
        out += [pick.choice(pieces), pick.choice(gaps)]
    return "".join(out)


@pytest.mark.parametrize("lang", ["en", "ur", "vi"])
def test_a_long_text_searched_near_its_digits_gives_what_finditer_gives(lang):
    """Every pattern a pack's grammar searches near the digits or words of a long text
    finds, there, the same matches with the same groups as `finditer` over
    the whole text: dates across line breaks, after long runs of spaces,
    written with number words, overlapping others, at the text's two ends,
    and ending far past their last digit."""
    dates, pack = grammar(lang)
    words = [str(w) for name in ("months", "weekdays", "numbers", "units") for w in (pack.dates.get(name) or {})]
    words += list(dates.tables["months"])[:3] + ["by", "trước", "ngày", "tháng", "năm", "تک", "کو", "کی", "منعقد"]
    words += [w.upper() for w in list(dates.tables["months"])[:4]] + [w.title() for w in dates.tables["units"]]
    patterns = [p for _, p in dates.phrases + dates.bare] + dates.meeting_strong + dates.meeting
    anchored = [p for p in patterns if dates._anchors.get(p)]
    assert anchored
    texts = [_tricky_text(words, seed) for seed in range(6)]
    texts += ["12 " + texts[0] + " 2025", "2025\n" + " " * 40 + texts[1][:LONG_TEXT] + "\n 3 "]
    # a match that runs on far past its last digit, with no digit after it to widen the search
    far = " " * 30
    texts += ["x " * LONG_TEXT + tail + " x" * 50 for tail in (
        f"the afternoon of 3{far}March", f"by 3{far}March", f"12 مارچ 2025{far}کو{far}منعقد",
        f"12 مارچ، 2025{far}کو منعقد", f"sáng ngày 3{far}tháng{far}7", f"bảy, 3/7/2025{far}")]
    # a month or a year after a line break, a day in words, dates that overlap or touch
    texts += ["x " * LONG_TEXT + tail for tail in (
        "12\nمارچ\n2025 کو منعقد", "پانچ مارچ 2025 کی صبح", "March\n3,\n2025", "on 3 March 2025 4 April 2025",
        "Monday, 3 March 2025\n", "ngày 5\n/6/2025", "Chiều ngày 5/6/2025, 6/7/2025", "12/4/2025/5/6")]
    # a text whose lowering would miss a word ('ſ' is 's' with case ignored) or lengthens ('İ')
    texts += [texts[2].replace("s", "ſ"), texts[3] + " İ"]
    assert all(spaces_of(text) >= 17 for text in texts[:6])  # the seeded texts hold long runs of spaces
    # and are searched near the words they hold, not whole
    by_words = [dates._anchors[p].words for p in anchored if dates._anchors[p].words]
    assert by_words and all(word_starts(text, words) is not None for text in texts[:6] for words in by_words)
    found = 0
    for text in texts:
        spaces = spaces_of(text)
        for pattern in anchored:
            want = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in dates._matches(pattern, text, spaces)] == want
            found += len(want)
    assert found


def test_a_short_text_is_searched_whole():
    dates, _ = grammar("en")
    assert spaces_of("by 3 March 2025" * 3) == 0 and spaces_of("x " * LONG_TEXT) == 1
    assert [m.start for m in dates.meeting_dates("on 3 March 2025", strong=False)] == [0, 3]


@pytest.mark.parametrize("lang", ["en", "ur", "vi"])
def test_dated_mentions_are_the_phrases_and_bare_dates_that_name_a_year(lang):
    """Running only the bare patterns that hold a year changes nothing."""
    dates, pack = grammar(lang)
    words = [str(w) for name in ("months", "numbers") for w in (pack.dates.get(name) or {})]
    for text in [_tricky_text(words, seed) for seed in range(3)] + ["since 3 March 2025, ngày 5/6/2024, 7 مئی 2023"]:
        want = [m for m in dates.find(text) + dates.bare_mentions(text) if m.has_year]
        assert dates.dated_mentions(text) == want and want
