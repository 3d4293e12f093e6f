"""The test guard itself: what a subprocess is refused reaches the test that started it."""

from __future__ import annotations

import subprocess
import sys

import netguard
from conftest import _refused_since_last_look, subprocess_env

REACH_OUT = ("import socket\n"
             "try:\n"
             "    socket.create_connection(('192.0.2.1', 80), timeout=0.1)\n"
             "except OSError as exc:\n"
             "    print(type(exc).__name__)\n")


def test_a_subprocess_refused_a_connection_is_seen_by_the_test_process() -> None:
    done = subprocess.run([sys.executable, "-c", REACH_OUT], env=subprocess_env(),
                          capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "NetworkGuardError"  # refused there, not attempted
    refused = _refused_since_last_look()  # taken here, so this test itself passes
    assert len(refused) == 1 and "192.0.2.1" in refused[0]
    assert _refused_since_last_look() == []


def test_a_refusal_in_this_process_is_seen_once() -> None:
    try:
        import socket

        socket.create_connection(("192.0.2.1", 80), timeout=0.1)
    except netguard.NetworkGuardError:
        pass
    refused = _refused_since_last_look()
    assert refused == ["test network guard: connection to 192.0.2.1 refused"]
