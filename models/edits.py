"""People's changes to items: status changes and a secretary's corrections.
Each runs inside the caller's write transaction and leaves a history entry."""
from __future__ import annotations

import json
from datetime import date
from typing import Any

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

from docket.models import bodies
from docket.models.errors import ParameterError
from docket.models.ingest import history, shown
from docket.models.items import Status
from docket.models.records import StatusChange


class _Unchanged:
    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED: Any = _Unchanged()  # "leave this field alone", where None means "clear it"


def set_status(db: Database, now: str, item_ids: list[str], status: Status,
               note: str | None, by: str | None) -> list[StatusChange]:
    changes = []
    for item_id in item_ids:
        old = Status(db.execute("SELECT status FROM items WHERE id = ?", [item_id]).fetchone()[0])
        changes.append(StatusChange(item_id, old, status))
        if old == status:
            if note and note.strip():  # the note is kept even when the status stands
                history(db, item_id, now, "note", changed_by=by, note=note.strip())
            continue
        db.execute("UPDATE items SET status = ?, updated_at = ? WHERE id = ?", [status.value, now, item_id])
        history(db, item_id, now, "status", changed_by=by, old_status=old.value,
                new_status=status.value, note=note)
    return changes


def corrections_to_make(action: str | None, responsible: list[str] | None,
                        deadline: date | None | _Unchanged) -> dict[str, str | None]:
    """The item columns to set, as stored (responsible JSON text, deadline ISO)."""
    values: dict[str, str | None] = {}
    if action is not None:
        if not action.strip():
            raise ParameterError("{action}: the action cannot be empty", "action")
        values["action"] = " ".join(action.split())
    if responsible is not None:
        names = [" ".join(n.split()) for n in responsible if n.strip()]
        values["responsible"] = json.dumps(names, ensure_ascii=False)
    if deadline is not UNCHANGED:
        values["deadline"] = deadline.isoformat() if deadline else None
    if not values:
        raise ParameterError("nothing to change: give {action}, {responsible} or {deadline}",
                             "action", "responsible", "deadline")
    return values


def _correction_json(name: str, value: str | None) -> str:
    return value if name == "responsible" else json.dumps(value, ensure_ascii=False)


def correct(db: Database, now: str, item_id: str, values: dict[str, str | None],
            by: str | None, note: str | None) -> list[str]:
    """Apply corrections to one item; returns the fields that changed."""
    old = next(db.query("SELECT action, responsible, deadline FROM items WHERE id = ?", [item_id]))
    changed = []
    for name, value in values.items():
        if old[name] == value:
            continue
        db.execute(
            "INSERT INTO corrections (item_id, field, value, corrected_at, corrected_by) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (item_id, field) DO UPDATE SET value = excluded.value, "
            "corrected_at = excluded.corrected_at, corrected_by = excluded.corrected_by",
            [item_id, name, _correction_json(name, value), now, by],
        )
        db.execute(f"UPDATE items SET {name} = ?, updated_at = ? WHERE id = ?", [value, now, item_id])
        history(db, item_id, now, "edit", changed_by=by, field=name,
                old_value=shown(name, old[name]), new_value=shown(name, value), note=note)
        if name == "responsible":
            bodies.link(db, item_id, json.loads(value))
        changed.append(name)
    return changed
