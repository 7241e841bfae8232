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


def ingest(folder: Path, db: Path, jobs: int) -> tuple[float, float, str, str]:
    """Wall seconds, CPU seconds, the closing summary of one ingest and how
    its CPU splits between the writer and the workers."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", SPLIT, "--db", str(db), "ingest", "-j", str(jobs), str(folder)],
                          capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr.strip()
    split = next((line.split()[1:] for line in reversed(done.stderr.splitlines()) if line.startswith("cpu ")), None)
    shown = f"writer {float(split[0]):.2f} s, workers {float(split[1]):.2f} s CPU" if split else "no CPU split"
    return wall, cpu, summary, shown


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
            wall, cpu, summary, split = ingest(folder, Path(tmp) / f"j{jobs}.db", jobs)
            figures[jobs] = wall, cpu
            print(f"-j {jobs}: {wall:7.2f} s wall, {cpu:7.2f} s CPU ({split}; load average "
                  f"{os.getloadavg()[0]:.1f})   ({summary})", flush=True)
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
