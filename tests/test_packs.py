"""Language packs: valid data, words that docket's own tokenizer matches,
language detection, and folding (Urdu letter variants, Vietnamese NFC/NFD)."""
from __future__ import annotations

import unicodedata

import pytest

from docket.extractor.detect import detect_language
from docket.extractor.lang import available, load_pack
from docket.extractor.nlp import SPAN_KEY, build_nlp, fold

LANGS = ["en", "ur", "vi"]


def test_every_language_is_installed():
    assert set(LANGS) <= set(available())


@pytest.mark.parametrize("lang", LANGS)
def test_every_listed_phrase_matches_itself_through_the_tokenizer(lang):
    """A phrase the tokenizer splits differently in running text would never
    match: each is embedded in a sentence and must be found there."""
    pack, nlp = load_pack(lang), build_nlp(lang)
    # cues checked against the word before them are tested in test_extract_rules
    lists = {f"cue {c.kind}": c.phrases for c in pack.cues if not c.previous_suffix}
    lists |= {f"negative {n.kind}": n.phrases for n in pack.negatives}
    lists |= {"urgent": pack.urgent, "recurring": pack.recurring, "body nouns": pack.body_nouns,
              "issuer titles": pack.issuer_titles, "run openers": pack.run_openers}
    missing = []
    for name, phrases in lists.items():
        for phrase in phrases:
            text = fold(f"xx {phrase} xx", pack)
            doc = nlp(text)
            target = fold(phrase, pack).lower()
            if not any(s.text.lower() == target for s in doc.spans[SPAN_KEY]):
                missing.append((name, phrase))
    assert not missing, missing


@pytest.mark.parametrize("text, lang", [
    ("The Minister requested all ministries to send their plans by March.", "en"),
    ("ACTION: Priya to circulate the draft by Friday", "en"),
    ("Report of the Minister Nguyễn Văn Thị on Project 06 in Hà Nội.", "en"),
    ("Yêu cầu các bộ, ngành báo cáo.", "vi"),
    ("Bo Cong an chu tri, phoi hop voi cac bo nganh dia phuong.", "en"),  # no diacritics: not decidable
    ("Sở Y tế khẩn trương triển khai kế hoạch.", "vi"),
    ("وزیر نے وزارتوں سے درخواست کی کہ Thanh Hoa میں کام تیز کریں۔", "ur"),
    ("وزير نے وزارتوں سے درخواست كي", "ur"),
])
def test_language_detection(text, lang):
    assert detect_language(text) == lang


def _plain_scores(text: str) -> dict[str, float]:
    """detect_language's scores written the plain way, a character at a time:
    the reference its per-character counts must equal."""
    import re
    from collections import Counter

    from docket.extractor.detect import SAMPLE_CHARS
    from docket.extractor.lang import load_detection

    sample = unicodedata.normalize("NFC", text[:SAMPLE_CHARS]).lower()
    letters = [c for c in sample if c.isalpha()]
    words = Counter(re.findall(r"\w+", sample))
    scores = {}
    for code in available():
        pack = load_detection(code)
        own = set(pack.detect.get("letters", ""))
        share = sum(1 for c in letters if c in own) / len(letters) if own and letters else 0.0
        common = {str(w).lower() for w in pack.detect.get("words", [])}
        scores[code] = (float(pack.detect.get("letter_weight", 3.0)) * share
                        + sum(words[w] for w in common) / (sum(words.values()) or 1))
    return scores


@pytest.mark.parametrize("seed", range(40))
def test_language_detection_counts_as_the_plain_definition(seed):
    """Mixed scripts, marks written decomposed, digits and punctuation only,
    empty text: the language chosen is the best of the plain scores (ties to
    the first pack, nothing above zero to the fallback)."""
    import random

    rng = random.Random(seed)
    pieces = ["the ministry shall report", "Bộ Tài chính báo cáo", "وزارت خزانہ رپورٹ دے",
              unicodedata.normalize("NFD", "Sở Y tế khẩn trương"), "2025-03-01 (12/4)", "ĐỒNG Ý", "  \n",
              "ß ǅ İ"]
    text = " ".join(rng.choice(pieces) for _ in range(rng.randrange(0, 12)))
    scores = _plain_scores(text)
    best = max(scores.values())
    chosen = detect_language(text)
    if best > 0:
        assert scores[chosen] == best and chosen == next(code for code in available() if scores[code] == best)
    else:
        assert chosen == detect_language("")  # the fallback


def test_urdu_letter_variants_match_alike(only):
    standard = only("مقامی پولیس کو 30 دن کے اندر رپورٹ جمع کرانی چاہیے۔", "ur")
    arabic = only("مقامی پولیس كو 30 دن كے اندر رپورٹ جمع كرانی چاہيے۔", "ur")
    assert standard.deadline.date == arabic.deadline.date
    assert arabic.responsible == ["مقامی پولیس"]


def test_vietnamese_nfc_and_nfd_give_the_same_result(run):
    text = "Giao Sở Tài chính chủ trì bố trí kinh phí, hoàn thành trong quý II/2025.\n"
    nfc = run(unicodedata.normalize("NFC", text), "vi").directives
    nfd_text = unicodedata.normalize("NFD", text)
    nfd = run(nfd_text, "vi").directives
    assert len(nfc) == len(nfd) == 1
    assert nfd[0].deadline.date == nfc[0].deadline.date
    assert unicodedata.normalize("NFC", nfd[0].responsible[0]) == nfc[0].responsible[0] == "Sở Tài chính"
    assert nfd_text[nfd[0].start:nfd[0].end] == nfd[0].text


def test_vietnamese_syllables_match_multi_syllable_words_only_as_words(run):
    # "giao" assigns; "giao dịch" (transaction) and "giao thông" (traffic) do not
    assert run("Giao Sở Giao thông vận tải kiểm tra cầu yếu trước ngày 30/4/2025.", "vi").directives
    assert not run("Giao dịch điện tử và giao thông thông minh tăng mạnh.", "vi").directives


@pytest.fixture
def pack_copy(tmp_path, monkeypatch):
    """A copy of the English pack under tmp_path as pack "xx", loaded from there."""
    import shutil

    import docket.extractor.lang as lang_module

    shutil.copytree(lang_module.LANG_DIR / "en", tmp_path / "xx")
    text = (tmp_path / "xx" / "pack.yml").read_text(encoding="utf-8")
    (tmp_path / "xx" / "pack.yml").write_text(text.replace("code: en", "code: xx"), encoding="utf-8")
    monkeypatch.setattr(lang_module, "LANG_DIR", tmp_path)
    lang_module.load_pack.cache_clear()
    yield tmp_path / "xx"
    lang_module.load_pack.cache_clear()


def _edit(folder, name, old, new):
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_intact_pack_copy_loads(pack_copy):
    from docket.extractor.lang import CueKind, load_pack

    pack = load_pack("xx")
    assert pack.code == "xx" and CueKind.REQUEST in {c.kind for c in pack.cues}


@pytest.mark.parametrize("name, old, new, message", [
    # a misspelled top-level key, named with its file
    ("cues.yml", "body_strip:", "body_stirp:", "xx/cues.yml: unknown key 'body_stirp'"),
    ("signals.yml", "run_openers:", "run_opener:", "xx/signals.yml: unknown key 'run_opener'"),
    ("pack.yml", "bullets:", "bullet:", "xx/pack.yml: unknown key 'bullet'"),
    # a misspelled key inside an entry or a section
    ("cues.yml", "    weight: 0.8\n", "    wieght: 0.8\n", r"xx/cues.yml: cues\[0\]: unknown key 'wieght'"),
    ("pack.yml", "  titles:", "  title:", "xx/pack.yml: sentence: unknown key 'title'"),
    ("dates.yml", "{kind: date, regex:", "{kind: date, regexp:", r"xx/dates.yml: phrases\[0\]: unknown key 'regexp'"),
    # kinds and sides the engine does not know
    ("cues.yml", "kind: request", "kind: requets", "unknown CueKind 'requets'"),
    ("cues.yml", "    body: after", "    body: sideways", "unknown BodySide 'sideways'"),
    ("signals.yml", "kind: past", "kind: pasts", "unknown SignalKind 'pasts'"),
    ("dates.yml", "{kind: date, regex:", "{kind: fortnight, regex:", "unknown DateKind 'fortnight'"),
    ("pack.yml", "typology: head_initial", "typology: head_middle", "unknown Typology 'head_middle'"),
    # a required key left out, and a value of the wrong type
    ("pack.yml", "bullets:", "# bullets:", "xx/pack.yml: bullets is missing"),
    ("cues.yml", "    weight: 0.8\n", "    weight: high\n", "weight: must be a number"),
])
def test_a_malformed_pack_fails_at_load_naming_file_and_key(pack_copy, name, old, new, message):
    from docket.extractor.lang import PackError, load_pack

    _edit(pack_copy, name, old, new)
    with pytest.raises(PackError, match=message):
        load_pack("xx")
