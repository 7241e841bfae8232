"""The meeting date read from the document (ANNOTATION.md sections 4 and 7):
a dateline or a date said to be the meeting's; never a deadline or a cited
document's date; "yesterday" counts back from the dateline; a yearless date
takes its year from the dateline or the dates around it; none at all: null.
Passages written for docket: (lang, text, expected ISO date or None)."""
from __future__ import annotations

import pytest

from docket.extractor.dates import DateGrammar
from docket.extractor.lang import load_pack
from docket.extractor.meeting import find_meeting_date
from docket.extractor.normalize import normalize

CASES = [
    # a deadline is no dateline
    ("en", "The board asked the treasurer to report before Oct 25, 2023 on the reserves.", None),
    ("en", "Harbour News, 14 March 2025\nThe port committee asked the pilots to renew their permits "
           "by 30 April 2025.", "2025-03-14"),
    # the committee met the day before the page's date
    ("en", "Riverside Herald, 14 March 2025\nThe water committee met yesterday and asked the utility to "
           "publish its tariffs.", "2025-03-13"),
    # a news page's date stamp dates the meeting only when the story agrees: its day, its weekday
    ("en", " date 2025-03-14 Lakeside, March 14 The mayor asked the parks office to reopen the gardens.",
     "2025-03-14"),
    ("en", " date 2025-03-14 The mayor on Friday asked the parks office to reopen the gardens.", "2025-03-14"),
    ("en", " date 2025-03-13 The parks committee met yesterday and asked the parks office to reopen "
           "the gardens.", "2025-03-12"),
    # a story with no date of its own ("months" holds no Monday)
    ("en", " date 2025-03-17 Departments need to cut waiting times over the coming months.", None),
    # Urdu: an English dateline on an Urdu page; a yesterday meeting; a cited resolution
    ("ur", "Thursday 6 Mar 2025 10:12\nوزیر اعلیٰ نے محکمہ صحت کو ادویات کی فراہمی یقینی بنانے کی ہدایت کی۔",
     "2025-03-06"),
    ("ur", "ہماری خبریں | Apr 12, 2024\nکابینہ نے گندم کی قیمت مقرر کر دی۔", "2024-04-12"),
    ("ur", "لاہور (نمائندہ خصوصی۔ 12 مئی2024ء) ضلعی رابطہ کمیٹی کا اجلاس گزشتہ روز ڈپٹی کمشنر کی صدارت میں "
           "منعقد ہوا۔", "2024-05-11"),
    ("ur", "حکومت نے قرارداد مورخہ 22 دسمبر 2024 پر عمل درآمد کی ہدایت کی۔", None),
    # Vietnamese: cited documents, laws, cut-offs, issued documents, yearless dates
    ("vi", "Thực hiện Thông báo số 120/TB-VPCP ngày 5/6/2024 của Văn phòng Chính phủ, UBND tỉnh yêu cầu "
           "các sở rà soát dự án.", None),
    ("vi", "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
           "Hội đồng nhân dân tỉnh yêu cầu UBND tỉnh chỉ đạo thực hiện.", None),
    ("vi", "Báo cáo số liệu tính đến hết ngày 31/12/2023 cho thấy nhiều dự án chậm tiến độ.", None),
    ("vi", "UBND tỉnh vừa ban hành Công văn số 512/UBND-KT ngày 8/4/2024 về đẩy nhanh giải ngân.", "2024-04-08"),
    ("vi", "Ngày 21/ 5, UBND tỉnh ban hành công văn yêu cầu các huyện báo cáo trước ngày 30/5/2024.",
     "2024-05-21"),
    ("vi", "Trong kết luận phiên họp thứ 3 ngày 20/10 vừa được thông báo, Ban chỉ đạo yêu cầu Bộ Tài chính "
           "trình đề án trong tháng 11/2024.", "2024-10-20"),
    ("vi", "Kỳ họp chuyên đề HĐND tỉnh\nThứ 6, 21/03/2025 | 15:45\nSáng 21/3, HĐND tỉnh nhiệm kỳ 2021 - 2026 "
           "tiến hành kỳ họp.", "2025-03-21"),
    ("vi", "Tin địa phương\nThứ Ba, 10/09/2024\nHội nghị giao ban tháng 9 đã diễn ra chiều hôm qua tại trụ sở "
           "UBND huyện.", "2024-09-09"),
    ("vi", "Yêu cầu các xã tổ chức dọn vệ sinh môi trường.", None),
]


@pytest.mark.parametrize("lang, text, expected", CASES)
def test_meeting_date_of_a_passage(lang, text, expected):
    pack = load_pack(lang)
    found = find_meeting_date(normalize(text, pack.char_map).text, DateGrammar(pack.dates))
    assert (found.isoformat() if found else None) == expected
