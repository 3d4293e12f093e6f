"""verifier: check a document's citations and quotations against their sources.

The library never prints and never exits; `verifier.cli` is a thin layer over it.
"""

from __future__ import annotations

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
