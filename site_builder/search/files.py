"""The files search is served from, under `search/`:

- `search_index.json` — what Material's page script fetches on every page load: only its `config` and the name
  of our `meta` file, so nothing of the index is downloaded before a reader opens search;
- `terms/meta.<hash>.json` — the documents (slug, title, URLs of the versions shown, each unit's anchor and
  heading), the spelling variants, the synonyms and the names of the pair shards; fetched on the first query;
- `terms/pairs<k>.<hash>.json` — which units hold which pair of characters (`postings.py`); a query fetches
  the shards of its own characters;
- `terms/<doc>.<k>.<hash>.json` — ten of a document's units (clean text and provision offsets), fetched when
  a result among them is shown, to check it, land on its provision and quote it.

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

from ..cache import Memo
from ..model import Source
from ..parallel import batched_map
from . import fold, postings, synonyms, variants
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


# units a text file holds: a result fetches the file of its own unit, so small files keep a query's download
# small (ten units ≈ 3 KB compressed), and a document's many files stay few enough to fetch in parallel
CHUNK = 10


def chunks(shown: Sequence[Edition]) -> list[str]:
    """[{units: [[edition, anchor, title, text, [offset, anchor, cite, parent, …]], …]}, …], CHUNK units each."""
    rows = [_unit(k, u) for k, e in enumerate(shown) for u in e.units]
    return [_dump({"units": rows[i : i + CHUNK]}) for i in range(0, len(rows), CHUNK)]


# the index of the last inputs, and each unit's folded text by (fold table, text): `mkdocs serve` rebuilds the index
# on every save, and most of it is what the save did not touch
_LAST: dict[tuple[object, ...], list[IndexFile]] = {}
_FOLDED: Memo[tuple[str, str], str] = Memo(100_000)


def _inputs(source: Source, as_of: dt.date, extra_synonyms: Iterable[Sequence[str]]) -> tuple[object, ...]:
    """Everything the index depends on: the versions search shows (in force and upcoming), and the synonyms."""
    shown = []
    for doc in source.documents:
        current = doc.current(as_of)
        versions = ([current] if current is not None else []) + list(doc.upcoming(as_of))
        if any(not v.digest for v in versions):
            return ()  # built by hand (tests): nothing to key on
        shown.append((doc.slug, doc.title, doc.lang, tuple((v.id, v.digest, v.effective, v.label) for v in versions)))
    return (as_of, tuple(shown), tuple(tuple(group) for group in extra_synonyms))


def index_files(source: Source, as_of: dt.date, extra_synonyms: Iterable[Sequence[str]] = (),
                workers: int = 1) -> list[IndexFile]:
    """The files under `search/`; a build analyses and folds the texts on `workers` processes."""
    extra_synonyms = [list(group) for group in extra_synonyms]
    key = _inputs(source, as_of, extra_synonyms)
    if key and key in _LAST:
        return _LAST[key]
    files = _index_files(source, as_of, extra_synonyms, workers)
    if key:
        _LAST.clear()
        _LAST[key] = files
    return files


def _folded(texts: list[str], table_key: str, folding: fold.Table, workers: int) -> list[str]:
    if workers > 1:  # a build: on every core, nothing to keep for a rebuild
        return batched_map(lambda t: fold.fold(t, folding), texts, workers)
    return [_FOLDED.get((table_key, t), lambda t=t: fold.fold(t, folding)) for t in texts]  # type: ignore[misc]


def _index_files(source: Source, as_of: dt.date, extra_synonyms: Iterable[Sequence[str]],
                 workers: int = 1) -> list[IndexFile]:
    docs: list[dict[str, Any]] = []
    out: list[IndexFile] = []
    texts: list[str] = []
    units: list[Unit] = []
    for doc in source.documents:
        shown = editions(doc, as_of)
        if not shown:
            continue
        text_files = [_named(f"{doc.slug}.{k}", c) for k, c in enumerate(chunks(shown))]
        out += text_files
        docs.append({
            "slug": doc.slug, "title": doc.title, "lang": doc.lang,
            "texts": [f.path.rsplit("/", 1)[1] for f in text_files],
            "editions": [[e.url, e.label, e.upcoming] for e in shown],
            # what a result shows before the text is fetched: [edition, anchor, title, article number], …
            "units": [[k, u.anchor, u.title, u.parts[0].cite if u.parts else ""]
                      for k, e in enumerate(shown) for u in e.units],
        })
        units += [u for e in shown for u in e.units]
        if doc.lang != "en":  # an English text's words are not Japanese words with other spellings
            texts += [t for e in shown for u in e.units for t in (u.title, u.text)]
    table = variants.table(texts, workers)
    folding = fold.Table.of(table)
    table_key = hashlib.sha256(_dump(table).encode("utf-8")).hexdigest()
    count, shards = postings.build(_folded([u.text for u in units], table_key, folding, workers))
    pair_files = [_named(f"pairs{k}", _dump(s)) for k, s in enumerate(shards)]
    meta = _named("meta", _dump({
        "docs": docs,
        "variants": table,
        "synonyms": synonyms.groups(extra_synonyms),
        "pairs": [f.path.rsplit("/", 1)[1] for f in pair_files],
        "chunk": CHUNK,
    }))
    # Material hands the worker only {config, docs}: our file's name rides in the config
    config = {"lang": ["ja"], "separator": r"[\s\u3000]+", "pipeline": [], "fields": {},
              "terms": {"meta": meta.path[len("search/"):]}}
    index = IndexFile(INDEX, _dump({"config": config, "docs": []}))
    return [index, meta, *out, *pair_files]


def read_index(load: Any) -> tuple[dict[str, Any], list[tuple[dict[str, Any], list[list[Any]]]]]:
    """(meta, [(doc, its units)]) from a built site; `load(path)` returns a file's parsed JSON.  For `verify`."""
    index = load(INDEX)
    meta = load("search/" + index["config"]["terms"]["meta"])
    return meta, [(doc, [u for name in doc["texts"] for u in load(f"{FOLDER}/{name}")["units"]]) for doc in meta["docs"]]
