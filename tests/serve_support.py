"""A docket database for the tests of `docket serve`, dated from the real
today (the views count overdue from the day they run): items overdue, due
this week, due later, done, blocked and undated, across three bodies."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from docket.models.store import Store
from store_support import document


def _day(offset: int) -> str:
    return (date.today() + timedelta(days=offset)).isoformat()


def minutes() -> str:
    return "\n".join([
        "Minutes of the district works meeting",
        f"ACTION: Ministry of Finance => release the road repair budget by {_day(-10)}.",
        f"ACTION: Provincial Police; Ministry of Finance => reopen the north bridge by {_day(3)}.",
        f"ACTION: Department of Health => publish the clinic rota by {_day(30)}.",
        f"ACTION: Department of Health => print the flood leaflets by {_day(-5)}.",
        f"ACTION: Provincial Police => close the river road by {_day(-2)}.",
        "ACTION: Ministry of Finance => write the yearly audit note.",
        "ACTION: => sweep the market square.",
        "",
    ])


ACTIONS = {
    "budget": "release the road repair budget",
    "bridge": "reopen the north bridge",
    "rota": "publish the clinic rota",
    "leaflets": "print the flood leaflets",
    "road": "close the river road",
    "audit": "write the yearly audit note",
    "square": "sweep the market square",
}


def make_database(folder: Path) -> tuple[Path, dict[str, str]]:
    """The database and the id of each item of ACTIONS, by short name. The
    leaflets are done (so not overdue), the river road blocked (still overdue)."""
    path = folder / "works.db"
    with Store.open(path) as store:
        store.ingest(*document(folder / "works.txt", minutes()))
        by_action = {item.action: item.id for item in store.items()}
        ids = {short: by_action[action] for short, action in ACTIONS.items()}
        store.set_status([ids["leaflets"]], "done", by="tester")
        store.set_status([ids["road"]], "blocked", note="waiting for barriers", by="tester")
    return path, ids
