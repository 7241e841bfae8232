"""The writer of `docket ingest` alone: the CPU time of storing N documents
extracted beforehand (`Store.ingest` for each, in order, as the writer of
`ingest -j N` does), with this checkout's code and another's, in turn, in
the same call. Extraction, the workers' part and the larger and noisier one,
is left out, so that a change to the writer shows. A measurement, not a test.

The documents are benchmarks/ingest_parallel.py's generated reports,
extracted once with this checkout's engine and handed to both as pickles.

    .venv/bin/python benchmarks/ingest_writer.py --files 1000 --vs /tmp/base --repeat 3
"""
from __future__ import annotations

import argparse
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from ingest_parallel import ROOT, listing, make_folder

# Run in the checkout whose code is measured: the pickled documents stored, one
# transaction each, and the CPU seconds of that alone printed.
STORE = (
    "import pickle, sys, time\n"
    "from docket.models.store import Store\n"
    "documents = pickle.loads(open(sys.argv[1], 'rb').read())\n"
    "with Store.open(sys.argv[2]) as store:\n"
    "    start = time.process_time()\n"
    "    for document, extraction in documents:\n"
    "        store.ingest(document, extraction)\n"
    "    print(time.process_time() - start)\n"
)


def extract_all(folder: Path, out: Path) -> int:
    from docket.models.batch import AUTO, _extract
    from docket.extractor.readers import read_path

    documents = []
    for path in sorted(folder.iterdir()):
        document = read_path(path)
        documents.append((document, _extract(document, AUTO, None)))
    out.write_bytes(pickle.dumps(documents))
    return len(documents)


def store(pickled: Path, db: Path, code: Path) -> float:
    done = subprocess.run([sys.executable, "-c", STORE, str(pickled), str(db)], capture_output=True, text=True,
                          cwd=code, check=True)
    return float(done.stdout.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--vs", type=Path, metavar="CHECKOUT", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    codes = {"this": ROOT, args.vs.resolve().name: args.vs.resolve()}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        make_folder(folder, args.files)
        pickled = Path(tmp) / "extracted.pickle"
        count = extract_all(folder, pickled)
        times: dict[str, list[float]] = {name: [] for name in codes}
        for n in range(args.repeat):
            for name, code in codes.items():
                times[name].append(store(pickled, Path(tmp) / f"{name}-{n}.db", code))
        medians = {name: statistics.median(found) for name, found in times.items()}
        for name, median in medians.items():
            print(f"{name:>10}: {median:6.2f} s CPU to store {count} documents, {1000 * median / count:5.2f} ms each "
                  f"(median of {args.repeat}: {', '.join(f'{t:.2f}' for t in times[name])})")
        first, second = medians.values()
        print(f"this / {args.vs.resolve().name}: {first / second:.2f} (load average {os.getloadavg()[0]:.1f})")
        same = listing(Path(tmp) / "this-0.db") == listing(Path(tmp) / f"{args.vs.resolve().name}-0.db", args.vs)
        print("stores identical (but for timestamps):", "yes" if same else "NO")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
