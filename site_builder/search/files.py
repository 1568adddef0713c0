"""The files search is served from, under `search/`:

- `search_index.json` — what Material's page script fetches on every page load: only its `config` and the name
  of our `meta` file, so nothing of the index is downloaded before a reader opens search;
- `terms/meta.<hash>.json` — the documents (slug, title, URLs of the versions shown), the spelling variants
  and the synonyms; fetched on the first query;
- `terms/<doc>.<hash>.json` — one document's units (clean text and provision offsets), fetched on the first
  query, the reader's own document first.

File names carry a hash of their content, so a browser may keep them: a rebuild that changes a text changes
its name.  The same sources give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import Source
from . import synonyms, variants
from .units import Edition, Unit, editions

INDEX = "search/search_index.json"
FOLDER = "search/terms"


@dataclass(frozen=True)
class IndexFile:
    path: str  # relative to the site root
    content: str


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _named(stem: str, content: str) -> IndexFile:
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:10]
    return IndexFile(f"{FOLDER}/{stem}.{digest}.json", content)


def _unit(k: int, u: Unit) -> list[Any]:
    parts: list[Any] = []
    for p in u.parts:
        parts += [p.offset, p.anchor, p.cite, p.parent]
    return [k, u.anchor, u.title, u.text, parts]


def shard(shown: Sequence[Edition]) -> str:
    """{units: [[edition, anchor, title, text, [offset, anchor, cite, parent, …]], …]}"""
    return _dump({"units": [_unit(k, u) for k, e in enumerate(shown) for u in e.units]})


def index_files(source: Source, as_of: dt.date, extra_synonyms: Iterable[Sequence[str]] = ()) -> list[IndexFile]:
    docs: list[dict[str, Any]] = []
    out: list[IndexFile] = []
    texts: list[str] = []
    for doc in source.documents:
        shown = editions(doc, as_of)
        if not shown:
            continue
        data = _named(doc.slug, shard(shown))
        out.append(data)
        docs.append({
            "slug": doc.slug, "title": doc.title, "lang": doc.lang, "shard": data.path.rsplit("/", 1)[1],
            "editions": [[e.url, e.label, e.upcoming] for e in shown],
        })
        if doc.lang != "en":  # an English text's words are not Japanese words with other spellings
            texts += [t for e in shown for u in e.units for t in (u.title, u.text)]
    meta = _named("meta", _dump({
        "docs": docs,
        "variants": variants.table(texts),
        "synonyms": synonyms.groups(extra_synonyms),
    }))
    # Material hands the worker only {config, docs}: our file's name rides in the config
    config = {"lang": ["ja"], "separator": r"[\s\u3000]+", "pipeline": [], "fields": {},
              "terms": {"meta": meta.path[len("search/"):]}}
    index = IndexFile(INDEX, _dump({"config": config, "docs": []}))
    return [index, meta, *out]


def read_index(load: Any) -> tuple[dict[str, Any], list[tuple[dict[str, Any], dict[str, Any]]]]:
    """(meta, [(doc, shard)]) from a built site; `load(path)` returns a file's parsed JSON.  For `verify`."""
    index = load(INDEX)
    meta = load("search/" + index["config"]["terms"]["meta"])
    return meta, [(doc, load(f"{FOLDER}/{doc['shard']}")) for doc in meta["docs"]]
