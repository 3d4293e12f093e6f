"""Imports done once, before the rest of the package, to keep the command's start-up short.

sqlite-utils imports numpy whenever numpy is installed (py3langid brings it in), only to map
numpy scalar types to column types; verifier never stores a numpy value. That import is about
half of the start-up of every command (some 0.2 s), paid by each nightly run, `verifier status`
and `verifier export`. sqlite-utils is therefore imported with numpy marked as absent, and the
mark is lifted at once, so numpy still imports normally for whoever needs it later.
"""

from __future__ import annotations

import sys


def import_sqlite_utils() -> None:
    """Import sqlite-utils without numpy, unless either is already imported."""
    if "sqlite_utils" in sys.modules or "numpy" in sys.modules:
        return
    sys.modules["numpy"] = None  # type: ignore[assignment]  # makes `import numpy` fail
    try:
        import sqlite_utils  # noqa: F401
    finally:
        del sys.modules["numpy"]


import_sqlite_utils()
