"""What a run is given: files, folders walked for documents, and article addresses.

A folder is walked recursively, sorted, leaving out what is never a document: hidden files and
folders, the files programs keep beside documents, the run's own outputs, and anything that is
not a regular file (a named pipe would wait for a writer for ever). Each file left out for a
reason a user can act on is named in a warning; a path named outright that cannot be read is
an InputError.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from stat import S_ISBLK, S_ISCHR, S_ISFIFO, S_ISSOCK
from urllib.parse import urlsplit

from .documents import FORMATS, is_url
from .errors import InputError

# Formats users keep their reports in that are read only once saved as one of FORMATS.
_SAVE_FIRST = {".doc": "an old Word document", ".docm": "a Word document with macros",
               ".rtf": "an RTF document",
               ".pages": "a Pages document", ".epub": "an EPUB book"}

def collect_inputs(args: Sequence[str], outputs: Sequence[str | Path] = ()
                   ) -> tuple[list[str], list[str]]:
    """Files, directories (walked recursively) and URLs -> (sources, warnings).

    URLs are kept as given; files of an unknown type are skipped with a warning; a path
    that does not exist raises InputError naming it. A walk leaves out the directories and
    files in `outputs` (the run's own reports, evidence and database: `verifier run .` in
    the folder it writes to would read last night's report as a document).
    """
    left_out = {Path(o).expanduser().resolve() for o in outputs}
    sources: list[str] = []
    warnings: list[str] = []
    seen: set[str] = set()

    def add(source: str) -> None:
        if source not in seen:
            seen.add(source)
            sources.append(source)

    for arg in args:
        if is_url(arg.strip()):
            add(_article_url(arg.strip()))
            continue
        path = Path(arg).expanduser()
        if not path.exists():
            raise InputError(f"{arg}: {_missing(path)}")
        if not path.is_dir() and not path.is_file():
            raise InputError(f"{arg}: {_not_a_file(path)}")
        if path.is_dir():
            for found in _walk(path, warnings, left_out):
                if not found.is_file():  # a named pipe, a socket, a device: never a document
                    warnings.append(f"skipped {found}: {_not_a_file(found)}")
                    continue
                if found.suffix.lower() not in FORMATS:
                    warnings.append(f"skipped {found}: {_unread_type(found, listed=False)}")
                    continue
                try:
                    add(str(_resolved(found)))
                except InputError as exc:
                    warnings.append(f"skipped {exc}")
        elif path.suffix.lower() in FORMATS:
            add(str(path.resolve()))
        else:
            warnings.append(f"skipped {arg}: {_unread_type(path, listed=True)}")
    return sources, warnings


def _article_url(url: str) -> str:
    """An article's address as given, once it names a host (a bare 'https://' pasted into
    a crontab is a mistake to report, not a page to fetch every night)."""
    try:
        host = urlsplit(url).hostname
    except ValueError as exc:
        raise InputError(f"{url}: not a valid address ({exc})") from None
    if not host:
        raise InputError(f"{url}: not a valid address (no host name)")
    return url


def _not_a_file(path: Path) -> str:
    """What a path that is neither a file nor a directory is: reading a named pipe waits for
    a writer, a device never ends, so none is opened."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:  # a link to nothing, or a loop of links
        return _missing(path) if path.is_symlink() else f"cannot be read ({exc.strerror or exc})"
    kind = ("a named pipe" if S_ISFIFO(mode) else "a socket" if S_ISSOCK(mode)
            else "a device" if S_ISCHR(mode) or S_ISBLK(mode) else "not a regular file")
    return f"{kind}, not a document file" if kind != "not a regular file" else kind


def _unread_type(path: Path, *, listed: bool) -> str:
    """Why a file is not read, and for a word processor's file what to do about it."""
    kind = _SAVE_FIRST.get(path.suffix.lower())
    if kind:
        return f"{kind} is not read; save it as .docx, PDF, HTML or plain text to check it"
    if listed:
        return f"unknown file type (expected one of {', '.join(sorted(set(FORMATS)))})"
    return "unknown file type"


def _missing(path: Path) -> str:
    """Why a path that does not exist does not: a link may be what is there."""
    if not path.is_symlink():
        return "no such file or directory"
    try:
        path.resolve(strict=True)
    except FileNotFoundError:
        return f"broken symbolic link (to {os.readlink(path)})"
    except (OSError, RuntimeError):  # RuntimeError: Python before 3.13 on a loop
        return "symbolic link loop"
    return "no such file or directory"


def _resolved(path: Path) -> Path:
    """The real path of a file found in a walk; a link loop raises InputError naming it."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        raise InputError(f"{path}: {_missing(path)}") from None


# Files programs leave beside documents: Word's owner file of an open document ('~$brief.docx',
# not a document at all), an editor's backup ('notes.md~'), Windows' folder files. Named in a
# walk, each would be a warning every night the folder is checked.
_PROGRAM_FILES = frozenset({"thumbs.db", "desktop.ini", "icon\r"})


def _is_program_file(name: str) -> bool:
    return name.startswith("~$") or name.endswith("~") or name.lower() in _PROGRAM_FILES


def _walk(top: Path, warnings: list[str], left_out: set[Path]) -> list[Path]:
    """Files under `top`, sorted, hidden files and directories, the directories `left_out`
    and the files programs keep beside documents left out; a directory that cannot be listed
    is named in `warnings` (and its files are not taken as removed)."""
    found: list[Path] = []
    left_names = {p.name for p in left_out}  # a file's path is resolved only on its name

    def unlistable(exc: OSError) -> None:
        warnings.append(f"skipped {exc.filename}: cannot be read ({exc.strerror or exc})")

    for dirpath, dirnames, filenames in os.walk(top, onerror=unlistable):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                             and (not left_out or Path(dirpath, d).resolve() not in left_out))
        found.extend(Path(dirpath, f) for f in sorted(filenames)
                     if not f.startswith(".") and not _is_program_file(f)
                     and not (f in left_names and Path(dirpath, f).resolve() in left_out))
    return found
