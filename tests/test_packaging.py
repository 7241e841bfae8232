"""An installed docket keeps its library inside the `docket` package: no
generic top-level `models`, `exports` or `extractor` in site-packages."""
import subprocess
import sys

import pytest


def _run(code: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("name", ["models", "exports", "extractor"])
def test_no_generic_top_level_package(tmp_path, name):
    result = _run(f"import {name}", tmp_path)
    assert result.returncode != 0
    assert "ModuleNotFoundError" in result.stderr


def test_library_api_under_docket(tmp_path):
    result = _run(
        "from docket.extractor import extract\n"
        "from docket.models import Document\n"
        "from docket.exports import export\n"
        "from docket.extractor.lang import available\n"
        "print(' '.join(available()))",
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["en", "ur", "vi"]


def test_installed_package_holds_the_labels_of_every_language(tmp_path):
    """setup.cfg's package_data ships exports/labels/*.yml (a folder without
    __init__.py, found as a namespace package by setup.py)."""
    result = _run(
        "from docket.exports.language import LABELS_DIR, available, load_labels\n"
        "print(LABELS_DIR.is_relative_to(__import__('site').getsitepackages()[0]), *available())\n"
        "print(load_labels('vi').text('columns.deadline'))",
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["True en ur vi", "Thời hạn"]
