"""Noun phrases by typology: where a party's phrase starts and ends.

A pack declares `typology: head_initial` ("Ministry of Finance": the head
noun opens the phrase, a subject is found by walking back from its verb) or
`typology: head_final` (the head noun closes the phrase, postpositions mark
a subject). The role finder asks the strategy its pack selects; neither
strategy names a word: the words are the pack's (markers, genitives,
coordinators, joiners).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from docket.extractor.nlp import lower_words
from docket.extractor.schema import Typology

if TYPE_CHECKING:
    from docket.extractor.roles import RoleFinder

MAX_BODY_TOKENS = 14
LIST_MEMBER = 3  # words of one member of a closed list ("مقامی علاقوں")
LEADING_LEAD = 5
SAID_WINDOW = 8  # "X نے کہا کہ": a complementizer this near the start opens the clause with the party  # words that may stand before a head-final party (a quantifier, a possessor)


def comma_segments(tokens: list[Token], commas) -> list[list[Token]]:
    """A phrase cut at its commas (the commas left out)."""
    segments: list[list[Token]] = [[]]
    for token in tokens:
        if token.text in commas:
            segments.append([])
        else:
            segments[-1].append(token)
    return segments


def _initial(token: Token) -> bool:
    """Whether a word opens its sentence or list item (its capital says
    nothing of a name there)."""
    return token.i == 0 or token.is_sent_start or token.doc[token.i - 1].is_punct


class HeadInitial:
    """Heads first: a subject runs back from its cue while the words can
    belong to one noun phrase; a leading party is body nouns, names and
    their joiners from the clause's start."""

    def __init__(self, finder: "RoleFinder"):
        self.finder = finder
        self.pack = finder.pack
        self.subject_marks = self.pack.apostrophes + "&/-."  # in a subject ("Q&A", "St. John's")
        self.tail_marks = "," + self.pack.apostrophes  # in a leading name ("Finance, Planning")
        self.pronouns = self.pack.addressee_pronouns | self.pack.speaker_pronouns
        self.joiners = self.pack.coordinators | self.pack.name_joiners

    def before(self, clause: Span, cue_start: int, start: int, body_nouns: set[int],
               marked: bool) -> list[Token]:
        """Walk back from the cue: a comma only inside a coordination
        ("ministries, branches and localities") unless the pack lists
        parties with commas alone."""
        doc, pack, lower = clause.doc, self.pack, lower_words(clause.doc)
        out: list[Token] = []
        coordinated = False
        if start < cue_start and lower[cue_start - 1] in self.pronouns:
            return [doc[cue_start - 1]]  # "I suppose you have to ...": the pronoun is the subject
        for i in range(cue_start - 1, start - 1, -1):
            token = doc[i]
            if token.text in pack.commas:
                if not coordinated and not pack.comma_lists:
                    break
                out.append(token)
                continue
            if i not in body_nouns and (lower[i] in pack.subject_stop or token.like_num or (
                token.is_punct and token.text not in self.subject_marks
            )):
                break  # a stop word inside a body's name ("Ban Chỉ đạo") does not stop it
            if lower[i] in pack.coordinators:
                coordinated = True
            out.append(token)
        out = self._bodies(self.finder.trim(out[::-1]), body_nouns)
        return out if self.finder.fits(out) else []

    def _bodies(self, tokens: list[Token], body_nouns: set[int]) -> list[Token]:
        """The comma-separated bodies at the end of a walked-back phrase: a
        fronted clause ("If the vendor agrees,", "Trường hợp ...,") or a
        segment that names no body stops it."""
        segments = comma_segments(tokens, self.pack.commas)
        kept: list[Token] = []
        for n, segment in enumerate(reversed(segments)):
            if not segment or self.finder.fronted(segment):
                break
            if n and not self._names_body(segment[:3], body_nouns):
                break
            kept = segment + ([tokens[0].doc[segment[-1].i + 1]] if kept else []) + kept
        return self.finder.trim(kept)

    @staticmethod
    def _names_body(tokens: list[Token], body_nouns: set[int]) -> bool:
        return any(t.i in body_nouns or (t.is_title or t.is_upper) and t.is_alpha and not _initial(t)
                   for t in tokens)

    def _joins(self, out: list[Token], token: Token) -> bool:
        return bool(out) and (token.lower_ in self.joiners or token.text in self.tail_marks)

    def leading(self, tokens: list[Token], body_nouns: set[int]) -> list[Token]:
        """Body nouns and title-case words up to the first other word."""
        out: list[Token] = []
        tail = 0
        for token in tokens:
            if token.i in body_nouns or token.is_title or token.is_upper and token.is_alpha \
                    or self._joins(out, token):
                out.append(token)
                tail = 0
                continue
            if out and out[-1].is_title and tail < self.pack.title_tail and token.is_alpha \
                    and not self.finder.is_stop(token.doc, token.i, token.doc.__len__()):
                out.append(token)
                tail += 1
                continue
            break
        out = self.finder.trim(out)
        if out and any(t.i in body_nouns for t in out) and len(out) <= 12:
            return out
        return []


class HeadFinal:
    """Heads last: a subject ends at the postposition that marks it; a
    leading party runs from a body noun among the first words through
    coordinations and genitives to the head noun that closes it."""

    def __init__(self, finder: "RoleFinder"):
        self.finder = finder
        self.pack = finder.pack
        pack = self.pack
        # the words no member of a closed list is
        self.not_members = pack.subject_stop | pack.genitives | pack.coordinators | pack.body_markers \
            | pack.complementizers

    def before(self, clause: Span, cue_start: int, start: int, body_nouns: set[int],
               marked: bool) -> list[Token]:
        """The clause start up to the first subject marker; a cue opening
        with an addressee marker makes the phrase before it the addressee,
        whatever nouns it has; without a marker the subject opens the clause
        (verb-final word order)."""
        doc, pack, lower = clause.doc, self.pack, lower_words(clause.doc)
        size = max(0, cue_start - start)  # the markers are read off the lowered words: Tokens only for phrases
        opened, head = 0, False
        for i in range(size if marked else 0):
            if lower[start + i] in pack.body_markers:
                if i + 2 < size and lower[start + i + 2] in pack.participles:
                    # "X کو بھیجے گئے بل": X is the recipient inside a participle, and the
                    # noun the participle qualifies is an object; the addressee may follow
                    opened, head = i + 3, True
                    continue
                if head:
                    opened, head = i + 1, False
                    continue
                phrase = self.finder.trim(list(doc[start + opened:start + i]))
                found = self.party(phrase, body_nouns) or self._unnamed(phrase)
                if found or lower[start + i] in pack.addressee_markers:
                    return found
                opened = i + 1  # "جس کے لیے علاقے کو ...": a purpose before the subject names nobody
        tokens = list(doc[start + opened:cue_start])
        if cue_start < len(doc) and lower[cue_start] in pack.addressee_markers:
            # the addressee stands right before its marker: an adverbial before it
            # ("مراسلے کے مطابق X کو ہدایت") is closed by its postposition
            closed = max((k + 1 for k, t in enumerate(tokens) if lower[t.i] in pack.adjunct_closers), default=0)
            phrase = self.finder.trim(tokens[closed:] or tokens)
            return self.party(phrase, body_nouns) or self._unnamed(phrase)
        return self.finder.leading(tokens, body_nouns)

    def leading(self, tokens: list[Token], body_nouns: set[int]) -> list[Token]:
        return self.party(tokens, body_nouns)

    def _unnamed(self, tokens: list[Token]) -> list[Token]:
        """A marked phrase with no body noun: a person's name or an office
        the pack does not list, but not a possessed thing ("the matter of
        the bills" marked as a direct object): no genitive inside."""
        if any(t.lower_ in self.pack.genitives or t.lower_ in self.pack.subject_stop for t in tokens):
            return []  # nor a phrase with a postposition inside ("X پر زور دینے ... کے لیے")
        return self._short(tokens)

    def _short(self, tokens: list[Token]) -> list[Token]:
        return tokens if len(tokens) <= MAX_BODY_TOKENS else self._trailing_phrase(tokens)

    def party(self, tokens: list[Token], body_nouns: set[int]) -> list[Token]:
        """A body noun among the first words, extended through coordinations
        and genitives while another body noun follows; a body noun followed
        by a genitive is only a possessor, so the phrase must end on one
        that is not."""
        pack = self.pack
        lower = lower_words(tokens[0].doc) if tokens else []
        said = next((k for k, t in enumerate(tokens[:SAID_WINDOW]) if lower[t.i] in pack.complementizers), None)
        if said is not None:
            # "X نے کہا کہ Y ...": the party is the subject after کہ, not the one who spoke
            return self.party(tokens[said + 1:], body_nouns)
        if tokens and len(tokens[0]) and tokens[0].lower_ in pack.speaker_pronouns:
            return tokens[:1]  # the speakers commit themselves
        first = next((i for i, t in enumerate(tokens[:LEADING_LEAD + 1]) if t.i in body_nouns), None)
        opening = self._opening_quote(tokens, LEADING_LEAD if first is None else first)
        if opening is not None:
            # a quoted slogan is never a party; the subject may follow it
            close = next((k for k in range(opening + 1, len(tokens)) if tokens[k].is_quote), None)
            rest = tokens[close + 1:] if close is not None else []
            head = next((k for k, t in enumerate(rest[:LEADING_LEAD + 1]) if t.i in body_nouns), None)
            return self.party(rest[head:], body_nouns) if head is not None else []
        if first is None:
            # "X کے حوالے سے / Y پر  تمام محکمے ...": past an adverbial closed by its
            # postposition, the subject may open the rest
            closer = next((k for k, t in enumerate(tokens[:SAID_WINDOW]) if lower[t.i] in pack.adjunct_closers), None)
            return self.party(tokens[closer + 1:], body_nouns) if closer is not None else []
        end = self._chain(tokens, first, body_nouns)
        if end is None:
            return []
        end = self._closed_list(tokens, end)
        if end < len(tokens) and tokens[end].lower_ in pack.relatives:
            return self.finder.trim(tokens[:end])  # "وزارتیں جو ... ہیں": the antecedent acts
        if end < len(tokens) and tokens[end].lower_ in pack.subject_stop and tokens[end].lower_ not in pack.genitives:
            # a place or a recipient, not who acts; the subject may follow it
            rest = tokens[end + 1:]
            return self.party(rest, body_nouns) if rest else []
        end = self._complement(tokens, first, end)
        # a Latin-script name right after the head ("Police Department (C06)")
        while end < len(tokens) and tokens[end].is_ascii and (tokens[end].is_alpha or tokens[end].text in "()"):
            end += 1
        # an adverbial before the subject ("according to X", "under Y") is no part of it
        opened = max((k + 1 for k in range(first) if tokens[k].lower_ in pack.adjunct_closers), default=0)
        return self.finder.trim(tokens[opened:end])

    @staticmethod
    def _opening_quote(tokens: list[Token], within: int) -> int | None:
        """Where a quote opens among the first words (up to index `within`),
        -1 when the phrase opens inside one; None when none does. Only
        these words are read: the rest of a long clause need not be."""
        if tokens and tokens[0].i and tokens[0].doc[tokens[0].i - 1].is_quote:
            return -1
        return next((k for k, t in enumerate(tokens[:within + 1]) if t.is_quote), None)

    def _complement(self, tokens: list[Token], first: int, end: int) -> int:
        """A head the pack writes before its complement (`head_initial`
        words, Persian-style) takes the one word after it."""
        pack = self.pack
        if end < len(tokens) and end - 1 == first and tokens[first].lower_ in pack.head_initial \
                and all(t.lower_ in self.finder.strip for t in tokens[:first]):
            nxt = tokens[end]
            if nxt.is_alpha and not nxt.is_ascii and not self.finder.is_stop(nxt.doc, nxt.i, nxt.i + 1) \
                    and nxt.lower_ not in pack.subject_stop and nxt.lower_ not in pack.genitives:
                end += 1
        return end

    def _joined(self, tokens: list[Token], i: int) -> bool:
        return tokens[i].lower_ in self.pack.coordinators or tokens[i].text in self.pack.commas

    def _chain(self, tokens: list[Token], first: int, body_nouns: set[int]) -> int | None:
        """End of the noun phrase from the body noun at `first`, through
        coordinations and genitives; None when it ends on a possessor."""
        genitives = self.pack.genitives
        end, i = first + 1, first + 1
        headed = None  # where the phrase had a head before a body noun was run on to it
        linked = False  # a genitive joined two body nouns already
        while i < len(tokens):
            token = tokens[i]
            if token.i in body_nouns:
                if i == end and linked:
                    headed = end  # "X کے چیف آفیسر شہر کے ...": a new phrase may start here
                end = i = i + 1
                continue
            if self._joined(tokens, i):
                i += 1
                continue
            if token.lower_ in genitives:
                ahead = [j for j in range(i + 1, min(i + 4, len(tokens))) if tokens[j].i in body_nouns]
                if ahead:
                    i, linked = ahead[0], True
                    continue
                return headed  # the last body noun was a possessor (of the object after the party)
            if self._joined(tokens, i - 1):
                # a coordinated possessor: go on when a genitive and a body noun follow
                later = [j for j in range(i + 1, min(i + 3, len(tokens))) if tokens[j].lower_ in genitives]
                if later:
                    i = later[0]
                    continue
                # a coordinated body with its modifiers ("... اور ضلعی پولیس افسران")
                modified = [j for j in range(i + 1, min(i + 3, len(tokens))) if tokens[j].i in body_nouns]
                if modified and all(t.is_alpha and t.lower_ not in genitives and t.lower_ not in self.pack.subject_stop
                                    for t in tokens[i:modified[0]]):
                    i = modified[0]
                    continue
            break
        return end

    def _closed_list(self, tokens: list[Token], end: int) -> int:
        """A comma list closed by a coordinator runs on past words that are
        not body nouns ("وزارتوں، برانچوں اور مقامی علاقوں"): short members,
        the last one after the coordinator. Where the phrase ends at its
        marker, the last member is all that is left; else one word."""
        pack, i, members = self.pack, end, 0
        while i < len(tokens) and tokens[i].text in pack.commas:
            j = i + 1
            while j < len(tokens) and j - i <= LIST_MEMBER and self._member_word(tokens[j]):
                j += 1
            if j == i + 1:
                return end
            members += 1
            if j < len(tokens) and tokens[j].lower_ in pack.coordinators:
                rest = tokens[j + 1:]
                if rest and len(rest) <= LIST_MEMBER and all(self._member_word(t) for t in rest):
                    return len(tokens)
                if rest and self._member_word(rest[0]):
                    return j + 2
                return end
            i = j
        return end

    def _member_word(self, token: Token) -> bool:
        return token.is_alpha and token.lower_ not in self.not_members

    def _trailing_phrase(self, tokens: list[Token]) -> list[Token]:
        """The last comma-separated segments of an overlong phrase."""
        segments = comma_segments(tokens, self.pack.commas)
        kept: list[Token] = []
        for segment in reversed(segments):
            if len(segment) > 6:
                if not kept:
                    kept = segment[-6:]
                break
            kept = segment + kept
        return self.finder.trim(kept) if len(kept) <= MAX_BODY_TOKENS else []


NOUN_PHRASES = {Typology.HEAD_INITIAL: HeadInitial, Typology.HEAD_FINAL: HeadFinal}
