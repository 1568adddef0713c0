"""What a plain `mkdocs serve` rebuild keeps from the last one: each generated page as it was written (a file in
the page store), with what it was written from, and the theme's compiled templates.

MkDocs rebuilds every page on a save, into a site_dir it has just emptied.  A generated page whose content (its
digest in the page store) and surroundings (the navigation every page shows, mkdocs.yml, the site's theme
overrides, the build date it prints) are the ones it was built from is not built again:

- a page the navigation does not name (an old version, a 新旧対照表, a 沿革: nearly all of them) is handed over:
  its last output is linked into the site, and MkDocs is told the page is excluded from this build, so that it
  neither converts nor lays it out, while links to it still resolve (plugin.on_files);
- a page the navigation names stays a MkDocs page, for the navigation, and is written with a template
  (theme/terms-reuse.html) that writes its last output as it is.

Plain Python over MkDocs' objects by duck typing: plugin.py is the only module that imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from .serving import put_linked

# theme/terms-reuse.html: writes page.content (a page's last output) as it is
REUSE_TEMPLATE = "terms-reuse.html"


@dataclass(frozen=True)
class Built:
    """A page as the last rebuild wrote it."""

    digest: bytes  # of its content, in the page store
    site: bytes  # site_key(): what the page shows besides its content, known before MkDocs makes its navigation
    surroundings: bytes  # surroundings(): the same, from MkDocs' navigation
    kept: Path  # the output, as written
    ids: frozenset[str]
    toc: Any


def _layout(digest: Any, config: Any) -> None:
    """What could change how a page is laid out while `serve` runs: mkdocs.yml, the site's theme overrides,
    `extra` (every page prints the build date the plugin put there) and the day (the sitemap's)."""
    digest.update(f"{config.extra!r}\0{dt.date.today()}\0".encode())
    paths = [Path(config.config_file_path)] if config.config_file_path else []
    for folder in config.theme.dirs:
        if "site-packages" not in folder:  # the site's own overrides; installed themes do not change
            paths += [p for p in Path(folder).rglob("*") if p.is_file()]
    for path in sorted(paths):
        digest.update(f"{path}\0{path.stat().st_mtime_ns}\0".encode())


def surroundings(nav: Any, config: Any) -> bytes:
    """What every page shows besides its own content: the navigation (titles, URLs, order), and what could
    change how a page is laid out (mkdocs.yml, a theme override) while `serve` runs."""
    digest = hashlib.sha256()

    def walk(items: Any) -> None:
        for item in items:
            digest.update(f"{item.title}\0{getattr(item, 'url', '')}\0".encode())
            walk(getattr(item, "children", None) or ())

    walk(nav)
    _layout(digest, config)
    return digest.digest()


def site_key(nav: Any, own_pages: Iterable[Path], config: Any) -> bytes:
    """surroundings() as far as on_files knows them, before MkDocs has a navigation: the `nav` the plugin sets,
    the site's own pages as files (the navigation shows their titles, which MkDocs reads from them) and the
    layout."""
    digest = hashlib.sha256(repr(nav).encode())
    for path in sorted(own_pages):
        digest.update(f"{path}\0{path.stat().st_mtime_ns}\0".encode())
    _layout(digest, config)
    return digest.digest()


def keep_outputs(site: Path, kept: Path, written: Sequence[str], *, handed_over: bool) -> None:
    """The pages MkDocs wrote this rebuild, linked from `site` into `kept` for the next one; and the sitemap,
    which lists MkDocs' own pages only: with pages handed over it is the last one, of the same pages (a page is
    handed over only when every page's title and the site key are the last ones)."""
    for dest in written:
        put_linked(site / dest, kept / dest)
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        if not handed_over and (site / name).is_file():
            put_linked(site / name, kept / name)
        elif handed_over and (kept / name).is_file():
            put_linked(kept / name, site / name)


class QuietLinks(logging.Filter):
    """MkDocs notes (INFO) every link to a file excluded from the build.  Those the plugin excludes are excluded
    only from MkDocs' own writing: under `serve`, the pages handed over as they were built; in a build, the
    Word/PDF files made beside the pages.  They are in the site, and such a note is noise."""

    def __init__(self, *paths: set[str]) -> None:
        super().__init__()
        self.paths = paths  # the plugin's own sets, which it fills and empties on each rebuild

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.INFO or not any(self.paths):
            return True
        m = _EXCLUDED_LINK.search(record.getMessage())
        return m is None or not any(m.group(1) in paths for paths in self.paths)


_EXCLUDED_LINK = re.compile(r"contains a link to '(.*)' which is excluded from the built site")


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
