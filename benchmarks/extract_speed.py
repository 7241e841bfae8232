"""Extraction throughput against spaCy's blank tokenizer, per language.

The text: the sample corpus of a language repeated to at least --words words
(default 150,000). The reference: spaCy's blank tokenizer of that language
fed one paragraph at a time (the text split at blank lines), the fastest
way spaCy reads the text. The figure: docket's whole extraction of the same
text, in process, in words per second, and its ratio to the reference
(ratio = extraction words/s / tokenizer words/s; 1.0 would be extraction as
fast as tokenizing alone). CPU time (time.process_time), best of --runs, the
reference and the extraction taken in turn. A measurement, not a test.

    python benchmarks/extract_speed.py                        # this checkout
    python benchmarks/extract_speed.py --vs ../wt-base        # and other checkouts, same call
    python benchmarks/extract_speed.py --devset               # also on ../shared/devset's documents
    python benchmarks/extract_speed.py --keywords /path/to/python-with-dateparser

--vs CHECKOUT runs the same measurement, on the same text, with that
checkout's code and its own .venv (an older commit: the figure before a
change). --devset measures on the dev set's real documents (each extracted
as a document of its own; nothing repeats) when the folder is there.
--keywords PYTHON times the whole process, start-up included: `docket
extract FILE --format json` against ../shared/devset/baseline_keywords.py
(keyword cues + dateparser, run with PYTHON, which must have dateparser) on
the same text, CPU seconds of the child, median of --runs, as a ratio.
Beside them, the floor of any extractor built on spaCy: a process that
only imports spaCy and runs the language's blank tokenizer over the same
text, paragraph by paragraph; `floor faster by` is the most `docket faster
by` could be if everything after tokenizing took no time at all.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent.parent  # the checkout holding this script: its corpus is the text
DEVSET = Path(os.environ.get("DOCKET_DEVSET", HERE.parent / "shared" / "devset"))
LANGS = ["en", "ur", "vi"]
DEVSET_SUFFIXES = {".txt", ".md"}


def build_text(lang: str, words: int) -> str:
    parts = [p.read_text(encoding="utf-8") for p in sorted((HERE / "corpus" / lang).glob("*.txt"))]
    if not parts:
        raise SystemExit(f"no .txt samples in corpus/{lang}")
    base = "\n\n".join(parts)
    copies = -(-words // len(base.split()))
    return "\n\n".join([base] * copies)


def devset_texts(lang: str) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((DEVSET / "docs").glob(f"{lang}_*"))
            if p.suffix in DEVSET_SUFFIXES]


def load_engine(root: Path):
    """get_extractor, paragraph_blocks and Document of the checkout at
    `root` (as a package, or as the top-level modules of older commits)."""
    sys.path.insert(0, str(root))
    try:
        from docket.extractor.pipeline import get_extractor
        from docket.extractor.readers.text import paragraph_blocks
        from docket.models.items import Document
    except ImportError:
        from extractor.pipeline import get_extractor
        from extractor.readers.text import paragraph_blocks
        from models.items import Document
    return get_extractor, paragraph_blocks, Document


def measure(root: Path, lang: str, texts: list[str], runs: int) -> dict[str, float]:
    """Words per second of the reference and of extraction over `texts`
    (each a document of its own)."""
    import spacy

    get_extractor, paragraph_blocks, Document = load_engine(root)
    extractor = get_extractor(lang)
    tokenizer = spacy.blank(extractor.pack.spacy_lang).tokenizer
    paragraphs = [p for text in texts for p in text.split("\n\n") if p.strip()]
    words = sum(len(text.split()) for text in texts)

    def tokenize():
        for paragraph in paragraphs:
            tokenizer(paragraph)

    def extract():
        for text in texts:
            extractor.extract(Document(text, blocks=paragraph_blocks(text)))

    best_tokenize = best_extract = float("inf")
    for _ in range(runs):
        for fn in (tokenize, extract):
            start = time.process_time()
            fn()
            spent = time.process_time() - start
            if fn is tokenize:
                best_tokenize = min(best_tokenize, spent)
            else:
                best_extract = min(best_extract, spent)
    return {"words": words, "tokenizer_wps": words / best_tokenize, "extract_wps": words / best_extract,
            "ratio": best_tokenize / best_extract}


def child_cpu(command: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


# The least a spaCy-based extractor can spend on a file: import spaCy, read the
# file, run the blank tokenizer of the language over it a paragraph at a time.
SPACY_FLOOR = (
    "import sys, spacy\n"
    "tokenizer = spacy.blank(sys.argv[1]).tokenizer\n"
    "for paragraph in open(sys.argv[2], encoding='utf-8').read().split('\\n\\n'):\n"
    "    tokenizer(paragraph)\n"
)


def keywords_rows(langs: list[str], words: int, runs: int, python: str) -> None:
    from docket.extractor.lang import load_pack

    script = DEVSET / "baseline_keywords.py"
    if not script.is_file():
        raise SystemExit(f"no {script}: --keywords needs the dev set's baseline script")
    print(f"\nwhole process, CPU s (median of {runs}): `docket extract FILE --format json` "
          f"vs `baseline_keywords.py extract FILE` on the same text; floor = import spaCy + blank tokenizer")
    print(f"{'lang':<5} {'words':>8} {'docket s':>9} {'keywords s':>11} {'docket faster by':>17} "
          f"{'floor s':>8} {'floor faster by':>16}")
    with tempfile.TemporaryDirectory() as folder:
        for lang in langs:
            path = Path(folder) / f"{lang}.txt"
            path.write_text(build_text(lang, words), encoding="utf-8")
            spacy_lang = load_pack(lang).spacy_lang
            ours, theirs, floors = [], [], []
            for _ in range(runs):  # in turn, so a drift in the machine's speed hits all three
                ours.append(child_cpu([sys.executable, "-m", "docket", "extract", str(path), "--format", "json"]))
                theirs.append(child_cpu([python, str(script), "extract", str(path)]))
                floors.append(child_cpu([sys.executable, "-c", SPACY_FLOOR, spacy_lang, str(path)]))
            mine, peer, floor = statistics.median(ours), statistics.median(theirs), statistics.median(floors)
            print(f"{lang:<5} {len(path.read_text(encoding='utf-8').split()):>8,} {mine:>9.2f} {peer:>11.2f} "
                  f"{peer / mine:>16.2f}x {floor:>8.2f} {peer / floor:>15.2f}x")


def run_elsewhere(checkout: Path, args: list[str], script: str = __file__) -> Any:
    """A benchmark script's measurement (this one's unless `script` is
    given) with another checkout's code and .venv: the script run with
    `--json --root CHECKOUT`, its JSON read back."""
    python = checkout / ".venv" / "bin" / "python"
    if not python.is_file():
        raise SystemExit(f"{python} not found: run `make install` in {checkout}")
    out = subprocess.run([str(python), script, "--json", "--root", str(checkout), *args],
                         capture_output=True, text=True, check=False)
    if out.returncode:
        raise SystemExit(f"--vs {checkout} failed:\n{out.stderr}")
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=150_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lang", action="append", choices=LANGS, help="en, ur, vi (default: all)")
    parser.add_argument("--vs", type=Path, metavar="CHECKOUT", action="append", default=[],
                        help="another checkout to measure in the same call (may be given more than once)")
    parser.add_argument("--devset", action="store_true", help="also measure on ../shared/devset's documents")
    parser.add_argument("--keywords", metavar="PYTHON", help="also time the whole process against the "
                        "dev set's keyword + dateparser script, run with this Python")
    parser.add_argument("--root", type=Path, default=HERE, help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    langs = args.lang or LANGS
    if args.devset and not (DEVSET / "docs").is_dir():
        raise SystemExit(f"no dev set at {DEVSET}")
    sets = [("corpus", lambda lang: [build_text(lang, args.words)])]
    if args.devset:
        sets.append(("devset", devset_texts))
    found: dict[str, dict[str, float]] = {}
    others: dict[Path, dict[str, dict[str, float]]] = {checkout: {} for checkout in args.vs}
    for lang in langs:
        for checkout in args.vs:  # the other checkouts first, then this one, language by language
            passed = ["--words", str(args.words), "--runs", str(args.runs), "--lang", lang]
            others[checkout].update(run_elsewhere(checkout.resolve(), passed + (["--devset"] if args.devset else [])))
        for name, texts in sets:
            found[f"{name} {lang}"] = measure(args.root, lang, texts(lang), args.runs)
    if args.json:
        print(json.dumps(found))
        return
    print("reference: spaCy's blank tokenizer fed one paragraph at a time; ratio = extraction w/s / reference w/s")
    print(f"CPU time, best of {args.runs}; corpus = corpus/<lang>/*.txt repeated to {args.words:,} words"
          + ("; devset = the dev set's .txt/.md documents, one extraction each" if args.devset else ""))
    print(f"{'text':<10} {'checkout':<28} {'words':>8} {'tokenizer w/s':>14} {'extract w/s':>12} {'ratio':>6}")
    for key, row in found.items():
        rows = [(checkout.name, other[key]) for checkout, other in others.items() if key in other]
        rows.append((args.root.name, row))
        for checkout, m in rows:
            print(f"{key:<10} {checkout:<28} {m['words']:>8,} {m['tokenizer_wps']:>14,.0f} "
                  f"{m['extract_wps']:>12,.0f} {m['ratio']:>6.3f}")
    if args.keywords:
        keywords_rows(langs, args.words, args.runs, args.keywords)


if __name__ == "__main__":
    main()
