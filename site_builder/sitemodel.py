"""The site model: everything the pages show that takes computing, computed once, before any page is rendered.

load → parse → model (loader.py) → **site model** (here: every revision's comparison, every version's defined
terms, the timeline, the editions) → render (render.py, which only renders) → plugin.

Comparing is most of it (a 60-article revision takes ~35 ms), and each document's revisions are independent of
every other's, so they are compared on every core (parallel.py).  The results go into the content-keyed caches
(cache.py) that rendering reads, so that a page never compares, and `mkdocs serve` compares again only what a
save changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import cache
from .compare import Comparison, compare
from .definitions import Glossary, find_definitions
from .editions import Edition, editions
from .model import Document, Source
from .parallel import ordered_map
from .timeline import Timeline, build_timeline


@dataclass(frozen=True)
class SiteModel:
    source: Source
    as_of: dt.date
    timeline: Timeline
    titles: dict[str, str]  # document slug → title
    editions: dict[str, Edition]  # document slug → its other-language edition

    @property
    def documents(self) -> tuple[Document, ...]:
        return tuple(self.source.documents)


_Computed = tuple[list[tuple[tuple[str, str], Comparison]], list[tuple[str, Glossary]]]


def _missing(doc: Document) -> tuple[list[int], list[int]]:
    """Which of a document's revisions (by index of the newer version) and versions are not in the caches."""
    pairs = [k for k in range(1, len(doc.versions))
             if (doc.versions[k - 1].digest, doc.versions[k].digest) not in cache.COMPARED]
    versions = [k for k, v in enumerate(doc.versions) if v.digest not in cache.GLOSSARIES]
    return pairs, versions


def _compute(doc: Document) -> _Computed:
    pairs, versions = _missing(doc)
    old_new = [(doc.versions[k - 1], doc.versions[k]) for k in pairs]
    return ([((old.digest, new.digest), compare(old.parsed, new.parsed)) for old, new in old_new],
            [(doc.versions[k].digest, find_definitions(doc.versions[k].parsed)) for k in versions])


def build_model(source: Source, as_of: dt.date, workers: int = 1) -> SiteModel:
    """The site model of `source` on `as_of`, its comparisons computed on up to `workers` processes."""
    todo = [doc for doc in source.documents if any(_missing(doc)) and all(v.digest for v in doc.versions)]
    # a comparison's rows are the provisions of the two versions: they come back as the parent's own
    shared = [p for doc in todo for v in doc.versions for p in v.parsed.walk()]
    for comparisons, glossaries in ordered_map(_compute, todo, workers if len(todo) > 1 else 1, shared):
        for key, comparison in comparisons:
            cache.COMPARED.put(key, comparison)
        for digest, glossary in glossaries:
            cache.GLOSSARIES.put(digest, glossary)
    return SiteModel(source, as_of, build_timeline(source, as_of), {d.slug: d.title for d in source.documents},
                     editions(source.documents))
