"""The clause reader's shortcuts give what the plain rules give: the
verb-final tail ends found back from the subordinators, a line's sentences
cut to the line, the pieces of a sentence at its splitters, a turn's name
sentence; a clause built at once has every field and stays frozen; page
chrome and capitals headings told without reading long lines to their end
(extractor/clauses.py, lines.py, nlp.sentences)."""
from __future__ import annotations

import dataclasses

import pytest

from docket.extractor import lines
from docket.extractor.clauses import Clause, SpanIndex
from docket.extractor.nlp import SPAN_KEY, TEXT_KEY, lower_words, sentences
from docket.extractor.pipeline import get_extractor
from docket.models.items import Block


def read(text: str, lang: str):
    extractor = get_extractor(lang)
    doc = extractor.nlp(text)
    doc.user_data[TEXT_KEY] = text
    clauses = extractor.reader.clauses(doc, doc[:], Block(0, len(text)), SpanIndex(doc.spans[SPAN_KEY]), True)
    return extractor.reader, doc, clauses


@pytest.mark.parametrize("lang, text, has_tail", [
    ("ur", "افسران رپورٹ جمع کرائیں، تاکہ کام وقت پر مکمل ہو۔", True),  # comma, then the subordinator
    ("ur", "ٹیم وہ فائل بھیجیں جو کل موصول ہوئی۔", True),  # the subordinator right after the verb
    ("ur", "افسران رپورٹ جمع کرائیں۔", False),  # no subordinator: no tail
    ("en", "Send the file, because the team must read it.", True),
    ("en", "Send the file to the team.", False),
])
def test_tail_ends_are_the_positions_before_tail_accepts(lang, text, has_tail):
    reader, doc, clauses = read(text, lang)
    words = lower_words(doc)
    for clause in clauses:
        lo = max(clause.main, clause.span.start) + 1
        every = [i for i in range(lo, clause.last) if reader.before_tail(doc, i, clause.main, clause.last, words)]
        assert reader._tail_ends(doc, lo, clause.main, clause.last, words) == every
        assert bool(every) == has_tail


def test_a_lines_sentences_stop_at_its_end():
    text = "First line here. It has two sentences.\nSecond line. Again two.\nThird line."
    doc = get_extractor("en").nlp(text)
    second = doc.char_span(text.index("Second"), text.index("\nThird"), alignment_mode="expand")
    found = [s.text for s in sentences(doc, second.start, second.end)]
    assert found == ["Second line.", "Again two."]
    assert [s.text for s in sentences(doc)][-1] == "Third line."  # the whole doc by default


@pytest.mark.parametrize("text, pieces", [
    ("Review the budget report; send the minutes to all members.", 2),
    ("Review the budget report and send the minutes to all members.", 1),  # no splitter
    ("Review it; send the minutes to all members.", 1),  # two words before the ';' are no clause
])
def test_a_sentence_is_cut_at_its_splitters(text, pieces):
    _, _, clauses = read(text, "en")
    assert len(clauses) == pieces


def test_a_list_of_examples_is_one_clause():
    text = "Sửa chữa các hạng mục như : nhà thi đấu ; trung tâm huấn luyện ; sân vận động."
    _, _, clauses = read(text, "vi")
    assert len(clauses) == 1


@pytest.mark.parametrize("text, name", [
    ("Good morning. Nick Broer, Interface Designer. Let us begin.", "Nick Broer"),
    ("Hello. Mara Lindqvist. I chair today.", "Mara Lindqvist"),
    ("The committee met today. The chair opened it.", None),  # 'committee' is no name word
    ("Good morning. Anna Maria Luisa Della Rosa. Welcome.", None),  # five words: longer than a name
    ("Good morning. Nick. Welcome.", None),  # one word: not a name sentence
    ("Good morning, all. Let us begin. Nick Broer.", None),  # only the first two sentences count
])
def test_a_turn_opening_with_a_name_sentence_names_its_speaker(text, name):
    reader = get_extractor("en").reader
    doc = get_extractor("en").nlp(text)
    doc.user_data[TEXT_KEY] = text
    line = doc[:]
    assert reader.self_named(doc, line, sentences(doc, line.start, line.end)) == name


def test_a_built_clause_has_every_field_and_stays_frozen():
    _, _, clauses = read("Priya will send the budget report to the board by Friday.", "en")
    clause = clauses[0]
    assert set(vars(clause)) == {f.name for f in dataclasses.fields(Clause)}
    assert clause.best is not None and clause.best in clause.live
    with pytest.raises(dataclasses.FrozenInstanceError):
        clause.first = 0


@pytest.mark.parametrize("text, chrome", [
    ("Share", True),
    ("Print this page", False),  # three words, no byline: a line of text
    ("Print page", True),
    ("News site | 12 May 2025", True),  # a short byline
    ("Send the report to the board", False),  # no stop, but a long line
    ("Send the report.", False),  # a stop: never chrome
])
def test_page_chrome_is_a_short_stopless_paragraph(text, chrome):
    extractor = get_extractor("en")
    doc = extractor.nlp(text)
    assert lines.is_chrome(doc[:], Block(0, len(text)), extractor.pack) is chrome


@pytest.mark.parametrize("text, heading", [
    ("PRESENT", False),  # one cased word: not enough to tell
    ("IN ATTENDANCE", True),
    ("ACTION ITEMS FOR THE BOARD", True),
    ("ACTION ITEMS for the board", False),  # a word in lower case
    ("Action items", False),
    ("ACTION ITEMS ARE LISTED BELOW.", False),  # a stop ends a sentence, not a heading
])
def test_a_line_in_capitals_is_a_heading(text, heading):
    extractor = get_extractor("en")
    doc = extractor.nlp(text)
    assert lines.is_heading(doc[:], Block(0, len(text)), False, extractor.pack) is heading


@pytest.mark.parametrize("lang, texts", [
    ("en", ["Send THE File to the Team.", "The team SENDS a new file; Ms. O'Neil reads it."]),
    ("ur", ["افسران رپورٹ جمع کرائیں۔", "ٹیم نئی فائل بھیجے، افسران پڑھیں۔"]),
    ("vi", ["Sở Xây dựng gửi báo cáo.", "UBND tỉnh GIAO Sở Tài chính kiểm tra."]),
])
@pytest.mark.parametrize("table_size", [100_000, 3])  # 3: the shared table is cleared while filling it
def test_lowered_words_are_each_tokens_lower_case(lang, texts, table_size, monkeypatch):
    from docket.extractor import nlp
    monkeypatch.setattr(nlp, "MAX_WORD_STRINGS", table_size)
    monkeypatch.setattr(nlp, "_word_strings", {})
    for text in texts:  # the second text finds some of its words in the table, some not
        doc = get_extractor(lang).nlp(text)
        assert lower_words(doc) == [token.lower_ for token in doc]
        assert lower_words(doc) is lower_words(doc)  # kept on the doc
    assert len(nlp._word_strings) <= max(table_size, len(doc))


@pytest.mark.parametrize("lang, text, spans", [
    ("en", "The Director asked the Finance Team to send the urgent report by Friday.", True),
    ("vi", "UBND tỉnh giao Sở Tài chính khẩn trương kiểm tra báo cáo.", True),
    ("ur", "محکمہ صحت فوری طور پر رپورٹ جمع کرائے۔", True),
    ("en", "Rain fell.", False),
])
def test_the_cue_spans_taken_are_the_span_groups(lang, text, spans):
    from docket.extractor.nlp import BUILT_KEY, take_cue_spans

    def key(found):
        return [(s.start, s.end, s.label_) for s in found]
    doc = get_extractor(lang).nlp(text)
    group = key(doc.spans[SPAN_KEY])
    assert bool(group) == spans
    assert key(take_cue_spans(doc)) == group
    assert BUILT_KEY not in doc.user_data  # taken: no list of the doc's spans left in the doc
    assert key(take_cue_spans(doc)) == group  # read from the group again


@pytest.mark.parametrize("text, repeated", [
    ("Photo: the new bridge\nWork went on.\nPhoto:  the new   bridge\n", ["Photo: the new bridge"] * 2),  # spacing aside
    ("Photo: the new bridge\nPhoto: the old bridge\n", []),  # different words
    ("Work went on.\nwork went on.\n", []),  # case counts
    (("word " * 21 + "\n") * 2, []),  # longer than a caption may be
    (("word " * 20 + "\n") * 2, ["word " * 19 + "word"] * 2),  # as long as one may be
    ("\n  \nText.\n", []),  # blank lines are no caption
])
def test_repeated_lines_are_short_lines_said_again(text, repeated):
    from docket.extractor.readers.text import paragraph_blocks
    found = lines.repeated_lines(text, paragraph_blocks(text))
    assert sorted(" ".join(text[a:b].split()) for a, b in found) == repeated


@pytest.mark.parametrize("lang, text, bodies", [
    ("en", "ACTION: the Director asked the Finance Team to send the urgent report weekly.", True),
    ("vi", "UBND tỉnh giao Sở Tài chính khẩn trương kiểm tra báo cáo hằng tháng.", True),
    ("en", "Rain fell.", False),
])
def test_a_clauses_labelled_spans_are_its_spans_of_that_label(lang, text, bodies):
    _, _, clauses = read(text, lang)
    asked = {"title", "body_noun", "urgent", "recurring", "attach:owner", "opener", "no such label"}
    for clause in clauses:
        for label in asked | clause.labels:
            assert clause.labelled(label) == [s for s in clause.spans if s.label_ == label]
    assert any(clause.labelled("body_noun") for clause in clauses) == bodies


@pytest.mark.parametrize("text, read", [
    ("**ACTION - Ana**: send it", "  ACTION - Ana  : send it"),  # a pair around words
    ("__Decision__ taken", "  Decision   taken"),
    ("a ** b", "a ** b"),  # touching no word
    ("***bold italic***", "***bold italic***"),  # a third mark: not this pair's business
    ("snake__case and x__", "snake  case and x  "),  # marks after a word, or before one
    ("end **\nnext", "end **\nnext"),  # before a line break, after a space: touches nothing
    ("(**note**)", "(  note  )"),
    ("", ""),
])
def test_strong_emphasis_marks_become_spaces(text, read):
    from docket.extractor.readers.text import paragraph_blocks
    assert lines.reading_text(text, paragraph_blocks(text)) == read


@pytest.mark.parametrize("text, topic", [
    ("Migrate the CI jobs #377", True),
    ("Migrate the CI jobs lang-team#91.", True),
    ("Fix the parser [#412](https://example.org/pull/412)", True),
    ("Review the budget (10m, Dana)", True),
    ("Review the budget (Dana, 15 minutes).", True),
    ("Review the budget (Dana)", False),  # no timebox in the brackets
    ("Send issue #12 to Dana by Friday.", False),  # the number does not close the line
    ("Dana will review the budget in 10m.", False),  # no brackets
    ("Dana will review the budget.", False),
])
def test_topic_titles_close_with_a_timebox_or_an_issue_number(text, topic):
    assert lines.is_topic_title(text, get_extractor("en").pack) == topic
