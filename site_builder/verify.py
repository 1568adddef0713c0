"""Integrity checks on a built site (DESIGN §11–12), for the tests and for authors (`terms-site verify`):

- every internal link, stylesheet, script and image resolves, and every `#anchor` exists on its target page;
- every version page, and the document's own page, contains all of its source text: each source line, its
  Markdown syntax removed by markdown-it (independently of our structure parser), is found in the page's text;
- every changed row of every 新旧対照表 shows both sides' text;
- every feed is well-formed Atom, and the search index and worker are there and land on existing anchors.

Written here rather than taken from a link checker: the checkers on PyPI either crawl over HTTP or don't check
fragments inside a local tree, and this is ~100 lines on the standard library.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

from markdown_it.token import Token

from .cache import compare_versions
from .compare_table import LineKind, table_lines
from .markdown_blocks import heading_text
from .model import Source
from .render import cite
from .search import WORKER, read_index
from .search.files import INDEX
from .textrender import _BR, _dedent, _md


@dataclass(frozen=True)
class Problem:
    page: str
    message: str

    def format(self) -> str:
        return f"{self.page}: {self.message}"


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[str] = []
        self.main_text: list[str] = []
        self._depth = 0  # inside <article class="md-content__inner">
        self._skip = 0  # inside <script> or <style>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if a.get("name") and tag == "a":
            self.ids.add(str(a["name"]))
        for key in ("href", "src"):
            value = a.get(key)
            if value and tag in ("a", "link", "script", "img", "iframe", "source"):
                self.refs.append(value)
        if tag in ("script", "style"):
            self._skip += 1
        if self._depth:
            self._depth += 1
        elif tag == "article" and "md-content__inner" in (a.get("class") or ""):
            self._depth = 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        if self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth and not self._skip:
            self.main_text.append(data)


def _scan(path: Path) -> _Scan:
    scan = _Scan()
    scan.feed(path.read_text(encoding="utf-8"))
    return scan


def check_links(site: Path) -> list[Problem]:
    """Every internal reference in every HTML page of `site` resolves, fragments included."""
    pages = {p.relative_to(site).as_posix(): _scan(p) for p in sorted(site.rglob("*.html"))}
    problems: list[Problem] = []
    for name, scan in pages.items():
        for ref in scan.refs:
            parts = urlsplit(ref)
            if parts.scheme or parts.netloc or ref.startswith(("mailto:", "tel:", "data:", "javascript:")):
                continue
            if parts.path:
                path = unquote(parts.path)
                # 404.html links from the site root: it is served for any missing URL
                base = "" if path.startswith("/") else posixpath.dirname(name)
                target = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
                if target.startswith(".."):
                    problems.append(Problem(name, f"link outside the site: {ref}"))
                    continue
                if ref.split("#")[0].endswith("/") or (site / target).is_dir():
                    target = posixpath.join(target, "index.html")
            else:
                target = name
            if not (site / target).is_file():
                problems.append(Problem(name, f"broken link: {ref}"))
                continue
            fragment = unquote(parts.fragment)
            if fragment and target in pages and fragment not in pages[target].ids:
                problems.append(Problem(name, f"no anchor #{fragment} on {target}: {ref}"))
    return problems


def source_lines_as_text(body: str) -> list[tuple[int, str]]:
    """Each line of a source body as the text a reader should see (whitespace removed), with its line number.

    The body is read by markdown-it with the settings the pages are rendered with (raw HTML shown as text,
    tables, strikethrough): `~~削除~~` is 削除, `<b>重要</b>` is shown as written, `A | B` outside a table is text.
    Each inline run is split at its line breaks, since the page puts a provision's number and text apart."""
    out: list[tuple[int, str]] = []
    tokens = _md().parse(_dedent(body))
    renderer = _md().renderer
    for i, token in enumerate(tokens):
        if token.type != "inline" or token.map is None or not token.children:
            continue
        # a table cell is the one place where the pages let <br> through (Markdown has no other line break there)
        in_cell = i > 0 and tokens[i - 1].type in ("td_open", "th_open")
        children = token.children
        if i > 0 and tokens[i - 1].type == "heading_open":  # `## 定義 {#definitions}`: the id is markup
            children = _md().parseInline(heading_text(token.content)[0])[0].children or []
        line, segment = token.map[0] + 1, list[Token]()
        for child in [*children, None]:
            if child is None or child.type in ("softbreak", "hardbreak"):
                html_text = renderer.render(segment, _md().options, {})
                if in_cell:
                    html_text = _BR.sub(" ", html_text)
                text = squeeze(unescape(re.sub(r"<[^>]+>", "", html_text)))
                if text:
                    out.append((line, text))
                segment, line = [], line + 1
            else:
                segment.append(child)
    return out


def squeeze(text: str) -> str:
    """Whitespace and the permalink marks (¶: interface, not text) removed."""
    return re.sub(r"[\s¶]+", "", text)


def _missing(page: Path, name: str, lines: list[tuple[int, str]], where: str) -> list[Problem]:
    text = squeeze("".join(_scan(page).main_text))
    return [Problem(name, f"{where}:{number}: text not on the page: {line[:60]}") for number, line in lines
            if line not in text]


def check_text(site: Path, source: Source, as_of: dt.date | None = None) -> list[Problem]:
    """Every line of every version's source is on that version's page, the version in force on `as_of` on the
    document's own page, and every changed row's text of each 新旧対照表 on its page."""
    problems: list[Problem] = []
    for doc in source.documents:
        current = doc.current(as_of) if as_of is not None else None
        pages = [(v, f"{doc.slug}/{v.id}/index.html") for v in doc.versions]
        if current is not None:
            pages.append((current, f"{doc.slug}/index.html"))
        for version, name in pages:
            page = site / name  # index.md: the same path with or without directory URLs
            if not page.is_file():
                problems.append(Problem(name, f"missing page for {version.path}"))
                continue
            lines = [(version.body_line + n - 1, line) for n, line in source_lines_as_text(version.body)]
            problems += _missing(page, name, lines, str(version.path))
        for old, new in zip(doc.versions, doc.versions[1:], strict=False):
            name = f"{doc.slug}/{new.id}/changes/index.html"
            page = site / name
            if not page.is_file():
                problems.append(Problem(name, f"missing 新旧対照表 of {new.path}"))
                continue
            comparison = compare_versions(old, new)
            # every row the table shows (a fold shows its label, its text is on the version pages), read as the
            # version pages are read, with the side's reference-link definitions
            lines = []
            for line in table_lines(comparison, cite):
                if line.kind is LineKind.FOLD:
                    continue
                for cell, defs in ((line.old, comparison.definitions[0]), (line.new, comparison.definitions[1])):
                    if cell is not None:
                        text = cell.text + (f"\n\n{defs}" if defs else "")
                        lines += [(cell.provision.line, text_line) for _, text_line in source_lines_as_text(text)]
            problems += _missing(page, name, lines, f"{new.path} (新旧対照表)")
    return problems


def check_feeds(site: Path) -> list[Problem]:
    """Every Atom feed parses as XML (a control character in a summary would make it unreadable)."""
    problems: list[Problem] = []
    for feed in sorted(site.rglob("*.xml")):
        name = feed.relative_to(site).as_posix()
        if name == "sitemap.xml" or name.endswith("/sitemap.xml"):
            continue
        try:
            root = ElementTree.parse(feed).getroot()
        except ElementTree.ParseError as exc:
            problems.append(Problem(name, f"not well-formed XML: {exc}"))
            continue
        if root.tag != "{http://www.w3.org/2005/Atom}feed":
            problems.append(Problem(name, f"not an Atom feed (root element {root.tag})"))
    return problems


def check_search(site: Path, source: Source) -> list[Problem]:
    """The search index and worker are there, and every result lands on a page and an anchor that exist."""
    problems: list[Problem] = []
    if not (site / WORKER).is_file():
        problems.append(Problem(WORKER, "the search worker is missing: search answers nothing"))

    def load(name: str) -> Any:
        return json.loads((site / name).read_text(encoding="utf-8"))

    try:
        _, shards = read_index(load)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return problems + [Problem(INDEX, f"missing or unreadable search index ({exc})")]
    if source.documents and not shards:
        problems.append(Problem(INDEX, "the search index is empty"))
    scans: dict[str, _Scan] = {}
    for doc, rows in shards:
        for edition, _, _, _, parts in rows:
            path = doc["editions"][edition][0]
            target = posixpath.join(path, "index.html") if not path or path.endswith("/") else path
            page = site / target
            if not page.is_file():
                problems.append(Problem(INDEX, f"result {path} leads to no page"))
                continue
            scan = scans.setdefault(target, _scan(page))
            for anchor in parts[1::4]:
                if anchor not in scan.ids:
                    problems.append(Problem(INDEX, f"result {path}#{anchor}: no anchor #{anchor}"))
    return problems
