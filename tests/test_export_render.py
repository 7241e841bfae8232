"""The Word list as a reader sees it: rendered by LibreOffice to PDF and
PNG (tests/render_pages.py), for an English, an Urdu and a Vietnamese list.
Skipped where LibreOffice or poppler is not installed."""
from __future__ import annotations

import re
import statistics
import subprocess

import pytest

from export_samples import PRODUCED, TODAY, sample_items
from render_pages import missing_tools, page_count, to_pdf, to_png
from docket.exports import ExportOptions, export

pytestmark = pytest.mark.skipif(bool(missing_tools()), reason="LibreOffice or poppler-utils not installed")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    folder = tmp_path_factory.mktemp("render")
    documents = []
    for lang in ("en", "ur", "vi"):
        path = folder / f"list-{lang}.docx"
        export(sample_items(), path, ExportOptions(TODAY, produced=PRODUCED, lang=lang, group_by="body",
                                                   organisation="Office", reference="7/A"))
        documents.append(path)
    return {pdf.stem.split("-")[1]: pdf for pdf in to_pdf(documents, folder / "pdf")}


def text_of(pdf) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


def fonts_of(pdf) -> str:
    return subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout


@pytest.mark.parametrize("lang, footer", [("en", "Page {} of {}"), ("vi", "Trang {}/{}")])
def test_the_page_footer_is_filled_in_the_lists_language(rendered, lang, footer):
    pages = page_count(rendered[lang])
    text = text_of(rendered[lang])
    assert pages > 1  # one item is 600 words long
    assert all(footer.format(page, pages) in text for page in range(1, pages + 1))


def test_vietnamese_renders_with_its_diacritics(rendered):
    text = text_of(rendered["vi"])
    assert "Danh mục nhiệm vụ" in text and "QUÁ HẠN" in text and "ngày 11/03/2025" in text


def word_heights(pdf) -> list[float]:
    boxes = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-bbox", str(pdf), "-"], check=True,
                           capture_output=True, text=True).stdout
    return [float(y_max) - float(y_min)
            for y_min, y_max in re.findall(r'<word [^>]*yMin="([\d.]+)" [^>]*yMax="([\d.]+)"', boxes)]


def test_urdu_renders_in_nastaliq_with_the_title_at_full_size(rendered):
    assert "NastaliqUrdu" in fonts_of(rendered["ur"])  # needs fonts-noto-extra
    heights = word_heights(rendered["ur"])
    # the title's size is w:szCs for Urdu: without it the title is as small as the text under it
    assert max(heights) > 1.5 * statistics.median(heights)


def test_pages_become_pictures_to_look_at(rendered):
    pngs = to_png(rendered["en"], resolution=30)
    assert len(pngs) == page_count(rendered["en"]) and all(png.stat().st_size > 1000 for png in pngs)
