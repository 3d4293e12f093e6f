"""Every setting, declared once with its default and a one-line doc.

Layers, later wins: these defaults -> verifier.toml (working directory, or --config)
-> VERIFIER_<NAME> environment variables -> command-line flags.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import ConfigError

CONFIG_FILE_NAME = "verifier.toml"
ENV_PREFIX = "VERIFIER_"


def _setting(default: Any, doc: str, *, choices: tuple[str, ...] = ()) -> Any:
    return field(default=default, metadata={"doc": doc, "choices": choices})


@dataclass(frozen=True)
class Settings:
    """The whole configuration of a run. Field docs feed the README's settings table."""

    # where things are kept
    db: str = _setting("verifier.db", "SQLite database holding every run's provenance.")
    archive_dir: str = _setting("archive", "Directory of WARC evidence copies of every fetch.")
    report_dir: str = _setting("reports", "Directory the HTML reports are written to.")
    log_file: str = _setting("", "Append a log of the run to this file (empty: no log file).")
    # fetching
    concurrency: int = _setting(16, "Fetches under way at once, over all hosts.")
    per_host: int = _setting(2, "Fetches under way at once to any one host.")
    connect_timeout: float = _setting(10.0, "Seconds to wait for a connection.")
    timeout: float = _setting(20.0, "Seconds to wait for the next bytes of a response (read timeout).")
    deadline: float = _setting(60.0, "Wall-clock seconds one URL may take, all attempts and waits included.")
    retries: int = _setting(3, "Further attempts after a retryable failure (connection, timeout, 429, 5xx).")
    retry_after_cap: float = _setting(30.0, "Longest Retry-After wait honoured, in seconds.")
    max_body: int = _setting(20_000_000, "Largest body kept, in bytes after decompression; longer bodies are cut.")
    max_redirects: int = _setting(20, "Redirects followed before a link is called an error.")
    user_agent: str = _setting("", "User-Agent header; empty means 'verifier/<version> (+<contact_url>)'.")
    contact_url: str = _setting("https://github.com/verifier-tool/verifier",
                                "Contact URL named in the default User-Agent.")
    allow_private_hosts: bool = _setting(False, "Fetch loopback, private and link-local addresses (tests, intranets).")
    skip_hosts: tuple[str, ...] = _setting((), "Hosts never fetched (their links are 'skipped'); subdomains included.")
    # the Wayback Machine
    wayback_url: str = _setting("", "Base URL replacing archive.org and web.archive.org (empty: the real services).")
    no_wayback: bool = _setting(False, "Make no Internet Archive call at all.")
    save: str = _setting("missing", "Save Page Now policy for live sources.", choices=("missing", "never", "always"))
    save_window_days: int = _setting(30, "With save=missing, save when the newest capture is older than this.")
    wayback_lookups_per_minute: float = _setting(24.0, "Pace of Wayback lookups (CDX, availability, snapshots).")
    wayback_saves_per_minute: float = _setting(4.0, "Pace of Save Page Now requests (12 is tolerated with keys).")
    wayback_timeout: float = _setting(30.0, "Seconds any one Internet Archive call may take.")
    wayback_budget: float = _setting(180.0, "Seconds a run spends on Internet Archive calls; the rest is queued.")
    wayback_breaker_seconds: float = _setting(300.0, "Pause of all Internet Archive calls after a 429 or repeated failures.")
    # incremental runs
    full: bool = _setting(False, "Re-check everything, ignoring re-check intervals.")
    recheck_min_days: float = _setting(1.0, "Re-check interval of a healthy link or quote after it changed.")
    recheck_step_days: float = _setting(1.0, "Days added to the interval for each stable check.")
    recheck_max_days: float = _setting(30.0, "Longest re-check interval of a healthy link or quote.")
    dead_after_checks: int = _setting(3, "Failed checks before a link is confirmed dead.")
    dead_after_days: float = _setting(3.0, "Days the failed checks must span before a link is confirmed dead.")
    # matching
    work_processes: int = _setting(0, "Processes extracting documents, reading pages and matching quotes "
                                   "beside the fetching one; 0: for big runs, one per core (up to 4), but one fewer while fetching.")
    partial_threshold: float = _setting(0.80, "Similarity (0..1) at or above which a near-miss is 'partial'.")
    # output
    quiet: bool = _setting(False, "No progress bar; print only when something changed (for cron).")

    def user_agent_header(self, version: str) -> str:
        return self.user_agent or f"verifier/{version} (+{self.contact_url})"


def setting_docs() -> list[tuple[str, Any, str, tuple[str, ...]]]:
    """(name, default, doc, choices) of every setting, in declaration order."""
    return [(f.name, f.default, f.metadata["doc"], f.metadata["choices"]) for f in fields(Settings)]


def _coerce(name: str, value: Any, default: Any, choices: tuple[str, ...]) -> Any:
    """Convert a value from TOML or the environment to the type of the setting's default."""
    try:
        if isinstance(default, bool):
            if isinstance(value, str):
                lowered = value.strip().lower()
                if lowered not in ("1", "0", "true", "false", "yes", "no", "on", "off", ""):
                    raise ValueError(value)
                value = lowered in ("1", "true", "yes", "on")
            elif not isinstance(value, bool):
                raise ValueError(value)
        elif isinstance(default, int):
            if isinstance(value, bool):
                raise ValueError(value)
            value = int(value)
        elif isinstance(default, float):
            if isinstance(value, bool):
                raise ValueError(value)
            value = float(value)
        elif isinstance(default, tuple):
            if isinstance(value, str):
                value = tuple(v.strip() for v in value.split(",") if v.strip())
            elif isinstance(value, list | tuple):
                value = tuple(str(v) for v in value)
            else:
                raise ValueError(value)
        else:
            if not isinstance(value, str | Path):
                raise ValueError(value)
            value = str(value)
    except (TypeError, ValueError):
        raise ConfigError(f"setting {name!r}: {value!r} is not a valid {type(default).__name__}") from None
    if choices and value not in choices:
        raise ConfigError(f"setting {name!r}: {value!r} is not one of {', '.join(choices)}")
    return value


def load_settings(
    config_file: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
    cwd: str | Path | None = None,
) -> Settings:
    """Build Settings from defaults, the config file, the environment and explicit overrides."""
    declared = {f.name: f for f in fields(Settings)}
    values: dict[str, Any] = {}

    path = Path(config_file) if config_file else Path(cwd or os.getcwd()) / CONFIG_FILE_NAME
    if config_file or path.exists():
        try:
            with open(path, "rb") as fh:
                table = tomllib.load(fh)
        except FileNotFoundError:
            raise ConfigError(f"config file not found: {path}") from None
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
        except UnicodeDecodeError as exc:
            raise ConfigError(f"config file {path} is not UTF-8 text (byte "
                              f"0x{exc.object[exc.start]:02x} at offset {exc.start})") from None
        table = table.get("verifier", table)  # accept a [verifier] table or top-level keys
        for key, value in table.items():
            name = key.replace("-", "_")
            if name not in declared:
                raise ConfigError(f"config file {path}: unknown setting {key!r}")
            values[name] = value

    environ = os.environ if env is None else env
    for name in declared:
        env_name = ENV_PREFIX + name.upper()
        if env_name in environ:
            values[name] = environ[env_name]

    for name, value in (overrides or {}).items():
        if name not in declared:
            raise ConfigError(f"unknown setting {name!r}")
        if value is not None:
            values[name] = value

    coerced = {}
    for name, value in values.items():
        f = declared[name]
        coerced[name] = _coerce(name, value, f.default, f.metadata["choices"])
    settings = replace(Settings(), **coerced)
    _check_ranges(settings)
    return settings


def _check_ranges(s: Settings) -> None:
    positive = ("concurrency", "per_host", "connect_timeout", "timeout", "deadline", "max_body",
                "wayback_lookups_per_minute", "wayback_saves_per_minute", "wayback_timeout")
    for name in positive:
        if getattr(s, name) <= 0:
            raise ConfigError(f"setting {name!r} must be positive, not {getattr(s, name)!r}")
    if s.work_processes < 0:
        raise ConfigError(f"setting 'work_processes' must not be negative, not {s.work_processes!r}")
    if s.retries < 0 or s.max_redirects < 0:
        raise ConfigError("settings 'retries' and 'max_redirects' must not be negative")
    if not 0 < s.partial_threshold <= 1:
        raise ConfigError("setting 'partial_threshold' must be in (0, 1]")
    _check_wayback_url(s.wayback_url)


def _check_wayback_url(base: str) -> None:
    """A base URL every Wayback call is sent under: an http(s) address with a host (a path
    is fine: a mirror or proxy). Anything else would fail every call of the run."""
    if not base.strip():
        return
    parts = urlsplit(base.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"setting 'wayback_url' must be an http:// or https:// address, "
                          f"not {base!r}")
