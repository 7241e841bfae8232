"""CPU time of the date stages that read whole documents, per language.

The stages: the meeting date (meeting_date_and_source: the strong and weak
patterns over a document's head, the strong ones over the rest, the head's
deadline phrases when a weak date is checked) and the dated mentions that
give a year to a document without a meeting date (context_date: every
deadline phrase and bare date of the whole text). The text: the dev set's
documents of the language when ../shared/devset is there, else corpus/<lang>,
each normalized as the extractor does. The figure: milliseconds per pass over
all the documents, best of --runs, the deadline-phrase cache emptied before
each pass (a document is read once); the reference: spaCy's blank tokenizer
over the same documents in the same process (tok ms), and --vs CHECKOUT runs
the same measurement with that checkout's code and .venv in the same call, so
the ratio column compares stage times (this checkout / the first --vs). A
measurement, not a test.

    python benchmarks/date_stages.py --vs ../main --runs 5 [--lang ur]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from extract_speed import DEVSET, LANGS, devset_texts, run_elsewhere

HERE = Path(__file__).resolve().parent.parent


def documents(root: Path, lang: str) -> list[str]:
    """The dev set's documents of `lang`, or the corpus of `root` without a dev set."""
    found = devset_texts(lang) if (DEVSET / "docs").is_dir() else []
    return found or [p.read_text(encoding="utf-8") for p in sorted((root / "corpus" / lang).glob("*.txt"))]


def best(fn, runs: int, before=lambda: None) -> float:
    spent = float("inf")
    for _ in range(runs):
        before()
        start = time.process_time()
        fn()
        spent = min(spent, time.process_time() - start)
    return spent * 1000


def measure(root: Path, lang: str, runs: int) -> dict[str, float]:
    sys.path.insert(0, str(root))
    import spacy
    from docket.extractor.dates import DateGrammar
    from docket.extractor.deadlines import context_date
    from docket.extractor.lang import load_pack
    from docket.extractor.meeting import meeting_date_and_source
    from docket.extractor.normalize import normalize

    pack = load_pack(lang)
    grammar = DateGrammar(pack.dates)
    texts = [normalize(text, pack.char_map).text for text in documents(root, lang)]
    tokenizer = spacy.blank(pack.spacy_lang).tokenizer
    empty = grammar._found.cache_clear
    return {
        "docs": len(texts), "chars": sum(map(len, texts)),
        "tok": best(lambda: [tokenizer(text) for text in texts], runs),
        "meeting": best(lambda: [meeting_date_and_source(text, grammar) for text in texts], runs, empty),
        "context": best(lambda: [context_date(text, grammar, []) for text in texts], runs, empty),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lang", action="append", choices=LANGS, help="en, ur, vi (default: all)")
    parser.add_argument("--vs", type=Path, metavar="CHECKOUT", action="append", default=[])
    parser.add_argument("--root", type=Path, default=HERE, help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    langs = args.lang or LANGS
    if args.json:
        print(json.dumps(measure(args.root, langs[0], args.runs)))
        return
    print(f"CPU ms per pass over each language's documents, best of {args.runs}; tok = spaCy's blank tokenizer")
    print(f"{'lang':<5} {'checkout':<20} {'docs':>5} {'chars':>8} {'tok':>7} {'meeting':>8} {'context':>8} "
          f"{'ratio':>6}")
    for lang in langs:
        rows = [(checkout.resolve().name, run_elsewhere(checkout.resolve(), ["--runs", str(args.runs), "--lang", lang], __file__)) for checkout in args.vs]
        rows.append((args.root.name, measure(args.root, lang, args.runs)))
        first = rows[0][1]
        for name, m in rows:
            ratio = (m["meeting"] + m["context"]) / (first["meeting"] + first["context"])
            print(f"{lang:<5} {name:<20} {m['docs']:>5} {m['chars']:>8,} {m['tok']:>7.1f} {m['meeting']:>8.1f} "
                  f"{m['context']:>8.1f} {ratio:>6.2f}")


if __name__ == "__main__":
    main()
