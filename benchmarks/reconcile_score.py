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
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

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


@dataclass
class Score:
    right: int = 0
    proposed: int = 0
    expected: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.proposed if self.proposed else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0


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
        score.proposed += len(got)
        score.expected += len(wanted)
        score.right += len(got & wanted)
        if got != wanted:
            score.misses.append(f"  want {sorted(wanted) or '-'} got {sorted(got) or '-'}: {row['text']}")
    return score


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
            print(f"{name}: {len(rows(name))} statements, {score.expected} changes expected, "
                  f"{score.proposed} proposed, {score.right} right: precision {score.precision:.2f}, "
                  f"recall {score.recall:.2f}")
            if args.verbose:
                print("\n".join(score.misses))


if __name__ == "__main__":
    main()
