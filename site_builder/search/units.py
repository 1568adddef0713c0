"""What search finds: one unit per article (or numbered section, 前文, 附則, 別表) of every version in force or
upcoming, as clean reading text, with the offset where each of its provisions (項, 号, …) starts.

The offsets let the browser land on the deepest provision that matched (`#art6-p3`), not the top of a long
article.  Old versions, comparison tables and history pages are not searched: a query never returns ten copies
of one article.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..api import plain_text
from ..dates import ja
from ..model import Document, Kind, Provision, Version


@dataclass(frozen=True)
class Part:
    offset: int  # where the provision's own text starts in the unit's text
    anchor: str
    cite: str  # "14", "14の2/2", "14/2/3": the key an article-number query (第14条第2項) is resolved to; "" for none
    parent: int  # index of the enclosing part, -1 for the unit itself


@dataclass(frozen=True)
class Unit:
    anchor: str
    title: str  # what the result shows as its heading: 「第14条（CRM連携機能に関する条件）」
    text: str  # the whole unit as a reader reads it, children included, whitespace collapsed
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class Edition:
    """One version shown in search: its URL (relative to the site root) and its units."""

    url: str
    label: str  # 「（2026年3月1日施行予定）」 for an upcoming version, "" for the one in force
    upcoming: bool
    units: tuple[Unit, ...]


def _tops(version: Version) -> list[Provision]:
    out: list[Provision] = []
    for p in version.parsed.provisions:
        if p.kind is Kind.CHAPTER:
            out.extend(c for c in p.children if c.anchor)
        elif p.anchor:
            out.append(p)
    return out


def _title(p: Provision, lang: str) -> str:
    if p.kind is Kind.PREAMBLE:
        return "Preamble" if lang == "en" else "前文"
    return p.heading or p.label or p.anchor or ""


def _number(numbers: tuple[int, ...]) -> str:
    return "の".join(str(n) for n in numbers)


def unit(p: Provision, lang: str = "ja") -> Unit:
    parts: list[Part] = []
    chunks: list[str] = []
    offset = 0

    def visit(q: Provision, parent: int, cite: str) -> None:
        nonlocal offset
        own = plain_text(q)
        index = parent
        if q.anchor:
            parts.append(Part(offset, q.anchor, cite, parent))
            index = len(parts) - 1
        if own:
            chunks.append(own)
            offset += len(own) + 1
        for c in q.children:
            child_cite = f"{cite}/{_number(c.numbers)}" if cite and c.numbers and c.kind in (
                Kind.PARAGRAPH, Kind.ITEM, Kind.SUBITEM) else ""
            visit(c, index, child_cite)

    visit(p, -1, _number(p.numbers) if p.kind is Kind.ARTICLE and p.numbers else "")
    return Unit(p.anchor or "", _title(p, lang), " ".join(chunks), tuple(parts))


def editions(doc: Document, as_of: dt.date) -> list[Edition]:
    """The version in force (at the document's URL) and the upcoming ones (at their own)."""
    current = doc.current(as_of)
    shown: list[tuple[Version, str]] = [(current, f"{doc.slug}/")] if current else []
    shown += [(v, f"{doc.slug}/{v.id}/") for v in doc.upcoming(as_of)]
    out = []
    for version, url in shown:
        upcoming = version.effective > as_of
        label = ""
        if upcoming:
            label = (f" (effective {version.effective.isoformat()})" if doc.lang == "en"
                     else f"（{ja(version.effective)}施行予定）")
        out.append(Edition(url, label, upcoming, tuple(unit(p, doc.lang) for p in _tops(version))))
    return out
