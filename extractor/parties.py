"""Party finding: who must act (the responsible party), who gave the order
(the issuer) and what must be done (the action), read off a clause and its
governing cue. Pure functions of a `Clause`: they return tokens or text
references, never strings of the text as read.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Callable

from spacy.tokens import Span, Token

from docket.extractor.clauses import Clause, CueHit
from docket.extractor.lang import LanguagePack
from docket.extractor.nlp import doc_lower, lower_words
from docket.extractor.normalize import Piece, TextRef
from docket.extractor.roles import RoleFinder, WordPhrases
from docket.extractor.schema import BodySide, CueKind, Position

OPEN_BRACKETS, CLOSE_BRACKETS = ("(", "["), (")", "]")
# sides whose party a run carries on to the clauses below
# the longest addressee a request's complement alone makes a party
MAX_COMPLEMENTED = 6
CARRIED_SIDES = (BodySide.AFTER, BodySide.BEFORE, BodySide.LABEL, BodySide.SLICE)


class Role(StrEnum):
    """How the party was found; a directive with a party fires it as a rule."""
    ADDRESSEE = "addressee"
    SUBJECT = "subject"
    OWNER = "owner"
    SPEAKER = "speaker"
    GROUP = "group"  # "we" in minutes with no speaker: named, but no evidence of a tasked party
    NONE = "none"


@dataclass(frozen=True)
class Party:
    names: list[Piece]  # the responsible parties, as found
    tokens: list[Token]  # the phrase the party was read from (also where the action starts)
    role: Role
    side: BodySide  # where the governing cue puts its party


def _capitalised(tokens: list[Token]) -> bool:
    return all(t.is_title or not t.is_ascii for t in tokens if t.is_alpha)


class _LastAnswer:
    """The answer last given, and the arguments it was given for: the judge
    asks some questions of one clause several times in a row. Arguments are
    compared by identity (a Clause is frozen, a cue hit a tuple of it)."""

    def __init__(self) -> None:
        self._key: tuple | None = None
        self._answer: Any = None

    def of(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """The answer for `key`: the last one when `key` is the last key, else `compute()`."""
        last = self._key
        if last is None or len(last) != len(key) or any(a is not b for a, b in zip(last, key)):
            self._key, self._answer = key, compute()
        return self._answer


class Parties:
    def __init__(self, pack: LanguagePack, roles: RoleFinder):
        self.pack = pack
        self.roles = roles
        self.owner_marks = "." + pack.apostrophes + "-"  # in an owner's name after "Owner:"
        self.action_skip = WordPhrases(pack.action_skip)
        # the words that open a request's complement, as the pack's cues declare them
        self.complements = {word for cue in pack.cues for word in cue.complements}
        self.marker_words = pack.issuer_markers | pack.complementizers
        self.pronoun_words = max((p.count(" ") + 1 for p in pack.addressee_pronouns), default=0)
        self._last_leading = _LastAnswer()  # see `leading`
        self._last_markers = _LastAnswer()  # see `_issuer_marker_positions`

    # --------------------------------------------------------- responsible
    def responsible(self, clause: Clause, base: int) -> Party:
        """The responsible party of a clause, from its governing cue, a
        responsibility cue, an owner label, its speaker or its opening words."""
        best = clause.best
        side = best[0].body if best else BodySide.NONE
        tokens, role = self._cue_party(clause)
        names, role = self._named(clause, tokens, role, side, base)
        if not names and (best is None or side == BodySide.NONE or self._reported(clause, best)):
            leading = self.leading(clause, best)
            if leading:
                tokens, role = leading, Role.SUBJECT
                names = [TextRef.of_tokens(leading, base)]
        if not names and best is not None and self._reported(clause, best):
            inner = self._reported_subject(clause, best)
            if inner:
                tokens, role, names = inner, Role.SUBJECT, [TextRef.of_tokens(inner, base)]
        return Party(names, tokens, role, side)

    def _reported_subject(self, clause: Clause, hit: CueHit) -> list[Token]:
        """"directed that the administrative secretaries should ...": the
        subject of the reported clause's own modal, however it is modified."""
        start = hit[1].end + 1
        for cue, span in clause.live:
            if span.start > start and cue.body == BodySide.BEFORE:
                subject = self.roles.before(clause.span, span.start, start, clause.body_nouns, False)
                named = self.roles.is_party(subject, clause.body_nouns) and not self._nominal(clause, subject)
                return subject if named else []
        return []

    def _cue_party(self, clause: Clause) -> tuple[list[Token], Role]:
        best = clause.best
        tokens, role = self.body(clause, best) if best else ([], Role.NONE)
        if best is not None and role == Role.SUBJECT and self._is_passive(clause, best[1]):
            tokens = []
        # "... and X is responsible for it": a responsibility cue names the party
        # even when another cue governs the clause
        for hit in clause.live:
            if hit[0].kind == CueKind.RESPONSIBILITY and hit != best:
                held, _ = self.body(clause, hit)
                if held:
                    tokens, role = held, Role.OWNER
                    break
        if best is not None and getattr(best[0], "subject_acts", False):
            acting = self._acting_subject(clause, best)
            if acting and (not tokens or not self._titled(clause, acting)):
                tokens, role = acting, Role.SUBJECT
        owner = self._owner_inside(clause)
        if owner:
            tokens, role = owner, Role.OWNER
        you = self.is_addressee_pronoun(tokens)
        if tokens and role == Role.ADDRESSEE and not you and not self._complemented(clause, tokens) and (
                self._nominal(clause, tokens) or not self.roles.is_party(tokens, clause.body_nouns)):
            if best[0].kind == CueKind.REQUEST and self.issued(clause, best[1]):
                # "The Secretary directed the re-circulation of the roster": the
                # subject gave the order; a nominal complement names nobody but
                # the one it is asked from ("requested an update from the roads section")
                tokens = self._source(clause, best[1])
                role = Role.ADDRESSEE if tokens else Role.NONE
            else:
                # the cue is a verb of the phrase before it, not a request to someone;
                # an issuer's title there ("The Prime Minister requested, the outline
                # must ...") names who asks, never who must act
                tokens = self.roles.leading(list(clause.doc[clause.first:best[1].start]), clause.body_nouns)
                if tokens and best[0].kind == CueKind.REQUEST and self._titled(clause, tokens):
                    tokens = []
                role = Role.SUBJECT if tokens else Role.NONE
        elif not tokens and best is not None and best[0].kind == CueKind.REQUEST:
            tokens = self._source(clause, best[1])  # "sought a report from the Authority"
            role = Role.ADDRESSEE if tokens else role
        if you or self.is_addressee_pronoun(tokens):
            # "you": the person named in a vocative, else "you" itself
            tokens, role = self._vocative(clause, best[1]) or tokens, Role.ADDRESSEE
        return tokens, role

    def is_addressee_pronoun(self, tokens: list[Token]) -> bool:
        """Whether a phrase is one of the pack's "you" pronouns. A phrase of
        more words than the longest of them has more spaces when joined,
        so it is not read at all."""
        return bool(tokens) and len(tokens) <= self.pronoun_words \
            and " ".join(t.lower_ for t in tokens) in self.pack.addressee_pronouns

    def _reported(self, clause: Clause, hit: CueHit) -> bool:
        """"directed that the secretaries should ...": a request whose
        addressee is a reported clause; its subject is the party."""
        end = hit[1].end
        return hit[0].body == BodySide.AFTER and end < clause.span.end \
            and lower_words(clause.doc)[end] in self.pack.complementizers

    def _source(self, clause: Clause, cue: Span) -> list[Token]:
        """The party a thing is asked from: "sought a report from X", "asked
        for figures from X"; not inside a reported clause ("requested that
        the funds from X ...")."""
        end, lower = clause.span.end, lower_words(clause.doc)
        if cue.end < end and lower[cue.end] in self.pack.complementizers:
            return []
        for i in range(cue.end, end - 1):
            if lower[i] in self.pack.source_markers:
                found = self.roles.after(clause.span, i + 1, clause.body_nouns)
                return found if self.roles.is_party(found, clause.body_nouns) else []
        return []

    def _nominal(self, clause: Clause, tokens: list[Token]) -> bool:
        """"urged the building of a new system", "requested an update from
        X": a phrase after a request headed by a common noun with a
        complement ("of", "from") is the task, not who must do it."""
        head = tokens[0]
        end = head.i + 1
        if not (head.is_alpha and head.is_lower and head.i not in clause.body_nouns and end < clause.span.end):
            return False
        word = lower_words(clause.doc)[end]
        return word in self.pack.name_joiners or word in self.pack.source_markers

    def _complemented(self, clause: Clause, tokens: list[Token]) -> bool:
        """"asked the secretaries to ...": a short phrase between a request and
        its complement is the addressee, whatever its head noun."""
        end = tokens[-1].i + 1
        return len(tokens) <= MAX_COMPLEMENTED and end < clause.span.end \
            and lower_words(clause.doc)[end] in self.complements and not self.roles.is_vague(tokens) \
            and not any(t.like_num or t.lower_ in self.pack.speaker_pronouns for t in tokens)

    def _acting_subject(self, clause: Clause, hit: CueHit) -> list[Token]:
        """The body before a directing verb ("Sở Xây dựng đôn đốc ...")."""
        span = hit[1]
        if span.start <= clause.first:
            return []
        subject = self.roles.before(clause.span, span.start, clause.first, clause.body_nouns, False)
        return subject if subject and any(t.i in clause.body_nouns for t in subject) else []

    def _titled(self, clause: Clause, tokens: list[Token]) -> bool:
        """Whether a phrase opens with an issuer's title ("Thủ tướng ...")."""
        return any(s.start == tokens[0].i for s in clause.labelled("title"))

    def _named(self, clause: Clause, tokens: list[Token], role: Role, side: BodySide,
               base: int) -> tuple[list[Piece], Role]:
        """The party's names from its tokens, the speaker or the one quoted."""
        speaker = [clause.speaker] if clause.speaker else []
        if clause.owner_prefix and (side in (BodySide.NONE, BodySide.SPEAKER) or not tokens):
            return [clause.speaker], Role.OWNER
        if side == BodySide.SPEAKER:
            if speaker:
                return speaker, role
            # '"I will chair it," Minister X said': the one quoted
            quoted = self.issuer(clause, None)
            if quoted and any(t.is_title or not t.is_ascii for t in quoted):
                return [TextRef.of_tokens(quoted, base)], Role.SPEAKER
            # no speaker known: the pronoun itself ("I will send it", "We'll check"), as written;
            # in a quotation it stands for the one quoted, who is not named here
            pronoun = clause.doc[clause.best[1].start] if clause.best else None
            if pronoun is not None and pronoun.lower_ in self.pack.speaker_pronouns \
                    and not any(t.is_quote for t in clause.span):
                return [TextRef.of_tokens([pronoun], base)], role
            return [], role
        if tokens and tokens[0].lower_ in self.pack.speaker_pronouns and len(tokens) == 1:
            if speaker:
                return speaker, role
            group = self._group(clause, tokens, base)
            return group, Role.GROUP if group else role
        group = self._group(clause, tokens, base) if role == Role.SUBJECT else []
        if group:
            return group, Role.GROUP  # "He also agreed to advise ..."
        if tokens and (role in (Role.ADDRESSEE, Role.OWNER) or self.roles.is_party(tokens, clause.body_nouns)):
            return [TextRef.of_tokens(tokens, base)], role
        return [], role

    def _group(self, clause: Clause, tokens, base: int) -> list[Piece]:
        """Minutes with no speaker to stand for: "we will patch it", "We
        agree to ...", "He also agreed to ...": the pronoun is the party
        (the annotation accepts a pronoun alone)."""
        lower, word = lower_words(clause.doc), None
        for token in tokens:
            if lower[token.i] in self.pack.fillers:
                continue  # "He also agreed to"
            if word is not None:
                return []  # two words are no pronoun alone
            word = token
        if word is not None and lower[word.i] in self.pack.group_pronouns:
            return [TextRef.of_tokens([word], base)]
        return []

    def body(self, clause: Clause, hit: CueHit) -> tuple[list[Token], Role]:
        """The party a cue names, on the side the pack gives it."""
        cue, span = hit
        if cue.body == BodySide.AFTER:
            passive = self.passive_request(clause, span)
            if passive is not None:  # "The secretaries were also asked to ...": the subject is asked
                return self.roles.before(clause.span, passive, clause.content_start, clause.body_nouns,
                                         False), Role.SUBJECT
            start = span.end
            if start + 1 < clause.span.end and clause.doc[start].text == ":":
                start += 1  # "requested: all departments shall ...": the addressee opens what follows
            return self.roles.after(clause.span, start, clause.body_nouns), Role.ADDRESSEE
        if cue.body == BodySide.BEFORE:
            start = clause.content_start
            for marker in self._issuer_marker_positions(clause):
                if marker < span.start:
                    start = max(start, marker + 1)
            marked = cue.kind in self.pack.marked_kinds
            return self.roles.before(clause.span, span.start, start, clause.body_nouns, marked), Role.SUBJECT
        if cue.body == BodySide.SLICE:  # the party inside the match: "Priya to ..."
            a, b = cue.slice
            return self.roles.trim(list(span)[a:b]), Role.OWNER
        if cue.body == BodySide.LABEL:
            return self._label_owner(clause, span), Role.OWNER
        if cue.body == BodySide.ADDRESSEE:
            # "Priya, can you ...", else the "you" of "can you" itself
            return self._vocative(clause, span) or [t for t in span if t.lower_ in self.pack.addressee_pronouns][:1], \
                Role.ADDRESSEE
        return [], Role.NONE

    def passive_request(self, clause: Clause, cue: Span) -> int | None:
        """Where the passive auxiliary before a request verb stands ("were
        (also) asked to"), or None when the verb is active."""
        i, lower = cue.start - 1, lower_words(clause.doc)
        while i > clause.first and lower[i] in self.pack.fillers:
            i -= 1
        return i if i >= clause.first and lower[i] in self.pack.passive_auxiliaries else None

    def issued(self, clause: Clause, cue: Span) -> bool:
        """Whether a verb is said by a subject right before it: a name or a
        title in capitals, or a pronoun ("He directed", "the Chair requested"),
        not a word of a compound or a list ("solutions such as calling for")."""
        i, lower = cue.start - 1, lower_words(clause.doc)
        while i > clause.first and lower[i] in self.pack.fillers:
            i -= 1
        token = clause.doc[i]
        if i > clause.first and lower[i] in self.pack.conjunctions:
            # "X requested an update and also requested ...": the subject of the first verb
            return any(span.end <= i and self.issued(clause, span)
                       for cue, span in clause.cues if cue.kind == CueKind.REQUEST)
        return i >= clause.first and token.text[:1].isalpha() and (
            token.is_title or token.lower_ in self.pack.vague_subjects)

    def leading(self, clause: Clause, hit: CueHit | None = None) -> list[Token]:
        """A party that opens a clause with no cue of its own ("The Ministry
        of Finance arranges funds ...", the present tense of machine
        translation), or opens the content of a cue that names nobody
        ("directed that the Ministry ..."). The judge asks it of one clause
        several times (run heading, party alone, run subject, responsible):
        the last answer is kept, a Clause being frozen. Callers only read it."""
        return self._last_leading.of((clause, hit), lambda: self._leading(clause, hit))

    def _leading(self, clause: Clause, hit: CueHit | None) -> list[Token]:
        doc = clause.doc
        start = clause.first
        if hit is not None:
            cue, span = hit
            if cue.position == Position.START:
                return []  # "Report to the PPC monthly": what follows a verb is its object
            if span.start <= start or cue.position != Position.END:
                start = max(start, span.end)
        start = self._after_issuer(clause, start, hit[1].start if hit is not None else clause.span.end)
        lower = lower_words(doc)
        while start < clause.span.end and (lower[start] in self.pack.complementizers or doc[start].is_punct):
            start += 1
        return self.roles.leading(list(doc[start:clause.span.end]), clause.body_nouns)

    def _after_issuer(self, clause: Clause, start: int, stop: int) -> int:
        """"X نے کہا کہ Y ... کریں": the phrase marked as the issuer, and the
        reporting words up to the complementizer after it, name no party;
        the reported clause's subject does."""
        if not self.pack.issuer_markers:
            return start
        # the clause's markers and complementizers, found once per clause
        found = [i for i in self._issuer_marker_positions(clause) if start <= i < stop]
        lower = lower_words(clause.doc)
        marked = [i for i in found if lower[i] in self.pack.issuer_markers]
        said = [i for i in found if marked and i > marked[-1] and lower[i] in self.pack.complementizers]
        return said[-1] + 1 if said else start

    def _is_passive(self, clause: Clause, cue: Span) -> bool:
        return cue.end < clause.span.end and lower_words(clause.doc)[cue.end] in self.pack.passive_markers

    def _issuer_marker_positions(self, clause: Clause) -> list[int]:
        """Where the clause's issuer markers and complementizers stand; asked
        for the party and again for the issuer, so the last answer is kept."""
        return self._last_markers.of((clause,), lambda: self._marker_positions(clause))

    def _marker_positions(self, clause: Clause) -> list[int]:
        span = clause.span
        lower = lower_words(clause.doc)  # the doc's lowered words, read once: no Token per word
        return [i for i, word in enumerate(lower[span.start:span.end], span.start) if word in self.marker_words]

    def _label_owner(self, clause: Clause, label: Span) -> list[Token]:
        """ACTION: Priya to circulate ... / ACTION (Priya): ... / ... – Priya"""
        for cue, span in clause.cues:
            if cue.body == BodySide.SLICE and span.start >= label.end:
                a, b = cue.slice
                return self.roles.trim(list(span)[a:b])
            if cue.body == BodySide.BEFORE and span.start > label.end:
                owner = self.roles.before(clause.span, span.start, label.end)
                if owner and len(owner) <= 5:
                    return owner
        tokens = list(clause.doc[label.end:clause.span.end])
        return self._named_before_colon(tokens) or self._bracketed(tokens)

    def _named_before_colon(self, tokens: list[Token]) -> list[Token]:
        """"Action – Sunita Rao: report ...", "[ACTION - Sunita Rao] report ...\""""
        for j, token in enumerate(tokens[:6]):
            if token.text in (":", "]"):
                named = self.roles.trim(tokens[:j])
                return named if named and _capitalised(named) else []
        return []

    def _bracketed(self, tokens: list[Token]) -> list[Token]:
        """"... (Priya)" at the end of the line."""
        if len(tokens) >= 2 and tokens[-1].text in CLOSE_BRACKETS:
            for j in range(len(tokens) - 2, -1, -1):
                if tokens[j].text in OPEN_BRACKETS:
                    inner = self.roles.trim(tokens[j + 1:-1])
                    return inner if inner and len(inner) <= 4 else []
        return []

    def _owner_inside(self, clause: Clause) -> list[Token]:
        """"(Owner: Graham Pyle, by end of May)": an owner label inside the
        clause names the party, up to the next punctuation."""
        for label in clause.labelled("attach:owner"):
            if label.start <= clause.first:
                continue
            out = []
            for token in clause.doc[label.end:clause.span.end]:
                if token.is_punct and token.text not in self.owner_marks:
                    break
                out.append(token)
            out = self.roles.trim(out)
            if out and len(out) <= 6:
                return out
        return []

    def _vocative(self, clause: Clause, cue: Span) -> list[Token]:
        """"Priya, can you ..." or "... by Friday, Priya?"."""
        doc, first, last = clause.doc, clause.first, clause.last
        for j in range(first, min(cue.start, first + 4)):
            if doc[j].text in self.pack.pauses:
                name = self.roles.trim(list(doc[first:j]))
                if name and _capitalised(name) and not self._interjection(name):
                    return name
        for j in range(last - 1, max(cue.end, last - 5), -1):
            if doc[j].text in self.pack.pauses:
                name = self.roles.trim(list(doc[j + 1:last]))
                if name and _capitalised(name) and not self._interjection(name):
                    return name
        return []

    def _interjection(self, name: list[Token]) -> bool:
        """"Okay, you should ...", "Oh, you have to ...": a word that opens a
        turn, not a name."""
        return all(t.lower_ in self.pack.interjections or t.lower_ in self.pack.fillers for t in name)

    # --------------------------------------------------------------- issuer
    def issuer(self, clause: Clause, cue_span: Span | None) -> list[Token] | None:
        """Who gave the order: the longest issuer title nearest the cue,
        with the name or office after it, or the phrase an issuer marker closes."""
        limit = cue_span.start if cue_span is not None else clause.span.end
        titles = [s for s in clause.labelled("title") if s.start < limit]
        if not titles:
            return None
        titles.sort(key=lambda s: (s.start, -(s.end - s.start)))
        markers = [m for m in self._issuer_marker_positions(clause) if m < limit]
        if markers and self.pack.issuer_markers:
            tokens = []
            for token in reversed(clause.doc[clause.content_start:markers[0]]):
                if token.text in self.pack.pauses:
                    break
                tokens.insert(0, token)
            tokens = self.roles.trim(tokens)
            if tokens and any(t.i in range(s.start, s.end) for s in titles for t in tokens):
                return tokens
        best = titles[-1]
        for s in titles:
            if s.start <= best.start < s.end:
                best = s
        return self.roles.extend_title(best, limit)

    # --------------------------------------------------------------- action
    def action(self, clause: Clause, party_tokens: list[Token], base: int) -> TextRef | None:
        """What must be done: the task's verb phrase, from its verb. After
        a request cue it follows the addressee; a cue that holds the verb
        (an imperative at the start, "Priya to order ...") starts it; the
        pack's linking words ("to", "phải") before the verb are left out."""
        doc, best = clause.doc, clause.best
        if best is None:
            start = clause.first
        else:
            cue, span = best
            start = span.end
            if cue.body == BodySide.SLICE and party_tokens and span.start <= party_tokens[-1].i < span.end:
                start = party_tokens[-1].i + 1  # "Priya to | order ..."
            elif cue.body == BodySide.NONE and cue.position == Position.START:
                start = span.start  # the imperative is the verb
            elif party_tokens and party_tokens[-1].i >= span.end:
                start = party_tokens[-1].i + 1
            if cue.position == Position.END or span.end >= clause.last:
                start = party_tokens[-1].i + 1 if party_tokens else clause.first
        end = clause.last
        lower = doc_lower(doc)
        while start < end:
            if doc[start].is_punct or lower(start) in self.pack.complementizers:
                start += 1
                continue
            skip = self.action_skip.length_at(lower, start, end - 1)
            if not skip:
                break
            start += skip
        if end - start < 2:
            return None
        return TextRef.of_tokens([doc[start], doc[end - 1]], base)
