"""The site's static JSON (DESIGN §5, `/api/v1/`): each version's provisions as a tree, and each document's list
of versions.  The "compare any two versions" page reads these files; apps can read them too.

A provision carries its anchor, kind, number, caption, its own text as written (Markdown) and as the reader sees
it (rendered, plain), and its full citation (「第1条第2項」).  The files depend only on the source: two builds of
the same input are byte-identical.  Pure functions; no MkDocs.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .compare import own_text
from .model import Document, Provision, Version
from .textrender import reader_text

API = "api/v1"
Namer = Callable[[Provision], str]


def plain_text(p: Provision) -> str:
    """The provision's own text as a reader reads it: its printed number kept (Markdown would make 「1. 」 a
    list marker, which is not text), the Markdown rendered, whitespace collapsed."""
    parts: list[str] = []
    if p.heading:
        parts.append(reader_text(p.heading))
    elif p.label:
        parts.append(p.label + p.label_sep)
    parts.extend(reader_text(b.text) for b in p.blocks)
    return " ".join(" ".join(parts).split())


def _provision(p: Provision, prefix: str, name: Namer) -> dict[str, Any]:
    citation = prefix + (name(p) if p.numbers or not prefix else "")
    text = own_text(p)
    return {
        "anchor": p.anchor,
        "kind": p.kind.value,
        "number": list(p.numbers),
        "label": p.label,
        "caption": p.caption,
        "citation": citation,
        "text": text,
        "plain": plain_text(p),
        "children": [_provision(c, citation, name) for c in p.children],
    }


def version_file(doc: Document, version: Version, name: Namer) -> tuple[str, str]:
    """`api/v1/<doc>/<version>.json`: the version's provisions."""
    data = {
        "document": doc.slug,
        "version": version.id,
        "label": version.label,
        "effective": version.effective.isoformat(),
        "announced": version.announced.isoformat() if version.announced else None,
        "sha256": version.digest,
        "provisions": [_provision(p, "", name) for p in version.parsed.provisions],
    }
    return f"{API}/{doc.slug}/{version.id}.json", _dump(data)


def document_file(doc: Document) -> tuple[str, str]:
    """`api/v1/<doc>/index.json`: the document's versions, oldest first, with where each one's files are."""
    data = {
        "document": doc.slug,
        "title": doc.title,
        "versions": [
            {
                "id": v.id,
                "label": v.label,
                "effective": v.effective.isoformat(),
                "announced": v.announced.isoformat() if v.announced else None,
                "kind": v.kind.value,
                "provisions": f"{v.id}.json",
                "page": f"../../../{doc.slug}/{v.id}/",
            }
            for v in doc.versions
        ],
    }
    return f"{API}/{doc.slug}/index.json", _dump(data)


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
