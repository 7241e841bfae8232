"""A run of directives under one addressee, and its named transitions.

"The Minister requested:" or a tasks heading opens a run; the clauses under
it continue it and inherit its party and issuer when they name none; a
closing phrase, a clause that is no directive or a new heading ends it. The
run also remembers the last directive (and its line) that an "Owner:" or
"Due:" label may complete. Every change of the state is one of the methods
below; the stages only read it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docket.extractor.normalize import Piece


@dataclass
class RunState:
    active: bool = False
    explicit: bool = False  # opened by "requested:" or a tasks heading
    party: list[Piece] = field(default_factory=list)
    issuer: Piece | None = None
    last: Any = None  # the last candidate directive
    last_line: int = -1
    previous_line: int = -1  # the line read before this one
    line: int = -1  # the line being read (headings do not count)

    # ------------------------------------------------------------ transitions
    def open(self, party: list[Piece] | None, issuer: Piece | None) -> None:
        """An opener ("requested:"): the clauses below are directives of
        `party` (kept when None) from `issuer` (kept when None)."""
        self.active = self.explicit = True
        if party is not None:
            self.party = party
        self.issuer = issuer or self.issuer

    def address(self, party: Piece) -> None:
        """A heading inside a run ("2. Provincial Police:") names the party
        of the items under it."""
        self.party = [party]

    def inherit(self) -> list[Piece]:
        """The party a directive that names none takes from the run."""
        return list(self.party)

    def continue_(self, directive: Any, line: int, party: list[Piece] | None, request: bool,
                  issuer: Piece | None) -> None:
        """A directive found in (or opening) a run: it becomes the one that
        labels complete; its own party (when it sets one) and issuer carry
        on; a request opens a run of its own."""
        if party is not None:
            self.party = party
        if request:
            self.active = True
        self.issuer = issuer or self.issuer
        self.last = directive
        self.last_line = line

    def end(self) -> None:
        """A clause that is no directive, or a closing phrase."""
        self.active = self.explicit = False
        self.party = []
        self.issuer = None

    def miss(self, bullet: bool) -> None:
        """A candidate below the threshold: a bullet of an explicit run
        does not end it, anything else does."""
        if not bullet or not self.explicit:
            self.end()

    def heading(self, opens: bool) -> None:
        """A heading starts afresh: a run when it is a tasks heading (the
        issuer carries over), none otherwise."""
        issuer = self.issuer if opens else None
        self.__init__(active=opens, explicit=opens, issuer=issuer, line=self.line)

    def next_line(self, line: int) -> None:
        """A line that is no heading starts."""
        self.previous_line, self.line = self.line, line

    # ----------------------------------------------------------------- reads
    def may_complete(self, line: int) -> bool:
        """Whether a label on `line` may complete the last directive: only
        the one on this line or the line before."""
        return self.last is not None and self.last_line in (line, self.previous_line)
