"""Where a document shared by a link is downloaded from.

Reports are drafted and shared in Google Docs, Google Drive and Dropbox. The link people pass
around opens the service's viewer: an application page with no text of the document in it.
The same service downloads the file itself from another address, for anyone the link is
shared with: a Google Doc exported as .docx (its links, footnotes and comments kept apart),
a Drive or Dropbox file as it was uploaded. The document keeps the address it was given by;
only the download goes to the other one.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# /document/d/<id>/edit, /document/u/0/d/<id>/view, ...: a document's id is its one long token
_GOOGLE_DOC = re.compile(r"^/document(?:/u/\d+)?/d/([A-Za-z0-9_-]{20,})(?:/|$)")
_DRIVE_FILE = re.compile(r"^/file(?:/u/\d+)?/d/([A-Za-z0-9_-]{20,})(?:/|$)")
GOOGLE_DOCS_HOSTS = frozenset({"docs.google.com"})
GOOGLE_DRIVE_HOSTS = frozenset({"drive.google.com"})
DROPBOX_HOSTS = frozenset({"www.dropbox.com", "dropbox.com"})


def download_address(url: str) -> str | None:
    """The address that serves the file behind a sharing link, or None for any other address
    (a published Google Doc, '/pub', is a web page already and is read as one)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if host in GOOGLE_DOCS_HOSTS and (doc := _GOOGLE_DOC.match(parts.path)):
        return urlunsplit((parts.scheme, parts.netloc, f"/document/d/{doc.group(1)}/export",
                           "format=docx", ""))
    if host in GOOGLE_DRIVE_HOSTS and (file := _DRIVE_FILE.match(parts.path)):
        return urlunsplit((parts.scheme, parts.netloc, "/uc",
                           urlencode({"export": "download", "id": file.group(1)}), ""))
    if host in DROPBOX_HOSTS and parts.path.startswith(("/s/", "/scl/fi/")):
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "dl"]
        return urlunsplit((parts.scheme, parts.netloc, parts.path,
                           urlencode([*query, ("dl", "1")]), ""))
    return None
