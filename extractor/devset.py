"""Scoring against a development set of real documents: a folder holding
`docs/` (the documents as published) and `gold/` (one JSON file per
document), the format of `../shared/devset` and its reference scorer.

It differs from the sample corpus' format (`evaluate.py`) on purpose, and
scores as the reference scorer does, so that the figures agree:

- a gold directive is a sentence of the file as stored; a prediction is
  placed in that file by its offsets when they hold its text, else by its
  text, else word by word (readers that rewrite text: Markdown, captions);
- a prediction hits every gold sentence it overlaps (each gold sentence is
  taken by the first prediction over it); one that overlaps none, and no
  `ignore` sentence, is a false alarm;
- `responsible` lists accepted alternatives, `""` accepting an empty answer;
  `deadline` is a date, null, or a list of accepted dates;
- `give_meeting_date` hands the gold meeting date to the extractor.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import srsly

from docket.extractor.lang import available, load_pack
from docket.models.errors import InputError

_WORD = re.compile(r"\w+")
MAX_GAP = 12  # words of markup or timestamps skipped between two words of a prediction
MIN_ALIGNED = 0.6  # share of a prediction's words that must be found in order


def function_words(lang: str) -> frozenset[str]:
    return frozenset(load_pack(lang).scoring_function_words) if lang in available() else frozenset()


def _tokens(text: str, skip: frozenset[str]) -> list[str]:
    return [w for w in _WORD.findall(unicodedata.normalize("NFC", text).casefold()) if w not in skip]


def token_f1(predicted: Counter, gold: Counter) -> float:
    """F1 of two bags of words; two empty bags agree (names made only of
    function words, "các cơ quan")."""
    if not predicted or not gold:
        return float(not predicted and not gold)
    common = sum((predicted & gold).values())
    if not common:
        return 0.0
    precision, recall = common / sum(predicted.values()), common / sum(gold.values())
    return 2 * precision * recall / (precision + recall)


def body_ok(predicted: list[str] | None, alternatives: list[str], skip: frozenset[str]) -> bool:
    """The predicted names match one accepted alternative (token F1 >= 0.5);
    no alternatives, or "" among them, accepts an empty answer."""
    words = [w for name in predicted or [] for w in _tokens(name, skip)]
    if not words and (not alternatives or "" in alternatives):
        return True
    return any(alt and token_f1(Counter(words), Counter(_tokens(alt, skip))) >= 0.5 for alt in alternatives)


def _words(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0).casefold(), m.start(), m.end()) for m in _WORD.finditer(unicodedata.normalize("NFC", text))]


def _aligned(words: list[str], stored: list[tuple[str, int, int]]) -> tuple[int, int] | None:
    """The stretch of `stored` that holds most of `words` in order."""
    best = None
    for k, (word, _, _) in enumerate(stored):
        if word != words[0]:
            continue
        j, got, last = k, 0, k
        for want in words:
            gap = 0
            while j < len(stored) and stored[j][0] != want and gap < MAX_GAP:
                j, gap = j + 1, gap + 1
            if j < len(stored) and stored[j][0] == want:
                got, last, j = got + 1, j, j + 1
        if got >= MIN_ALIGNED * len(words) and (best is None or got > best[0]):
            best = (got, k, last)
    return None if best is None else (stored[best[1]][1], stored[best[2]][2])


def locate(start: int, end: int, text: str, stored: str, stored_words) -> tuple[int, int] | None:
    """Where a prediction lies in the file as stored."""
    if 0 <= start < end <= len(stored) and (not text or stored[start:end] == text):
        return start, end
    text = text.strip()
    at = stored.find(text) if text else -1
    if at >= 0:
        return at, at + len(text)
    words = [w for w, _, _ in _words(text)]
    return _aligned(words, stored_words) if words else None


@dataclass(frozen=True)
class GoldSentence:
    start: int
    end: int
    id: str
    sentence: str
    responsible: list[str]
    deadline: Any  # None, an ISO date, or a list of accepted ones

    @property
    def dated(self) -> bool:
        return all(self.deadline) if isinstance(self.deadline, list) else bool(self.deadline)

    def deadline_ok(self, predicted: str | None) -> bool:
        return predicted in self.deadline if isinstance(self.deadline, list) else predicted == self.deadline


@dataclass
class Figures:
    """Counts for one document or a sum of documents."""

    docs: int = 0
    gold: int = 0
    tp: int = 0
    fp: int = 0
    body: int = 0
    deadline: int = 0
    complete: int = 0
    dated: int = 0
    dated_ok: int = 0
    meeting_date: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    COUNTS = ("docs", "gold", "tp", "fp", "body", "deadline", "complete", "dated", "dated_ok", "meeting_date")

    def add(self, other: "Figures") -> None:
        for name in self.COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def ratios(self) -> dict[str, float]:
        share = lambda a, b: a / b if b else 0.0  # noqa: E731
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "body_accuracy": share(self.body, self.tp), "deadline_accuracy": share(self.deadline, self.tp),
                "complete_items": share(self.complete, self.gold)}

    def summary(self) -> dict[str, float | int]:
        return {"docs": self.docs, "gold": self.gold, "hits": self.tp, "false_alarms": self.fp,
                **{name: round(value, 3) for name, value in self.ratios().items()},
                "dated": self.dated, "dated_right": self.dated_ok, "meeting_dates_right": self.meeting_date}


def is_devset(root: Path) -> bool:
    return (root / "gold").is_dir() and (root / "docs").is_dir()


def _find(stored: str, sentence: str, where: str) -> tuple[int, int]:
    at = stored.find(sentence)
    if at < 0:
        raise InputError(f"{where}: gold sentence not found in the document: {sentence[:60]!r}")
    return at, at + len(sentence)


def load(data: dict[str, Any], stored: str, where: str) -> tuple[list[GoldSentence], list[tuple[int, int]]]:
    """A gold file's directives and ignore sentences, placed in the document."""
    gold = [GoldSentence(*_find(stored, g["sentence"], where), g.get("id", ""), g["sentence"],
                         list(g.get("responsible") or []), g.get("deadline")) for g in data.get("directives", [])]
    ignore = [_find(stored, s, where) for s in data.get("ignore", [])]
    return gold, ignore


def _overlaps(span: tuple[int, int], start: int, end: int) -> bool:
    return span[0] < end and start < span[1]


def match(gold: list[GoldSentence], ignore, predicted, stored: str) -> tuple[list[Any], list[Any]]:
    """Each gold sentence's first overlapping prediction (or None), and the
    predictions that overlap no gold and no ignore sentence: false alarms."""
    hit: list[Any] = [None] * len(gold)
    alarms, stored_words = [], _words(stored)
    for p in predicted:
        where = locate(p.start, p.end, p.text, stored, stored_words)
        over = [] if where is None else [k for k, g in enumerate(gold) if _overlaps(where, g.start, g.end)]
        for k in over:
            hit[k] = p if hit[k] is None else hit[k]
        if not over and not (where and any(_overlaps(where, a, b) for a, b in ignore)):
            alarms.append(p)
    return hit, alarms


def _fields(figures: Figures, g: GoldSentence, p, skip: frozenset[str]) -> None:
    """Count a hit's party and deadline."""
    predicted_date = p.deadline.date.isoformat() if p.deadline and p.deadline.date else None
    body, deadline = body_ok(p.responsible, g.responsible, skip), g.deadline_ok(predicted_date)
    figures.tp += 1
    figures.body += body
    figures.deadline += deadline
    figures.complete += body and deadline
    figures.dated_ok += g.dated and deadline
    if not (body and deadline):
        figures.errors.append({"error": "wrong field", "id": g.id, "text": g.sentence,
                               "responsible": [p.responsible, g.responsible],
                               "deadline": [predicted_date, g.deadline]})


def score(gold: list[GoldSentence], ignore, predicted, stored: str, skip: frozenset[str]) -> Figures:
    """Figures for one document; `predicted` holds Directives of an extraction."""
    figures = Figures(docs=1, gold=len(gold), dated=sum(g.dated for g in gold))
    hit, alarms = match(gold, ignore, predicted, stored)
    figures.fp = len(alarms)
    figures.errors += [{"error": "false alarm", "text": p.text} for p in alarms]
    for g, p in zip(gold, hit):
        if p is None:
            figures.errors.append({"error": "missed", "id": g.id, "text": g.sentence})
        else:
            _fields(figures, g, p, skip)
    return figures


def evaluate_devset(root: str | Path, lang: str | None = None, only: list[str] | None = None,
                    ) -> tuple[dict[str, Figures], dict[str, Figures]]:
    """Figures per language (and "all") and per document over a dev set."""
    from docket.extractor.pipeline import extract
    from docket.extractor.readers import read_path

    root = Path(root)
    per_lang: dict[str, Figures] = {}
    per_doc: dict[str, Figures] = {}
    for gold_path in sorted((root / "gold").glob("*.json")):
        data = srsly.read_json(gold_path)
        if (lang and data["lang"] != lang) or (only and not any(o in data["doc"] for o in only)):
            continue
        doc_path = root / "docs" / data["doc"]
        stored = doc_path.read_text(encoding="utf-8")
        gold, ignore = load(data, stored, str(gold_path))
        given = date.fromisoformat(data["meeting_date"]) if data.get("give_meeting_date") else None
        result = extract(read_path(doc_path), lang="auto", meeting_date=given)
        figures = score(gold, ignore, result.directives, stored, function_words(data["lang"]))
        found = result.meeting_date.isoformat() if result.meeting_date else None
        figures.meeting_date = int(found == data.get("meeting_date"))
        for error in figures.errors:
            error["file"] = data["doc"]
        per_doc[data["doc"]] = figures
        for key in (data["lang"], "all"):
            per_lang.setdefault(key, Figures()).add(figures)
    if not per_doc:
        raise InputError(f"{root}: no gold files to score")
    return per_lang, per_doc
