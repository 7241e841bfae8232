"""From a clause to a candidate directive, and from candidates to records.

`Judge.judge` runs the stages on one clause in order (labels that complete
the last directive, run openers, party finding, the deadline pick, the
score) and applies the run's transitions; what it keeps is a `Candidate`:
offsets into the normalized text, raw date matches, and names as text
references. `build_directives` is the one step that maps them back to the
text as read and resolves every deadline against the meeting date.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from docket.extractor.clauses import QUICK_LABELS, Clause
from docket.extractor.deadlines import DeadlinePicker, Due, resolve_due
from docket.extractor.nlp import SENTS_KEY, SPAN_KEY, TEXT_KEY
from docket.extractor.normalize import Piece, TextMap, TextRef
from docket.extractor.parties import CARRIED_SIDES, Parties, Role
from docket.extractor.roles import RoleFinder
from docket.extractor.runs import RunState
from docket.extractor.schema import BodySide, CueKind
from docket.extractor.scoring import Evidence, Scorer
from docket.models.items import Block, Directive

RUN_HEADING_WORDS = 16  # "2. Provincial Police:" names the party of the items under it
OPENER_WORDS = 6  # "The Minister requested:" is short
ASKED = ("ask", "request", "imperative", "modal")  # directives a reply in the next turn may accept


@dataclass
class Candidate:
    """A directive before it is mapped back to the text as read."""
    text: TextRef
    action: Piece | None  # None: the whole text
    responsible: list[Piece]
    score: float
    rules: list[str]
    inherited: bool = False
    issuer: Piece | None = None
    due: Due | None = None
    urgent: bool = False
    recurring: bool = False
    speaker: str | None = None
    time: str | None = None
    trim_text: bool = True  # leave the text's trailing spaces out
    sentence: int = -1  # where its sentence starts: `;`-pieces of one sentence share it
    unnamed: bool = False  # its party is nobody or "you": a reply in the next turn names it


def build_directives(candidates: list[Candidate], text: TextMap, meeting: date | None) -> list[Directive]:
    """The one step from candidates to records: offsets and names mapped
    back to the text as read, deadlines resolved against the meeting."""
    out = []
    for c in candidates:
        start, end, passage = text.passage(c.text, c.trim_text)
        out.append(Directive(
            text=passage, start=start, end=end, action=text.name(c.action) if c.action else passage,
            responsible=[text.name(p) for p in c.responsible], responsible_inherited=c.inherited,
            issuer=text.name(c.issuer) if c.issuer else None, deadline=resolve_due(c.due, meeting, text),
            urgent=c.urgent, recurring=c.recurring, confidence=max(0.05, min(0.99, c.score)),
            speaker=c.speaker, time=c.time, rules=c.rules,
        ))
    return out


def _sentence_start(clause: Clause) -> int:
    """Where the clause's sentence starts in its doc (characters), from the
    sentence rules' starts: `Span.sent` checks the whole doc's annotation
    on every call."""
    starts = clause.doc.user_data.get(SENTS_KEY)
    if not starts:
        return clause.span.sent.start_char
    return clause.doc[starts[bisect.bisect_right(starts, clause.span.start) - 1]].idx


class Judge:
    def __init__(self, pack, grammar):
        self.pack = pack
        self.roles = RoleFinder(pack)
        self.parties = Parties(pack, self.roles)
        self.deadlines = DeadlinePicker(grammar)
        self.scorer = Scorer(pack, grammar)

    def judge(self, clause: Clause, base: int, meeting: date | None, run: RunState, line: int,
              boost: float = 0.0) -> Candidate | None:
        """The candidate directive of a clause, or None; `base` is where the
        clause's doc starts in the text, `line` where its line starts."""
        if not clause.cues and not run.active and not clause.labels & QUICK_LABELS:
            self._names_run_party(clause, base, run)  # "3. Bộ Công an:" opens a run of its items
            return None  # nothing can make this clause a directive
        if self.attach(clause, base, run, line):
            return None
        if "closer" in clause.labels:
            run.end()
        run.speaks(clause.speaker)
        if self._opens_run(clause, base, run) or self._names_run_party(clause, base, run):
            return None
        answered = self._answered(clause, run)
        if self.scorer.hopeless(clause, run, boost):
            return None  # its opening words (a party alone?) need not be read either
        replies = clause.best is not None and clause.best[0].kind == CueKind.REPLY
        if replies and answered is None:
            return None  # "Sure." that answers no request is no task
        if clause.length < 2 and not replies or self._party_alone(clause):
            return None
        run_subject = clause.best is None and run.active and run.requested and not run.explicit \
            and (not run.comments or self._closed(clause)) and bool(self.parties.leading(clause))
        pick = self.deadlines.pick(clause, base, meeting)
        opened = self.scorer.opening(clause, run, pick, run_subject, boost, answered is not None)
        if not opened[0]:
            return None  # comment: the line counts as such when it ends (RunState.next_line)
        party = self.parties.responsible(clause, base)
        score = self.scorer.score(clause, run, Evidence(party, pick, run_subject, meeting, boost,
                                                        answers=answered is not None), opened)
        if not score.passes:
            run.miss(clause.bullet)
            return None
        return self._candidate(clause, base, run, line, party, pick.due, score)

    def _answered(self, clause: Clause, run: RunState) -> Candidate | None:
        """The request a reply at the start of a turn accepts ("Sure.",
        "Yes, I will."): the directive of the turn just before, by another
        speaker, that asks someone to act and names nobody but "you". The
        one who accepts is its party (ANNOTATION.md section 7)."""
        last = run.last
        if last is None or run.last_line != run.previous_line or not clause.speaker \
                or not last.speaker or last.speaker == clause.speaker or last.rules[0] not in ASKED \
                or not any(c.kind == CueKind.REPLY and s.start == clause.first for c, s in clause.live):
            return None
        if not last.unnamed:
            return None
        last.responsible, last.inherited, last.unnamed = [clause.speaker], False, False
        return last

    def _candidate(self, clause, base, run, line, party, due, score) -> Candidate | None:
        names, inherited, rules = party.names, False, score.rules
        speaking = party.side == BodySide.SPEAKER
        sentence = base + _sentence_start(clause)
        if not names and self._joins_last(run, sentence):
            return self._merge(run.last, clause, base, due, line, run)
        if not names and run.inherit() and not speaking and not self._unaddressed_request(clause) \
                and not self._passive_task(clause):
            names, inherited = run.inherit(), True
            rules.append("inherited")
        elif names and self._directs_for_run(clause, run):
            names, inherited = run.inherit(), True
            rules.append("directs-for-run")
        issuer_tokens = self.parties.issuer(clause, clause.best[1] if clause.best else None)
        issuer = TextRef.of_tokens(issuer_tokens, base) if issuer_tokens else None
        if issuer is None and run.active and not speaking:
            issuer = run.issuer
        if issuer is None and clause.speaker and not speaking:
            issuer = clause.speaker  # who asked, in a transcript
        doc, span = clause.doc, clause.span
        first = doc[clause.content_start] if clause.content_start < span.end else doc[span.start]
        candidate = Candidate(
            text=TextRef(base + first.idx, base + span.end_char), action=self.parties.action(clause, party.tokens, base),
            responsible=names, score=score.value, rules=rules, inherited=inherited, issuer=issuer or None,
            due=due, urgent="urgent" in clause.labels, recurring="recurring" in clause.labels,
            speaker=clause.speaker, time=clause.time, sentence=sentence,
            unnamed=not names or inherited or self.parties.is_addressee_pronoun(party.tokens),
        )
        own = names and not inherited and party.role != Role.GROUP and (
            clause.best is None or party.side in CARRIED_SIDES or party.role == Role.SUBJECT)
        request = clause.best is not None and clause.best[0].kind == CueKind.REQUEST
        run.continue_(candidate, line, names if own else None, request, issuer)
        return candidate

    def _passive_task(self, clause: Clause) -> bool:
        """"Signage will be erected at the park", "A fuller response will be
        issued": a thing made the subject of a passive names no doer, and
        takes none from the run."""
        best = clause.best
        return best is not None and best[0].kind in (CueKind.MODAL, CueKind.FUTURE) \
            and best[1].start > clause.first and self.scorer._passive_after(clause, best[1])

    def _unaddressed_request(self, clause: Clause) -> bool:
        """"He directed that the gate be repaired.", "He sought a report on
        the roads.": a request given anew by its own subject that names no
        addressee tasks nobody; it inherits no party from the run."""
        best = clause.best
        if best is None or best[0].kind != CueKind.REQUEST or best[1].start <= clause.first:
            return False
        end = best[1].end
        if end < clause.span.end and clause.doc[end].text == ":":
            return False  # "requested: X ...": X is named below
        return self.parties.passive_request(clause, best[1]) is None \
            and bool(self.parties.issuer(clause, best[1]) or self.parties.issued(clause, best[1]))

    @staticmethod
    def _directs_for_run(clause: Clause, run: RunState) -> bool:
        """"b) Direct the embassies to ..." under "6. Foreign Ministry:": a
        directing verb (a cue whose subject acts) that opens the item, in a
        run addressed to a party: that party must do the directing, the
        bodies it directs are its means."""
        best = clause.best
        return best is not None and getattr(best[0], "subject_acts", False) and run.active and bool(run.party) \
            and best[1].start <= max(clause.first, clause.content_start)

    @staticmethod
    def _joins_last(run: RunState, sentence: int) -> bool:
        """A `;`-piece with no party of its own continues the directive
        of an earlier piece of its sentence: the subject (or the run's
        party) written once belongs to every piece, and the pieces are one
        directive."""
        last = run.last
        return isinstance(last, Candidate) and last.sentence == sentence and bool(last.responsible) \
            and last.inherited

    @staticmethod
    def _merge(last: "Candidate", clause: Clause, base: int, due, line: int, run: RunState) -> None:
        """Extend the earlier piece's directive over this one."""
        last.text = TextRef(last.text.start, base + clause.span.end_char)
        last.due = last.due or due
        last.urgent = last.urgent or "urgent" in clause.labels
        last.recurring = last.recurring or "recurring" in clause.labels
        run.continue_(last, line, None, False, None)
        return None

    def _opens_run(self, clause: Clause, base: int, run: RunState) -> bool:
        """"The Minister requested:" opens a run and is no directive itself."""
        doc, span, best, last = clause.doc, clause.span, clause.best, clause.last
        opener = "opener" in clause.labels or (best is not None and best[0].kind == CueKind.REQUEST)
        if not (opener and last < span.end and doc[last].text == ":" or (
                "opener" in clause.labels and doc[span.end - 1].text == ":" and clause.length <= OPENER_WORDS)):
            return False
        party = None
        if best is not None:
            tokens, _ = self.parties.body(clause, best)
            # "asked the province to direct the police:": the items are the police's
            relay = next((h for h in clause.live if getattr(h[0], "subject_acts", False) and tokens
                          and h[1].start == tokens[-1].i + 1), None)
            relayed = self.parties.body(clause, relay)[0] if relay is not None else []
            tokens = relayed or tokens
            party = [TextRef.of_tokens(tokens, base)] if tokens else []
        issuer = self.parties.issuer(clause, best[1] if best else None)
        run.open(party, TextRef.of_tokens(issuer, base) if issuer else None)
        return True

    def _names_run_party(self, clause: Clause, base: int, run: RunState) -> bool:
        """"2. Provincial Police:" inside a run names the party of the items
        under it; outside a run, a numbered line that is only a party and a
        colon ("3. Bộ Công an:") opens a run of the items under it. Inside a
        run, a line that is a party alone, with no stop at all ("2. State
        Bank"), names the party of the items under it too."""
        doc, span, last = clause.doc, clause.span, clause.last
        if self.addresses_run(clause, base, run):
            return True
        if clause.best is None and last < span.end and doc[last].text == ":" and clause.length <= RUN_HEADING_WORDS:
            leading = self.parties.leading(clause)
            if leading and run.active:
                run.address(TextRef.of_tokens(leading, base))
                return True
            if leading and leading[-1].i == last - 1 and self._numbered(clause) and not clause.speaker:
                run.open([TextRef.of_tokens(leading, base)], None)
                return True
            # a section label ("1. On land management:") heads items, it is none
            if run.active:
                run.label()
            return run.active
        return False

    def _party_alone(self, clause: Clause) -> bool:
        """A clause with no cue that is only a party's name ("Ban Dân tộc
        tỉnh;" in a `;`-list of bodies): it names no action, it is no task."""
        if clause.best is not None:
            return False
        leading = self.parties.leading(clause)
        return bool(leading) and leading[-1].i == clause.last - 1

    def addresses_run(self, clause: Clause, base: int, run: RunState) -> bool:
        """Inside a run, a line that is a party alone, with no stop at all
        ("2. State Bank" above its lettered items), names the party of the
        items under it."""
        if not run.active or clause.best is not None or clause.last != clause.span.end \
                or clause.length > RUN_HEADING_WORDS:
            return False
        leading = self.parties.leading(clause)
        if not leading or leading[-1].i != clause.last - 1:
            return False
        run.address(TextRef.of_tokens(leading, base))
        return True

    def _closed(self, clause: Clause) -> bool:
        """Whether a clause ends its sentence with a stop (a fragment of a
        wrapped line does not)."""
        end = clause.doc[clause.span.end - 1].text
        return end in self.pack.terminators

    @staticmethod
    def _numbered(clause: Clause) -> bool:
        """A list item, or a line after its number ("3." the sentence rules
        may have cut off)."""
        doc, start = clause.doc, clause.span.start
        return clause.bullet or start >= 2 and doc[start - 1].text in (".", ")") and len(doc[start - 2]) <= 3 \
            and doc[start - 2].is_sent_start

    def attach(self, clause: Clause, base: int, run: RunState, line: int) -> bool:
        """"Owner: Tom." / "Due: 3 March." complete the directive before them."""
        if not any(name.startswith("attach:") for name in clause.labels):
            return False  # no span of the clause is a label: read none of them
        label = next((s for s in clause.spans if s.label_.startswith("attach:")
                      and s.start in (clause.first, clause.content_start)), None)
        if label is None:
            return False
        if not run.may_complete(line):
            return False
        target: Candidate = run.last
        rest = list(clause.doc[label.end:clause.last])
        if label.label_ == "attach:owner":
            owner = self.roles.trim(rest)
            if owner:
                target.responsible = [TextRef.of_tokens(owner, base)]
                target.inherited = False
                target.rules.append("owner-label")
        elif rest:
            local = clause.doc.user_data[TEXT_KEY][rest[0].idx:rest[-1].idx + len(rest[-1])]
            target.due = self.deadlines.label(local, base + rest[0].idx)
            target.rules.append("due-label")
        return True

    def opens_with_owner(self, clause: Clause) -> bool:
        return any(s.start in (clause.first, clause.content_start) for s in clause.labelled("attach:owner"))

    def table_row(self, block: Block, doc: Doc) -> Candidate | None:
        """A row of an action table: its cells are the directive's fields."""
        cells = block.cells or {}
        action = (cells.get("action") or "").strip()
        if not action:
            return None
        owner = (cells.get("owner") or "").strip()
        due = self.deadlines.cell((cells.get("due") or "").strip())
        labels = {s.label_ for s in doc.spans[SPAN_KEY]}
        return Candidate(
            text=TextRef(block.start, block.end), trim_text=False, action=action,
            responsible=[owner] if owner else [], due=due,
            urgent="urgent" in labels, recurring="recurring" in labels,
            score=0.9 if owner and due else 0.8, rules=["table-row"],
        )
