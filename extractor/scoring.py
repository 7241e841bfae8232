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
from docket.extractor.nlp import TEXT_KEY, NumberIndex, lower_words
from docket.extractor.parties import Party, Role
from docket.extractor.runs import RunState
from docket.extractor.schema import BodySide, CueKind, DateKind, Position, SignalKind, Typology

THRESHOLD = 0.5
RUN_BONUS = 0.2
RUN_BASE = 0.35
OWNER_PREFIX_WEIGHT = 0.7
OWNER_BOOST = 0.3  # a task followed by "owner: X" on its line
DEADLINE_BONUS = 0.15
ASKING_KINDS = (CueKind.ASK, CueKind.REQUEST)  # a question with these asks someone to act
# cues whose force rests on the verb after them and the subject before them
PREDICATE_KINDS = (CueKind.MODAL, CueKind.FUTURE, CueKind.COMMITMENT, CueKind.NAME_WILL)
SUBJECT_KINDS = (CueKind.MODAL, CueKind.FUTURE)  # the subject before the cue is the one obliged
STATIVE = 0.35  # "it should be light", "you have to know": a state, not a task
GENERIC_SUBJECT = 0.35  # "we need to be open", "one needs to assume": nobody to task
QUESTION = 0.3
DELIBERATION = 0.45  # a question about what we or they should do decides nothing ("Should we keep it?")
REPORTED = 0.3  # a clause in a run that reports what its subject said or did
IN_NAME = 0.5  # a title-cased cue inside a name ("Project Directed Funding")
REPLY_BONUS = 0.35  # a reply accepting the request of the turn before


@dataclass(frozen=True)
class Evidence:
    """What the other stages found in a clause, for the scorer to weigh."""
    party: Party
    deadline: Pick
    run_subject: bool  # the clause opens with a party of its own (inside a run)
    meeting: date | None  # years before the meeting's are past periods
    boost: float = 0.0  # an owner label follows on the line
    answers: bool = False  # the clause accepts the request of the turn before ("Sure.")


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
        # the words that open a request's complement, as the pack's cues declare them
        self.complements = {word for cue in pack.cues for word in cue.complements}

    def hopeless(self, clause: Clause, run: RunState, boost: float) -> bool:
        """Whether nothing can make the clause a candidate, known before its
        party and deadline are looked for: no governing cue, no run, no
        owner label before or after it (`base` and `opening` give 0.0)."""
        return clause.best is None and not run.active and not boost and not clause.owner_prefix

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

    def opening(self, clause: Clause, run: RunState, deadline: Pick, run_subject: bool, boost: float = 0.0,
                answers: bool = False) -> tuple[float, list[str]]:
        """The base score and its rules, with a reply's bonus and a run's
        deadline: 0.0 when the clause is no candidate, which the judge learns
        before it looks for a party (the score's costliest evidence)."""
        score, rules = self.base(clause, run, run_subject, boost)
        if answers and score:
            score += REPLY_BONUS
            rules.append("accepts")
        if score == 0.0 and run.active and self._states_deadline(clause, deadline):
            # "Submit it before 15 May." after a directive: a deadline in the
            # next sentence continues the run (ANNOTATION.md section 7)
            score, rules = RUN_BASE, ["run-deadline"]
        return score, rules

    def score(self, clause: Clause, run: RunState, evidence: Evidence,
              opened: tuple[float, list[str]] | None = None) -> Score:
        """`opened`: what `opening` gave for this clause and evidence, if known."""
        score, rules = opened or self.opening(clause, run, evidence.deadline, evidence.run_subject,
                                              evidence.boost, evidence.answers)
        if score == 0.0:
            return Score(0.0, tuple(rules), (), candidate=False)
        result = self.cue_score(clause, run, evidence, score, rules)
        if rules[0] == "run-subject" and self._reports(clause):
            # "The Director advised this is with the arbitrator": a party opening a
            # clause in a run reports what it said or did, and tasks nobody
            return Score(round(result.value - REPORTED, 6), result.fired, result.penalties + ("reported",))
        return result

    def _reports(self, clause: Clause) -> bool:
        """A clause whose verb reports ("stated", "advised", "reviewed") and
        that holds no word of the future or of obligation ("will", "should")."""
        tokens = lower_words(clause.doc)[max(clause.main, clause.span.start):clause.span.end]
        first = next((i for i, word in enumerate(tokens) if word in self.pack.report_verbs), None)
        # "Ministries to study the reports, the Secretary said": the task comes first
        return first is not None and not set(tokens) & self.pack.irrealis \
            and not set(tokens[:first]) & self.pack.infinitive_markers

    def _states_deadline(self, clause: Clause, pick: Pick) -> bool:
        """Whether the clause names a dated deadline ("before 15 May"), not
        only a day that may date an event ("on Saturday", "vào ngày 24/7")."""
        if pick.due is None or pick.due.match is None or pick.due.match.kind == DateKind.OPEN or pick.span is None:
            return False
        phrase = clause.doc.user_data[TEXT_KEY][pick.span[0]:pick.span[1]]
        return not self.grammar.dates_an_event(phrase)

    def cue_score(self, clause: Clause, run: RunState, evidence: Evidence, score: float,
                  rules: list[str]) -> Score:
        """The base score raised by a deadline, a bullet in a run, urgency and
        a found party, less the penalties."""
        pick, party, best = evidence.deadline, evidence.party, clause.best
        if pick.due is not None:
            score += DEADLINE_BONUS
            rules.append("deadline")
        penalty, negatives = self.penalties(clause, pick, evidence.meeting)
        for name, weight in self.predicate(clause, pick.due is not None, bool(party.names)):
            penalty += weight
            negatives.append(name)
        if clause.bullet and run.active:
            score += 0.05
        if "urgent" in clause.labels:
            score += 0.05
        if party.names and party.role == Role.GROUP:
            rules.append(party.role.value)  # "we" with no speaker: kept as the party, no evidence of one
        elif party.names:
            score += 0.05
            rules.append(party.role.value)
        elif best is not None and best[0].needs_party and not (
                party.tokens and party.tokens[0].lower_ in self.pack.speaker_pronouns) \
                and not (self._passive_after(clause, best[1]) and not self._subordinate(clause, best[1].start)):
            # "Signage will be erected at the park": a passive future names no doer and needs none
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
        if last < span.end and doc[last].text in self.pack.questions and not self._tagged(clause) and (
                best is None or best[0].kind not in ASKING_KINDS or self._wonders(clause)):
            # "Do we still need to update it?" asks, it does not direct; "How should we
            # build it?", "Should we keep it?" deliberate
            deliberates = best is not None and (best[0].kind not in ASKING_KINDS or self._wonders(clause))
            penalty += DELIBERATION if deliberates else QUESTION
            negatives.append("question")
        if best is not None and self._in_name(clause, best[1]):
            penalty += IN_NAME
            negatives.append("in-name")
        if self._unclosed(clause):
            penalty += 0.15  # a line with no closing stop: a title, a heading, a caption
            negatives.append("no-stop")
        return penalty, negatives

    def _tagged(self, clause: Clause) -> bool:
        """A statement closed by a tag ("I'll copy you in, okay?"): the
        question mark asks for assent, not for an answer."""
        doc, last = clause.doc, clause.last
        return last - 2 > clause.span.start and doc[last - 1].lower_ in self.pack.interjections \
            and doc[last - 2].text in self.pack.pauses

    def _in_name(self, clause: Clause, hit) -> bool:
        """A cue written in title case between title-cased words, past the
        clause's first word, is part of a name ("Project Directed Funding")."""
        doc = clause.doc
        if not self.pack.titled_names or hit.start <= max(clause.content_start, clause.first) \
                or not doc[hit.start].is_title or hit.end >= clause.span.end:
            return False
        return doc[hit.start - 1].is_title and doc[hit.end].is_title

    def _wonders(self, clause: Clause) -> bool:
        """A question that opens with a question word ("How much would you
        give it?", "When would you like that?") wonders; it asks nobody to act."""
        start = clause.main if clause.main >= 0 else clause.first
        doc, end = clause.doc, clause.best[1].start if clause.best is not None else clause.span.end
        # a question introduced after a colon opens there ("The point is: what more can you do?")
        opened = [i + 1 for i in range(start, end) if doc[i].text in self.pack.introducers]
        return any(i < clause.span.end and doc[i].lower_ in self.pack.question_words for i in [start] + opened)

    def _word(self, clause: Clause, i: int, step: int) -> int | None:
        """The first word from i on (step +1) or back (step -1) that is no
        filler or punctuation, inside the clause."""
        doc, lo, hi = clause.doc, clause.span.start, clause.span.end
        while lo <= i < hi:
            token = doc[i]  # one Token per word looked at
            if not (token.lower_ in self.pack.fillers or token.is_punct or token.is_space):
                return i
            i += step
        return None

    def _participle(self, token) -> bool:
        low = token.lower_
        return low in self.pack.participles or any(
            low.endswith(suffix) and len(low) > len(suffix) + 2 for suffix in self.pack.participle_suffixes)

    def _stative(self, clause: Clause, i: int | None, chained: bool = False) -> bool:
        """The verb at i names a state, not a task: "know", "be" before no
        participle ("be light", not "be forwarded"). A cue chained after the
        cue ("will have to know") is read through to its verb."""
        doc = clause.doc
        if i is None:
            return False
        if not chained:
            chain = next((hit for _, hit in clause.cues if hit.start == i), None)
            if chain is not None:
                return self._stative(clause, self._word(clause, chain.end, 1), True)
        lower = lower_words(doc)
        if lower[i] not in self.pack.stative_verbs:
            return False
        if lower[i] in self.pack.passive_markers:
            nxt = self._word(clause, i + 1, 1)
            while nxt is not None and nxt + 2 < clause.span.end and not doc[nxt].whitespace_ \
                    and doc[nxt + 1].is_punct and not doc[nxt + 1].whitespace_:
                nxt += 2  # "re-circulated": the participle ends the word
            # a participle makes a passive ("be forwarded"); a negator a standing rule ("be no delay")
            return nxt is None or not (self._participle(doc[nxt]) or lower[nxt] in self.pack.negators)
        return True

    def _subordinate(self, clause: Clause, i: int) -> bool:
        """Token i stands in a trailing adverbial clause ("... when the rail will be replaced")."""
        lo, _ = clause.conjunct(i)
        return lo > clause.main and clause.doc[lo].lower_ in self.pack.subordinators

    def _passive_after(self, clause: Clause, hit) -> bool:
        """The cue is followed by a passive: "be" + a participle."""
        doc = clause.doc
        i = self._word(clause, hit.end, 1)
        if i is None or lower_words(doc)[i] not in self.pack.passive_markers:
            return False
        nxt = self._word(clause, i + 1, 1)
        return nxt is not None and self._participle(doc[nxt])

    def predicate(self, clause: Clause, dated: bool, named: bool = True) -> list[tuple[str, float]]:
        """What the governing cue's own predicate says against a task: a
        state after the cue, or a subject nobody can be tasked as (generic
        "we", "one", "it"; "you" in a generic frame such as "if you").
        A deadline lifts the second: "we need to send it by Friday"."""
        best = clause.best
        if best is None or best[0].kind not in PREDICATE_KINDS:
            return []
        found = []
        cue, hit = best
        lower = lower_words(clause.doc)
        verb = self._word(clause, hit.end, 1)
        while verb is not None and lower[verb] in self.pack.negators:
            verb = self._word(clause, verb + 1, 1)  # "shouldn't really impact": the verb after the negation
        if verb is not None and lower[verb] in self.pack.restarts \
                and lower[hit.end - 1] in self.pack.action_skip \
                and not any(h.start in (verb, verb + 1) for _, h in clause.cues):  # "have to you have to": said again
            # "you have to the user has to ...", "I'll I should leave it": the speaker
            # broke off and started again; the cue governs nothing
            found.append(("restart", STATIVE))
        elif self._stative(clause, verb):
            found.append(("stative", STATIVE))
        elif cue.kind in (CueKind.COMMITMENT, CueKind.FUTURE, CueKind.MODAL) and not dated and self._bare(clause, verb):
            found.append(("no-object", STATIVE))
        elif cue.kind == CueKind.MODAL and (
                verb is None and self.pack.typology == Typology.HEAD_INITIAL
                or verb is not None and lower[verb] in self.pack.bare_tails and self._bare(clause, verb)):
            # "... and need to as well.", "the part you have to do.": a modal with no
            # verb after it (its object is elsewhere) obliges nobody to anything; where
            # verbs close their phrase, the verb stands before the modal
            found.append(("no-verb", STATIVE))
        if cue.kind == CueKind.COMMITMENT and not dated and self._generic_obligation(clause, hit, verb):
            found.append(("generic-subject", GENERIC_SUBJECT))
        if cue.kind in SUBJECT_KINDS and not dated and cue.body == BodySide.BEFORE:
            before = self._word(clause, hit.start - 1, -1)
            subject = lower[before] if before is not None and before >= clause.main else None
            # a generic frame in the cue's own conjunct and the clauses it governs ("you have
            # to press it if you ..."; not "you are required to do this, but take notes if you want")
            lo, _ = clause.conjunct(hit.start)
            hi = next((k for k in clause.conjuncts if k > hit.start and lower[k] in self.pack.conjunctions),
                      clause.span.end)
            generic_you = subject in self.pack.addressee_pronouns and self._framed(clause, max(lo, clause.main), hi)
            if subject in self.pack.generic_subjects or generic_you:
                found.append(("generic-subject", GENERIC_SUBJECT))
            elif (self.pack.tasked_subjects and not named and cue.kind == CueKind.MODAL
                  and before is not None and before >= clause.main
                  and (clause.doc[before].is_lower and clause.doc[before].is_alpha
                       # "Python 3.14 will need to ...": a version, not "Group 4 should ..."
                       or clause.doc[before].like_num and before - 1 not in clause.body_nouns)
                  and subject not in self.pack.addressee_pronouns and subject not in self.pack.speaker_pronouns
                  and subject not in self.pack.vague_subjects
                  and not self._passive_after(clause, hit)):
                # "the goal of the project is to design ...", "the parser should work ...":
                # a thing, not a body or a person, is obliged to act
                found.append(("inanimate-subject", GENERIC_SUBJECT))
        return found

    def _framed(self, clause: Clause, start: int, end: int) -> bool:
        """Whether tokens [start, end) hold one of the pack's generic frames
        ("if you"), read from the doc's text: no Token per word."""
        span = clause.doc[start:end]
        text = clause.doc.user_data[TEXT_KEY][span.start_char:span.end_char].lower()
        return any(phrase in text for phrase in self.pack.generic_frames)

    def _generic_obligation(self, clause: Clause, hit, verb: int | None) -> bool:
        """A commitment of a generic subject chained into an obligation ("we'll
        have to work on it together"): like "we have to", it tasks nobody."""
        doc = clause.doc
        if verb is None or doc[hit.start].lower_ not in self.pack.generic_subjects:
            return False
        return any(c.kind == CueKind.MODAL and h.start == verb for c, h in clause.cues)

    def _bare(self, clause: Clause, verb: int | None) -> bool:
        """A commitment whose verb takes nothing after it but an adverb of the
        meeting's own course ("I will try.", "I'll continue now."): a move in
        the meeting, no task."""
        if verb is None or not self.pack.bare_tails:
            return False
        # stops at the first other word: usually the one after the verb
        return all(t.lower_ in self.pack.bare_tails or t.lower_ in self.pack.fillers
                   for t in clause.doc[verb + 1:clause.last] if not (t.is_punct or t.is_space))

    def _unclosed(self, clause: Clause) -> bool:
        doc, span, last, pack = clause.doc, clause.span, clause.last, self.pack
        return (not clause.bullet and not clause.speaker and doc[last - 1 if last else 0].i == len(doc) - 1
                and span.end == len(doc) and doc[-1].text not in pack.terminators
                and doc[-1].text not in pack.clause_splitters and doc[-1].text not in ":?" and clause.length > 3
                and self._opens_line(span.sent))

    @staticmethod
    def _opens_line(sent) -> bool:
        """Whether a sentence starts its line: the last sentence of a line
        written with no stops at all is no title."""
        i = sent.start
        return i == 0 or "\n" in sent.doc[i - 1].text or "\n" in sent.doc[i - 1].whitespace_

    def signals(self, clause: Clause, deadline: tuple[int, int] | None,
                meeting: date | None) -> tuple[float, list[str]]:
        """The pack's negative signals (a kind weighs more with each further
        phrase of it, up to twice), statistics (numbers that are not years,
        names like "Project 06" or the deadline), and years before the
        meeting's (a past period)."""
        found: dict[str, tuple[float, int]] = {}
        lo, hi = self.scope(clause)
        hit = clause.best[1] if clause.best is not None else None
        for neg, span in clause.negatives:
            if neg.position == Position.START and span.start not in (clause.first, clause.content_start):
                continue
            if neg.position != Position.START and not neg.frame and not (lo <= span.start < hi):
                continue  # another conjunct's, a fronted clause's or a request's complement's
            if neg.kind == SignalKind.SOFT and hit is not None and hit.end < span.start - 1 \
                    and clause.doc[span.start - 1].text in self.pack.pauses \
                    and any(t.is_alpha for t in clause.doc[span.end:clause.last]):
                continue  # a hedge set off after the task qualifies its means: "..., perhaps via a chart"
            if clause.best is not None and clause.best[0].position == Position.END and self._attributive(span, hit):
                continue  # "لیز پر دی گئیں اراضی ... فراہم کریں": a participle before its noun reports nothing
            if hit is not None and span.start < hit.end and hit.start < span.end:
                inside = hit.start <= span.start and span.end <= hit.end
                holds = span.start <= hit.start and hit.end <= span.end
                if inside or not holds:
                    # the cue's own words ("agreed" in "agreed to"; the light verb of "ہدایت دی
                    # گئی", which gives the order and reports nothing) are no signal against it;
                    # a longer phrase holding the cue ("will be held") is
                    continue
            penalty, count = found.get(neg.kind.value, (neg.penalty, 0))
            found[neg.kind.value] = (max(penalty, neg.penalty), count + 1)
        kinds = {kind: min(2.0, 1 + 0.5 * (count - 1)) * penalty for kind, (penalty, count) in found.items()}
        # numbers describe the clause's content, wherever they stand in it
        numbers, past_years = self._numbers(clause, deadline, meeting, max(clause.main, clause.span.start),
                                            clause.span.end)
        if numbers >= 4:
            kinds["statistics"] = 0.4
        elif numbers >= 2 or self._percent(clause):
            kinds["statistics"] = 0.25
        if past_years:
            kinds["past-year"] = 0.25
        return sum(kinds.values()), sorted(kinds)

    def _percent(self, clause: Clause) -> bool:
        """A percent mark anywhere in the clause (its text read once)."""
        text = clause.text()
        return any(mark in text for mark in self.pack.percent)

    def _attributive(self, span, hit) -> bool:
        """A one-word participle auxiliary (the pack's `participles`) followed,
        before a verb-final cue, by a word that does not go on a verb group
        (the pack's run-on joiners; a pack without them has no such rule)
        qualifies the noun after it."""
        if hit is None or not self.pack.runon_joiners or span.end - span.start != 1 or span.end >= hit.start \
                or span[0].lower_ not in self.pack.participles:
            return False
        nxt = span.doc[span.end]
        return nxt.is_alpha and nxt.lower_ not in self.pack.runon_joiners and nxt.lower_ not in self.pack.participles

    def scope(self, clause: Clause) -> tuple[int, int]:
        """The tokens whose signals weigh on the governing cue: its own
        conjunct, after any fronted purpose or condition; for a request, up
        to the cue ("asked the office to review ... according to the rules":
        the complement's words are the task, not a report)."""
        best = clause.best
        # with no fronted clause the openers count ("Then we will ...": a plan narrated)
        start = max(clause.main, clause.span.start) if clause.main > clause.first else clause.span.start
        if best is None:
            return start, clause.span.end
        cue, hit = best
        lo, hi = clause.conjunct(hit.start)
        if cue.kind == CueKind.REQUEST and cue.body == BodySide.AFTER:
            # the request's own words run up to its complement ("asked ... last year to publish")
            lower, end = lower_words(clause.doc), hit.end
            while end < min(hi, hit.end + cue.complement_window) and lower[end] not in self.complements:
                end += 1
            hi = min(hi, end if end < hi and lower[end] in self.complements else hit.end)
        return max(lo, start), hi

    def _numbers(self, clause: Clause, deadline: tuple[int, int] | None,
                 meeting: date | None, lo: int, hi: int) -> tuple[int, int]:
        """Numbers that count as statistics, and years before the meeting's,
        in the scope [lo, hi)."""
        doc, span = clause.doc, clause.span
        numbers, past_years = 0, 0
        for i in NumberIndex.of(doc).within(lo, hi):
            t = doc[i]
            if t.lower_ in self.pack.number_homographs:
                continue  # a number word that is also another word (Urdu بیس "base", نو "new")
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
