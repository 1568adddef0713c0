"""The site's static JSON API (DESIGN §5, `/api/v1/`; schema in `site_builder/schema/api-v1.schema.json`):

- `api/v1/index.json`: the documents, each with the version in force on the build date;
- `api/v1/<doc>/index.json`: every version (id, label, 公表日, 施行日, kind, counts of changed/added/deleted
  provisions, URLs of its page, 新旧対照表 and files, a hash of its text), the version in force, the upcoming ones,
  and the answer to the consent question for each version a user may have accepted;
- `api/v1/<doc>/<version>.json`: the version's provisions as a tree (anchor, kind, number, caption, citation,
  text as written, text as read).

The consent question an app asks after a revision: "this user accepted version X; must they accept again, and
from when?"  `consent[X]` answers it: the first later version whose changes are not editorial, in force or
announced, with its 施行日 — computable from the file alone (and by a client from `versions` too).  The files
depend only on the source and the build date: two builds give the same bytes.  Pure functions; no MkDocs.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from typing import Any

from .cache import Generations
from .compare import Status, own_text
from .model import Document, Provision, Version, VersionKind
from .textrender import read_as_text as _read
from .timeline import Entry

API = "api/v1"
SCHEMA = "https://terms-site.invalid/schema/api-v1.schema.json"  # $id of the schema shipped with the package
Namer = Callable[[Provision], str]


def plain_text(p: Provision) -> str:
    """The provision's own text as a reader reads it: its printed number kept (Markdown would make 「1. 」 a
    list marker, which is not text), the Markdown rendered, whitespace collapsed."""
    parts: list[str] = []
    if p.heading:
        parts.append(_read(p.heading))
    elif p.label:
        parts.append(p.label + p.label_sep)
    parts.extend(_read(b.text) for b in p.blocks)
    return " ".join(" ".join(parts).split())


def _provision(p: Provision, prefix: str, name: Namer) -> dict[str, Any]:
    citation = prefix + (name(p) if p.numbers or not prefix else "")
    return {
        "anchor": p.anchor,
        "kind": p.kind.value,
        "number": list(p.numbers),
        "label": p.label,
        "caption": p.caption,
        "citation": citation,
        "text": own_text(p),
        "plain": plain_text(p),
        "children": [_provision(c, citation, name) for c in p.children],
    }


_VERSION_FILES: Generations[tuple[object, ...], tuple[str, str]] = Generations()


def version_file(doc: Document, version: Version, name: Namer) -> tuple[str, str]:
    """`api/v1/<doc>/<version>.json`: the version's provisions (kept by content: a rebuild after a save renders
    only the saved version's file)."""
    key = (doc.slug, doc.lang, version.id, version.digest, version.label, version.effective, version.announced,
           getattr(name, "__name__", ""))
    hit = _VERSION_FILES.get(key) if version.digest else None
    if hit is not None:
        return hit
    if len(_VERSION_FILES) > 20_000:
        _VERSION_FILES.clear()
    out = _version_file(doc, version, name)
    if version.digest:
        _VERSION_FILES[key] = out
    return out


def forget() -> None:
    """Drop the kept files: a build writes each once, and keeping them would hold every version's JSON."""
    _VERSION_FILES.clear()


def _version_file(doc: Document, version: Version, name: Namer) -> tuple[str, str]:
    data = {
        "document": doc.slug,
        "version": version.id,
        "lang": doc.lang,
        "label": version.label,
        "effective": version.effective.isoformat(),
        "announced": version.announced.isoformat() if version.announced else None,
        "sha256": version.digest,
        "provisions": [_provision(p, "", name) for p in version.parsed.provisions],
    }
    return f"{API}/{doc.slug}/{version.id}.json", _dump(data)


def _counts(entry: Entry | None) -> dict[str, int] | None:
    if entry is None or entry.comparison is None:
        return None
    counts = entry.comparison.counts()
    return {"changed": counts.get(Status.CHANGED, 0), "added": counts.get(Status.ADDED, 0),
            "deleted": counts.get(Status.DELETED, 0), "notation": counts.get(Status.NOTATION, 0)}


def consent(doc: Document, as_of: dt.date) -> dict[str, Any]:
    """For each version a user may have accepted: must they accept again, because of which version, from when.
    Editorial revisions (表記の修正, DESIGN §7) never ask for it; an announced one asks from its 施行日."""
    out: dict[str, Any] = {}
    for k, accepted in enumerate(doc.versions):
        later = next((v for v in doc.versions[k + 1:] if v.kind is not VersionKind.EDITORIAL), None)
        out[accepted.id] = {
            "reconsent": later is not None,
            "version": later.id if later is not None else None,
            "from": later.effective.isoformat() if later is not None else None,
            "in_force": later is not None and later.effective <= as_of,
        }
    return out


def document_file(doc: Document, as_of: dt.date, entries: Sequence[Entry], downloads: Sequence[str]) -> tuple[str, str]:
    """`api/v1/<doc>/index.json`: the document's versions, oldest first, the one in force, the upcoming ones,
    and the consent answers.  URLs are relative to this file."""
    by_version = {e.version.id: e for e in entries if e.version is not None}
    current = doc.current(as_of)
    site = f"../../../{doc.slug}/"

    def version(v: Version) -> dict[str, Any]:
        entry = by_version.get(v.id)
        has_changes = entry is not None and entry.previous is not None
        return {
            "id": v.id,
            "label": v.label,
            "announced": v.announced.isoformat() if v.announced else None,
            "effective": v.effective.isoformat(),
            "kind": v.kind.value,
            "status": "upcoming" if v.effective > as_of else ("in_force" if current is v else "superseded"),
            "previous": entry.previous.id if entry is not None and entry.previous is not None else None,
            "counts": _counts(entry) if has_changes else None,
            "sha256": v.digest,
            "provisions": f"{v.id}.json",
            "page": f"{site}{v.id}/",
            "changes": f"{site}{v.id}/changes/" if has_changes else None,
            "files": {fmt: f"{site}{v.id}/changes.{fmt}" for fmt in downloads} if has_changes else {},
        }

    data = {
        "$schema": SCHEMA,
        "document": doc.slug,
        "title": doc.title,
        "lang": doc.lang,
        "publisher": doc.publisher,
        "as_of": as_of.isoformat(),
        "in_force": current.id if current is not None else None,
        "upcoming": [v.id for v in doc.upcoming(as_of)],
        "versions": [version(v) for v in doc.versions],
        "consent": consent(doc, as_of),
    }
    return f"{API}/{doc.slug}/index.json", _dump(data)


def index_file(documents: Sequence[Document], as_of: dt.date) -> tuple[str, str]:
    """`api/v1/index.json`: every document and the version in force on the build date."""
    data = {
        "$schema": SCHEMA,
        "as_of": as_of.isoformat(),
        "documents": [
            {
                "document": doc.slug,
                "title": doc.title,
                "lang": doc.lang,
                "in_force": (doc.current(as_of).id if doc.current(as_of) is not None else None),  # type: ignore[union-attr]
                "upcoming": [v.id for v in doc.upcoming(as_of)],
                "index": f"{doc.slug}/index.json",
            }
            for doc in documents if doc.versions
        ],
    }
    return f"{API}/index.json", _dump(data)


def _dump(data: dict[str, Any]) -> str:
    # compact: a 60-article version is 227 KB indented and 106 KB without, and there is one for every version
    # of every document; a reader's tool pretty-prints it if it wants to
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
