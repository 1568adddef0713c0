"""Integrity checks on a built site (DESIGN §11–12), for the tests and for authors (`terms-site verify`):

- every internal link, stylesheet, script and image resolves, and every `#anchor` exists on its target page;
- every version page contains all of its source text: each source line, its Markdown syntax removed by
  markdown-it (independently of our parser), is found in the page's main text.

Written here rather than taken from a link checker: the checkers on PyPI either crawl over HTTP or don't check
fragments inside a local tree, and this is ~100 lines on the standard library.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt

from .model import Source


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


_INLINE = MarkdownIt("commonmark")
_BLOCK_MARKER = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|>\s*)")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def source_lines_as_text(body: str) -> list[tuple[int, str]]:
    """Each non-blank line of a source body as the text a reader should see, whitespace removed."""
    out: list[tuple[int, str]] = []
    for number, line in enumerate(body.split("\n"), 1):
        if not line.strip() or _TABLE_RULE.match(line):
            continue
        text = _BLOCK_MARKER.sub("", line).replace("|", " ")
        text = re.sub(r"<br\s*/?>", " ", text)
        plain = unescape(re.sub(r"<[^>]+>", "", _INLINE.renderInline(text)))
        squeezed = squeeze(plain)
        if squeezed:
            out.append((number, squeezed))
    return out


def squeeze(text: str) -> str:
    """Whitespace and the permalink marks (¶: interface, not text) removed."""
    return re.sub(r"[\s¶]+", "", text)


def check_text(site: Path, source: Source) -> list[Problem]:
    """Every line of every version's source is on that version's page."""
    problems: list[Problem] = []
    for doc in source.documents:
        for version in doc.versions:
            page = site / doc.slug / version.id / "index.html"  # index.md: the same path with or without directory URLs
            name = page.relative_to(site).as_posix()
            if not page.is_file():
                problems.append(Problem(name, f"missing page for {version.path}"))
                continue
            text = squeeze("".join(_scan(page).main_text))
            for number, line in source_lines_as_text(version.body):
                if line not in text:
                    source_line = version.body_line + number - 1
                    problems.append(Problem(name, f"{version.path}:{source_line}: text not on the page: {line[:60]}"))
    return problems
