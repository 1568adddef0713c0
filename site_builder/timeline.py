"""The history of every document and the site-wide changelog (DESIGN §7), as plain data.

An entry is a revision (a version of a document) or a notice.  Its counts of changed / added / deleted provisions
come from the comparison, never from the author.  Whether it is upcoming (施行予定) depends only on the build date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .cache import compare_versions
from .compare import Comparison, Status
from .model import Document, Notice, Source, Version, VersionKind


@dataclass(frozen=True)
class Counts:
    changed: int
    added: int
    deleted: int
    notation: int

    @classmethod
    def of(cls, comparison: Comparison) -> Counts:
        c = comparison.counts()
        return cls(c.get(Status.CHANGED, 0), c.get(Status.ADDED, 0), c.get(Status.DELETED, 0), c.get(Status.NOTATION, 0))


@dataclass(frozen=True)
class Entry:
    kind: str  # "revision" (with version) or "notice"
    announced: dt.date | None
    effective: dt.date | None
    title: str
    doc: Document | None = None
    version: Version | None = None
    previous: Version | None = None  # None for the first version (制定)
    counts: Counts | None = None
    comparison: Comparison | None = None
    notice: Notice | None = None
    upcoming: bool = False

    @property
    def editorial(self) -> bool:
        return self.version is not None and self.version.kind is VersionKind.EDITORIAL

    @property
    def date(self) -> dt.date:
        """The date the entry sorts and groups by: announced when known (that is when readers learn of it),
        otherwise effective."""
        return self.announced or self.effective or dt.date.min

    @property
    def updated(self) -> dt.date:
        """Atom's `updated`: the announcement date, the effective date when there is none."""
        return self.date

    @property
    def enacted(self) -> bool:
        return self.verb == "制定"

    @property
    def verb(self) -> str:
        return version_verb(self.doc, self.version) if self.doc and self.version else ""


def version_verb(doc: Document, version: Version) -> str:
    """制定 or 改定; 施行 for a first published version that was not the first there was.

    The first version a site publishes is often not the document's first (Hasso's 第11版, cybozu's policy of
    2017 published here from its 2025 revision), so only a label such as 第1版 or 初版 makes it a 制定."""
    if doc.versions and doc.versions[0].id != version.id:
        return "改定"
    label = (version.label or "").strip()
    return "制定" if label in ("第1版", "第１版", "第一版", "初版", "制定") else "施行"


def document_entries(doc: Document, as_of: dt.date) -> list[Entry]:
    """Every version of a document as an entry, oldest first, with its comparison to the version before."""
    out: list[Entry] = []
    previous: Version | None = None
    for version in doc.versions:
        comparison = compare_versions(previous, version) if previous is not None else None
        out.append(Entry(
            kind="revision", announced=version.announced, effective=version.effective, title=doc.title, doc=doc,
            version=version, previous=previous, counts=Counts.of(comparison) if comparison else None,
            comparison=comparison, upcoming=version.effective > as_of,
        ))
        previous = version
    return out


def notice_entries(source: Source, as_of: dt.date) -> list[Entry]:
    return [
        Entry(kind="notice", announced=n.announced, effective=n.effective, title=n.title, notice=n,
              upcoming=n.effective is not None and n.effective > as_of)
        for n in source.notices
    ]


@dataclass(frozen=True)
class Timeline:
    by_doc: dict[str, list[Entry]]  # oldest first
    notices: list[Entry]

    def newest_first(self) -> list[Entry]:
        entries = [e for es in self.by_doc.values() for e in es] + self.notices
        return sorted(entries, key=lambda e: (e.date, e.effective or dt.date.min, e.title), reverse=True)

    def of_document(self, slug: str) -> list[Entry]:
        """A document's history: its versions and the notices that name it (`documents:`), oldest first."""
        named = [e for e in self.notices if e.notice is not None and slug in e.notice.documents]
        return sorted(self.by_doc[slug] + named, key=lambda e: (e.date, e.effective or dt.date.min, e.kind))

    def upcoming(self) -> list[Entry]:
        """施行予定, the soonest first."""
        return sorted((e for e in self.newest_first() if e.upcoming), key=lambda e: (e.effective or dt.date.max, e.title))

    def past(self) -> list[Entry]:
        return [e for e in self.newest_first() if not e.upcoming]


def build_timeline(source: Source, as_of: dt.date) -> Timeline:
    return Timeline({d.slug: document_entries(d, as_of) for d in source.documents}, notice_entries(source, as_of))


def by_month(entries: list[Entry]) -> list[tuple[str, list[Entry]]]:
    """Entries grouped under 「2026年3月」 headings, in the order given."""
    groups: list[tuple[str, list[Entry]]] = []
    for entry in entries:
        label = f"{entry.date.year}年{entry.date.month}月"
        if groups and groups[-1][0] == label:
            groups[-1][1].append(entry)
        else:
            groups.append((label, [entry]))
    return groups
