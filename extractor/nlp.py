"""The spaCy side of the extractor: a blank pipeline per language pack with
two rule components.

- `docket_sentences`: sentence rules. A line break always ends a sentence
  (blocks are lines already); a pack's terminators end one unless they close
  a title ("Dr.") or a number abbreviation before a number ("No. 123").
- `docket_cues`: PhraseMatcher and Matcher over the pack's cue, signal and
  pattern data; matches land in `doc.spans["docket"]` labelled
  `cue:<i>`, `neg:<i>`, `urgent`, `recurring`, `opener`, `closer`,
  `title`, `body_noun`, `blocker`, `neg_blocker`, `owner_label`, `due_label` or
  a pattern's own label.
"""
from __future__ import annotations

import bisect
import functools
import re
import unicodedata

import numpy
import spacy
from spacy.attrs import IS_SPACE, LIKE_NUM, LOWER, ORTH, SENT_START
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, SpanGroup
from spacy.util import compile_infix_regex

from docket.extractor.lang import LanguagePack, load_pack
from docket.extractor.schema import Position
from docket.extractor.tokenizer_guard import guard

SPAN_KEY = "docket"
SENTS_KEY = "docket_sentence_starts"
TEXT_KEY = "docket_text"  # the doc's text as a str, kept by the extractor
NUMBERS_KEY = "docket_numbers"
NOT_START = numpy.uint64(2**64 - 1)  # -1 as spaCy stores it: "not a sentence start"
WINDOW = 12  # tokens at a sentence's start or end where positioned patterns may match


def fold(text: str, pack: LanguagePack) -> str:
    """Fold pack data the way document text is folded before matching."""
    if pack.char_map:
        text = text.translate(str.maketrans(pack.char_map))
    return unicodedata.normalize("NFC", text)


class SentenceRules:
    """Sets `is_sent_start` on the first token of each sentence. Only the
    few tokens that can end a sentence (terminators, line breaks) are looked
    at in Python; the rest of the line is left to the array scan."""

    def __init__(self, nlp: Language, pack: LanguagePack):
        strings = nlp.vocab.strings
        self.enders = {strings.add(t) for t in pack.terminators}
        self.terminators = pack.terminators
        self.titles = pack.titles
        self.before_number = pack.before_number
        self.closers = pack.closers | set(pack.terminators)
        self.runon = (pack.runon_words, pack.runon_enders, pack.runon_joiners)
        self.pauses = {strings.add(t) for t in pack.pauses}

    def _splits_after(self, doc: Doc, i: int) -> bool:
        nxt = doc[i + 1]
        if nxt.text in self.closers and not (nxt.is_quote and doc[i].whitespace_):
            return False  # a quote after a space opens the next sentence ('... promotions. "The ...')
        if i > 0:
            before = doc[i - 1].lower_
            if before in self.titles:
                return False
            if before in self.before_number and nxt.like_num:
                return False
        return not (nxt.is_lower and nxt.is_alpha and doc[i].text == ".")

    def _after_closers(self, doc: Doc, i: int) -> int | None:
        """'... "nearly empty." The treasury ...': after a terminator and the
        quotes or brackets glued to it, a capitalised word opens a sentence."""
        k = i + 1
        while k < len(doc) and doc[k].text in self.closers and not doc[k - 1].whitespace_:
            k += 1
        while k < len(doc) and doc[k].is_space:
            k += 1
        if k == i + 1 or k >= len(doc) or not doc[k - 1].whitespace_ and not doc[k - 1].is_space:
            return None
        return k if doc[k].is_title or doc[k].is_upper and doc[k].is_alpha else None

    def _runon_starts(self, doc: Doc, starts: list[int]) -> list[int]:
        """Speech reported with no stops ("... کریں محکمہ صحت ... کرے"): a
        stretch longer than the pack's limit, with no pause in it either,
        also ends after a verb-final word when no auxiliary, conjunction or
        postposition follows it. (A stretch with commas is punctuated: its
        writer chose where it ends.)"""
        limit, enders, joiners = self.runon
        found, orth = [], doc.to_array(ORTH)
        for a, b in zip(starts, starts[1:] + [len(doc)]):
            found.append(a)
            if b - a <= limit or numpy.isin(orth[a:b], list(self.pauses)).any():
                continue
            last = a
            for i in range(a + 1, b - 1):
                if doc[i].text not in enders or i - last <= 2:
                    continue
                j = i + 1
                while j < b and doc[j].is_space:
                    j += 1
                if j < b and (doc[j].is_alpha or doc[j].like_num) and doc[j].text not in joiners:
                    last = j
                    found.append(j)
        return found

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        orth = doc.to_array(ORTH)
        starts = [0]
        for i in numpy.flatnonzero(numpy.isin(orth[:-1], list(self.enders))):
            i = int(i)
            j = i + 1
            while j < n and doc[j].is_space:
                j += 1
            if j < n and self._splits_after(doc, i):
                starts.append(j)
            elif j < n and (k := self._after_closers(doc, i)) is not None:
                starts.append(k)
        strings = doc.vocab.strings
        for i in numpy.flatnonzero(doc.to_array(IS_SPACE)[:-1]).tolist():
            text = strings[int(orth[i])]  # the space token's text, without a Token
            if "\n" in text or "\r" in text:
                starts.append(i + 1)
        starts = sorted(set(starts))
        if self.runon[0]:
            starts = self._runon_starts(doc, starts)
        # one array write: setting Token.is_sent_start token by token re-checks
        # the whole doc's annotation each time
        flags = numpy.full((n, 1), NOT_START, dtype="uint64")
        flags[starts, 0] = 1
        doc.from_array([SENT_START], flags)
        doc.user_data[SENTS_KEY] = starts
        return doc


def sentences(doc: Doc, start: int = 0, end: int | None = None) -> list[Span]:
    """The sentences the rules found between two tokens (a line of a doc),
    without the line breaks between them."""
    end = len(doc) if end is None else end
    starts = doc.user_data.get(SENTS_KEY) or [0]
    lo = bisect.bisect_right(starts, start) - 1
    hi = bisect.bisect_left(starts, end, lo + 1)  # the starts before `end`, not all those after `start`
    bounds = [start] + starts[lo + 1:hi] + [end]
    found = []
    for a, b in zip(bounds, bounds[1:]):
        while b > a and doc[b - 1].is_space:
            b -= 1
        while a < b and doc[a].is_space:
            a += 1
        if b > a:
            found.append(Span(doc, a, b))  # not doc[a:b]: its slice normalizing costs more than the Span
    return found


class CueMatcher:
    def __init__(self, nlp: Language, pack: LanguagePack):
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")

        def add(label: str, words) -> None:
            docs = [nlp.make_doc(fold(w, pack)) for w in words if w]
            if docs:
                self.phrases.add(label, docs)

        self.suffixed: dict[str, tuple[tuple[str, ...], set[str]]] = {}
        for i, cue in enumerate(pack.cues):
            add(f"cue:{i}", cue.phrases)
            if cue.previous_suffix:
                self.suffixed[f"cue:{i}"] = (tuple(fold(x, pack) for x in cue.previous_suffix),
                                             {fold(x, pack) for x in cue.previous_not})
        for i, neg in enumerate(pack.negatives):
            add(f"neg:{i}", neg.phrases)
        for label, words in (
            ("urgent", pack.urgent), ("recurring", pack.recurring),
            ("opener", pack.run_openers), ("closer", pack.run_closers),
            ("title", pack.issuer_titles), ("body_noun", pack.body_nouns),
            ("blocker", pack.blockers), ("neg_blocker", pack.negative_blockers),
            ("statute", pack.statute_openers),
        ):
            add(label, words)
        for role, words in pack.attach_labels.items():
            add(f"attach:{role}", words)
        # Matcher patterns run on windows: those that must start a sentence on
        # its first words, those that must end it on its last ones.
        self.matchers = {where: WindowedMatcher(nlp) for where in Position}
        for i, entry in enumerate(pack.patterns):
            self.matchers[entry.position].add(f"pattern:{i}", list(entry.pattern), entry.greedy)

    def __call__(self, doc: Doc) -> Doc:
        vocab = doc.vocab.strings
        spans = []
        for m, s, e in self.phrases(doc):
            label = vocab[m]
            if label in self.suffixed:
                # "کرنا ہوگا": the word before the auxiliary must end so
                suffixes, not_words = self.suffixed[label]
                if s == 0 or not doc[s - 1].text.endswith(suffixes) or doc[s - 1].text in not_words:
                    continue
                s -= 1
            spans.append(Span(doc, s, e, label=label))
        if len(self.matchers[Position.ANY]):
            spans += [Span(doc, s, e, label=vocab[m]) for m, s, e in self.matchers[Position.ANY](doc)]
        starts = doc.user_data.get(SENTS_KEY) or [0]
        ends = starts[1:] + [len(doc)]
        if len(self.matchers[Position.START]):
            spans += [Span(doc, s, e, label=vocab[m]) for m, s, e in self.matchers[Position.START](doc)
                      if s - starts[bisect.bisect_right(starts, s) - 1] < WINDOW]
        if len(self.matchers[Position.END]):
            spans += [Span(doc, s, e, label=vocab[m]) for m, s, e in self.matchers[Position.END](doc)
                      if ends[bisect.bisect_right(starts, e - 1) - 1] - e < WINDOW]
        doc.spans[SPAN_KEY] = SpanGroup(doc, name=SPAN_KEY, spans=spans)
        return doc


_LITERAL_ATTRS = {"TEXT": 0, "ORTH": 0, "LOWER": 1}  # column of the (ORTH, LOWER) array


def _span_of(op) -> tuple[int, int | None]:
    """Least and most tokens a pattern token with operator `op` consumes (None: no bound)."""
    if op in (None, "!"):
        return (1 if op is None else 0), 1
    if op == "?":
        return 0, 1
    if op in ("*", "+"):
        return (1 if op == "+" else 0), None
    low, _, high = op.strip("{}").partition(",")
    if "," not in op:
        return int(low), int(low)
    return int(low or 0), (int(high) if high else None)


class WindowedMatcher:
    """A spaCy Matcher run only on windows of the doc around each pattern's
    rarest required word, with the matches spaCy's Matcher gives on the whole
    doc, in its order.

    Every pattern of a pack has a word it cannot match without (a token of
    TEXT or LOWER literals that is not optional); a match lies within as many
    tokens of it as the pattern's tokens before and after it may take. The
    required token whose words are fewest in the doc is looked up in the
    doc's arrays; the Matcher runs on the merged windows of those reaches,
    one token more either side, around those words. Windows do not overlap,
    so a match is found in its window exactly as in the doc (no state of a
    pattern can outlive a window once it has passed its word), and
    spaCy's greedy filtering, which only compares overlapping matches of one
    key, keeps the same ones. A pattern without such a word, or of unbounded
    length, makes the whole doc the window."""

    def __init__(self, nlp: Language):
        self.matcher = Matcher(nlp.vocab)
        self.strings = nlp.vocab.strings
        # per pattern, its required tokens: (column, hashes, tokens before it, tokens after it)
        self.required: list[list[tuple[int, list[int], int, int]]] = []
        self.literals: tuple[set[int], set[int]] = (set(), set())  # every hash of the choices, per column
        self.arrays: tuple[numpy.ndarray, ...] = ()  # the literals as arrays
        self.bounded = True  # False: a pattern without a required word or of unbounded length
        self.greedy: set[int] = set()

    def __len__(self) -> int:
        return len(self.matcher)

    def add(self, label: str, pattern: list[dict], greedy: str | None) -> None:
        self.matcher.add(label, [pattern], greedy=greedy)
        if greedy:
            self.greedy.add(self.strings.add(label))
        spans = [_span_of(token.get("OP")) for token in pattern]
        if any(upto is None for _, upto in spans):
            self.bounded = False
            return
        choices = []
        for i, token in enumerate(pattern):
            for attr, column in _LITERAL_ATTRS.items():
                value = token.get(attr)
                words = [value] if isinstance(value, str) else value.get("IN") if isinstance(value, dict) else None
                if spans[i][0] and words and (len(value) == 1 if isinstance(value, dict) else True):
                    hashes = [self.strings.add(w) for w in words]
                    choices.append((column, hashes, sum(upto for _, upto in spans[:i]),
                                    sum(upto for _, upto in spans[i + 1:])))
                    self.literals[column].update(hashes)
        self.required.append(choices)
        self.bounded = self.bounded and bool(choices)
        self.arrays = tuple(numpy.fromiter(literals, dtype=numpy.uint64) for literals in self.literals)

    def windows(self, doc: Doc) -> list[tuple[int, int]]:
        if not self.bounded:
            return [(0, len(doc))]
        table = doc.to_array([ORTH, LOWER])
        where: tuple[dict[int, list[int]], dict[int, list[int]]] = ({}, {})  # hash -> its positions, per column
        for column, literals in enumerate(self.arrays):
            if len(literals):
                values = table[:, column]
                found = numpy.flatnonzero(numpy.isin(values, literals))
                for p, value in zip(found.tolist(), values[found].tolist()):
                    where[column].setdefault(value, []).append(p)
        spans = set()
        for choices in self.required:
            positions, before, after = min((([p for h in hashes for p in where[column].get(h, ())], before, after)
                                            for column, hashes, before, after in choices), key=lambda c: len(c[0]))
            spans.update((max(0, p - before - 1), min(len(doc), p + after + 2)) for p in positions)
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        windows = self.windows(doc)
        if windows == [(0, len(doc))]:
            return self.matcher(doc)
        plain, keys, kept = [], [], {}
        for start, end in windows:
            for key, s, e in self.matcher(doc[start:end]):
                if key in self.greedy:
                    if key not in kept:
                        keys.append(key)
                        kept[key] = []
                    kept[key].append((key, s + start, e + start))
                else:
                    plain.append((key, s + start, e + start))
        for key in keys:  # spaCy lists a greedy key's matches longest first, then by start
            plain += sorted(kept[key], key=lambda m: (m[2] - m[1], -m[1]), reverse=True)
        return plain


@Language.factory("docket_sentences", default_config={"lang": "en"})
def _make_sentences(nlp: Language, name: str, lang: str) -> SentenceRules:
    return SentenceRules(nlp, load_pack(lang))


@Language.factory("docket_cues", default_config={"lang": "en"})
def _make_cues(nlp: Language, name: str, lang: str) -> CueMatcher:
    return CueMatcher(nlp, load_pack(lang))


@functools.lru_cache(maxsize=None)
def build_nlp(code: str) -> Language:
    """A blank spaCy pipeline for one pack, built once per process."""
    pack = load_pack(code)
    nlp = spacy.blank(pack.spacy_lang)
    nlp.max_length = 10**8  # blocks are lines; docket splits overlong ones itself
    split_glued_terminators(nlp, pack)  # before the guard, which wraps the tokenizer
    guard(nlp)  # no quadratic tokenizing of punctuation runs (tokenizer_guard.py)
    nlp.add_pipe("docket_sentences", config={"lang": code})
    nlp.add_pipe("docket_cues", config={"lang": code})
    return nlp


def split_glued_terminators(nlp: Language, pack: LanguagePack) -> None:
    """A terminator glued to the next word ("...2025.The chair", "کی جائے۔چیف")
    is a token of its own, so the sentence rules see it; offsets stay as
    they are. Only after a word of two letters or a digit and before a word
    of two letters: "e.g", "U.S", "3.5" and "gov.vn" keep their stops inside
    (and a stop before a lower-case word ends no sentence anyway)."""
    marks = "".join(re.escape(t) for t in sorted(pack.terminators) if len(t) == 1)
    if not marks:
        return
    glued = rf"(?<=[^\W_][^\W\d_]|[^\W_]\d)[{marks}](?=[^\W\d_]{{2}})"
    nlp.tokenizer.infix_finditer = compile_infix_regex([*(nlp.Defaults.infixes or []), glued]).finditer


class NumberIndex:
    """Positions of number-like tokens in a doc, read from one array."""

    def __init__(self, doc: Doc):
        self.positions = numpy.flatnonzero(doc.to_array(LIKE_NUM)).tolist()
        doc.user_data[NUMBERS_KEY] = self

    @staticmethod
    def of(doc: Doc) -> "NumberIndex":
        return doc.user_data.get(NUMBERS_KEY) or NumberIndex(doc)

    def within(self, start: int, end: int) -> list[int]:
        lo = bisect.bisect_left(self.positions, start)
        hi = bisect.bisect_left(self.positions, end)
        return self.positions[lo:hi]
