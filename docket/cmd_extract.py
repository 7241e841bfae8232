"""`docket extract` and `docket eval`."""
from __future__ import annotations

import json
from datetime import date

import click

from docket import render
from docket.errors import DocketCommand
from docket.models.errors import InputError
from docket.models.items import Extraction
from docket.options import LanguageChoice, lang_option, meeting_date_option

# extractor.pipeline (spaCy) and the readers are imported inside the commands:
# `docket list` and the other store commands never need them.


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_table(result: Extraction) -> str:
    lines = [
        f"{result.source}  [{result.lang}]  meeting: {result.meeting_date or 'unknown'}  "
        f"directives: {len(result.directives)}"
    ]
    if result.directives:
        lines.append(f"  {'#':>3}  {'responsible':<32}  {'deadline':<12}  {'conf':>4}  action")
    for number, d in enumerate(result.directives, 1):
        who = ", ".join(d.responsible) or "—"
        if d.responsible_inherited:
            who += " ↑"
        due = (d.deadline.date.isoformat() if d.deadline and d.deadline.date
               else (d.deadline.text if d.deadline else "—"))
        flags = ("!" if d.urgent else "") + ("↻" if d.recurring else "")
        lines.append(
            f"  {number:>3}  {_shorten(who, 32):<32}  {_shorten(due, 12):<12}  {d.confidence:>4.2f}  "
            f"{flags}{_shorten(d.action, 70)}"
        )
    return "\n".join(lines)


def _paths(paths: tuple[str, ...]) -> list[str]:
    from docket.extractor.readers import walk

    found: list[str] = []
    for path in paths:
        if path == "-":
            found.append(path)
            continue
        expanded = walk([path])
        listed = [str(p) for p, supported in expanded if supported]
        if not listed:
            unsupported = f" ({len(expanded)} files of types it does not read)" if expanded else ""
            raise InputError(f"{path}: no documents docket can read{unsupported}")
        found += listed
    return found


@click.command("extract", cls=DocketCommand)
@click.argument("paths", nargs=-1, required=True)
@lang_option
@meeting_date_option
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True)
@click.option("--show-text", is_flag=True, help="Print the text docket reads from the file instead.")
def extract_command(paths: tuple[str, ...], lang: str, meeting_date: date | None, fmt: str, show_text: bool) -> None:
    """Print the directives of documents (files, folders, or - for stdin).

    \b
    Examples:
        docket extract report.txt
        docket extract minutes/ --format table
        cat notes.txt | docket extract - --meeting-date 2025-02-13
    """
    from docket.extractor.startup import long_lived

    with long_lived():  # spaCy's modules and the extractor's live as long as the process
        from docket.extractor import extract, read_path

    files = _paths(paths)
    results = []
    for path in files:
        document = read_path(path)
        for warning in document.warnings:
            click.echo(render.terminal_safe(f"Warning: {warning}"), err=True)
        if show_text:
            click.echo(document.text, nl=False)
            continue
        results.append(extract(document, lang=lang, meeting_date=meeting_date))
    if show_text:
        return
    if fmt == "table":
        click.echo(render.terminal_safe("\n\n".join(format_table(r) for r in results)))
        return
    payload = [r.to_json() for r in results]
    click.echo(render.to_json(payload[0] if len(payload) == 1 else payload))


@click.command("eval", cls=DocketCommand)
@click.argument("corpus", default="corpus", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--errors", "show_errors", is_flag=True, help="List every miss, false positive and wrong role.")
@click.option("--given-meeting-dates", is_flag=True,
              help="Give the extractor the gold meeting dates instead of letting it read them.")
@click.option("--per-doc", is_flag=True, help="A line per document too (development sets).")
@click.option("--lang", "only_lang", type=LanguageChoice(auto=False), help="Only documents in this language.")
@click.option("--doc", "only_docs", multiple=True, help="Only documents whose name contains this (repeatable).")
def eval_command(corpus, fmt, show_errors, given_meeting_dates, per_doc, only_lang, only_docs):
    """Score the extractor against the gold files of a corpus.

    CORPUS is a folder of reports with `.gold.json` files beside them (the
    sample corpus), or a development set of real documents: a folder with
    `docs/` and `gold/`, scored as its reference scorer does (per-language
    precision, recall, F1, body, deadline, dated deadlines, complete items).

    \b
    Examples:
        docket eval corpus/
        docket eval ../shared/devset --lang ur --per-doc
    """
    from pathlib import Path

    from docket.extractor.devset import is_devset

    if is_devset(Path(corpus)):
        _eval_devset(Path(corpus), fmt, show_errors, per_doc, only_lang, list(only_docs))
    else:
        _eval_corpus(corpus, fmt, show_errors, given_meeting_dates)


def _eval_corpus(corpus, fmt, show_errors, given_meeting_dates):
    from docket.extractor.evaluate import evaluate

    scores = evaluate(corpus, meeting_dates=given_meeting_dates)
    if fmt == "json":
        click.echo(json.dumps({k: v.figures() for k, v in scores.items()}, indent=2))
    else:
        click.echo(f"{'lang':<5} {'gold':>5} {'pred':>5} {'hits':>5} {'P':>6} {'R':>6} {'F1':>6} {'body':>6} {'deadline':>9}")
        for lang, score in sorted(scores.items(), key=lambda kv: (kv[0] == "all", kv[0])):
            f = score.figures()
            click.echo(f"{lang:<5} {f['gold']:>5} {f['predicted']:>5} {f['hits']:>5} {f['precision']:>6.3f} "
                       f"{f['recall']:>6.3f} {f['f1']:>6.3f} {f['body_accuracy']:>6.3f} {f['deadline_accuracy']:>9.3f}")
    if show_errors:
        for error in scores["all"].errors:
            click.echo(json.dumps(error, ensure_ascii=False), err=True)


def _devset_line(name: str, f) -> str:
    r = f.ratios()
    return (f"{name}: docs {f.docs} gold {f.gold} P {r['precision']:.2f} R {r['recall']:.2f} "
            f"F1 {r['f1']:.2f} | body {r['body_accuracy']:.2f} | deadline {r['deadline_accuracy']:.2f} "
            f"(dated {f.dated_ok}/{f.dated}) | complete items {r['complete_items']:.2f} "
            f"| meeting date {f.meeting_date}/{f.docs}")


def _eval_devset(root, fmt, show_errors, per_doc, only_lang, only_docs):
    from docket.extractor.devset import evaluate_devset

    per_lang, docs = evaluate_devset(root, lang=only_lang, only=only_docs or None)
    order = sorted(per_lang, key=lambda k: (k == "all", k))
    if fmt == "json":
        payload = {k: per_lang[k].summary() for k in order}
        if per_doc:
            payload["documents"] = {name: f.summary() for name, f in docs.items()}
        click.echo(json.dumps(payload, indent=2))
    else:
        if per_doc:
            for name, f in docs.items():
                # a document with nothing predicted, or nothing to find, is not wrong on that count
                precision = f.precision if f.tp + f.fp else 1.0
                recall = f.recall if f.gold else 1.0
                click.echo(f"  {name[:58]:58} gold {f.gold:2} tp {f.tp:2} fp {f.fp:2} P {precision:.2f} "
                           f"R {recall:.2f} body {f.body}/{f.tp} deadline {f.deadline}/{f.tp} "
                           f"complete {f.complete}/{f.gold}")
        for key in order:
            click.echo(_devset_line(key, per_lang[key]))
    if show_errors:
        for error in per_lang["all"].errors:
            click.echo(json.dumps(error, ensure_ascii=False), err=True)

