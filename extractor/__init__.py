"""docket's extractor: language detection, the spaCy pipeline built from a
language pack, directive finding, role filling and deadline resolution.

    from docket.extractor import extract, read_path
    result = extract(read_path("report.txt"))        # -> models.Extraction
"""
from docket.extractor.readers import read_path  # noqa: F401


def __getattr__(name: str):
    # Imported on first use so that reading a file (extractor.readers) does
    # not load spaCy and the pipeline.
    if name == "extract":
        from docket.extractor.pipeline import extract

        return extract
    raise AttributeError(f"module 'extractor' has no attribute {name!r}")
