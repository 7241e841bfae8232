"""Clauses: the frozen value every later stage reads.

A line's sentences (from the sentence rules) are cut at `;`-like separators
into clauses. Each `Clause` is built once, with everything the stages ask of
it: where its content starts (after bullets, numbering, a speaker, clause
openers) and ends, its cue hits (those the position rules leave live, and the
governing one), its negative signals, its other labels, its speaker.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from docket.extractor.lang import LanguagePack
from docket.extractor.nlp import TEXT_KEY, lower_words, sentences
from docket.extractor.roles import WordPhrases
from docket.extractor.schema import BodySide, CueKind, Position
from docket.models.items import Block

NUMBERING = {".", ")", "/"}
SPEAKER_MARKS = ".-'"  # punctuation a speaker's name may hold
# labels that make a sentence worth reading outside a run of directives
QUICK_LABELS = frozenset({"opener", "attach:owner", "attach:due"})
TRIGGERS = QUICK_LABELS | {"closer"}

CueHit = tuple  # (Cue | Pattern, Span)
FIELD_WORDS = 2  # words after a cue before the colon that makes it a field's name ("Review status:")
MAX_NAME_WORDS = 4  # a self-introduced speaker's name or role ("Project Manager")
TOPIC_DASHES = frozenset({"-", "–", "—"})  # "Signage – Peter to order signs": a topic, then its task
TOPIC_WORDS = 4  # a topic before such a dash is this many capitalised words at most
TIMEBOX_WORDS = 4  # a timebox after a speaker's name ("[5 mins]", "(10m)") holds this many words at most
FRONTED_WORDS = 25  # a fronted purpose or condition ("If the vendor disagrees,") ends within this many words
# Which cue governs a clause: the strongest kind, then the earliest. A request
# or a label names its addressee outright; a modal or an ask obliges its
# subject; a future, a commitment or an imperative is the weakest evidence.
# A request does not outrank a modal: request verbs also stand as participles
# after a noun ("must report on the tasks assigned to them").
STRENGTH = {CueKind.REQUEST: 2, CueKind.LABEL: 2, CueKind.MODAL: 2, CueKind.RESPONSIBILITY: 2,
            CueKind.ASK: 2, CueKind.NAME_TO: 2, CueKind.NAME_DASH: 2,
            CueKind.REPLY: 0}  # a reply governs only a clause with no other cue ("Yes, I will.")


@dataclass(frozen=True)
class Clause:
    span: Span
    content_start: int  # first token after bullets, numbering, speaker, labels
    first: int  # first token after clause openers ("and", "also")
    last: int  # end of the words, closing punctuation left out
    bullet: bool
    speaker: str | None
    time: str | None
    owner_prefix: bool  # "Karen: recruit two volunteers": the prefix owns the task
    cues: tuple[CueHit, ...]  # every cue hit not inside a blocker
    live: tuple[CueHit, ...]  # the hits that the position rules leave standing
    best: CueHit | None  # the governing cue: the earliest live one, the heaviest on a tie
    negatives: tuple[CueHit, ...]
    labels: frozenset[str]
    spans: tuple[Span, ...]  # the other labelled spans (titles, body nouns, attach labels ...)
    body_nouns: frozenset[int]  # token indices inside body-noun spans
    main: int = -1  # first token of the main clause, after a fronted purpose or condition
    conjuncts: tuple[int, ...] = ()  # where each conjunct starts ("... but I will finish it")

    @classmethod
    def built(cls, **fields) -> Clause:
        """A clause from every one of its fields, its __dict__ filled at once:
        the frozen dataclass __init__ sets each field by object.__setattr__,
        some seven times the cost of a plain one, for each of the thousands
        of clauses a document set has. The clause is as frozen as ever after.
        Every field must be given: no defaults or __post_init__ run here."""
        clause = object.__new__(cls)
        clause.__dict__.update(fields)
        return clause

    def conjunct(self, i: int) -> tuple[int, int]:
        """The bounds of the conjunct that holds token i."""
        k = bisect.bisect_right(self.conjuncts, i) - 1
        start = self.conjuncts[k] if k >= 0 else self.span.start
        end = self.conjuncts[k + 1] if k + 1 < len(self.conjuncts) else self.span.end
        return start, end

    @property
    def doc(self) -> Doc:
        return self.span.doc

    @property
    def length(self) -> int:
        """Words of content, openers and closing punctuation left out."""
        return len(range(self.first, self.last))

    def text(self) -> str:
        return self.doc.user_data[TEXT_KEY][self.span.start_char:self.span.end_char]

    def labelled(self, label: str) -> list[Span]:
        """The clause's spans of one label (none of a cue's or negative's).
        `labels` are their labels: most clauses have none of the asked one,
        and no span's label need be read."""
        if label not in self.labels:
            return []
        return [s for s in self.spans if s.label_ == label]


class SpanIndex:
    """A doc's cue spans sorted by start, to take a sentence's share fast."""

    def __init__(self, spans):
        self.spans = sorted(spans, key=lambda s: (s.start, s.end))
        self.starts = [s.start for s in self.spans]

    def within(self, start: int, end: int) -> list[Span]:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return [s for s in self.spans[lo:hi] if s.end <= end]


def content_end(doc: Doc, start: int, end: int) -> int:
    """End of the words between start and end, closing punctuation left out."""
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return end


def last_word(sent: Span) -> Token:
    return sent.doc[max(sent.start, content_end(sent.doc, sent.start, sent.end) - 1)]


class ClauseReader:
    """Builds the clauses of a line with one pack's markers and cues."""

    def __init__(self, pack: LanguagePack):
        self.pack = pack
        self.kind_of = {f"cue:{i}": ("cue", cue) for i, cue in enumerate(pack.cues)}
        self.kind_of |= {f"pattern:{i}": ("cue", p) for i, p in enumerate(pack.patterns)}
        self.kind_of |= {f"neg:{i}": ("neg", neg) for i, neg in enumerate(pack.negatives)}
        self.final_cues = [cue for cue in pack.cues if cue.final_suffix]
        self.openers = WordPhrases(pack.clause_openers)
        self.fronted = WordPhrases(pack.fronted_markers)
        self.examples = WordPhrases(pack.example_markers)
        self.breaks = pack.conjunctions | pack.subordinators
        self.intros = WordPhrases(pack.self_introductions)
        self.function_words = (pack.speaker_pronouns | pack.interjections | pack.question_words | pack.fillers
                               | pack.conjunctions | pack.subordinators)
        # the phrases as written in running text (a clitic joins the word before it: "i 'm" is "i'm")
        self.intro_texts = [phrase.replace(" '", "'") for phrase in pack.self_introductions]
        # to tell whether a line holds any of them, those that hold none of the others do
        self.intro_cores = [p for p in self.intro_texts if not any(q != p and q in p for q in self.intro_texts)]
        # a token written as one of these marks has its lower case in these sets: the doc's
        # lowered words rule most tokens out before a Token is built to read the text itself
        self.low_splitters = {mark.lower() for mark in pack.clause_splitters}
        self.low_bullets = {mark.lower() for mark in pack.bullets}
        self.low_hyphens = {mark.lower() for mark in pack.hyphens}

    # ------------------------------------------------------------ line start
    def content_start(self, sent: Span) -> tuple[int, bool]:
        """Skip list markers and numbering ("-", "1.", "a)", "(2)", "II.")."""
        doc, i, bullet = sent.doc, sent.start, False
        words = lower_words(doc)  # for the marks, which are their own lower case
        while i < sent.end:
            if words[i].isalpha() and words[i] not in self.low_bullets and (
                    i + 1 == sent.end or words[i + 1] not in NUMBERING):
                # a word of letters that is no bullet and has no ".", ")" or "/" after it opens
                # none of the markers below (most lines): known without a Token
                break
            token = doc[i]
            text = token.text
            nxt = doc[i + 1].text if i + 1 < sent.end else None
            if text in self.pack.bullets or token.is_space:
                i, bullet = i + 1, True
            elif text == "[" and nxt is not None and (nxt == "]" or len(nxt) == 1 and nxt in "xX"
                                                      and i + 2 < sent.end and words[i + 2] == "]"):
                i, bullet = i + (2 if nxt == "]" else 3), True  # a task box, "[ ]" or "[x]"
            elif text == "(" and nxt is not None and i + 2 < sent.end and words[i + 2] == ")" and len(nxt) <= 3:
                i, bullet = i + 3, True
            elif nxt is not None and nxt in NUMBERING and len(text) <= 4 and (
                token.like_num or token.is_digit or text.isupper() and len(text) <= 4 or len(text) == 1
            ) and i == sent.start:
                i, bullet = i + 2, True
            elif token.like_num and len(text) <= 3 and text[-1:] in (".", ")") and i == sent.start:
                i, bullet = i + 1, True
            elif len(text) == 2 and text[0].islower() and text[1] in NUMBERING and i == sent.start:
                i, bullet = i + 1, True  # a lettered item read as one word ("f."); "J." may be a name's initial
            else:
                break
        return i, bullet

    def _bracketed(self, sent: Span, start: int, end: int, spans: list[Span]) -> tuple[str | None, int]:
        """A "[name]" prefix; a bracketed timestamp is skipped."""
        doc = sent.doc
        if any(s.start == start + 1 and getattr(self.kind_of.get(s.label_, (None, None))[1], "body", None)
               == BodySide.LABEL for s in spans):
            return None, start  # a label in brackets, "[ACTION - Priya]", names no speaker
        for j in range(start + 1, end):
            if doc[j].text == "]":
                name = doc[start + 1:j].text.strip()
                if name and not any(c.isalpha() for c in name):  # a timestamp
                    return self.speaker(sent, j + 1, spans)
                return (name or None), j + 1
        return None, start

    def _is_speaker(self, sent: Span, start: int, j: int, spans: list[Span]) -> bool:
        if j + 1 >= sent.end:
            return False
        doc = sent.doc
        prefix = [doc[k] for k in range(start, j)]  # the words, each built once; their text sliced from the doc's
        text = doc.user_data[TEXT_KEY][prefix[0].idx:prefix[-1].idx + len(prefix[-1])]
        if (text.lower().strip() in self.pack.not_speakers
                or any(t.like_num or t.is_punct and t.text not in SPEAKER_MARKS for t in prefix)
                or any(s.start < j + 1 and s.end > start and s.label_ not in ("body_noun", "title") for s in spans)):
            return False
        cased = [t for t in prefix if t.is_alpha and t.text.lower() != t.text.upper()
                 and t.lower_ not in self.pack.coordinators]
        named = cased and all(t.is_title or t.is_upper for t in cased)
        bodies = any(s.label_ == "body_noun" and s.start >= start and s.end <= j for s in spans)
        return bool(named or bodies or not cased and len(prefix) <= 3)

    def speaker(self, sent: Span, start: int, spans: list[Span]) -> tuple[str | None, int]:
        """A "Name:" or "[name]" prefix at the start of a line."""
        doc = sent.doc
        words = lower_words(doc)  # a mark is its own lower case: no Token per word to find one
        end = min(sent.end, start + 6)
        if start < sent.end and words[start] == "[":
            return self._bracketed(sent, start, end, spans)
        end = min(sent.end, start + 6 + TIMEBOX_WORDS)
        if ":" not in words[start + 1:end]:
            return None, start
        j = words.index(":", start + 1, end)  # the first colon
        k = _timebox(doc, start, j)  # a longer prefix only with a timebox
        if start < k < start + 6 and self._is_speaker(sent, start, k, spans):
            return doc[start:k].text, j + 1
        return None, start

    def self_named(self, doc: Doc, line: Span, sents: list[Span]) -> str | None:
        """The speaker of an unlabelled turn, from its self-introduction ("My
        name is Lena Park", "I'll be your Project Manager"): the title-cased
        words after the first one, up to MAX_NAME_WORDS. `sents` are the
        line's sentences."""
        text = doc.user_data[TEXT_KEY][line.start_char:line.end_char].lower()
        if not any(phrase in text for phrase in self.intro_cores):
            return self._name_sentence(doc, sents)
        words = lower_words(doc)
        for i in range(line.start, line.end):
            skip = words[i] in self.intros.by_first and self.intros.length_at(words.__getitem__, i, line.end - 1)
            if not skip:
                continue
            end = i + skip
            while end < line.end and end - i - skip < MAX_NAME_WORDS and doc[end].is_alpha and doc[end].is_title \
                    and doc[end].lower_ not in self.function_words:  # "I'm So ...", "I am What ..."
                end += 1
            if end > i + skip:
                return doc[i + skip:end].text
        return self._name_sentence(doc, sents)

    def _name_sentence(self, doc: Doc, sents: list[Span]) -> str | None:
        """"Good day. Nick Broer, User Interface Designer.": a turn that
        opens (within its first two sentences) with a sentence of a name
        alone, two to MAX_NAME_WORDS title-cased words, a role after a
        comma allowed, names its speaker. Read word by word up to the first
        that cannot belong (most sentences fail at their first words)."""
        words = lower_words(doc)
        for sent in sents[:2]:
            if sent.end - sent.start < 3 or not (self._name_word(doc, words, sent.start)
                                                 and self._name_word(doc, words, sent.start + 1)):
                continue  # no two-word name opens it (most sentences): its end need not be read
            end = content_end(doc, sent.start, sent.end)
            if end >= sent.end or doc[end].text not in self.pack.terminators:
                continue
            comma = None
            for k in range(sent.start, end):
                if comma is None and k - sent.start > MAX_NAME_WORDS:
                    break  # the name is too long already
                token = doc[k]
                if comma is None and token.text in self.pack.commas:
                    comma = k
                elif not self._name_word(doc, words, k, token):
                    break
            else:
                name_end = end if comma is None else comma
                if 2 <= name_end - sent.start <= MAX_NAME_WORDS:
                    return doc[sent.start:name_end].text
        return None

    def _name_word(self, doc: Doc, words: list[str], k: int, token: Token | None = None) -> bool:
        """Whether word k may be part of a speaker's name: title-cased, no function word."""
        token = doc[k] if token is None else token
        return token.is_alpha and token.is_title and words[k] not in self.function_words

    def split(self, sent: Span, start: int) -> list[tuple[int, int]]:
        """Clauses of a sentence at `;`-like separators, when each side is a
        clause of its own (three tokens or more)."""
        doc, words = sent.doc, lower_words(sent.doc)
        if self.low_splitters.isdisjoint(words[start:sent.end]):  # no word is a splitter: one piece
            return [(start, sent.end)] if sent.end > start else []
        cuts = [k for k in range(start, sent.end)
                if words[k] in self.low_splitters and doc[k].text in self.pack.clause_splitters]
        if cuts and self.examples.by_first:
            # "repair the halls such as: the sports hall; the training centre": examples, one clause
            marker = next((k for k in range(start, cuts[-1]) if words[k] in self.examples.by_first
                           and self.examples.length_at(words.__getitem__, k, sent.end)), None)
            if marker is not None:
                cuts = [cut for cut in cuts if cut < marker]
        pieces, begin = [], start
        for cut in cuts:
            if cut - begin >= 3 and sent.end - cut - 1 >= 3:
                pieces.append((begin, cut + 1))
                begin = cut + 1
        pieces.append((begin, sent.end))
        return [(a, b) for a, b in pieces if b > a]

    # --------------------------------------------------------------- clauses
    def _worth_reading(self, sent: Span, number: int, block: Block, spans: list[Span], in_run: bool) -> bool:
        """Outside a run of directives, a sentence with no cue span is no
        candidate, and is passed over unread."""
        return (in_run or number == 0 and block.speaker is None or sent[-1].text == ":"  # a lead-in or party heading
                or any(s.label_ in TRIGGERS or s.label_[:4] in ("cue:", "patt") for s in spans)
                or bool(self.final_cues and self.final_hits(last_word(sent))))

    def _prefix(self, sent: Span, number: int, block: Block, start: int, spans: list[Span]):
        """The sentence's speaker and where its content starts after it."""
        if number == 0 and block.speaker and sent.doc.user_data[TEXT_KEY][sent.start_char:sent.end_char].startswith(
                block.speaker + ":"):
            # a transcript turn: "Speaker: utterance", the prefix is no part of it
            return block.speaker, next(
                (t.i + 1 for t in sent if t.text == ":" and t.idx - sent.start_char >= len(block.speaker)), start)
        if number == 0:
            return self.speaker(sent, start, spans)
        return None, start

    def clauses(self, doc: Doc, line: Span, block: Block, index: SpanIndex, in_run: bool) -> list[Clause]:
        """The clauses of one line: its sentences, cut at `;`-like separators."""
        out: list[Clause] = []
        line_speaker = block.speaker
        sents = sentences(doc, line.start, line.end)
        named = None if block.speaker or not self.intro_texts else self.self_named(doc, line, sents)
        for number, sent in enumerate(sents):
            sent_spans = index.within(sent.start, sent.end)
            if not self._worth_reading(sent, number, block, sent_spans, in_run):
                if number == 0 and not line_speaker:  # "Chair: It's a fair question. I'll look into it."
                    line_speaker = self._prefix(sent, number, block, self.content_start(sent)[0], sent_spans)[0]
                continue
            start, bullet = self.content_start(sent)
            speaker, start2 = self._prefix(sent, number, block, start, sent_spans)
            # minutes write owners as "Name: task in lower case"; a speaker's
            # own words start with a capital
            owner_prefix = (speaker is not None and start2 < sent.end and start2 > start and not block.speaker
                            and doc[start2].is_alpha and doc[start2].is_lower
                            # a role's title ("Project Manager: ...") labels a speaker's turn, not an owner
                            and not any(s.label_ == "title" and start <= s.start < start2 for s in sent_spans))
            line_speaker = line_speaker or speaker or named
            for piece_start, piece_end in self.split(sent, start2):
                out.append(self.clause(Span(doc, piece_start, piece_end), sent_spans, bullet, line_speaker,
                                       block.time, owner_prefix and piece_start == start2))
        return out

    def clause(self, span: Span, sent_spans: list[Span], bullet: bool, speaker: str | None,
               time: str | None, owner_prefix: bool) -> Clause:
        words = lower_words(span.doc)  # read once here and handed to the helpers, called per clause
        cues, negatives, labels, spans = [], [], set(), []
        blocked, neg_blocked, names, body_nouns = [], [], [], set()
        lo, hi = span.start, span.end
        for s in sent_spans:  # one pass, each span's label read once
            start, end = s.start, s.end
            if start < lo or end > hi:
                continue
            label = s.label_
            kind, entry = self.kind_of.get(label, (None, None))
            if kind == "cue":
                cues.append((entry, s))
            elif kind == "neg":
                negatives.append((entry, s))
            else:
                labels.add(label)
                spans.append(s)
                if label == "blocker":
                    blocked.append(s)
                elif label == "neg_blocker":
                    neg_blocked.append(s)
                elif label == "body_noun":
                    body_nouns.update(range(start, end))
                    if end - start > 1:
                        names.append(s)
        if not self.low_hyphens.isdisjoint(words[max(lo - 1, 0):hi + 1]):  # a hyphen in or next to the clause
            cues = [(c, s) for c, s in cues if not self.in_compound(s, words)]
        cues = _unblocked(cues, blocked, holding=True)
        negatives = _unblocked(negatives, neg_blocked)
        # a cue's words at the end of a body's name ("Ban Chỉ đạo", "Bộ Ngoại giao") are no cue
        if names:
            cues = [(c, s) for c, s in cues if not any(n.start < s.start and s.end <= n.end for n in names)]
        first = self.first_content(span, span.start, words)
        last = content_end(span.doc, span.start, span.end)
        main = self.main_start(span, first, words)
        live = self.live_cues(span, cues, first, last, main, blocked, words)
        breaks = self.breaks
        conjuncts = () if breaks.isdisjoint(words[main + 1:last]) else tuple(  # most clauses hold no break
            k for k in range(main + 1, last) if words[k] in breaks)
        clause = Clause.built(
            span=span, content_start=span.start, first=first, last=last, bullet=bullet, speaker=speaker,
            time=time, owner_prefix=owner_prefix, cues=tuple(cues), live=tuple(live), best=None,
            negatives=tuple(negatives), labels=frozenset(labels), spans=tuple(spans),
            body_nouns=frozenset(body_nouns),
            main=main, conjuncts=conjuncts,
        )
        # the governing cue is read off the finished clause before anyone else
        # sees it: set in place rather than by dataclasses.replace, which
        # copied all the fields a second time for every clause
        object.__setattr__(clause, "best", main_cue(self.governing(clause, live, words), clause))
        return clause

    def governing(self, clause: Clause, live: list[CueHit], words: list[str]) -> list[CueHit]:
        """The hits that may govern the clause. Hits that overlap or follow
        one another with only fillers between ("we will have to", "is
        assigned to") are one cue, read from the first; a hit in a trailing
        adverbial clause ("..., so everybody can read up if they have to")
        governs only when nothing else can."""
        if len(live) <= 1:
            return list(live)  # nothing to merge or rank
        kept = []
        for hit in sorted(live, key=lambda h: (h[1].start, -h[0].weight, -(h[1].end - h[1].start))):
            if kept:
                end = kept[-1][1].end
                while end < hit[1].start and words[end] in self.pack.fillers:
                    end += 1
                if hit[1].start <= end and hit[1].start > kept[-1][1].start or hit[1].start == kept[-1][1].start:
                    continue
            kept.append(hit)
        # a reply ("Yes, ...") governs only a clause with no other cue, even a subordinate one
        cued = [h for h in kept if strength(h) > 0] or kept
        main = [h for h in cued if not self._in_subordinate(clause, h[1].start, words)]
        return main or cued

    def _in_subordinate(self, clause: Clause, i: int, words: list[str]) -> bool:
        lo, _ = clause.conjunct(i)
        return lo > clause.main and words[lo] in self.pack.subordinators

    # ------------------------------------------------------------------ cues
    def in_compound(self, hit: Span, words: list[str]) -> bool:
        """A cue hit that is only part of a hyphenated word ("Check-in desk",
        "pull-request"): a hyphen glued to its first or last token."""
        doc, hyphens = hit.doc, self.pack.hyphens
        after = hit.end + 1 < len(doc) and words[hit.end] in self.low_hyphens and doc[hit.end].text in hyphens \
            and not doc[hit.end - 1].whitespace_ and not doc[hit.end].whitespace_
        before = hit.start >= 2 and words[hit.start - 1] in self.low_hyphens and doc[hit.start - 1].text in hyphens \
            and not doc[hit.start - 1].whitespace_ and not doc[hit.start - 2].whitespace_
        return bool(after or before)

    def first_content(self, span: Span, start: int, words: list[str]) -> int:
        """Index of the first token after clause openers ("and", "also")."""
        doc, i, end = span.doc, start, span.end
        lower = words.__getitem__
        while i < end:
            token = doc[i]
            if token.is_punct or token.is_space:
                i += 1
                continue
            skip = words[i] in self.openers.by_first and self.openers.length_at(
                lower, i, end - 1)  # an opener leaves a word after it
            if not skip:
                break
            i += skip
        return i

    def main_start(self, span: Span, first: int, words: list[str]) -> int:
        """Where the main clause starts: after a fronted purpose or condition
        closed by a comma ("To restore discipline, the Chair asked ...";
        "If the vendor disagrees, escalate ..."), else at the first word."""
        doc = span.doc
        if not self.fronted.length_at(words.__getitem__, first, span.end):
            return first
        for token in doc[first + 1:min(span.end, first + FRONTED_WORDS)]:
            if token.text in self.pack.commas:
                main = self.first_content(span, token.i + 1, words)
                return main if main < span.end else first
        return first

    def has_complement(self, cue, hit: Span, end: int, blocked: list[Span]) -> bool:
        """A cue that declares complements ("asked" + "to"/"that") is one
        only when a complement follows it before a break ("asked if ...")."""
        doc = hit.doc
        for token in doc[hit.end:min(end, hit.end + cue.complement_window)]:
            if token.lower_ in cue.complements and not any(b.start <= token.i < b.end for b in blocked):
                return True
            if token.lower_ in self.pack.complement_breaks or token.text in self.pack.terminators:
                return False
        return False

    @staticmethod
    def _field_name(span: Span, hit: Span) -> bool:
        """A cue that opens a field's name: a colon right after it or after
        at most FIELD_WORDS more words ("Build team: ...")."""
        doc = span.doc
        for i in range(hit.end, min(span.end - 1, hit.end + FIELD_WORDS + 1)):
            if doc[i].text == ":":
                return True
            if not doc[i].is_alpha:
                return False
        return False

    def _subordinate(self, hit: Span, start: int, words: list[str]) -> bool:
        """A cue right after a relative marker ("the proposal that should
        work") governs a relative clause, not the sentence."""
        doc, i = hit.doc, hit.start - 1  # the lowered words read, a Token only for the case tests below
        while i >= start and words[i] in self.pack.fillers:
            i -= 1
        if i >= start and words[i] in self.pack.relative_markers:
            return True
        # "on which schemes will be funded": the marker determines the relative's subject
        for j in range(i - 1, max(start, i - 2) - 1, -1):
            if not doc[j + 1].is_alpha or not doc[j + 1].is_lower:
                return False
            if words[j] in self.pack.relative_determiners:
                return True
        return False

    @staticmethod
    def _topic_end(doc, first: int, end: int, words: list[str]) -> int | None:
        """Where the task starts after a topic heading set off by a dash at
        the line's start ("Library Board – Dr Lee to collect quotes"): the
        topic is a few capitalised words, the dash stands apart from them."""
        stop = min(end - 1, first + TOPIC_WORDS + 1)
        # a dash is its own lower case: with none in the lowered words, no topic, and no Token read
        if TOPIC_DASHES.isdisjoint(words[first + 1:stop]):
            return None
        for k in range(first + 1, stop):
            token = doc[k]
            if not token.is_alpha:  # a dash is no word: it ends the topic, as anything else does
                if token.text in TOPIC_DASHES and (token.whitespace_ or doc[k - 1].whitespace_) and all(
                        t.is_alpha and (t.is_title or t.is_upper) for t in doc[first:k]):
                    return k + 1
                return None
        return None

    def live_cues(self, span: Span, cues: list[CueHit], first: int, last: int, main: int,
                  blocked: list[Span], words: list[str]) -> list[CueHit]:
        """The cue hits that stand where their position says they may: not
        inside a fronted purpose or condition, not in a relative clause, and
        with their complement when they need one."""
        doc, live = span.doc, []
        if cues:  # where a clause's start may be: asked only of a clause with cues
            starts = {first, span.start, main}
            # after a label at the start ("ACTION: Priya to ...") a new start begins
            starts |= {hit.end for cue, hit in cues if cue.body == BodySide.LABEL and hit.start in starts}
            topic = self._topic_end(doc, first, span.end, words)
            if topic is not None:
                starts.add(topic)
        for cue, hit in cues:
            if cue.body != BodySide.LABEL and hit.start in starts and self._field_name(span, hit):
                continue  # a field name ("Chủ trì: Ông Tuấn", "Build team: @infra"), not a cue
            if cue.position == Position.START and hit.start not in starts:
                continue
            if cue.position == Position.END and hit.end != last and not self.before_tail(doc, hit.end, main, last, words):
                continue
            if first < main and hit.start < main:
                continue  # inside the fronted clause
            if cue.complements and not self.has_complement(cue, hit, span.end, blocked):
                continue
            if cue.position != Position.START and self._subordinate(hit, main, words):
                continue
            live.append((cue, hit))
        if last > span.start and self.final_cues:
            live += self.final_hits(doc[last - 1])
        # a verb-final main clause ends before its purpose or relative tail ("... کریں تاکہ ...")
        if self.final_cues and self.pack.subordinators:
            live += [hit for i in self._tail_ends(doc, max(main, span.start) + 1, main, last, words)
                     if not doc[i - 1].is_punct for hit in self.final_hits(doc[i - 1])]
        return live

    def _tail_ends(self, doc: Doc, lo: int, main: int, last: int, words: list[str]) -> list[int]:
        """The positions from lo up to last where before_tail holds, in order:
        each subordinator after main, and the punctuation or spaces right
        before it. Found from the subordinators back, not by trying every
        position of the clause."""
        ends = set()
        if self.pack.subordinators.isdisjoint(words[main + 1:last]):
            return []  # most clauses hold none
        for k in range(main + 1, last):
            if words[k] in self.pack.subordinators and not (doc[k].is_punct or doc[k].is_space):
                i = k
                while i >= lo:
                    ends.add(i)
                    if not (doc[i - 1].is_punct or doc[i - 1].is_space):
                        break
                    i -= 1
        return sorted(ends)

    def before_tail(self, doc: Doc, end: int, main: int, last: int, words: list[str]) -> bool:
        """The words before token `end` close the main clause: a subordinate
        tail (a purpose, cause or relative clause: "... کریں تاکہ ...") opens
        there, after any punctuation. A verb-final cue ends the clause so."""
        while end < last and (doc[end].is_punct or doc[end].is_space):
            end += 1
        return main < end < last and words[end] in self.pack.subordinators

    def final_hits(self, token: Token) -> list[CueHit]:
        """Cues read off a clause's last word by its ending (a pack's
        `final_suffix`, as of polite imperatives)."""
        return [(cue, Span(token.doc, token.i, token.i + 1)) for cue in self.final_cues
                if token.text.endswith(cue.final_suffix) and token.text not in cue.final_not]


def _timebox(doc, start: int, j: int) -> int:
    """Where a speaker's name ends before a bracketed timebox that closes
    right before the colon ("Ravi [5 mins]:", "Ana (10m):"): the bracket
    holds a number; with none, the name runs up to the colon."""
    if j - start < 3 or doc[j - 1].text not in ("]", ")"):
        return j
    opening = "[" if doc[j - 1].text == "]" else "("
    for k in range(j - 2, max(start, j - 2 - TIMEBOX_WORDS) - 1, -1):
        if doc[k].text == opening:
            return k if any(t.like_num for t in doc[k + 1:j - 1]) else j
    return j


def _unblocked(hits: list[CueHit], blocked: list[Span], holding: bool = False) -> list[CueHit]:
    """The hits that no blocker overlaps ("giao dịch" holds no "giao");
    with `holding`, a phrase cue that holds a whole blocker stands ("I'm going
    to" holds the look-alike "going to" and is a cue of its own), as does a
    speaker's own cue of a clause's start on its very words; a pattern
    does not ("Paper to note" is no "Name to do")."""
    if not blocked:
        return hits
    return [(c, s) for c, s in hits if not any(b.start < s.end and s.start < b.end
                                               and not (holding and (s.label_.startswith("cue:")
                                                                     and s.start <= b.start and b.end <= s.end
                                                                     and s.end - s.start > b.end - b.start
                                                                     or _own_start(c, s, b)))
                                               for b in blocked)]


def _own_start(cue, span: Span, blocker: Span) -> bool:
    """A speaker's own cue of a clause's start on a blocker's very words: a
    status line drops its subject ("KO: Plan to merge it"), while the noun
    further in ("the plan to merge") stays blocked."""
    return (cue.position == Position.START and cue.body == BodySide.SPEAKER
            and (span.start, span.end) == (blocker.start, blocker.end))


def strength(hit: CueHit) -> int:
    return STRENGTH.get(hit[0].kind, 1)


def main_cue(cues: list[CueHit], clause: Clause | None = None) -> CueHit | None:
    """The clause's governing cue: of the strongest kind (request > modal >
    future), the earliest whose conjunct carries no negative signal ("I will
    take notes during this meeting and I will send you a summary"), else the
    earliest; the heaviest on a tie."""
    if len(cues) <= 1:
        return cues[0] if cues else None
    top = max(strength(c) for c in cues)
    strongest = [c for c in cues if strength(c) == top]
    if clause is not None and clause.negatives and clause.conjuncts:
        def clean(hit: CueHit) -> bool:
            lo, hi = clause.conjunct(hit[1].start)
            return not any(lo <= s.start < hi for _, s in clause.negatives)
        strongest = [c for c in strongest if clean(c)] or strongest
    return min(strongest, key=lambda c: (c[1].start, -c[0].weight))
