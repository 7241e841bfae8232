"""From a Document to directives: the extractor's main path.

    normalize -> detect language -> spaCy Doc per block (sentences, cue spans)
    -> clauses -> score each clause -> fill roles (body, issuer, deadline)
    -> inherit the party of a run of directives -> Directive records

A clause is a candidate when a cue fires (a request verb, an obligation
modal, minutes shorthand, a commitment, an imperative at its start) or when
it continues a run of directives opened by "the Minister requested:" or a
tasks heading. Signals of past reports, statistics, decisions, agenda,
captions and soft offers lower its score; the score is the confidence.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from docket.extractor.dates import DateGrammar, resolve
from docket.extractor.detect import detect_language
from docket.extractor.lang import LanguagePack, available, load_pack
from docket.extractor.meeting import find_meeting_date
from docket.extractor.nlp import SPAN_KEY, TEXT_KEY, NumberIndex, build_nlp, sentences
from docket.extractor.normalize import Normalized, normalize
from docket.extractor.roles import RoleFinder, WordPhrases, doc_lower
from docket.models.errors import DocketError
from docket.models.items import Block, Deadline, Directive, Document, Extraction

THRESHOLD = 0.5
RUN_BONUS = 0.2
RUN_BASE = 0.35
MAX_BLOCK_CHARS = 50_000
NUMBERING = {".", ")", "/"}
OWNER_PREFIX_WEIGHT = 0.7
OWNER_BOOST = 0.3  # a task followed by "owner: X" on its line
TITLE_TOKENS = 30  # a document's first line with no closing stop is its title
# labels that matter in a clause without cues outside a run of directives
QUICK_LABELS = {"opener", "attach:owner", "attach:due"}
TRIGGERS = QUICK_LABELS | {"closer"}


@dataclass
class Clause:
    span: Span
    content_start: int  # first token after bullets, numbering, speaker, labels
    bullet: bool
    speaker: str | None
    time: str | None
    cues: list[tuple[object, Span]] = field(default_factory=list)
    negatives: list[tuple[object, Span]] = field(default_factory=list)
    labels: set[str] = field(default_factory=set)
    spans: list[Span] = field(default_factory=list)
    first: int | None = None  # cached _first_content
    body_nouns: set[int] | None = None  # cached _body_noun_tokens
    owner_prefix: bool = False  # "Karen: recruit two volunteers": the prefix owns the task


@dataclass
class RunState:
    active: bool = False
    explicit: bool = False  # opened by "requested:" or a tasks heading
    party: list[str] = field(default_factory=list)
    issuer: str | None = None
    last: Directive | None = None
    last_line: int = -1
    previous_line: int = -1

    def end(self) -> None:
        self.active = self.explicit = False
        self.party = []
        self.issuer = None


class SpanIndex:
    """A doc's cue spans sorted by start, to take a sentence's share fast."""

    def __init__(self, spans):
        self.spans = sorted(spans, key=lambda s: (s.start, s.end))
        self.starts = [s.start for s in self.spans]

    def within(self, start: int, end: int) -> list[Span]:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return [s for s in self.spans[lo:hi] if s.end <= end]


CHUNK_LINES = 200
CHUNK_CHARS = 50_000


def _chunks(blocks: list[Block]) -> list[list[Block]]:
    """Consecutive plain lines share one spaCy Doc (a Doc per line costs
    more than the line); table rows, headings and transcript turns keep
    their own."""
    groups: list[list[Block]] = []
    for block in blocks:
        plain = block.kind == "paragraph" and block.speaker is None
        if (plain and groups and groups[-1][-1].kind == "paragraph" and groups[-1][-1].speaker is None
                and len(groups[-1]) < CHUNK_LINES and block.end - groups[-1][0].start < CHUNK_CHARS):
            groups[-1].append(block)
        else:
            groups.append([block])
    return groups


class Extractor:
    """One language's extractor, built once and reused."""

    def __init__(self, code: str):
        self.pack: LanguagePack = load_pack(code)
        self.nlp = build_nlp(code)
        self.grammar = DateGrammar(self.pack.dates)
        self.roles = RoleFinder(self.pack)
        self.cue_of = {f"cue:{i}": cue for i, cue in enumerate(self.pack.cues)}
        self.neg_of = {f"neg:{i}": neg for i, neg in enumerate(self.pack.negatives)}
        self.pattern_of = {f"pattern:{i}": p for i, p in enumerate(self.pack.patterns)}
        self.final_cues = [cue for cue in self.pack.cues if cue.final_suffix]
        self.openers = WordPhrases(self.pack.clause_openers)

    # ----------------------------------------------------------------- blocks
    def _blocks(self, document: Document, text: str) -> list[Block]:
        blocks = document.blocks or []
        if not blocks:
            from docket.extractor.readers.text import paragraph_blocks

            blocks = paragraph_blocks(text)
        out = []
        for block in blocks:
            start = block.start
            while block.end - start > MAX_BLOCK_CHARS:
                cut = text.rfind(" ", start, start + MAX_BLOCK_CHARS)
                cut = cut if cut > start else start + MAX_BLOCK_CHARS
                out.append(Block(start, cut, block.kind, block.speaker, block.time, block.cells))
                start = cut
            out.append(Block(start, block.end, block.kind, block.speaker, block.time, block.cells))
        return out

    # ---------------------------------------------------------------- clauses
    def _content_start(self, sent: Span) -> tuple[int, bool]:
        """Skip list markers and numbering ("-", "1.", "a)", "(2)", "II.")."""
        doc, i, bullet = sent.doc, sent.start, False
        while i < sent.end:
            token = doc[i]
            nxt = doc[i + 1] if i + 1 < sent.end else None
            if token.text in self.pack.bullets or token.is_space:
                i, bullet = i + 1, True
            elif token.text == "(" and nxt is not None and i + 2 < sent.end and doc[i + 2].text == ")" and len(nxt) <= 3:
                i, bullet = i + 3, True
            elif nxt is not None and nxt.text in NUMBERING and len(token) <= 4 and (
                token.like_num or token.is_digit or token.text.isupper() and len(token) <= 4 or len(token) == 1
            ) and i == sent.start:
                i, bullet = i + 2, True
            elif token.like_num and len(token) <= 3 and token.text[-1:] in (".", ")") and i == sent.start:
                i, bullet = i + 1, True
            else:
                break
        return i, bullet

    def _speaker(self, sent: Span, start: int, spans: list[Span]) -> tuple[str | None, int]:
        """A "Name:" or "[name]" prefix at the start of a line."""
        doc = sent.doc
        end = min(sent.end, start + 6)
        if start < sent.end and doc[start].text == "[":
            for j in range(start + 1, end):
                if doc[j].text == "]":
                    name = doc[start + 1:j].text.strip()
                    if name and not any(c.isalpha() for c in name):  # a timestamp
                        return self._speaker(sent, j + 1, spans)
                    return (name or None), j + 1
            return None, start
        for j in range(start + 1, end):
            if doc[j].text == ":":
                prefix = doc[start:j]
                words = prefix.text.lower().strip()
                if (
                    j + 1 >= sent.end
                    or words in self.pack.not_speakers
                    or any(t.like_num or t.is_punct and t.text not in ".-'" for t in prefix)
                    or any(s.start < j + 1 and s.end > start and not s.label_ == "body_noun"
                           for s in spans)
                ):
                    return None, start
                cased = [t for t in prefix if t.is_alpha and t.text.lower() != t.text.upper()
                         and t.lower_ not in self.pack.coordinators]
                named = cased and all(t.is_title or t.is_upper for t in cased)
                bodies = any(s.label_ == "body_noun" and s.start >= start and s.end <= j for s in spans)
                if named or bodies or not cased and len(prefix) <= 3:
                    return prefix.text, j + 1
                return None, start
        return None, start

    def _clauses(self, doc: Doc, line: Span, block: Block, index: "SpanIndex", run: RunState) -> list[Clause]:
        """The clauses of one line: its sentences, cut at `;`-like separators.
        Outside a run of directives, a sentence with no cue span is no
        candidate, and is passed over unread."""
        clauses: list[Clause] = []
        line_speaker = block.speaker
        for number, sent in enumerate(sentences(doc, line.start, line.end)):
            sent_spans = index.within(sent.start, sent.end)
            if not run.active and not (number == 0 and block.speaker is None) \
                    and not any(s.label_ in TRIGGERS or s.label_[:4] in ("cue:", "patt") for s in sent_spans) \
                    and not (self.final_cues and self._final_cues(_last_word(sent))):
                continue
            start, bullet = self._content_start(sent)
            if number == 0 and block.speaker and sent.text.startswith(block.speaker + ":"):
                # a transcript turn: "Speaker: utterance", the prefix is no part of it
                speaker, start2 = block.speaker, next(
                    (t.i + 1 for t in sent if t.text == ":" and t.idx - sent.start_char >= len(block.speaker)), start)
            elif number == 0:
                speaker, start2 = self._speaker(sent, start, sent_spans)
            else:
                speaker, start2 = None, start
            # minutes write owners as "Name: task in lower case"; a speaker's
            # own words start with a capital
            owner_prefix = (speaker is not None and start2 < sent.end and start2 > start and not block.speaker
                            and doc[start2].is_alpha and doc[start2].is_lower)
            line_speaker = line_speaker or speaker
            speaker = line_speaker
            for piece_start, piece_end in self._split(sent, start2):
                clause = Clause(doc[piece_start:piece_end], piece_start, bullet, speaker, block.time)
                clause.owner_prefix = owner_prefix and piece_start == start2
                for s in sent_spans:
                    if s.start >= piece_start and s.end <= piece_end:
                        label = s.label_
                        if label in self.cue_of:
                            clause.cues.append((self.cue_of[label], s))
                        elif label in self.pattern_of:
                            clause.cues.append((self.pattern_of[label], s))
                        elif label in self.neg_of:
                            clause.negatives.append((self.neg_of[label], s))
                        else:
                            clause.labels.add(label)
                            clause.spans.append(s)
                blocked = [s for s in clause.spans if s.label_ == "blocker"]
                if blocked:
                    clause.cues = [(c, s) for c, s in clause.cues
                                   if not any(b.start < s.end and s.start < b.end for b in blocked)]
                clauses.append(clause)
        return clauses

    def _split(self, sent: Span, start: int) -> list[tuple[int, int]]:
        """Clauses of a sentence at `;`-like separators, when each side is a
        clause of its own (three tokens or more)."""
        text = sent.doc.user_data[TEXT_KEY][sent.start_char:sent.end_char]
        if not any(splitter in text for splitter in self.pack.clause_splitters):
            return [(start, sent.end)] if sent.end > start else []
        cuts = [t.i for t in sent if t.text in self.pack.clause_splitters and t.i >= start]
        pieces, begin = [], start
        for cut in cuts:
            if cut - begin >= 3 and sent.end - cut - 1 >= 3:
                pieces.append((begin, cut + 1))
                begin = cut + 1
        pieces.append((begin, sent.end))
        return [(a, b) for a, b in pieces if b > a]

    # ---------------------------------------------------------------- scoring
    def _first_content(self, clause: Clause) -> int:
        """Index of the first token after clause openers ("and", "also")."""
        if clause.first is not None:
            return clause.first
        doc, i = clause.span.doc, clause.content_start
        end = clause.span.end
        lower = doc_lower(doc)
        while i < end:
            token = doc[i]
            if token.is_punct or token.is_space:
                i += 1
                continue
            skip = self.openers.length_at(lower, i, end - 1)  # an opener leaves a word after it
            if not skip:
                break
            i += skip
        clause.first = i
        return i

    def _last_content(self, clause: Clause) -> int:
        return _content_end(clause.span.doc, clause.content_start, clause.span.end)

    def _live_cues(self, clause: Clause):
        first, last = self._first_content(clause), self._last_content(clause)
        starts = {first, clause.content_start}
        # after a label at the start ("ACTION: Priya to ...") a new start begins
        starts |= {span.end for cue, span in clause.cues
                   if _get(cue, "body") == "label" and span.start in starts}
        live = []
        doc = clause.span.doc
        for cue, span in clause.cues:
            if (_get(cue, "body") != "label" and span.start in starts and span.end < clause.span.end
                    and doc[span.end].text == ":"):
                continue  # a field name ("Chủ trì: Ông Tuấn"), not a cue
            position = _get(cue, "position", "any")
            if position == "start" and span.start not in starts:
                continue
            if position == "end" and span.end != last:
                continue
            live.append((cue, span))
        if last > clause.content_start:
            live += self._final_cues(doc[last - 1])
        return live

    def _final_cues(self, token: Token) -> list:
        """Cues read off a clause's last word by its ending (Urdu polite
        imperatives end in یں: "... رپورٹ بھجوائیں")."""
        return [(cue, token.doc[token.i:token.i + 1]) for cue in self.final_cues
                if token.text.endswith(cue.final_suffix) and token.text not in cue.final_not]
    def _penalties(self, clause: Clause, deadline_spans: list[tuple[int, int]],
                   meeting: date | None) -> tuple[float, list[str]]:
        """What weakens a candidate: the pack's negative signals (a kind
        weighs more with each further phrase of it, up to twice), statistics
        (numbers that are not years, names like "Project 06" or deadlines),
        and years before the meeting's (a past period)."""
        found: dict[str, tuple[float, int]] = {}
        first = self._first_content(clause)
        for neg, span in clause.negatives:
            if neg.position == "start" and span.start not in (first, clause.content_start, clause.span.start):
                continue
            penalty, count = found.get(neg.kind, (neg.penalty, 0))
            found[neg.kind] = (max(penalty, neg.penalty), count + 1)
        kinds = {kind: min(2.0, 1 + 0.5 * (count - 1)) * penalty for kind, (penalty, count) in found.items()}
        doc = clause.span.doc
        clause_text = doc.user_data[TEXT_KEY][clause.span.start_char:clause.span.end_char]
        numbers, past_years = 0, 0
        for i in NumberIndex.of(doc).within(clause.span.start, clause.span.end):
            t = doc[i]
            if any(a <= t.idx < b for a, b in deadline_spans):
                continue
            year = _year(t.text)
            if year:
                # the year of a cited document's date is no period being reported on
                if meeting and year < meeting.year and not self.grammar.cited_before(
                        clause_text, t.idx - clause.span.start_char):
                    past_years += 1
                continue
            before = doc[t.i - 1] if t.i > clause.span.start else None
            if before is not None and (before.is_title or before.lower_ in self.pack.before_number):
                continue  # a name or a document number: "Project 06", "No. 57"
            numbers += 1
        if numbers >= 4:
            kinds["statistics"] = 0.4
        elif numbers >= 2 or any(mark in clause_text for mark in self.pack.percent):
            kinds["statistics"] = 0.25
        if past_years:
            kinds["past-year"] = 0.25
        return sum(kinds.values()), sorted(kinds)

    def _deadline(self, clause: Clause, norm: Normalized, meeting: date | None, offset: int):
        """The most precise deadline phrase of the clause (a day before a
        week, a month, a quarter; the first of equals) that is not a cited
        document's date and does not lie before the meeting: in "the May
        rota by Wednesday, April 16" the day is the deadline. `offset` is
        where the clause's doc starts in the text."""
        base = clause.span.start_char
        local = norm.text[offset + base:offset + clause.span.end_char]
        found, past = None, False
        recurring = [(s.start_char - base, s.end_char - base) for s in clause.spans if s.label_ == "recurring"]
        for match in self.grammar.find(local):
            if self.grammar.is_cited(local, match.start):
                continue
            if any(a < match.end and match.start < b for a, b in recurring):
                continue
            resolved = resolve(match, meeting)
            if resolved is not None and meeting is not None and resolved < meeting:
                past = True
                continue
            if found is None or match.kind.precision > found[0].kind.precision:
                found = (match, resolved)
        return found, past

    def _body(self, clause: Clause, cue, span: Span) -> tuple[list[Token], str]:
        side = _get(cue, "body", "none")
        if side == "after":
            return self.roles.after(clause.span, span.end), "addressee"
        if side == "before":
            start = clause.content_start
            for marker in self._issuer_marker_positions(clause):
                if marker < span.start:
                    start = max(start, marker + 1)
            marked = _get(cue, "kind") in self.pack.marked_kinds
            return self.roles.before(clause.span, span.start, start, self._body_noun_tokens(clause),
                                     marked), "subject"
        if side == "slice":  # the party inside the match: "Priya to ...", "ذمہ داری X کی ہوگی"
            a, b = _get(cue, "slice", [0, -2])
            return self.roles.trim(list(span)[a:b]), "owner"
        if side == "label":
            return self._label_owner(clause, span), "owner"
        if side == "addressee":
            return self._vocative(clause, span), "addressee"
        return [], "none"

    def _issuer_marker_positions(self, clause: Clause) -> list[int]:
        return [t.i for t in clause.span if t.lower_ in self.pack.issuer_markers
                or t.lower_ in self.pack.complementizers]

    def _label_owner(self, clause: Clause, label: Span) -> list[Token]:
        """ACTION: Priya to circulate ... / ACTION (Priya): ... / ... – Priya"""
        doc = clause.span.doc
        for cue, span in clause.cues:
            if _get(cue, "body") == "slice" and span.start >= label.end:
                a, b = _get(cue, "slice", [0, -2])
                return self.roles.trim(list(span)[a:b])
            if _get(cue, "body") == "before" and span.start > label.end:
                owner = self.roles.before(clause.span, span.start, label.end)
                if owner and len(owner) <= 5:
                    return owner
        tokens = list(doc[label.end:clause.span.end])
        for j, token in enumerate(tokens[:6]):
            if token.text == ":":
                named = self.roles.trim(tokens[:j])
                if named and all(t.is_title or not t.is_ascii for t in named if t.is_alpha):
                    return named  # "Action – Sunita Rao: report ..."
                break
        if len(tokens) >= 2 and tokens[-1].text in (")", "]"):
            for j in range(len(tokens) - 2, -1, -1):
                if tokens[j].text in ("(", "["):
                    inner = self.roles.trim(tokens[j + 1:-1])
                    if inner and len(inner) <= 4:
                        return inner
                    break
        return []

    def _owner_inside(self, clause: Clause) -> list[Token]:
        """"(Owner: Graham Pyle, by end of May)": an owner label inside the
        clause names the party, up to the next punctuation."""
        doc = clause.span.doc
        for label in clause.spans:
            if label.label_ != "attach:owner" or label.start <= self._first_content(clause):
                continue
            out = []
            for token in doc[label.end:clause.span.end]:
                if token.is_punct and token.text not in ".'’-":
                    break
                out.append(token)
            out = self.roles.trim(out)
            if out and len(out) <= 6:
                return out
        return []

    def _vocative(self, clause: Clause, cue: Span) -> list[Token]:
        """"Priya, can you ..." or "... by Friday, Priya?"."""
        doc = clause.span.doc
        first = self._first_content(clause)
        for j in range(first, min(cue.start, first + 4)):
            if doc[j].text in self.pack.pauses:
                name = self.roles.trim(list(doc[first:j]))
                if name and all(t.is_title or not t.is_ascii for t in name if t.is_alpha):
                    return name
        last = self._last_content(clause)
        for j in range(last - 1, max(cue.end, last - 5), -1):
            if doc[j].text in self.pack.pauses:
                name = self.roles.trim(list(doc[j + 1:last]))
                if name and all(t.is_title or not t.is_ascii for t in name if t.is_alpha):
                    return name
        return []

    def _issuer(self, clause: Clause, cue_span: Span | None) -> str | None:
        limit = cue_span.start if cue_span is not None else clause.span.end
        titles = [s for s in clause.spans if s.label_ == "title" and s.start < limit]
        if not titles:
            return None
        # the longest title nearest the cue
        titles.sort(key=lambda s: (s.start, -(s.end - s.start)))
        markers = [m for m in self._issuer_marker_positions(clause) if m < limit]
        if markers and self.pack.issuer_markers:
            tokens = []
            for token in reversed(clause.span.doc[clause.content_start:markers[0]]):
                if token.text in self.pack.pauses:
                    break
                tokens.insert(0, token)
            tokens = self.roles.trim(tokens)
            if tokens and any(t.i in range(s.start, s.end) for s in titles for t in tokens):
                return tokens
        best = titles[-1]
        for s in titles:
            if s.start <= best.start < s.end:
                best = s
        return self.roles.extend_title(best, limit)

    # ------------------------------------------------------------------- run
    def extract(self, document: Document, meeting_date: date | None = None) -> Extraction:
        norm = normalize(document.text, self.pack.char_map)
        text = norm.text
        meeting = meeting_date or find_meeting_date(text, self.grammar, document.meeting_date_hint)
        blocks = [
            Block(norm.from_original(b.start), norm.from_original(b.end), b.kind, b.speaker, b.time, b.cells)
            for b in document.blocks
        ] if document.blocks else []
        blocks = self._blocks(Document(text=text, blocks=blocks), text)
        groups = _chunks(blocks)
        run = RunState()
        previous_line = -1
        directives: list[Directive] = []
        docs = self.nlp.pipe(text[g[0].start:g[-1].end] for g in groups)
        for group, doc in zip(groups, docs):
            base = group[0].start
            index = SpanIndex(doc.spans[SPAN_KEY])
            doc.user_data[TEXT_KEY] = text[base:group[-1].end]
            for block in group:
                if block.kind == "table_row" and block.cells:
                    row = self._table_row(block, doc, norm, document.text, meeting)
                    if row is not None:
                        directives.append(row)
                    continue
                line = doc.char_span(block.start - base, block.end - base, alignment_mode="expand")
                if line is None or not len(line):
                    continue
                title = block is blocks[0] and len(blocks) > 1 and line[-1].text not in self.pack.terminators \
                    and line[-1].text != ":" and len(line) <= TITLE_TOKENS
                if block.kind == "heading" or title or self._is_heading(line):
                    opens = any(s.label_ == "opener" for s in index.within(line.start, line.end))
                    run = RunState(active=opens, explicit=opens, issuer=run.issuer if opens else None)
                    continue
                run.previous_line = previous_line
                passed_over = None  # the last clause of this line that was no directive
                for clause in self._clauses(doc, line, block, index, run):
                    if passed_over is not None and run.last is None or passed_over is not None \
                            and run.last_line != block.start:
                        if self._opens_with_owner(clause):
                            # "the roof will be repaired by 15 June; owner: Mr Aslam": the owner
                            # label makes the task before it a directive
                            promoted = self._decide(passed_over, base, norm, document.text, meeting, run,
                                                    block.start, boost=OWNER_BOOST)
                            if promoted is not None:
                                directives.append(promoted)
                    found = self._decide(clause, base, norm, document.text, meeting, run, block.start)
                    if found is not None:
                        directives.append(found)
                    passed_over = clause if found is None else None
                previous_line = block.start
        return Extraction(document.source, self.pack.code, meeting, directives)

    def _is_heading(self, line: Span) -> bool:
        if len(line) > 14 or line[-1].text in self.pack.terminators or line[-1].text == ":":
            return False
        cased = [t for t in line if t.is_alpha and t.text.lower() != t.text.upper()]
        return len(cased) >= 2 and all(t.is_upper for t in cased)

    def _span_text(self, norm: Normalized, original: str, start: int, end: int) -> tuple[int, int, str]:
        a, b = norm.to_original(start), norm.to_original(end)
        return a, b, original[a:b]

    def _tokens_text(self, tokens, base: int, norm: Normalized, original: str) -> str:
        if not tokens:
            return ""
        start = base + tokens[0].idx
        end = base + tokens[-1].idx + len(tokens[-1])
        return self._span_text(norm, original, start, end)[2].strip()

    def _main_cue(self, cues):
        """The clause's governing cue: the earliest, the heaviest on a tie."""
        if not cues:
            return None
        return min(cues, key=lambda c: (c[1].start, -_get(c[0], "weight", 0.6)))

    def _attach(self, clause: Clause, run: RunState, norm: Normalized, original: str,
                base: int, meeting: date | None, line_start: int) -> bool:
        """"Owner: Tom." / "Due: 3 March." complete the directive before them."""
        first = self._first_content(clause)
        label = next((s for s in clause.spans if s.label_.startswith("attach:")
                      and s.start in (first, clause.content_start)), None)
        if label is None:
            return False
        target = run.last
        if target is None or run.last_line not in (line_start, run.previous_line):
            return False  # only the directive on this line or the line before
        doc = clause.span.doc
        rest = list(doc[label.end:self._last_content(clause)])
        if label.label_ == "attach:owner":
            owner = self.roles.trim(rest)
            if owner:
                target.responsible = [self._tokens_text(owner, base, norm, original)]
                target.responsible_inherited = False
                target.rules.append("owner-label")
        elif rest:
            local_start = rest[0].idx
            local = norm.text[base + local_start:base + rest[-1].idx + len(rest[-1])]
            matches = self.grammar.find_bare(local)
            if matches:
                m = matches[0]
                a, b, text = self._span_text(norm, original, base + local_start + m.start,
                                             base + local_start + m.end)
                target.deadline = Deadline(text, resolve(m, meeting))
            else:
                a, b, text = self._span_text(norm, original, base + local_start,
                                             base + local_start + len(local))
                target.deadline = Deadline(text, None)
            target.rules.append("due-label")
        return True

    def _leading_party(self, clause: Clause, cue=None) -> list[Token]:
        """A party that opens a clause with no cue of its own ("The Ministry
        of Finance arranges funds ...", the present tense of machine
        translation), or opens the content of a cue that names nobody
        ("directed that the Ministry ...", "ہدایت کی کہ تمام ممبران ...")."""
        doc = clause.span.doc
        start = self._first_content(clause)
        if cue is not None:
            cue_def, span = cue
            if _get(cue_def, "position") == "start":
                return []  # "Report to the PPC monthly": what follows a verb is its object
            if span.start <= start or _get(cue_def, "position") != "end":
                start = max(start, span.end)
        while start < clause.span.end and (doc[start].lower_ in self.pack.complementizers
                                           or doc[start].is_punct):
            start += 1
        return self.roles.leading(list(doc[start:clause.span.end]), self._body_noun_tokens(clause))

    def _is_passive(self, clause: Clause, cue: Span) -> bool:
        doc = clause.span.doc
        return cue.end < clause.span.end and doc[cue.end].lower_ in self.pack.passive_markers

    def _opens_with_owner(self, clause: Clause) -> bool:
        first = self._first_content(clause)
        return any(s.label_ == "attach:owner" and s.start in (first, clause.content_start) for s in clause.spans)

    def _decide(self, clause: Clause, base: int, norm: Normalized, original: str,
                meeting: date | None, run: RunState, line_start: int, boost: float = 0.0) -> Directive | None:
        doc, span = clause.span.doc, clause.span
        labels = clause.labels
        if not clause.cues and not run.active and not clause.labels & QUICK_LABELS:
            return None  # nothing can make this clause a directive
        if self._attach(clause, run, norm, original, base, meeting, line_start):
            return None
        cues = self._live_cues(clause)
        best = self._main_cue(cues)
        last = self._last_content(clause)
        content = range(self._first_content(clause), last)  # its length is what matters
        if "closer" in labels:
            run.end()
        opener = "opener" in labels or (best is not None and _get(best[0], "kind") == "request")
        if opener and last < span.end and doc[last].text == ":" or (
            "opener" in labels and doc[span.end - 1].text == ":" and len(content) <= 6
        ):
            # "The Minister requested:" opens a run and is no directive itself.
            run.active = run.explicit = True
            if best is not None:
                party, _ = self._body(clause, best[0], best[1])
                run.party = [self._tokens_text(party, base, norm, original)] if party else []
            issuer = self._issuer(clause, best[1] if best else None)
            run.issuer = self._tokens_text(issuer, base, norm, original) if issuer else run.issuer
            return None
        if best is None and last < span.end and doc[last].text == ":" and len(content) <= 16:
            # "2. Provincial Police:" names the party of the items under it.
            leading = self._leading_party(clause)
            if leading and run.active:
                run.party = [self._tokens_text(leading, base, norm, original)]
                return None
        if len(content) < 2:
            return None

        rules: list[str] = []
        score = 0.0
        if best is not None:
            score = _get(best[0], "weight", 0.6)
            rules.append(_get(best[0], "kind"))
        elif run.active and run.explicit:
            score = RUN_BASE
            rules.append("run")
        elif run.active and self._leading_party(clause, None):
            score = RUN_BASE
            rules.append("run-subject")
        if boost:
            score = max(score, RUN_BASE) + boost
            rules.append("owner-follows")
        if clause.owner_prefix and score < OWNER_PREFIX_WEIGHT:
            score = OWNER_PREFIX_WEIGHT
            rules.append("owner-prefix")
        if run.active and (best is not None or run.explicit or rules == ["run-subject"]):
            score += RUN_BONUS if run.explicit else RUN_BONUS / 2
            rules.append("in-run")
        if score == 0.0:
            run.end()
            return None

        found, past = self._deadline(clause, norm, meeting, base)
        deadline_spans = []
        if found is not None:
            score += 0.15
            rules.append("deadline")
            deadline_spans.append((found[0].start + span.start_char, found[0].end + span.start_char))
        penalty, negatives = self._penalties(clause, deadline_spans, meeting)
        if past:
            penalty += 0.3
            negatives.append("past-date")
        if (best is None or _get(best[0], "kind") not in ("ask", "request")) and doc[last].text in self.pack.questions \
                if last < span.end else False:
            penalty += 0.3  # "Do we still need to update it?" asks, it does not direct
            negatives.append("question")
        if not clause.bullet and not clause.speaker and doc[last - 1 if last else 0].i == len(doc) - 1 \
                and span.end == len(doc) and doc[-1].text not in self.pack.terminators \
                and doc[-1].text not in self.pack.clause_splitters and doc[-1].text not in ":?" and len(content) > 3:
            penalty += 0.15  # a line with no closing stop: a title, a heading, a caption
            negatives.append("no-stop")
        if clause.bullet and run.active:
            score += 0.05
        urgent = "urgent" in labels
        recurring = "recurring" in labels
        if urgent:
            score += 0.05

        party_tokens, role = self._body(clause, best[0], best[1]) if best else ([], "none")
        if best is not None and role == "subject" and self._is_passive(clause, best[1]):
            party_tokens = []
        party: list[str] = []
        side = _get(best[0], "body", "none") if best else "none"
        body_nouns = self._body_noun_tokens(clause)
        # "... and X is responsible for it": a responsibility cue names the party
        # even when another cue governs the clause
        for cue, cue_span in cues:
            if _get(cue, "kind") == "responsibility" and (cue, cue_span) != best:
                held, _ = self._body(clause, cue, cue_span)
                if held:
                    party_tokens, role = held, "owner"
                    break
        owner = self._owner_inside(clause)
        if owner:
            party_tokens, role = owner, "owner"
        if party_tokens and role == "addressee" and not self.roles.is_party(party_tokens, body_nouns):
            # "X theo dõi, đôn đốc việc thực hiện": the cue is a verb of X's, not a request to someone
            doc = clause.span.doc
            party_tokens = self.roles.leading(list(doc[self._first_content(clause):best[1].start]), body_nouns)
            role = "subject" if party_tokens else "none"
        if party_tokens and " ".join(t.lower_ for t in party_tokens) in self.pack.addressee_pronouns:
            party_tokens, role = self._vocative(clause, best[1]), "addressee"
        if clause.owner_prefix and side in ("none", "speaker") or clause.owner_prefix and not party_tokens:
            party, role = [clause.speaker], "owner"
        elif side == "speaker":
            party = [clause.speaker] if clause.speaker else []
            if not party:
                # '"I will chair it," Minister X said': the one quoted
                quoted = self._issuer(clause, None)
                if quoted and any(t.is_title or not t.is_ascii for t in quoted):
                    party, role = [self._tokens_text(quoted, base, norm, original)], "speaker"
        elif party_tokens and party_tokens[0].lower_ in self.pack.speaker_pronouns and len(party_tokens) == 1:
            party = [clause.speaker] if clause.speaker else []
        elif party_tokens and (role in ("addressee", "owner") or self.roles.is_party(party_tokens, body_nouns)):
            party = [self._tokens_text(party_tokens, base, norm, original)]
        if not party and (best is None or side == "none"):
            leading = self._leading_party(clause, best)
            if leading:
                party_tokens, role = leading, "subject"
                party = [self._tokens_text(leading, base, norm, original)]
        if party:
            score += 0.05
            rules.append(role)
        elif best is not None and _get(best[0], "needs_party", False) and not (
                party_tokens and party_tokens[0].lower_ in self.pack.speaker_pronouns):
            score -= 0.3
            rules.append("-no-party")
        score = round(score - penalty, 6)  # sums of tenths must not miss the threshold by 1e-16
        rules += [f"-{n}" for n in negatives]
        if score < THRESHOLD:
            if not clause.bullet or not run.explicit:
                run.end()
            return None

        inherited = False
        if not party and run.active and run.party and side != "speaker":
            party, inherited = list(run.party), True
            rules.append("inherited")
        issuer_tokens = self._issuer(clause, best[1] if best else None)
        issuer = self._tokens_text(issuer_tokens, base, norm, original) if issuer_tokens else None
        if issuer is None and run.active and side != "speaker":
            issuer = run.issuer
        if issuer is None and clause.speaker and side != "speaker":
            issuer = clause.speaker  # who asked, in a transcript
        first = doc[clause.content_start] if clause.content_start < span.end else doc[span.start]
        start, end, text = self._span_text(norm, original, base + first.idx, base + span.end_char)
        text_stripped = text.rstrip()
        end -= len(text) - len(text_stripped)
        deadline = None
        if found is not None:
            match, resolved = found
            _, _, d_text = self._span_text(
                norm, original, base + span.start_char + match.start, base + span.start_char + match.end)
            deadline = Deadline(d_text, resolved)
        action = self._action(clause, best, party_tokens, base, norm, original) or text_stripped
        directive = Directive(
            text=text_stripped, start=start, end=end, action=action,
            responsible=party, responsible_inherited=inherited, issuer=issuer or None,
            deadline=deadline, urgent=urgent, recurring=recurring,
            confidence=max(0.05, min(0.99, score)), speaker=clause.speaker, time=clause.time,
            rules=rules,
        )
        if party and not inherited and (best is None or side in ("after", "before", "label", "slice")):
            run.party = party
        if best is not None and _get(best[0], "kind") == "request":
            run.active = True
        run.issuer = issuer or run.issuer
        run.last = directive
        run.last_line = line_start
        return directive

    def _body_noun_tokens(self, clause: Clause) -> set[int]:
        if clause.body_nouns is None:
            clause.body_nouns = {i for s in clause.spans if s.label_ == "body_noun" for i in range(s.start, s.end)}
        return clause.body_nouns

    def _action(self, clause, best, party_tokens, base, norm, original) -> str:
        """What must be done: the clause after its cue and addressee."""
        doc = clause.span.doc
        if best is None:
            start = self._first_content(clause)
        else:
            cue = best[1]
            start = cue.end
            if party_tokens and party_tokens[-1].i >= cue.end:
                start = party_tokens[-1].i + 1
            if _get(best[0], "position", "any") == "end" or cue.end >= self._last_content(clause):
                start = party_tokens[-1].i + 1 if party_tokens else self._first_content(clause)
        end = self._last_content(clause)
        while start < end and (doc[start].is_punct or doc[start].lower_ in self.pack.complementizers
                               or doc[start].lower_ in self.pack.body_stop):
            start += 1
        if end - start < 2:
            return ""
        return self._tokens_text([doc[start], doc[end - 1]], base, norm, original)

    def _table_row(self, block: Block, doc: Doc, norm: Normalized, original: str,
                   meeting: date | None) -> Directive | None:
        cells = block.cells or {}
        action = (cells.get("action") or "").strip()
        if not action:
            return None
        owner = (cells.get("owner") or "").strip()
        due = (cells.get("due") or "").strip()
        deadline = None
        if due:
            matches = self.grammar.find_bare(due)
            resolved = resolve(matches[0], meeting) if matches else None
            deadline = Deadline(due, resolved)
        start, end, text = self._span_text(norm, original, block.start, block.end)
        labels = {s.label_ for s in doc.spans[SPAN_KEY]}
        return Directive(
            text=text, start=start, end=end, action=action,
            responsible=[owner] if owner else [], deadline=deadline,
            urgent="urgent" in labels, recurring="recurring" in labels,
            confidence=0.9 if owner and deadline else 0.8, rules=["table-row"],
        )


def _content_end(doc: Doc, start: int, end: int) -> int:
    """End of the words between start and end, closing punctuation left out."""
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return end


def _last_word(sent: Span) -> Token:
    return sent.doc[max(sent.start, _content_end(sent.doc, sent.start, sent.end) - 1)]


def _year(text: str) -> int | None:
    return int(text) if len(text) == 4 and text.isdigit() and text[:2] in ("19", "20") else None


def _get(cue, key, default=None):
    return cue.get(key, default) if isinstance(cue, dict) else getattr(cue, key, default)


_EXTRACTORS: dict[str, Extractor] = {}


def get_extractor(code: str) -> Extractor:
    if code not in _EXTRACTORS:
        _EXTRACTORS[code] = Extractor(code)
    return _EXTRACTORS[code]


def extract(document: Document, lang: str = "auto", meeting_date: date | None = None) -> Extraction:
    """Directives of a document. `lang` is a pack code or "auto"."""
    if lang == "auto":
        lang = detect_language(document.text)
    elif lang not in available():
        raise DocketError(f"unknown language {lang!r} (docket knows {', '.join(available())})")
    return get_extractor(lang).extract(document, meeting_date)
