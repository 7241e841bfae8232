"""How sure a clause is a directive: `Scorer.score(clause, run, evidence)`.

Two places to change a rule: `cue_score` (what a cue, a run of directives,
an owner label, a deadline, urgency and a found party add) and `penalties`
(what a pack's negative signals, statistics, past years and dates, a
question and a missing closing stop take away). Both are pure: they read
the clause, the run and the evidence the other stages found, and return a
`Score` listing the rules that fired.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from docket.extractor.clauses import Clause
from docket.extractor.dates import DateGrammar
from docket.extractor.deadlines import Pick
from docket.extractor.lang import LanguagePack
from docket.extractor.nlp import NumberIndex
from docket.extractor.parties import Party
from docket.extractor.runs import RunState
from docket.extractor.schema import CueKind, Position

THRESHOLD = 0.5
RUN_BONUS = 0.2
RUN_BASE = 0.35
OWNER_PREFIX_WEIGHT = 0.7
OWNER_BOOST = 0.3  # a task followed by "owner: X" on its line
DEADLINE_BONUS = 0.15
ASKING_KINDS = (CueKind.ASK, CueKind.REQUEST)  # a question with these asks someone to act


@dataclass(frozen=True)
class Evidence:
    """What the other stages found in a clause, for the scorer to weigh."""
    party: Party
    deadline: Pick
    run_subject: bool  # the clause opens with a party of its own (inside a run)
    meeting: date | None  # years before the meeting's are past periods
    boost: float = 0.0  # an owner label follows on the line


@dataclass(frozen=True)
class Score:
    value: float
    fired: tuple[str, ...]  # rules that raised the score, in order
    penalties: tuple[str, ...]  # signals that lowered it
    candidate: bool = True  # False: nothing (a cue, a run, an owner label) made the clause one

    @property
    def rules(self) -> list[str]:
        return list(self.fired) + [f"-{name}" for name in self.penalties]


    @property
    def passes(self) -> bool:
        return self.value >= THRESHOLD


def _year(text: str) -> int | None:
    return int(text) if len(text) == 4 and text.isdigit() and text[:2] in ("19", "20") else None


class Scorer:
    def __init__(self, pack: LanguagePack, grammar: DateGrammar):
        self.pack = pack
        self.grammar = grammar

    def base(self, clause: Clause, run: RunState, run_subject: bool, boost: float) -> tuple[float, list[str]]:
        """What makes a clause a candidate at all: its governing cue, or its
        place in a run of directives. 0.0: it is none."""
        best, score, rules = clause.best, 0.0, []
        if best is not None:
            score = best[0].weight
            rules.append(best[0].kind.value)
        elif run.active and run.explicit:
            score = RUN_BASE
            rules.append("run")
        elif run.active and run_subject:
            score = RUN_BASE
            rules.append("run-subject")
        if boost:
            score = max(score, RUN_BASE) + boost
            rules.append("owner-follows")
        if clause.owner_prefix and score < OWNER_PREFIX_WEIGHT:
            score = OWNER_PREFIX_WEIGHT
            rules.append("owner-prefix")
        if run.active and (best is not None or run.explicit or rules == ["run-subject"]):
            score += RUN_BONUS if run.explicit else RUN_BONUS / 2
            rules.append("in-run")
        return score, rules

    def score(self, clause: Clause, run: RunState, evidence: Evidence) -> Score:
        score, rules = self.base(clause, run, evidence.run_subject, evidence.boost)
        if score == 0.0:
            return Score(0.0, tuple(rules), (), candidate=False)
        return self.cue_score(clause, run, evidence, score, rules)

    def cue_score(self, clause: Clause, run: RunState, evidence: Evidence, score: float,
                  rules: list[str]) -> Score:
        """The base score raised by a deadline, a bullet in a run, urgency and
        a found party, less the penalties."""
        pick, party, best = evidence.deadline, evidence.party, clause.best
        if pick.due is not None:
            score += DEADLINE_BONUS
            rules.append("deadline")
        penalty, negatives = self.penalties(clause, pick, evidence.meeting)
        if clause.bullet and run.active:
            score += 0.05
        if "urgent" in clause.labels:
            score += 0.05
        if party.names:
            score += 0.05
            rules.append(party.role.value)
        elif best is not None and best[0].needs_party and not (
                party.tokens and party.tokens[0].lower_ in self.pack.speaker_pronouns):
            score -= 0.3
            negatives.insert(0, "no-party")
        # sums of tenths must not miss the threshold by 1e-16
        return Score(round(score - penalty, 6), tuple(rules), tuple(negatives))

    def penalties(self, clause: Clause, pick: Pick, meeting: date | None) -> tuple[float, list[str]]:
        """What weakens a candidate, as a sum and the names of its parts."""
        penalty, negatives = self.signals(clause, pick.span, meeting)
        if pick.past:
            penalty += 0.3
            negatives.append("past-date")
        best, doc, span, last = clause.best, clause.doc, clause.span, clause.last
        if (best is None or best[0].kind not in ASKING_KINDS) and doc[last].text in self.pack.questions \
                if last < span.end else False:
            penalty += 0.3  # "Do we still need to update it?" asks, it does not direct
            negatives.append("question")
        if self._unclosed(clause):
            penalty += 0.15  # a line with no closing stop: a title, a heading, a caption
            negatives.append("no-stop")
        return penalty, negatives

    def _unclosed(self, clause: Clause) -> bool:
        doc, span, last, pack = clause.doc, clause.span, clause.last, self.pack
        return (not clause.bullet and not clause.speaker and doc[last - 1 if last else 0].i == len(doc) - 1
                and span.end == len(doc) and doc[-1].text not in pack.terminators
                and doc[-1].text not in pack.clause_splitters and doc[-1].text not in ":?" and clause.length > 3)

    def signals(self, clause: Clause, deadline: tuple[int, int] | None,
                meeting: date | None) -> tuple[float, list[str]]:
        """The pack's negative signals (a kind weighs more with each further
        phrase of it, up to twice), statistics (numbers that are not years,
        names like "Project 06" or the deadline), and years before the
        meeting's (a past period)."""
        found: dict[str, tuple[float, int]] = {}
        for neg, span in clause.negatives:
            if neg.position == Position.START and span.start not in (clause.first, clause.content_start):
                continue
            penalty, count = found.get(neg.kind.value, (neg.penalty, 0))
            found[neg.kind.value] = (max(penalty, neg.penalty), count + 1)
        kinds = {kind: min(2.0, 1 + 0.5 * (count - 1)) * penalty for kind, (penalty, count) in found.items()}
        numbers, past_years = self._numbers(clause, deadline, meeting)
        if numbers >= 4:
            kinds["statistics"] = 0.4
        elif numbers >= 2 or any(mark in clause.text() for mark in self.pack.percent):
            kinds["statistics"] = 0.25
        if past_years:
            kinds["past-year"] = 0.25
        return sum(kinds.values()), sorted(kinds)

    def _numbers(self, clause: Clause, deadline: tuple[int, int] | None,
                 meeting: date | None) -> tuple[int, int]:
        """Numbers that count as statistics, and years before the meeting's."""
        doc, span = clause.doc, clause.span
        numbers, past_years = 0, 0
        for i in NumberIndex.of(doc).within(span.start, span.end):
            t = doc[i]
            if deadline is not None and deadline[0] <= t.idx < deadline[1]:
                continue
            year = _year(t.text)
            if year:
                # the year of a cited document's date is no period being reported on
                if meeting and year < meeting.year and not self.grammar.cited_before(
                        clause.text(), t.idx - span.start_char):
                    past_years += 1
                continue
            before = doc[t.i - 1] if t.i > span.start else None
            if before is not None and (before.is_title or before.lower_ in self.pack.before_number):
                continue  # a name or a document number: "Project 06", "No. 57"
            numbers += 1
        return numbers, past_years
