"""docket: meeting minutes and conference reports in, tracked action items out.

Installed, the library lives in docket.extractor, docket.models and
docket.exports (see setup.py). In a source checkout those folders sit beside
this one, and the path below lets `python -m docket` and the tests run the
checkout's code without installing it."""
import os as _os

__version__ = "0.1.0"

_here = _os.path.dirname(_os.path.abspath(__file__))
_checkout = _os.path.dirname(_here)
if not _os.path.isdir(_os.path.join(_here, "models")) and _os.path.isfile(_os.path.join(_checkout, "setup.py")):
    __path__.append(_checkout)  # noqa: F821 (a package's __path__)
