"""Scoring the extractor against gold files (ANNOTATION.md section 6).

A prediction is a hit when its span overlaps a gold directive's text; each
gold directive and each prediction is matched at most once, greatest overlap
first. Of the hits: the share whose responsible body matches (token F1 of
the union of names at least 0.5; empty against empty counts) and the share
whose deadline date is exactly right (null against null counts).
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

from docket.extractor.devset import token_f1
from docket.extractor.lang import load_pack
from docket.extractor.pipeline import extract
from docket.extractor.readers import GOLD_SUFFIX, read_path
from docket.models.errors import InputError
from docket.models.items import Directive

_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass
class GoldDirective:
    start: int
    end: int
    text: str
    responsible: list[str]
    deadline: str | None


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    body_ok: int = 0
    deadline_ok: int = 0
    gold_sentences: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        for name in ("tp", "fp", "fn", "body_ok", "deadline_ok", "gold_sentences"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def body_accuracy(self) -> float:
        return self.body_ok / self.tp if self.tp else 0.0

    @property
    def deadline_accuracy(self) -> float:
        return self.deadline_ok / self.tp if self.tp else 0.0

    def figures(self) -> dict[str, float | int]:
        return {
            "gold": self.tp + self.fn, "predicted": self.tp + self.fp, "hits": self.tp,
            "precision": round(self.precision, 3), "recall": round(self.recall, 3),
            "f1": round(self.f1, 3), "body_accuracy": round(self.body_accuracy, 3),
            "deadline_accuracy": round(self.deadline_accuracy, 3),
        }


def _tokens(names: list[str], fold: dict[str, str]) -> Counter:
    text = unicodedata.normalize("NFC", " ".join(names)).lower()
    if fold:
        text = text.translate(str.maketrans(fold))
    return Counter(_TOKEN.findall(text))


def body_matches(predicted: list[str], gold: list[str], fold: dict[str, str] | None = None) -> bool:
    return token_f1(_tokens(predicted, fold or {}), _tokens(gold, fold or {})) >= 0.5


def load_gold(gold_path: Path, text: str) -> tuple[dict[str, Any], list[GoldDirective]]:
    data = srsly.read_json(gold_path)
    found: list[GoldDirective] = []
    cursor = 0
    for entry in data.get("directives", []):
        needle = entry["text"]
        at = text.find(needle, cursor)
        if at < 0:
            at = text.find(needle)
        if at < 0:
            raise InputError(f"{gold_path}: gold text not found in the document: {needle[:60]!r}")
        cursor = at + 1
        deadline = entry.get("deadline") or {}
        found.append(GoldDirective(at, at + len(needle), needle, list(entry.get("responsible") or []),
                                   deadline.get("date")))
    return data, found


def score_document(gold: list[GoldDirective], predicted: list[Directive], fold: dict[str, str]) -> Score:
    score = Score(gold_sentences=len(gold))
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                pairs.append((overlap, gi, pi))
    used_gold, used_pred = set(), set()
    for overlap, gi, pi in sorted(pairs, reverse=True):
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        g, p = gold[gi], predicted[pi]
        score.tp += 1
        predicted_date = p.deadline.date.isoformat() if p.deadline and p.deadline.date else None
        body_ok = body_matches(p.responsible, g.responsible, fold)
        deadline_ok = predicted_date == g.deadline
        score.body_ok += body_ok
        score.deadline_ok += deadline_ok
        if not body_ok or not deadline_ok:
            score.errors.append({"error": "body" if not body_ok else "deadline", "text": g.text,
                                 "gold": [g.responsible, g.deadline],
                                 "predicted": [p.responsible, predicted_date]})
    for pi, p in enumerate(predicted):
        if pi not in used_pred:
            score.fp += 1
            score.errors.append({"error": "false positive", "text": p.text, "rules": p.rules})
    for gi, g in enumerate(gold):
        if gi not in used_gold:
            score.fn += 1
            score.errors.append({"error": "missed", "text": g.text})
    return score


def gold_files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    return sorted(root.rglob("*" + GOLD_SUFFIX))


def evaluate(root: str | Path, meeting_dates: bool = False) -> dict[str, Score]:
    """Scores per language (and "all") over every gold file under `root`.
    With `meeting_dates`, the gold meeting date is given to the extractor."""
    root = Path(root)
    if not root.exists():
        raise InputError(f"{root}: no such file or folder")
    scores: dict[str, Score] = {}
    files = gold_files(root)
    if not files:
        raise InputError(f"{root}: no gold files (*{GOLD_SUFFIX}) found")
    for gold_path in files:
        document_path = gold_path.with_name(gold_path.name[: -len(GOLD_SUFFIX)])
        document = read_path(document_path)
        data, gold = load_gold(gold_path, document.text)
        lang = data.get("lang", "auto")
        given = date.fromisoformat(data["meeting_date"]) if meeting_dates and data.get("meeting_date") else None
        result = extract(document, lang="auto", meeting_date=given)
        score = score_document(gold, result.directives, load_pack(lang).char_map if lang != "auto" else {})
        for error in score.errors:
            error["file"] = str(document_path)
        for key in (lang, "all"):
            scores.setdefault(key, Score()).add(score)
    return scores
