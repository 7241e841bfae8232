"""How light is starting docket? A measurement, not a test.

Runs `docket --help`, `docket list --help` and `docket extract --help` in
fresh interpreters and prints their CPU time (user + system, children's
rusage) as a ratio to a reference run in the same call: an interpreter that
only imports click. Commands import spaCy and the readers when they run, so
these should stay a small multiple of the reference. Also lists which heavy
packages each start loaded.

    .venv/bin/python benchmarks/startup_speed.py       # the docket installed there (make install)
    .venv/bin/python benchmarks/startup_speed.py --runs 30
    python3 benchmarks/startup_speed.py --python ../main/.venv/bin/python  # another install

The interpreters start in the temporary folder, so a checkout in the
current folder does not shadow the installed docket.
"""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile

HEAVY = ("spacy", "srsly", "docket.extractor", "docx", "sqlite_utils")
START = (
    "import sys\n"
    "from docket.cli import main\n"
    "try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
    "print(sorted({{h for h in {heavy!r} for m in sys.modules if m == h or m.startswith(h + '.')}}), file=sys.stderr)\n"
)


def cpu_seconds(python: str, code: str, runs: int) -> tuple[float, str]:
    """Mean CPU seconds of `python -c code`, and what the last run wrote to stderr."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    stderr = ""
    for _ in range(runs):
        stderr = subprocess.run([python, "-c", code], check=True, capture_output=True, text=True,
                                cwd=tempfile.gettempdir()).stderr
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return used / runs, stderr.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="interpreters started per case")
    parser.add_argument("--python", default=sys.executable, help="the interpreter docket is installed in")
    options = parser.parse_args()
    reference, _ = cpu_seconds(options.python, "import click", options.runs)
    print(f"reference (import click): {reference * 1000:.0f} ms CPU")
    for args in (["--help"], ["list", "--help"], ["extract", "--help"]):
        seconds, loaded = cpu_seconds(options.python, START.format(args=args, heavy=HEAVY), options.runs)
        shown = " ".join(["docket", *args])
        print(f"{shown:<22} {seconds * 1000:6.0f} ms CPU  {seconds / reference:5.2f}x reference  loads {loaded}")


if __name__ == "__main__":
    main()
