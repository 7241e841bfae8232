"""A run of directives under one addressee, and its named transitions.

"The Minister requested:", a tasks heading or any directive with a party
opens a run; the clauses under it continue it and inherit its party and
issuer when they name none; a closing phrase, a new heading, a new speaker
or two clauses in a row that are no directive end it (one sentence of
comment does not). The
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
    requested: bool = False  # opened by a request or an opener
    lending: bool = False  # a directive with a party came last: the next ones may inherit it
    comments: int = 0  # lines that held no directive since the last directive
    touched: int = -1  # the last line that opened, addressed or continued the run
    speaker: str | None = None  # who gave the run's last directive
    statute: bool = False  # under a heading or lead-in quoting standing duties and powers: no directives

    # ------------------------------------------------------------ transitions
    def open(self, party: list[Piece] | None, issuer: Piece | None) -> None:
        """An opener ("requested:"): the clauses below are directives of
        `party` (kept when None) from `issuer` (kept when None)."""
        self.active = self.explicit = self.requested = True
        self.comments, self.touched = 0, self.line
        if party is not None:
            self.party = party
        self.issuer = issuer or self.issuer

    def address(self, party: Piece) -> None:
        """A heading inside a run ("2. Provincial Police:") names the party
        of the items under it."""
        self.party = [party]
        self.comments, self.touched = 0, self.line

    def inherit(self) -> list[Piece]:
        """The party a directive that names none takes from the run."""
        return list(self.party) if self.active or self.lending else []

    def continue_(self, directive: Any, line: int, party: list[Piece] | None, request: bool,
                  issuer: Piece | None) -> None:
        """A directive found in (or opening) a run: it becomes the one that
        labels complete; its own party (when it sets one) and issuer carry
        on; a request opens a run of its own."""
        if party is not None:
            self.party = party
        if request:
            self.active = self.requested = True
        if party:  # any directive with a party lends it to the directives after it
            self.lending = True
        self.issuer = issuer or self.issuer
        self.last = directive
        self.last_line = line
        self.comments, self.touched = 0, self.line
        self.speaker = getattr(directive, "speaker", None)

    def comment(self) -> None:
        """A clause that is no directive: a run survives one sentence of
        comment between its directives ("He said the projects were vital."),
        not two."""
        self.comments += 1
        if not (self.active or self.lending) or not self.party or self.comments > 1:
            self.end()
            return
        # after a comment, a clause needs a cue of its own; a directive that
        # names no party still takes the run's
        self.active = self.explicit = False
        self.lending = True

    def label(self) -> None:
        """A section label inside the run ("1. On land management:") heads
        the items under it: no comment, the run goes on."""
        self.touched = self.line

    def speaks(self, speaker: str | None) -> None:
        """A new speaker ends the run of the one before."""
        if self.active and speaker and self.speaker and speaker != self.speaker:
            self.end()

    def end(self) -> None:
        """A clause that is no directive, or a closing phrase."""
        self.active = self.explicit = self.requested = self.lending = False
        self.party = []
        self.issuer = None
        self.comments = 0

    def miss(self, bullet: bool) -> None:
        """A candidate below the threshold: a bullet of an explicit run
        keeps it; anything else is comment (counted when its line ends)."""
        if bullet and self.explicit:
            self.touched = self.line
        else:
            self.explicit = False

    def heading(self, opens: bool, statute: bool = False) -> None:
        """A heading starts afresh: a run when it is a tasks heading (the
        issuer carries over), none otherwise; a statute of duties and powers
        when it names one, until the next heading."""
        issuer = self.issuer if opens else None
        self.__init__(active=opens, explicit=opens, requested=opens, issuer=issuer, line=self.line,
                      statute=statute)

    def quotes_statute(self) -> None:
        """A lead-in ("... duties and powers as follows:"): the items below
        quote standing duties, up to the next heading."""
        self.end()
        self.statute = True

    def next_line(self, line: int) -> None:
        """A line that is no heading starts; the one before, when it held no
        directive of the run, was comment."""
        if self.line >= 0 and self.touched != self.line and (self.active or self.lending):
            self.comment()
        self.previous_line, self.line = self.line, line

    # ----------------------------------------------------------------- reads
    def may_complete(self, line: int) -> bool:
        """Whether a label on `line` may complete the last directive: only
        the one on this line or the line before."""
        return self.last is not None and self.last_line in (line, self.previous_line)
