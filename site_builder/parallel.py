"""Work on every core: the one place the build forks.

A build's work falls into documents that share nothing but the loaded source (a document's comparisons, its
pages), so it is mapped over them by forked workers, which inherit the source instead of receiving it.  Off
Linux, or on one core, the same function runs in-process.
"""

from __future__ import annotations

import gc
import io
import logging
import multiprocessing
import os
import pickle
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

log = logging.getLogger(__name__)

# the function the workers run, set before they fork: a closure over the source, which pickling could not carry
_TASK: Callable[[Any], Any] | None = None
# and the items, which a worker is sent by index: pickling each item to send it (a document with its parsed
# versions) cost the parent more than the task saved
_ITEMS: Sequence[Any] = ()
# objects the parent holds before it forks, which a result refers to instead of carrying a copy (see ordered_map)
_SHARED: list[object] = []
_INDEX: dict[int, int] = {}


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class _Pickler(pickle.Pickler):
    def persistent_id(self, obj: Any) -> int | None:
        k = _INDEX.get(id(obj))
        # the identity check: an object made in the worker may sit at an address a shared one had
        return k if k is not None and _SHARED[k] is obj else None


class _Unpickler(pickle.Unpickler):
    def persistent_load(self, pid: Any) -> Any:
        return _SHARED[pid]


def _run(k: int) -> Any:
    assert _TASK is not None
    result = _TASK(_ITEMS[k])
    if not _INDEX:
        return result
    out = io.BytesIO()
    _Pickler(out, pickle.HIGHEST_PROTOCOL).dump(result)
    return out.getvalue()


def _received(result: Any) -> Any:
    return _Unpickler(io.BytesIO(result)).load() if _INDEX else result


def ordered_map(task: Callable[[T], R], items: Sequence[T], workers: int,
                shared: Iterable[object] = ()) -> Iterator[R]:
    """task(item) for each item, in order, on up to `workers` processes; results are yielded as they come, so
    the caller can write each away instead of holding them all.  An exception in a worker is raised here.

    A result that refers to one of the `shared` objects (which the workers inherit) comes back referring to the
    parent's own object, not to a copy: a comparison's rows point into the parsed versions, and copying those
    back cost more than comparing on a second core saved, and held each version twice."""
    global _TASK, _ITEMS, _SHARED, _INDEX
    # fork on Linux only: macOS offers it, but libraries there may not survive it
    if workers <= 1 or len(items) < 2 or not sys.platform.startswith("linux"):
        yield from map(task, items)
        return
    _TASK, _ITEMS = task, items
    _SHARED = list(shared)
    _INDEX = {id(o): k for k, o in enumerate(_SHARED)}
    # a worker inherits what the parent has not written yet, and would write it again when it exits
    sys.stdout.flush()
    sys.stderr.flush()
    # what the parent holds is moved out of the collector's sight: a worker's collections would otherwise visit
    # (and so copy, page by page) every object of the source it inherited
    thaw_after = gc.get_freeze_count() == 0
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(min(workers, len(items))) as pool:
            for result in pool.imap(_run, range(len(items)), chunksize=1):
                yield _received(result)
    finally:
        _TASK, _ITEMS, _SHARED, _INDEX = None, (), [], {}
        if thaw_after:
            gc.unfreeze()


# below this many items, a batched map is not worth forking for
BATCHED_MINIMUM = 2_000


def batched_map(task: Callable[[T], R], items: Sequence[T], workers: int) -> list[R]:
    """[task(item) for item in items], on `workers` processes in batches (a few per worker) when the items are
    many and small (the search index's sentences and units): one task per item would cost more in messages than
    it saves."""
    if workers <= 1 or len(items) < BATCHED_MINIMUM:
        return [task(item) for item in items]
    size = -(-len(items) // (workers * 8))
    batches = [items[k : k + size] for k in range(0, len(items), size)]
    return [r for batch in ordered_map(lambda b: [task(item) for item in b], batches, workers) for r in batch]


class Forked(Generic[R]):
    """task() on a process of its own, forked now, while this one goes on; result() waits for it.  For work that
    needs the loaded source and nothing a later step makes (the search index), done while MkDocs builds the
    pages on one core.  Off Linux it runs in result(), in-process; so it does if the process dies without
    answering (killed for memory, say): the work is still done, only later."""

    def __init__(self, task: Callable[[], R]) -> None:
        self._task = task
        self._process: Any = None
        if not sys.platform.startswith("linux"):
            return
        context = multiprocessing.get_context("fork")
        self._answer, send = context.Pipe(duplex=False)
        sys.stdout.flush()
        sys.stderr.flush()
        self._process = context.Process(target=_answer, args=(task, send), daemon=True)
        self._process.start()
        send.close()

    def result(self) -> R:
        if self._process is None:
            return self._task()
        process, self._process = self._process, None
        try:
            ok, value = self._answer.recv()
        except EOFError:
            log.debug("terms: the forked worker ended without an answer (exit code %s): done here", process.exitcode)
            return self._task()
        finally:
            self._answer.close()
            process.join()
        if not ok:
            raise value
        return value  # type: ignore[no-any-return]

    def cancel(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.join()
            self._answer.close()
            self._process = None


def _answer(task: Callable[[], Any], send: Any) -> None:
    try:
        send.send((True, task()))
    except Exception as exc:  # raised again in the parent, as if it had run there
        try:
            send.send((False, exc))
        except Exception:  # an exception that does not pickle
            send.send((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
    finally:
        send.close()


def settle() -> None:
    """What the build holds now (the loaded source, the site model) lives until the build ends: the garbage
    collector stops visiting it.  A site of hundreds of documents is millions of objects, and each full collection
    walked them all, while rendering and again for every page MkDocs built."""
    gc.freeze()


def unsettle() -> None:
    """A new build (a save under `serve`): what the last one settled may be collected again."""
    gc.unfreeze()
