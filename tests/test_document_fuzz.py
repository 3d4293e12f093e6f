"""Damaged documents: bytes flipped, files cut short, runs of bytes reversed or zeroed, in every
format a run reads (PDF, .docx, .odt and .fodt, HTML, Markdown, text). Reading one either gives a document or
fails with an InputError, the one-line error a run reports and goes on after; never another
exception, which would be a traceback. The mutations are seeded: the same files every run."""

from __future__ import annotations

import random
from pathlib import Path

from verifier.documents import load_document
from verifier.errors import InputError
from verifier.extraction import extract_document

HERE = Path(__file__).parent
SUFFIXES = (".pdf", ".docx", ".odt", ".fodt", ".html", ".md", ".txt")
ORIGINALS = sorted(p for folder in (HERE / "documents", HERE / "extraction_corpus", HERE.parent / "seeds")
                   for p in folder.glob("*.*") if p.suffix in SUFFIXES)
MUTATIONS = 60


def mutate(data: bytearray, rng: random.Random) -> bytes:
    """One kind of damage a copy, a download or a disk does to a file."""
    kind = rng.choice(("flip", "cut", "reverse", "zero"))
    if kind == "flip":
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    elif kind == "cut":
        del data[rng.randrange(len(data)):]
    else:
        start = rng.randrange(len(data))
        end = min(len(data), start + rng.randint(1, 2000))
        data[start:end] = data[start:end][::-1] if kind == "reverse" else bytes(end - start)
    return bytes(data)


def test_a_damaged_document_is_read_or_refused_in_one_line(tmp_path: Path) -> None:
    assert {p.suffix for p in ORIGINALS} == set(SUFFIXES)
    rng = random.Random(20261122)
    failures = []
    for n in range(MUTATIONS):
        original = rng.choice(ORIGINALS)
        path = tmp_path / f"damaged{n}{original.suffix}"
        path.write_bytes(mutate(bytearray(original.read_bytes()), rng))
        try:
            extract_document(load_document(path))
        except InputError as exc:
            assert "\n" not in str(exc), str(exc)
        except Exception as exc:  # what this test is for: anything else is a bug
            failures.append(f"{original.name} as {path.name}: {type(exc).__name__}: {exc}")
    assert failures == []
