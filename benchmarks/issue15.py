"""The store, CLI and export rows of issue 15's table, at 1k, 10k and 100k
generated items (benchmarks/generated_store.py: rows inserted directly, no
extraction), so growth with size is visible. A measurement, not a test.

Whole-process figures are CPU seconds (user + system of the child,
median of --runs) and their ratio to `python -c pass` measured in the same
run; in-process figures are time.process_time of the Store call alone.

    .venv/bin/python benchmarks/issue15.py                 # 1k, 10k, 100k
    .venv/bin/python benchmarks/issue15.py --sizes 1000 --runs 3
"""
from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generated_store import TODAY, make  # noqa: E402

from docket.models.query import ItemFilter  # noqa: E402
from docket.models.store import Store  # noqa: E402


def child_cpu(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tempfile.gettempdir())
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(times)


def in_process(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        function()
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    python, runs = sys.executable, options.runs
    docket = [python, "-m", "docket"]
    reference = child_cpu([python, "-c", "pass"], max(runs, 5))
    print(f"reference `python -c pass`: {reference:.3f} s CPU")
    today = ["--today", TODAY.isoformat()]
    with tempfile.TemporaryDirectory() as folder:
        empty = Path(folder) / "empty.db"
        Store.open(empty).close()
        for label, args in (("docket --help", ["--help"]), ("list, empty db", ["--db", str(empty), "list"])):
            cpu = child_cpu(docket + args, max(runs, 5))
            print(f"{label:<34} {cpu:7.3f} s  {cpu / reference:6.1f}x reference")
        for size in options.sizes:
            db = make(Path(folder) / f"items{size}.db", size)
            with Store.open(db) as store:
                some_id = store.items(ItemFilter.outstanding())[0].id
                late = ItemFilter.outstanding(overdue=True, today=TODAY)
                rows = len(store.items(late))
                print(f"\n{size:,} items ({rows:,} overdue)")
                cases = [
                    ("list --overdue", ["list", "--overdue", *today]),
                    ("list --overdue --format json", ["list", "--overdue", "--format", "json", *today]),
                    ("list --body 'Ministry of Finance'", ["list", "--body", "Ministry of Finance", *today]),
                    ("list --search budget", ["list", "--search", "budget", *today]),
                    ("stats", ["stats", *today]),
                    ("show ID", ["show", some_id]),
                    ("status ID done", ["status", some_id, "done"]),
                    ("export .ics", ["export", str(Path(folder) / f"x{size}.ics"), *today]),
                ]
                for label, args in cases:
                    cpu = child_cpu(docket + ["--db", str(db), *args], runs)
                    print(f"  {label:<34} {cpu:7.3f} s  {cpu / reference:6.1f}x reference")
                first_page = ItemFilter.outstanding(overdue=True, today=TODAY)
                calls = [
                    ("Store.iter_items overdue, first 60", lambda: [i for _, i in zip(range(60), store.iter_items(first_page))]),
                    ("Store.items overdue, all", lambda: store.items(late)),
                    ("Store.items body", lambda: store.items(ItemFilter.outstanding(body="Ministry of Finance"))),
                    ("Store.items search", lambda: store.items(ItemFilter.outstanding(search="budget"))),
                    ("Store.stats", lambda: store.stats(ItemFilter(), TODAY)),
                ]
                for label, call in calls:
                    print(f"  {label:<34} {in_process(call, runs) * 1000:7.1f} ms in process")


if __name__ == "__main__":
    main()
