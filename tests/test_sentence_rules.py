"""SentenceRules on a pack with a run-on rule (ur: a stretch of more than
`runon_words` tokens with no stop and no pause ends after a verb-final word
unless a joiner follows it)."""
import numpy
import pytest

from docket.extractor.lang import load_pack
from docket.extractor.nlp import FEW_WORDS, SENTS_KEY, build_nlp, positions_in

FILLER = "رپورٹ"  # neither an ender nor a joiner


def stretch(before: int, middle: str, after: int) -> str:
    return " ".join([FILLER] * before + middle.split() + [FILLER] * after)


@pytest.mark.parametrize("text, starts", [
    (stretch(14, "کریں محکمہ", 14), [0, 15]),  # long, an ender, then a word: a new sentence at the word
    (stretch(14, "کریں محکمہ", 14) + " کریں " + stretch(0, "محکمہ", 3), [0, 15, 31]),  # each ender
    (stretch(14, "کریں اور", 14), [0]),  # a joiner follows the ender
    (stretch(14, "کریں ، محکمہ", 14), [0]),  # a pause: the writer punctuated the stretch
    (stretch(5, "کریں محکمہ", 5), [0]),  # short: no run-on
    (stretch(1, "کریں محکمہ", 27), [0]),  # an ender within two tokens of the stretch's start
    (stretch(27, "کریں", 0), [0]),  # an ender at the stretch's end
    (stretch(2, "،", 2) + "۔ " + stretch(14, "کریں محکمہ", 14), [0, 6, 21]),  # a pause in the sentence before only
    (stretch(14, "کریں محکمہ", 14) + "۔ " + stretch(2, "،", 2), [0, 15, 31]),  # a pause in the sentence after only
])
def test_runon_stretches_end_after_a_verb_final_word(text, starts):
    assert load_pack("ur").runon_words == 25  # the cases above are built for this limit
    assert build_nlp("ur")(text).user_data[SENTS_KEY] == starts


@pytest.mark.parametrize("count", [0, 1, FEW_WORDS, FEW_WORDS + 1, 40])
def test_positions_in_finds_what_numpy_isin_finds(count):
    rng = numpy.random.default_rng(count)
    ids = rng.integers(0, 2**64 - 1, size=300, dtype=numpy.uint64, endpoint=True)
    # some of the ids, and as many that are none of them (larger than any id would be rare: also one)
    words = numpy.sort(numpy.concatenate([rng.choice(ids, count // 2, replace=False),
                                          rng.integers(0, 2**64 - 1, size=count - count // 2, dtype=numpy.uint64)]))
    assert positions_in(ids, words).tolist() == numpy.flatnonzero(numpy.isin(ids, words)).tolist()
    assert positions_in(ids[:0], words).tolist() == []
    big = numpy.array([2**64 - 1], dtype=numpy.uint64)  # past every word: no match, no index error
    assert positions_in(big, words).tolist() == ([0] if 2**64 - 1 in words.tolist() else [])
