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


def test_a_malformed_pack_is_reported(tmp_path, monkeypatch):
    import docket.extractor.lang as lang_module

    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "pack.yml").write_text("code: xx\n", encoding="utf-8")
    (tmp_path / "xx" / "cues.yml").write_text("cues:\n  - kind: request\n    body: sideways\n", encoding="utf-8")
    (tmp_path / "xx" / "signals.yml").write_text("{}\n", encoding="utf-8")
    (tmp_path / "xx" / "dates.yml").write_text("{}\n", encoding="utf-8")
    monkeypatch.setattr(lang_module, "LANG_DIR", tmp_path)
    lang_module.load_pack.cache_clear()
    try:
        with pytest.raises(lang_module.PackError, match="body 'sideways'"):
            lang_module.load_pack("xx")
    finally:
        lang_module.load_pack.cache_clear()
