"""How fast is the store? A measurement, not a test.

Ingests N generated documents (10 directives each by default) into a fresh
database, building Extraction objects directly so the extractor's time is
left out, then times the queries people run most over all the items:
`list --overdue` and `list --search`, through the library and the CLI.

    PYTHONPATH=. python benchmarks/store_speed.py                # 10,000 documents
    PYTHONPATH=. python benchmarks/store_speed.py --documents 500
    PYTHONPATH=. python benchmarks/store_speed.py --db /tmp/bench.db   # keep it, re-query later
"""
from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from click.testing import CliRunner

from docket.cli import main
from docket.models.items import Deadline, Directive, Document, Extraction
from docket.models.query import ItemFilter
from docket.models.store import Store

BODIES = ["Ministry of Finance", "Provincial Police", "Department of Health", "Ministry of Education",
          "People's Committee", "Department of Transport", "Bộ Tài chính", "ضلعی انتظامیہ"]
VERBS = ["submit", "review", "publish", "prepare", "audit", "complete", "report on", "inspect"]
THINGS = ["the draft budget", "the traffic plan", "the vaccination schedule", "the land records",
          "the flood defences", "the school meals programme", "the procurement rules", "the water supply"]
MEETING = date(2025, 1, 15)
TODAY = date(2025, 6, 1)


def generate(n: int, per_document: int, rng: random.Random) -> tuple[Document, Extraction]:
    lines, directives, offset = [f"Minutes of meeting {n}"], [], len(f"Minutes of meeting {n}") + 1
    for k in range(per_document):
        body, action = rng.choice(BODIES), f"{rng.choice(VERBS)} {rng.choice(THINGS)} ({n}.{k})"
        due = MEETING + timedelta(days=rng.randint(0, 300)) if rng.random() < 0.8 else None
        text = f"{body} must {action}" + (f" by {due.isoformat()}." if due else ".")
        directives.append(Directive(
            text=text, start=offset, end=offset + len(text), action=action, responsible=[body],
            deadline=Deadline(f"by {due.isoformat()}", due) if due else None,
            urgent=rng.random() < 0.1, confidence=0.9,
        ))
        lines.append(text)
        offset += len(text) + 1
    source = f"/bench/reports/report{n:05}.txt"
    return Document(text="\n".join(lines), source=source), Extraction(source, "en", MEETING, directives)


def timed(function, repeat: int = 5) -> tuple[float, object]:
    """Median milliseconds of `repeat` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def ingest_all(store: Store, documents: int, per_document: int) -> None:
    rng = random.Random(57)
    start = time.perf_counter()
    for n in range(documents):
        store.ingest(*generate(n, per_document, rng))
    seconds = time.perf_counter() - start
    items = documents * per_document
    print(f"ingest: {documents:,} documents, {items:,} items in {seconds:.1f} s: "
          f"{items / seconds:,.0f} items/s, {documents / seconds:,.0f} documents/s")


def query(store: Store, db: Path) -> None:
    cases = [
        ("list --overdue", ItemFilter.outstanding(overdue=True, today=TODAY),
         ["list", "--overdue", "--today", TODAY.isoformat()]),
        ("list --search budget", ItemFilter.outstanding(search="budget"), ["list", "--search", "budget"]),
        ("list --search 'flood defences'", ItemFilter.outstanding(search="flood defences"),
         ["list", "--search", "flood defences"]),
        ("list --body police --due-within 30", ItemFilter.outstanding(body="police", due_within=30, today=TODAY),
         ["list", "--body", "police", "--due-within", "30", "--today", TODAY.isoformat()]),
    ]
    total = store.stats(ItemFilter()).totals.total
    print(f"queries over {total:,} items (median of 5):")
    for label, filters, args in cases:
        store_ms, items = timed(lambda: store.items(filters))
        cli_ms, _ = timed(lambda: CliRunner().invoke(main, ["--db", str(db), *args, "--format", "json"]), repeat=3)
        print(f"  {label:<36} {len(items):>7,} items  Store.items {store_ms:8.1f} ms   CLI json {cli_ms:8.1f} ms")
    stats_ms, _ = timed(lambda: store.stats(ItemFilter(), TODAY), repeat=3)
    print(f"  {'stats (all items)':<36} {total:>7,} items  Store.stats {stats_ms:8.1f} ms")


def main_() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--per-document", type=int, default=10)
    parser.add_argument("--db", type=Path, help="keep the database here; if it exists, only run the queries")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "bench.db"
        fresh = not db.exists()
        with Store.open(db) as store:
            if fresh:
                ingest_all(store, args.documents, args.per_document)
            query(store, db)
        print(f"database: {db.stat().st_size / 2**20:.0f} MiB")


if __name__ == "__main__":
    main_()
