"""Writing output without ever destroying what the tool did not make (DESIGN §11).

Two writers use this: `mkdocs build` (through the plugin) replaces `site/`, and `terms-site export OUT` replaces
OUT.  Both build into a staging folder of their own and put it in place only when it is complete, so a reader
never sees a half-written site and a failed build leaves the old one standing.

- Each build has its own staging folder (a unique name beside the target), and the swap holds a lock, so two
  builds into the same `site/` at once both finish with a whole site, the later one in place.
- `site/` may be a symbolic link (to a web root): the link stays and the folder it points to is replaced.
- `site/` may be a mount point, which cannot be renamed: then its entries are swapped one by one, inside it.
- `export` replaces only a folder it made itself (it leaves a marker file in it), an empty one or a new one; never
  the source, the repository, or a folder that holds either.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

EXPORT_MARKER = ".terms-site-export"
# a staging folder older than this was left by a build that was killed: it is safe to remove
_STALE_SECONDS = 6 * 3600


class OutputError(Exception):
    """A problem with where the output goes, said so that a person can act on it."""


@dataclass(frozen=True)
class Target:
    """Where output goes: `path` as the user named it, `real` the folder that is replaced."""

    path: Path
    real: Path
    mount: bool  # `real` is a mount point: replace its entries, not the folder itself

    @property
    def work_dir(self) -> Path:
        """Where staging folders and the lock live: on the same file system as `real`, so a rename is atomic."""
        return self.real if self.mount else self.real.parent


def replace_file(path: Path, data: bytes) -> None:
    """`path` holds `data`, or what it held before, never half: written beside it and renamed over it, never in
    place, so a reader (or a hard link to the old file, serving.py) keeps the old bytes until the new are whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def target(path: Path) -> Target:
    path = Path(os.path.abspath(path))
    try:
        real = path.resolve(strict=False)
    except (RuntimeError, OSError) as exc:
        raise OutputError(f"{path}: symbolic link loop ({exc}); point it at a folder or remove it") from exc
    if real.exists() and not real.is_dir():
        raise OutputError(f"{path} is a file, not a folder: move it away or choose another output folder")
    return Target(path, real, real.is_dir() and os.path.ismount(real))


def explain(exc: OSError, path: Path | str) -> str:
    """An OSError as a sentence with the path and what to do."""
    where = exc.filename or path
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"no space left on the device writing {where}: free some space and build again"
    if exc.errno in (errno.EROFS,):
        return f"{where} is on a read-only file system: build to a writable folder (mkdocs build -d DIR)"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"no permission to write {where}: fix its permissions or build to another folder (mkdocs build -d DIR)"
    return f"cannot write {where}: {exc.strerror or exc}"


def new_staging(t: Target) -> Path:
    """A fresh, empty folder of this build's own beside (or, for a mount point, inside) the target."""
    work = t.work_dir
    prefix = ".terms-building-" if t.mount else f".{t.real.name}.building-"
    try:
        work.mkdir(parents=True, exist_ok=True)
        _remove_stale(work, prefix)
        return Path(tempfile.mkdtemp(prefix=prefix, dir=work))
    except OSError as exc:
        raise OutputError(explain(exc, work)) from exc


def _remove_stale(work: Path, prefix: str) -> None:
    now = time.time()
    for old in work.glob(f"{prefix}*"):
        with contextlib.suppress(OSError):
            if old.is_dir() and not old.is_symlink() and now - old.stat().st_mtime > _STALE_SECONDS:
                shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def _lock(work: Path, name: str) -> Iterator[None]:
    """An exclusive lock for the swap; the kernel releases it if the process dies."""
    path = work / f".{name}.lock"
    with open(path, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def put_in_place(staging: Path, t: Target) -> None:
    """Replace the target's contents with the finished staging folder, atomically where the file system
    allows (one rename), entry by entry for a mount point.  Raises OutputError, with the old output intact where
    the swap could not start."""
    name = t.real.name or "site"
    try:
        with _lock(t.work_dir, name):
            if t.mount:
                _swap_entries(staging, t.real)
            else:
                _swap_folder(staging, t.real)
    except OSError as exc:
        raise OutputError(explain(exc, t.path)) from exc
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _ours(name: str, real: Path) -> bool:
    return name.startswith((".terms-", f".{real.name}."))


def _swap_folder(staging: Path, real: Path) -> None:
    old: Path | None = None
    if real.exists():
        # MkDocs never deletes the hidden entries of site/ (.well-known, .nojekyll): carry them over
        for entry in real.iterdir():
            if entry.name.startswith(".") and not _ours(entry.name, real) and not (staging / entry.name).exists():
                os.replace(entry, staging / entry.name)
        old = Path(tempfile.mkdtemp(prefix=f".{real.name}.previous-", dir=real.parent))
        os.replace(real, old / real.name)
    try:
        os.replace(staging, real)
    except OSError:
        if old is not None:  # put the old output back before reporting
            os.replace(old / real.name, real)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def _swap_entries(staging: Path, real: Path) -> None:
    """A mount point cannot be renamed: move its entries aside, then the new ones in (renames within one file
    system), then delete the old ones."""
    trash = Path(tempfile.mkdtemp(prefix=".terms-previous-", dir=real))
    moved: list[str] = []
    try:
        for entry in sorted(real.iterdir()):
            if entry.name.startswith("."):  # ours, or hidden entries MkDocs would keep too
                continue
            os.replace(entry, trash / entry.name)
            moved.append(entry.name)
        for entry in sorted(staging.iterdir()):
            os.replace(entry, real / entry.name)
    except OSError:
        for name in moved:  # put back what was moved aside
            with contextlib.suppress(OSError):
                if not (real / name).exists():
                    os.replace(trash / name, real / name)
        raise
    finally:
        shutil.rmtree(trash, ignore_errors=True)


# --- export --------------------------------------------------------------------------------------------------


def _repository_of(path: Path) -> Path | None:
    for folder in [path, *path.parents]:
        if (folder / ".git").exists():
            return folder
    return None


def check_export_target(out: Path, source: Path) -> Target:
    """Refuse any OUT whose replacement could destroy what the export did not make."""
    t = target(out)
    real, src = t.real, source.resolve()
    repo = _repository_of(src)
    if real == src or real.is_relative_to(src):
        raise OutputError(f"{out} is inside the source folder {source}: export to a folder outside it")
    if src.is_relative_to(real):
        raise OutputError(f"{out} holds the source folder {source}: export to a new folder, e.g. {out}/export")
    if repo is not None and (repo.is_relative_to(real) or real.is_relative_to(repo / ".git")):
        raise OutputError(f"{out} holds the repository {repo} (or is inside its .git): export to a new folder")
    if (real / ".git").exists():
        raise OutputError(f"{out} is a git repository: export to a new folder")
    if t.mount:
        raise OutputError(f"{out} is a mount point: export to a new folder inside it")
    if real.is_dir() and any(real.iterdir()) and not (real / EXPORT_MARKER).is_file():
        raise OutputError(
            f"{out} is not empty and was not written by terms-site export: export to a new or empty folder "
            "(an earlier export is replaced only where it left its marker file .terms-site-export)"
        )
    return t
