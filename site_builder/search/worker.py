"""Material's search box with our worker behind it.

Material's page script starts the worker named in `__config.search`; each page names ours instead, with the
reader's document in its URL (`?doc=hasso-terms`), so results from the document the reader is on come first."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

WORKER = "assets/javascripts/terms-search-worker.js"
# Material's __config names its worker like this; the build fails when a Material update changes it
MATERIAL_WORKER = re.compile(r'("search":\s*")([^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js(")')


def use_our_worker(html: str, page: str, doc: str | None = None) -> str:
    """Point Material's __config at our worker; raise when Material no longer writes what we replace."""
    query = f"?doc={quote(doc)}" if doc else ""
    new, count = MATERIAL_WORKER.subn(lambda m: f"{m.group(1)}{m.group(2)}{WORKER}{query}{m.group(3)}", html)
    if count != 1:
        raise ValueError(
            f"{page}: Material's search configuration has changed (no '\"search\": \"…workers/search.*.min.js\"' in "
            "__config); the terms search worker cannot be installed. Check the Material version against "
            "site_builder/search/worker.py."
        )
    return new


class _Unindexed:
    """What Material's search plugin indexes pages into, when ours answers the searches: nothing.  Its index
    parses the HTML of every page (a quarter of a build) only for its on_post_build to write a file we replace."""

    def add_entry_from_context(self, page: Any) -> None:
        pass

    def generate_search_index(self, prev: Any) -> str:
        return '{"config": {"lang": ["ja"], "separator": "[\\\\s]+", "pipeline": []}, "docs": []}'


def skip_material_index(plugins: Mapping[str, Any]) -> None:
    """Hand Material's search plugin an index that keeps nothing (called from our on_config, after its own)."""
    for name, plugin in plugins.items():
        # Material keeps its index in `search_index`, made in its on_config; a Material without it indexes as
        # before, and the result is the same
        if name.split("/")[-1] == "search" and hasattr(plugin, "search_index"):
            plugin.search_index = _Unindexed()
