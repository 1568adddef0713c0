"""Markdown's block structure, found by markdown-it, as facts about each source line (DESIGN §4).

The parser maps the legal structure (章・条・項・号) onto what Markdown itself says about a text: which lines are
headings and of what level (ATX and Setext), where a list item starts, how deep it is nested and the number it
prints, which lines are code, HTML or a table and so never structure, and where a paragraph after a list leaves
the list.  Reading this with markdown-it rather than with line patterns of our own means `1\\. 用語` is a heading
that prints 1, `    1. …` under `1. …` is nested, and a paragraph after a list is not glued to its last item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token


@dataclass(frozen=True)
class ListItem:
    depth: int  # 1 for a top-level list, 2 for a list inside an item, …
    ordered: bool
    number: int | None  # the number the item prints (ordered lists)
    marker: str  # as written: "1.", "2)", "-", "*"
    position: int  # 1-based position in its list
    same_numbers: bool  # every item of its list prints the same number (`1.` `1.` `1.`): numbered by position
    list_start: bool  # the first item of its list


@dataclass(frozen=True)
class LineInfo:
    heading: int = 0  # 1–6 when this line holds a heading's text
    heading_text: str = ""  # the heading as a reader sees it: `#`s, escapes and `{#id}` removed
    ids: tuple[str, ...] = ()  # ids the author wrote ({#some-id})
    markup: bool = False  # a Setext underline: Markdown syntax, no text
    item: ListItem | None = None  # this line starts a list item
    depth: int = 0  # how deep in lists this line is (0: not in a list)
    verbatim: bool = False  # code, HTML block, table row, quotation: text, never structure
    block_start: bool = False  # first line of a top-level block that follows a list


_ATTR = r"(?:[#.][\w:.-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+))"
_ATTRS = re.compile(rf"\s*\{{\s*({_ATTR}(?:\s+{_ATTR})*)\s*\}}\s*$")  # attr_list's {#id .class key=value}
_RULE = re.compile(r"^[=\-~^*#+]{3,}$")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


@lru_cache(maxsize=1)
def _md() -> MarkdownIt:
    md = MarkdownIt("commonmark")
    md.enable("table")
    # blocks only: a heading's text is read from its inline token's content; parsing inline would double the cost
    md.disable(["inline", "text_join"])
    return md


# a line that could make a heading: `# …` (ATX), or `===` / `---` under a line of text (Setext)
_HEADING_HINT = re.compile(r"^ {0,3}(?:#{1,6}(?:[ \t]|$)|=+[ \t]*$|-+[ \t]*$)", re.MULTILINE)


@lru_cache(maxsize=8)
def _tokens(body: str) -> tuple[Token, ...]:
    return tuple(_md().parse(body))


def heading_text(raw: str) -> tuple[str, tuple[str, ...]]:
    """A heading's content as shown: backslash escapes resolved, a trailing attribute list `{#id .class}` taken
    off, its ids returned."""
    ids: tuple[str, ...] = ()
    m = _ATTRS.search(raw)
    if m:
        ids = tuple(part[1:] for part in m.group(1).split() if part.startswith("#"))
        raw = raw[: m.start()]
    # a reST title's overline (`====` above it) reads to Markdown as the heading's first line: it is markup
    raw = "\n".join(line for line in raw.split("\n") if not _RULE.match(line.strip()))
    return _ESCAPE.sub(r"\1", raw).strip(), ids


def is_markdown(body: str) -> bool:
    """A text whose structure is written in Markdown headings (ATX or Setext).  Plain texts (statutes, PDF
    exports) have none, and keep the line rules that read them well."""
    if not _HEADING_HINT.search(body):
        return False  # most plain texts: no line could be a heading, no need to parse
    return any(t.type == "heading_open" for t in _tokens(unindent_admonitions(body)))


# MkDocs admonitions (`!!! note "…"`, `??? quote "…"`, pymdownx.details): their body is Markdown indented by 4
ADMONITION = re.compile(r'^ {0,3}(?:\?\?\?\+?|!!!)[ \t]+[\w-]+(?:[ \t]+"([^"]*)")?[ \t]*$')


def unindent_admonitions(body: str) -> str:
    """The body with every admonition's content moved 4 columns left, so that Markdown reads it as Markdown
    (plain CommonMark would take it for code); the number of lines stays the same."""
    if "!!!" not in body and "???" not in body:
        return body
    out: list[str] = []
    inside = False
    for line in body.split("\n"):
        if ADMONITION.match(line):
            inside = True
            out.append(line)
            continue
        if inside and (not line.strip() or line.startswith(("    ", "\t"))):
            out.append(line[4:] if line.startswith("    ") else line[1:] if line.startswith("\t") else line)
            continue
        inside = False
        out.append(line)
    return "\n".join(out)


def annotate(body: str) -> list[LineInfo]:
    """One LineInfo per line of `body` (split on "\\n")."""
    n_lines = body.count("\n") + 1
    info: list[dict[str, object]] = [{} for _ in range(n_lines)]
    tokens = _tokens(unindent_admonitions(body))
    depth = 0
    list_stack: list[tuple[bool, list[Token]]] = []  # (ordered, its items)
    item_lines: list[tuple[int, Token, int, bool]] = []
    last_list_end = -1
    for i, tok in enumerate(tokens):
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
            list_stack.append((tok.type == "ordered_list_open", []))
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            ordered, items = list_stack.pop()
            numbers = {t.info for t in items}
            for position, item in enumerate(items, 1):
                assert item.map is not None
                item_lines.append((item.map[0], item, position, ordered and len(items) > 1 and len(numbers) == 1))
            depth -= 1
            if depth == 0 and tok.level == 0:
                last_list_end = i
        elif tok.type == "list_item_open":
            if info[tok.map[0]].get("verbatim") if tok.map else False:
                continue
            list_stack[-1][1].append(tok)
            if tok.map:
                for line in range(tok.map[0], tok.map[1]):
                    info[line]["depth"] = depth
        elif tok.type == "heading_open" and tok.map and not info[tok.map[0]].get("verbatim"):
            inline = tokens[i + 1]
            text, ids = heading_text(inline.content)
            info[tok.map[0]].update(heading=int(tok.tag[1]), heading_text=text, ids=ids)
            if tok.markup in ("=", "-"):  # Setext: the text lines (all in heading_text), then the underline
                for line in range(tok.map[0] + 1, tok.map[1]):
                    info[line]["markup"] = True
        elif tok.type in ("fence", "code_block", "html_block", "table_open", "blockquote_open") and tok.map:
            # a quotation is quoted text: a list or heading in it is not the document's structure
            for line in range(tok.map[0], tok.map[1]):
                info[line]["verbatim"] = True
        if tok.level == 0 and tok.map and tok.nesting >= 0 and last_list_end >= 0 and i == last_list_end + 1:
            info[tok.map[0]]["block_start"] = True
    for line, item, position, same in item_lines:
        ordered = item.markup in (".", ")")
        number = int(item.info) if ordered and item.info.isdigit() else None
        marker = f"{item.info}{item.markup}" if ordered else item.markup
        item_depth = info[line].get("depth", 1)
        info[line]["item"] = ListItem(item_depth if isinstance(item_depth, int) else 1, ordered, number, marker,
                                      position, same, position == 1)
    return [LineInfo(**d) for d in info]  # type: ignore[arg-type]
