"""The spaCy side of the extractor: a blank pipeline per language pack with
two rule components.

- `docket_sentences`: sentence rules. A line break always ends a sentence
  (blocks are lines already); a pack's terminators end one unless they close
  a title ("Dr.") or a number abbreviation before a number ("No. 123").
- `docket_cues`: PhraseMatcher and Matcher over the pack's cue, signal and
  pattern data; matches land in `doc.spans["docket"]` labelled
  `cue:<i>`, `neg:<i>`, `urgent`, `recurring`, `opener`, `closer`,
  `title`, `body_noun`, `owner_label`, `due_label` or a pattern's own label.
"""
from __future__ import annotations

import functools
import unicodedata

import spacy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, SpanGroup

from extractor.lang import LanguagePack, load_pack

SPAN_KEY = "docket"


def fold(text: str, pack: LanguagePack) -> str:
    """Fold pack data the way document text is folded before matching."""
    if pack.char_map:
        text = text.translate(str.maketrans(pack.char_map))
    return unicodedata.normalize("NFC", text)


class SentenceRules:
    def __init__(self, pack: LanguagePack):
        self.terminators = pack.terminators
        self.titles = pack.titles
        self.before_number = pack.before_number

    def _ends_sentence(self, doc: Doc, i: int) -> bool:
        """Whether token i ends a sentence (token i+1 exists)."""
        token, nxt = doc[i], doc[i + 1]
        if "\n" in token.text or "\r" in token.text:
            return True
        if token.text not in self.terminators:
            # A title kept whole by the tokenizer ("Dr.") never ends one.
            return False
        if nxt.text in self.terminators or nxt.is_punct and nxt.text in ")]\"'»”’":
            return False
        if i > 0:
            before = doc[i - 1].lower_
            if before in self.titles:
                return False
            if before in self.before_number and (nxt.like_num or nxt.is_digit):
                return False
        if nxt.is_space:
            return False  # the space token's successor starts the sentence
        return not (nxt.is_lower and nxt.is_alpha and token.text == ".")

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        doc[0].is_sent_start = True
        pending = False
        for i in range(len(doc) - 1):
            nxt = doc[i + 1]
            if self._ends_sentence(doc, i) or (pending and not nxt.is_space):
                if nxt.is_space:
                    pending = True
                    nxt.is_sent_start = False
                else:
                    nxt.is_sent_start = True
                    pending = False
            else:
                nxt.is_sent_start = False
        return doc


class CueMatcher:
    def __init__(self, nlp: Language, pack: LanguagePack):
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher = Matcher(nlp.vocab)

        def add(label: str, words) -> None:
            docs = [nlp.make_doc(fold(w, pack)) for w in words if w]
            if docs:
                self.phrases.add(label, docs)

        for i, cue in enumerate(pack.cues):
            add(f"cue:{i}", cue.phrases)
        for i, neg in enumerate(pack.negatives):
            add(f"neg:{i}", neg.phrases)
        for label, words in (
            ("urgent", pack.urgent), ("recurring", pack.recurring),
            ("opener", pack.run_openers), ("closer", pack.run_closers),
            ("title", pack.issuer_titles), ("body_noun", pack.body_nouns),
            ("blocker", pack.blockers),
        ):
            add(label, words)
        for role, words in pack.attach_labels.items():
            add(f"attach:{role}", words)
        for i, entry in enumerate(pack.patterns):
            self.matcher.add(f"pattern:{i}", [entry["pattern"]], greedy=entry.get("greedy"))

    def __call__(self, doc: Doc) -> Doc:
        vocab = doc.vocab.strings
        spans = [Span(doc, s, e, label=vocab[m]) for m, s, e in self.phrases(doc)]
        if len(self.matcher):
            spans += [Span(doc, s, e, label=vocab[m]) for m, s, e in self.matcher(doc)]
        doc.spans[SPAN_KEY] = SpanGroup(doc, name=SPAN_KEY, spans=spans)
        return doc


@Language.factory("docket_sentences", default_config={"lang": "en"})
def _make_sentences(nlp: Language, name: str, lang: str) -> SentenceRules:
    return SentenceRules(load_pack(lang))


@Language.factory("docket_cues", default_config={"lang": "en"})
def _make_cues(nlp: Language, name: str, lang: str) -> CueMatcher:
    return CueMatcher(nlp, load_pack(lang))


@functools.lru_cache(maxsize=None)
def build_nlp(code: str) -> Language:
    """A blank spaCy pipeline for one pack, built once per process."""
    pack = load_pack(code)
    nlp = spacy.blank(pack.spacy_lang)
    nlp.max_length = 10**8  # blocks are lines; docket splits overlong ones itself
    nlp.add_pipe("docket_sentences", config={"lang": code})
    nlp.add_pipe("docket_cues", config={"lang": code})
    return nlp
