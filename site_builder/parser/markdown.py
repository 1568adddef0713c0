"""A Markdown source's structure, from markdown-it's token tree (site_builder/markdown_blocks.py), as the same
`LineToken`s the line rules make: headings classified by what they print (章, 条, 附則, 項, a caption, a numbered
or unnumbered section), list items with their printed number and depth; paragraph lines still go through the
line rules, for the labels they print (（1）, 一, ①, ２).
"""

from __future__ import annotations

import re
import unicodedata

from ..markdown_blocks import LineInfo, annotate
from ..numerals import KANJI_NUMERAL_CHARS, to_int
from .lines import (
    _ARTICLE,
    _CAPTION,
    _CHAPTER,
    _N,
    _PAREN_ITEM,
    _SP,
    _SUPPLEMENT,
    RULES,
    LineToken,
    _item_token,
    _LexState,
    _Line,
    rule_appendix,
    rule_article,
    rule_chapter,
    rule_supplement,
)

_MD_PARA_HEADING = re.compile(rf"^(?:第{_SP}*({_N}){_SP}*項|({_N}){_SP}*項|[○〇]{_SP}*({_N}))(?:{_SP}*[.．])?(?:{_SP}+(.*))?$")
_MD_KANJI_HEADING = re.compile(rf"^([{KANJI_NUMERAL_CHARS}]+)(?:{_SP}+(.*))?$")
_MD_DOTTED = re.compile(r"^(\d+(?:\.\d+)*)(\.?)(?:[ \t\u3000]+(.*)|$)")
_MD_ROMAN = re.compile(r"^([IVXLC]+)\.(?:[ \t\u3000]+(.*)|$)")
_MD_LETTER = re.compile(r"^([A-Z])\.(?:[ \t\u3000]+(.*)|$)")
_MD_ENGLISH = re.compile(r"^(Section|Article|Chapter|Part)[ \t]+(\d+(?:\.\d+)*)[.:]?(?:[ \t]+(.*)|$)", re.IGNORECASE)
_UNDERLINE = re.compile(r"^[=\-~^]{2,}\s*$")  # a Setext (or reST) underline
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(text: str) -> int | None:
    total, previous = 0, 0
    for ch in reversed(text):
        value = _ROMAN[ch]
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total if total > 0 else None


def _md_heading_token(line: _Line, info: LineInfo, st: _LexState, first_heading: bool) -> LineToken:
    """A Markdown heading, classified by what it prints: 章, 条, 附則, 別表, 項 (第2項, 1項, ○２), 号 (一),
    a caption (（名称）) for the article that follows, a numbered section (1., 1.1., (1), I., A., Section 1), or
    an unnumbered heading that is a level of its own."""
    text = info.heading_text
    plain = _Line(line.number, text, 0, text, True, False)
    # `raw` is the heading as the reader sees it (no #'s, escapes or {#id}): every kind of heading reads it alike
    base = {"line": line.number, "raw": text, "heading": True, "level": info.heading, "ids": info.ids}
    for rule in (rule_chapter, rule_supplement, rule_article, rule_appendix):
        tok = rule(plain, st)
        if tok is None:
            continue
        if tok.type == "chapter" and _SUPPLEMENT.match(tok.rest.strip() or "x"):  # 「第8章 附則」 is a 附則
            return LineToken("supplement", label=text, rest="", **base)  # type: ignore[arg-type]
        return LineToken(tok.type, indent=0, label=tok.label, numbers=tok.numbers, rest=tok.rest, **base)  # type: ignore[arg-type]
    folded = unicodedata.normalize("NFKC", text)
    m = _MD_PARA_HEADING.match(text)
    if m:
        value = to_int(m.group(1) or m.group(2) or m.group(3))
        if value is not None:
            label = text[: len(text) - len(m.group(4) or "")].rstrip()
            return LineToken("paragraph", label=label, numbers=(value,), rest=m.group(4) or "", **base)  # type: ignore[arg-type]
    m = _MD_KANJI_HEADING.match(text)
    if m and to_int(m.group(1)) is not None and not m.group(2):
        return LineToken("item", label=m.group(1), numbers=(int(to_int(m.group(1)) or 0),), rest="",
                         style="kanji", **base)  # type: ignore[arg-type]
    if _CAPTION.match(text.strip()):
        for nxt in st.lines[st.index + 1 :]:
            if nxt.content.strip() and not _UNDERLINE.match(nxt.content):
                if _ARTICLE.match(nxt.content):
                    return LineToken("caption", rest=text.strip(), **base)  # type: ignore[arg-type]
                break
    numbers: tuple[int, ...] | None = None
    label = rest = ""
    for rx in (_MD_ENGLISH, _MD_DOTTED, _PAREN_ITEM, _MD_ROMAN, _MD_LETTER):
        m = rx.match(folded)
        if not m:
            continue
        if rx is _MD_ENGLISH:
            numbers = tuple(int(x) for x in m.group(2).split("."))
            if m.group(1).lower() == "article":
                return LineToken("article", label=text[: m.end(2)], numbers=numbers, rest=m.group(3) or "", **base)  # type: ignore[arg-type]
            label, rest = text[: m.end(2) + (1 if folded[m.end(2) : m.end(2) + 1] in ".:" else 0)], m.group(3) or ""
        elif rx is _MD_DOTTED:
            numbers = tuple(int(x) for x in m.group(1).split("."))
            label, rest = text[: m.end(2)], m.group(3) or ""
            if not m.group(2) and len(numbers) == 1 and not rest:
                numbers = None  # a bare 「2024」 is not a section number
        elif rx is _PAREN_ITEM:  # `### (1)`, `### （３）`: the item pattern, its text may be empty
            value = to_int(m.group(2))
            numbers = (value,) if value else None
            label, rest = m.group(1), m.group(3) or ""
        elif rx is _MD_ROMAN:
            value = _roman(m.group(1))
            numbers = (value,) if value else None
            label, rest = m.group(1) + ".", m.group(2) or ""
        else:
            numbers = (ord(m.group(1)) - ord("A") + 1,)
            label, rest = m.group(1) + ".", m.group(2) or ""
        if numbers:
            break
    if numbers:
        return LineToken("md_section", label=label.strip(), numbers=numbers, rest=rest.strip(), **base)  # type: ignore[arg-type]
    if first_heading and (info.heading == 1 or (st.article_mode and _subtitle(st, info.heading))):
        # the document's title (and a subtitle right above the first 章 or 条: 「## 日本国憲法」): in the 前文
        return LineToken("title", rest=text, **base)  # type: ignore[arg-type]
    return LineToken("md_heading", rest=text, **base)  # type: ignore[arg-type]


def _subtitle(st: _LexState, level: int) -> bool:
    """No heading of this level or higher stands between this one and the first 章 or 条."""
    for nxt in st.lines[st.index + 1 :]:
        if nxt.in_fence:
            continue
        if _ARTICLE.match(nxt.content) or _CHAPTER.match(nxt.content):
            return nxt.indent <= 4
        if nxt.md_heading and len(nxt.raw.lstrip()) - len(nxt.raw.lstrip().lstrip("#")) <= level:
            return False
    return False


def _md_item_token(line: _Line, info: LineInfo) -> LineToken:
    """A Markdown list item: its printed number, or a label its text starts with (ア, ①, (1), 一), or its position."""
    item = info.item
    assert item is not None
    stripped = line.raw.lstrip(" \t")
    content = stripped[len(item.marker):].lstrip(" \t")
    indent = (item.depth - 1) * 4
    if item.ordered:
        number = item.position if item.same_numbers or item.number is None else item.number
        return LineToken("md_item", line.number, line.raw, indent, item.marker, (number,), content,
                         "ol" + item.marker[-1], item=item)
    labelled = _item_token(_Line(line.number, content, indent, content, False, False), content, "-")
    if labelled is not None:
        return LineToken("md_item", line.number, line.raw, indent, labelled.label, labelled.numbers, labelled.rest,
                         labelled.style, item=item)
    return LineToken("md_item", line.number, line.raw, indent, "", (), content, f"ul@{item.depth}", item=item)


# in a Markdown source a paragraph line is never a list (markdown-it said so) nor a section (headings are)
_MD_PARAGRAPH_RULES = ("rule_section_heading", "rule_bullet")


def lex_markdown(lines: list[_Line], state: _LexState, closing_from: int) -> list[LineToken]:
    infos = annotate("\n".join(ln.raw for ln in lines))
    rules = [r for r in RULES if r.__name__ not in _MD_PARAGRAPH_RULES]
    tokens: list[LineToken] = []
    first_heading = True
    seen_structure = False
    for index, (line, info) in enumerate(zip(lines, infos, strict=True)):
        state.index = index
        if index >= closing_from and not info.heading:
            tokens.append(LineToken("closing" if line.content.strip() else "blank", line.number, line.raw))
            continue
        if info.block_start:
            tokens.append(LineToken("block_end", line.number, ""))
        if info.markup:
            tokens.append(LineToken("markup", line.number, line.raw))
        elif info.heading:
            tok = _md_heading_token(line, info, state, first_heading and not seen_structure)
            first_heading = first_heading and tok.type == "title" and state.article_mode
            tokens.append(tok)
        elif info.verbatim:
            tokens.append(LineToken("text", line.number, line.raw, line.indent))
        elif info.item is not None:
            tokens.append(_md_item_token(line, info))
        else:  # a paragraph line, in a list item or not: printed labels (（1）, 一, ①, ２) are still read
            for rule in rules:
                found = rule(line, state)
                if found is not None:
                    if found.type == "dot":  # 「2. …」 continuing a paragraph is text to Markdown
                        found = LineToken("text", line.number, line.raw, line.indent)
                    tokens.append(found)
                    break
        if tokens and tokens[-1].type not in ("blank", "text", "markup", "block_end", "title"):
            seen_structure = True
    return tokens
