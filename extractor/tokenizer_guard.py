"""A bound on what one run of text without spaces may cost spaCy's tokenizer.

spaCy's tokenizer splits text at whitespace, then peels prefixes, suffixes and
infixes off each whitespace-free run one at a time, running its affix regular
expressions over what is left of the run each time: a run that splits into n
tokens costs about n times its length. Words and URLs split into a handful of
tokens, but a run of punctuation does not: `"[" * 16000` is 16,000 tokens and
takes spaCy close to a minute, and time grows with the square of the length.

`GuardedTokenizer` wraps a pipeline's tokenizer. A line without such a run
(every real document docket has seen) goes to the original tokenizer as it is.
A run with more than MAX_SPLIT_CHARS characters that are not letters or
digits is cut into pieces of PIECE_CHARS characters, each tokenized on its
own; the text around it is tokenized as before. The Doc is built from the
tokens' words and spaces (with the norms the tokenizer's special cases set),
so `Doc.text` is the input text character for character and every offset
stays right. Cost: linear in the text's length.

The wrapper also feeds spaCy one line at a time: a text of several lines is
cut where a line starts (after a line break, before a character that is not
a space) and the lines' tokens are joined into one Doc. spaCy tokenizes each
stretch between a change from space to non-space on its own, so the tokens
are the same as for the whole text; but its tokenizer stops caching words for
the rest of a text once a special case has matched (tokenizer.pyx
`_save_cached`), and a line break is one ("\n" is a special case), so in a
text of many lines nearly every word was split again, affix by affix, every
time it was seen. Fed line by line, the words of a line are cached.
"""
from __future__ import annotations

import re
from typing import Callable, Iterator

import numpy
from spacy.attrs import NORM, ORTH, SPACY
from spacy.tokens import Doc
from spacy.vocab import Vocab

# A run whose non-word characters are more than this is cut into pieces. Real
# text stays far below: the longest URLs in minutes hold a few dozen.
MAX_SPLIT_CHARS = 64
# The length of each piece of a cut run (each costs at most PIECE_CHARS**2).
PIECE_CHARS = 32
# Runs shorter than this cannot hold MAX_SPLIT_CHARS non-word characters.
# A run is found with the space before it (or at the text's start): a pattern
# opening with a class is scanned for that class's characters in one fast loop,
# where a lookbehind ("(?<!\S)") is tried at every character.
_LONG_RUN = re.compile(rf"\s\S{{{MAX_SPLIT_CHARS + 1},}}")
_LONG_FIRST_RUN = re.compile(rf"\S{{{MAX_SPLIT_CHARS + 1},}}")
_WORD_CHARS = re.compile(r"[^\W_]+")
# Where a line starts: after a line break, at a character that is not a space
# (the end of this match; a lookbehind at every character costs five times more).
_LINE_START = re.compile(r"\n(?=\S)")

Tokenizer = Callable[[str], Doc]


def is_pathological(run: str) -> bool:
    """Whether a whitespace-free run holds so many punctuation or symbol
    characters (each a possible token) that spaCy would take quadratic time."""
    return len(run) - sum(map(len, _WORD_CHARS.findall(run))) > MAX_SPLIT_CHARS


class GuardedTokenizer:
    """Call as the pipeline's tokenizer; see the module docstring."""

    def __init__(self, tokenizer: Tokenizer, vocab: Vocab):
        self.tokenizer = tokenizer
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        cuts = list(self._pathological_runs(text))
        if not cuts and "\n" not in text:
            return self.tokenizer(text)
        pieces = list(self._pieces(text, cuts))
        if len(pieces) == 1:
            return self.tokenizer(text)
        # each piece's words (as ids), spaces and norms, read as arrays: no Token objects
        tokens = numpy.concatenate([self.tokenizer(piece).to_array([ORTH, SPACY, NORM]) for piece in pieces])
        doc = Doc(self.vocab, words=tokens[:, 0].tolist(), spaces=tokens[:, 1].astype(bool).tolist())
        if len(tokens):
            doc.from_array([NORM], tokens[:, 2:3])
        assert not cuts or doc.text == text  # the pieces are consecutive slices of `text`
        return doc

    @staticmethod
    def _pathological_runs(text: str) -> Iterator[tuple[int, int, int]]:
        """(start, end, end with the single space after the run) of each run
        to cut: the run's last token keeps that space, as it would uncut."""
        first = _LONG_FIRST_RUN.match(text)
        spans = [first.span()] if first else []
        spans += [(match.start() + 1, match.end()) for match in _LONG_RUN.finditer(text)]
        for start, end in spans:
            if is_pathological(text[start:end]):
                yield start, end, end + 1 if text[end:end + 1] == " " else end

    @staticmethod
    def _pieces(text: str, cuts: list[tuple[int, int, int]]) -> Iterator[str]:
        """`text` as consecutive slices: the stretches between cut runs whole,
        each cut run in PIECE_CHARS-character pieces (the last one with the
        space after the run)."""
        position = 0
        for start, end, after in cuts:
            if start > position:
                yield from _lines(text, position, start)
            for piece in range(start, end, PIECE_CHARS):
                yield text[piece:after if piece + PIECE_CHARS >= end else piece + PIECE_CHARS]
            position = after
        if position < len(text):
            yield from _lines(text, position, len(text))

    # What spaCy asks of a tokenizer beyond calling it.
    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str):
        return getattr(self.tokenizer, name)


def _lines(text: str, start: int, end: int) -> Iterator[str]:
    """`text[start:end]` as consecutive slices, one per line (a line's
    slice ends with its line break and any spaces after it)."""
    position = start
    for match in _LINE_START.finditer(text, start, end):
        if match.end() > position:
            yield text[position:match.end()]
            position = match.end()
    if position < end:
        yield text[position:end]


def guard(nlp) -> None:
    """Put the guard around `nlp`'s tokenizer."""
    if not isinstance(nlp.tokenizer, GuardedTokenizer):
        nlp.tokenizer = GuardedTokenizer(nlp.tokenizer, nlp.vocab)
