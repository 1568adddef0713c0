"""The data model: diagnostics, provisions, versions, documents, notices.  Frozen, so a parsed version can be
shared between pages and cached without anyone changing it underneath."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any


class Severity(StrEnum):
    """How bad a problem is, which decides what it stops.

    - ERROR: the input cannot be read as meant (encoding, front matter, dates, a name the site cannot use):
      `check` fails and the build refuses to publish, leaving the old site in place.
    - DEFECT: the text is readable but wrong (a duplicate 第9条, a stray file that is not published): `check`
      and `mkdocs build --strict` fail, a plain build still publishes everything else, the doubtful provision
      included.  One text's problem never takes the whole site down.
    - WARNING: worth a look (a numbering gap, a BOM): printed; `--strict` fails on it, `check` does not.
    """

    ERROR = "error"
    DEFECT = "defect"
    WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    """One problem in the input, always with the file and line it is about."""

    path: Path
    line: int
    message: str
    severity: Severity = Severity.ERROR

    def format(self, root: Path | None = None) -> str:
        path = self.path
        if root is not None:
            try:
                path = self.path.relative_to(root)
            except ValueError:
                pass
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{path}:{self.line}: {prefix}{self.message}"


class Kind(StrEnum):
    PREAMBLE = "preamble"
    CHAPTER = "chapter"
    ARTICLE = "article"
    PARAGRAPH = "paragraph"
    ITEM = "item"
    SUBITEM = "subitem"
    SECTION = "section"  # numbered sections of documents without 条 (cybozu style)
    SUBSECTION = "subsection"
    SUPPLEMENT = "supplement"  # 附則
    APPENDIX = "appendix"  # 別表 / 別紙
    OMITTED = "omitted"  # 「第6条～第10条（略）」 placeholders in published excerpts
    CLOSING = "closing"  # 「適用開始日：…」, 沿革 lines after the last provision


@dataclass(frozen=True)
class TextBlock:
    """Source text (Markdown or plain) as the author wrote it, with the line it starts on."""

    text: str
    line: int


@dataclass(frozen=True)
class Provision:
    kind: Kind
    anchor: str | None
    numbers: tuple[int, ...]  # normalised number, (36, 2) for 第36条の2; () when unnumbered
    label: str  # the number as written: 「第十四条」「２」「①」「1項.」
    caption: str  # 見出し as written, brackets included: 「（目的）」; "" when none
    heading: str  # the heading line as the reader sees it: 「第14条（製品改善）」; "" for 項・号
    line: int
    blocks: tuple[TextBlock, ...] = ()
    children: tuple[Provision, ...] = ()
    label_sep: str = ""  # the space between the number and the text as written: 「1. 本文」 " ", 「①本文」 ""
    ids: tuple[str, ...] = ()  # ids the author wrote ({#some-id}): extra anchors, so the text's own links work
    numbered: bool = True  # the anchor comes from a printed number; False: from its place (hN), kept in history

    def walk(self) -> list[Provision]:
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


@dataclass(frozen=True)
class ParsedText:
    provisions: tuple[Provision, ...]
    diagnostics: tuple[Diagnostic, ...] = ()

    def walk(self) -> list[Provision]:
        out: list[Provision] = []
        for p in self.provisions:
            out.extend(p.walk())
        return out

    def anchors(self) -> list[str]:
        return [p.anchor for p in self.walk() if p.anchor]

    def articles(self) -> list[Provision]:
        """Articles of the main provision (not those inside 附則)."""
        out: list[Provision] = []
        for p in self.provisions:
            if p.kind is Kind.ARTICLE:
                out.append(p)
            elif p.kind is Kind.CHAPTER:
                out.extend(c for c in p.children if c.kind is Kind.ARTICLE)
        return out


class VersionKind(StrEnum):
    REVISION = "revision"
    EDITORIAL = "editorial"


@dataclass(frozen=True)
class Version:
    doc: str
    id: str  # file stem, the URL segment
    path: Path
    effective: dt.date
    announced: dt.date | None
    label: str | None
    summary: str | None
    kind: VersionKind
    body: str
    body_line: int  # line of the file where the body starts
    parsed: ParsedText = field(compare=False)
    effective_line: int = 2  # where `effective:` stands, for messages about it
    digest: str = ""  # sha256 of the body: the key of every cache (parse, compare, pages)


@dataclass(frozen=True)
class Document:
    slug: str
    path: Path
    title: str
    publisher: str | None
    lang: str
    description: str | None
    versions: tuple[Version, ...]  # oldest first (by effective date, then id)
    settings: dict[str, Any] = field(default_factory=dict, compare=False)  # document.yml `settings:`

    def current(self, as_of: dt.date) -> Version | None:
        """The version in force on `as_of`; None when every version is still upcoming."""
        in_force = [v for v in self.versions if v.effective <= as_of]
        return in_force[-1] if in_force else None

    def upcoming(self, as_of: dt.date) -> tuple[Version, ...]:
        return tuple(v for v in self.versions if v.effective > as_of)


@dataclass(frozen=True)
class Notice:
    id: str
    path: Path
    title: str
    announced: dt.date
    effective: dt.date | None
    documents: tuple[str, ...]
    body: str
    body_line: int
    summary: str | None = None  # what the notice announces, for the changelog, the histories and the feeds


@dataclass(frozen=True)
class Source:
    root: Path
    documents: tuple[Document, ...]
    notices: tuple[Notice, ...]
    diagnostics: tuple[Diagnostic, ...]

    @property
    def errors(self) -> list[Diagnostic]:
        """What stops the build."""
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def failures(self) -> list[Diagnostic]:
        """What fails `terms-site check`: errors and defects."""
        return [d for d in self.diagnostics if d.severity is not Severity.WARNING]
