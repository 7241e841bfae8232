"""What a docket process builds once and keeps: start-up without the cyclic
garbage collector walking it again and again. No heavy import here: the
CLI imports this before spaCy."""
from __future__ import annotations

import contextlib
import gc
from typing import Iterator


@contextlib.contextmanager
def long_lived() -> Iterator[None]:
    """Build what lives as long as the process without the cyclic garbage
    collector. A pipeline is some 100,000 objects (with spaCy's modules,
    loaded just before), and each full pass of the collector walks every
    object there is: started while the pipeline was built and on through a
    document's extraction, those passes were a tenth of a process's CPU.
    The collector waits while the pipeline is built; then every object
    there is moves to its permanent generation (gc.freeze), which no later
    pass walks. Objects still free themselves when their last reference goes."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
