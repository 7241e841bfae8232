"""Pack YAML read with libyaml gives what srsly's YAML 1.2 reader gives."""
from pathlib import Path

import pytest
import srsly

from docket.extractor import yaml12
from docket.extractor.yaml12 import read_yaml

ROOT = Path(__file__).resolve().parent.parent
YAML_FILES = sorted([*(ROOT / "extractor" / "lang").glob("*/*.yml"), *(ROOT / "exports").rglob("*.yml")])


def both(path):
    answers = []
    for read in (srsly.read_yaml, read_yaml):
        try:
            answers.append(repr(read(path)))
        except Exception:  # both must refuse the same files (each with its own error)
            answers.append("refused")
    return answers


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_pack_file_reads_as_srsly_reads_it(path):
    theirs, ours = both(path)
    assert ours == theirs and not ours.startswith("refused")


@pytest.mark.parametrize(
    "scalar",
    # YAML 1.1 would make booleans, octal or sexagesimal numbers of these; 1.2 does not
    ["on", "off", "yes", "no", "y", "n", "On", "NO", "010", "1:30", "12:30:45",
     "true", "False", "0o17", "0x1F", "0b101", "1_000", "-5", "+3", "1.5", "1e3", ".inf", "-.inf", ".NaN",
     "~", "null", "", "2025-03-05", "0", "00", ".5", "word"],
)
def test_scalars_resolve_as_yaml_1_2(scalar, tmp_path):
    path = tmp_path / "x.yml"
    path.write_text(f"k: {scalar}\nl: [{scalar}, b]\n", encoding="utf-8")
    theirs, ours = both(path)
    assert ours == theirs
    assert yaml12.CSafeLoader is None or scalar not in ("on", "no") or read_yaml(path)["k"] == scalar


@pytest.mark.parametrize("text", ["a: 1\nb: 2\na: 3\n", "k: =\n", "k: [1, 2\n", "- a\nb: c\n"])
def test_files_srsly_refuses_are_refused(text, tmp_path):
    path = tmp_path / "x.yml"
    path.write_text(text, encoding="utf-8")
    theirs, ours = both(path)
    assert theirs == ours == "refused"
