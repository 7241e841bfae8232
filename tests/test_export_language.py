"""The labels of each language (exports/labels/<code>.yml), their checks,
and docket.toml's export settings."""
from __future__ import annotations

from datetime import date

import pytest
import srsly

from docket.exports.language import LABELS_DIR, SCHEMA, available, load_labels, majority_language, read_labels
from docket.exports.settings import ExportSettings, load_settings
from docket.models.errors import ExportError
from docket.models.items import Status


def test_every_language_has_every_label():
    assert available() == ["en", "ur", "vi"]
    for code in available():
        labels = load_labels(code)
        assert set(labels.values) == set(SCHEMA)
        assert all(labels.status(status) for status in Status)


@pytest.mark.parametrize("lang, long, short, month", [
    ("en", "31 January 2025", "3 Feb 2025", "March 2025"),
    ("vi", "ngày 31/01/2025", "03/02/2025", "tháng 03/2025"),
    ("ur", "31 جنوری 2025", "3 فروری 2025", "مارچ 2025"),
])
def test_dates_in_each_language(lang, long, short, month):
    labels = load_labels(lang)
    assert labels.date(date(2025, 1, 31)) == long
    assert labels.date(date(2025, 2, 3), "short") == short
    assert labels.month(date(2025, 3, 1)) == month
    assert labels.date(None) == ""


def test_plurals_and_direction():
    en, ur = load_labels("en"), load_labels("ur")
    assert (en.plural("summary.actions", 1), en.plural("summary.actions", 2)) == ("1 action", "2 actions")
    assert ur.rtl and not en.rtl and not load_labels("vi").rtl


@pytest.mark.parametrize("change, message", [
    (lambda d: d["columns"].pop("remarks"), r"missing label columns.remarks"),
    (lambda d: d["columns"].update(colour="Colour"), r"unknown label columns.colour"),
    (lambda d: d["document"].update(page_of="Page {page} of {total}"), r"document.page_of uses \{total\}"),
    (lambda d: d["document"].update(page_of="Page {} of {}"), r"document.page_of uses"),
    (lambda d: d["dates"].update(months=["Jan"] * 11), r"dates.months must list the 12 months"),
    (lambda d: d["status"].update(done=""), r"status.done must be a non-empty text"),
    (lambda d: d["language"].update(direction="up"), r"language.direction must be one of ltr, rtl"),
])
def test_a_faulty_labels_file_is_an_error_naming_file_and_key(tmp_path, change, message):
    data = srsly.read_yaml(LABELS_DIR / "en.yml")
    change(data)
    path = tmp_path / "xx.yml"
    srsly.write_yaml(path, data)
    with pytest.raises(ExportError, match=f"^{path}: .*" + message):
        read_labels(path)


def test_a_labels_file_that_is_not_yaml_is_an_error(tmp_path):
    path = tmp_path / "xx.yml"
    path.write_text("columns: [unclosed\n", encoding="utf-8")
    with pytest.raises(ExportError, match=f"^{path}: not readable YAML"):
        read_labels(path)


def test_an_unknown_language_names_the_known_ones():
    with pytest.raises(ExportError, match=r"^no labels for language 'fr'; use one of: en, ur, vi$"):
        load_labels("fr")


@pytest.mark.parametrize("codes, expected", [
    (["vi", "vi", "en"], "vi"),
    (["ur", "en", "ur"], "ur"),
    (["en", "vi"], "en"),  # a tie: the first met
    (["fr", "fr", "vi"], "vi"),  # no labels for fr
    ([None, "?"], "en"),
    ([], "en"),
])
def test_the_default_language_is_the_one_most_items_are_in(codes, expected):
    assert majority_language(codes) == expected


# ---------------------------------------------------------------- docket.toml

def test_settings_come_from_docket_toml_beside_the_database(tmp_path):
    db = tmp_path / "docket.db"
    assert load_settings(db) == ExportSettings()
    (tmp_path / "docket.toml").write_text(
        '[export]\norganisation = "Sở Nội vụ"\nreference = "12/KH-SNV"\nlang = "vi"\n', encoding="utf-8")
    settings = load_settings(db)
    assert settings == ExportSettings("Sở Nội vụ", "12/KH-SNV", "vi")
    assert settings.overridden(reference="99/X", organisation=None).reference == "99/X"
    assert settings.overridden(reference="99/X", organisation=None).organisation == "Sở Nội vụ"


@pytest.mark.parametrize("text, message", [
    ("[export\n", r"not valid TOML"),
    ("[export]\norganization = 'x'\n", r"unknown key organization in \[export\]; use: lang, organisation, reference"),
    ("[exports]\nlang = 'vi'\n", r"docket reads only an \[export\] table \(found exports\)"),
    ("[export]\nreference = 12\n", r"\[export\] reference must be a text in quotes"),
])
def test_a_faulty_docket_toml_is_an_error_naming_the_file(tmp_path, text, message):
    (tmp_path / "docket.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ExportError, match=f"^{tmp_path / 'docket.toml'}: " + message):
        load_settings(tmp_path / "docket.db")
