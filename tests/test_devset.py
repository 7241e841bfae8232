"""Scoring on a development set of real documents (docs/ + gold/): the
format and matching rules of the reference scorer, and the floors docket
holds on ../shared/devset when it is there."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from docket.extractor.devset import Figures, body_ok, evaluate_devset, locate, score
from docket.extractor.devset import GoldSentence, _words
from docket.models.items import Deadline, Directive

DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"

# Recorded from `docket eval ../shared/devset`; raise them when the extractor
# improves. dated: gold deadlines with a date that docket gets right.
FLOORS = {
    "en": {"f1": 0.83, "body_accuracy": 0.93, "complete_items": 0.78, "dated": 10},
    "ur": {"f1": 0.87, "body_accuracy": 0.83, "complete_items": 0.73, "dated": 15},
    "vi": {"f1": 0.87, "body_accuracy": 0.84, "complete_items": 0.75, "dated": 30},
}


def _directive(text: str, start: int, responsible=(), when: str | None = None) -> Directive:
    deadline = Deadline(text=when, date=date.fromisoformat(when)) if when else None
    return Directive(text=text, start=start, end=start + len(text), action=text, responsible=list(responsible),
                     deadline=deadline)


def _gold(stored: str, sentence: str, responsible=(), deadline=None) -> GoldSentence:
    at = stored.index(sentence)
    return GoldSentence(at, at + len(sentence), "D", sentence, list(responsible), deadline)


@pytest.mark.parametrize("predicted, alternatives, ok", [
    (["the Ministry of Finance"], ["Ministry of Finance"], True),   # function words do not count
    (["Finance"], ["Ministry of Finance", "Treasury"], True),          # F1 0.67 against one alternative
    (["Ministry of Health"], ["Ministry of Finance"], True),           # one word of two: F1 0.5, the threshold
    (["Health Department"], ["Ministry of Finance"], False),
    ([], ["", "Ministry of Finance"], True),                           # "" accepts no party
    ([], ["Ministry of Finance"], False),
    ([], [], True),
    (["Priya"], [""], False),
    (["the"], ["the of"], True),                                       # function words only, on both sides
    (["the"], ["Ministry of Finance"], False),
])
def test_body_alternatives(predicted, alternatives, ok):
    assert body_ok(predicted, alternatives, frozenset({"the", "of"})) is ok


def test_locate_trusts_offsets_then_text_then_words():
    stored = "# Minutes\n\n**Priya** to send the *draft* by Friday.\n"
    words = _words(stored)
    assert locate(11, 20, "**Priya**", stored, words) == (11, 20)
    assert locate(0, 5, "send the", stored, words) == (stored.index("send the"), stored.index("send the") + 8)
    start, end = locate(0, 5, "Priya to send the draft by Friday.", stored, words)
    assert stored[start:end] == "Priya** to send the *draft* by Friday"
    assert locate(0, 5, "nothing like it here at all", stored, words) is None


def test_score_counts_hits_false_alarms_ignores_and_fields():
    stored = ("The board asked the finance office to review all contracts by 30 June 2025. "
              "It was a long meeting. Photo: staff. Members will circulate notes.")
    gold = [_gold(stored, "The board asked the finance office to review all contracts by 30 June 2025.",
                  ["finance office"], "2025-06-30"),
            _gold(stored, "Members will circulate notes.", ["", "Members"], ["2025-07-01", None])]
    ignore = [(stored.index("Photo"), stored.index("Photo") + len("Photo: staff."))]
    predicted = [
        _directive("the finance office to review all contracts", stored.index("the finance"),
                   ["finance office"], "2025-06-30"),
        _directive("asked the finance office", stored.index("asked"), ["board"]),  # same gold: not a false alarm
        _directive("It was a long meeting.", stored.index("It was")),               # a false alarm
        _directive("Photo: staff.", stored.index("Photo")),                          # in an ignore sentence
    ]
    figures = score(gold, ignore, predicted, stored, frozenset())
    assert (figures.tp, figures.fp, figures.gold) == (1, 1, 2)
    assert (figures.body, figures.deadline, figures.complete, figures.dated, figures.dated_ok) == (1, 1, 1, 1, 1)
    assert [e["error"] for e in figures.errors] == ["false alarm", "missed"]


def test_figures_add_up():
    a, b = Figures(docs=1, gold=4, tp=2, fp=2), Figures(docs=1, gold=2, tp=2)
    a.add(b)
    assert (a.docs, a.gold, a.tp, a.fp) == (2, 6, 4, 2)
    assert a.precision == pytest.approx(4 / 6) and a.recall == pytest.approx(4 / 6)


def test_eval_reads_a_devset_folder(docket, tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "gold").mkdir()
    text = "Minutes of the team meeting, 3 March 2025.\n\nACTION: Priya to circulate the draft by 7 March 2025.\n"
    (tmp_path / "docs" / "en_a.txt").write_text(text, encoding="utf-8")
    gold = {"doc": "en_a.txt", "lang": "en", "meeting_date": "2025-03-03", "directives": [
        {"id": "D1", "sentence": "Priya to circulate the draft by 7 March 2025.", "responsible": ["Priya"],
         "deadline": "2025-03-07"}]}
    (tmp_path / "gold" / "en_a.json").write_text(json.dumps(gold), encoding="utf-8")
    per_lang, per_doc = evaluate_devset(tmp_path)
    assert per_lang["en"].summary()["f1"] == 1.0
    assert per_lang["all"].complete == 1 and per_doc["en_a.txt"].meeting_date == 1
    result = docket("eval", str(tmp_path), "--per-doc")
    assert result.exit_code == 0, result.output
    assert "en_a.txt" in result.output
    assert "en: docs 1 gold 1 P 1.00 R 1.00 F1 1.00 | body 1.00 | deadline 1.00 (dated 1/1)" in result.output


@pytest.mark.skipif(not (DEVSET / "gold").is_dir(), reason="no development set beside the checkout")
@pytest.mark.e2e
def test_devset_floors():
    per_lang, _ = evaluate_devset(DEVSET)
    for lang, floors in FLOORS.items():
        figures = per_lang[lang]
        got = {**figures.ratios(), "dated": figures.dated_ok}
        for name, floor in floors.items():
            assert got[name] >= floor, (lang, name, round(got[name], 3), floor)
