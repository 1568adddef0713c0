"""The files the site offers besides its pages: each 新旧対照表 as a Word file and a PDF (DESIGN §5,
`/<doc>/<version>/changes.docx`, `.pdf`).

Laying out a PDF costs more than the rest of a comparison's page (reportlab wraps every line of Japanese), so
the files are kept on disk by content (`.cache/terms-site/downloads/`, beside mkdocs.yml; a CI cache keeps it
between runs): a file is made again only when its table, its version data or the code that writes it changed.
What is missing is made in parallel on the machine's cores.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from multiprocessing import get_context
from pathlib import Path

from .compare_export import TableDocument, to_docx, to_pdf
from .model import Source
from .output import replace_file
from .render import table_document
from .timeline import build_timeline

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Download:
    path: str  # "your-connect-terms/2026-03-01/changes.docx"
    content: bytes


@lru_cache(maxsize=1)
def _code_version() -> str:
    """A hash of the modules that decide a file's bytes: a change to them makes every file again."""
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for name in ("compare.py", "compare_table.py", "compare_html.py", "compare_export.py", "textrender.py",
                 "render.py"):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


def _make(fmt: str, table: TableDocument) -> bytes:
    return to_docx(table) if fmt == "docx" else to_pdf(table)


@dataclass(frozen=True)
class Job:
    """One file to publish: from the cache (`table` None) or to be made from `table`."""

    path: str  # the site path
    fmt: str
    table: TableDocument | None
    cached: Path | None  # where the cache keeps it (None: no cache for it)

    @property
    def ready(self) -> bool:
        return self.table is None


def plan(source: Source, as_of: dt.date, formats: Sequence[str], cache_dir: Path | None = None, *,
         tidy: bool = True) -> list[Job]:
    """Every file the site offers, each found in the cache or with the table to make it from; with `tidy`, the
    cache forgets the files none of them is (`serve` keeps them: it shows a revision's last file until its new
    one is made)."""
    jobs: list[Job] = []
    timeline = build_timeline(source, as_of)
    for doc in source.documents:
        new_side = str((doc.settings.get("compare") or {}).get("new_side", "right"))
        for entry in timeline.by_doc[doc.slug]:
            old, new, comparison = entry.previous, entry.version, entry.comparison
            if old is None or new is None or comparison is None:
                continue
            table: TableDocument | None = None  # made once for the formats that need it
            for fmt in formats:
                key = hashlib.sha256(repr((_code_version(), fmt, doc.slug, doc.title, new_side, *(
                    (v.id, v.digest, v.effective, v.announced, v.label) for v in (old, new)))).encode()).hexdigest()
                cached = cache_dir / f"{key}.{fmt}" if cache_dir is not None and old.digest and new.digest else None
                path = f"{doc.slug}/{new.id}/changes.{fmt}"
                if cached is None or not cached.is_file():
                    table = table or table_document(doc, old, new, comparison, new_side)
                    jobs.append(Job(path, fmt, table, cached))
                else:
                    jobs.append(Job(path, fmt, None, cached))
    if cache_dir is not None and tidy:
        _tidy_cache(cache_dir, {job.cached.name for job in jobs if job.cached is not None})
    return jobs


_CACHED_NAME = re.compile(r"[0-9a-f]{64}\.(?:docx|pdf)")


def _tidy_cache(cache_dir: Path, keep: set[str]) -> None:
    """Remove the files no page offers any more (a replaced version's, or those made by an older terms-site):
    a CI that saves this folder after every build would otherwise carry each of them for ever. A file `serve`
    has linked into its site stays there: the link is a second name for the same bytes."""
    try:
        stale = [p for p in cache_dir.iterdir() if _CACHED_NAME.fullmatch(p.name) and p.name not in keep]
        for path in stale:
            path.unlink(missing_ok=True)
    except OSError as exc:  # no cache yet, or a read-only checkout: nothing to forget
        log.debug("terms: cannot tidy %s: %s", cache_dir, exc)


def make(jobs: Sequence[Job]) -> list[Download]:
    """The files of `jobs`: read from the cache, or made (in parallel where there are several) and kept there."""
    missing = [(k, job) for k, job in enumerate(jobs) if job.table is not None]
    made: dict[int, bytes] = {}
    workers = min(os.cpu_count() or 1, 4)
    if len(missing) >= 8 and workers > 1:
        try:
            # forkserver: a clean process, not a fork of `mkdocs serve` with its threads
            with ProcessPoolExecutor(workers, mp_context=get_context("forkserver")) as pool:
                results = pool.map(_make, [j.fmt for _, j in missing], [j.table for _, j in missing], chunksize=4)
                made = {k: data for (k, _), data in zip(missing, results, strict=True)}
        except Exception as exc:  # no processes to be had (a sandbox, a frozen interpreter): one by one
            log.debug("terms: making the 新旧対照表 files in this process: %s", exc)
            made = {}
    for k, job in missing:
        if k not in made and job.table is not None:
            made[k] = _make(job.fmt, job.table)
    out: list[Download] = []
    for k, job in enumerate(jobs):
        if k in made:
            data = made[k]
            if job.cached is not None:
                _store(job.cached, data)
        else:
            assert job.cached is not None
            data = job.cached.read_bytes()
        out.append(Download(job.path, data))
    if missing:
        log.info("terms: %d 新旧対照表 file(s) made, %d from the cache", len(missing), len(jobs) - len(missing))
    return out


def render_downloads(source: Source, as_of: dt.date, formats: Sequence[str],
                     cache_dir: Path | None = None) -> list[Download]:
    return make(plan(source, as_of, formats, cache_dir))


def _store(path: Path, data: bytes) -> None:
    try:
        replace_file(path, data)  # `serve` links cached files into its site: never written in place
    except OSError as exc:  # a read-only checkout: the cache is an optimisation, the build goes on
        log.debug("terms: cannot keep %s in the cache: %s", path.name, exc)
