"""docket: meeting minutes and conference reports in, tracked action items out."""

__version__ = "0.1.0"
