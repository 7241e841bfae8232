"""A docket database of N generated items, made quickly by inserting rows
directly (no extraction, no per-document ingest): the store the query,
export and start-up benchmarks measure, and the tests' comparison of the SQL
and Python paths use.

    python benchmarks/generated_store.py /tmp/bench100k.db --items 100000

Items are spread over documents of ten, in English, Urdu and Vietnamese,
with one to three responsible bodies (some none), deadlines around TODAY
(some undated), every status, some urgent, some vanished.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docket.models.bodies import fold  # noqa: E402
from docket.models.matching import normalise  # noqa: E402
from docket.models.store import Store  # noqa: E402

TODAY = date(2025, 6, 1)
BODIES = ["Ministry of Finance", "Provincial Police", "Department of Health", "Ministry of Education",
          "People's Committee", "Department of Transport", "Bộ Tài chính", "ضلعی انتظامیہ", "Sở Y tế"]
VERBS = ["submit", "review", "publish", "prepare", "audit", "complete", "report on", "inspect"]
THINGS = ["the draft budget", "the traffic plan", "the vaccination schedule", "the land records",
          "the flood defences", "the school meals programme", "the procurement rules", "the water supply"]
STATUSES = ["open"] * 6 + ["in-progress"] * 2 + ["blocked", "done", "done", "cancelled"]
PER_DOCUMENT = 10


def fill(store: Store, items: int, seed: int = 15) -> None:
    """Add `items` generated items to an empty store, in one transaction."""
    rng = random.Random(seed)
    conn = store.db.conn
    now = "2025-05-01T08:00:00+00:00"
    conn.execute("BEGIN IMMEDIATE")
    body_ids = {}
    for name in BODIES:
        body_ids[name] = conn.execute("INSERT INTO bodies (name) VALUES (?)", [name]).lastrowid
        conn.execute("INSERT INTO body_aliases (alias_key, alias, body_id, alias_fold) VALUES (?, ?, ?, ?)",
                     [normalise(name), name, body_ids[name], fold(name)])
    documents = -(-items // PER_DOCUMENT)
    conn.executemany(
        "INSERT INTO documents (id, path, content_hash, title, format, lang, meeting_date, version, "
        "first_ingested_at, ingested_at) VALUES (?, ?, ?, ?, 'txt', ?, ?, 1, ?, ?)",
        [(n + 1, f"/bench/reports/report{n:06}.txt", f"{n:064x}", f"Minutes of meeting {n}" if n % 7 else None,
          ("en", "ur", "vi")[n % 3], (TODAY - timedelta(days=n % 300)).isoformat(), now, now)
         for n in range(documents)])
    rows, links = [], []
    for seq in range(1, items + 1):
        item_id = f"{seq * 2654435761 % 2**32:08x}{seq:x}"
        document_id = (seq - 1) // PER_DOCUMENT + 1
        who = rng.sample(BODIES, rng.choice([0, 1, 1, 1, 1, 2, 3]))
        action = f"{rng.choice(VERBS)} {rng.choice(THINGS)}"
        dated = rng.random() > 0.2
        deadline = (TODAY + timedelta(days=rng.randint(-200, 120))).isoformat() if dated else None
        text = f"{' and '.join(who) or 'Everyone'} shall {action}" + (f" by {deadline}." if deadline else ".")
        start = ((seq - 1) % PER_DOCUMENT) * 200
        rows.append((
            item_id, seq, document_id, f"k{seq}", text, start, start + len(text), action,
            json.dumps(who, ensure_ascii=False), int(rng.random() < 0.05), "The Chair" if rng.random() < 0.3 else None,
            f"by {deadline}" if deadline else None, deadline, int(rng.random() < 0.1), int(rng.random() < 0.03),
            0.8, rng.choice(STATUSES), now if rng.random() < 0.02 else None, now, now,
        ))
        links += [(item_id, body_ids[name], position) for position, name in enumerate(who)]
    conn.executemany(
        "INSERT INTO items (id, seq, document_id, match_key, text, start_offset, end_offset, action, responsible, "
        "responsible_inherited, issuer, deadline_text, deadline, urgent, recurring, confidence, status, "
        "vanished_at, created_at, updated_at, rules, extracted) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', '{}')", rows)
    conn.executemany("INSERT INTO item_bodies (item_id, body_id, position) VALUES (?, ?, ?)", links)
    conn.execute("COMMIT")


def make(path: str | Path, items: int, seed: int = 15) -> Path:
    """A new database at `path` holding `items` generated items."""
    path = Path(path)
    with Store.open(path) as store:
        fill(store, items, seed)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--items", type=int, default=100_000)
    args = parser.parse_args()
    if args.db.exists():
        raise SystemExit(f"{args.db} exists; give a new file")
    make(args.db, args.items)
    print(f"{args.db}: {args.items:,} items")


if __name__ == "__main__":
    main()
