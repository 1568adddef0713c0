"""Where the plugin keeps the generated pages between rendering them and MkDocs building them: on disk.

A site of hundreds of documents renders a few hundred MB of HTML; held in memory until MkDocs gets to each page
it was most of a build's memory.  Each page goes to a file as it is rendered — its Markdown, which MkDocs reads
as the page's source, and its finished parts (render.Part), which the plugin reads back when MkDocs renders the
page — and only small records stay in memory.

A file is rewritten only when its content changed, and then made newer than any output: `mkdocs serve --dirty`
rebuilds exactly the pages whose file is newer than their output.

Writing is split from recording (`write`, then `record`) so that a build's workers write the pages they render
and send back only a `Stored` record: the parent then neither receives each page's HTML through a pipe nor
writes it on its one core.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
import time
from pathlib import Path

from .output import replace_file
from .render import Page, Part

_BOUNDARY = "\n<!--terms-part-boundary-->\n"


@dataclasses.dataclass(frozen=True)
class Stored:
    """A page as written: its path and title, the file MkDocs reads, its parts without their HTML."""

    path: str
    title: str
    source: str
    parts: tuple[Part, ...]
    digest: bytes


class PageStore:
    def __init__(self, root: Path, remember: bool = False) -> None:
        self.root = root
        self.digests: dict[str, bytes] = {}  # page path → digest of what its files hold
        # `serve`: the page object each path was last written from.  Rendering keeps the pages a save did not
        # change (render._cached_page), so the same object is the same content, written already: neither
        # encoded nor hashed again (a tenth of a rebuild on the bench corpus)
        self.remember = remember
        self._written: dict[str, tuple[Page, Stored]] = {}

    def put(self, page: Page) -> tuple[str, tuple[Part, ...]]:
        """Write the page and record it; (the path of its Markdown file, its parts without their HTML)."""
        stored = self.record(self.write(page))
        return stored.source, stored.parts

    def write(self, page: Page) -> Stored:
        """Write the page's files unless they hold it already (safe in a worker: without `remember` it changes
        nothing in memory)."""
        last = self._written.get(page.path) if self.remember else None
        if last is not None and last[0] is page:
            return last[1]
        source = self.root / "pages" / page.path
        parts = self.root / "parts" / page.path
        markdown = page.markdown.encode("utf-8")
        html = _BOUNDARY.join(part.html for part in page.parts).encode("utf-8") if page.parts else b""
        digest = hashlib.sha256(markdown + b"\0" + html).digest()
        if self.digests.get(page.path) != digest or not source.is_file():
            replace_file(source, markdown)  # renamed, never in place: serve links these (serving.py)
            if page.parts:
                replace_file(parts, html)
            self._touch(source)
        stored = Stored(page.path, page.title, str(source),
                        tuple(dataclasses.replace(part, html="") for part in page.parts), digest)
        if self.remember:
            self._written[page.path] = (page, stored)
        return stored

    def record(self, stored: Stored) -> Stored:
        self.digests[stored.path] = stored.digest
        return stored

    def parts(self, path: str, kept: tuple[Part, ...]) -> tuple[Part, ...]:
        """A page's parts with their HTML, read back."""
        html = (self.root / "parts" / path).read_text(encoding="utf-8").split(_BOUNDARY)
        return tuple(dataclasses.replace(part, html=text) for part, text in zip(kept, html, strict=True))

    def touch_all(self) -> None:
        """Every page is out of date (the navigation every page shows changed)."""
        for path in self.digests:
            self._touch(self.root / "pages" / path)

    @staticmethod
    def _touch(path: Path) -> None:
        if path.is_file():
            now = time.time() + 1  # newer than any page MkDocs wrote in the same second
            os.utime(path, (now, now))

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
