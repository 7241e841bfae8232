"""Deadlines: which date phrase of a clause, a label or a cell is the
deadline, and the one step that resolves every deadline of a document
against its meeting date.

Stages keep a `Due`: the phrase as found (a stretch of the text or a cell's
string) with its raw `DateMatch`; `resolve_due` turns it into the record's
`Deadline` when the directive is built.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from docket.extractor.clauses import Clause
from docket.extractor.dates import DateGrammar, DateMatch, resolve
from docket.extractor.normalize import Piece, TextMap, TextRef
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
