"""`terms-site import`: Word files with automatic numbering and PDFs with page furniture, made from real texts,
import to texts that parse to the same provisions as the originals."""

from __future__ import annotations

from pathlib import Path

import pytest
from word_files import make_docx, make_pdf

from conftest import corpus_file, strip_foreign_front_matter
from site_builder.cli import main
from site_builder.compare import compare
from site_builder.importer import NotImportable, kind_of, read_file
from site_builder.importer.numbering import format_number
from site_builder.model import ParsedText
from site_builder.parser import parse

# a company's terms (第N条 (見出し), 項 「1.」, 号 「(1)」) and a statute (第N条（…）, 項 from 「2」, 号, イロハ and
# their (1) 細分, 附則 with articles of their own)
TEXTS = ["eccube/ec-cube2_2014-10-09_*.md", "appi-seirei/*20260521*.md"]
FORMS = ["auto", "style", "restart", "typed"]


def original(glob: str) -> ParsedText:
    return parse(strip_foreign_front_matter(corpus_file(glob).read_text(encoding="utf-8")))


def anchors(parsed: ParsedText) -> list[str]:
    return [p.anchor for p in parsed.walk() if p.anchor]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("glob", TEXTS)
def test_word_numbering_is_resolved_into_the_text(glob: str, form: str, tmp_path: Path) -> None:
    source = original(glob)
    imported = read_file(make_docx(source, tmp_path / f"{form}.docx", form))
    parsed = parse(imported.text)
    # the same 条, 項 and 号 (and 附則 articles) as the text the Word file was made from
    assert anchors(parsed) == anchors(source)
    assert [a.label for a in parsed.articles()][:3] == [a.label for a in source.articles()][:3]
    # furniture dropped: the page header, the PAGE field, the empty paragraphs
    assert "社外秘" not in imported.text and "\n\n" not in imported.text
    # the tracked insertion is kept, the deletion is not, and the report says so
    assert "（追記）" in imported.text and "削除済み" not in imported.text
    assert any("tracked change" in line for line in imported.report)


@pytest.mark.parametrize("glob", TEXTS)
def test_numbered_and_typed_word_files_import_to_the_same_text(glob: str, tmp_path: Path) -> None:
    source = original(glob)
    texts = {form: parse(read_file(make_docx(source, tmp_path / f"{form}.docx", form)).text) for form in FORMS}
    for form in ("auto", "style", "restart"):
        assert compare(texts["typed"], texts[form]).identical, form


def test_plain_text_of_word_loses_the_numbers_that_the_import_keeps(tmp_path: Path) -> None:
    """Why the import reads numbering.xml: python-docx's paragraph text has none of the 第N条."""
    import docx

    source = original(TEXTS[1])
    path = make_docx(source, tmp_path / "auto.docx", "auto")
    plain = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert parse(plain).articles() == []
    assert len(parse(read_file(path).text).articles()) == len(source.articles()) > 30


@pytest.mark.parametrize("glob", TEXTS)
def test_pdf_imports_without_page_furniture(glob: str, tmp_path: Path) -> None:
    text = strip_foreign_front_matter(corpus_file(glob).read_text(encoding="utf-8"))
    imported = read_file(make_pdf(text, tmp_path / "terms.pdf"))
    assert anchors(parse(imported.text)) == anchors(original(glob))
    assert "社外秘" not in imported.text
    assert not any(line.strip().startswith("- ") and line.strip().endswith(" -") for line in imported.text.splitlines())
    assert any("page-number" in line for line in imported.report)
    # a sentence the page broke is one line again
    longest = max(text.splitlines(), key=len).strip().lstrip("#").strip()
    assert longest in imported.text.replace("\u3000", "")


@pytest.mark.parametrize(
    ("n", "fmt", "printed"),
    [(14, "decimal", "14"), (2, "decimalFullWidth", "２"), (3, "decimalEnclosedCircle", "③"),
     (24, "japaneseCounting", "二十四"), (10, "japaneseCounting", "十"), (3, "iroha", "ハ"),
     (2, "aiueoFullWidth", "イ"), (4, "lowerRoman", "iv"), (28, "lowerLetter", "ab"), (1, "bullet", "")],
)
def test_word_number_formats(n: int, fmt: str, printed: str) -> None:
    assert format_number(n, fmt) == printed


# --- the command ---------------------------------------------------------------------------------------------


def test_import_writes_the_next_version_and_its_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = original(TEXTS[0])
    root = tmp_path / "source_terms"
    first = make_docx(source, tmp_path / "kiyaku.docx", "auto")
    assert main(["import", str(first), "--doc", "ec-cube", "--effective", "令和6年4月1日", "--source", str(root)]) == 0
    written = root / "ec-cube" / "2024-04-01.md"
    assert written.is_file() and (root / "ec-cube" / "document.yml").is_file()
    body = written.read_text(encoding="utf-8")
    assert body.startswith("---\neffective: 2024-04-01\n# imported from kiyaku.docx (sha256 ")
    # deterministic: the same file gives the same bytes; an existing version is never overwritten silently
    assert main(["import", str(first), "--doc", "ec-cube", "--effective", "2024-04-01", "--source", str(root)]) == 2
    assert "exists already" in capsys.readouterr().err
    assert main(["import", str(first), "--doc", "ec-cube", "--effective", "2024-04-01", "--source", str(root),
                 "--force"]) == 0
    assert written.read_text(encoding="utf-8") == body
    # the next version, from an updated file: its 施行日 read from the text, the 新旧対照表's counts printed
    revised = source.provisions
    second = make_docx(parse(corpus_file("eccube/ec-cube2_2011-06-10_*.md").read_text(encoding="utf-8")),
                       tmp_path / "kiyaku2.docx", "style")
    del revised
    capsys.readouterr()
    assert main(["import", str(second), "--doc", "ec-cube", "--effective", "2025-04-01", "--source", str(root)]) == 0
    out = capsys.readouterr().out
    assert "wrote" in out and "新旧対照表 against 2024-04-01.md: 変更 2・新設 0・削除 0" in out
    assert main(["check", str(root)]) == 0


def test_import_reads_the_effective_date_and_edition_from_the_text(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    text = parse("第1条（目的）\n本規約は利用条件を定める。\n\n附則\nこの規約は、令和8年4月1日から施行する。\n（第3版）\n")
    path = make_docx(text, tmp_path / "terms.docx", "auto")
    assert main(["import", str(path), "--source", str(tmp_path / "src")]) == 0
    written = tmp_path / "src" / "terms" / "2026-04-01.md"
    head = written.read_text(encoding="utf-8").split("---\n")[1]
    assert "effective: 2026-04-01" in head and 'label: "第3版"' in head
    assert "施行日 from 「この規約は、令和8年4月1日から施行する。」" in head


def test_import_refuses_what_is_not_a_word_file_or_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fake = tmp_path / "terms.docx"
    fake.write_bytes(b"%PDF-1.4\n...")
    with pytest.raises(NotImportable, match="the name says .docx but the file is a PDF"):
        kind_of(fake)
    old_word = tmp_path / "old.docx"
    old_word.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    assert main(["import", str(old_word), "--source", str(tmp_path / "src"), "--effective", "2026-01-01"]) == 2
    err = capsys.readouterr().err
    assert "old.docx" in err and "save it as .docx" in err
    text = tmp_path / "terms.txt"
    text.write_text("第1条", encoding="utf-8")
    assert main(["import", str(text), "--source", str(tmp_path / "src")]) == 2
    assert "only .docx and .pdf" in capsys.readouterr().err
    # no 施行日 in the text and none given: a clear message, nothing written
    bare = make_docx(parse("第1条（目的）\n本文。\n"), tmp_path / "bare.docx", "auto")
    assert main(["import", str(bare), "--source", str(tmp_path / "src")]) == 2
    assert "give --effective DATE" in capsys.readouterr().err
    assert not (tmp_path / "src").exists() or not list((tmp_path / "src").rglob("*.md"))


def test_tables_bold_links_and_what_cannot_be_mapped(tmp_path: Path) -> None:
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import parse_xml

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    r_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    document = docx.Document()
    document.add_paragraph("第1条（料金）")
    p = document.add_paragraph("料金は")
    p.add_run("別表").bold = True
    p.add_run("のとおりとします。")
    table = document.add_table(rows=2, cols=2)
    for cell, text in zip(table.rows[0].cells + table.rows[1].cells, ["区分", "月額", "個人", "1,000円"], strict=True):
        cell.text = text
    rid = document.part.relate_to("https://example.jp/faq", RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = document.add_paragraph("詳細は")
    link._p.append(parse_xml(f'<w:hyperlink xmlns:w="{w}" xmlns:r="{r_ns}" r:id="{rid}"><w:r><w:t>よくある質問</w:t>'
                             "</w:r></w:hyperlink>"))
    link._p.append(parse_xml(f'<w:r xmlns:w="{w}"><w:t>をご覧ください。</w:t></w:r>'))
    pic = document.add_paragraph("図：")
    pic._p.append(parse_xml(f'<w:r xmlns:w="{w}"><w:drawing/></w:r>'))
    path = tmp_path / "t.docx"
    document.save(str(path))
    imported = read_file(path)
    assert "料金は**別表**のとおりとします。" in imported.text
    assert "| 区分 | 月額 |\n|---|---|\n| 個人 | 1,000円 |" in imported.text
    assert "詳細は[よくある質問](https://example.jp/faq)をご覧ください。" in imported.text
    assert "paragraph 5: an image or text box was not imported" in imported.report


@pytest.mark.parametrize("glob", ["pdl-ja/pdl-ja_05_*.md", "pyconjp-privacy/pyconjp-privacy_05_*.md",
                                  "sina-tos/sina-tos_07_*.md"])
def test_word_heading_styles_are_the_sections(glob: str, tmp_path: Path) -> None:
    """Terms structured by headings (「1.」「1.1.」「I.」 in 見出し styles, not in the text): the import makes
    them Markdown headings, so every section keeps its anchor."""
    from site_builder.model import Kind

    source = original(glob)
    imported = parse(read_file(make_docx(source, tmp_path / "headed.docx", "auto")).text)

    def sections(parsed: ParsedText) -> list[str]:
        return [p.anchor for p in parsed.walk() if p.anchor and p.kind in (Kind.SECTION, Kind.SUBSECTION)
                and p.heading and p.numbered]

    assert sections(source) and sections(imported) == sections(source)
