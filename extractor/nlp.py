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
import itertools
import re
import unicodedata
from typing import Callable

import numpy
import spacy
from spacy.attrs import IS_SPACE, LIKE_NUM, LOWER, ORTH, SENT_START
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, SpanGroup
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from docket.extractor.lang import LanguagePack, load_pack
from docket.extractor.schema import Position
from docket.extractor.startup import long_lived
from docket.extractor.tokenizer_guard import guard

SPAN_KEY = "docket"
SENTS_KEY = "docket_sentence_starts"
TEXT_KEY = "docket_text"  # the doc's text as a str, kept by the extractor
NUMBERS_KEY = "docket_numbers"
BUILT_KEY = "docket_spans_built"  # the docket_cues spans as the component built them, until taken
NOT_START = numpy.uint64(2**64 - 1)  # -1 as spaCy stores it: "not a sentence start"
WINDOW = 12  # tokens at a sentence's start or end where positioned patterns may match
FEW_WORDS = 4  # positions_in compares the array with each word up to this many (measured: faster below 8)
SUBSETS = 64  # Matchers of some of a WindowedMatcher's patterns kept, at most


def positions_in(ids: numpy.ndarray, words: numpy.ndarray) -> numpy.ndarray:
    """The positions of `ids` that hold one of `words` (a sorted uint64 array).
    numpy.isin sorts the doc's ids with the words at every call; a binary
    search of the words for each id costs less, and for a handful of words
    one comparison of the whole array per word less still."""
    if len(words) <= FEW_WORDS:
        found = numpy.zeros(len(ids), dtype=bool)
        for word in words:
            found |= ids == word
        return numpy.flatnonzero(found)
    at = numpy.minimum(numpy.searchsorted(words, ids), len(words) - 1)
    return numpy.flatnonzero(words[at] == ids)


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
        self.enders = numpy.array(sorted(strings.add(t) for t in pack.terminators), dtype=numpy.uint64)
        self.terminators = pack.terminators
        self.titles = pack.titles
        self.before_number = pack.before_number
        self.closers = pack.closers | set(pack.terminators)
        self.runon = (pack.runon_words, pack.runon_joiners)
        self.pauses = {strings.add(t) for t in pack.pauses}
        # the words, as ids, looked up in a doc's array of ids
        self.runon_enders = numpy.array(sorted(strings.add(t) for t in pack.runon_enders), dtype=numpy.uint64)
        self.pause_ids = numpy.array(sorted(self.pauses), dtype=numpy.uint64)

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

    def _runon_starts(self, doc: Doc, starts: list[int], orth: numpy.ndarray) -> list[int]:
        """Speech reported with no stops ("... کریں محکمہ صحت ... کرے"): a
        stretch longer than the pack's limit, with no pause in it either,
        also ends after a verb-final word when no auxiliary, conjunction or
        postposition follows it. (A stretch with commas is punctuated: its
        writer chose where it ends.)"""
        limit, joiners = self.runon
        pauses = positions_in(orth, self.pause_ids).tolist()
        enders = positions_in(orth, self.runon_enders).tolist()
        found = []
        for a, b in zip(starts, starts[1:] + [len(doc)]):
            found.append(a)
            if b - a <= limit:
                continue
            after_a = bisect.bisect_left(pauses, a)
            if after_a < len(pauses) and pauses[after_a] < b:
                continue  # a pause between a and b
            last = a
            for i in enders[bisect.bisect_left(enders, a + 1):bisect.bisect_left(enders, b - 1)]:
                if i - last <= 2:
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
        for i in positions_in(orth[:-1], self.enders).tolist():
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
            starts = self._runon_starts(doc, starts, orth)
        # one array write: setting Token.is_sent_start token by token re-checks
        # the whole doc's annotation each time
        flags = numpy.full((n, 1), NOT_START, dtype="uint64")
        flags[starts, 0] = 1
        doc.from_array([SENT_START], flags)
        doc.user_data[SENTS_KEY] = starts
        return doc


LOWER_KEY = "docket.lower"
# The strings of the lowered-word ids seen so far. A StringStore lookup
# decodes a new str at every call; a document repeats most of its words, and
# the next one most of the last one's. An id is the hash of its string in
# every vocab, so one table serves them all. Cleared when it holds this many.
MAX_WORD_STRINGS = 100_000
_word_strings: dict[int, str] = {}


def lower_words(doc) -> list[str]:
    """The doc's lowered words, computed once per Doc: the rules look words
    up by index many times per clause, and each `doc[k]` builds a Token."""
    words = doc.user_data.get(LOWER_KEY)
    if words is None or len(words) != len(doc):
        # read as one array of string ids: token.lower_ is the same string, at a Token per word
        ids = doc.to_array(LOWER).tolist()
        try:
            words = list(map(_word_strings.__getitem__, ids))
        except KeyError:  # a word not seen yet
            missing = set(ids).difference(_word_strings)
            if len(_word_strings) + len(missing) > MAX_WORD_STRINGS:
                _word_strings.clear()
                missing = set(ids)
            strings = doc.vocab.strings
            _word_strings.update((i, strings[i]) for i in missing)
            words = list(map(_word_strings.__getitem__, ids))
        doc.user_data[LOWER_KEY] = words
    return words


def doc_lower(doc):
    return lower_words(doc).__getitem__


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

        self.suffixed: dict[int, tuple[tuple[str, ...], set[str]]] = {}  # by the label's id
        for i, cue in enumerate(pack.cues):
            add(f"cue:{i}", cue.phrases)
            if cue.previous_suffix:
                self.suffixed[nlp.vocab.strings.add(f"cue:{i}")] = (tuple(fold(x, pack) for x in cue.previous_suffix),
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
        self.matchers = {where: WindowedMatcher(nlp, where) for where in Position}
        for i, entry in enumerate(pack.patterns):
            self.matchers[entry.position].add(f"pattern:{i}", list(entry.pattern), entry.greedy)

    def __call__(self, doc: Doc) -> Doc:
        spans = []  # labelled by id: a label's string is looked up only when read
        for m, s, e in self.phrases(doc):
            if m in self.suffixed:
                # "کرنا ہوگا": the word before the auxiliary must end so
                suffixes, not_words = self.suffixed[m]
                if s == 0 or not doc[s - 1].text.endswith(suffixes) or doc[s - 1].text in not_words:
                    continue
                s -= 1
            spans.append(Span(doc, s, e, label=m))
        for matcher in self.matchers.values():
            if len(matcher):
                spans += [Span(doc, s, e, label=m) for m, s, e in matcher(doc)]
        doc.spans[SPAN_KEY] = SpanGroup(doc, name=SPAN_KEY, spans=spans)
        doc.user_data[BUILT_KEY] = spans
        return doc


def take_cue_spans(doc: Doc) -> list[Span]:
    """The spans of `doc.spans["docket"]`, in order. The first call takes the
    list the component built: a SpanGroup makes a new Span of each of its
    spans at every read, at more than the Span cost to build. Taken, not
    kept: a list of the doc's spans in the doc's user_data is a reference
    cycle. Later calls read the group."""
    built = doc.user_data.pop(BUILT_KEY, None)
    return list(doc.spans[SPAN_KEY]) if built is None else built


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
    doc that lie where the matcher's Position wants them (ANY: anywhere;
    START: starting within WINDOW tokens of a sentence's start; END: ending
    within WINDOW tokens of its end), in spaCy's order.

    Every pattern of a pack has a word it cannot match without (a token of
    TEXT or LOWER literals that is not optional); a match lies within as many
    tokens of it as the pattern's tokens before and after it may take. The
    required token whose words are fewest in the doc is looked up in the
    doc's arrays; the Matcher runs on the merged windows of those reaches,
    one token more either side, around those words. A word gets no window
    when no match around it can be kept: another required word of the
    pattern is missing from its reach, or (a pattern that is not greedy) its
    reach cannot start or end where the Position wants. Windows do not
    overlap, so a match is found in its window exactly as in the doc (no
    state of a pattern can outlive a window once it has passed its word),
    and spaCy's greedy filtering, which only compares overlapping matches of
    one key, keeps the same ones. A window runs only the patterns that gave
    it (a Matcher of those, added in the same order: spaCy's states of one
    pattern never touch another's, so their matches come in the same order
    as from the whole Matcher). A pattern without such a word, or of
    unbounded length, makes the whole doc the window."""

    def __init__(self, nlp: Language, position: Position = Position.ANY):
        self.matcher = Matcher(nlp.vocab)
        self.strings = nlp.vocab.strings
        self.position = position
        # per pattern, its required tokens: (column, hashes, tokens before it, tokens after it)
        self.required: list[list[tuple[int, frozenset[int], int, int]]] = []
        self.placed_only: list[bool] = []  # per pattern: windows only where a placed match may lie
        # per pattern, its required tokens as (column, hashes) keys; per column, the
        # keys each word gives: a doc's words tell at once which keys it has
        self.needs: list[frozenset[tuple[int, frozenset[int]]]] = []
        self.keys_of: tuple[dict[int, set], dict[int, set]] = ({}, {})
        self.literals: tuple[set[int], set[int]] = (set(), set())  # every hash of the choices, per column
        self.arrays: tuple[numpy.ndarray, ...] = ()  # the literals as sorted arrays
        self.bounded = True  # False: a pattern without a required word or of unbounded length
        self.greedy: set[int] = set()
        self.patterns: list[tuple[str, list[dict], str | None]] = []  # as added
        self.subsets: dict[frozenset[int], Matcher] = {}  # a Matcher of some patterns only

    def __len__(self) -> int:
        return len(self.matcher)

    def add(self, label: str, pattern: list[dict], greedy: str | None) -> None:
        self.matcher.add(label, [pattern], greedy=greedy)
        self.patterns.append((label, pattern, greedy))
        self.subsets.clear()
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
                    hashes = frozenset(self.strings.add(w) for w in words)
                    choices.append((column, hashes, sum(upto for _, upto in spans[:i]),
                                    sum(upto for _, upto in spans[i + 1:])))
                    self.literals[column].update(hashes)
                    for word in hashes:
                        self.keys_of[column].setdefault(word, set()).add((column, hashes))
        self.required.append(choices)
        self.needs.append(frozenset((column, hashes) for column, hashes, _, _ in choices))
        # a greedy pattern's unplaced match may still hide a placed one it overlaps
        self.placed_only.append(not greedy and self.position is not Position.ANY)
        self.bounded = self.bounded and bool(choices)
        self.arrays = tuple(numpy.sort(numpy.fromiter(literals, dtype=numpy.uint64)) for literals in self.literals)

    def placed(self, starts: list[int], length: int, start: int, end: int) -> bool:
        """Whether a match from `start` to `end` lies where the Position wants it,
        given the doc's sentence starts."""
        if self.position is Position.START:
            return start - starts[bisect.bisect_right(starts, start) - 1] < WINDOW
        if self.position is Position.END:
            after = bisect.bisect_right(starts, end - 1)
            return (starts[after] if after < len(starts) else length) - end < WINDOW
        return True

    def _may_place(self, starts: list[int], length: int, p: int, before: int, after: int) -> bool:
        """Whether a match holding token p, with at most `before` tokens
        before it and `after` after it, could be placed: a sentence starts
        within WINDOW tokens before a start it may take (START), or ends
        within WINDOW tokens after an end it may take (END)."""
        if self.position is Position.START:
            return starts[bisect.bisect_right(starts, p) - 1] > p - before - WINDOW
        if self.position is Position.END:
            after_p = bisect.bisect_left(starts, p + 1)
            return (starts[after_p] if after_p < len(starts) else length) < p + after + 1 + WINDOW
        return True

    def windows(self, doc: Doc) -> list[tuple[int, int]]:
        return [(start, end) for start, end, _ in self._windows(doc)]

    def _windows(self, doc: Doc) -> list[tuple[int, int, frozenset[int]]]:
        """The merged windows, each with the patterns that gave it."""
        if not self.bounded:
            return [(0, len(doc), frozenset(range(len(self.patterns))))]
        where: tuple[dict[int, list[int]], dict[int, list[int]]] = ({}, {})  # hash -> its positions, per column
        for column, literals in enumerate(self.arrays):
            if len(literals):
                values = doc.to_array((ORTH, LOWER)[column])  # one contiguous column: faster to search
                found = positions_in(values, literals)
                for p, value in zip(found.tolist(), values[found].tolist()):
                    where[column].setdefault(value, []).append(p)
        present = set()  # the required tokens some word of the doc can match
        for column, words in enumerate(where):
            for word in words:
                present |= self.keys_of[column][word]
        starts = doc.user_data.get(SENTS_KEY) or [0]
        spans = set()
        found_at: dict[tuple[int, frozenset[int]], list[int]] = {}  # patterns share required words

        def positions_of(column: int, hashes: frozenset[int]) -> list[int]:
            """The sorted positions of these words (not to be changed: shared)."""
            if (column, hashes) not in found_at:
                lists = [where[column][h] for h in where[column].keys() & hashes]
                # each list is sorted already
                found_at[column, hashes] = lists[0] if len(lists) == 1 else sorted(itertools.chain(*lists))
            return found_at[column, hashes]

        for pattern, (choices, needs, placed_only) in enumerate(zip(self.required, self.needs, self.placed_only)):
            if not needs <= present:
                continue  # a word the pattern cannot match without is not in the doc
            words = [(positions_of(column, hashes), before, after) for column, hashes, before, after in choices]
            positions, before, after = min(words, key=lambda w: len(w[0]))
            for p in positions:
                low, high = p - before, p + after  # the first and last token a match may take
                if any(bisect.bisect_left(others, low) == bisect.bisect_right(others, high) for others, _, _ in words):
                    continue  # another required word is not within reach
                if placed_only and not self._may_place(starts, len(doc), p, before, after):
                    continue
                spans.add((max(0, low - 1), min(len(doc), high + 2), pattern))
        merged: list[tuple[int, int, frozenset[int]]] = []
        for start, end, pattern in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]), merged[-1][2] | {pattern})
            else:
                merged.append((start, end, frozenset([pattern])))
        return merged

    def _matcher(self, patterns: frozenset[int]) -> Matcher:
        """A Matcher of these patterns only, in the order they were added
        (a window where the others cannot match need not run them); the
        whole one when they are all, or when SUBSETS are built already."""
        if len(patterns) == len(self.patterns):
            return self.matcher
        if patterns not in self.subsets:
            if len(self.subsets) >= SUBSETS:
                return self.matcher
            matcher = self.subsets[patterns] = Matcher(self.matcher.vocab)
            for label, pattern, greedy in (self.patterns[i] for i in sorted(patterns)):
                matcher.add(label, [pattern], greedy=greedy)
        return self.subsets[patterns]


    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        starts = doc.user_data.get(SENTS_KEY) or [0]
        windows = self._windows(doc)
        if [(start, end) for start, end, _ in windows] == [(0, len(doc))]:
            return [m for m in self.matcher(doc) if self.placed(starts, len(doc), m[1], m[2])]
        plain, keys, kept = [], [], {}
        for start, end, patterns in windows:
            for key, s, e in self._matcher(patterns)(doc[start:end]):
                if key in self.greedy:
                    if key not in kept:
                        keys.append(key)
                        kept[key] = []
                    kept[key].append((key, s + start, e + start))
                else:
                    plain.append((key, s + start, e + start))
        for key in keys:  # spaCy lists a greedy key's matches longest first, then by start
            plain += sorted(kept[key], key=lambda m: (m[2] - m[1], -m[1]), reverse=True)
        return [m for m in plain if self.placed(starts, len(doc), m[1], m[2])]


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
    with long_lived():
        # the tokenizer is built with the pack's infixes (docket.Tokenizer.v1):
        # setting infix_finditer afterwards reloads every special case again, a
        # tenth of a second for English at every start
        nlp = spacy.blank(pack.spacy_lang, config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER, "lang": code}}})
        nlp.max_length = 10**8  # blocks are lines; docket splits overlong ones itself
        guard(nlp)  # no quadratic tokenizing of punctuation runs (tokenizer_guard.py)
        nlp.add_pipe("docket_sentences", config={"lang": code})
        nlp.add_pipe("docket_cues", config={"lang": code})
    return nlp


def glued_terminators(pack: LanguagePack) -> list[str]:
    """A terminator glued to the next word ("...2025.The chair", "کی جائے۔چیف")
    is a token of its own, so the sentence rules see it; offsets stay as
    they are. Only after a word of two letters or a digit and before a word
    of two letters: "e.g", "U.S", "3.5" and "gov.vn" keep their stops inside
    (and a stop before a lower-case word ends no sentence anyway). The
    infix pattern, or none when the pack has no one-character terminator."""
    marks = "".join(re.escape(t) for t in sorted(pack.terminators) if len(t) == 1)
    if not marks:
        return []
    return [rf"(?<=[^\W_][^\W\d_]|[^\W_]\d)[{marks}](?=[^\W\d_]{{2}})"]


TOKENIZER = "docket.Tokenizer.v1"


@spacy.registry.tokenizers(TOKENIZER)
def _make_tokenizer(lang: str) -> Callable[[Language], Tokenizer]:
    """spaCy's own tokenizer of the pack's language (spacy.Tokenizer.v1)
    with the pack's glued terminators among its infixes."""

    def make(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        extra = glued_terminators(load_pack(lang))
        infixes = [*(defaults.infixes or []), *extra] if extra else defaults.infixes
        return Tokenizer(
            nlp.vocab,
            rules=defaults.tokenizer_exceptions,
            prefix_search=compile_prefix_regex(defaults.prefixes).search if defaults.prefixes else None,
            suffix_search=compile_suffix_regex(defaults.suffixes).search if defaults.suffixes else None,
            infix_finditer=compile_infix_regex(infixes).finditer if infixes else None,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )

    return make


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
