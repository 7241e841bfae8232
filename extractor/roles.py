"""Who must act and who gave the order: noun phrases around a cue.

Works on spaCy tokens of one clause, with the pack's word lists: stop words
that end an addressee, strip words that open a phrase without belonging to
it, markers (postpositions) that close a subject, and body nouns.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from docket.extractor.lang import LanguagePack
from docket.extractor.nlp import doc_lower
from docket.extractor.typology import NOUN_PHRASES, _initial

MAX_BODY_TOKENS = 14
# a coordination of bodies ("Sở Tài chính, Sở Xây dựng, ... và Ban Quản lý ...")
# has no overall limit, only one per body
MAX_LIST_BODY_TOKENS = 12
MAX_LIST_TOKENS = 80


class WordPhrases:
    """Multi-word phrases indexed by their first word, to test "does one of
    them start here?" without scanning the whole list at every token."""

    def __init__(self, phrases):
        self.by_first: dict[str, list[list[str]]] = {}
        for phrase in phrases:
            words = phrase.split()
            if words:
                self.by_first.setdefault(words[0], []).append(words)

    def length_at(self, lower, i: int, limit: int) -> int:
        """Length of the first phrase starting at position i that ends by
        `limit`; 0 when none does. `lower(k)` is the lower-cased word at k."""
        if i >= limit:
            return 0
        for words in self.by_first.get(lower(i), ()):
            if i + len(words) <= limit and all(lower(i + k) == w for k, w in enumerate(words[1:], 1)):
                return len(words)
        return 0


def _is_latin_title(token: Token) -> bool:
    return token.is_title and token.text.isascii()


class RoleFinder:
    def __init__(self, pack: LanguagePack):
        self.pack = pack
        self.stop = pack.body_stop
        # stop phrases: "bố trí" ends an addressee, "Bố" alone need not
        self.stop_phrases = WordPhrases(pack.body_stop)
        self.strip = pack.body_strip
        self.strip_phrases = WordPhrases(pack.body_strip)
        self.markers = pack.body_markers
        self.vague = pack.vague_subjects
        self.fronted_phrases = WordPhrases(pack.fronted_openers)
        self.phrases = NOUN_PHRASES[pack.typology](self)
        self.name_marks = pack.apostrophes + "&/"  # punctuation inside a name ("Q&A Team", "R/D")

    def trim(self, tokens: list[Token]) -> list[Token]:
        """Drop opening strip words and closing punctuation or stop words."""
        changed = True
        while tokens and changed:
            changed = False
            # a strip phrase only goes when a word is left after it
            skip = self.strip_phrases.length_at(lambda k: tokens[k].lower_, 0, len(tokens) - 1)
            if skip:
                tokens, changed = tokens[skip:], True
            while tokens and (tokens[0].is_punct or tokens[0].is_space):
                tokens, changed = tokens[1:], True
        while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].lower_ in self.stop):
            tokens = tokens[:-1]
        return tokens

    def is_stop(self, doc, i: int, end: int) -> bool:
        """Whether a stop phrase starts at token i. Capitalised words never
        stop a name ("Sở Xây dựng" is a body, "xây dựng" a verb)."""
        token = doc[i]
        if token.is_title and not token.is_upper and i > 0 and not doc[i - 1].is_punct:
            return False
        return self.stop_phrases.length_at(doc_lower(doc), i, end) > 0

    def after(self, clause: Span, cue_end: int, body_nouns: set[int] = frozenset()) -> list[Token]:
        """The addressee after a request cue: up to the first stop word, or
        for a pack whose names show their capitals, up to the verb after a
        name ("requested Councillor Ryan forward the letter")."""
        out: list[Token] = []
        doc = clause.doc
        for token in doc[cue_end:clause.end]:
            if self.is_stop(doc, token.i, clause.end) or (
                token.is_punct and token.text not in self.pack.commas and token.text not in self.name_marks
            ):
                break
            out.append(token)
            if len(out) > MAX_LIST_TOKENS:
                return []
        out = self.trim(out)
        if self.pack.named_addressees:
            out = self._named_part(out, body_nouns)
        return out if self.fits(out) else []

    def _named_part(self, tokens: list[Token], body_nouns: set[int]) -> list[Token]:
        """A capitalised name ends before the first lower-case word that is
        no body noun, joiner, coordinator or article: that word is a verb."""
        if not tokens or not (tokens[0].is_title or tokens[0].is_upper):
            return tokens
        joining = self.pack.name_joiners | self.pack.coordinators
        for k, token in enumerate(tokens):
            if token.is_alpha and token.is_lower and token.i not in body_nouns and token.lower_ not in joining \
                    and not self.strip_phrases.length_at(lambda j: tokens[j].lower_, k, len(tokens)):
                return self.trim(tokens[:k])
        return tokens

    def fits(self, tokens: list[Token]) -> bool:
        """Whether a phrase is short enough for a party: one body of at most
        MAX_BODY_TOKENS words, or a list of bodies of at most
        MAX_LIST_BODY_TOKENS words each."""
        if len(tokens) <= MAX_BODY_TOKENS:
            return True
        if len(tokens) > MAX_LIST_TOKENS:
            return False
        size = longest = 0
        for token in tokens:
            if token.text in self.pack.commas or token.text in self.pack.clause_splitters \
                    or token.lower_ in self.pack.coordinators:
                size = 0
                continue
            size += 1
            longest = max(longest, size)
        return longest <= MAX_LIST_BODY_TOKENS

    def before(self, clause: Span, cue_start: int, start: int, body_nouns: set[int] = frozenset(),
               marked: bool = True) -> list[Token]:
        """The subject before a cue, found as the pack's typology says."""
        return self.phrases.before(clause, cue_start, start, body_nouns, marked)

    def leading(self, tokens: list[Token], body_nouns: set[int]) -> list[Token]:
        """A party at the start of `tokens`, found as the pack's typology says."""
        return self.phrases.leading(self.trim(tokens), body_nouns)

    def fronted(self, tokens: list[Token]) -> bool:
        """Whether a phrase opens with a fronted clause's word ("If", "Để")."""
        return bool(tokens) and self.fronted_phrases.length_at(lambda k: tokens[k].lower_, 0, len(tokens)) > 0

    def is_vague(self, tokens: list[Token]) -> bool:
        words = " ".join(t.lower_ for t in tokens)
        return words in self.vague or (len(tokens) <= 2 and tokens[0].lower_ in self.vague)

    def is_party(self, tokens: list[Token], body_nouns: set[int]) -> bool:
        """Whether a phrase can name someone who acts: not a pronoun or a
        vague word, not a long clause; body nouns and names always can."""
        if not tokens or self.is_vague(tokens):
            return False
        if len(tokens) == 1 and tokens[0].lower_ in self.pack.speaker_pronouns:
            return False
        if any(t.i in body_nouns for t in tokens):
            return True
        if any(t.like_num for t in tokens):
            return False
        cased = [t for t in tokens if t.is_alpha and t.text.lower() != t.text.upper()]
        if cased:  # a cased script: a name shows its capitals ("Priya", "Sở Y tế")
            capitals = [t for t in cased if t.is_title or t.is_upper]
            if len(tokens) >= 3 and capitals == [tokens[0]] and _initial(tokens[0]):
                return False  # only a sentence's capital: "Đề cương chi tiết", "Review the plans"
            return len(tokens) <= 8 and bool(capitals)
        return len(tokens) <= 8

    def extend_title(self, span: Span, limit: int) -> list[Token]:
        """An issuer: a title plus the name or office that follows it."""
        doc = span.doc
        out = list(span)
        i = span.end
        while i < limit and len(out) < 12:
            token = doc[i]
            if token.is_title or (token.lower_ in self.pack.title_joiners and i + 1 < limit and doc[i + 1].is_title):
                out.append(token)
                i += 1
            else:
                break
        return out
