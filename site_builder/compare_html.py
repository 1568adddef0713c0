"""A 新旧対照表 cell as HTML: the provision's source Markdown rendered as on its version page, with the changed
spans underlined (`<del>` on the old side, `<ins>` on the new).

Spans are offsets in the source text, and the source is Markdown.  Marks put into the source before rendering
would change how Markdown reads it (a mark beside `**` decides whether it is emphasis), so the text is rendered
as it is, and the spans are carried onto the rendered text through a character diff of the source and the text
the rendering produced: the two differ only by the markup removed.  Tags go around each piece of text a span
covers, so a span over a paragraph break or into a link still gives well-formed HTML.  A change inside markup
alone (a link's address) has no text to underline; the row's status still says it changed."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from markupsafe import Markup

from .compare import Spans, _dmp
from .compare_table import Cell
from .model import Provision
from .textrender import render_block, render_inline

_TAG = re.compile(r"(<[^>]*>)")


@dataclass(frozen=True)
class _Segment:
    text: str
    mode: str  # "plain" (a printed number), "inline" (a heading line), "md" (a block of Markdown)
    depth: int
    starts_line: bool


def _own_lines(p: Provision, depth: int) -> list[list[_Segment]]:
    """The provision's own lines as `compare.own_text` joins them, each split into its parts."""
    lines: list[list[_Segment]] = []
    if p.heading:
        lines.append([_Segment(p.heading, "inline", depth, True)])
        lines.extend([_Segment(b.text, "md", depth, True)] for b in p.blocks)
    elif p.blocks:
        first, *rest = p.blocks
        if p.label:
            lines.append([_Segment(p.label + p.label_sep, "plain", depth, True), _Segment(first.text, "md", depth, False)])
        else:
            lines.append([_Segment(first.text, "md", depth, True)])
        lines.extend([_Segment(b.text, "md", depth, True)] for b in rest)
    elif p.label:
        lines.append([_Segment(p.label, "plain", depth, True)])
    return [line for line in lines if "".join(s.text for s in line)]


def _lines(p: Provision, whole: bool, depth: int = 0) -> list[list[_Segment]]:
    lines = _own_lines(p, depth)
    if whole:
        for child in p.children:
            lines.extend(_lines(child, True, depth + 1))
    return lines


def _render(segment: _Segment, definitions: str) -> str:
    if segment.mode == "plain":
        return html.escape(segment.text)
    if segment.mode == "inline":
        return render_inline(segment.text)
    return render_block(segment.text, definitions)


def _marked(rendered: str, source: str, start: int, spans: Spans, tag: str) -> str:
    """`rendered` (the HTML of `source`, which starts at offset `start` of the cell's text) with the spans that
    touch it put around its text.  The source's offsets are carried onto the rendered text through a diff of
    the two (they differ only by the markup the rendering removed), so no mark ever sits inside Markdown."""
    end = start + len(source)
    mine = [(max(s, start) - start, min(e, end) - start) for s, e in spans if e > start and s < end]
    if not mine:
        return rendered
    parts = _TAG.split(rendered)
    texts = [html.unescape(p) if not p.startswith("<") else "" for p in parts]
    plain = "".join(texts)
    dmp = _dmp()
    diffs = dmp.diff_main(source, plain, False)
    marked = [(dmp.diff_xIndex(diffs, s), dmp.diff_xIndex(diffs, e)) for s, e in mine]
    out: list[str] = []
    at = 0
    for part, text in zip(parts, texts, strict=True):
        if part.startswith("<") or not text:
            out.append(part)
            continue
        cuts = sorted({0, len(text), *(max(0, min(len(text), x - at)) for span in marked for x in span)})
        for a, b in zip(cuts, cuts[1:], strict=False):
            piece = text[a:b]
            inside = any(s <= at + a and at + b <= e for s, e in marked)
            escaped = html.escape(piece, quote=False)
            out.append(f"<{tag}>{escaped}</{tag}>" if inside and piece.strip() else escaped)
        at += len(text)
    return "".join(out)


def _segments_with_offsets(lines: list[list[_Segment]]) -> Iterator[tuple[int, _Segment]]:
    at = 0
    for n, line in enumerate(lines):
        if n:
            at += 1  # the "\n" between lines
        for segment in line:
            yield at, segment
            at += len(segment.text)


def cell_html(cell: Cell, side: str, link: str | None = None, definitions: str = "") -> Markup:
    """The cell's text as HTML; `link` (the provision on its version page) is put on its number or heading;
    `definitions` are the side's reference-link definitions (`[label]: url` at the end of the file)."""
    tag = "del" if side == "old" else "ins"
    lines = _lines(cell.provision, cell.whole)
    out: list[str] = []
    current: list[str] = []
    depth = 0
    for offset, segment in _segments_with_offsets(lines):
        if segment.starts_line:
            if current:
                out.append(_wrap(current, depth))
            current, depth = [], segment.depth
        rendered = _marked(_render(segment, definitions), segment.text, offset, cell.spans, tag)
        if link and segment.mode in ("plain", "inline") and not current and not out:
            rendered = f'<a class="cmp-link" href="{html.escape(link)}">{rendered}</a>'
        if current and rendered.startswith("<p>"):
            # 「2 」 then the paragraph: one line, as printed
            rendered = "<p>" + current.pop() + rendered[3:]
        current.append(rendered)
    if current:
        out.append(_wrap(current, depth))
    return Markup("".join(out))


def _wrap(parts: list[str], depth: int) -> str:
    body = "".join(parts)
    if not re.match(r"\s*<(p|div|ul|ol|table|blockquote|pre|h\d|dl|hr)\b", body):
        body = f"<p>{body}</p>"  # a heading or a number alone on its line
    return f'<div class="cmp-line cmp-d{depth}">{body}</div>' if depth else body
