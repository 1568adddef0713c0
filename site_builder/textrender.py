"""Source text → HTML, with markdown-it-py, safely.

The author's Markdown and the inline HTML Markdown allows render as the author meant (`<br>`, `<a href>`,
`<sup>`, `<u>`, `<span style="color:…">`, `<div>`), through an allow-list: a tag on the list passes, and nh3 (a
kept sanitizer, the Rust ammonia library) then strips every attribute and URL that is not allowed — event
handlers, `javascript:` links, scripts' attributes.  A tag not on the list (`<script>`, `<iframe>`, `<img>`,
`<svg>`) is not removed but shown as the text the author typed: nothing of the source is lost, nothing of it
runs (DESIGN §11).  markdown-it's own `validateLink` already drops `javascript:` and `data:` Markdown links, and
attribute lists after links (`[…](…){ target=_blank }`) are read by mdit-py-plugins' attrs plugin.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from html import unescape as _UNESCAPE

import nh3
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.attrs import attrs_plugin

from .markdown_blocks import ADMONITION, unindent_admonitions

_ANY_TAG = re.compile(r"<[^>]+>")
_BR = re.compile(r"&lt;br\s*/?&gt;", re.IGNORECASE)
_TAG = re.compile(r"(<[^>]+>)")
_CELL = re.compile(r"<t[dh][ >].*?</t[dh]>", re.DOTALL)

# tags an author may write in a terms text: text-level markup and the blocks Markdown itself makes
ALLOWED_TAGS = {
    "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
}
_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir", "style"},
    "a": {"href", "target", "name"},
    "ol": {"start", "type", "reversed"},
    "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"}, "abbr": {"title"}, "details": {"open"},
}
# style only for what an author uses to mark text (colour, weight) and Markdown's table alignment
_STYLES = {"color", "background-color", "font-weight", "font-style", "text-decoration", "text-align"}
_HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^>]*>|<!--.*?-->", re.DOTALL)


def _allow_tags(html: str) -> str:
    """Keep the allowed tags (and comments); show every other tag as text."""
    def one(m: re.Match[str]) -> str:
        if m.group(0).startswith("<!--") or (m.group(2) or "").lower() in ALLOWED_TAGS:
            return m.group(0)
        return escapeHtml(m.group(0))

    out, at = [], 0
    for m in _HTML_TAG.finditer(html):
        out.append(escapeHtml(html[at : m.start()]) if "<" in html[at : m.start()] else html[at : m.start()])
        out.append(one(m))
        at = m.end()
    rest = html[at:]
    out.append(escapeHtml(rest) if "<" in rest else rest)
    return "".join(out)


class _Renderer(RendererHTML):
    """Headings inside a provision are shown as bold lines: the page's own headings are the provisions'.  Raw
    HTML goes through the allow-list."""

    def heading_open(self, tokens: list[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return '<p class="terms-subheading"><strong>'

    def heading_close(self, tokens: list[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return "</strong></p>\n"

    def html_inline(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return _allow_tags(tokens[idx].content)

    def html_block(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        content = tokens[idx].content
        first = _HTML_TAG.search(content)
        if first is not None and not first.group(0).startswith("<!--") and (first.group(2) or "").lower() not in ALLOWED_TAGS:
            # `<script>…` opening a block: CommonMark would pass the whole block through raw; as the tag is
            # shown as text, the rest is read as the Markdown paragraph it then is
            return f"<p>{_md().renderInline(content.strip())}</p>\n"
        return _allow_tags(content)


@lru_cache(maxsize=2)
def _md(breaks: bool = True) -> MarkdownIt:
    # breaks: a line break in a Japanese terms text is the author's (plain-text sources have no other way to make
    # one), and Japanese lines joined by Markdown's soft break would get a stray space between them.  English is
    # hard-wrapped (at 80 columns): there a line break is a space, as Markdown has it
    md = MarkdownIt(
        "commonmark", {"html": True, "linkify": False, "typographer": False, "breaks": breaks}, renderer_cls=_Renderer
    )
    md.enable("table")
    md.enable("strikethrough")
    md.use(attrs_plugin)
    return md


def sanitize(html: str) -> str:
    """The allow-list's second half: attributes, URLs and styles (nh3)."""
    return nh3.clean(
        html, tags=ALLOWED_TAGS, attributes=_ATTRIBUTES, url_schemes={"http", "https", "mailto", "tel"},
        filter_style_properties=_STYLES, link_rel="noopener noreferrer", strip_comments=True,
    )


@lru_cache(maxsize=256)
def reader_text(markdown: str, definitions: str = "") -> str:
    """Source Markdown as the words a reader sees: rendered, tags and comments gone, entities resolved;
    `definitions` are the document's reference-link definitions."""
    return _UNESCAPE(_ANY_TAG.sub(" ", render_block(markdown, definitions or link_definitions(markdown))))


# only a text with Markdown or HTML syntax in it reads differently from how it is written
_SYNTAX = re.compile(r"[*_\[\]<>`#\\{}|~&]|^\s*(?:[-+]|\d+[.)])\s", re.MULTILINE)


def read_as_text(text: str) -> str:
    """`reader_text`, skipped for the many texts with no Markdown or HTML syntax in them."""
    return reader_text(text) if _SYNTAX.search(text) else text


def link_definitions(body: str) -> str:
    """A text's reference-link definitions (`[label]: url`), as Markdown lines: each provision is rendered on its
    own, and a `[label]` in it must still find a definition written at the end of the file."""
    if "]:" not in body:
        return ""  # most texts define no reference links: no need to parse them
    env: dict[str, object] = {}
    _md().parse(_dedent(body), env)
    refs = env.get("references") or {}
    assert isinstance(refs, dict)
    lines = []
    for label, ref in sorted(refs.items()):
        title = f' "{ref["title"]}"' if ref.get("title") else ""
        lines.append(f"[{label}]: <{ref['href']}>{title}")
    return "\n".join(lines)


@lru_cache(maxsize=65536)  # the same paragraphs recur in every version of a document
def render_block(text: str, definitions: str = "", breaks: bool = True) -> str:
    """A block of source text as HTML; `definitions` are the document's reference-link definitions; `breaks`
    False for a language whose lines are wrapped (English)."""
    return sanitize(_md(breaks).render(_dedent(text) + (f"\n\n{definitions}\n" if definitions else "")))


# 「1) …」 in a Japanese text is a printed label, not Markdown list syntax: as a list, the page would show the
# number only as a list marker, which is not text (it is not copied, searched or read as written)
_PAREN_LIST = re.compile(r"^( {0,3})(\d{1,9})\)(?=[ \t])")


@lru_cache(maxsize=65536)
def render_inline(text: str) -> str:
    """One line of source text (a heading) as inline HTML: raw HTML escaped, as in render_block."""
    return sanitize(_md().renderInline(text))


# 「**見出し。**本文」: CommonMark does not close emphasis after punctuation that a letter follows, which is how
# Japanese is written (no spaces); the author meant bold, so that pair is made bold explicitly
_CJK_BOLD = re.compile(r"\*\*([^*\n]*?[、。，．・：；！？」』）】〕])\*\*(?=[^\s*\x00-\x7f])")


# a table-of-contents directive (MyST ```{contents}```, reST `.. contents::` and its indented options) is an
# instruction to a documentation tool, not terms text: the page has its own table of contents
_TOC_FENCE = re.compile(r"^(`{3,}|~{3,})\{(?:contents|toctree)\}[^\n]*\n(?:.*\n)*?\1[ \t]*$", re.MULTILINE)
_REST_DIRECTIVE = re.compile(r"^\.\. (?:contents|toctree|sectnum)::[^\n]*(?:\n[ \t]+:[^\n]*)*$", re.MULTILINE)


def _without_directives(text: str) -> str:
    if "{contents}" not in text and "{toctree}" not in text and ".. " not in text:
        return text
    # each line is kept as an empty line, so line numbers stay as written
    blank = lambda m: "\n" * m.group().count("\n")  # noqa: E731
    return _REST_DIRECTIVE.sub(blank, _TOC_FENCE.sub(blank, text))


def _dedent(text: str) -> str:
    """Statute texts indent with full-width spaces; Markdown would read four ASCII spaces as code; `1)` stays
    text."""
    lines = unindent_admonitions(_without_directives(text)).split("\n")
    out = []
    for line in lines:
        stripped = line.lstrip(" \u3000\t")
        indent = line[: len(line) - len(stripped)]
        # keep up to 3 ASCII spaces of nesting for Markdown lists; drop the rest
        if "\u3000" in indent or "\t" in indent:
            indent = ""
        line = indent[:3] + stripped if not stripped.startswith(("- ", "* ", "+ ")) else indent + stripped
        admonition = ADMONITION.match(line)
        if admonition:  # `??? quote "CC BY 4.0"`: its title, as a bold line
            line = f"**{admonition.group(1) or stripped.split()[1]}**"
        out.append(_CJK_BOLD.sub(r"<strong>\1</strong>", _PAREN_LIST.sub(r"\1\2\\)", line)))
    return "\n".join(out)


def map_text(html: str, change: Callable[[str], str]) -> str:
    """Apply `change` to the text of rendered HTML, outside tags and outside existing links (a reference or a
    defined term inside a link the author wrote stays as it is)."""
    out: list[str] = []
    in_link = 0
    for part in _TAG.split(html):
        if part.startswith("<"):
            if re.match(r"<a[\s>]", part):
                in_link += 1
            elif part.startswith("</a"):
                in_link -= 1
            out.append(part)
        else:
            out.append(change(part) if part and not in_link else part)
    return "".join(out)
