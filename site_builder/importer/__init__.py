"""`terms-site import FILE.docx|FILE.pdf`: what legal teams have, as a version file of `source_terms/`.

    read (docx.py / pdf.py) → the text as its reader sees it → front matter from what the text says
    (frontmatter.py) → a version file, written whole or not at all, never over an existing one without --force.

Deterministic: the same file gives the same bytes.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

# Markdown list syntax at a line's start (`1. `, `- `): it carries its own structure, so no indentation before it
MD_LIST = re.compile(r"^(?:\d{1,9}[.)]|[-*+])[ \t]")


class NotImportable(ValueError):
    """A file that cannot be imported: the message says which file and why."""


@dataclass(frozen=True)
class Imported:
    text: str  # the body, as lines of a version file
    report: tuple[str, ...]  # what was dropped, resolved or doubtful


def kind_of(path: Path) -> str:
    """"docx" or "pdf" by the file's content; a file that is not what its suffix says is refused."""
    with path.open("rb") as f:
        head = f.read(8)
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF-"):
        found = "pdf"
    elif head.startswith(b"PK\x03\x04") and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            found = "docx" if "word/document.xml" in z.namelist() else "zip"
    else:
        found = "other"
    expected = {".docx": "docx", ".pdf": "pdf"}.get(suffix)
    if expected is None:
        raise NotImportable(f"{path}: only .docx and .pdf files can be imported")
    if found != expected:
        what = {"pdf": "a PDF", "zip": "a zip archive but not a Word document", "docx": "a Word document",
                "other": "neither a Word document nor a PDF"}[found]
        hint = " (an old .doc? save it as .docx in Word)" if head.startswith(b"\xd0\xcf\x11\xe0") else ""
        raise NotImportable(f"{path}: the name says {suffix} but the file is {what}{hint}")
    return found


def read_file(path: Path) -> Imported:
    kind = kind_of(path)
    if kind == "docx":
        from .docx import read_docx

        d = read_docx(path)
        return Imported("\n".join(d.paragraphs) + "\n", tuple(d.report))
    from .pdf import read_pdf

    p = read_pdf(path)
    return Imported("\n".join(p.paragraphs) + "\n" if p.paragraphs else "", tuple(p.report))
