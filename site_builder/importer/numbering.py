"""Word's automatic numbering, resolved: the 「第1条」, 「２」, 「(1)」 a reader of the .docx sees but its text
does not contain.

A numbered paragraph names a list instance (`w:numId`) and a level (`w:ilvl`), directly or through its paragraph
style (and the style's `basedOn` chain).  The instance points to an abstract definition whose level says how to
print the number (`w:numFmt`, `w:lvlText` such as 「第%1条」, `w:start`, `w:suff`); an instance may override a
level's start (`w:lvlOverride/w:startOverride`), which is how Word restarts a list.  Counters are kept per
abstract definition, as Word keeps them: instances of one definition continue each other's numbering unless
one overrides its start; numbering a level resets the levels below it (unless `w:lvlRestart` says otherwise).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..numerals import IROHA

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒㉓㉔㉕㉖㉗㉘㉙㉚㉛㉜㉝㉞㉟㊱㊲㊳㊴㊵㊶㊷㊸㊹㊺㊻㊼㊽㊾㊿"
_AIUEO = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
_KANJI = "〇一二三四五六七八九"
_TRADITIONAL = "甲乙丙丁戊己庚辛壬癸"


def _kanji(n: int) -> str:
    """1 → 一, 10 → 十, 24 → 二十四, 105 → 百五 (漢数字 as statutes count)."""
    if n <= 0:
        return str(n)
    out = ""
    for value, unit in ((1000, "千"), (100, "百"), (10, "十")):
        digit, n = divmod(n, value)
        if digit:
            out += ("" if digit == 1 else _KANJI[digit]) + unit
    return out + (_KANJI[n] if n else "")


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                           (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += numeral
            n -= value
    return out


def _letters(n: int) -> str:
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(ord("a") + r) + out
    return out


def format_number(n: int, fmt: str) -> str:
    """A counter in one of Word's number formats (ECMA-376 ST_NumberFormat); an unknown one as decimal."""
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 0 < n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if fmt in ("japaneseCounting", "japaneseDigitalTenThousand", "chineseCounting", "chineseCountingThousand",
               "ideographDigital", "japaneseLegal"):
        return _kanji(n)
    if fmt == "ideographTraditional" and 0 < n <= len(_TRADITIONAL):
        return _TRADITIONAL[n - 1]
    if fmt in ("aiueo", "aiueoFullWidth") and 0 < n <= len(_AIUEO):
        return _AIUEO[n - 1]
    if fmt in ("iroha", "irohaFullWidth") and 0 < n <= len(IROHA):
        return IROHA[n - 1]
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


@dataclass(frozen=True)
class Level:
    indent: int | None = None  # where the line starts, in twips from the margin (w:ind of the level's pPr)
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."  # w:lvlText: 「第%1条」, 「(%2)」
    suffix: str = "tab"  # what follows the number: tab, space or nothing
    restart: int | None = None  # w:lvlRestart: reset after this level (1-based); None: after any higher level
    legal: bool = False  # w:isLgl: every level printed as decimal


def line_start(ind: Any) -> int | None:
    """Where a paragraph's first line starts, in twips: w:left (or w:start) less a hanging indent, plus a first-line
    indent; character units (w:leftChars, 100 a character) as 210 twips, a character of 10.5 pt."""
    if ind is None:
        return None

    def num(name: str) -> int | None:
        value = ind.get(f"{W}{name}")
        try:
            return int(value) if value is not None else None
        except ValueError:
            return None

    chars = num("leftChars") if num("leftChars") is not None else num("startChars")
    left = chars * 210 // 100 if chars is not None else (num("left") if num("left") is not None else num("start"))
    hanging = num("hangingChars")
    hanging = hanging * 210 // 100 if hanging is not None else num("hanging")
    first = num("firstLineChars")
    first = first * 210 // 100 if first is not None else num("firstLine")
    return (left or 0) - (hanging or 0) + (first or 0)


def _val(el: Any, tag: str, default: str | None = None) -> str | None:
    child = el.find(f"{W}{tag}") if el is not None else None
    return child.get(f"{W}val") if child is not None else default


def _level(el: Any) -> Level:
    restart = _val(el, "lvlRestart")
    return Level(
        indent=line_start(el.find(f"{W}pPr/{W}ind")),
        start=int(_val(el, "start", "1") or 1),
        fmt=_val(el, "numFmt", "decimal") or "decimal",
        text=_val(el, "lvlText", "") or "",
        suffix=_val(el, "suff", "tab") or "tab",
        restart=int(restart) if restart is not None else None,
        legal=el.find(f"{W}isLgl") is not None,
    )


@dataclass
class Numbering:
    """The numbering definitions of one document, and the counters as its paragraphs are read in order."""

    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)  # abstractNumId → ilvl → level
    instances: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # numId → (abstract, starts)
    style_numbering: dict[str, tuple[str | None, int | None]] = field(default_factory=dict)  # styleId → numPr
    style_parent: dict[str, str] = field(default_factory=dict)
    style_outline: dict[str, int] = field(default_factory=dict)  # styleId → heading level 1–9 (Heading N, 見出し N)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)  # abstractNumId → ilvl → value
    started: set[str] = field(default_factory=set)  # numIds whose start override was applied

    @classmethod
    def read(cls, numbering_xml: Any | None, styles_xml: Any | None) -> Numbering:
        out = cls()
        if numbering_xml is not None:
            for a in numbering_xml.iter(f"{W}abstractNum"):
                out.abstract[a.get(f"{W}abstractNumId")] = {
                    int(lvl.get(f"{W}ilvl", "0")): _level(lvl) for lvl in a.iter(f"{W}lvl")
                }
            for num in numbering_xml.iter(f"{W}num"):
                starts: dict[int, int] = {}
                for override in num.iter(f"{W}lvlOverride"):
                    start = _val(override, "startOverride")
                    if start is not None:
                        starts[int(override.get(f"{W}ilvl", "0"))] = int(start)
                out.instances[num.get(f"{W}numId")] = (_val(num, "abstractNumId", "") or "", starts)
        if styles_xml is not None:
            for style in styles_xml.iter(f"{W}style"):
                sid = style.get(f"{W}styleId")
                based = _val(style, "basedOn")
                if based:
                    out.style_parent[sid] = based
                outline = _val(style.find(f"{W}pPr"), "outlineLvl")
                name = (_val(style, "name") or "").strip()
                heading = re.fullmatch(r"(?:heading|見出し)\s*([1-9])", name, re.IGNORECASE)
                if outline is not None and outline.isdigit() and int(outline) < 9:
                    out.style_outline[sid] = int(outline) + 1
                elif heading:
                    out.style_outline[sid] = int(heading.group(1))
                num_pr = style.find(f"{W}pPr/{W}numPr")
                if num_pr is not None:
                    ilvl = _val(num_pr, "ilvl")
                    out.style_numbering[sid] = (_val(num_pr, "numId"), int(ilvl) if ilvl is not None else None)
        return out

    def _numbering_of(self, paragraph: Any) -> tuple[str | None, int]:
        """(numId, ilvl) of a paragraph: its own numPr, else its style's, following basedOn."""
        p_pr = paragraph.find(f"{W}pPr")
        num_id: str | None = None
        ilvl: int | None = None
        num_pr = p_pr.find(f"{W}numPr") if p_pr is not None else None
        if num_pr is not None:
            num_id = _val(num_pr, "numId")
            level = _val(num_pr, "ilvl")
            ilvl = int(level) if level is not None else None
        style = _val(p_pr, "pStyle") if p_pr is not None else None
        seen: set[str] = set()
        while style and style not in seen and (num_id is None or ilvl is None):
            seen.add(style)
            s_num, s_lvl = self.style_numbering.get(style, (None, None))
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else s_lvl
            style = self.style_parent.get(style)
        return num_id, ilvl or 0

    def heading_level(self, paragraph: Any) -> int:
        """1–9 for a heading (its outline level, its own or its style's through basedOn); 0 for body text."""
        p_pr = paragraph.find(f"{W}pPr")
        own = _val(p_pr, "outlineLvl") if p_pr is not None else None
        if own is not None and own.isdigit() and int(own) < 9:
            return int(own) + 1
        style = _val(p_pr, "pStyle") if p_pr is not None else None
        seen: set[str] = set()
        while style and style not in seen:
            seen.add(style)
            if style in self.style_outline:
                return self.style_outline[style]
            style = self.style_parent.get(style)
        return 0

    def indent(self, paragraph: Any) -> int:
        """Where the paragraph's first line starts, in characters of 10.5 pt: its own indentation, else its
        numbering level's."""
        p_pr = paragraph.find(f"{W}pPr")
        own = line_start(p_pr.find(f"{W}ind")) if p_pr is not None else None
        if own is None:
            num_id, ilvl = self._numbering_of(paragraph)
            if num_id is not None and num_id in self.instances:
                own = self.abstract.get(self.instances[num_id][0], {}).get(ilvl, Level()).indent
        return max(0, round((own or 0) / 210))

    def label(self, paragraph: Any) -> tuple[str, str]:
        """The paragraph's number as printed, and what follows it (" ", or "" for `w:suff nothing`); ("", "")
        for a paragraph that is not numbered.  Advances the counters: call once per paragraph, in order."""
        num_id, ilvl = self._numbering_of(paragraph)
        if num_id is None or num_id == "0" or num_id not in self.instances:
            return "", ""  # numId 0: numbering switched off for this paragraph
        abstract_id, starts = self.instances[num_id]
        levels = self.abstract.get(abstract_id, {})
        level = levels.get(ilvl, Level())
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started and starts:
            # a list instance that restarts: its overridden levels begin again (Word's 「1から再開」)
            self.started.add(num_id)
            for lvl, start in starts.items():
                counters[lvl] = start - 1
                for deeper in [k for k in counters if k > lvl]:
                    del counters[deeper]
        counters[ilvl] = counters.get(ilvl, levels.get(ilvl, Level()).start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels.get(deeper, Level()).restart
            if restart is None or restart > ilvl:
                del counters[deeper]
        text = level.text
        for k in range(9):
            if f"%{k + 1}" in text:
                part = levels.get(k, Level())
                value = counters.get(k, part.start)
                text = text.replace(f"%{k + 1}", format_number(value, "decimal" if level.legal and k != ilvl
                                                                else part.fmt))
        if level.fmt == "bullet":
            text = "・" if text and not text.strip("\uf0b7\uf0a7\uf0d8\u2022\u25cf\u25a0 ") else text
        if not text:
            return "", ""
        return text, "" if level.suffix == "nothing" else " "
