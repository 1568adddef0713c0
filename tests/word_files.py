"""Word files made from real texts, numbered as legal teams' Word files are: 第N条, 項 and 号 printed by Word's
automatic numbering (numbering.xml), not typed.  Built with python-docx plus a numbering part written here, in
the forms the import must resolve:

- `auto`: one multi-level list; 条 at level 0 (「第%1条」), 項 at level 1, 号 at level 2; a deeper level restarts
  when a higher one advances (Word's default);
- `style`: the 条 level reached through the paragraph style (a 「条見出し」 style with a numPr), as templates do;
- `restart`: every 号 list is its own list instance that restarts at 1 (w:lvlOverride/w:startOverride);
- `typed`: the same numbers typed as text (what a plain export gives).

Also in every file: a page header and a footer with a PAGE field, empty paragraphs, a tracked insertion and
deletion, and a comment-free body, so that the import has furniture to drop.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from site_builder.model import Kind, ParsedText, Provision

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

def _format_of(label: str) -> tuple[str, str]:
    """(numFmt, lvlText with %N for the number) that print `label`, e.g. 「(1)」 → ("decimal", "(%N)")."""
    folded = unicodedata.normalize("NFKC", label)
    if re.search(r"[0-9]", label):
        fmt = "decimal"
    elif re.search(r"[０-９]", label):
        fmt = "decimalFullWidth"
    elif re.search(r"[①-⑳]", label):
        return "decimalEnclosedCircle", "%N"
    elif re.search(r"[一二三四五六七八九十]", label):
        fmt = "japaneseCounting"
    elif re.search(r"[イロハニホヘトチリヌル]", label):
        return "irohaFullWidth", re.sub(r"[イロハニホヘトチリヌル]", "%N", label, count=1)
    else:
        return "decimal", "%N"
    text = re.sub(r"[0-9０-９]+|[一二三四五六七八九十百]+", "%N", label if fmt != "decimal" else folded, count=1)
    return fmt, text


def _with_levels(parsed: ParsedText) -> list[tuple[Provision, int]]:
    """Each provision with its list level: 条 0, and one more for each level below it (a 細分's 細分 is 4)."""
    out: list[tuple[Provision, int]] = []

    def walk(p: Provision, level: int | None) -> None:
        if p.kind is Kind.ARTICLE:
            level = 0
        out.append((p, level if level is not None else -1))
        for c in p.children:
            walk(c, None if level is None else level + 1)

    for p in parsed.provisions:
        walk(p, None)
    return [(p, lvl) for p, lvl in out if lvl >= 0]


def _label_template(parsed: ParsedText) -> dict[int, tuple[str, str, int]]:
    """Each level's number format, and its start: a statute's 項 are numbered from 2 (the first is not)."""
    out: dict[int, tuple[str, str, int]] = {}
    starts: dict[int, int] = {}
    for p, level in _with_levels(parsed):
        if level is not None and p.label:
            if level not in out:
                out[level] = (*_format_of(p.label), 1)
            if p.numbers:
                starts[level] = min(starts.get(level, p.numbers[-1]), p.numbers[-1])
    return {level: (fmt, text, starts.get(level, 1)) for level, (fmt, text, _) in out.items()}


def _numbering_xml(templates: dict[int, tuple[str, str, int]], restart_ids: int, supplements: int) -> str:
    levels = []
    for level in range(6):
        fmt, text, start = templates.get(level, ("decimal", "%N.", 1))
        # as Japanese templates indent: 条 and 項 at the margin, a 号 one character in, its 細分 two (hanging)
        left = 210 * max(0, level - 1) + 210
        levels.append(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text.replace("%N", f"%{level + 1}")}"/><w:suff w:val="space"/>'
            f'<w:pPr><w:ind w:left="{left}" w:hanging="210"/></w:pPr></w:lvl>'
        )
    nums = '<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>'
    # one list instance per 号 list for the `restart` form, each restarting its level 2 at 1
    for k in range(restart_ids):
        nums += (f'<w:num w:numId="{k + 2}"><w:abstractNumId w:val="10"/>'
                 f'<w:lvlOverride w:ilvl="2"><w:startOverride w:val="1"/></w:lvlOverride></w:num>')
    # each 附則 numbers its articles from 第1条 again: a list instance restarting level 0 (numIds from 1000)
    for k in range(supplements):
        nums += (f'<w:num w:numId="{1000 + k}"><w:abstractNumId w:val="10"/>'
                 f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>')
    return (f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="10">'
            f'<w:multiLevelType w:val="multilevel"/>{"".join(levels)}</w:abstractNum>{nums}</w:numbering>')


_HEADING_LEVEL = {Kind.CHAPTER: 2, Kind.SECTION: 2, Kind.SUBSECTION: 3, Kind.APPENDIX: 2}


def _printed(n: int, fmt: str) -> str:
    """A number as Word prints it in `fmt` (a table of its own, not the importer's code)."""
    if fmt == "decimalFullWidth":
        return str(n).translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    circled, iroha = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳", "イロハニホヘトチリヌルヲワカヨタレソツネナラム"
    if fmt == "decimalEnclosedCircle" and 0 < n <= len(circled):
        return circled[n - 1]
    if fmt == "irohaFullWidth" and 0 < n <= len(iroha):
        return iroha[n - 1]
    if fmt == "japaneseCounting":  # 百三, 二十四: statutes' counting, up to 999
        digits, out = "〇一二三四五六七八九", ""
        for value, unit in ((100, "百"), (10, "十")):
            d, n = divmod(n, value)
            out += ("" if d == 0 else (unit if d == 1 else digits[d] + unit))
        return out + (digits[n] if n else "")
    return str(n)


def make_docx(parsed: ParsedText, path: Path, form: str = "auto", title: str = "利用規約") -> Path:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    templates = _label_template(parsed)
    lists = sum(1 for p in parsed.walk() if p.children and any(c.kind is Kind.ITEM for c in p.children))
    supplements = sum(1 for p in parsed.walk() if p.kind is Kind.SUPPLEMENT)
    numbering = _numbering_xml(templates, lists if form == "restart" else 0, supplements)
    # replace the template's numbering part with ours
    document.part.numbering_part._element = parse_xml(numbering)
    if form == "style":
        style = document.styles.add_style("ArticleHeading", 1)
        p_pr = style.element.get_or_add_pPr()
        p_pr.append(parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'))
    section = document.sections[0]
    section.header.paragraphs[0].text = "社外秘　" + title
    footer = section.footer.paragraphs[0]
    footer._p.append(parse_xml(f'<w:fldSimple xmlns:w="{W_NS}" w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    document.add_paragraph(title)
    document.add_paragraph("")  # Word's spacing
    restart = [1]
    article_list = [1]  # the list instance the 条 are numbered in: a new one in each 附則
    supplement_count = [0]

    def number(paragraph, level: int, num_id: int = 1) -> None:  # type: ignore[no-untyped-def]
        p_pr = paragraph._p.get_or_add_pPr()
        if form == "typed":
            return
        p_pr.append(parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))

    levels = {id(p): level for p, level in _with_levels(parsed)}

    heading_depth = 0

    def emit(p: Provision, item_list: int) -> None:
        level = levels.get(id(p))
        typed = form == "typed" or level is None or not p.label
        first_text = p.caption if p.kind is Kind.ARTICLE else (p.blocks[0].text if p.blocks else "")
        rest = p.blocks if p.kind is Kind.ARTICLE else p.blocks[1:]
        if p.kind is Kind.SUPPLEMENT:
            article_list[0] = 1000 + supplement_count[0]
            supplement_count[0] += 1
        if level is None:
            head = p.heading or p.label
            if head and p.heading and p.kind in _HEADING_LEVEL:
                # a section or chapter heading: Word's heading style carries the structure, as in real files
                document.add_paragraph(head, style=f"Heading {_HEADING_LEVEL[p.kind] + heading_depth}")
            elif head:
                # outside an article's list (a section's items, a bullet): the number as the text has it
                first, *others = p.blocks or [None]
                if p.label and not p.heading and first is not None:
                    document.add_paragraph(f"{p.label}{p.label_sep or ' '}{first.text}")
                    for b in others:
                        document.add_paragraph(b.text)
                    head = ""
                else:
                    document.add_paragraph(head)
            if not head and p.label and not p.heading:
                pass
            else:
                for b in p.blocks:
                    document.add_paragraph(b.text)
        else:
            # typed as the numbered form prints it (its level's format, w:suff space): the same document, once
            # with Word's numbering and once with the numbers as text
            printed = p.label
            if form == "typed" and level in templates and p.numbers:
                fmt, pattern, _ = templates[level]
                printed = pattern.replace("%N", _printed(p.numbers[-1], fmt))
            text = f"{printed} {first_text}".rstrip() if typed and p.label else first_text
            paragraph = document.add_paragraph(text, style="ArticleHeading" if form == "style" and level == 0 else None)
            if typed and level >= 2:  # typed numbers, indented by the paragraph's own indentation
                paragraph._p.get_or_add_pPr().append(parse_xml(
                    f'<w:ind xmlns:w="{W_NS}" w:left="{210 * (level - 1) + 210}" w:hanging="210"/>'))
            if not typed:
                if form == "style" and level == 0:
                    if article_list[0] != 1:  # in a 附則: the style's list, restarted by the paragraph's own numId
                        paragraph._p.get_or_add_pPr().append(parse_xml(
                            f'<w:numPr xmlns:w="{W_NS}"><w:numId w:val="{article_list[0]}"/></w:numPr>'))
                else:
                    number(paragraph, level, item_list if level == 2 and form == "restart" else article_list[0])
            for b in rest:
                document.add_paragraph(b.text)
        child_list = item_list
        if form == "restart" and any(c.kind is Kind.ITEM for c in p.children):
            restart[0] += 1
            child_list = restart[0]
        for c in p.children:
            emit(c, child_list)

    for p in parsed.provisions:
        emit(p, 1)
    # a tracked change: an insertion to keep and a deletion to drop, in the last paragraph
    last = document.paragraphs[-1]._p
    last.append(parse_xml(f'<w:ins xmlns:w="{W_NS}" w:id="90" w:author="法務部"><w:r><w:t>（追記）</w:t></w:r></w:ins>'))
    last.append(parse_xml(f'<w:del xmlns:w="{W_NS}" w:id="91" w:author="法務部">'
                          '<w:r><w:delText>削除済み</w:delText></w:r></w:del>'))
    document.save(str(path))
    return path


def make_pdf(text: str, path: Path, title: str = "利用規約") -> Path:
    """The text typeset as a PDF with a page header (「社外秘　利用規約」) and a page number footer (「- 3 -」) on every
    page, in a column narrow enough that long sentences break across lines and pages."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    if "HeiseiMin-W3" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))
    body = ParagraphStyle("body", fontName="HeiseiMin-W3", fontSize=10.5, leading=16, wordWrap="CJK", spaceAfter=2)

    def furniture(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont("HeiseiMin-W3", 9)
        canvas.drawString(20 * mm, A4[1] - 12 * mm, f"社外秘　{title}")
        canvas.drawCentredString(A4[0] / 2, 10 * mm, f"- {doc.page} -")
        canvas.restoreState()

    story = []
    for line in text.splitlines():
        indent = len(line) - len(line.lstrip("\u3000"))  # 「　　イ」: indented as printed, one character each
        line = line.strip().lstrip("#").strip()
        if line:
            style = ParagraphStyle(f"i{indent}", parent=body, leftIndent=10.5 * indent) if indent else body
            story.append(Paragraph(escape(line), style))
    pdf = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm, topMargin=22 * mm,
                            bottomMargin=22 * mm, invariant=True)
    pdf.build(story, onFirstPage=furniture, onLaterPages=furniture)
    return path
