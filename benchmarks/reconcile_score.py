"""Precision and recall of `docket reconcile`'s proposed status changes, per
language, on the progress statements of tests/data/reconcile/<lang>.jsonl
against a store of the invented items of items_<lang>.jsonl.

    PYTHONPATH=. python benchmarks/reconcile_score.py [--lang xx] [-v] [--set heldout|blind]

Each statement is read as a report of its own, all items open. A proposed
change is right when it names the statement's item and status; a statement
that must change nothing (pending, negated, future, restated, another body,
no item, two items) counts only against precision when it proposes something.
tests/test_reconcile.py holds the figures to their floors.

Three sets, each written before the packs saw it: <lang>.jsonl (the packs
were tuned on it), heldout_<lang>.jsonl (scored once untuned, then tuned
on: see its commit), blind_<lang>.jsonl (scored as written, never tuned on).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docket.extractor.evaluate import Score  # noqa: E402  (tp, fp, fn: precision and recall)
from docket.extractor.progress import progress_reader  # noqa: E402
from docket.models.items import Document  # noqa: E402
from docket.models.manual import ManualItem  # noqa: E402
from docket.models.reconcile import against_store  # noqa: E402
from docket.models.store import Store  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "reconcile"
LANGS = ("en", "ur", "vi")


def rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def build_store(path: Path, lang: str) -> tuple[Store, dict[str, str]]:
    """A store holding the language's invented items, open; returns it and ref -> item id."""
    store = Store.open(path)
    ids = {}
    for row in rows(f"items_{lang}.jsonl"):
        item = store.add(ManualItem(row["action"], row["responsible"], source=f"invented items ({lang})"))
        ids[row["ref"]] = item.id
    return store, ids


def statements_file(lang: str, which: str = "") -> str:
    return f"{which}_{lang}.jsonl" if which else f"{lang}.jsonl"


def measure(lang: str, store: Store, ids: dict[str, str], which: str = "") -> Score:
    reader, score = progress_reader(lang), Score()
    refs = {item_id: ref for ref, item_id in ids.items()}
    for row in rows(statements_file(lang, which)):
        statements = reader.statements(Document(source="statement", text=row["text"]))
        result = against_store(store, statements, reader.words, reader.rule)
        got = {(refs[p.item_id], p.new.value) for p in result.proposals}
        wanted = {(row["item"], row["status"])} if row["status"] else set()
        score.tp += len(got & wanted)
        score.fp += len(got - wanted)
        score.fn += len(wanted - got)
        if got != wanted:
            score.errors.append({"text": row["text"], "want": sorted(wanted), "got": sorted(got)})
    return score


def misses(score: Score) -> str:
    return "\n".join(f"  want {e['want'] or '-'} got {e['got'] or '-'}: {e['text']}" for e in score.errors)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=LANGS)
    parser.add_argument("-v", "--verbose", action="store_true", help="List the statements scored wrong.")
    parser.add_argument("--set", dest="which", choices=["heldout", "blind"], default="",
                        help="Another set of statements (see above); default: <lang>.jsonl.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for lang in [args.lang] if args.lang else LANGS:
            store, ids = build_store(Path(folder) / f"{lang}.db", lang)
            with store:
                score = measure(lang, store, ids, args.which)
            name = statements_file(lang, args.which)
            print(f"{name}: {len(rows(name))} statements, {score.tp + score.fn} changes expected, "
                  f"{score.tp + score.fp} proposed, {score.tp} right: precision {score.precision:.2f}, "
                  f"recall {score.recall:.2f}")
            if args.verbose:
                print(misses(score))


if __name__ == "__main__":
    main()
