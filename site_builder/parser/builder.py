"""The second pass: `LineToken`s folded into the provision tree, every provision given its anchor (DESIGN §4).

One handler per token type (`on_article`, `on_supplement` for 附則, `on_md_heading`, …).  Markdown headings scope
what follows them by their level.  The builder is tolerant: whatever it cannot place becomes text of the
provision before it, and every doubt (numbering gaps, duplicates) is a diagnostic with its line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Diagnostic, Kind, ParsedText, Provision, Severity, TextBlock
from ..numerals import AIUEO, IROHA, id_number, kana_to_int
from .lines import _OPEN, LineToken


@dataclass
class _Node:
    kind: Kind
    numbers: tuple[int, ...]
    label: str
    caption: str
    heading: str
    line: int
    lines: list[tuple[int, str]] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)
    item_styles: list[str] = field(default_factory=list)
    para_style: str | None = None  # "dot" when 「1.」 numbers the paragraphs of this article
    indent: int = 0
    label_sep: str = ""
    last_number: int = 0  # 「2～3（略）」 leaves out paragraphs 2 to 3: the next one is 4
    auto: int = 0  # an unnumbered heading or block: its position among its unnumbered siblings (anchor -hN)
    ids: tuple[str, ...] = ()  # ids the author wrote ({#some-id}), kept as extra anchors
    level: int = 0  # the Markdown heading level that opened it (0: not opened by a heading)

    def add_text(self, number: int, text: str) -> None:
        if text.strip() or self.lines:
            self.lines.append((number, text))

    def has_content(self) -> bool:
        return bool(self.children) or any(t.strip() for _, t in self.lines)


def article_name(numbers: tuple[int, ...], unit: str = "条") -> str:
    """(36, 2) → 第36条の2: the branch number follows the unit."""
    head, *branches = numbers or (0,)
    return f"第{head}{unit}" + "".join(f"の{b}" for b in branches)


def describe(kind: Kind, numbers: tuple[int, ...]) -> str:
    """A provision's name from its number alone: 第36条の2, 第2章, 第3項, 第4号 (for messages and citations)."""
    num = "の".join(str(n) for n in numbers)
    if kind is Kind.ARTICLE:
        return article_name(numbers)
    if kind is Kind.CHAPTER:
        return article_name(numbers, "章")
    if kind is Kind.PARAGRAPH:
        return f"第{num}項"
    if kind is Kind.ITEM:
        return f"第{num}号"
    return f"{kind.value} {num}"


class _Builder:
    def __init__(self, path: Path, article_mode: bool) -> None:
        self.path = path
        self.article_mode = article_mode
        self.roots: list[_Node] = []
        self.preamble: _Node | None = None
        self.closing: _Node | None = None
        self.chapter: _Node | None = None
        self.supplement: _Node | None = None
        self.top: _Node | None = None  # article, section, supplement or appendix
        self.para: _Node | None = None  # paragraph or subsection
        self.item: _Node | None = None
        self.subitems: list[_Node] = []  # nested 細分 under the item, outermost first
        self.caption: str = ""
        self.diagnostics: list[Diagnostic] = []
        self.supplement_count = 0
        self.appendix_count = 0
        self.section_count = 0
        self.levels: list[_Node] = []  # provisions opened by Markdown headings, outermost first
        self.numbered_sections = False
        self.unnumbered_sections = 0
        self.after_list = False  # a top-level block followed a list: the next text is not the last item's

    def warn(self, line: int, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.path, line, message, Severity.WARNING))

    # the deepest open provision receives text
    def sink(self) -> _Node | None:
        return self.subitem or self.item or self.para or self.top or self.chapter

    @property
    def subitem(self) -> _Node | None:
        return self.subitems[-1] if self.subitems else None

    def close_to_top(self) -> None:
        self.para = self.item = None
        self.subitems = []

    def close_all(self) -> None:
        self.close_to_top()
        self.top = None

    def container(self) -> list[_Node]:
        if self.supplement is not None:
            return self.supplement.children
        if self.chapter is not None:
            return self.chapter.children
        return self.roots

    def feed(self, tok: LineToken) -> None:
        if tok.level and tok.type != "title":
            # a 項 or 号 heading (`### 1 項`, `#### ○２`, `#### 一`) belongs to the open article at any level
            keep = (Kind.ARTICLE, Kind.SUPPLEMENT, Kind.APPENDIX) if tok.type in ("paragraph", "item", "caption") else ()
            self._scope(tok.level, keep)
        handler = getattr(self, f"on_{tok.type}")
        handler(tok)

    # --- Markdown headings scope what follows them ---

    def _scope(self, level: int, keep: tuple[Kind, ...] = ()) -> None:
        """A heading of `level` closes every provision opened by a heading of that level or deeper (but those of
        a kind in `keep`); what it leaves open decides where the heading's own provision goes."""
        before = self.top
        while self.levels and self.levels[-1].level >= level and self.levels[-1].kind not in keep:
            self.levels.pop()
        if keep and self.levels and self.levels[-1].kind in keep and self.top is self.levels[-1]:
            self.after_list = False
            return  # the 項 or 号 goes into the open article: nothing else changes
        self.chapter = next((n for n in reversed(self.levels) if n.kind is Kind.CHAPTER), None)
        self.supplement = next((n for n in reversed(self.levels) if n.kind is Kind.SUPPLEMENT), None)
        self.top = next((n for n in reversed(self.levels) if n.kind in _TOPS), None)
        if self.top is not before:
            self.close_to_top()
        self.after_list = False

    def _opened(self, node: _Node, tok: LineToken) -> None:
        if tok.level:
            node.level, node.ids = tok.level, tok.ids
            self.levels.append(node)

    def _heading_parent(self) -> _Node | None:
        return self.levels[-1] if self.levels else None

    def _unnumbered_index(self, siblings: list[_Node]) -> int:
        return sum(1 for c in siblings if c.auto) + 1

    def on_title(self, tok: LineToken) -> None:
        """The document's own title (`# 利用規約` before any provision): the 前文's first line."""
        if self.preamble is None:
            self.preamble = _Node(Kind.PREAMBLE, (), "", "", "", tok.line)
        self.preamble.add_text(tok.line, f"{'#' * tok.level} {tok.rest}")
        self.preamble.ids += tok.ids

    def on_markup(self, tok: LineToken) -> None:
        """A Setext underline: syntax, no text."""

    def on_block_end(self, tok: LineToken) -> None:
        if self.item is not None:
            self.after_list = True

    def _leave_list(self, line: int) -> None:
        """Text or a new list after a list: a block of its own (-hN), so that it is neither glued to the last
        item nor numbered into the list before it."""
        if not self.after_list or self.top is None:
            return
        self.after_list = False
        # in an article the block belongs to the 項 the list is in (a note under its 号 is not a new 項: the
        # next printed 「2項.」 is); elsewhere to the section.  Text and a list that follow go into the block.
        owner: _Node = self.top
        if self.top.kind is Kind.ARTICLE:
            owner = self.para if self.para is not None and self.para.kind is Kind.PARAGRAPH else \
                self._implicit_paragraph(line)
        self.close_to_top()
        node = _Node(Kind.SUBSECTION, (), "", "", "", line, auto=self._unnumbered_index(owner.children))
        owner.children.append(node)
        self.para = node

    def on_md_section(self, tok: LineToken) -> None:
        """`## 1.`, `### 1.1.`, `## I.`, `### (1)`, `## Section 2`: the number printed is the anchor's."""
        parent = self._heading_parent()
        self.close_to_top()
        if parent is None or parent.kind in (Kind.CHAPTER, Kind.SUPPLEMENT):
            node = _Node(Kind.SECTION, tok.numbers, tok.label, tok.rest, _heading_line(tok), tok.line)
            (parent.children if parent is not None else self.roots).append(node)
        else:
            numbers = tok.numbers
            if len(numbers) > 1 and numbers[:-1] == parent.numbers:
                numbers = numbers[-1:]  # `### 1.2.` under `## 1.` is its second part: sec1-2
            node = _Node(Kind.SUBSECTION, numbers, tok.label, tok.rest, _heading_line(tok), tok.line)
            parent.children.append(node)
        self.top = node
        self._opened(node, tok)

    def on_md_heading(self, tok: LineToken) -> None:
        """An unnumbered heading: a level of its own, numbered by its position among unnumbered siblings."""
        parent = self._heading_parent()
        self.close_to_top()
        if parent is None or parent.kind in (Kind.CHAPTER, Kind.SUPPLEMENT):
            # numbered across the document (secN is a top-level anchor), not within its chapter
            siblings = parent.children if parent is not None else self.roots
            self.unnumbered_sections += 1
            node = _Node(Kind.SECTION, (), "", tok.rest, tok.rest, tok.line, auto=self.unnumbered_sections)
        else:
            siblings = parent.children
            node = _Node(Kind.SUBSECTION, (), "", tok.rest, tok.rest, tok.line, auto=self._unnumbered_index(siblings))
        siblings.append(node)
        self.top = node
        self._opened(node, tok)

    def on_md_item(self, tok: LineToken) -> None:
        self._leave_list(tok.line)
        if self.top is None:
            return self.on_text(tok)
        if tok.style.startswith("ol") and tok.item is not None and tok.item.depth == 1 and self.top.kind in (
            Kind.ARTICLE, Kind.SUPPLEMENT
        ):
            # 「1.」 opening an article numbers its 項 (Hasso, EC-CUBE); on_dot decides as for plain text
            return self.on_dot(LineToken("dot", tok.line, tok.raw, 0, tok.label, tok.numbers, tok.rest))
        return self.on_item(LineToken("item", tok.line, tok.raw, tok.indent, tok.label, tok.numbers, tok.rest,
                                      tok.style))

    # --- handlers, one per token type ---

    def on_blank(self, tok: LineToken) -> None:
        node = self.closing or self.sink() or self.preamble
        if node is not None:
            node.add_text(tok.line, "")

    def on_text(self, tok: LineToken) -> None:
        if tok.raw.strip():
            self._leave_list(tok.line)
        node = self.sink()
        if node is None:
            if self.preamble is None:
                self.preamble = _Node(Kind.PREAMBLE, (), "", "", "", tok.line)
            self.preamble.add_text(tok.line, tok.raw)
            return
        if node is self.top and node.kind is Kind.ARTICLE and tok.raw.strip():
            node = self._implicit_paragraph(tok.line)
        node.add_text(tok.line, tok.raw)

    def on_closing(self, tok: LineToken) -> None:
        if self.closing is None:
            self.closing = _Node(Kind.CLOSING, (), "", "", "", tok.line)
        self.closing.add_text(tok.line, tok.raw)

    def on_caption(self, tok: LineToken) -> None:
        self.caption = tok.rest

    def on_chapter(self, tok: LineToken) -> None:
        self.close_all()
        self.supplement = None
        node = _Node(Kind.CHAPTER, tok.numbers, tok.label, tok.rest, _heading_line(tok), tok.line)
        self.roots.append(node)
        self.chapter = node
        self._opened(node, tok)

    def on_article(self, tok: LineToken) -> None:
        self.close_all()
        rest = tok.rest.strip()
        caption, body = "", ""
        if tok.heading or ((rest[:1] or "x") in _OPEN and _closes_at_end(rest)):
            caption = rest
        else:
            body = tok.rest.lstrip(" \t\u3000")
        heading = tok.label
        if self.caption and caption:
            # 「（新設）⏎第2条（委託）」: the line before is a note, the article's own caption is its caption;
            # both stay on the page
            heading = f"{self.caption} {tok.label}{tok.rest[: len(tok.rest) - len(tok.rest.lstrip())]}{caption}"
            self.caption = ""
        elif self.caption:
            # statute style: 「（目的）」 stands on the line before 「第一条　この法律は…」 and is shown there
            heading, caption = f"{self.caption} {tok.label}", self.caption
            self.caption = ""
        elif caption:
            heading = f"{tok.label}{tok.rest[: len(tok.rest) - len(tok.rest.lstrip())]}{caption}"
        node = _Node(Kind.ARTICLE, tok.numbers, tok.label, caption, heading, tok.line)
        parent = self._heading_parent() if tok.level else None
        if parent is not None and parent.kind in (Kind.SECTION, Kind.SUBSECTION, Kind.APPENDIX):
            parent.children.append(node)  # articles inside a heading of their own (a quoted licence)
        else:
            self.container().append(node)
        self.top = node
        self._opened(node, tok)
        if body:
            self._implicit_paragraph(tok.line).add_text(tok.line, body)

    def on_supplement(self, tok: LineToken) -> None:
        self.close_all()
        self.chapter = None
        self.supplement_count += 1
        node = _Node(Kind.SUPPLEMENT, (self.supplement_count,), tok.label, tok.rest, tok.label, tok.line)
        self.roots.append(node)
        self.supplement = self.top = node
        self._opened(node, tok)

    def on_appendix(self, tok: LineToken) -> None:
        self.close_all()
        self.chapter = self.supplement = None
        self.appendix_count += 1
        numbers = tok.numbers or (self.appendix_count,)
        heading = f"{tok.label}{(' ' + tok.rest) if tok.rest and tok.rest[0] not in _OPEN else tok.rest}"
        node = _Node(Kind.APPENDIX, numbers, tok.label, tok.rest, heading, tok.line)
        self.roots.append(node)
        self.top = node
        self._opened(node, tok)

    def on_section(self, tok: LineToken) -> None:
        self.close_all()
        self.section_count = tok.numbers[0]
        node = _Node(Kind.SECTION, tok.numbers, tok.label, tok.rest, tok.raw.strip().lstrip("#").strip(), tok.line)
        self.roots.append(node)
        self.top = node

    def on_heading_section(self, tok: LineToken) -> None:
        self.close_all()
        self.section_count += 1
        node = _Node(Kind.SECTION, (self.section_count,), "", tok.rest, tok.rest, tok.line)
        self.roots.append(node)
        self.top = node

    def on_omitted_articles(self, tok: LineToken) -> None:
        self.close_all()
        split = tok.numbers.index(0)
        first = tok.numbers[:split]
        node = _Node(Kind.OMITTED, first, "", "", "", tok.line)  # the placeholder is text, shown as written
        node.add_text(tok.line, tok.raw.strip())
        self.container().append(node)

    def on_omitted_paras(self, tok: LineToken) -> None:
        if self.top is None or self.top.kind not in (Kind.ARTICLE, Kind.SUPPLEMENT):
            return self.on_text(tok)
        self.close_to_top()
        node = _Node(Kind.OMITTED, (tok.numbers[0],), "", "", "", tok.line, last_number=tok.numbers[1])
        node.add_text(tok.line, tok.raw.strip())
        self.top.children.append(node)
        return None

    def on_paragraph(self, tok: LineToken) -> None:
        if self.top is None or self.top.kind in (Kind.SECTION,):
            return self.on_item(tok)
        self._new_paragraph(tok)
        if self.top.para_style is None:
            self.top.para_style = "explicit"
        return None

    def on_digit_space(self, tok: LineToken) -> None:
        """「2 法第2条…」: a paragraph when it continues the paragraph numbers, otherwise an item."""
        top = self.top
        if top is not None and top.kind in (Kind.ARTICLE, Kind.SUPPLEMENT, Kind.APPENDIX):
            expected = self._last_para_number() + 1
            # in a 附則 the 「（実施期日）」 caption line comes before 「1 この改正規定は…」
            fresh = not top.has_content() or (top.kind is Kind.SUPPLEMENT and not top.children)
            if tok.numbers[0] == expected and (expected >= 2 or fresh) and not self.item:
                self._new_paragraph(tok)
                return
            if tok.numbers[0] == expected and expected >= 2 and self.item and self.item.item_styles == []:
                self._new_paragraph(tok)
                return
        self.on_item(LineToken("item", tok.line, tok.raw, tok.indent, tok.label, tok.numbers, tok.rest, "digit"))

    def on_dot(self, tok: LineToken) -> None:
        """「1.」 numbers paragraphs when it starts an article (Hasso, EC-CUBE), items otherwise (いかすきー 第4条)."""
        top = self.top
        n = tok.numbers[0]
        # 「 2. 二号」 indented like the open item list continues it, even when 2 would also be the next paragraph
        in_items = self.item is not None and tok.indent > 0 and tok.indent >= self.item.indent
        if top is not None and top.kind in (Kind.ARTICLE, Kind.SUPPLEMENT) and tok.indent <= 3 and not in_items:
            last = self._last_para_number()
            starts = n == 1 and not top.has_content()
            continues_dot = top.para_style == "dot" and n == last + 1
            after_plain = (
                top.para_style is None and n == 2 and last == 1 and self.para is not None
                and not self.para.children and not self.para.label
            )
            if starts or continues_dot or after_plain:
                self._new_paragraph(tok)
                top.para_style = "dot"
                return
        self.on_item(LineToken("item", tok.line, tok.raw, tok.indent, tok.label, tok.numbers, tok.rest, "dot"))

    def on_bullet(self, tok: LineToken) -> None:
        self.on_item(tok)

    def on_item(self, tok: LineToken) -> None:
        if self.top is None:
            return self.on_text(tok)  # a list before the first provision: part of the preamble
        if self.top.kind is Kind.SECTION and tok.style == "paren" and tok.indent == 0 and not (
            self.para is not None and self.para.item_styles[:1] == ["paren"]
        ):
            return self._new_subsection(tok)
        if self.item is not None and tok.indent >= self.item.indent + 2:
            # a list nested under an item (`    1. …` under `1. …`): its 細分, whatever its numbering style
            return self._new_subitem(tok)
        owner = self.para
        if owner is None:
            owner = self._implicit_paragraph(tok.line) if self.top.kind is Kind.ARTICLE else self.top
        styles = owner.item_styles
        style = tok.style or "bullet"
        if tok.type == "bullet" and self.item is not None and styles[:1] != [style]:
            # an unnumbered bullet under a numbered item is a 細分 when indented deeper or of a new style
            item_indent = self.item.indent
            if len(styles) >= 2 and styles[1] == style:
                return self._new_subitem(tok)
            if len(styles) == 1 and (tok.indent > item_indent or styles[0] != style):
                styles.append(style)
                return self._new_subitem(tok)
        if not styles or styles[0] == style:
            if not styles:
                styles.append(style)
            return self._new_item(owner, tok)
        if len(styles) >= 2 and styles[1] == style and self.item is not None:
            return self._new_subitem(tok)
        if len(styles) == 1 and self.item is not None:
            styles.append(style)
            return self._new_subitem(tok)
        return self.on_text(tok)

    # --- helpers ---

    def _last_para_number(self) -> int:
        if self.top is None:
            return 0
        numbers = [c.last_number or c.numbers[0] for c in self.top.children
                   if c.kind in (Kind.PARAGRAPH, Kind.OMITTED) and c.numbers]
        return numbers[-1] if numbers else 0

    def _implicit_paragraph(self, line: int) -> _Node:
        assert self.top is not None
        if self.para is None:
            number = self._last_para_number() + 1
            node = _Node(Kind.PARAGRAPH, (number,), "", "", "", line)
            self.top.children.append(node)
            self.para = node
        return self.para

    def _new_paragraph(self, tok: LineToken) -> None:
        assert self.top is not None
        expected = self._last_para_number() + 1
        if tok.numbers[0] != expected:
            self.warn(tok.line, f"paragraph {tok.label!r}: expected 第{expected}項 after 第{expected - 1}項")
        self.close_to_top()
        node = _Node(Kind.PARAGRAPH, tok.numbers, tok.label, "", "", tok.line, label_sep=_separator(tok))
        node.add_text(tok.line, tok.rest)
        self.top.children.append(node)
        self.para = node

    def _new_subsection(self, tok: LineToken) -> None:
        assert self.top is not None
        self.close_to_top()
        node = _Node(Kind.SUBSECTION, tok.numbers, tok.label, tok.rest, "", tok.line, label_sep=_separator(tok))
        node.item_styles = []
        self.top.children.append(node)
        self.para = node
        # the subsection's title is its text; items follow
        node.add_text(tok.line, tok.rest)
        return None

    def _new_item(self, owner: _Node, tok: LineToken) -> None:
        self.item, self.subitems = _list_node(owner, Kind.ITEM, tok), []

    def _new_subitem(self, tok: LineToken) -> None:
        """A 細分 of the open item, or of an open 細分 it is indented under (a nested list keeps its depth)."""
        assert self.item is not None
        while self.subitems and tok.indent <= self.subitems[-1].indent:
            self.subitems.pop()
        self.subitems.append(_list_node(self.subitems[-1] if self.subitems else self.item, Kind.SUBITEM, tok))

    # --- freezing, with anchors ---

    def result(self) -> ParsedText:
        self.numbered_sections = any(n.kind is Kind.SECTION and n.numbers and not n.auto for n in self._all_nodes())
        provisions: list[Provision] = []
        used: dict[str, int] = {}
        if self.preamble is not None and any(t.strip() for _, t in self.preamble.lines):
            provisions.append(self._freeze(self.preamble, "preamble", used))
        for node in self.roots:
            provisions.append(self._freeze(node, None, used, parent_anchor=""))
        if self.closing is not None:
            # 「以上」, 改定履歴 lines: a provision like any other, linkable and a row of the 新旧対照表
            provisions.append(self._freeze(self.closing, "closing", used))
        self._check_sequence(provisions)
        return ParsedText(tuple(provisions), tuple(self.diagnostics))

    def _all_nodes(self) -> list[_Node]:
        out: list[_Node] = []
        stack = list(self.roots)
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(node.children)
        return out

    def _anchor_for(self, node: _Node, parent_anchor: str, parent_kind: Kind | None,
                    used: dict[str, int] | None = None) -> str | None:
        num = id_number(node.numbers)
        if node.auto:  # printed no number: its place among its unnumbered siblings
            if node.kind is Kind.SECTION:
                # the published secN where no section prints a number; hN beside sections that do (sec1 is 「1.」)
                return f"h{node.auto}" if self.numbered_sections else f"sec{node.auto}"
            return f"{parent_anchor}-h{node.auto}"
        if node.kind is Kind.CHAPTER:
            return f"ch{num}"
        if node.kind is Kind.ARTICLE:
            if parent_kind is Kind.SUPPLEMENT and (used is None or f"art{num}" in used):
                return f"{parent_anchor}-art{num}"  # a 附則's own 第1条
            return f"art{num}"  # 「第7章 附則」 whose 第40条 continues the numbering
        if node.kind is Kind.PARAGRAPH:
            return f"{parent_anchor}-p{num}"
        if node.kind is Kind.ITEM:
            return f"{parent_anchor}-i{num}"
        if node.kind is Kind.SUBITEM:
            return f"{parent_anchor}-s{num}"
        if node.kind is Kind.SECTION:
            return "sec" + "-".join(str(n) for n in node.numbers)  # `1.2.` → sec1-2
        if node.kind is Kind.SUBSECTION:
            return f"{parent_anchor}-" + "-".join(str(n) for n in node.numbers)
        if node.kind is Kind.SUPPLEMENT:
            return "suppl" if node.numbers == (1,) else f"suppl{num}"
        if node.kind is Kind.APPENDIX:
            return f"appx{num}"
        return None

    def _freeze(
        self, node: _Node, anchor: str | None, used: dict[str, int], parent_anchor: str = "",
        parent_kind: Kind | None = None,
    ) -> Provision:
        if anchor is None and node.kind not in (Kind.OMITTED, Kind.CLOSING, Kind.PREAMBLE):
            anchor = self._anchor_for(node, parent_anchor, parent_kind, used)
        if anchor is not None:
            if anchor in used:
                # published all the same, under an anchor of its own: a typed mistake in one text (two 第2条)
                # must not take the site down, and the second provision must still be linkable
                n = 2
                while f"{anchor}-dup{n}" in used:
                    n += 1
                self.diagnostics.append(Diagnostic(
                    self.path, node.line,
                    f"duplicate {_name(node)} (#{anchor}, first at line {used[anchor]}): "
                    f"renumber it; until then the second one is #{anchor}-dup{n}", Severity.DEFECT,
                ))
                anchor = f"{anchor}-dup{n}"
            used[anchor] = node.line
        ids = tuple(i for i in node.ids if i not in used and i != anchor) if node.ids else ()
        for extra in ids:
            used[extra] = node.line
        children = tuple(
            self._freeze(c, None, used, anchor or parent_anchor, node.kind) for c in node.children
        )
        return Provision(
            kind=node.kind, anchor=anchor, numbers=node.numbers, label=node.label, caption=node.caption,
            heading=node.heading, line=node.line, blocks=_blocks(node.lines), children=children,
            label_sep=node.label_sep, ids=ids, numbered=not node.auto,
        )

    def _check_sequence(self, provisions: list[Provision]) -> None:
        def check(siblings: Sequence[Provision], kind: Kind) -> None:
            previous: tuple[int, ...] | None = None
            for p in siblings:
                if p.kind is Kind.OMITTED and kind is Kind.ARTICLE:
                    previous = None
                    continue
                if p.kind is not kind:
                    continue
                if previous is not None:
                    ok = p.numbers > previous and (
                        p.numbers[0] == previous[0] or (p.numbers[0] == previous[0] + 1 and len(p.numbers) == 1)
                    )
                    if not ok:
                        self.warn(p.line, f"{describe(kind, p.numbers)} follows {describe(kind, previous)}")
                previous = p.numbers

        articles: list[Provision] = []
        for p in provisions:
            if p.kind in (Kind.ARTICLE, Kind.OMITTED):
                articles.append(p)
            elif p.kind is Kind.CHAPTER:
                articles.extend(p.children)
        check(articles, Kind.ARTICLE)
        check([p for p in provisions if p.kind is Kind.CHAPTER], Kind.CHAPTER)


def _name(node: _Node) -> str:
    """A provision as a message names it: 第9条, 第2項, or the number it prints (「VI.」, 「1.2.」)."""
    if node.kind in (Kind.ARTICLE, Kind.CHAPTER, Kind.PARAGRAPH, Kind.ITEM) or not (node.label or node.heading):
        return describe(node.kind, node.numbers)
    return f"「{node.label or node.heading}」"


def _list_node(parent: _Node, kind: Kind, tok: LineToken) -> _Node:
    """A 号 or 細分 under `parent`: numbered as printed (ア イ ウ in their order), else by its place."""
    numbers = _kana_numbers(parent, kind, tok) or tok.numbers or (sum(1 for c in parent.children if c.kind is kind) + 1,)
    node = _Node(kind, numbers, tok.label, "", "", tok.line, label_sep=_separator(tok))
    node.indent = tok.indent
    node.add_text(tok.line, tok.rest)
    parent.children.append(node)
    return node


def _kana_numbers(parent: _Node, kind: Kind, tok: LineToken) -> tuple[int, ...] | None:
    """ア イ ウ count in アイウエオ order, イ ロ ハ in イロハ order: the list's first label says which."""
    if tok.style != "kana":
        return None
    first = next((c.label for c in parent.children if c.kind is kind and c.label), tok.label)
    value = kana_to_int(tok.label, AIUEO if first == "ア" else IROHA)
    return (value,) if value is not None else None


_TOPS = (Kind.ARTICLE, Kind.SECTION, Kind.SUBSECTION, Kind.SUPPLEMENT, Kind.APPENDIX)


def _heading_line(tok: LineToken) -> str:
    """A heading as the reader sees it: without its #'s, escapes or {#id} (a Markdown heading's `raw` has none)."""
    if tok.type == "md_section":
        return f"{tok.label} {tok.rest}".strip()
    if tok.type == "md_heading":
        return tok.rest
    return tok.raw.strip().lstrip("#").strip()


def _separator(tok: LineToken) -> str:
    """The white space between a number and its text, as written."""
    if not tok.label:
        return ""
    at = tok.raw.find(tok.label)
    after = tok.raw[at + len(tok.label) :] if at >= 0 else ""
    return after[: len(after) - len(after.lstrip(" \t\u3000"))]


def _closes_at_end(text: str) -> bool:
    return text[-1:] in ")）】" if text else False


def _blocks(lines: list[tuple[int, str]]) -> tuple[TextBlock, ...]:
    while lines and not lines[-1][1].strip():
        lines = lines[:-1]
    if not lines:
        return ()
    return (TextBlock("\n".join(text for _, text in lines), lines[0][0]),)
