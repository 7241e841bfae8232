"""A bound on what one run of text without spaces may cost spaCy's tokenizer.

spaCy's tokenizer splits text at whitespace, then peels prefixes, suffixes and
infixes off each whitespace-free run one at a time, running its affix regular
expressions over what is left of the run each time: a run that splits into n
tokens costs about n times its length. Words and URLs split into a handful of
tokens, but a run of punctuation does not: `"[" * 16000` is 16,000 tokens and
takes spaCy close to a minute, and time grows with the square of the length.

`GuardedTokenizer` wraps a pipeline's tokenizer. Text without such a run
(every real document docket has seen) goes to the original tokenizer as it is,
so its Doc is exactly what it was. A run with more than MAX_SPLIT_CHARS
characters that are not letters or digits is cut into pieces of PIECE_CHARS
characters, each tokenized on its own; the text around it is tokenized as
before. The Doc is built from the tokens' words and spaces (with the norms
the tokenizer's special cases set), so `Doc.text` is the input text character
for character and every offset stays right. Cost: linear in the text's length.
"""
from __future__ import annotations

import re
from typing import Callable, Iterator

import numpy
from spacy.attrs import NORM
from spacy.tokens import Doc
from spacy.vocab import Vocab

# A run whose non-word characters are more than this is cut into pieces. Real
# text stays far below: the longest URLs in minutes hold a few dozen.
MAX_SPLIT_CHARS = 64
# The length of each piece of a cut run (each costs at most PIECE_CHARS**2).
PIECE_CHARS = 32
# Runs shorter than this cannot hold MAX_SPLIT_CHARS non-word characters.
_LONG_RUN = re.compile(rf"(?<!\S)\S{{{MAX_SPLIT_CHARS + 1},}}")
_WORD_CHARS = re.compile(r"[^\W_]+")

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
        if not cuts:
            return self.tokenizer(text)
        words: list[str] = []
        spaces: list[bool] = []
        norms: list[numpy.ndarray] = []
        for piece in self._pieces(text, cuts):
            doc = self.tokenizer(piece)
            words += [token.text for token in doc]
            spaces += [bool(token.whitespace_) for token in doc]
            norms.append(doc.to_array([NORM]))
        doc = Doc(self.vocab, words=words, spaces=spaces)
        if words:
            doc.from_array([NORM], numpy.concatenate(norms).reshape(-1, 1))
        assert doc.text == text  # the pieces are consecutive slices of `text`
        return doc

    @staticmethod
    def _pathological_runs(text: str) -> Iterator[tuple[int, int, int]]:
        """(start, end, end with the single space after the run) of each run
        to cut: the run's last token keeps that space, as it would uncut."""
        for match in _LONG_RUN.finditer(text):
            if is_pathological(match[0]):
                end = match.end()
                yield match.start(), end, end + 1 if text[end:end + 1] == " " else end

    @staticmethod
    def _pieces(text: str, cuts: list[tuple[int, int, int]]) -> Iterator[str]:
        """`text` as consecutive slices: the stretches between cut runs whole,
        each cut run in PIECE_CHARS-character pieces (the last one with the
        space after the run)."""
        position = 0
        for start, end, after in cuts:
            if start > position:
                yield text[position:start]
            for piece in range(start, end, PIECE_CHARS):
                yield text[piece:after if piece + PIECE_CHARS >= end else piece + PIECE_CHARS]
            position = after
        if position < len(text):
            yield text[position:]

    # What spaCy asks of a tokenizer beyond calling it.
    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str):
        return getattr(self.tokenizer, name)


def guard(nlp) -> None:
    """Put the guard around `nlp`'s tokenizer."""
    if not isinstance(nlp.tokenizer, GuardedTokenizer):
        nlp.tokenizer = GuardedTokenizer(nlp.tokenizer, nlp.vocab)
