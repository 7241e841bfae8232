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
