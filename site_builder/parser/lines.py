"""Line rules: each line of a plain-text source (a statute, a PDF export, a text file) classified by an ordered
list of small rules with one signature, in the manner of markdown-it's rules (DESIGN §4).

A rule gets the line and the lexer's state and returns a `LineToken`, or None to let the next rule try.  The
text itself is never rewritten: a token only says where a provision starts and which part of the line is its
number, so the page shows every character of the source.  附則 lines: `rule_supplement`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..markdown_blocks import ListItem
from ..numerals import AIUEO, CIRCLED_CHARS, IROHA, KANJI_NUMERAL_CHARS, branch_numbers, kana_to_int, to_int

_N = rf"[0-9０-９{KANJI_NUMERAL_CHARS}]+"
_DIGITS = r"[0-9０-９]+"
_SP = r"[ \t\u3000]"
_OPEN = "（(【"

_FENCE = re.compile(r"^\s*(```|~~~)")
_MD_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_BULLET = re.compile(r"^([-*+])[ \t]+(.*)$|^([•・])[ \t\u3000]*(.*)$")
_CHAPTER = re.compile(rf"^第{_SP}*({_N}){_SP}*章((?:{_SP}*[のノ]{_SP}*{_N})*)(?=$|[ \t\u3000{_OPEN}])(.*)$")
_ARTICLE = re.compile(rf"^第{_SP}*({_N}){_SP}*条((?:{_SP}*[のノ]{_SP}*{_N})*)(?=$|[ \t\u3000{_OPEN}])(.*)$")
_ARTICLE_RANGE_OMITTED = re.compile(
    rf"^第{_SP}*({_N})条((?:[のノ]{_N})*){_SP}*(?:[～〜~－ー\-]|から){_SP}*第{_SP}*({_N})条((?:[のノ]{_N})*)"
    rf"(?:まで)?{_SP}*[（(]{_SP}*略{_SP}*[)）]{_SP}*$"
)
_ARTICLE_OMITTED = re.compile(rf"^第{_SP}*({_N})条((?:[のノ]{_N})*){_SP}*[（(]{_SP}*略{_SP}*[)）]{_SP}*$")
_PARA_OMITTED = re.compile(
    rf"^(?:第{_SP}*{_N}条(?:[のノ]{_N})*)?{_SP}*({_DIGITS})(?:{_SP}*[～〜~－\-]{_SP}*({_DIGITS}))?"
    rf"{_SP}*[（(]{_SP}*略{_SP}*[)）]{_SP}*$"
)
_SUPPLEMENT = re.compile(rf"^[附付]{_SP}*則{_SP}*(?:([（(].*[)）]))?{_SP}*$")
_APPENDIX = re.compile(rf"^別{_SP}*(表|紙)(?:{_SP}*第?{_SP}*({_N}))?(?=$|[ \t\u3000{_OPEN}])(.*)$")
_CAPTION = re.compile(r"^[（(][^（()）]{1,40}[)）]$")
_PARA_EXPLICIT = re.compile(rf"^({_DIGITS}){_SP}*項{_SP}*[.．]?{_SP}*(.*)$")
_PARA_FULLWIDTH = re.compile(r"^([０-９]+)\u3000+(.*)$")
_PARA_CIRCLE = re.compile(rf"^([○〇]{_SP}*({_DIGITS})){_SP}+(.*)$")  # e-Gov's 「○２　…」 (日本国憲法)
_DIGIT_SPACE = re.compile(rf"^({_DIGITS})(?:{_SP}+)(\S.*)$")
_DOT = re.compile(rf"^({_DIGITS})[.．)](?:{_SP}+|(?=[^0-9０-９\s]))(.*)$")
_KANJI_ITEM = re.compile(rf"^([{KANJI_NUMERAL_CHARS}]+){_SP}+(.*)$")
_CIRCLED_ITEM = re.compile(rf"^([{CIRCLED_CHARS}]){_SP}*(.*)$")
_PAREN_ITEM = re.compile(rf"^([（(]{_SP}*({_DIGITS}|[{KANJI_NUMERAL_CHARS}]+){_SP}*[)）]){_SP}*(.*)$")
_PAREN_ALPHA = re.compile(rf"^([（(]([a-zａ-ｚA-ZＡ-Ｚ])[)）]){_SP}*(.*)$")
_DOT_ALPHA = re.compile(r"^([a-z])\.[ \t]+(.*)$")  # 「a. …」 (the CC BY 4.0 日本語訳's definitions)
_KANA_ITEM = re.compile(rf"^([ァ-ヶ]){_SP}+(.*)$")
_CLOSING_DATE = re.compile(
    r"([0-9０-９]{4}|令和|平成|昭和)[^\n]{0,12}年[^\n]{0,6}月[^\n]{0,6}日|[0-9]{4}[/.][0-9]{1,2}[/.][0-9]{1,2}"
)
_CLOSING_WORD = re.compile(r"制定|改定|改訂|施行|発効|適用|実施")
_CLOSING_LINE = re.compile(r"^[（(]?第\S{1,4}版[)）]?$|^以上$")


@dataclass(frozen=True)
class LineToken:
    """One source line, classified.  `rest` is the line after the number (or the whole line for text)."""

    type: str  # blank, text, chapter, article, caption, supplement, appendix, omitted_articles,
    # omitted_paras, paragraph, digit_space, dot, item, bullet, section, heading_section, closing
    line: int
    raw: str
    indent: int = 0
    label: str = ""
    numbers: tuple[int, ...] = ()
    rest: str = ""
    style: str = ""  # numbering style of items: kanji, circled, paren, alpha, kana, bullet@N, dot, digit
    heading: bool = False  # the line was a Markdown heading
    level: int = 0  # its level (1–6), from markdown-it, in a Markdown source
    ids: tuple[str, ...] = ()  # ids the author wrote on it ({#some-id})
    item: ListItem | None = None  # a Markdown list item: its depth and printed number


@dataclass
class _Line:
    number: int
    raw: str
    indent: int
    content: str  # without indentation and without a Markdown heading's #'s
    md_heading: bool
    in_fence: bool


Rule = Callable[[_Line, "_LexState"], LineToken | None]


@dataclass
class _LexState:
    lines: Sequence[_Line]
    index: int
    article_mode: bool
    heading_articles: bool = False  # articles are Markdown headings, so plain lines never start one
    # a Word export that lost its automatic numbering: each article is a caption line 「（目的）」 and its text;
    # line number → the article's number as Word counted it (its position)
    caption_articles: dict[int, int] = field(default_factory=dict)


def _bracket_ends_phrase(text: str) -> bool:
    """True when the bracket group that opens `text` is followed by the end of the line or a space."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in ")）】":
            depth -= 1
            if depth == 0:
                after = text[i + 1 :]
                return not after.strip() or after[0] in " \t\u3000"
    return False


def _indent_width(prefix: str) -> int:
    return sum(2 if ch == "\u3000" else 4 if ch == "\t" else 1 for ch in prefix)


def _split_lines(body: str, first_line: int) -> list[_Line]:
    out: list[_Line] = []
    in_fence = False
    for offset, raw in enumerate(body.split("\n")):
        stripped = raw.lstrip(" \t\u3000")
        indent = _indent_width(raw[: len(raw) - len(stripped)])
        fence_line = bool(_FENCE.match(raw))
        m = _MD_HEADING.match(stripped) if not in_fence else None
        content = m.group(2) if m else stripped.rstrip()
        out.append(_Line(first_line + offset, raw, indent, content, bool(m), in_fence or fence_line))
        if fence_line:
            in_fence = not in_fence
    return out


def _nums(*parts: str) -> tuple[int, ...] | None:
    text = "の".join(p for p in parts if p)
    return branch_numbers(text)


# --- the rules, in order -----------------------------------------------------------------------------------


def rule_fence(line: _Line, st: _LexState) -> LineToken | None:
    return LineToken("text", line.number, line.raw, line.indent) if line.in_fence else None


def rule_blank(line: _Line, st: _LexState) -> LineToken | None:
    return LineToken("blank", line.number, line.raw) if not line.content.strip() else None


def rule_chapter(line: _Line, st: _LexState) -> LineToken | None:
    m = _CHAPTER.match(line.content)
    if not m or line.indent > 4:
        return None
    numbers = _nums(m.group(1), re.sub(r"[のノ\s\u3000]", "の", m.group(2)).strip("の"))
    if numbers is None:
        return None
    return LineToken("chapter", line.number, line.raw, line.indent, line.content, numbers, m.group(3).strip())


def rule_omitted(line: _Line, st: _LexState) -> LineToken | None:
    text = line.content.strip()
    m = _ARTICLE_RANGE_OMITTED.match(text)
    if m:
        first = _nums(m.group(1), m.group(2).replace("ノ", "の").strip("の"))
        last = _nums(m.group(3), m.group(4).replace("ノ", "の").strip("の"))
        if first and last:
            return LineToken("omitted_articles", line.number, line.raw, line.indent, text, first + (0,) + last)
    m = _ARTICLE_OMITTED.match(text)
    if m:
        first = _nums(m.group(1), m.group(2).replace("ノ", "の").strip("の"))
        if first:
            return LineToken("omitted_articles", line.number, line.raw, line.indent, text, first + (0,) + first)
    m = _PARA_OMITTED.match(text)
    if m:
        start = to_int(m.group(1))
        end = to_int(m.group(2)) if m.group(2) else start
        if start is not None and end is not None:
            return LineToken("omitted_paras", line.number, line.raw, line.indent, text, (start, end))
    return None


def rule_article(line: _Line, st: _LexState) -> LineToken | None:
    m = _ARTICLE.match(line.content)
    if not m or line.indent > 4 or (st.heading_articles and not line.md_heading):
        return None
    rest = m.group(3).lstrip(" \t")
    if (rest[:1] or "x") in _OPEN and not _bracket_ends_phrase(rest):
        return None  # 「第22条（第4項を除く。）の規定は…」 is a sentence that cites an article
    numbers = _nums(m.group(1), re.sub(r"[のノ\s\u3000]+", "の", m.group(2)).strip("の"))
    if numbers is None:
        return None
    label = line.content[: m.start(3)].rstrip()
    return LineToken(
        "article", line.number, line.raw, line.indent, label, numbers, m.group(3), heading=line.md_heading
    )


def rule_caption(line: _Line, st: _LexState) -> LineToken | None:
    """（目的） on the line before 第一条: the statute style of 見出し.  In a text whose numbers were lost, the
    caption line is the article (numbered by its place, as Word's automatic numbering numbered it)."""
    if not _CAPTION.match(line.content.strip()):
        return None
    number = st.caption_articles.get(line.number)
    if number is not None:
        return LineToken("article", line.number, line.raw, line.indent, "", (number,), line.content.strip())
    for nxt in st.lines[st.index + 1 :]:
        if not nxt.content.strip():
            continue
        if _ARTICLE.match(nxt.content):
            return LineToken("caption", line.number, line.raw, line.indent, rest=line.content.strip())
        return None
    return None


_CAPTION_WORD = re.compile(r"[一-龯ぁ-んァ-ヶ]{2}")


def caption_articles(lines: Sequence[_Line]) -> dict[int, int]:
    """The caption lines that stand for articles in a text with no 第N条 at all: a bracketed phrase alone on its
    line (「（目的）」, not 「(1)」), followed by text.  At least three, or it is a note, not a structure."""
    found: list[int] = []
    for k, ln in enumerate(lines):
        text = ln.content.strip()
        if ln.in_fence or ln.indent > 4 or not _CAPTION.match(text) or not _CAPTION_WORD.search(text):
            continue
        nxt = next((n for n in lines[k + 1 :] if n.content.strip()), None)
        if nxt is not None and not _CAPTION.match(nxt.content.strip()):
            found.append(ln.number)
    return {number: k for k, number in enumerate(found, start=1)} if len(found) >= 3 else {}


def rule_supplement(line: _Line, st: _LexState) -> LineToken | None:
    m = _SUPPLEMENT.match(line.content.strip())
    if not m:
        return None
    return LineToken("supplement", line.number, line.raw, line.indent, line.content.strip(), (), m.group(1) or "")


def rule_appendix(line: _Line, st: _LexState) -> LineToken | None:
    m = _APPENDIX.match(line.content.strip())
    if not m or line.indent > 4:
        return None
    rest = m.group(3).strip()
    if rest and not (line.md_heading or rest[0] in _OPEN or len(rest) <= 40):
        return None
    value = to_int(m.group(2)) if m.group(2) else None
    numbers: tuple[int, ...] = (value,) if value else ()
    label = line.content.strip()[: m.start(3)].rstrip()
    return LineToken("appendix", line.number, line.raw, line.indent, label, numbers, rest, heading=line.md_heading)


def rule_paragraph(line: _Line, st: _LexState) -> LineToken | None:
    text = line.content
    m = _PARA_EXPLICIT.match(text)  # 「1項.」「### 1 項」
    if m and (line.md_heading or line.indent <= 4):
        return LineToken(
            "paragraph", line.number, line.raw, line.indent, text[: m.start(2)].rstrip(), (int(to_int(m.group(1)) or 0),),
            m.group(2),
        )
    if line.indent == 0 and not line.md_heading:
        m = _PARA_CIRCLE.match(text)
        if m and to_int(m.group(2)) is not None:
            return LineToken(
                "paragraph", line.number, line.raw, 0, m.group(1), (int(to_int(m.group(2)) or 0),), m.group(3)
            )
        m = _PARA_FULLWIDTH.match(text)  # statute style 「２　…」
        if m:
            return LineToken(
                "paragraph", line.number, line.raw, 0, m.group(1), (int(to_int(m.group(1)) or 0),), m.group(2)
            )
    return None


def rule_section_heading(line: _Line, st: _LexState) -> LineToken | None:
    """Documents without 条 (cybozu style): 「1 データの分類」, or Markdown headings."""
    if st.article_mode or line.indent != 0:
        return None
    m = _DIGIT_SPACE.match(line.content)
    if m and (line.md_heading or len(m.group(2)) <= 40):
        return LineToken(
            "section", line.number, line.raw, 0, m.group(1), (int(to_int(m.group(1)) or 0),), m.group(2),
            heading=line.md_heading,
        )
    if line.md_heading and not line.raw.startswith("# "):
        return LineToken("heading_section", line.number, line.raw, 0, "", (), line.content, heading=True)
    return None


def _item_token(line: _Line, content: str, bullet: str | None) -> LineToken | None:
    indent = line.indent
    for style, rx in (("circled", _CIRCLED_ITEM), ("paren", _PAREN_ITEM), ("alpha", _PAREN_ALPHA)):
        m = rx.match(content)
        if m:
            label = m.group(1)
            value = to_int(m.group(2)) if style in ("paren", "alpha") else to_int(m.group(1))
            if value is None:
                continue
            return LineToken("item", line.number, line.raw, indent, label, (value,), m.group(m.lastindex or 0), style)
    m = _DOT_ALPHA.match(content)
    if m:
        return LineToken("item", line.number, line.raw, indent, m.group(1) + ".", (ord(m.group(1)) - ord("a") + 1,),
                         m.group(2), "alpha-dot")
    m = _KANJI_ITEM.match(content)
    if m and to_int(m.group(1)) is not None:
        return LineToken("item", line.number, line.raw, indent, m.group(1), (int(to_int(m.group(1)) or 0),),
                         m.group(2), "kanji")
    m = _KANA_ITEM.match(content)
    if m:
        ch = m.group(1)
        value = kana_to_int(ch, IROHA) or kana_to_int(ch, AIUEO)
        if value is not None:
            return LineToken("item", line.number, line.raw, indent, ch, (value,), m.group(2), "kana")
    if bullet is None and "\u3000" in line.raw[: len(line.raw) - len(line.raw.lstrip())]:
        # statute style items 「　1 …」 are indented with a full-width space
        m = _DIGIT_SPACE.match(content)
        if m:
            return LineToken("item", line.number, line.raw, indent, m.group(1), (int(to_int(m.group(1)) or 0),),
                             m.group(2), "digit")
    return None


def rule_numbered(line: _Line, st: _LexState) -> LineToken | None:
    """「1.」 (paragraph or item, decided by context), 「2 …」 and the item styles."""
    if line.md_heading:
        return None
    text = line.content
    m = _DOT.match(text)
    if m:
        return LineToken("dot", line.number, line.raw, line.indent, text[: m.start(2)].rstrip(),
                         (int(to_int(m.group(1)) or 0),), m.group(2))
    if line.indent == 0:
        m = _DIGIT_SPACE.match(text)
        if m:
            return LineToken("digit_space", line.number, line.raw, 0, m.group(1), (int(to_int(m.group(1)) or 0),),
                             m.group(2))
    return _item_token(line, text, None)


def rule_bullet(line: _Line, st: _LexState) -> LineToken | None:
    if line.md_heading:
        return None
    m = _BULLET.match(line.content)
    if not m:
        return None
    content = m.group(2) if m.group(1) else m.group(4)
    marker = m.group(3) or ""  # • and ・ are part of the text; - * + are Markdown syntax
    token = _item_token(line, content, "-")
    if token is not None and not marker:
        return LineToken("item", token.line, token.raw, token.indent, token.label, token.numbers, token.rest,
                         token.style)
    return LineToken("bullet", line.number, line.raw, line.indent, marker, (), content, f"bullet@{line.indent}")


def rule_text(line: _Line, st: _LexState) -> LineToken | None:
    return LineToken("text", line.number, line.raw, line.indent, heading=line.md_heading)


RULES: tuple[Rule, ...] = (
    rule_fence,
    rule_blank,
    rule_chapter,
    rule_omitted,
    rule_article,
    rule_caption,
    rule_supplement,
    rule_appendix,
    rule_paragraph,
    rule_section_heading,
    rule_numbered,
    rule_bullet,
    rule_text,
)


def _is_closing(line: _Line) -> bool:
    text = line.content.strip()
    if line.md_heading or _DIGIT_SPACE.match(text) or _DOT.match(text) or _PARA_FULLWIDTH.match(text):
        return False  # a numbered paragraph (「1 この改正規定は、令和8年3月1日から実施します。」) is a provision
    if _CLOSING_LINE.match(text):
        return True
    return bool(_CLOSING_DATE.search(text) and _CLOSING_WORD.search(text) and len(text) <= 60)


def lex_lines(lines: list[_Line], state: _LexState, closing_from: int) -> list[LineToken]:
    """A plain text: every line through the rules, in order; the closing lines after `closing_from`."""
    tokens: list[LineToken] = []
    for index, line in enumerate(lines):
        if index >= closing_from:
            tokens.append(LineToken("closing" if line.content.strip() else "blank", line.number, line.raw))
            continue
        state.index = index
        for rule in RULES:
            token = rule(line, state)
            if token is not None:
                tokens.append(token)
                break
    return tokens

