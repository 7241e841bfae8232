"""How fast the Word action list is written: 10,000 generated items in
English, Urdu and Vietnamese, some overdue, urgent or without an owner.

    PYTHONPATH=. python benchmarks/export_speed.py [--items N] [--group-by body]

A measurement, not a test: it prints seconds and rows per second.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docket.exports import ExportOptions, export  # noqa: E402
from docket.models.items import ActionItem, Status  # noqa: E402

TODAY = date(2025, 6, 1)
SENTENCES = {
    "en": ("The Minister requested {body} to {action} {deadline}.",
           ["submit the revised budget plan", "complete the population database",
            "report on digital transformation progress", "review the slow projects"],
           ["the Ministry of Finance", "Provincial Police", "heads of ministries, branches and localities"],
           "by {day} {month} 2025"),
    "ur": ("وزیر نے {body} کو ہدایت کی کہ {deadline} {action}۔",
           ["نظرثانی شدہ بجٹ پیش کرے", "آبادی کا ڈیٹا بیس مکمل کرے", "پیش رفت کی رپورٹ دے"],
           ["وزارت خزانہ", "صوبائی پولیس", "تمام وزارتیں"],
           "{day} مارچ 2025 تک"),
    "vi": ("Bộ trưởng yêu cầu {body} {action} {deadline}.",
           ["hoàn thiện đề án", "khẩn trương đẩy nhanh tiến độ", "báo cáo kết quả thực hiện"],
           ["Bộ Tài chính", "Công an tỉnh", "Ủy ban nhân dân các tỉnh"],
           "trước ngày {day}/3/2025"),
}


def generate(count: int, seed: int = 7) -> list[ActionItem]:
    rng = random.Random(seed)
    items = []
    for i in range(count):
        lang = ("en", "ur", "vi")[i % 3]
        pattern, actions, bodies, deadline_pattern = SENTENCES[lang]
        action, body = rng.choice(actions), rng.choice(bodies)
        deadline = TODAY + timedelta(days=rng.randint(-60, 120)) if rng.random() > 0.15 else None
        phrase = deadline_pattern.format(day=rng.randint(1, 28), month="March") if deadline else None
        text = pattern.format(body=body, action=action, deadline=phrase or "")
        items.append(ActionItem(
            id=f"bench{i:06d}", document_id=i % 40, document_source=f"minutes/{lang}/meeting{i % 40:02d}.txt",
            document_title=None, lang=lang, meeting_date=date(2025, 2, 1) + timedelta(days=i % 40),
            text=text * rng.choice((1, 1, 1, 4)), start=i * 100, end=i * 100 + len(text), action=action,
            responsible=[] if rng.random() < 0.08 else [body], responsible_inherited=rng.random() < 0.1,
            issuer="Minister", deadline_text=phrase, deadline=deadline, urgent=rng.random() < 0.1,
            recurring=False, confidence=0.8, status=rng.choice(list(Status)),
        ))
    return items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--group-by", choices=("body", "document", "deadline", "status"))
    args = parser.parse_args()
    items = generate(args.items)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "actions.docx"
        started, cpu_started = time.perf_counter(), time.process_time()
        result = export(items, target, ExportOptions(today=TODAY, group_by=args.group_by))
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        size = target.stat().st_size
    # CPU time as well: on a shared machine the wall clock measures the neighbours too.
    print(f"Word export: {result.rows} rows in {seconds:.2f} s "
          f"({result.rows / seconds:,.0f} rows/s; {cpu:.2f} s CPU), {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
