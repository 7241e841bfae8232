"""Reading a text file loads neither python-docx nor pypdf (start-up cost of
every `docket extract`); reading a Word file does."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHECK = """
import sys
from docket.extractor import read_path
read_path(sys.argv[1])
print(" ".join(sorted(name for name in ("docx", "pypdf") if name in sys.modules)))
"""


def loaded_after_reading(path: Path) -> str:
    out = subprocess.run([sys.executable, "-c", CHECK, str(path)], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    return out.stdout.strip()


def test_text_file_reads_without_word_or_pdf_libraries(tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_text("The board asked the clerk to file the report by 3 March.\n", encoding="utf-8")
    assert loaded_after_reading(path) == ""


def test_word_file_loads_python_docx(tmp_path):
    import docx

    path = tmp_path / "minutes.docx"
    document = docx.Document()
    document.add_paragraph("The board asked the clerk to file the report by 3 March.")
    document.save(str(path))
    assert loaded_after_reading(path) == "docx"
