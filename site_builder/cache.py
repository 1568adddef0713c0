"""Caches keyed by content, so that a build parses and compares each version once, and a rebuild under
`mkdocs serve` redoes only what a save changed (MkDocs may build a new plugin instance per rebuild: these live
in the process).  Every key is content, or is checked against it: a stale entry cannot be hit."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from .compare import Comparison, compare
from .definitions import Glossary, find_definitions
from .model import Diagnostic, ParsedText, Version
from .parser import parse
from .refs import dangling

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
