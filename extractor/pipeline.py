"""From a Document to directives: the extractor's main path, as stages.

    normalize -> meeting date -> lines -> spaCy Doc per group of lines
    (sentences, cue spans) -> clauses (extractor.clauses) -> per clause:
    party finding (extractor.parties), deadline pick (extractor.deadlines),
    score (extractor.scoring), run transitions (extractor.runs)
    -> candidates (extractor.candidates) -> Directive records, mapped back
    to the text as read and their deadlines resolved, in one step.

A clause is a candidate when a cue fires (a request verb, an obligation
modal, minutes shorthand, a commitment, an imperative at its start) or when
it continues a run of directives opened by "the Minister requested:" or a
tasks heading. Signals of past reports, statistics, decisions, agenda,
captions and soft offers lower its score; the score is the confidence.
This module only orchestrates the stages.
"""
from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from docket.extractor import lines
from docket.extractor.candidates import Candidate, Judge, build_directives
from docket.extractor.clauses import ClauseReader, SpanIndex
from docket.extractor.dates import DateGrammar
from docket.extractor.deadlines import date_from_context, share_last_deadline
from docket.extractor.detect import detect_language
from docket.extractor.lang import LanguagePack, available, load_pack
from docket.extractor.meeting import meeting_date_and_source
from docket.extractor.nlp import TEXT_KEY, build_nlp, take_cue_spans
from docket.extractor.normalize import TextMap, normalize
from docket.extractor.runs import RunState
from docket.extractor.schema import CueKind
from docket.extractor.scoring import OWNER_BOOST
from docket.models.errors import DocketError
from docket.models.items import Block, Document, Extraction


class Extractor:
    """One language's extractor, built once and reused."""

    def __init__(self, code: str):
        self.pack: LanguagePack = load_pack(code)
        self.nlp = build_nlp(code)
        self.grammar = DateGrammar(self.pack.dates)
        self.reader = ClauseReader(self.pack)
        self.judge = Judge(self.pack, self.grammar)

    def extract(self, document: Document, meeting_date: date | None = None) -> Extraction:
        norm = normalize(document.text, self.pack.char_map)
        meeting, meeting_source = (meeting_date, "given") if meeting_date else meeting_date_and_source(
            norm.text, self.grammar, document.meeting_date_hint)
        blocks = lines.blocks(document, norm, self.pack)
        groups = lines.chunks(blocks)
        text = lines.reading_text(norm.text, blocks)
        run, candidates = RunState(), []
        self.repeated = lines.repeated_lines(text, blocks)
        docs = self.nlp.pipe(text[g[0].start:g[-1].end] for g in groups)
        for group, doc in zip(groups, docs):
            doc.user_data[TEXT_KEY] = text[group[0].start:group[-1].end]
            title = group[0] is blocks[0] and len(blocks) > 1
            candidates += self._group(group, doc, meeting, run, title)
        if meeting is None:
            date_from_context(candidates, text, self.grammar)
        directives = build_directives(candidates, TextMap(norm, document.text), meeting)
        return Extraction(document.source, self.pack.code, meeting, directives, meeting_source)

    def _group(self, group: list[Block], doc: Doc, meeting: date | None, run: RunState,
               title: bool) -> list[Candidate]:
        """The candidates of the lines that share one Doc."""
        base, index, found = group[0].start, SpanIndex(take_cue_spans(doc)), []
        for block in group:
            if block.kind == "table_row" and block.cells:
                found += filter(None, [self.judge.table_row(block, doc)])
                continue
            line = doc.char_span(block.start - base, block.end - base, alignment_mode="expand")
            if line is None or not len(line):
                continue
            spans = index.within(line.start, line.end)
            line_text = doc.user_data[TEXT_KEY][line.start_char:line.end_char]  # line.text, without a Token per word
            if block.kind in ("reference", "code") or lines.is_empty_field(line_text):
                continue  # links, code, a template's blank field: neither a directive nor a break in a run
            topic = lines.is_topic_title(line_text, self.pack) or lines.is_chrome(line, block, self.pack)
            if topic or lines.is_heading(line, block, title and block is group[0], self.pack):
                # a topic title ("Review the action items (5m, Lee)") or a page's
                # furniture ("Share") opens no run
                run.heading(not topic and any(s.label_ == "opener" for s in spans),
                            any(s.label_ == "statute" for s in spans))
                continue
            if run.statute:
                continue  # an item of a quoted statute of duties and powers: it tasks nobody now
            if line_text.rstrip().endswith(":") and any(s.label_ == "statute" for s in spans):
                run.quotes_statute()
                continue
            if not any(s.label_ not in ("body_noun", "title") for s in spans) and lines.is_label(line, block, self.pack):
                if run.active:  # "2. State Bank" in a run of tasks: the party of the items below
                    for clause in self.reader.clauses(doc, line, block, index, True):
                        self.judge.addresses_run(clause, base, run)
                continue
            if (block.start, block.end) in self.repeated and not any(s.label_.startswith(DIRECTING) for s in spans):
                continue  # a caption repeated under each photo: neither a directive nor comment
            run.next_line(block.start)
            found += self._line(self.reader.clauses(doc, line, block, index, run.active), base, meeting, run,
                                block.start)
        return found

    def _line(self, clauses, base: int, meeting: date | None, run: RunState, line: int) -> list[Candidate]:
        """A line's candidates. A clause that was no directive becomes one
        when the next clause opens with an owner label ("the roof will be
        repaired by 15 June; owner: Mr Aslam") and no directive of this line
        came before it."""
        found, passed_over, pieces = [], None, []
        for clause in clauses:
            if passed_over is not None and (run.last is None or run.last_line != line) \
                    and self.judge.opens_with_owner(clause):
                found += filter(None, [self.judge.judge(passed_over, base, meeting, run, line, OWNER_BOOST)])
            candidate = self.judge.judge(clause, base, meeting, run, line)
            if candidate is not None:
                found.append(candidate)
            passed_over = clause if candidate is None else None
            pieces.append((clause, candidate))
        share_last_deadline(pieces, self.judge.deadlines, base, meeting,
                            lambda clause: bool(self.judge.parties.leading(clause)))
        if len(found) > 1:  # "Yes. I'll attach it to an email.": the turn states the task it accepts
            found = [c for c in found if c.rules[0] != CueKind.REPLY] or found
        return found


# span labels that make a line more than a caption: cues, patterns, run openers and closers, labels
DIRECTING = ("cue:", "pattern:", "attach:", "opener", "closer")

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
