"""verifier: check a document's citations and quotations against their sources.

The library never prints and never exits; `verifier.cli` is a thin layer over it.
"""

from __future__ import annotations

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

from . import startup  # noqa: E402, F401  (first: see startup.py)
from .config import Settings, load_settings  # noqa: E402
from .export import export_csv, export_json  # noqa: E402
from .pipeline import RunResult, run  # noqa: E402
from .store import Store  # noqa: E402

__all__ = ["RunResult", "Settings", "Store", "export_csv", "export_json", "load_settings", "run"]
