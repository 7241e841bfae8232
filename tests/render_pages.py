"""Word exports rendered as a reader sees them: LibreOffice turns each
.docx into PDF, poppler's pdftoppm turns the PDF into one PNG per page, to
look at. `make render` runs it over the demo's English, Urdu and Vietnamese
lists; tests/test_export_render.py over small ones (skipped without
LibreOffice).

    python tests/render_pages.py render/ en.docx ur.docx vi.docx

Needs `soffice` (libreoffice-writer), `pdfinfo` and `pdftoppm`
(poppler-utils) and, for Urdu, a Nastaliq font (fonts-noto-extra)."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

TOOLS = ("soffice", "pdfinfo", "pdftoppm")
TIMEOUT = 300  # seconds for one conversion; the demo's three lists take about 30 s on two cores


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def to_pdf(documents: list[Path], folder: Path) -> list[Path]:
    """PDFs of `documents` in `folder`, from one LibreOffice run. A private
    profile folder keeps it clear of a LibreOffice the user has open."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="docket-lo-") as profile:
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(folder), *map(str, documents)],
            check=True, capture_output=True, timeout=TIMEOUT,
        )
    pdfs = [folder / f"{document.stem}.pdf" for document in documents]
    absent = [pdf.name for pdf in pdfs if not pdf.exists()]
    if absent:
        raise RuntimeError(f"LibreOffice made no {', '.join(absent)}")
    return pdfs


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))


def to_png(pdf: Path, resolution: int = 80, last: int | None = None) -> list[Path]:
    """One PNG per page (up to `last`), named after the PDF."""
    command = ["pdftoppm", "-png", "-r", str(resolution)]
    if last:
        command += ["-l", str(last)]
    subprocess.run([*command, str(pdf), str(pdf.with_suffix(""))], check=True, timeout=TIMEOUT)
    return sorted(pdf.parent.glob(f"{pdf.stem}-*.png"))


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    if missing_tools():
        print(f"render: skipped, {', '.join(missing_tools())} not installed", file=sys.stderr)
        return 0
    folder, documents = Path(argv[0]), [Path(name) for name in argv[1:]]
    for pdf in to_pdf(documents, folder):
        pngs = to_png(pdf)
        print(f"{pdf}: {page_count(pdf)} pages, {len(pngs)} PNGs in {folder}/{pdf.stem}-*.png")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
