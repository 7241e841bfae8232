"""Proof that a change to the engine changes no output: the JSON that
`docket extract FILE --format json` prints, for every report in corpus/ and
every document of ../shared/devset/docs/ (with the meeting date the scorer
gives where the gold says so), saved once and compared after the change.

    python tests/extract_snapshot.py save /tmp/before     # before the change
    python tests/extract_snapshot.py check /tmp/before    # after: exit 1 on any difference

Run with the checkout's environment (.venv/bin/python). Not a test: it reads
the dev set, which a user's clone may not have, and takes minutes."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
# the dev set beside the checkout; DOCKET_DEVSET names another copy (a worktree elsewhere)
DEVSET = Path(os.environ.get("DOCKET_DEVSET", ROOT.parent / "shared" / "devset")).resolve()
SUFFIXES = {".txt", ".md", ".docx", ".pdf", ".vtt", ".srt"}


def inputs() -> list[tuple[str, list[str]]]:
    """(name, extract arguments) for every file to snapshot."""
    runs = []
    for path in sorted((ROOT / "corpus").rglob("*")):
        if path.suffix in SUFFIXES and not path.name.startswith("README"):
            runs.append((f"corpus/{path.relative_to(ROOT / 'corpus')}", [str(path)]))
    for gold_path in sorted((DEVSET / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        args = [str(DEVSET / "docs" / gold["doc"])]
        if gold.get("give_meeting_date") and gold.get("meeting_date"):
            args += ["--meeting-date", gold["meeting_date"]]
        runs.append((f"devset/{gold['doc']}", args))
    return runs


def outputs() -> dict[str, str]:
    sys.path.insert(0, str(ROOT))
    from docket.cli import main

    runner = CliRunner()
    result = {}
    for name, args in inputs():
        run = runner.invoke(main, ["extract", *args, "--format", "json"], catch_exceptions=False)
        # paths as placeholders, so that checkouts in other folders compare equal
        output = run.output.replace(str(DEVSET), "<devset>").replace(str(ROOT), "<root>")
        result[name] = f"exit {run.exit_code}\n{output}"
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["save", "check"])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    got = outputs()
    if args.action == "save":
        args.folder.mkdir(parents=True, exist_ok=True)
        (args.folder / "snapshot.json").write_text(json.dumps(got, ensure_ascii=False, indent=0), encoding="utf-8")
        print(f"saved {len(got)} outputs to {args.folder / 'snapshot.json'}")
        return 0
    before = json.loads((args.folder / "snapshot.json").read_text(encoding="utf-8"))
    changed = sorted(name for name in before.keys() | got.keys() if before.get(name) != got.get(name))
    for name in changed:
        print(f"differs: {name}")
    print(f"{len(got) - len(changed)} of {len(got)} outputs byte-identical")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
