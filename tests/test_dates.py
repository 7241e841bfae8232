"""Deadline phrases per language resolved by the one resolver (ANNOTATION.md
section 3): (lang, phrase in a sentence, expected date), meeting 2025-02-13."""
from __future__ import annotations

from datetime import date

import pytest

from docket.extractor.dates import DateGrammar, DateMatch, resolve
from docket.extractor.lang import load_pack

MEETING = date(2025, 2, 13)  # Thursday

CASES = [
    ("en", "submit it by 31 March 2025", "2025-03-31"),
    ("en", "submit it by March 31, 2025", "2025-03-31"),
    ("en", "send the plan in February 2025", "2025-02-28"),
    ("en", "finish by 30 June", "2025-06-30"),
    ("en", "finish by 10 January", "2026-01-10"),  # no year: the next one after the meeting
    ("en", "report within 30 days", "2025-03-15"),
    ("en", "report within two weeks", "2025-02-27"),
    ("en", "by the end of Q2 2025", "2025-06-30"),
    ("en", "by the end of the second quarter of 2025", "2025-06-30"),
    ("en", "by the end of the year", "2025-12-31"),
    ("en", "next week", "2025-02-23"),
    ("en", "by Friday", "2025-02-14"),
    ("en", "by Thursday", "2025-02-20"),  # said on a Thursday: the next one
    ("en", "before the next meeting", None),
    ("en", "as soon as possible", None),
    ("ur", "31 مارچ 2025 تک", "2025-03-31"),
    ("ur", "فروری 2025 میں", "2025-02-28"),
    ("ur", "30 دن کے اندر", "2025-03-15"),
    ("ur", "2025 کی دوسری سہ ماہی کے آخر تک", "2025-06-30"),
    ("ur", "سال کے آخر تک", "2025-12-31"),
    ("ur", "اگلے ہفتے", "2025-02-23"),
    ("ur", "جمعہ تک", "2025-02-14"),
    ("ur", "۳۱ مارچ ۲۰۲۵ تک", "2025-03-31"),  # Urdu digits
    ("ur", "اگلے اجلاس سے پہلے", None),
    ("vi", "trước ngày 31/3/2025", "2025-03-31"),
    ("vi", "chậm nhất ngày 31.3.2025", "2025-03-31"),
    ("vi", "trước ngày 15-12", "2025-12-15"),
    ("vi", "trước ngày 20 tháng 7 năm 2025", "2025-07-20"),
    ("vi", "trong tháng 2/2025", "2025-02-28"),
    ("vi", "trong tháng 01 năm 2026", "2026-01-31"),
    ("vi", "trong quý I/2025", "2025-03-31"),
    ("vi", "trong quý II năm 2025", "2025-06-30"),
    ("vi", "trong 6 tháng đầu năm 2025", "2025-06-30"),
    ("vi", "trước cuối năm 2025", "2025-12-31"),
    ("vi", "cuối năm", "2025-12-31"),
    ("vi", "trong vòng 30 ngày", "2025-03-15"),
    ("vi", "cuối tuần này", "2025-02-16"),
    ("vi", "trong tuần tới", "2025-02-23"),
    ("vi", "trước kỳ họp tới", None),
]


def grammar(lang: str) -> tuple[DateGrammar, object]:
    pack = load_pack(lang)
    return DateGrammar(pack.dates), pack


@pytest.mark.parametrize("lang, phrase, expected", CASES)
def test_phrase_resolves_to_the_last_day_of_its_period(lang, phrase, expected):
    from docket.extractor.normalize import normalize

    found_grammar, pack = grammar(lang)
    text = normalize(phrase, pack.char_map).text
    found = found_grammar.find(text)
    assert found, f"no deadline phrase found in {phrase!r}"
    resolved = resolve(found[0], MEETING)
    assert (resolved.isoformat() if resolved else None) == expected


@pytest.mark.parametrize("lang, text", [
    ("en", "Decree No. 123/2020/ND-CP"),
    ("en", "the meeting held on 13 February"),
    ("ur", "قرارداد نمبر 57 مورخہ 22 دسمبر 2024"),
    ("vi", "Nghị định số 123/2020/NĐ-CP ngày 19/10/2020"),
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
