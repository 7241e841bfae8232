"""How light is starting docket? A measurement, not a test.

Runs `docket --help`, `docket list --help`, `docket extract --help` and
`docket extract FILE --format json` on a two-line document per language in
fresh interpreters and prints their CPU time (user + system, children's
rusage) as a ratio to a reference run in the same call: an interpreter that
only imports click. `extract FILE` is all start-up (spaCy, the language
pack, the pipeline) and what `benchmarks/extract_speed.py --keywords` pays
once per process. Also lists which heavy packages each start loaded.

    .venv/bin/python benchmarks/startup_speed.py       # the docket installed there (make install)
    .venv/bin/python benchmarks/startup_speed.py --runs 30
    python3 benchmarks/startup_speed.py --python ../main/.venv/bin/python  # another install
    .venv/bin/python benchmarks/startup_speed.py --vs ../main   # also that checkout's code, same runs

The interpreters start in the temporary folder, so a checkout in the
current folder does not shadow the installed docket. With --vs, each case
runs with this script's checkout and with another one (each put first on
sys.path), taking turns so that a drift in the machine's speed hits both.
"""
from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
HEAVY = ("spacy", "srsly", "docket.extractor", "docx", "sqlite_utils")
START = (
    "import sys\n"
    "sys.path[:0] = {paths!r}\n"
    "from docket.cli import main\n"
    "try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
    "print(sorted({{h for h in {heavy!r} for m in sys.modules if m == h or m.startswith(h + '.')}}), file=sys.stderr)\n"
)
# two lines of minutes per language (a meeting date, a task with a deadline)
TINY = {
    "en": "Minutes of the parks committee, 4 May 2026.\n"
          "The clerk will send the revised budget to all members by 15 May.\n",
    "ur": "پارکوں کی کمیٹی کا اجلاس، 4 مئی 2026۔\n"
          "کلرک تمام اراکین کو نظرثانی شدہ بجٹ 15 مئی تک بھیجیں۔\n",
    "vi": "Biên bản họp ủy ban công viên, ngày 4 tháng 5 năm 2026.\n"
          "Văn phòng gửi dự toán sửa đổi cho các thành viên trước ngày 15 tháng 5.\n",
}


def cpu_seconds(python: str, code: str) -> tuple[float, str]:
    """CPU seconds of one `python -c code`, and what it wrote to stderr."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    stderr = subprocess.run([python, "-c", code], check=True, capture_output=True, text=True,
                            cwd=tempfile.gettempdir()).stderr
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), stderr.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="interpreters started per case")
    parser.add_argument("--python", default=sys.executable, help="the interpreter docket is installed in")
    parser.add_argument("--vs", type=Path, metavar="CHECKOUT", help="also run each case with this checkout's code")
    options = parser.parse_args()
    reference = statistics.median(cpu_seconds(options.python, "import click")[0] for _ in range(options.runs))
    print(f"reference (import click): {reference * 1000:.0f} ms CPU (median of {options.runs})")
    # with --vs, both by path: this script's checkout and the other one
    codes = {"this": []} if options.vs is None else {"this": [str(HERE)], options.vs.name: [str(options.vs.resolve())]}
    with tempfile.TemporaryDirectory() as folder:
        cases = [["--help"], ["list", "--help"], ["extract", "--help"]]
        for lang, text in TINY.items():
            path = Path(folder) / f"minutes-{lang}.txt"
            path.write_text(text, encoding="utf-8")
            cases.append(["extract", str(path), "--format", "json"])
        for args in cases:
            times: dict[str, list[float]] = {name: [] for name in codes}
            for _ in range(options.runs):
                for name, paths in codes.items():  # in turn
                    seconds, loaded = cpu_seconds(options.python, START.format(paths=paths, args=args, heavy=HEAVY))
                    times[name].append(seconds)
            shown = " ".join(["docket", *args]).replace(folder + "/", "")
            for name, spent in times.items():
                seconds = statistics.median(spent)
                label = shown if name == "this" else f"  {name}"
                print(f"{label:<44} {seconds * 1000:6.0f} ms CPU  {seconds / reference:5.2f}x reference"
                      + (f"  loads {loaded}" if name == "this" else ""))


if __name__ == "__main__":
    main()
