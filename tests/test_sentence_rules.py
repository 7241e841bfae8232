"""SentenceRules on a pack with a run-on rule (ur: a stretch of more than
`runon_words` tokens with no stop and no pause ends after a verb-final word
unless a joiner follows it)."""
import pytest

from docket.extractor.lang import load_pack
from docket.extractor.nlp import SENTS_KEY, build_nlp

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
])
def test_runon_stretches_end_after_a_verb_final_word(text, starts):
    assert load_pack("ur").runon_words == 25  # the cases above are built for this limit
    assert build_nlp("ur")(text).user_data[SENTS_KEY] == starts
