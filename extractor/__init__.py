"""docket's extractor: language detection, the spaCy pipeline built from a
language pack, directive finding, role filling and deadline resolution.

    from extractor import extract, read_path
    result = extract(read_path("report.txt"))        # -> models.Extraction
"""
from extractor.pipeline import extract  # noqa: F401
from extractor.readers import read_path  # noqa: F401
