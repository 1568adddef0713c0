"""The 新旧対照表 as the files that go to the 稟議 and to a regulator: a Word table (python-docx) and a PDF
(reportlab).

Both are made from the table's lines (`compare_table`) and from the very HTML the page shows for each cell
(`compare_html`), read back into runs of text: so the Word file, the PDF and the page say the same thing, and
the source's Markdown is rendered, never printed as `**` or `[text](url)`.  傍線 (the changed characters) is an
underline on both sides, which survives black-and-white printing and a fax; （新設）, （削る） and （略） are
written as the tables of ministries write them; the header row repeats on every page.

The PDF uses the Japanese CID fonts every PDF reader has (HeiseiMin / HeiseiKakuGo, Adobe-Japan1): the text is
real text (searchable, copyable, checked with a PDF text extractor in the tests) without shipping a font or
calling any outside service.  The price: a character outside Adobe-Japan1 (an emoji) shows as a blank.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from .compare_html import cell_html
from .compare_table import Cell, Line, LineKind

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

EMPTY = {"old": "（新設）", "new": "（削る）"}


@dataclass(frozen=True)
class Run:
    text: str
    underline: bool = False
    bold: bool = False


class _Paragraphs(HTMLParser):
    """HTML of a cell → paragraphs of runs (block elements and <br> end a paragraph)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[list[Run]] = [[]]
        self.depth_underline = 0
        self.depth_bold = 0

    _BLOCKS = frozenset({"p", "div", "li", "tr", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd"})

    def _break(self) -> None:
        if self.paragraphs[-1]:
            self.paragraphs.append([])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("ins", "del", "u"):
            self.depth_underline += 1
        elif tag in ("strong", "b", "th"):
            self.depth_bold += 1
        elif tag == "br" or tag in self._BLOCKS:
            self._break()
        elif tag == "td" and self.paragraphs[-1]:
            self.paragraphs[-1].append(Run(" | "))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ins", "del", "u"):
            self.depth_underline -= 1
        elif tag in ("strong", "b", "th"):
            self.depth_bold -= 1
        elif tag in self._BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        text = data.replace("\n", "")
        if text:
            self.paragraphs[-1].append(Run(text, self.depth_underline > 0, self.depth_bold > 0))


def cell_runs(cell: Cell | None, side: str, definitions: str = "") -> list[list[Run]]:
    if cell is None:
        return [[Run(EMPTY[side])]]
    if cell.label:
        return [[Run(cell.label)]]
    parser = _Paragraphs()
    parser.feed(str(cell_html(cell, side, definitions=definitions)))
    parser.close()
    return [p for p in parser.paragraphs if p] or [[Run("")]]


@dataclass(frozen=True)
class TableDocument:
    """What a 新旧対照表 file says around its table."""

    title: str  # 「Your Connect利用規約 新旧対照表」
    as_of: dt.date | None  # 「2026年1月30日現在」
    headers: dict[str, str]  # side → 「改定前（2024年4月1日～2026年2月28日）」
    sides: tuple[str, str]  # ("old", "new"), or ("new", "old") in the government order
    lines: tuple[Line, ...]
    meta: tuple[str, ...] = ()  # 「公表日 2026年1月30日」, 「施行日 2026年3月1日」
    definitions: tuple[str, str] = ("", "")  # each side's reference-link definitions

    def definition(self, side: str) -> str:
        return self.definitions[0 if side == "old" else 1]


def _visible(lines: tuple[Line, ...]) -> list[Line]:
    return [line for line in lines if line.kind is LineKind.FOLD or line.old is not None or line.new is not None]


def _date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def heading(doc: TableDocument) -> str:
    return doc.title + (f"　{_date(doc.as_of)}現在" if doc.as_of else "")


# --- Word --------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _blank() -> bytes:
    """The page and the styles every 新旧対照表 starts from, made once: A4 landscape, 9 pt type with a Japanese
    font, and only the styles a table's file uses (`_lean`), so each file is opened from a small package
    instead of python-docx's whole template (a third of a Word file's cost)."""
    from docx import Document as WordDocument
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    word = WordDocument()
    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    normal = word.styles["Normal"]
    normal.font.size = Pt(9)
    # East Asian text needs its own font slot, or Word falls back to a Latin font for kanji
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "ＭＳ 明朝")
    # what a table's file uses, so that `_lean` keeps its styles; then the body is emptied again
    used = [word.add_heading("", level=1)._p, word.add_table(rows=1, cols=1)._tbl]
    used[1].tblPr.get_or_add_tblStyle().val = word.styles["Table Grid"].style_id
    _lean(word)
    for element in used:
        element.getparent().remove(element)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def to_docx(doc: TableDocument) -> bytes:
    from docx import Document as WordDocument
    from docx.oxml import OxmlElement
    from docx.shared import Pt

    word = WordDocument(io.BytesIO(_blank()))
    word.add_heading(heading(doc), level=1)
    for meta in doc.meta:
        word.add_paragraph(meta)
    word.add_paragraph("（下線部は変更箇所）").runs[0].bold = True

    table = word.add_table(rows=1, cols=2)
    table.style = word.styles["Table Grid"]
    header = table.rows[0]
    # the header row repeats at the top of every page (w:tblHeader), as a printed 対照表's does
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, side in zip(header.cells, doc.sides, strict=True):
        cell.paragraphs[0].add_run(doc.headers[side]).bold = True
    for line in _visible(doc.lines):
        row = table.add_row()
        for cell, side in zip(row.cells, doc.sides, strict=True):
            paragraphs = cell_runs(line.old if side == "old" else line.new, side, doc.definition(side))
            for n, runs in enumerate(paragraphs):
                paragraph = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
                paragraph.paragraph_format.left_indent = Pt(9 * line.depth)
                for run in runs:
                    r = paragraph.add_run(run.text)
                    r.underline = run.underline or None
                    r.bold = run.bold or None
    # the same table gives the same bytes: fixed document dates, fixed zip timestamps
    props = word.core_properties
    stamp = dt.datetime.combine(doc.as_of or dt.date(2000, 1, 1), dt.time())
    props.created = props.modified = stamp
    props.last_modified_by, props.author, props.revision = "terms-site", "terms-site", 1
    props.title = heading(doc)
    _lean(word)
    out = io.BytesIO()
    word.save(out)
    return _stable_zip(out.getvalue())


# Parts of python-docx's blank template that say nothing about this table: Word 2010's duplicate style sheet,
# the template's sample data and a thumbnail picture of the template (which a file manager would show as this
# file's preview). Without them a 新旧対照表 is a fifth of the size; a site holds one per revision.
_UNUSED_PARTS = ("/stylesWithEffects", "/customXml", "/metadata/thumbnail")


def _lean(word: DocxDocument) -> None:
    """Drop the template's unused parts, and every style the document does not use (or inherit from)."""
    from docx.oxml.ns import qn

    for rels in (word.part.rels, word.part.package.rels):
        for rId in [rId for rId, rel in rels.items() if rel.reltype.endswith(_UNUSED_PARTS)]:
            del rels[rId]
    styles = word.styles.element
    for latent in styles.findall(qn("w:latentStyles")):
        styles.remove(latent)
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    wanted = {s.get(qn("w:styleId")) for s in by_id.values() if s.get(qn("w:default")) in ("1", "true")}
    for tag in ("w:pStyle", "w:rStyle", "w:tblStyle"):
        wanted |= {e.get(qn("w:val")) for e in word.element.body.iter(qn(tag))}
    todo = list(wanted)
    while todo:
        style = by_id.get(todo.pop())
        if style is None:
            continue
        for tag in ("w:basedOn", "w:next", "w:link"):
            for e in style.findall(qn(tag)):
                if e.get(qn("w:val")) not in wanted:
                    wanted.add(e.get(qn("w:val")))
                    todo.append(e.get(qn("w:val")))
    for style_id, style in by_id.items():
        if style_id not in wanted:
            styles.remove(style)


def _stable_zip(data: bytes) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


# --- PDF ---------------------------------------------------------------------------------------------------

# A PDF table row cannot break across pages: a row holds at most this many lines of a half-page column (an
# estimate, generous on purpose: 8.5 pt type in a 130 mm column holds about 43 full-width characters a line)
_ROW_LINES = 26
_LINE_CHARS = 36


def _page_chunks(paragraphs: list[list[Run]]) -> list[list[list[Run]]]:
    """Paragraphs grouped into pieces that fit one row; a paragraph longer than a row is cut between runs or,
    inside a run, between characters."""
    out: list[list[list[Run]]] = [[]]
    used = 0  # lines in the current piece
    for runs in paragraphs:
        current: list[Run] = []
        length = 0  # characters of the current paragraph in this piece
        for run in runs:
            text = run.text
            while used + -(-(length + len(text)) // _LINE_CHARS) > _ROW_LINES:
                room = max(0, (_ROW_LINES - used) * _LINE_CHARS - length)
                if room:
                    current.append(Run(text[:room], run.underline, run.bold))
                    text = text[room:]
                if current:
                    out[-1].append(current)
                out.append([])
                current, length, used = [], 0, 0
            if text:
                current.append(Run(text, run.underline, run.bold))
                length += len(text)
        if current:
            out[-1].append(current)
            used += max(1, -(-length // _LINE_CHARS))
    return [chunk for chunk in out if chunk] or [[[Run("")]]]


@lru_cache(maxsize=1)
def _cell_paragraph() -> type:
    """reportlab's Paragraph, breaking its lines once per width.  A table asks every cell for its size three
    times (to size the columns, to split the table across pages, to draw it) and each time the Paragraph breaks
    its Japanese into lines again, character by character: two thirds of a PDF's cost.  A cell's text and
    style never change after it is made, so the lines of the first break are the lines of every later one."""
    from reportlab.platypus import Paragraph

    class CellParagraph(Paragraph):  # type: ignore[misc]
        _memo: tuple[float, float, object] | None = None

        def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
            memo = self._memo
            if memo is not None and memo[0] == availWidth:
                self.width, self.height, self.blPara = availWidth, memo[1], memo[2]
                return self.width, self.height
            size: tuple[float, float] = super().wrap(availWidth, availHeight)
            if hasattr(self, "blPara"):
                self._memo = (availWidth, self.height, self.blPara)
            return size

    return CellParagraph


def to_pdf(doc: TableDocument) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    Paragraph = _cell_paragraph()
    for name in ("HeiseiMin-W3", "HeiseiKakuGo-W5"):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(name))
    body = ParagraphStyle("cell", fontName="HeiseiMin-W3", fontSize=8.5, leading=12.5, wordWrap="CJK")
    bold = ParagraphStyle("head", parent=body, fontName="HeiseiKakuGo-W5")
    title = ParagraphStyle("title", parent=bold, fontSize=13, leading=18, spaceAfter=4)

    def markup(runs: list[Run]) -> str:
        out = []
        for run in runs:
            text = escape(run.text)
            if run.bold:
                text = f'<font name="HeiseiKakuGo-W5">{text}</font>'
            out.append(f"<u>{text}</u>" if run.underline else text)
        return "".join(out) or "&nbsp;"

    def chunks(c: Cell | None, side: str, depth: int) -> list[list[Any]]:
        style = ParagraphStyle(f"d{depth}", parent=body, leftIndent=9 * depth)
        runs = cell_runs(c, side, doc.definition(side))
        return [[Paragraph(markup(p), style) for p in chunk] for chunk in _page_chunks(runs)]

    page_width = landscape(A4)[0] - 24 * mm
    data = [[Paragraph(escape(doc.headers[side]), bold) for side in doc.sides]]
    for line in _visible(doc.lines):
        # a table row cannot break across pages in a PDF: a long provision continues in the rows below it
        sides = [chunks(line.old if side == "old" else line.new, side, line.depth) for side in doc.sides]
        for k in range(max(len(cells) for cells in sides)):
            data.append([cells[k] if k < len(cells) else [] for cells in sides])
    table = Table(data, colWidths=[page_width / 2] * 2, repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
    ]))
    out = io.BytesIO()
    pdf = SimpleDocTemplate(out, pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm,
                            topMargin=12 * mm, bottomMargin=12 * mm, title=heading(doc), invariant=True)
    story = [Paragraph(escape(heading(doc)), title)]
    story += [Paragraph(escape(m), body) for m in doc.meta]
    story += [Paragraph("（下線部は変更箇所）", bold), table]
    pdf.build(story)
    return out.getvalue()
