"""Right-to-left text in Word: the one place that knows the XML python-docx
has no switch for.

Word needs three things for an Urdu paragraph: the paragraph direction
(`w:bidi`), right-to-left runs (`w:rtl`) with a complex-script font that has
the Urdu glyphs (`w:rFonts/@w:cs`), and an alignment to the right edge.
Tables of mostly Urdu rows also run right to left (`w:bidiVisual`).
"""
from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

URDU_FONT = "Noto Nastaliq Urdu"
URDU_LANG = "ur-PK"

# w:pPr children that must come after w:bidi (ECMA-376 CT_PPrBase order).
_AFTER_BIDI = (
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    "w:pPrChange",
)
# w:rPr children that must come after w:szCs and after w:lang (CT_RPr order).
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
_AFTER_SZCS = ("w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
               "w:rtl", "w:cs", "w:em", "w:lang") + _AFTER_LANG


def set_rtl(paragraph: Paragraph) -> Paragraph:
    """Make `paragraph` an Urdu (right-to-left) paragraph; call it after the
    runs are added. Safe to call twice.

    In a `w:bidi` paragraph Word and LibreOffice read `w:jc` relative to the
    text direction: "left" is the start, which is the right edge of the page
    ("right" would push the text to the left margin). So the paragraph is
    aligned with `jc="left"`, which displays flush right."""
    pPr = paragraph._p.get_or_add_pPr()
    if pPr.find(qn("w:bidi")) is None:
        pPr.insert_element_before(OxmlElement("w:bidi"), *_AFTER_BIDI)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    for run in paragraph.runs:
        set_run_rtl(run)
    return paragraph


def set_run_rtl(run: Run) -> Run:
    """A right-to-left run in the Urdu font, with the Urdu language set so
    Word shapes and spell-checks it as Urdu."""
    run.font.rtl = True
    rPr = run._r.get_or_add_rPr()
    _urdu_font(rPr)
    rPr.get_or_add_rFonts().set(qn("w:hint"), "cs")
    return run


def set_style_urdu_font(style_element, size_pt: float) -> None:
    """The Urdu font as a style's complex-script font, so an Arabic-script
    character anywhere in the document renders, at a size of its own
    because Nastaliq needs more room than Latin text."""
    rPr = style_element.get_or_add_rPr()
    _urdu_font(rPr)
    set_complex_script_size(rPr, size_pt)


def set_complex_script_size(rPr, size_pt: float) -> None:
    """The size of complex-script (Urdu) text, `w:szCs`, which `font.size`
    (`w:sz`) does not touch: without it Urdu falls back to 10 pt."""
    size = rPr.find(qn("w:szCs"))
    if size is None:
        size = rPr.insert_element_before(OxmlElement("w:szCs"), *_AFTER_SZCS)
    size.set(qn("w:val"), str(round(size_pt * 2)))


def _urdu_font(rPr) -> None:
    rPr.get_or_add_rFonts().set(qn("w:cs"), URDU_FONT)
    lang = rPr.find(qn("w:lang"))
    if lang is None:
        lang = rPr.insert_element_before(OxmlElement("w:lang"), *_AFTER_LANG)
    lang.set(qn("w:bidi"), URDU_LANG)


def set_table_rtl(table: Table) -> Table:
    """Lay the table's columns out from right to left."""
    table._tbl.tblPr.get_or_add_bidiVisual()
    return table


def paragraph_is_rtl(paragraph: Paragraph) -> bool:
    """What a reader of the file sees: the paragraph carries w:bidi."""
    pPr = paragraph._p.pPr
    return pPr is not None and pPr.find(qn("w:bidi")) is not None
