"""What a docket process builds once and keeps: start-up without the cyclic
garbage collector walking it again and again. No heavy import here: the
CLI imports this before spaCy."""
from __future__ import annotations

import contextlib
import gc
from typing import Iterator


@contextlib.contextmanager
def long_lived() -> Iterator[None]:
    """Build (or import) what lives as long as the process without the
    cyclic garbage collector. spaCy's modules and a pipeline are some 90,000
    objects, and each full pass of the collector walks every object there
    is: set off again and again while they were imported and built, those
    passes were a seventh of the CPU of a short `docket extract`. The
    collector waits inside this block; at its end every object there is
    moves to the permanent generation (gc.freeze), which no later pass
    walks. Objects still free themselves when their last reference goes."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
