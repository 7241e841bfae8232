"""`docket ingest -j 1` against `-j 2` on one generated folder, in the same
run: wall time and CPU time (user + system of docket and its workers) and
their ratios. A measurement, not a test.

The folder holds --files reports: the sample corpus's .txt reports (every
language) copied round, every line of a copy marked with the copy's number,
so that its content is new; a copy whose directives are sentences before
the mark may still be taken for a new version of an earlier copy, as in a
real backlog (the outcomes are printed).

    .venv/bin/python benchmarks/ingest_parallel.py               # 200 files
    .venv/bin/python benchmarks/ingest_parallel.py --files 1000 --jobs 1 2 4
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCKET = [sys.executable, "-m", "docket"]


def make_folder(folder: Path, files: int) -> None:
    samples = sorted(p for p in (ROOT / "corpus").glob("*/*.txt"))
    for n in range(files):
        sample = samples[n % len(samples)]
        mark = f" (ref. {n:05d})"  # on every line: each copy's title and content are its own
        text = "\n".join(line + mark if line.strip() else line
                         for line in sample.read_text(encoding="utf-8").splitlines())
        (folder / f"{n:05d}-{sample.name}").write_text(text + "\n", encoding="utf-8")


def ingest(folder: Path, db: Path, jobs: int) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds and the closing summary of one ingest."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([*DOCKET, "--db", str(db), "ingest", "-j", str(jobs), str(folder)],
                          capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr.strip()
    return wall, cpu, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; {args.files} generated reports")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        make_folder(folder, args.files)
        figures = {}
        for jobs in args.jobs:
            wall, cpu, summary = ingest(folder, Path(tmp) / f"j{jobs}.db", jobs)
            figures[jobs] = wall, cpu
            print(f"-j {jobs}: {wall:7.2f} s wall, {cpu:7.2f} s CPU   ({summary})")
        stores = {jobs: subprocess.run([*DOCKET, "--db", str(Path(tmp) / f"j{jobs}.db"), "list", "--format", "csv",
                                        "--status", "all"], capture_output=True, text=True, cwd=ROOT).stdout
                  for jobs in args.jobs}
        stamp = re.compile(r"\d{4}-\d\d-\d\dT[\d:.+]+")  # when each was stored differs, nothing else may
        same = len({stamp.sub("", listing) for listing in stores.values()}) == 1
        reference = args.jobs[0]
        for jobs in args.jobs[1:]:
            wall, cpu = figures[jobs]
            print(f"-j {jobs} / -j {reference}: wall {wall / figures[reference][0]:.2f}, "
                  f"CPU {cpu / figures[reference][1]:.2f}")
        print("stores identical (but for timestamps):", "yes" if same else "NO")


if __name__ == "__main__":
    main()
