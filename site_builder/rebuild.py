"""What a `mkdocs serve` rebuild keeps from the last one: each generated page as it was written, with what it was
written from, and the theme's compiled templates.

MkDocs rebuilds every page on a save.  A generated page whose content (its digest in the page store) and
surroundings (the navigation every page shows, mkdocs.yml, the site's theme overrides) are the ones it was built
from is written again as it was: no Markdown, and a template (theme/terms-reuse.html) that writes the last
output.  Plain Python over MkDocs' objects by duck typing: plugin.py is the only module that imports MkDocs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

# theme/terms-reuse.html: writes page.content (a page's last output) as it is
REUSE_TEMPLATE = "terms-reuse.html"


@dataclass(frozen=True)
class Built:
    key: tuple[bytes | None, bytes]  # (the page's content digest, the site around it)
    output: str
    ids: frozenset[str]
    toc: Any


def surroundings(nav: Any, config: Any) -> bytes:
    """What every page shows besides its own content: the navigation (titles, URLs, order), and what could
    change how a page is laid out (mkdocs.yml, a theme override) while `serve` runs."""
    digest = hashlib.sha256()

    def walk(items: Any) -> None:
        for item in items:
            digest.update(f"{item.title}\0{getattr(item, 'url', '')}\0".encode())
            walk(getattr(item, "children", None) or ())

    walk(nav)
    paths = [Path(config.config_file_path)] if config.config_file_path else []
    for folder in config.theme.dirs:
        if "site-packages" not in folder:  # the site's own overrides; installed themes do not change
            paths += [p for p in Path(folder).rglob("*") if p.is_file()]
    for path in sorted(paths):
        digest.update(f"{path}\0{path.stat().st_mtime_ns}\0".encode())
    return digest.digest()


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates, compiled once per `mkdocs serve` instead of on every rebuild (a second of each):
    MkDocs makes a new Jinja environment per build.  Keyed by Jinja on the template's name and source."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()
