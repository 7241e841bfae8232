"""WindowedMatcher: the Matcher run on windows around each pattern's required
word finds what spaCy's Matcher finds on the whole doc where its Position
wants it, in the same order."""
import random
from pathlib import Path

import pytest
from spacy.tokens import Doc

from docket.extractor.lang import load_pack
from docket.extractor.lang import Position
from docket.extractor.nlp import SENTS_KEY, WINDOW, WindowedMatcher, _span_of, build_nlp

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FILLER = ["x", "y", "the", "and", "کی", "ہے", "۔", "bộ", "và"]


def instance(pattern, rng):
    """Words that may match `pattern` (each token's listed words, a filler elsewhere)."""
    words = []
    for token in pattern:
        least, most = _span_of(token.get("OP"))
        for _ in range(rng.randint(least, most if most is not None else least + 3)):
            word = "Lan" if token.get("IS_TITLE") else rng.choice(FILLER)
            for attr, value in token.items():
                if isinstance(value, str) and attr != "OP":
                    word = value
                elif isinstance(value, dict) and value.get("IN"):
                    word = rng.choice(value["IN"])
            words.append(word)
    return words


@pytest.mark.parametrize("lang", ["en", "ur", "vi"])
def test_windows_find_the_whole_docs_matches_in_order(lang):
    nlp = build_nlp(lang)
    matchers = [m for m in nlp.get_pipe("docket_cues").matchers.values() if len(m)]
    patterns = [entry.pattern for entry in load_pack(lang).patterns]
    if not matchers:
        pytest.skip(f"{lang} has no Matcher patterns")
    rng = random.Random(7)
    docs = [nlp(p.read_text(encoding="utf-8")) for p in sorted((CORPUS / lang).glob("*.txt"))]
    sentences = nlp.get_pipe("docket_sentences")
    for _ in range(200):  # patterns glued, cut and overlapping, with filler between
        words = []
        for _ in range(rng.randint(1, 10)):
            words += [rng.choice(FILLER) for _ in range(rng.randint(0, 25))]
            piece = instance(rng.choice(patterns), rng)
            words += piece[rng.randint(0, len(piece) - 1):] if piece and rng.random() < 0.3 else piece
        docs.append(sentences(Doc(nlp.vocab, words=words or ["x"])))
    found = unplaced = 0
    for doc in docs:
        starts = doc.user_data[SENTS_KEY]
        for matcher in matchers:
            whole = matcher.matcher(doc)
            placed = [m for m in whole if matcher.placed(starts, len(doc), m[1], m[2])]
            assert matcher(doc) == placed
            found += len(placed)
            unplaced += len(whole) - len(placed)
    assert found > 20  # the generated docs do hold matches
    if any(m.position is not Position.ANY for m in matchers):
        assert unplaced  # ... and matches the Position leaves out


def test_window_is_around_the_rarest_required_word():
    nlp = build_nlp("en")
    matcher = WindowedMatcher(nlp)
    matcher.add("p", [{"LOWER": "the"}, {"LOWER": {"IN": ["due", "owed"]}}, {"LOWER": "date", "OP": "?"}], None)
    doc = Doc(nlp.vocab, words=["the"] * 30 + ["due", "date"] + ["the"] * 30)
    assert matcher.windows(doc) == [(28, 33)]  # "due" is rarer than "the": its reach, one token more
    assert matcher(doc) == matcher.matcher(doc) and len(matcher(doc)) == 2
    assert matcher.windows(Doc(nlp.vocab, words=["the", "date"])) == []


def test_unbounded_or_wordless_pattern_runs_on_the_whole_doc():
    nlp = build_nlp("en")
    doc = Doc(nlp.vocab, words=["a", "b", "due", "c"])
    unbounded = WindowedMatcher(nlp)
    unbounded.add("p", [{"LOWER": "due"}, {"IS_ALPHA": True, "OP": "+"}], "LONGEST")
    wordless = WindowedMatcher(nlp)
    wordless.add("p", [{"LOWER": {"REGEX": "^d"}}], None)
    assert unbounded.windows(doc) == wordless.windows(doc) == [(0, 4)]
    assert unbounded(doc) == unbounded.matcher(doc) != []


@pytest.mark.parametrize("position, words, kept", [
    # START: a match must start within WINDOW tokens of its sentence's start
    (Position.START, ["due"] + ["x"] * 30, [(0, 1)]),
    (Position.START, ["x"] * 30 + ["due"], []),
    (Position.START, ["x"] * 30 + [".", "Due"], [(31, 32)]),  # a sentence starts at "Due"
    # END: ... and end within WINDOW tokens of its end
    (Position.END, ["x"] * 30 + ["due"], [(30, 31)]),
    (Position.END, ["due"] + ["x"] * 30, []),
    (Position.END, ["x"] * 3 + ["due", ".", "Next"] + ["x"] * 30, [(3, 4)]),
])
def test_positioned_matcher_keeps_only_placed_matches(position, words, kept):
    nlp = build_nlp("en")
    matcher = WindowedMatcher(nlp, position)
    matcher.add("p", [{"LOWER": "due"}], None)
    doc = nlp.get_pipe("docket_sentences")(Doc(nlp.vocab, words=words))
    assert [(s, e) for _, s, e in matcher(doc)] == kept
    assert matcher.windows(doc) == [(max(0, s - 1), min(len(doc), e + 1)) for s, e in kept]  # none for an unplaced word


def test_no_window_where_another_required_word_is_out_of_reach():
    nlp = build_nlp("en")
    matcher = WindowedMatcher(nlp)
    matcher.add("p", [{"LOWER": "due"}, {"IS_ALPHA": True, "OP": "?"}, {"LOWER": "date"}], None)
    far = Doc(nlp.vocab, words=["due", "x", "x", "date", "due"])
    assert matcher.windows(far) == [] and matcher(far) == []
    near = Doc(nlp.vocab, words=["due", "x", "date"])
    assert matcher.windows(near) == [(0, 3)] and len(matcher(near)) == 1


@pytest.mark.parametrize("cap", [64, 0])  # 0: no subset Matcher may be built, the whole one runs
def test_a_window_runs_only_the_patterns_that_gave_it(monkeypatch, cap):
    monkeypatch.setattr("docket.extractor.nlp.SUBSETS", cap)
    nlp = build_nlp("en")
    matcher = WindowedMatcher(nlp)
    matcher.add("due", [{"LOWER": "due"}, {"LOWER": "by", "OP": "?"}], None)
    matcher.add("owed", [{"LOWER": "owed"}, {"LOWER": "by", "OP": "?"}], None)
    matcher.add("both", [{"LOWER": "due"}, {"LOWER": "and"}, {"LOWER": "owed"}], None)
    words = ["due", "by", "x", "x", "x", "x", "owed", "x", "x", "x", "x", "due", "and", "owed", "by"]
    doc = Doc(nlp.vocab, words=words)
    assert matcher(doc) == matcher.matcher(doc) and len(matcher(doc)) == 7
    assert set(matcher.subsets) == ({frozenset([0]), frozenset([1])} if cap else set())
