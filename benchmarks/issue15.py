"""The store, CLI, start-up and export rows of issue 15's table, at 1k, 10k
and 100k generated items (benchmarks/generated_store.py: rows inserted
directly, no extraction), so growth with size is visible. Each row is
printed with its goal and PASS/FAIL against it. A measurement, not a test.

Whole-process figures are CPU seconds (user + system of the child, median
of --runs) and their ratio to `python -c pass` measured in the same run;
in-process figures are time.process_time of the Store call alone (median).
"first page" runs `docket list` on a pseudo-terminal with PAGER="head -n 40"
(the pager quits after a screen, as a reader who has seen enough does).
Exports also give the child's peak memory (ru_maxrss), run --export-runs
times. The goals are the issue's, for its 100k items; smaller sizes show
how each figure grows. Ingest and extraction rows are measured by
benchmarks/ingest_parallel.py and extract_speed.py.

    .venv/bin/python benchmarks/issue15.py                 # 1k, 10k, 100k
    .venv/bin/python benchmarks/issue15.py --sizes 1000 --runs 3
"""
from __future__ import annotations

import argparse
import json
import os
import pty
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generated_store import TODAY, make  # noqa: E402

# A day by which most generated deadlines have passed: at 100,000 items about
# 59,000 are overdue, the size of the issue's `list --overdue` (57k rows).
LATER = TODAY + timedelta(days=550)

from docket.models.query import ItemFilter  # noqa: E402
from docket.models.store import Store  # noqa: E402

# Runs a command and prints its CPU seconds and peak memory (KiB) as JSON:
# RUSAGE_CHILDREN of a fresh process holds that one child only.
MEASURED = (
    "import json, resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(json.dumps([u.ru_utime + u.ru_stime, u.ru_maxrss]))\n"
)


def child(command: list[str], runs: int) -> tuple[float, float]:
    """Median CPU seconds and largest peak memory (MiB) of `command`."""
    seconds, peaks = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", MEASURED, *command], capture_output=True, text=True,
                             cwd=tempfile.gettempdir()).stdout
        cpu, peak = json.loads(out)
        seconds.append(cpu)
        peaks.append(peak / 1024)
    return statistics.median(seconds), max(peaks)


def paged_cpu(command: list[str], runs: int) -> float:
    """Median CPU seconds of `command` on a pseudo-terminal whose pager
    stops after one screen."""
    times = []
    for _ in range(runs):
        master, slave = pty.openpty()
        env = {**os.environ, "PAGER": "head -n 40", "LINES": "40", "COLUMNS": "120"}
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env,
                                   cwd=tempfile.gettempdir())
        os.close(slave)
        while True:
            try:
                if not os.read(master, 65536):
                    break
            except OSError:
                break
        process.wait()
        os.close(master)
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


def verdict(value: float, goal: float) -> str:
    return "PASS" if value < goal else "FAIL"


def row(label: str, seconds: float, goal: float, reference: float, memory: tuple[float, float] | None = None) -> None:
    shown = f"  {label:<44} {seconds:8.3f} s {seconds / reference:8.1f}x ref  goal < {goal:g} s  {verdict(seconds, goal)}"
    if memory is not None:
        peak, limit = memory
        shown += f"   peak {peak:6.0f} MiB  goal < {limit:g} MiB  {verdict(peak, limit)}"
    print(shown, flush=True)


def ms_row(label: str, seconds: float, goal_ms: float) -> None:
    ms = seconds * 1000
    print(f"  {label:<44} {ms:8.1f} ms in process  goal < {goal_ms:g} ms  {verdict(ms, goal_ms)}", flush=True)


def selection_rows(store: Store, base: list[str], option: list[str], filters: ItemFilter, runs: int,
                   reference: float) -> None:
    """The rows of a `list` that selects some items (`option`: --body X,
    --search Y): as a reader sees it, first page on a terminal, and all rows
    into a file; its query, first page and all rows."""
    command = base + ["list", *option, "--today", TODAY.isoformat()]
    print(f"  ({' '.join(option)!r} selects {store.totals(filters, TODAY).total:,} outstanding items)", flush=True)
    row(f"list {option[0]}, first page on a terminal", paged_cpu(command, runs), 0.3, reference)
    row(f"list {option[0]}, all rows into a file", child(command, runs)[0], 0.3, reference)
    ms_row("  Store.iter_items, first 60", in_process(
        lambda: [i for _, i in zip(range(60), store.iter_items(filters))], runs), 50)
    ms_row("  Store.listed, all (what list writes)", in_process(lambda: store.listed(filters), runs), 50)
    ms_row("  Store.items, all (ActionItems)", in_process(lambda: store.items(filters), runs), 50)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--export-runs", type=int, default=1)
    options = parser.parse_args()
    python, runs = sys.executable, options.runs
    docket = [python, "-m", "docket"]
    reference, _ = child([python, "-c", "pass"], max(runs, 5))
    print(f"reference `python -c pass`: {reference:.3f} s CPU; load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores", flush=True)
    today = ["--today", TODAY.isoformat()]
    with tempfile.TemporaryDirectory() as folder:
        empty = Path(folder) / "empty.db"
        Store.open(empty).close()
        print("start-up")
        row("docket --help", child(docket + ["--help"], max(runs, 5))[0], 0.2, reference)
        row("docket list, empty db", child(docket + ["--db", str(empty), "list"], max(runs, 5))[0], 0.3, reference)
        for size in options.sizes:
            db = make(Path(folder) / f"items{size}.db", size)
            with Store.open(db) as store:
                some_id = next(store.iter_items(ItemFilter.outstanding())).id
                late = ItemFilter.outstanding(overdue=True, today=TODAY)
                rows = store.totals(late, TODAY).total
                print(f"\n{size:,} items ({rows:,} overdue)", flush=True)
                base = docket + ["--db", str(db)]
                row("list --overdue, first page on a terminal", paged_cpu(base + ["list", "--overdue", *today], runs),
                    0.3, reference)
                ms_row("  its query: Store.iter_items, first 60", in_process(
                    lambda: [i for _, i in zip(range(60), store.iter_items(late))], runs), 50)
                row("list --overdue, all rows into a file (table)",
                    child(base + ["list", "--overdue", *today], runs)[0], 1.5, reference)
                row("list --overdue --format json (all rows)",
                    child(base + ["list", "--overdue", "--format", "json", *today], runs)[0], 1.5, reference)
                # the 57k rows at 100k items: most deadlines passed
                later = ItemFilter.outstanding(overdue=True, today=LATER)
                print(f"  (as of {LATER}: {store.totals(later, LATER).total:,} overdue)", flush=True)
                row("list --overdue --format json, as of then",
                    child(base + ["list", "--overdue", "--format", "json", "--today", LATER.isoformat()], runs)[0],
                    1.5, reference)
                for option, filters in (
                        (["--body", "Ministry of Finance"],
                         ItemFilter.outstanding(body="Ministry of Finance", today=TODAY)),
                        (["--search", "budget"], ItemFilter.outstanding(search="budget", today=TODAY))):
                    selection_rows(store, base, option, filters, runs, reference)
                row("stats", child(base + ["stats", *today], runs)[0], 0.3, reference)
                ms_row("  Store.stats", in_process(lambda: store.stats(ItemFilter(), TODAY), runs), 50)
                ms_row("  Store.totals", in_process(lambda: store.totals(ItemFilter(), TODAY), runs), 50)
                row("show ID", child(base + ["show", some_id], runs)[0], 0.3, reference)
                row("status ID done", child(base + ["status", some_id, "done"], runs)[0], 0.3, reference)
                for label, name, goal in (("export .docx (Word action list)", "x.docx", 30.0),
                                          ("export .ics", "x.ics", 10.0)):
                    cpu, peak = child(base + ["export", str(Path(folder) / f"{size}{name}"), *today],
                                      options.export_runs)
                    row(label, cpu, goal, reference, (peak, 500))


if __name__ == "__main__":
    main()
