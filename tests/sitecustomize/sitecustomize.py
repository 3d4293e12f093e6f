"""Loaded by subprocesses that tests start (PYTHONPATH): the same loopback-only guard."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import netguard  # noqa: E402

netguard.install()
