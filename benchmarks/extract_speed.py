"""Extraction throughput against spaCy's blank tokenizer, per language.

Builds a text of at least --words words per language by repeating the
sample corpus, then times (a) the blank spaCy tokenizer of that language
alone and (b) `docket`'s whole extraction on the same text, and prints
words per second for both and their ratio. A measurement, not a test.

    python benchmarks/extract_speed.py --words 1000000
"""
from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402

from docket.extractor.lines import chunks  # noqa: E402
from docket.extractor.pipeline import get_extractor  # noqa: E402
from docket.extractor.readers.text import paragraph_blocks  # noqa: E402
from docket.models.items import Document  # noqa: E402


def build_text(lang: str, words: int) -> str:
    parts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / lang).glob("*.txt"))]
    if not parts:
        raise SystemExit(f"no .txt samples in corpus/{lang}")
    base = "\n\n".join(parts)
    per_copy = len(base.split())
    copies = -(-words // per_copy)
    return "\n\n".join([base] * copies)


def best_of(runs: int, fn) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(lang: str, words: int, runs: int) -> dict[str, float]:
    text = build_text(lang, words)
    n_words = len(text.split())
    extractor = get_extractor(lang)
    tokenizer = spacy.blank(extractor.pack.spacy_lang).tokenizer
    # the blank tokenizer on the same text, in the pieces the extractor feeds
    # spaCy (runs of lines under its length limit)
    blocks = paragraph_blocks(text)
    pieces = [text[g[0].start:g[-1].end] for g in chunks(blocks)]

    def tokenize():
        for _ in tokenizer.pipe(pieces, batch_size=100):
            pass

    # For comparison only: a Doc per line lets spaCy's tokenizer cache more
    # (one special case in a Doc stops caching for the rest of it), which is
    # faster still but is not how the text is fed to the pipeline.
    lines = [text[b.start:b.end] for b in blocks]
    line_tokenizer = spacy.blank(extractor.pack.spacy_lang).tokenizer

    def tokenize_lines():
        for _ in line_tokenizer.pipe(lines, batch_size=1000):
            pass

    def extract():
        extractor.extract(Document(text=text, blocks=paragraph_blocks(text)))

    # one untimed run of each first: caches warm, packs loaded
    tokenize()
    tokenize_lines()
    extract()
    tok = best_of(runs, tokenize)
    tok_lines = best_of(runs, tokenize_lines)
    ext = best_of(runs, extract)
    tracemalloc.start()
    extract()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"words": n_words, "tokenizer_wps": n_words / tok, "lines_wps": n_words / tok_lines,
            "extract_wps": n_words / ext,
            "ratio": tok / ext if ext else 0.0, "peak_mib": peak / 2**20}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--lang", action="append", help="en, ur, vi (default: all)")
    args = parser.parse_args()
    langs = args.lang or ["en", "ur", "vi"]
    print("tokenizer: spaCy's blank tokenizer on the same text, fed as the extractor feeds it;")
    print("per line: the same tokenizer with a Doc per line (for comparison); ratio = extract / tokenizer")
    print(f"{'lang':<5} {'words':>9} {'tokenizer w/s':>14} {'per line w/s':>13} {'extract w/s':>12} "
          f"{'ratio':>6} {'peak MiB':>9}")
    for lang in langs:
        m = measure(lang, args.words, args.runs)
        print(f"{lang:<5} {m['words']:>9,} {m['tokenizer_wps']:>14,.0f} {m['lines_wps']:>13,.0f} "
              f"{m['extract_wps']:>12,.0f} {m['ratio']:>6.2f} {m['peak_mib']:>9.1f}")


if __name__ == "__main__":
    main()
