"""The `verifier` command: parses options, calls the library, maps errors to exit statuses.

This is the only module that prints or exits.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

from . import __version__
from .config import Settings, load_settings
from .errors import VerifierError
from .status import ExitStatus

STOP_GRACE = 5.0  # seconds a run asked to stop may take before it is stopped at once

EPILOG = ("Exit statuses: 0 completed, nothing newly failing; 1 completed, something newly "
          "failing; 2 usage or input error; 3 database locked by another run; 70 internal "
          "error; 74 evidence could not be written (disk full or read-only); 130 interrupted.")


def _settings(ctx: click.Context, config: str | None, **flags: Any) -> Settings:
    """Defaults -> verifier.toml -> VERIFIER_* -> flags (only those given on the command line)."""
    given = {k: v for k, v in flags.items()
             if ctx.get_parameter_source(k) == click.core.ParameterSource.COMMANDLINE}
    return load_settings(config_file=config, overrides=given)


@click.group(epilog=EPILOG)
@click.version_option(__version__, prog_name="verifier")
@click.option("--traceback", is_flag=True, help="Show the full traceback of an error.")
@click.pass_context
def cli(ctx: click.Context, traceback: bool) -> None:
    """Check the citations and quotations of documents against their sources."""
    ctx.obj = {"traceback": traceback}


def _db_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--db", type=click.Path(dir_okay=False),
                        help="SQLite database (default: verifier.db, or the config file's).")(fn)


def _config_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--config", type=click.Path(dir_okay=False),
                        help="Configuration file (default: ./verifier.toml when present).")(fn)


@cli.command("run", epilog=EPILOG)
@click.argument("inputs", nargs=-1, metavar="[PATH_OR_URL]...")
@_db_option
@click.option("--archive-dir", type=click.Path(file_okay=False), help="Directory of WARC evidence copies.")
@click.option("--report-dir", type=click.Path(file_okay=False), help="Directory the HTML reports go to.")
@click.option("--wayback-url", metavar="BASE", help="Base URL replacing archive.org and web.archive.org.")
@_config_option
@click.option("--concurrency", type=click.IntRange(min=1), help="Fetches under way at once.")
@click.option("--per-host", type=click.IntRange(min=1), help="Fetches under way at once per host.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), help="Read timeout in seconds.")
@click.option("--deadline", type=click.FloatRange(min=0, min_open=True), help="Wall-clock seconds per URL.")
@click.option("--retries", type=click.IntRange(min=0), help="Further attempts after a retryable failure.")
@click.option("--save", type=click.Choice(["missing", "never", "always"]), help="Save Page Now policy.")
@click.option("--no-wayback", is_flag=True, default=None, help="Make no Internet Archive call at all.")
@click.option("--allow-private-hosts", is_flag=True, default=None,
              help="Fetch loopback and private addresses (tests, intranets).")
@click.option("--full", is_flag=True, default=None, help="Re-check everything now.")
@click.option("--quiet", "-q", is_flag=True, default=None,
              help="No progress bar; print only when something changed (for cron).")
@click.option("--log-file", type=click.Path(dir_okay=False), help="Append a log of the run here.")
@click.pass_context
def run_command(ctx: click.Context, inputs: Sequence[str], config: str | None, **flags: Any) -> None:
    """Verify the citations and quotes of PATH_OR_URL... (default: seeds/).

    Files and directories (walked recursively) of .txt, .md, .html, .pdf, .docx and .odt
    documents, or the URL of a published article (a Google Docs, Drive or Dropbox sharing
    link too).
    """
    from .allocator import limit_arenas
    from .pipeline import run

    limit_arenas()  # before the run starts its fetching threads (see allocator.py)
    _refuse_conflicts(ctx, flags)
    settings = _settings(ctx, config, **flags)
    _configure_log(settings.log_file)
    stop = threading.Event()
    previous_handlers = _install_stop_handlers(stop)
    progress = None if settings.quiet or not sys.stderr.isatty() else _ProgressBars()
    try:
        result = run(inputs, settings, progress=progress, stop=stop)
    finally:
        _restore_handlers(previous_handlers)
        if progress:
            progress.close()
    from .summary import render_summary

    text = render_summary(result, quiet=settings.quiet)
    if text:
        click.echo(text)
    ctx.exit(int(result.exit_status))


@cli.command("export")
@_db_option
@_config_option
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), required=True, help="Output format.")
@click.option("--table", type=click.Choice(["citations", "quotes", "replacements"]),
              default="citations", show_default=True,
              help="For CSV: which rows (replacements: failing links with their archived copy).")
@click.option("--run", "run_id", type=int, help="Export the state as of this run (default: latest).")
@click.pass_context
def export_command(ctx: click.Context, db: str | None, config: str | None, fmt: str, table: str,
                   run_id: int | None) -> None:
    """Write the verdicts as JSON or CSV to stdout."""
    from .export import export_csv, export_json

    if fmt == "json" and _given(ctx, "table"):
        raise click.UsageError(f"--table {table} chooses the rows of --format csv; "
                               "--format json holds every table")
    store = _open_existing(ctx, db, config)
    try:
        text = export_json(store, run_id) if fmt == "json" else export_csv(store, table, run_id)
    finally:
        store.close()
    click.echo(text, nl=not text.endswith("\n"))


@cli.command("report")
@_db_option
@_config_option
@click.option("--report-dir", type=click.Path(file_okay=False), help="Directory to write to.")
@click.option("--run", "run_id", type=int, help="The run to report on (default: latest).")
@click.pass_context
def report_command(ctx: click.Context, db: str | None, config: str | None,
                   report_dir: str | None, run_id: int | None) -> None:
    """Regenerate the HTML report from the database, without any network."""
    from .export import chosen_run
    from .report import write_report

    settings = _settings(ctx, config, db=db, report_dir=report_dir)
    store = _open_existing(ctx, db, config)
    try:
        path = write_report(store, chosen_run(store, run_id), Path(settings.report_dir),
                            archive_dir=Path(settings.archive_dir))
    finally:
        store.close()
    click.echo(f"report: {path}")


@cli.command("status")
@_db_option
@_config_option
@click.option("--limit", type=click.IntRange(min=1), default=5, show_default=True,
              help="How many recent runs to show.")
@click.option("--url", help="Show the check history of this cited URL.")
@click.pass_context
def status_command(ctx: click.Context, db: str | None, config: str | None, limit: int,
                   url: str | None) -> None:
    """The last runs, their counts and what changed; or one link's history."""
    from .summary import render_link_history, render_runs

    store = _open_existing(ctx, db, config)
    try:
        click.echo(render_link_history(store, url) if url else render_runs(store, limit))
    finally:
        store.close()


def _open_existing(ctx: click.Context, db: str | None, config: str | None) -> Any:
    from .store import Store

    settings = _settings(ctx, config, db=db)
    return Store.open(settings.db, create=False)


# -- plumbing -------------------------------------------------------------------------------------

def _given(ctx: click.Context, name: str) -> bool:
    return ctx.get_parameter_source(name) == click.core.ParameterSource.COMMANDLINE


def _refuse_conflicts(ctx: click.Context, flags: dict[str, Any]) -> None:
    """Flags given together that ask for opposite things: refused, rather than one of them
    silently losing (settings from different layers simply override each other)."""
    if _given(ctx, "no_wayback") and _given(ctx, "save") and flags["save"] != "never":
        raise click.UsageError(f"--no-wayback makes no Internet Archive call, so --save "
                               f"{flags['save']} cannot be honoured")


def _usage_line(exc: click.UsageError) -> str:
    """A usage error on one line, with the way to the command's help."""
    command = exc.ctx.command_path if exc.ctx else "verifier"
    return f"{command}: {' '.join(exc.format_message().split())} (see '{command} --help')"


def _configure_log(log_file: str) -> None:
    if not log_file:
        return
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("verifier")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def _install_stop_handlers(stop: threading.Event, grace: float = STOP_GRACE) -> dict[int, Any]:
    """First Ctrl-C or SIGTERM asks the run to stop cleanly; a second one, or `grace` seconds
    without the run stopping (a stage that cannot stop between units, such as writing a big
    report), stops it at once: systemd's SIGKILL follows its SIGTERM only seconds later.
    Returns the handlers replaced, to be put back (the timer is disarmed then)."""

    def handler(signum: int, _frame: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        signal.setitimer(signal.ITIMER_REAL, grace)

    def out_of_grace(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    previous: dict[int, Any] = {}
    for signum, action in ((signal.SIGINT, handler), (signal.SIGTERM, handler),
                           (signal.SIGALRM, out_of_grace)):
        previous[signum] = signal.getsignal(signum)
        signal.signal(signum, action)
    return previous


def _restore_handlers(previous: dict[int, Any]) -> None:
    signal.setitimer(signal.ITIMER_REAL, 0)
    for signum, handler in previous.items():
        signal.signal(signum, handler)


class _ProgressBars:
    """A progress bar per stage, on stderr, only on a terminal."""

    LABELS = {"documents": "documents", "sources": "sources  "}

    def __init__(self) -> None:
        self.stage: str | None = None
        self.bar: Any = None
        self.done = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage:
            self.close()
            self.stage, self.done = stage, 0
            self.bar = click.progressbar(length=max(total, 1), label=self.LABELS.get(stage, stage),
                                         file=sys.stderr, show_pos=True)
            self.bar.__enter__()
        if self.bar is not None and done > self.done:
            self.bar.update(done - self.done)
            self.done = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Entry point: one line per error, an exit status from the table in status.py."""
    show_traceback = "--traceback" in (argv if argv is not None else sys.argv[1:])
    try:
        code = cli.main(args=list(argv) if argv is not None else None,
                        prog_name="verifier", standalone_mode=False)
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.UsageError as exc:
        click.echo(_usage_line(exc), err=True)
        code = exc.exit_code
    except click.ClickException as exc:
        exc.show()
        code = exc.exit_code
    except click.exceptions.Abort:
        code = int(ExitStatus.INTERRUPTED)
    except VerifierError as exc:
        if show_traceback:
            raise
        click.echo(f"verifier: {exc}", err=True)
        code = int(exc.exit_status)
        if code in (ExitStatus.INTERRUPTED, ExitStatus.STORAGE):  # stopped mid-way
            _exit_now(code)
    except KeyboardInterrupt:
        click.echo("verifier: interrupted", err=True)
        _exit_now(int(ExitStatus.INTERRUPTED))
    except Exception as exc:  # a bug: one line, and the way to see more
        if show_traceback:
            raise
        click.echo(f"verifier: internal error: {type(exc).__name__}: {exc} "
                   "(run with --traceback for details)", err=True)
        code = int(ExitStatus.INTERNAL)
    sys.exit(code if isinstance(code, int) else 0)


def _exit_now(code: int) -> NoReturn:
    """Leave without waiting for in-flight fetches: everything finished is already committed.
    The clean-ups multiprocessing does at a normal exit are done first: they free the named
    semaphores of the work pool's queues, which the resource tracker otherwise warns of on
    stderr (and cron mails the warning)."""
    from multiprocessing import util

    util._run_finalizers(0)  # type: ignore[attr-defined]  # what util._exit_function runs first
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)

