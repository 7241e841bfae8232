"""NFC by clusters with offsets back to the text as read
(extractor/normalize.py): the fast path copies stretches NFC leaves alone,
and must fold and map exactly as folding every cluster one by one would."""
from __future__ import annotations

import unicodedata

import pytest

from docket.extractor.normalize import normalize


def by_clusters(text: str) -> tuple[str, list[int]]:
    """Every cluster (a character and the marks after it) folded on its own."""
    out, offsets, i = [], [], 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        cluster = unicodedata.normalize("NFC", text[i:j])
        out.append(cluster)
        offsets += [i] * len(cluster)
        i = j
    return "".join(out), offsets + [len(text)]


CASES = [
    ("marks after plain letters", "Tha\u0300nh pho\u0302\u0301 ho\u0323p."),
    ("a mark opening the text", "\u0301abc"),
    ("a mark at the very end", "ve\u0300"),
    ("a singleton folds without a mark", "10 \u212b and \u2126"),
    ("an excluded letter unfolds into two", "ab\u0958cd"),
    ("a mark after a letter that folds", "x\u212b\u0301y"),
    ("marks that compose with nothing", "q\u0323\u0307 re\u0301"),
    ("regex metacharacters next to marks", "]\u0301 \\\u0300 ^- [a\u0301]"),
]


@pytest.mark.parametrize("name,text", CASES, ids=[c[0] for c in CASES])
def test_fast_path_folds_like_every_cluster(name, text):
    norm = normalize(text, {})
    folded, offsets = by_clusters(text)
    assert norm.text == folded
    assert [norm.to_original(k) for k in range(len(folded) + 1)] == offsets


def test_composed_text_is_left_alone():
    norm = normalize("Thành phố họp.", {})
    assert norm.text == "Thành phố họp." and norm.to_original(5) == 5


@pytest.mark.parametrize(
    "char_map, text",
    [
        ({"ي": "ی", "ك": "ک", "۱": "1", "۲": "2"}, "اجلاس ۱۲ جنوري كو ہوا، يہ طے پايا۔"),
        ({"’": "'", "“": '"', "”": '"'}, "The chair’s “final” word.\nNo mapped character here."),
        ({"’": "'"}, "nothing to map"),
        ({"x": "yz", "q": ""}, "xqx and q"),  # a character may map to several or to none
        ({"’": "'"}, "Tha\u0300nh pho\u0302\u0301’s plan"),  # mapped, then NFC
    ],
)
def test_the_character_map_folds_as_str_translate(char_map, text):
    expected = unicodedata.normalize("NFC", text.translate(str.maketrans(char_map)))
    assert normalize(text, char_map).text == expected


def test_a_character_map_key_of_two_characters_is_refused_as_before():
    with pytest.raises(ValueError):
        normalize("text", {"ab": "c"})
