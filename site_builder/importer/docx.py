"""A Word file (.docx) as the text its reader sees: automatic numbering resolved (`numbering.py`), captions,
tables (as Markdown tables), bold and links kept; headers, footers, page numbers, fields and empty paragraphs
dropped; tracked changes resolved to the accepted text; comments dropped.  What cannot be mapped (text boxes,
images, footnotes) is reported with its paragraph's number.

The file is read with python-docx (the package's parts and their XML); the body is walked in document order,
paragraphs and tables alike, which python-docx's own `paragraphs` list does not give.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import MD_LIST
from .numbering import Numbering, W

R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


@dataclass
class DocxText:
    paragraphs: list[str] = field(default_factory=list)
    report: list[str] = field(default_factory=list)  # what was dropped or resolved, with the paragraph number
    tracked: int = 0  # tracked changes accepted


def _runs_text(el: Any, links: dict[str, str], out: DocxText, where: int) -> str:
    """The visible text of a paragraph's content: w:t of runs, insertions kept, deletions and field codes out."""
    parts: list[str] = []
    in_field_code = 0  # between w:fldChar begin and separate: the field's code (PAGE, TOC …), not its result
    for child in el:
        tag = child.tag
        if tag == f"{W}r":
            parts.append(_run(child, in_field_code > 0, out, where))
            for fld in child.iter(f"{W}fldChar"):
                kind = fld.get(f"{W}fldCharType")
                if kind == "begin":
                    in_field_code += 1
                elif kind in ("separate", "end") and in_field_code:
                    in_field_code -= 1
        elif tag == f"{W}ins":
            out.tracked += 1
            parts.append(_runs_text(child, links, out, where))
        elif tag in (f"{W}del", f"{W}moveFrom"):
            out.tracked += 1
        elif tag == f"{W}moveTo":
            parts.append(_runs_text(child, links, out, where))
        elif tag == f"{W}hyperlink":
            text = _runs_text(child, links, out, where)
            target = links.get(child.get(f"{R}id") or "", "")
            parts.append(f"[{text}]({target})" if target and text else text)
        elif tag == f"{W}fldSimple":
            instr = (child.get(f"{W}instr") or "").split()
            if instr and instr[0].upper() not in ("PAGE", "NUMPAGES", "SECTIONPAGES", "TOC", "DATE", "TIME"):
                parts.append(_runs_text(child, links, out, where))  # a field's result that is text
        elif tag in (f"{W}smartTag", f"{W}customXml", f"{W}sdt", f"{W}sdtContent"):
            parts.append(_runs_text(child, links, out, where))
    return "".join(parts)


def _run(run: Any, in_field_code: bool, out: DocxText, where: int) -> str:
    if in_field_code:
        return ""
    pieces: list[str] = []
    for child in run:
        tag = child.tag
        if tag == f"{W}t":
            pieces.append(child.text or "")
        elif tag == f"{W}tab":
            pieces.append("\u3000")
        elif tag in (f"{W}br", f"{W}cr"):
            if child.get(f"{W}type") != "page":
                pieces.append("\n")
        elif tag in (f"{W}drawing", f"{W}pict", f"{W}object"):
            out.report.append(f"paragraph {where}: an image or text box was not imported")
        elif tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
            out.report.append(f"paragraph {where}: a footnote was not imported")
    text = "".join(pieces)
    r_pr = run.find(f"{W}rPr")
    bold = r_pr is not None and r_pr.find(f"{W}b") is not None and \
        r_pr.find(f"{W}b").get(f"{W}val") not in ("0", "false")
    if bold and text.strip():
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()):]
        return f"{lead}**{text.strip()}**{trail}"
    return text


def _table(tbl: Any, links: dict[str, str], out: DocxText, where: int) -> str:
    rows: list[list[str]] = []
    for tr in tbl.iter(f"{W}tr"):
        cells = []
        for tc in tr.findall(f"{W}tc"):
            text = "<br>".join(t for t in (_runs_text(p, links, out, where).strip() for p in tc.iter(f"{W}p")) if t)
            cells.append(text.replace("|", "\\|"))
        rows.append(cells)
    if not rows:
        return ""
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(lines)


def read_docx(path: Path) -> DocxText:
    import docx

    document = docx.Document(str(path))
    part = document.part
    numbering_xml = None
    try:
        numbering_xml = part.numbering_part.element
    except (KeyError, NotImplementedError):
        pass
    numbering = Numbering.read(numbering_xml, part.styles.element)
    links = {rid: rel.target_ref for rid, rel in part.rels.items() if rel.is_external}
    out = DocxText()
    body = document.element.body
    n = 0
    for el in body:
        if el.tag == f"{W}p":
            n += 1
            label, sep = numbering.label(el)
            text = _runs_text(el, links, out, n).strip()
            if not text and not label:
                continue  # an empty paragraph: Word's spacing
            if "\n" in text:
                text = "\n".join(line.strip() for line in text.split("\n"))
            # the indentation a reader sees tells a 号 from a 項 in a plain text: kept as full-width spaces
            # (not before Markdown list syntax, `1. ` or `- `, which carries its own structure)
            line = f"{label}{sep}{text}" if label else text
            level = numbering.heading_level(el)
            if level:
                # a Word heading (見出し 2, or any style with an outline level) is a Markdown heading: the
                # structure of terms written with headings (「## 1. はじめに」) is in the style, not the text
                out.paragraphs.append(f"{'#' * min(level, 6)} {line}")
                continue
            indent = "" if MD_LIST.match(line) else "\u3000" * min(numbering.indent(el), 6)
            out.paragraphs.append(indent + line)
        elif el.tag == f"{W}tbl":
            n += 1
            table = _table(el, links, out, n)
            if table:
                out.paragraphs.append(table)
        elif el.tag == f"{W}sectPr":
            continue
        else:
            out.report.append(f"paragraph {n}: a {el.tag.split('}')[-1]} element was not imported")
    if out.tracked:
        out.report.append(f"{out.tracked} tracked change(s) were resolved to the accepted text")
    if any(str(p.partname).endswith("/comments.xml") for p in part.package.iter_parts()):
        out.report.append("comments were dropped")
    return out
