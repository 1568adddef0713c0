"""A PDF's text as its reader reads it: page headers, footers and page numbers removed, and the lines a page
layout broke joined back into paragraphs (Japanese has no spaces: a line break inside a sentence is not a
paragraph, and a sentence that runs onto the next page is one sentence).

Read with pdfminer.six (kept, pure Python, with the CJK character maps a Japanese PDF needs).  Furniture is found
by position and repetition: a line in the top or bottom band of the page that recurs on most pages (digits
folded, so 「- 3 -」 and 「- 4 -」 are the same line), or that is a bare page number.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import MD_LIST

# a line that starts a provision whatever the line before: a heading 「第8条 (…)」, 「附則」, or a 項 or 号 number
# followed by a space (「２　」, 「4. 」, 「一　」, 「イ　」, 「(1)」, 「①」, 「・」) — Japanese puts no space after a number
# inside a sentence; mid-sentence, 「第18条第1項において」 is a citation
_ALWAYS_STARTS = re.compile(
    r"^(第[0-9０-９一二三四五六七八九十百千]+[条章節款](?:の[0-9０-９一二三四五六七八九十]+)?(?:[\s　（(]|$)|附\s*則|別表|"
    r"[0-9０-９]{1,3}[.．]?[\s　]|[（(][0-9０-９一二三四五六七八九十]{1,3}[）)]|[①-⑳]|[・•]|"
    r"[一二三四五六七八九十]{1,3}[\s　]|[イロハニホヘトチリヌルヲ][\s　])"
)
# what starts a provision when the line before finished a sentence: a caption alone on its line
_STARTS = re.compile(r"^[（(][^）)]{1,30}[）)]$")
_PAGE_NUMBER = re.compile(
    r"^[-–—‐－ー\s]*(?:p\.?|page|ページ)?\s*[0-9０-９]{1,4}\s*(?:/\s*[0-9０-９]{1,4}|of\s*[0-9]{1,4}|ページ|頁)?[-–—‐－ー\s]*$",
    re.IGNORECASE)
_ENDS = "。．.！？!?」』）)"
BAND = 0.09  # the top and bottom 9 % of a page hold its header and footer


@dataclass
class PdfText:
    paragraphs: list[str] = field(default_factory=list)
    report: list[str] = field(default_factory=list)
    pages: int = 0


@dataclass(frozen=True)
class _Line:
    text: str
    x0: float
    x1: float
    top: float  # 0 at the top of the page
    page: int
    height: float  # of the page
    em: float  # the line's character size


def _lines(path: Path) -> list[list[_Line]]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer, LTTextLine

    pages: list[list[_Line]] = []
    for number, layout in enumerate(extract_pages(str(path), laparams=LAParams(line_margin=0.3)), start=1):
        lines: list[_Line] = []
        for element in layout:
            if not isinstance(element, LTTextContainer):
                continue
            for line in element:
                if isinstance(line, LTTextLine):
                    text = line.get_text().rstrip("\n")
                    if text.strip():
                        lines.append(_Line(text.strip(), line.x0, line.x1, layout.height - line.y1, number,
                                           layout.height, line.height))
        lines.sort(key=lambda ln: (round(ln.top), ln.x0))
        pages.append(lines)
    return pages


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", unicodedata.normalize("NFKC", text))


def _furniture(pages: list[list[_Line]]) -> set[tuple[int, float, str]]:
    """The header, footer and page-number lines of each page."""
    banded = [ln for page in pages for ln in page if ln.top < ln.height * BAND or ln.top > ln.height * (1 - BAND)]
    repeats = Counter(_shape(ln.text) for ln in banded)
    enough = max(2, (len(pages) + 1) // 2)
    return {
        (ln.page, ln.top, ln.text) for ln in banded
        if _PAGE_NUMBER.match(unicodedata.normalize("NFKC", ln.text)) or (len(pages) > 1 and repeats[_shape(ln.text)] >= enough)
    }


def _joins(before: str, after: str) -> str:
    """What stands between two pieces of one paragraph: nothing in Japanese (「第1」「8条」 is 第18条), a space
    in English, where a line breaks at a space."""
    if not before or not after or before[-1].isspace() or after[0].isspace():
        return ""
    latin = sum(1 for c in before[-200:] if c.isascii() and c.isalpha())
    return " " if latin * 2 > len(before[-200:]) else ""


def read_pdf(path: Path) -> PdfText:
    out = PdfText()
    pages = _lines(path)
    out.pages = len(pages)
    furniture = _furniture(pages)
    body = [ln for page in pages for ln in page if (ln.page, ln.top, ln.text) not in furniture]
    if furniture:
        out.report.append(f"{len(furniture)} header, footer or page-number line(s) removed")
    if not body:
        out.report.append("no text found: a scanned PDF needs OCR first")
        return out
    right = max(ln.x1 for ln in body)
    left = min(ln.x0 for ln in body)
    em = sorted(ln.em for ln in body)[len(body) // 2]  # the body text's size: one full-width character
    current = ""
    previous: _Line | None = None
    for ln in body:
        text = ln.text
        # a new paragraph: the line before stopped short of the right margin (a wrapped line fills the column),
        # or it ended a sentence and this line starts a provision or is indented.  A line that starts
        # 「第18条第1項…」 after a full line is the same sentence, wrapped before a citation.
        short = previous is not None and previous.x1 < right - (right - left) * 0.06
        ended = previous is not None and previous.text[-1:] in _ENDS
        new = previous is None or short or _ALWAYS_STARTS.match(text) is not None or \
            (ended and (_STARTS.match(text) is not None or ln.x0 > left + (right - left) * 0.03))
        if new:
            if current:
                out.paragraphs.append(current)
            # the indentation a reader sees tells a 号 from a 項: kept as full-width spaces (not before Markdown
            # list syntax, which carries its own structure)
            indent = min(6, max(0, round((ln.x0 - left) / em))) if em else 0
            current = ("" if MD_LIST.match(text) else "\u3000" * indent) + text
        else:
            current += _joins(current, text) + text
        previous = ln
    if current:
        out.paragraphs.append(current)
    return out
