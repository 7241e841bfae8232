"""The gold corpus as a regression suite (ANNOTATION.md section 6): a
language whose scores drop below its recorded floor fails."""
from __future__ import annotations

from pathlib import Path

import pytest

from docket.extractor.evaluate import evaluate

CORPUS = Path(__file__).parent.parent / "corpus"
# Recorded from `docket eval corpus/`; the minimum is F1 0.85, body
# 0.8, deadline 0.9. Raise them when the extractor improves.
FLOORS = {
    "en": {"f1": 0.95, "body_accuracy": 0.93, "deadline_accuracy": 0.96},
    "ur": {"f1": 0.92, "body_accuracy": 0.94, "deadline_accuracy": 0.98},
    "vi": {"f1": 0.93, "body_accuracy": 0.93, "deadline_accuracy": 0.97},
}


@pytest.fixture(scope="module")
def scores():
    return evaluate(CORPUS)


@pytest.mark.parametrize("lang", sorted(FLOORS))
def test_language_stays_above_its_floor(scores, lang):
    figures = scores[lang].figures()
    for name, floor in FLOORS[lang].items():
        assert figures[name] >= floor, (lang, name, figures)


def test_corpus_is_large_enough_to_mean_something(scores):
    assert scores["en"].tp + scores["en"].fn + scores["ur"].tp + scores["ur"].fn >= 80
    assert scores["vi"].tp + scores["vi"].fn >= 40
    for lang in FLOORS:
        assert len(list((CORPUS / lang).glob("*.gold.json"))) >= 6
