"""`docket ingest -j 1` against `-j 2` on one generated folder, in the same
run: wall time and CPU time (user + system of docket and its workers), the
CPU of the writer (docket's own process) and of the workers, and the
ratios. A measurement, not a test.

The folder holds --files reports: the sample corpus's .txt reports (every
language) copied round, every line of a copy marked with the copy's number,
so that its content is new; a copy whose directives are sentences before
the mark may still be taken for a new version of an earlier copy, as in a
real backlog (the outcomes are printed).

    .venv/bin/python benchmarks/ingest_parallel.py               # 200 files
    .venv/bin/python benchmarks/ingest_parallel.py --files 1000 --jobs 1 2 4
    .venv/bin/python benchmarks/ingest_parallel.py --files 1000 --jobs 2 --vs /tmp/base --repeat 3

With --vs CHECKOUT each -j is run with this checkout's code and that one's in
turn, --repeat times, and the medians compared: a change's effect on the
writer's and the workers' CPU, measured under the same load.
"""
from __future__ import annotations

import argparse
import os
import statistics
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCKET = [sys.executable, "-m", "docket"]
# docket, telling on stderr the CPU of its own process (the one writer) and of
# its workers: with -j N the writer is what does not scale.
SPLIT = (
    "import resource, runpy, sys\n"
    "sys.argv = ['docket', *sys.argv[1:]]\n"
    "try:\n"
    "    runpy.run_module('docket', run_name='__main__', alter_sys=True)\n"
    "finally:\n"
    "    own, workers = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))\n"
    "    print('cpu', own.ru_utime + own.ru_stime, workers.ru_utime + workers.ru_stime, file=sys.stderr)\n"
)


def make_folder(folder: Path, files: int) -> None:
    samples = sorted(p for p in (ROOT / "corpus").glob("*/*.txt"))
    for n in range(files):
        sample = samples[n % len(samples)]
        mark = f" (ref. {n:05d})"  # on every line: each copy's title and content are its own
        text = "\n".join(line + mark if line.strip() else line
                         for line in sample.read_text(encoding="utf-8").splitlines())
        (folder / f"{n:05d}-{sample.name}").write_text(text + "\n", encoding="utf-8")


def ingest(folder: Path, db: Path, jobs: int, code: Path = ROOT) -> tuple[float, float, str, str]:
    """Wall seconds, CPU seconds, the closing summary of one ingest and how
    its CPU splits between the writer and the workers, with the code of the
    checkout `code`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", SPLIT, "--db", str(db), "ingest", "-j", str(jobs), str(folder)],
                          capture_output=True, text=True, cwd=code)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr.strip()
    split = next((line.split()[1:] for line in reversed(done.stderr.splitlines()) if line.startswith("cpu ")), None)
    if split:
        _split[db] = float(split[0]), float(split[1])
    shown = f"writer {float(split[0]):.2f} s, workers {float(split[1]):.2f} s CPU" if split else "no CPU split"
    return wall, cpu, summary, shown


def listing(db: Path, code: Path = ROOT) -> str:
    """Every item of a store as CSV, without the timestamps (when each was
    stored differs between two runs, nothing else may)."""
    out = subprocess.run([*DOCKET, "--db", str(db), "list", "--format", "csv", "--status", "all"],
                         capture_output=True, text=True, cwd=code).stdout
    return re.sub(r"\d{4}-\d\d-\d\dT[\d:.+]+", "", out)


def versus(folder: Path, tmp: Path, jobs_list: list[int], other: Path, repeat: int) -> None:
    """Each -j with this checkout and `other`, in turn, `repeat` times: the
    medians of the writer's and the workers' CPU, and their ratios."""
    codes = {"this": ROOT, other.name: other}
    for jobs in jobs_list:
        runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name in codes}
        for n in range(repeat):
            for name, code in codes.items():
                db = tmp / f"{name}-j{jobs}-{n}.db"
                wall, cpu, summary, _ = ingest(folder, db, jobs, code)
                split = _split.get(db, (cpu, 0.0))
                runs[name].append((wall, split[0], split[1]))
        medians = {name: [statistics.median(run[i] for run in found) for i in range(3)] for name, found in runs.items()}
        for name, (wall, writer, workers) in medians.items():
            print(f"-j {jobs} {name:>10}: {wall:6.2f} s wall, writer {writer:6.2f} s, workers {workers:6.2f} s, "
                  f"together {writer + workers:6.2f} s CPU (median of {repeat}; load average {os.getloadavg()[0]:.1f})")
        (_, w1, k1), (_, w2, k2) = medians.values()
        print(f"-j {jobs} this / {other.name}: writer {w1 / w2:.2f}, workers {k1 / k2:.2f}, "
              f"together {(w1 + k1) / (w2 + k2):.2f}")
        same = listing(tmp / f"this-j{jobs}-0.db") == listing(tmp / f"{other.name}-j{jobs}-0.db", other)
        print("stores identical (but for timestamps):", "yes" if same else "NO", flush=True)


_split: dict[Path, tuple[float, float]] = {}  # the writer's and the workers' CPU of each run, by database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--vs", type=Path, metavar="CHECKOUT", help="also run each -j with this checkout's code")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each, with --vs (medians shown)")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; {args.files} generated reports")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        make_folder(folder, args.files)
        if args.vs is not None:
            versus(folder, Path(tmp), args.jobs, args.vs.resolve(), args.repeat)
            return
        figures = {}
        for jobs in args.jobs:
            wall, cpu, summary, split = ingest(folder, Path(tmp) / f"j{jobs}.db", jobs)
            figures[jobs] = wall, cpu
            print(f"-j {jobs}: {wall:7.2f} s wall, {cpu:7.2f} s CPU ({split}; load average "
                  f"{os.getloadavg()[0]:.1f})   ({summary})", flush=True)
        same = len({listing(Path(tmp) / f"j{jobs}.db") for jobs in args.jobs}) == 1
        reference = args.jobs[0]
        for jobs in args.jobs[1:]:
            wall, cpu = figures[jobs]
            print(f"-j {jobs} / -j {reference}: wall {wall / figures[reference][0]:.2f}, "
                  f"CPU {cpu / figures[reference][1]:.2f}")
        print("stores identical (but for timestamps):", "yes" if same else "NO")


if __name__ == "__main__":
    main()
