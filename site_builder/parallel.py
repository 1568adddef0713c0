"""Work on every core: the one place the build forks.

A build's work falls into documents that share nothing but the loaded source (a document's comparisons, its
pages), so it is mapped over them by forked workers, which inherit the source instead of receiving it.  Off
Linux, or on one core, the same function runs in-process.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# the function the workers run, set before they fork: a closure over the source, which pickling could not carry
_TASK: Callable[[Any], Any] | None = None


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _run(item: Any) -> Any:
    assert _TASK is not None
    return _TASK(item)


def ordered_map(task: Callable[[T], R], items: Sequence[T], workers: int) -> Iterator[R]:
    """task(item) for each item, in order, on up to `workers` processes; results are yielded as they come, so
    the caller can write each away instead of holding them all.  An exception in a worker is raised here."""
    global _TASK
    # fork on Linux only: macOS offers it, but libraries there may not survive it
    if workers <= 1 or len(items) < 2 or not sys.platform.startswith("linux"):
        yield from map(task, items)
        return
    _TASK = task
    # a worker inherits what the parent has not written yet, and would write it again when it exits
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        with multiprocessing.get_context("fork").Pool(min(workers, len(items))) as pool:
            yield from pool.imap(_run, items, chunksize=1)
    finally:
        _TASK = None


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
