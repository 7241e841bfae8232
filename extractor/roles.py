"""Who must act and who gave the order: noun phrases around a cue.

Works on spaCy tokens of one clause, with the pack's word lists: stop words
that end an addressee, strip words that open a phrase without belonging to
it, markers (postpositions) that close a subject, and body nouns.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from docket.extractor.lang import LanguagePack

MAX_BODY_TOKENS = 14
LEADING_LEAD = 5  # words that may stand before a head-final party ("تمام", "تعلیم و تربیت کی")
COMMA_LIKE = {",", "،", "、"}


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
        for words in self.by_first.get(lower(i), ()):
            if i + len(words) <= limit and all(lower(i + k) == w for k, w in enumerate(words[1:], 1)):
                return len(words)
        return 0


def doc_lower(doc):
    return lambda k: doc[k].lower_


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

    def after(self, clause: Span, cue_end: int) -> list[Token]:
        """The addressee after a request cue: up to the first stop word."""
        out: list[Token] = []
        doc = clause.doc
        for token in doc[cue_end:clause.end]:
            if self.is_stop(doc, token.i, clause.end) or (
                token.is_punct and token.text not in COMMA_LIKE and token.text not in "'’&/"
            ):
                break
            out.append(token)
            if len(out) > MAX_BODY_TOKENS:
                return []
        return self.trim(out)

    def before(self, clause: Span, cue_start: int, start: int, body_nouns: set[int] = frozenset(),
               marked: bool = True) -> list[Token]:
        """The subject before a cue. Postposition languages (with markers)
        take the clause start up to the first marker; others walk back from
        the cue while the words can belong to one noun phrase: a comma only
        inside a coordination ("ministries, branches and localities")."""
        doc = clause.doc
        if self.markers:
            tokens = list(doc[start:cue_start])
            for i, token in enumerate(tokens if marked else ()):
                if token.lower_ in self.markers:
                    marked = self.trim(tokens[:i])
                    return self._head_final_party(marked, body_nouns) or self._short(marked)
            if cue_start < len(doc) and doc[cue_start].lower_ in self.pack.addressee_markers:
                # "X سے درخواست کی": X is the addressee, whatever nouns it has
                marked = self.trim(tokens)
                return self._head_final_party(marked, body_nouns) or self._short(marked)
            # No marker: the subject opens the clause (verb-final word order).
            return self.leading(tokens, body_nouns)
        out: list[Token] = []
        coordinated = False
        for i in range(cue_start - 1, start - 1, -1):
            token = doc[i]
            if token.text in COMMA_LIKE:
                if not coordinated and not self.pack.comma_lists:
                    break
                out.append(token)
                continue
            if token.lower_ in self.pack.subject_stop or token.like_num or (
                token.is_punct and token.text not in "'’&/-."
            ):
                break
            if token.lower_ in self.pack.coordinators:
                coordinated = True
            out.append(token)
            if len(out) > MAX_BODY_TOKENS:
                return []
        return self.trim(out[::-1])

    def _short(self, tokens: list[Token]) -> list[Token]:
        return tokens if len(tokens) <= MAX_BODY_TOKENS else self._trailing_phrase(tokens)

    def _head_final_party(self, tokens: list[Token], body_nouns: set[int]) -> list[Token]:
        """"صوبوں اور شہروں کی عوامی کمیٹیاں": a body noun among the first
        words, extended through coordinations and genitives while another
        body noun follows; a body noun followed by a genitive is only a
        possessor ("اداروں کے اطمینان"), so the phrase must end on one that
        is not."""
        genitives = self.pack.genitives
        if tokens and len(tokens[0]) and tokens[0].lower_ in self.pack.speaker_pronouns:
            return tokens[:1]  # "ہم ... کر دیں گے": the speakers commit themselves
        first = next((i for i, t in enumerate(tokens[:LEADING_LEAD + 1]) if t.i in body_nouns), None)
        if first is None:
            return []
        chain = self._chain(tokens, first, body_nouns)
        if chain is None:
            return []
        end = chain
        if end < len(tokens) and tokens[end].lower_ in self.pack.subject_stop and tokens[end].lower_ not in genitives:
            # "14 یونین کونسلوں میں ...": a place or a recipient, not who acts;
            # the subject may follow it
            rest = tokens[end + 1:]
            return self._head_final_party(rest, body_nouns) if rest else []
        # a head that takes its complement after it, Persian-style ("محکمہ صحت")
        if end < len(tokens) and end - 1 == first and tokens[first].lower_ in self.pack.head_initial \
                and all(t.lower_ in self.strip for t in tokens[:first]):
            nxt = tokens[end]
            if nxt.is_alpha and not nxt.is_ascii and not self.is_stop(nxt.doc, nxt.i, nxt.i + 1) \
                    and nxt.lower_ not in self.pack.subject_stop and nxt.lower_ not in genitives:
                end += 1
        # a Latin-script name right after the head ("Police Department (C06)")
        while end < len(tokens) and tokens[end].is_ascii and (tokens[end].is_alpha or tokens[end].text in "()"):
            end += 1
        return self.trim(tokens[:end])

    def _chain(self, tokens: list[Token], first: int, body_nouns: set[int]) -> int | None:
        """End of the noun phrase from the body noun at `first`, through
        coordinations and genitives; None when it ends on a possessor."""
        genitives = self.pack.genitives
        end, i = first + 1, first + 1
        while i < len(tokens):
            token = tokens[i]
            if token.i in body_nouns:
                end = i = i + 1
                continue
            if token.lower_ in self.pack.coordinators or token.text in COMMA_LIKE:
                i += 1
                continue
            if token.lower_ in genitives:
                ahead = [j for j in range(i + 1, min(i + 4, len(tokens))) if tokens[j].i in body_nouns]
                if ahead:
                    i = ahead[0]
                    continue
                return None  # the last body noun was a possessor
            if tokens[i - 1].lower_ in self.pack.coordinators or tokens[i - 1].text in COMMA_LIKE:
                # a coordinated possessor ("صوبوں اور شہروں کی کمیٹیاں"): go on
                # when a genitive and a body noun follow
                later = [j for j in range(i + 1, min(i + 3, len(tokens))) if tokens[j].lower_ in genitives]
                if later:
                    i = later[0]
                    continue
            break
        return end

    def _trailing_phrase(self, tokens: list[Token]) -> list[Token]:
        """The last comma-separated segments of an overlong phrase."""
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

    def leading(self, tokens: list[Token], body_nouns: set[int]) -> list[Token]:
        """A party at the start of `tokens`. Head-final languages: up to the
        last body noun among the first words; others: body nouns and
        title-case words up to the first other word."""
        tokens = self.trim(tokens)
        if self.pack.head_final:
            return self._head_final_party(tokens, body_nouns)
        out: list[Token] = []
        tail = 0
        for token in tokens:
            if token.i in body_nouns or token.is_title or token.is_upper and token.is_alpha or (
                out and (token.lower_ in self.pack.coordinators or token.text in ",'’"
                         or token.lower_ in ("of", "'s", "for"))
            ):
                out.append(token)
                tail = 0
                continue
            if out and out[-1].is_title and tail < self.pack.title_tail and token.is_alpha \
                    and not self.is_stop(token.doc, token.i, token.doc.__len__()):
                out.append(token)
                tail += 1
                continue
            break
        out = self.trim(out)
        if out and any(t.i in body_nouns for t in out) and len(out) <= 12:
            return out
        return []

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
            return len(tokens) <= 8 and any(t.is_title or t.is_upper for t in cased)
        return len(tokens) <= 8

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
