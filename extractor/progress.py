"""Progress statements: the sentences of a report that say a task was done,
is under way, or is still where it was (docket reconcile).

A document is read as the extractor reads it (normalized, cut into lines,
a line into sentences by the pack's sentence rules), then each sentence
into clauses at the pack's clause splitters and the `breaks` of its
progress.yml. A clause is a statement when a marker of progress.yml stands
in it; its kind is decided so:

- a holding marker (pending, negated, future, assigned) keeps it from
  changing anything: "is still pending", "has not yet", "will";
- else `under_way` outweighs `done` ("work has started" is under way,
  though "has started" is also a perfect), and so does a share short of
  the whole written with the pack's percent sign ("80% đã rà soát");
- a marker lying inside a longer marker of another kind gives way to it
  ("bàn giao" hands over, its "giao" assigns nothing), except that a
  holding marker gives way to no pattern ("was asked"); and none counts
  inside a `not_markers` phrase ("giao thông" is traffic), nor one that
  opens with a capital inside the sentence (a name: "Cần Thơ").

All the words are the pack's; this module names none. `words()` gives the
words of any text (an item's action, a body's name) the way a statement's
words are given, so that models/reconcile.py compares like with like; a
statement is a models.reconcile.Said.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Span

from docket.extractor import lines
from docket.extractor.lang import load_pack, pack_folder, read_file
from docket.extractor.nlp import build_nlp, fold, sentences
from docket.extractor.normalize import normalize
from docket.extractor.schema import ProgressKind
from docket.models.items import Document
from docket.models.reconcile import Said, Rule

PROGRESS_FILE = "progress.yml"
BREAK = "break"
NOT_MARKER = "not"
STATUS = {ProgressKind.DONE: "done", ProgressKind.UNDER_WAY: "in-progress"}  # what a statement proposes


@dataclass
class ProgressReader:
    """One language's statement finder, built once."""

    code: str
    rule: Rule = field(init=False)

    def __post_init__(self) -> None:
        pack = load_pack(self.code)
        data = read_file(pack_folder(self.code), PROGRESS_FILE)
        self.pack = pack
        self.nlp = build_nlp(self.code)
        self.phrases = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.patterns = Matcher(self.nlp.vocab)
        for i, marker in enumerate(data["markers"]):
            label = f"{marker.kind.value}:{i}"
            if marker.phrases:
                self.phrases.add(label, [self.nlp.make_doc(fold(p, pack)) for p in marker.phrases])
            if marker.patterns:
                self.patterns.add(label, [list(p) for p in marker.patterns])
        for label, phrases in ((BREAK, data["breaks"]), (NOT_MARKER, data["not_markers"])):
            if phrases:
                self.phrases.add(label, [self.nlp.make_doc(fold(p, pack)) for p in phrases])
        self.splitters = set(pack.clause_splitters)
        progress = {fold(p, pack) for m in data["markers"] if not m.kind.holds for p in m.phrases if " " not in p}
        self.rule = Rule(frozenset(fold(w, pack) for w in data["ignore"]), frozenset(progress),
                         frozenset(fold(w, pack) for w in pack.scoring_function_words),
                         data["stem"], data["stem_slack"])

    # -- words ---------------------------------------------------------------
    def words(self, text: str) -> tuple[str, ...]:
        """The words of a text, folded and lower-cased, without punctuation."""
        doc = self.nlp.make_doc(fold(normalize(text, self.pack.char_map).text, self.pack))
        return tuple(t.lower_ for t in doc if not (t.is_punct or t.is_space))

    # -- statements ----------------------------------------------------------
    def statements(self, document: Document) -> list[Said]:
        """The progress statements of a document, in reading order."""
        norm = normalize(document.text, self.pack.char_map)
        blocks = lines.blocks(document, norm, self.pack)
        texts = [norm.text[b.start:b.end] for b in blocks]
        found: list[Said] = []
        strings = self.nlp.vocab.strings
        for doc in self.nlp.pipe(texts, disable=["docket_cues"]):  # the sentence rules only
            phrases = [(strings[m], s, e) for m, s, e in self.phrases(doc)]
            shapes = [(strings[m], s, e) for m, s, e in self.patterns(doc)]
            for sentence in sentences(doc):
                found += self._sentence(sentence, phrases, shapes)
        return found

    def _sentence(self, sentence: Span, all_phrases: list[tuple[str, int, int]],
                  all_shapes: list[tuple[str, int, int]]) -> list[Said]:
        """The statements of one sentence, given the doc's phrase and pattern matches."""
        doc = sentence.doc
        phrases = [m for m in all_phrases if m[1] >= sentence.start and m[2] <= sentence.end]
        shapes = [m for m in all_shapes if m[1] >= sentence.start and m[2] <= sentence.end]
        matches = phrases + shapes
        cuts = sorted({s for label, s, _ in matches if label == BREAK}
                      | {t.i for t in sentence if t.text in self.splitters})
        bounds = [sentence.start, *[c for c in cuts if c > sentence.start], sentence.end]
        markers = [(ProgressKind(label.split(":")[0]), s, e, source is phrases)
                   for source in (phrases, shapes) for label, s, e in source
                   if label not in (BREAK, NOT_MARKER) and (s == sentence.start or not doc[s].is_title)
                   and not any(n == NOT_MARKER and ns <= s and e <= ne for n, ns, ne in phrases)]
        text = " ".join(sentence.text.split())
        found = []
        for a, b in zip(bounds, bounds[1:]):
            inside = _standing([m for m in markers if m[1] >= a and m[2] <= b])
            if not inside:
                continue
            kinds = {m[0] for m in inside}
            kind = next((k for k in ProgressKind if k.holds and k in kinds), None) or (
                ProgressKind.UNDER_WAY if ProgressKind.UNDER_WAY in kinds else ProgressKind.DONE)
            clause = doc[a:b]
            if kind is ProgressKind.DONE and _partial(clause, self.pack.percent):
                kind = ProgressKind.UNDER_WAY
            marked = {i for m in inside for i in range(m[1], m[2])}
            found.append(Said(
                text, " ".join(clause.text.split()), kind.value, STATUS.get(kind),
                tuple(t.lower_ for t in clause if not (t.is_punct or t.is_space)),
                tuple(doc[m[1]:m[2]].text for m in sorted(inside, key=lambda m: m[1]) if m[0] is kind),
                tuple(t.lower_ for t in clause if not (t.is_punct or t.is_space or t.i in marked))))
        return found


def _partial(clause: Span, percent: set[str]) -> bool:
    """A share short of the whole ("80% of the files reviewed"): under way, not done."""
    return any(t.text in percent and t.i > clause.start and t.nbor(-1).like_num
               and t.nbor(-1).text.replace(",", ".") not in ("100", "100.0") for t in clause)


Marker = tuple[ProgressKind, int, int, bool]  # kind, start, end, written as a phrase (not a pattern)


def _standing(markers: list[Marker]) -> list[Marker]:
    """Markers not lying inside a longer one of another kind. A holding
    marker gives way only to a phrase, written word for word ("bàn giao"),
    never to a pattern's shape: "was asked" is a passive, and still asks."""
    def inside(m: Marker) -> bool:
        return any(o[0] is not m[0] and o[1] <= m[1] and m[2] <= o[2] and (o[2] - o[1]) > (m[2] - m[1])
                   and (o[3] or not m[0].holds) for o in markers)
    return [m for m in markers if not inside(m)]


@functools.lru_cache(maxsize=None)
def progress_reader(code: str) -> ProgressReader:
    return ProgressReader(code)
