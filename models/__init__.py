"""docket's data model and the SQLite store."""
from docket.models.items import (  # noqa: F401
    ActionItem,
    Block,
    Deadline,
    Directive,
    Document,
    Extraction,
    Status,
)
