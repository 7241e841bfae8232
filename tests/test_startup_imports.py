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


SEARCH = """
import sys
from docket.models.store import Store
from docket.models.query import ItemFilter
{before}
store = Store.open(sys.argv[1])
store.items(ItemFilter(search='budget "draft'))
import sqlite_utils.db
loaded = "numpy" in sys.modules
import numpy  # importable again whatever sqlite-utils was imported without
print(loaded, sqlite_utils.db.np is numpy, store.db.quote_fts('budget "draft'))
"""


def searched(tmp_path: Path, before: str = "") -> list[str]:
    from docket.models.store import Store

    path = tmp_path / "docket.db"
    if not path.exists():
        Store.open(path).close()  # migrated here: a search on a current store migrates nothing
    out = subprocess.run([sys.executable, "-c", SEARCH.format(before=before), str(path)], capture_output=True,
                         text=True, cwd=ROOT, check=True)
    return out.stdout.split(maxsplit=2)


def test_a_search_uses_sqlite_utils_without_loading_numpy(tmp_path):
    """quote_fts is sqlite-utils' (models/connection.py); importing it does not
    pay for numpy, which sqlite-utils would load only to map numpy types."""
    assert searched(tmp_path) == ["False", "False", '"budget" "draft"\n']


def test_numpy_loaded_first_is_sqlite_utils_numpy(tmp_path):
    assert searched(tmp_path, before="import numpy") == ["True", "True", '"budget" "draft"\n']
