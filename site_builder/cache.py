"""Caches keyed by content, so that a build parses and compares each version once, and a rebuild under
`mkdocs serve` redoes only what a save changed (MkDocs may build a new plugin instance per rebuild: these live
in the process).  Every key is content: a stale entry cannot be hit."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from .compare import Comparison, compare
from .model import ParsedText, Version
from .parser import parse

K = TypeVar("K")
V = TypeVar("V")


class Memo(Generic[K, V]):
    """A bounded least-recently-used map."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K, make: Callable[[], V]) -> V:
        if key in self.items:
            self.items.move_to_end(key)
            return self.items[key]
        value = make()
        self.items[key] = value
        if len(self.items) > self.size:
            self.items.popitem(last=False)
        return value


PARSED: Memo[tuple[str, str, int], ParsedText] = Memo(4096)
COMPARED: Memo[tuple[str, str], Comparison] = Memo(4096)


def parse_cached(digest: str, body: str, path: Path, first_line: int) -> ParsedText:
    # the path and first line are in the key: diagnostics carry them
    return PARSED.get((digest, str(path), first_line), lambda: parse(body, path, first_line))


def compare_versions(old: Version, new: Version) -> Comparison:
    if not old.digest or not new.digest:
        return compare(old.parsed, new.parsed)
    return COMPARED.get((old.digest, new.digest), lambda: compare(old.parsed, new.parsed))
