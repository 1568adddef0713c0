"""Caches keyed by content, so that a build parses and compares each version once, and a rebuild under
`mkdocs serve` redoes only what a save changed (MkDocs may build a new plugin instance per rebuild: these live
in the process).  Every key is content, or is checked against it: a stale entry cannot be hit."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

from .compare import Comparison, compare, keep_texts
from .definitions import Glossary, find_definitions
from .model import Diagnostic, ParsedText, Source, Version
from .parser import parse
from .refs import dangling

K = TypeVar("K")
V = TypeVar("V")


_GENERATIONS: list[Generations[Any, Any]] = []


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
        self.put(key, value)
        return value

    def put(self, key: K, value: V) -> None:
        """Store what was computed elsewhere (a worker process, sitemodel.py)."""
        self.items[key] = value
        self.items.move_to_end(key)
        if len(self.items) > self.size:
            self.items.popitem(last=False)

    def __contains__(self, key: object) -> bool:
        return key in self.items

    def keep(self, live: Callable[[K], bool]) -> None:
        """Forget the entries whose key is not `live`."""
        for key in [k for k in self.items if not live(k)]:
            del self.items[key]


class Generations(Generic[K, V]):
    """A map of what the last rebuild and this one asked for (a plain dict on the hot path): `sweep` makes this
    rebuild's entries the last one's, and drops what neither asked for."""

    def __init__(self) -> None:
        self.now: dict[K, V] = {}
        self.before: dict[K, V] = {}
        _GENERATIONS.append(self)

    def get(self, key: K) -> V | None:
        value = self.now.get(key)
        if value is None and key in self.before:
            value = self.now[key] = self.before.pop(key)
        return value

    def __setitem__(self, key: K, value: V) -> None:
        self.now[key] = value

    def __len__(self) -> int:
        return len(self.now) + len(self.before)

    def clear(self) -> None:
        self.now, self.before = {}, {}

    def sweep(self) -> None:
        self.before, self.now = self.now, {}


def sweep(source: Source) -> None:
    """Under `serve`, once a rebuild is done: forget what belongs to no version the source now has, and the pages
    neither this rebuild nor the one before asked for.  Every memo is keyed by content, so each save adds what it
    changed (a version's parse, its comparisons, its pages: a few MB), and a memo bounded by its number of
    entries would keep the old ones for thousands of saves.  What belongs to a version is kept even when this
    rebuild did not ask for it: the next save of another version of the document carries anchors over all of
    them again (CARRIED, from PARSED)."""
    texts = {v.digest for doc in source.documents for v in doc.versions}
    paths = {str(v.path) for doc in source.documents for v in doc.versions}
    PARSED.keep(lambda k: k[0] in texts)
    DANGLING.keep(lambda k: k[0] in texts)
    COMPARED.keep(lambda k: k[0] in texts and k[1] in texts)
    GLOSSARIES.keep(lambda k: k in texts)
    CARRIED.keep(lambda k: all(part[0] in texts for part in k))
    LOADED.keep(lambda k: k[1] in paths)
    for memo in _GENERATIONS:
        memo.sweep()
    keep_texts({id(p) for doc in source.documents for v in doc.versions for p in v.parsed.walk()})


PARSED: Memo[tuple[str, str, int], ParsedText] = Memo(4096)
COMPARED: Memo[tuple[str, str], Comparison] = Memo(4096)
DANGLING: Memo[tuple[str, str, int], list[tuple[int, str]]] = Memo(4096)
GLOSSARIES: Memo[str, Glossary] = Memo(4096)
# under `serve`, each version file as last read, by (document, path): its bytes, what it loaded as, what was said
# of it; an entry is used only for the same bytes
LOADED: Memo[tuple[str, str], tuple[bytes, Version | None, tuple[Diagnostic, ...]]] = Memo(4096)
# a document's versions (their parse keys, in order) → what carrying numberless anchors made of each: a save
# under `serve` carries again only the anchors of the document it changed
CARRIED: Memo[tuple[tuple[str, str, int], ...], tuple[tuple[ParsedText, str] | None, ...]] = Memo(1024)


def parse_cached(digest: str, body: str, path: Path, first_line: int) -> ParsedText:
    # the path and first line are in the key: diagnostics carry them
    return PARSED.get((digest, str(path), first_line), lambda: parse(body, path, first_line))


def compare_versions(old: Version, new: Version) -> Comparison:
    if not old.digest or not new.digest:
        return compare(old.parsed, new.parsed)
    return COMPARED.get((old.digest, new.digest), lambda: compare(old.parsed, new.parsed))


def dangling_cached(digest: str, parsed: ParsedText, path: Path, first_line: int) -> list[tuple[int, str]]:
    """References to provisions the version lacks (a lint), once per content."""
    return DANGLING.get((digest, str(path), first_line), lambda: dangling(parsed))


def glossary_of(version: Version) -> Glossary:
    if not version.digest:
        return find_definitions(version.parsed)
    return GLOSSARIES.get(version.digest, lambda: find_definitions(version.parsed))
