"""Shared fixtures: the loopback-only guard, the fixture web, the fake Wayback Machine,
a temporary workspace and an in-process CLI runner."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))  # bench/, for its shared helpers

import netguard  # noqa: E402
from browser_support import Watched, chromium_browser, watched_page  # noqa: E402
from fakewayback import FakeWayback  # noqa: E402
from fixtureweb import FixtureWeb  # noqa: E402
from reportfixture import ReportFixture, build_report_store  # noqa: E402
from wayback_support import FakeClock, forbid_real_sleep  # noqa: E402

netguard.install()

TESTS = Path(__file__).parent
ROOT = TESTS.parent


# Subprocesses log what the guard refused them here (see netguard.LOG_VARIABLE).
_guard_fd, _guard_name = tempfile.mkstemp(prefix="netguard-", suffix=".log")
os.close(_guard_fd)
_GUARD_LOG = Path(_guard_name)
os.environ[netguard.LOG_VARIABLE] = str(_GUARD_LOG)


def _refused_since_last_look() -> list[str]:
    """What the guard refused, in this process or a subprocess, since the last look: a
    refusal in a module-scoped fixture counts against the first test that uses it."""
    found = list(netguard.violations)
    netguard.violations.clear()
    with contextlib.suppress(OSError):
        if not _GUARD_LOG.stat().st_size:
            return found  # the usual case: one stat per look, no read or write
        text = _GUARD_LOG.read_text(encoding="utf-8")
        _GUARD_LOG.write_text("", encoding="utf-8")
        own = f"{os.getpid()}: "
        found += [line for line in text.splitlines() if line and not line.startswith(own)]
    return found


@pytest.fixture(autouse=True)
def _loopback_only() -> Iterator[None]:
    """Fail any test that tried to open a connection or look up a name off loopback, in this
    process or in a subprocess it started, or in a wider fixture set up for it."""
    before = _refused_since_last_look()
    if before:
        pytest.fail("network guard (while setting up): " + "; ".join(before))
    yield
    found = _refused_since_last_look()
    if found:
        pytest.fail("network guard: " + "; ".join(found))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A refusal after the last test (a module fixture's teardown) fails the run too."""
    found = _refused_since_last_look()
    _GUARD_LOG.unlink(missing_ok=True)
    if found:
        print("\nnetwork guard: " + "; ".join(found))
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture
def web() -> Iterator[FixtureWeb]:
    server = FixtureWeb()
    yield server
    server.close()


@pytest.fixture
def wayback() -> Iterator[FakeWayback]:
    fake = FakeWayback()
    yield fake
    fake.close()


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working directory; settings from the real environment do not leak in."""
    for name in list(os.environ):
        if name.startswith("VERIFIER_") or name in ("IA_ACCESS_KEY", "IA_SECRET_KEY"):
            monkeypatch.delenv(name)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def cfg(workspace: Path, wayback: FakeWayback) -> Path:
    """The workspace with a verifier.toml using the fake Wayback Machine and loopback hosts."""
    (workspace / "verifier.toml").write_text(
        f'wayback_url = "{wayback.base}"\nallow_private_hosts = true\nsave = "never"\n'
        "retries = 0\nwayback_lookups_per_minute = 6000\n")
    return workspace


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run the `verifier` command in-process, as its entry point does: exit status and output."""
    from verifier.cli import main

    def invoke(*args: str) -> CliResult:
        capsys.readouterr()
        try:
            main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 0
        else:  # main always exits
            raise AssertionError("verifier.cli.main returned without exiting")
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return invoke


def subprocess_env(**extra: str) -> dict[str, str]:
    """Environment for a verifier subprocess: the same loopback-only guard, no proxies."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("VERIFIER_") and "proxy" not in k.lower()}
    env["PYTHONPATH"] = os.pathsep.join([str(TESTS / "sitecustomize"), str(ROOT)])
    env.update(extra)
    return env


@pytest.fixture
def archive_hygiene(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """For the Wayback tests: no Internet Archive keys from the environment, and waybackpy's
    own sleeps (5 s gaps, 5-10 s between save tries) never run."""
    monkeypatch.delenv("IA_ACCESS_KEY", raising=False)
    monkeypatch.delenv("IA_SECRET_KEY", raising=False)
    slept = forbid_real_sleep(monkeypatch)
    yield
    assert slept == []


@pytest.fixture
def clock() -> FakeClock:
    """A clock the Wayback client's pacer reads and sleeps on, without real waiting."""
    return FakeClock()


@pytest.fixture(scope="module")
def fx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReportFixture]:
    """The report tests' database: two runs over realistic documents (reportfixture.py)."""
    fixture = build_report_store(tmp_path_factory.mktemp("store"))
    yield fixture
    fixture.store.close()


@pytest.fixture(scope="module")
def written(fx: ReportFixture, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both runs' reports in one directory, oldest first, as nightly runs leave them."""
    from verifier.report import write_report

    out = tmp_path_factory.mktemp("reports")
    write_report(fx.store, fx.run1, out, archive_dir=fx.archive_dir)
    write_report(fx.store, fx.run2, out, archive_dir=fx.archive_dir)
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium for a module's browser tests (browser_support.py)."""
    yield from chromium_browser()


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    """A fresh page of that browser, recording its dialogs, console, errors and requests."""
    yield from watched_page(browser)
