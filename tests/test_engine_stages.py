"""The engine's pure stages one at a time: the text map, the run's
transitions, the deadline picker and the scorer (extractor/normalize.py,
runs.py, deadlines.py, scoring.py)."""
from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from docket.extractor.clauses import SpanIndex
from docket.extractor.nlp import SPAN_KEY, TEXT_KEY
from docket.extractor.normalize import TextMap, TextRef, normalize
from docket.extractor.pipeline import get_extractor
from docket.extractor.runs import RunState
from docket.extractor.scoring import Evidence
from docket.models.items import Block

MEETING = date(2025, 2, 13)


# ------------------------------------------------------------------ text map
def test_text_map_gives_back_the_text_as_read_after_nfc_folding():
    original = unicodedata.normalize("NFD", "Sở Tài chính  gửi báo cáo.  ")
    norm = normalize(original, {})
    assert norm.text != original  # NFC shortened it
    text = TextMap(norm, original)
    start = norm.text.index("Tài")
    ref = TextRef(start, start + len("Tài chính  "))
    assert text.exact(ref) == unicodedata.normalize("NFD", "Tài chính  ")
    assert text.name(ref) == unicodedata.normalize("NFD", "Tài chính")
    a, b, passage = text.passage(TextRef(0, len(norm.text)))
    assert passage == original.rstrip() and original[a:b] == passage
    a, b, passage = text.passage(TextRef(0, len(norm.text)), rstrip=False)
    assert passage == original and b == len(original)
    assert text.name("Priya") == "Priya"  # a string found as it is stays so


# ------------------------------------------------------------- run state
def test_a_run_opens_continues_and_inherits():
    run = RunState()
    run.open(["Ministries"], "Minister")
    assert run.active and run.explicit and run.inherit() == ["Ministries"]
    run.open(None, None)  # an opener with no party or issuer of its own keeps the run's
    assert run.party == ["Ministries"] and run.issuer == "Minister"
    inherited = run.inherit()
    inherited.append("x")
    assert run.party == ["Ministries"]  # a copy
    run.address("Provincial Police")
    assert run.party == ["Provincial Police"]
    run.continue_("directive", 40, None, False, None)
    assert run.last == "directive" and run.last_line == 40 and run.party == ["Provincial Police"]


@pytest.mark.parametrize("explicit, bullet, still_active", [
    (True, True, True),  # a weak bullet under "requested:" does not end the run
    (True, False, False),
    (False, True, False),
    (False, False, False),
])
def test_a_miss_is_a_comment_a_run_survives_once(explicit, bullet, still_active):
    run = RunState(active=True, explicit=explicit, party=["Team"], issuer="Chair", line=3, touched=2)
    run.miss(bullet)
    run.next_line(4)
    assert run.active is still_active
    # one line of comment: the next directive that names no party still takes the run's
    assert (run.inherit(), run.issuer) == (["Team"], "Chair")
    run.miss(bullet)
    run.next_line(5)
    assert run.inherit() == (["Team"] if still_active else [])


def test_a_run_opens_on_any_directive_with_a_party_and_a_new_speaker_ends_it():
    run = RunState()
    run.continue_("directive", 10, ["Water board"], False, None)
    assert run.inherit() == ["Water board"] and not run.active
    run.speaks("Mira")  # no speaker was recorded: nothing changes
    assert run.inherit() == ["Water board"]
    run = RunState(active=True, party=["Team"], speaker="Chair")
    run.speaks("Mira")
    assert run.inherit() == [] and not run.active


@pytest.mark.parametrize("opens, issuer", [(True, "Chair"), (False, None)])
def test_a_heading_starts_afresh(opens, issuer):
    run = RunState(active=True, party=["Team"], issuer="Chair", last="d", last_line=5)
    run.next_line(5)
    run.heading(opens)
    assert (run.active, run.explicit, run.party, run.issuer, run.last) == (opens, opens, [], issuer, None)
    run.next_line(9)
    assert run.previous_line == 5  # the line before the heading still counts as the line before


def test_a_label_completes_only_the_directive_of_its_line_or_the_line_before():
    run = RunState()
    assert not run.may_complete(0)
    run.next_line(10)
    run.continue_("d", 10, None, False, None)
    assert run.may_complete(10)
    run.next_line(20)
    assert run.may_complete(20)
    run.next_line(30)
    assert not run.may_complete(30)


# ------------------------------------------------- deadline pick and score
def clause_of(text: str, lang: str = "en"):
    extractor = get_extractor(lang)
    doc = extractor.nlp(text)
    doc.user_data[TEXT_KEY] = text
    clauses = extractor.reader.clauses(doc, doc[:], Block(0, len(text)), SpanIndex(doc.spans[SPAN_KEY]), True)
    return extractor, clauses[0]


def score_of(text: str, run: RunState | None = None, lang: str = "en"):
    extractor, clause = clause_of(text, lang)
    judge = extractor.judge
    evidence = Evidence(judge.parties.responsible(clause, 0), judge.deadlines.pick(clause, 0, MEETING),
                        False, MEETING)
    return judge.scorer.score(clause, run or RunState(), evidence)


@pytest.mark.parametrize("text, phrase, past", [
    ("Send the draft by Friday and the final text by 3 March.", "by 3 March", False),  # a day beats a weekday
    ("Send the draft by 3 January 2025.", None, True),  # before the meeting: passed over
    ("Send the rota every Monday.", None, False),  # a recurrence is no deadline
    ("Send the draft soon.", None, False),
])
def test_the_deadline_picker_takes_the_most_precise_phrase_after_the_meeting(text, phrase, past):
    extractor, clause = clause_of(text)
    pick = extractor.judge.deadlines.pick(clause, 0, MEETING)
    assert (text[pick.span[0]:pick.span[1]] if pick.span else None, pick.past) == (phrase, past)


def test_a_modal_with_a_party_and_a_deadline_scores_its_parts():
    score = score_of("The Ministry of Finance must send the plan by 30 March.")
    assert score.fired == ("modal", "deadline", "subject") and score.penalties == ()
    assert score.value == pytest.approx(0.75 + 0.15 + 0.05) and score.passes


def test_penalties_are_named_and_subtracted():
    score = score_of("The Ministry of Finance must report 12 cases and 40 deaths.")
    assert score.penalties == ("statistics",)
    assert score.value == pytest.approx(0.75 + 0.05 - 0.25)
    assert score.rules[-1] == "-statistics"


def test_a_future_without_a_party_is_penalised():
    score = score_of("It will rain on the new site.")
    assert not score.passes


@pytest.mark.parametrize("run, candidate, fired", [
    (RunState(), False, ()),  # no cue, no run: no candidate at all
    (RunState(active=True, explicit=True), True, ("run", "in-run")),  # under "requested:"
])
def test_a_clause_without_a_cue_is_a_candidate_only_inside_a_run(run, candidate, fired):
    score = score_of("Budget figures for the new school year.", run)
    assert score.candidate is candidate and score.fired[:2] == fired


@pytest.mark.parametrize("text, run, boost, hopeless", [
    ("Budget figures for the new school year.", RunState(), 0.0, True),  # no cue, no run
    ("Budget figures for the new school year.", RunState(active=True, explicit=True), 0.0, False),  # in a run
    ("Budget figures for the new school year.", RunState(), 0.3, False),  # an owner label follows
    ("Karen: volunteers for the stall.", RunState(), 0.0, False),  # an owner prefix, no cue
    ("The Ministry of Finance must send the plan.", RunState(), 0.0, False),  # a cue
])
def test_a_hopeless_clause_is_one_the_opening_score_gives_nothing(text, run, boost, hopeless):
    # the judge drops a hopeless clause before it looks for its party and deadline:
    # that shortcut must agree with the opening score it skips
    extractor, clause = clause_of(text)
    scorer = extractor.judge.scorer
    assert scorer.hopeless(clause, run, boost) is hopeless
    pick = extractor.judge.deadlines.pick(clause, 0, MEETING)
    assert (scorer.opening(clause, run, pick, False, boost)[0] == 0.0) is hopeless


def test_the_last_answer_is_given_again_only_for_the_very_same_arguments():
    from docket.extractor.parties import _LastAnswer

    asked, last = [], _LastAnswer()

    def answer(key):
        return last.of(key, lambda: asked.append(key) or len(asked))

    a, b = object(), object()
    assert answer((a, None)) == 1
    assert answer((a, None)) == 1  # the same objects: not asked again
    assert answer((b, None)) == 2  # another clause
    assert answer((b, a)) == 3  # the same clause, another hit
    assert answer((b,)) == 4  # fewer arguments
    assert answer(([1],)) == 5 and answer(([1],)) == 6  # equal but not the same object: asked again
    assert len(asked) == 6
