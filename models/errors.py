"""Errors whose messages are written for users; the CLI prints them as `Error: ...`."""


class DocketError(Exception):
    """Base of every error docket reports to a user (exit code 1)."""


class InputError(DocketError):
    """A file docket was asked to read cannot be read as a document."""


class StoreError(DocketError):
    """The database cannot be opened or does not hold what was asked for."""


class ExportError(DocketError):
    """An export cannot be written."""
