"""Action items for the export tests: English, Urdu and Vietnamese, with
overdue, urgent, ownerless, undated and awkward (control characters, very
long) ones. Imported by tests/test_export_*.py."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone

from docket.models.items import ActionItem, Status

TODAY = date(2025, 3, 10)
PRODUCED = datetime(2025, 3, 11, 9, 30, tzinfo=timezone.utc)

URDU_TEXT = "وزیر نے وزارت خزانہ کو ہدایت کی کہ 31 مارچ 2025 تک نظرثانی شدہ بجٹ پیش کرے۔"
URDU_ACTION = "نظرثانی شدہ بجٹ پیش کرے"
URDU_BODY = "وزارت خزانہ"
VIET_ACTION = "hoàn thiện đề án xây dựng cơ sở dữ liệu quốc gia về dân cư"
VIET_BODY = "Ủy ban nhân dân các tỉnh"


def make_item(number: int, **changes) -> ActionItem:
    item = ActionItem(
        id=f"item{number:05d}",
        document_id=1,
        document_source="corpus/en/cabinet.txt",
        document_title="Cabinet meeting on digital transformation",
        lang="en",
        meeting_date=date(2025, 2, 13),
        text="The Minister requested the Ministry of Finance to submit the revised budget plan by 31 March 2025.",
        start=100 * number,
        end=100 * number + 90,
        action="submit the revised budget plan",
        responsible=["Ministry of Finance"],
        responsible_inherited=False,
        issuer="Minister",
        deadline_text="by 31 March 2025",
        deadline=date(2025, 3, 31),
        urgent=False,
        recurring=False,
        confidence=0.9,
        bodies=["Ministry of Finance"],
        created_at="2025-02-14T09:00:00+00:00",
        updated_at="2025-02-15T10:30:00+00:00",
    )
    if "responsible" in changes and "bodies" not in changes:
        changes["bodies"] = list(changes["responsible"])
    return replace(item, **changes)


def sample_items() -> list[ActionItem]:
    """Eight items, in the store's order (soonest deadline first, undated
    last); the comments say what each one is for."""
    items = [
        make_item(1),  # plain, due after TODAY
        make_item(  # overdue, two bodies
            2,
            action="connect the population database with ministries and localities",
            responsible=["Ministry of Public Security", "Provincial Police"],
            deadline_text="in January 2025",
            deadline=date(2025, 1, 31),
        ),
        make_item(  # urgent, no one named, no deadline
            3, action="speed up the slow tasks", responsible=[], deadline_text=None,
            deadline=None, urgent=True,
        ),
        make_item(  # recurring, inherited owner, in progress
            4, action="report regularly on progress", deadline_text=None, deadline=None,
            recurring=True, status=Status.IN_PROGRESS, responsible_inherited=True,
        ),
        make_item(  # Urdu, overdue
            5, document_id=2, document_source="corpus/ur/interior.txt",
            document_title="وزارت داخلہ کا اجلاس", lang="ur", meeting_date=date(2025, 2, 20),
            text=URDU_TEXT, action=URDU_ACTION, responsible=[URDU_BODY],
            deadline_text="31 مارچ 2025 تک", deadline=date(2025, 2, 28),
        ),
        make_item(  # Vietnamese, done (past deadline but not overdue)
            6, document_id=3, document_source="corpus/vi/ket-luan.txt",
            document_title="Kết luận của Bộ trưởng tại hội nghị", lang="vi",
            text="Bộ trưởng yêu cầu Bộ Tài chính hoàn thiện đề án trước ngày 28/2/2025.",
            action=VIET_ACTION, responsible=["Bộ Tài chính", VIET_BODY],
            deadline_text="trước ngày 28/2/2025", deadline=date(2025, 2, 28), status=Status.DONE,
        ),
        make_item(  # phrase without a date, cancelled, control characters
            7, action="prepare\x00 the\x0b note\x1f", text="Bad\x00 control\x0c chars\x1b here",
            deadline_text="before the next meeting", deadline=None, status=Status.CANCELLED,
        ),
        make_item(  # very long
            8, action="review " * 600, text="a very long sentence " * 500, deadline=date(2025, 4, 30),
        ),
    ]
    order = ["item00002", "item00005", "item00006", "item00001", "item00008",
             "item00003", "item00004", "item00007"]
    return sorted(items, key=lambda item: order.index(item.id))
