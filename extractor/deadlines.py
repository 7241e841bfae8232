"""Deadlines: which date phrase of a clause, a label or a cell is the
deadline, and the one step that resolves every deadline of a document
against its meeting date.

Stages keep a `Due`: the phrase as found (a stretch of the text or a cell's
string) with its raw `DateMatch`; `resolve_due` turns it into the record's
`Deadline` when the directive is built.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Callable

from docket.extractor.clauses import Clause
from docket.extractor.dates import DateGrammar, DateMatch, resolve
from docket.extractor.nlp import SENTS_KEY
from docket.extractor.normalize import Piece, TextMap, TextRef
from docket.extractor.schema import DateKind
from docket.models.items import Deadline


@dataclass(frozen=True)
class Due:
    text: Piece
    match: DateMatch | None  # None: a due label whose text names no date


@dataclass(frozen=True)
class Pick:
    """A clause's deadline phrase, if any, and whether a phrase was passed
    over for lying before the meeting."""
    due: Due | None
    span: tuple[int, int] | None  # the phrase's characters in the clause's doc
    past: bool


def resolve_due(due: Due | None, meeting: date | None, text: TextMap) -> Deadline | None:
    """The one step from a deadline as found to the record's Deadline."""
    if due is None:
        return None
    return Deadline(text.exact(due.text), resolve(due.match, meeting) if due.match else None)


class DeadlinePicker:
    def __init__(self, grammar: DateGrammar):
        self.grammar = grammar

    def pick(self, clause: Clause, base: int, meeting: date | None) -> Pick:
        """The most precise deadline phrase of the clause (a day before a
        week, a month, a quarter; the first of equals) that is not a cited
        document's date, not a recurrence, and does not lie before the
        meeting: in "the May rota by Wednesday, April 16" the day is the
        deadline. `base` is where the clause's doc starts in the text."""
        start = clause.span.start_char
        local = clause.text()
        found, past = None, False
        recurring = [(s.start_char - start, s.end_char - start) for s in clause.labelled("recurring")]
        for match in self.grammar.find(local):
            if self.grammar.is_cited(local, match.start):
                continue
            if any(a < match.end and match.start < b for a, b in recurring):
                continue
            resolved = resolve(match, meeting)
            if resolved is not None and meeting is not None and resolved < meeting:
                past = True
                continue
            if found is None or match.kind.precision > found.kind.precision:
                found = match
        if found is None:
            return Pick(None, None, past)
        span = (found.start + start, found.end + start)
        return Pick(Due(TextRef(base + span[0], base + span[1]), found), span, past)

    def label(self, local: str, at: int) -> Due:
        """After "Due:": the first date phrase of `local` (which starts at
        `at` in the text), else the whole of it as the deadline's text."""
        matches = self.grammar.find_bare(local)
        if matches:
            m = matches[0]
            return Due(TextRef(at + m.start, at + m.end), m)
        return Due(TextRef(at, at + len(local)), None)

    def cell(self, due: str) -> Due | None:
        """A Due column's cell."""
        if not due:
            return None
        matches = self.grammar.find_bare(due)
        return Due(due, matches[0] if matches else None)


def _sentence(clause: Clause) -> tuple[int, int]:
    """Which sentence of its doc a clause was cut from."""
    starts = clause.doc.user_data.get(SENTS_KEY) or [0]
    return id(clause.doc), bisect.bisect_right(starts, clause.span.start) - 1


def _subject_of_its_own(clause: Clause, candidate: Any, base: int) -> bool:
    """Whether a piece's directive names its own party before its cue ("the
    archive team will digitise ..."): a party after the cue ("urge the
    contractor to ...") is its object, and the piece may still share."""
    if candidate is None or candidate.inherited:
        return False
    before = base + (clause.best[1].start_char if clause.best is not None else clause.span.end_char)
    return any(isinstance(p, TextRef) and p.start < before for p in candidate.responsible)


def _fronted(clause: Clause, due: Due | None, base: int) -> bool:
    """Whether a deadline phrase opens the clause's content ("By 30 June,
    ...", "Trước ngày 30/6, ...")."""
    if due is None or due.match is None or not isinstance(due.text, TextRef):
        return False
    doc = clause.doc
    first = doc[clause.content_start] if clause.content_start < clause.span.end else doc[clause.span.start]
    return due.text.start == base + first.idx


def _share_fronted(group: list[tuple[Clause, Any]], base: int) -> None:
    """A deadline written once at the start of a sentence ("By 30 June, the
    roads office surveys the bridges; the finance office sets the funds
    aside") frames every piece after it that names no date of its own."""
    first, candidate = group[0]
    if candidate is None or not _fronted(first, candidate.due, base):
        return
    for _, later in group[1:]:
        if later is not None and later.due is None:
            later.due = candidate.due
            later.rules.append("shared-deadline")


def share_last_deadline(pieces: list[tuple[Clause, Any]], picker: DeadlinePicker, base: int,
                        meeting: date | None, own_subject: Callable[[Clause], bool]) -> None:
    """Several tasks in one sentence ("X drafts the plan; consults the
    provinces; reports by 30 June"): the deadline written once, in the
    sentence's last piece, belongs to every piece. `pieces` are a line's
    clauses in order, each with its candidate directive or None; a
    candidate with no deadline of its own takes the last piece's, unless
    that piece opens with a subject of its own ("...; the Ministry of Health
    finishes its plan by 15 May": a new party's task keeps its date); a
    party named after the last piece's cue ("...; urge the contractors to
    finish by June") is its object and the date is still shared. A deadline
    that opens the sentence's first piece is shared forward the same way.
    A line break ends a sentence, so the line's clauses are all there is."""
    groups: dict[tuple[int, int], list[tuple[Clause, Any]]] = {}
    for clause, candidate in pieces:
        groups.setdefault(_sentence(clause), []).append((clause, candidate))
    for group in groups.values():
        _share_fronted(group, base)
        if len(group) < 2 or not any(c is not None and c.due is None for _, c in group[:-1]):
            continue
        last, last_candidate = group[-1]
        due = last_candidate.due if last_candidate is not None else picker.pick(last, base, meeting).due
        if due is None or due.match is None or own_subject(last) or _subject_of_its_own(last, last_candidate, base):
            continue
        for _, candidate in group[:-1]:
            if candidate is not None and candidate.due is None:
                candidate.due = due
                candidate.rules.append("shared-deadline")


# kinds whose year a document's context may fill ("before 16 February")
YEARLESS = {DateKind.DATE: "month", DateKind.MONTH: "month", DateKind.QUARTER: "quarter", DateKind.HALF: "half"}


def context_date(text: str, grammar: DateGrammar, skip: list[tuple[int, int]]) -> date | None:
    """The latest day a dated mention of the document reaches ("in
    September 2025", "since August 2025"): a report with no meeting date is
    written after what it recounts. Phrases in `skip` (the directives and
    their deadlines: what they name lies ahead) are left out."""
    latest = None
    for match in grammar.dated_mentions(text):
        if any(a < match.end and match.start < b for a, b in skip):
            continue
        end = resolve(match, None)
        if end is not None and (latest is None or end > latest):
            latest = end
    return latest


def date_from_context(candidates: list[Any], text: str, grammar: DateGrammar) -> None:
    """A document with no meeting date: a deadline naming a day or a period
    without its year ("before 16 February") takes the first such day on or
    after the latest dated mention outside the directives. Relative
    deadlines ("within a week") stay without a date."""
    yearless = [c for c in candidates if c.due is not None and c.due.match is not None
                and c.due.match.kind in YEARLESS and not c.due.match.has_year
                and c.due.match.fields.get(YEARLESS[c.due.match.kind])]
    if not yearless:
        return
    skip = [(c.text.start, c.text.end) for c in candidates]
    skip += [(c.due.text.start, c.due.text.end) for c in candidates
             if c.due is not None and isinstance(c.due.text, TextRef)]
    anchor = context_date(text, grammar, skip)
    if anchor is None:
        return
    for candidate in yearless:
        resolved = resolve(candidate.due.match, anchor)
        if resolved is not None:
            match = candidate.due.match
            candidate.due = Due(candidate.due.text, replace(match, fields={**match.fields, "year": resolved.year}))
