"""Japanese search that lands on the article (DESIGN §8).

Material's search box and result list stay; what is behind them changes.  Material's worker segments the query
and finds nothing for 利用状況データ, CRM連携 or 返金されない; Japanese needs matching that does not depend on
segmentation.  So the build writes an index of the provisions in force, one entry per article (and per numbered
section, 前文, 附則), and `theme/assets/javascripts/terms-search-worker.js` answers Material's queries by substring
matching on normalised text.  Old versions, comparison tables and history pages are not indexed: a query never
returns ten copies of one article.  Upcoming versions are, labelled 施行予定.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from .compare import provision_text
from .dates import ja
from .model import Kind, Provision, Source, Version

WORKER = "assets/javascripts/terms-search-worker.js"
# Material's __config names its worker like this; the build fails when a Material update changes it
MATERIAL_WORKER = re.compile(r'("search":\s*")([^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js(")')


def _units(version: Version) -> list[Provision]:
    out: list[Provision] = []
    for p in version.parsed.provisions:
        if p.kind is Kind.CHAPTER:
            out.extend(c for c in p.children if c.anchor)
        elif p.anchor:
            out.append(p)
    return out


def _title(p: Provision) -> str:
    if p.kind is Kind.PREAMBLE:
        return "前文"
    return p.heading or p.label or p.anchor or ""


def index_entries(source: Source, as_of: dt.date) -> list[dict[str, Any]]:
    """One entry per article of every version in force or upcoming."""
    entries: list[dict[str, Any]] = []
    for doc in source.documents:
        current = doc.current(as_of)
        shown = [(current, f"{doc.slug}/")] if current else []
        shown += [(v, f"{doc.slug}/{v.id}/") for v in doc.upcoming(as_of)]
        for version, url in shown:
            upcoming = version.effective > as_of
            for p in _units(version):
                entries.append({
                    "location": f"{url}#{p.anchor}",
                    "title": _title(p),
                    "doc": doc.title + (f"（{ja(version.effective)}施行予定）" if upcoming else ""),
                    "text": " ".join(provision_text(p).split()),
                    "upcoming": upcoming,
                })
    return entries


def search_index(source: Source, as_of: dt.date) -> str:
    """The JSON Material's search box loads and hands to the worker ({config, docs})."""
    config = {"lang": ["ja"], "separator": r"[\s\u3000]+", "pipeline": [], "fields": {}}
    return json.dumps({"config": config, "docs": index_entries(source, as_of)}, ensure_ascii=False,
                      separators=(",", ":"))


def use_our_worker(html: str, page: str) -> str:
    """Point Material's __config at our worker; raise when Material no longer writes what we replace."""
    new, count = MATERIAL_WORKER.subn(lambda m: f"{m.group(1)}{m.group(2)}{WORKER}{m.group(3)}", html)
    if count != 1:
        raise ValueError(
            f"{page}: Material's search configuration has changed (no '\"search\": \"…workers/search.*.min.js\"' in "
            "__config); the terms search worker cannot be installed. Check the Material version against "
            "site_builder/search.py."
        )
    return new
