"""Source text → HTML, with markdown-it-py.

markdown-it-py and not Python-Markdown: with `html=False` it escapes every tag a source holds (a `<script>` in a
terms file is shown as text, DESIGN §11), and its `validateLink` drops `javascript:` and `data:` URLs.  Tables,
links, emphasis and lists in the source survive (DESIGN §4).  The one tag let through is `<br>` inside a table
cell, the only way Markdown has to break a line there.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from .markdown_blocks import ADMONITION, unindent_admonitions

_BR = re.compile(r"&lt;br\s*/?&gt;", re.IGNORECASE)
_TAG = re.compile(r"(<[^>]+>)")
_CELL = re.compile(r"<t[dh][ >].*?</t[dh]>", re.DOTALL)


class _Renderer(RendererHTML):
    """Headings inside a provision are shown as bold lines: the page's own headings are the provisions'."""

    def heading_open(self, tokens: list[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return '<p class="terms-subheading"><strong>'

    def heading_close(self, tokens: list[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return "</strong></p>\n"


@lru_cache(maxsize=1)
def _md() -> MarkdownIt:
    # breaks: a line break in a terms text is the author's (plain-text sources have no other way to make one),
    # and Japanese lines joined by Markdown's soft break would get a stray space between them
    md = MarkdownIt(
        "commonmark", {"html": False, "linkify": False, "typographer": False, "breaks": True}, renderer_cls=_Renderer
    )
    md.enable("table")
    md.enable("strikethrough")
    return md


def _in_table(html: str) -> bool:
    return "<td" in html or "<th" in html


@lru_cache(maxsize=256)
def link_definitions(body: str) -> str:
    """A text's reference-link definitions (`[label]: url`), as Markdown lines: each provision is rendered on its
    own, and a `[label]` in it must still find a definition written at the end of the file."""
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
def render_block(text: str, definitions: str = "") -> str:
    """A block of source text as HTML; `definitions` are the document's reference-link definitions."""
    html: str = _md().render(_dedent(text) + (f"\n\n{definitions}\n" if definitions else ""))
    if _in_table(html):
        # inside the cells only: a 「<br>」 written in the text around the table is text
        html = _CELL.sub(lambda m: _BR.sub("<br>", m.group()), html)
    return html


# 「1) …」 in a Japanese text is a printed label, not Markdown list syntax: as a list, the page would show the
# number only as a list marker, which is not text (it is not copied, searched or read as written)
_PAREN_LIST = re.compile(r"^( {0,3})(\d{1,9})\)(?=[ \t])")


@lru_cache(maxsize=65536)
def render_inline(text: str) -> str:
    """One line of source text (a heading) as inline HTML: raw HTML escaped, as in render_block."""
    html: str = _md().renderInline(text)
    return html


def _dedent(text: str) -> str:
    """Statute texts indent with full-width spaces; Markdown would read four ASCII spaces as code; `1)` stays
    text."""
    lines = unindent_admonitions(text).split("\n")
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
        out.append(_PAREN_LIST.sub(r"\1\2\\)", line))
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
