"""Who must act and who gave the order: noun phrases around a cue.

Works on spaCy tokens of one clause, with the pack's word lists: stop words
that end an addressee, strip words that open a phrase without belonging to
it, markers (postpositions) that close a subject, and body nouns.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from extractor.lang import LanguagePack

MAX_BODY_TOKENS = 14
COMMA_LIKE = {",", "،", "、"}


def _is_latin_title(token: Token) -> bool:
    return token.is_title and token.text.isascii()


class RoleFinder:
    def __init__(self, pack: LanguagePack):
        self.pack = pack
        self.stop = pack.body_stop
        self.strip = pack.body_strip
        self.markers = pack.body_markers
        self.vague = pack.vague_subjects

    def trim(self, tokens: list[Token]) -> list[Token]:
        """Drop opening strip words and closing punctuation or stop words."""
        changed = True
        while tokens and changed:
            changed = False
            for phrase in self.strip:
                words = phrase.split()
                if len(tokens) > len(words) and [t.lower_ for t in tokens[: len(words)]] == words:
                    tokens, changed = tokens[len(words):], True
                    break
            while tokens and (tokens[0].is_punct or tokens[0].is_space):
                tokens, changed = tokens[1:], True
        while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].lower_ in self.stop):
            tokens = tokens[:-1]
        return tokens

    def after(self, clause: Span, cue_end: int) -> list[Token]:
        """The addressee after a request cue: up to the first stop word."""
        out: list[Token] = []
        for token in clause.doc[cue_end:clause.end]:
            if token.lower_ in self.stop or (token.is_punct and token.text not in COMMA_LIKE and token.text not in "'’&/"):
                break
            out.append(token)
            if len(out) > MAX_BODY_TOKENS:
                return []
        return self.trim(out)

    def before(self, clause: Span, cue_start: int, start: int) -> list[Token]:
        """The subject before a cue: from the clause start (or after the last
        marker that closes a subject) back from the cue, narrowed to the
        trailing comma-separated segments that still form one noun phrase."""
        tokens = list(clause.doc[start:cue_start])
        if self.markers:
            # Postposition languages: the subject ends at its first marker.
            for i, token in enumerate(tokens):
                if token.lower_ in self.markers:
                    tokens = tokens[:i]
                    break
        tokens = self.trim(tokens)
        if len(tokens) > MAX_BODY_TOKENS:
            tokens = self._trailing_phrase(tokens)
        return tokens

    def _trailing_phrase(self, tokens: list[Token]) -> list[Token]:
        segments: list[list[Token]] = [[]]
        for token in tokens:
            if token.text in COMMA_LIKE:
                segments.append([])
            else:
                segments[-1].append(token)
        kept: list[Token] = []
        for segment in reversed(segments):
            if len(segment) > 6:
                if not kept:
                    kept = segment[-6:]
                break
            kept = segment + kept
        return self.trim(kept) if len(kept) <= MAX_BODY_TOKENS else []

    def is_party(self, tokens: list[Token], body_nouns: set[int]) -> bool:
        """Whether a phrase names someone who can act, not a thing."""
        if not tokens:
            return False
        if tokens[0].lower_ in self.vague or (len(tokens) == 1 and tokens[0].lower_ in self.pack.speaker_pronouns):
            return False
        if any(t.i in body_nouns for t in tokens):
            return True
        alpha = [t for t in tokens if t.is_alpha]
        if alpha and all(t.is_title or not t.is_ascii for t in alpha) and len(alpha) <= 6:
            # names: title-case Latin words, or any phrase in a caseless script
            return any(t.is_title for t in alpha) or len(alpha) <= 4
        return any(_is_latin_title(t) for t in tokens[1:]) and not all(t.is_ascii for t in tokens)

    def extend_title(self, span: Span, limit: int) -> list[Token]:
        """An issuer: a title plus the name or office that follows it."""
        doc = span.doc
        out = list(span)
        i = span.end
        while i < limit and len(out) < 12:
            token = doc[i]
            if token.is_title or (token.lower_ in ("of", "for") and i + 1 < limit and doc[i + 1].is_title):
                out.append(token)
                i += 1
            else:
                break
        return out
