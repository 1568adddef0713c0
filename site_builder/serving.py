"""What a `mkdocs serve` rebuild does differently, so that a save is on screen in under 2 s.

MkDocs' livereload server holds every request until its builder returns, so whatever a rebuild does after the
saved page is written is time the author waits to see it.  Two jobs are not needed for that page: the search
index (about a second on the bench corpus: it is rebuilt whole) and the Word and PDF files of the saved revision
(about 0.6 s).  Under `serve` they run on a thread once the pages are written; until it has written them the
site keeps the previous ones, a second out of date, never missing.  `mkdocs build` does them in the build, as
before: what it publishes is whole when it returns.

The next rebuild waits for the thread first (`wait`, from on_config): MkDocs empties site_dir before it builds.

Plain `serve` empties site_dir on every rebuild, so every file is written again: on the bench corpus 37 MB of
API files and 9 MB of Word/PDF, half a second of copying.  Those files are kept on disk anyway (the page store,
the downloads cache), so a rebuild links them into the site (`put_linked`) instead of handing them to MkDocs to
copy.  Both sides are only ever replaced by renaming, never written in place, so a link never changes under
the site that holds it.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)


class Afterwards:
    """At most one job at a time, on a thread of its own."""

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None

    def start(self, what: str, job: Callable[[], None]) -> None:
        self.wait()

        def run() -> None:
            try:
                job()
            except Exception:  # the page is served; say what is stale and why, and let the next save retry
                log.exception("terms: %s after the rebuild failed", what)

        self._thread = threading.Thread(target=run, name=f"terms: {what}", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None


def put_linked(source: Path, target: Path) -> None:
    """`target` becomes `source`'s bytes: a hard link where the file system allows, a copy where not.  Renamed
    over what is there, which is never written through."""
    try:
        os.link(source, target)  # the common case: plain `serve` has just emptied site_dir
        return
    except FileNotFoundError:
        if not source.exists():
            raise
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
            return
        except OSError:
            pass
    except FileExistsError:
        if os.path.samefile(source, target):
            # `serve --dirty` keeps site_dir: linked last time (and renaming a link over another link to the same
            # file does nothing at all, POSIX rename(2), which would leave the temporary name behind)
            return
    except OSError:
        pass
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        os.link(source, tmp)
    except OSError:  # another file system, or one without links
        shutil.copyfile(source, tmp)
    os.replace(tmp, target)
