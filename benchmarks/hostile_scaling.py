"""Extraction CPU time and peak memory against input size, for ordinary and
hostile inputs: growth should be linear (the same cost per MB at 1, 4 and
15 MB).

Each input is generated, written to a temporary file and read and extracted
(what `docket extract FILE` does) in a fresh Python process, which reports
its CPU time and peak resident memory. Printed per input: CPU seconds, CPU
per MB, peak MiB above a run on a one-line file (spaCy and the packs
loaded), and the ratio of CPU per MB and of memory per MB to the 1 MB run
of the same shape. Ratios near 1 (memory: at most 1) mean linear growth.

    python benchmarks/hostile_scaling.py                       # every shape, 1, 4 and 15 MB
    python benchmarks/hostile_scaling.py --shape brackets --sizes 1 4

Shapes:
  minutes   the corpus's English reports repeated: the ordinary case
  oneline   the same text with every line break a space: one 15 MB paragraph
  brackets  lines of long runs of [ * _ ( without a space, as an attack
  markdown  a .md file of random brackets, emphasis marks and backticks
A measurement, not a test; about 3 CPU minutes for everything.
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 2**20

# Run in the child: read and extract one file, print CPU seconds and peak RSS.
CHILD = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[2])
from docket.extractor import extract
from docket.extractor.readers import read_path
start = time.process_time()
result = extract(read_path(sys.argv[1]), lang="en")
json.dumps(result.to_json(), ensure_ascii=False)
cpu = time.process_time() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)
print(json.dumps({"cpu": cpu, "peak": peak, "directives": len(result.directives)}))
"""


def minutes(size: int) -> str:
    base = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "en").glob("*.txt")))
    return (base * (size // len(base) + 1))[:size]


def oneline(size: int) -> str:
    return " ".join(minutes(size + size // 8).split())[:size]


def brackets(size: int) -> str:
    line = "[" * 4000 + " " + "*_" * 2000 + " " + "(" * 3000 + "\n"
    return (line * (size // len(line) + 1))[:size]


def markdown(size: int) -> str:
    rng = random.Random(17)
    marks = "[]*_`()~!<>\\#|-  "
    chunk = "".join(rng.choice(marks) if rng.random() < 0.9 else rng.choice("ab") for _ in range(MB))
    chunk += "\n\n# A heading\nJane must send the draft by Friday.\n\n"
    return (chunk * (size // len(chunk) + 1))[:size]


SHAPES = {"minutes": (minutes, ".txt"), "oneline": (oneline, ".txt"),
          "brackets": (brackets, ".txt"), "markdown": (markdown, ".md")}


def run(path: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, str(path), str(ROOT)],
                          capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{path.name}: {done.stderr.strip().splitlines()[-1]}")
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", action="append", choices=sorted(SHAPES), help="default: all")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 4, 15], help="MB; the first is the reference")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        small = Path(folder, "small.txt")
        small.write_text("Jane must send the draft by Friday.\n", encoding="utf-8")
        baseline = run(small)["peak"]
        print(f"baseline (one line, spaCy loaded): {baseline / MB:.0f} MiB")
        print(f"{'shape':<9} {'MB':>4} {'CPU s':>8} {'s/MB':>7} {'peak+MiB':>9} {'MiB/MB':>7} "
              f"{'CPU ratio':>10} {'mem ratio':>10} {'directives':>11}")
        for shape in args.shape or list(SHAPES):
            make, suffix = SHAPES[shape]
            reference = None
            for size in args.sizes:
                path = Path(folder, f"{shape}-{size}{suffix}")
                path.write_text(make(size * MB), encoding="utf-8")
                m = run(path)
                path.unlink()
                per_mb = m["cpu"] / size
                mem_mb = max(m["peak"] - baseline, 0) / MB / size
                reference = reference or (per_mb, mem_mb or 1e-9)
                print(f"{shape:<9} {size:>4} {m['cpu']:>8.2f} {per_mb:>7.2f} {mem_mb * size:>9.0f} "
                      f"{mem_mb:>7.1f} {per_mb / reference[0]:>10.2f} {mem_mb / reference[1]:>10.2f} "
                      f"{m['directives']:>11}", flush=True)


if __name__ == "__main__":
    main()
