"""The 新旧対照表 as a reader sees it (built HTML), and `terms-site diff` as an author runs it."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import SAMPLE, build_site, content_text, corpus_file, page, strip_foreign_front_matter
from site_builder.cli import main
from site_builder.compare import compare
from site_builder.compare_table import fold_text, table_lines
from site_builder.parser import parse
from site_builder.render import cite, comparison_table

YC = SAMPLE / "your-connect-terms"


def top_rows(soup: BeautifulSoup) -> list[BeautifulSoup]:
    """The table's visible rows (a fold's hidden text is not among them)."""
    table = soup.select_one("table.terms-compare-table")
    return [tr for tr in table.select(":scope > tbody > tr") if "cmp-folded" not in tr["class"]
            and "cmp-note" not in tr["class"]]


def line_of(tr: BeautifulSoup) -> tuple[str, str, str]:
    """(kind and status, depth, old cell's text) of a row, as a reader scans the table."""
    kind = "fold" if "cmp-fold" in tr["class"] else next(c for c in tr["class"] if c.startswith("cmp-")
                                                          and c not in ("cmp-row",) and not c.startswith("cmp-d"))
    depth = next(c for c in tr["class"] if c.startswith("cmp-d"))
    return kind, depth, tr.select("td")[0].get_text().strip()


def test_your_connect_changes_page(sample_site: Path) -> None:
    soup = page(sample_site, "your-connect-terms/2026-03-01/changes/")
    text = content_text(soup)
    assert "（下線部は変更箇所）" in text
    assert "Your Connect利用規約 新旧対照表　2026年1月30日現在" in soup.select_one("h1").get_text()
    # each column says which period it is
    assert [th.get_text() for th in soup.select("table.terms-compare-table > thead th")] == [
        "改定前2024年4月1日～2026年2月28日", "改定後2026年3月1日～"]
    rows = top_rows(soup)
    top = [line_of(tr) for tr in rows if "cmp-d0" in tr["class"]]
    # exactly the changed articles, each heading once; the unchanged 第6条～第10条 and 第12条～第13条 folded
    assert [(k, t[: len(e)]) for (k, _, t), (_, e) in zip(top, EXPECTED_TOP, strict=True)] == EXPECTED_TOP
    art1 = [line_of(tr) for tr in rows[rows.index(soup.select_one("#art1").find_parent("tr")) + 1:][:8]]
    assert [(k, d, t[: len(e)]) for (k, d, t), (_, _, e) in zip(art1, EXPECTED_ART1, strict=True)] == EXPECTED_ART1
    _rest_of_page(soup, rows, sample_site)


EXPECTED_TOP = [
    ("cmp-changed", "Your Connect"), ("cmp-unchanged", "第1条 (Your C"), ("cmp-unchanged", "第2条 (利用中止)"),
    ("cmp-unchanged", "第3条 (利用停止)"), ("cmp-unchanged", "第4条 (甲の義務)"), ("cmp-unchanged", "第5条 (Your C"),
    ("fold", "第6条～第10条 (略"), ("cmp-unchanged", "第11条 (ログの取得"), ("fold", "第12条～第13条 ("),
    ("cmp-added", "（新設）"), ("cmp-added", "（新設）"),
]
# inside 第1条 the rows are 項 and 号, the unchanged ones folded as the seed folds them
EXPECTED_ART1 = [
    ("cmp-unchanged", "cmp-d1", "1. Your Connec"),
    ("fold", "cmp-d2", "第1条第1項第1号～第3号（"),
    ("cmp-added", "cmp-d2", "（新設）"),
    ("cmp-notation", "cmp-d1", "2～3（略）"),
    ("cmp-changed", "cmp-d1", "4. 本条第1項に定める機能の"),
    ("cmp-unchanged", "cmp-d1", "5. 乙はYour Con"),
    ("cmp-unchanged", "cmp-d2", "(1) サポート内容"),
    ("cmp-changed", "cmp-d3", "•本サービスの監視、故障対応"),
]


def _rest_of_page(soup: BeautifulSoup, rows: list[BeautifulSoup], sample_site: Path) -> None:
    p4 = soup.select_one("#art1-p4").find_parent("tr")
    assert [d.get_text() for d in p4.select("td.cmp-old del")] == ["および"]
    assert [i.get_text() for i in p4.select("td.cmp-new ins")] == ["、", "、（4）CRM連携機能"]
    assert "第1条" not in p4.get_text()  # the provision's label once, in its heading row
    # the changed words, underlined on both sides; the cell is the rendered Markdown, not its source
    first = rows[0]
    assert [d.get_text() for d in first.select("td.cmp-old del")] == ["エヌ・ティ・ティ・コミュニケーションズ"]
    assert [i.get_text() for i in first.select("td.cmp-new ins")] == ["NTTドコモビジネス"]
    assert "](" not in first.get_text() and "**" not in first.get_text()
    # a fold is one plain row with each side's label, and its text can be shown
    fold = soup.select_one("#art3-p2").find_parent("tr")
    assert [td.select_one(".cmp-fold-label").get_text() for td in fold.select("td")] == ["第3条第2項（略）"] * 2
    # its text is not carried by the page: 「本文」 opens it on the version page (terms.js shows it in place)
    assert "前項の規定により必要な措置" not in soup.select_one("table.terms-compare-table").get_text()
    expand = fold.select_one("a.cmp-expand")
    assert expand["href"] == "../#art3-p2" and fold["data-new"] == "art3-p2"
    table_div = soup.select_one(".terms-compare")
    assert table_div["data-api-new"] == "../../../api/v1/your-connect-terms/2026-03-01.json"
    assert (sample_site / "api/v1/your-connect-terms/2026-03-01.json").is_file()
    # a published placeholder folded has nothing more to show: no button that would repeat its （略）
    placeholder = next(tr for tr in rows if "第6条～第10条 (略)" in tr.get_text())
    assert placeholder.select(".cmp-expand") == []
    # added article and 附則: （新設） on the old side, all underlined on the new
    added = soup.select_one("#art14").find_parent("tr")
    assert added.select_one("td.cmp-old").get_text() == "（新設）"
    assert added.select_one("td.cmp-new ins").get_text().startswith("第14条 (CRM連携機能に関する条件)")
    # `changes/#art14-p2` lands on the row of 第14条
    assert soup.select_one("#art14-p2").find_parent("tr") is added
    # rows link to the provision on both version pages, from its number or heading
    art1_row = soup.select_one("#art1").find_parent("tr")
    assert art1_row.select_one("td.cmp-old a.cmp-link")["href"] == "../../2024-04-01/#art1"
    assert art1_row.select_one("td.cmp-new a.cmp-link")["href"] == "../#art1"
    # the same table as Word and PDF, linked from the page
    links = {a.get_text(): a["href"] for a in soup.select(".terms-compare-actions a")}
    assert links["Word（.docx）"] == "../changes.docx" and links["PDF"] == "../changes.pdf"
    assert (sample_site / "your-connect-terms/2026-03-01/changes.docx").is_file()


def test_word_file_is_a_table_with_underlined_changes(sample_site: Path) -> None:
    import docx

    word = docx.Document(str(sample_site / "your-connect-terms/2026-03-01/changes.docx"))
    assert "新旧対照表　2026年1月30日現在" in word.paragraphs[0].text
    table = word.tables[0]
    header = table.rows[0]
    assert [c.text for c in header.cells] == ["改定前（2024年4月1日～2026年2月28日）", "改定後（2026年3月1日～）"]
    assert 'w:tblHeader' in header._tr.xml  # repeats on every page
    underlined = {side: [r.text for c in (row.cells[k] for row in table.rows[1:]) for p in c.paragraphs
                         for r in p.runs if r.underline] for k, side in enumerate(("old", "new"))}
    assert underlined["old"][0] == "エヌ・ティ・ティ・コミュニケーションズ"
    assert underlined["new"][0] == "NTTドコモビジネス"
    texts = [(row.cells[0].text, row.cells[1].text) for row in table.rows]
    assert ("第6条～第10条 (略)", "第6条～第10条 (略)") in texts
    assert any(old == "（新設）" and new.startswith("第14条") for old, new in texts)
    assert not any("](" in old + new or "**" in old + new for old, new in texts)


def test_word_file_holds_only_what_its_table_uses(sample_site: Path) -> None:
    import zipfile

    import docx
    from docx.oxml.ns import qn

    path = sample_site / "your-connect-terms/2026-03-01/changes.docx"
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        content_types = z.read("[Content_Types].xml").decode()
    # no thumbnail of python-docx's blank template (a file manager shows it as the preview), no second style
    # sheet, no sample data: every part the zip holds is one the document refers to
    assert not {n for n in names if "thumbnail" in n or "stylesWithEffects" in n or n.startswith("customXml")}
    assert all(f'PartName="/{n}"' in content_types for n in names if n.endswith(".xml") and "[" not in n
               and not n.startswith("_rels") and "/_rels/" not in n)
    word = docx.Document(str(path))
    styles = {s.get(qn("w:styleId")): s for s in word.styles.element.findall(qn("w:style"))}
    used = {e.get(qn("w:val")) for tag in ("w:pStyle", "w:tblStyle", "w:rStyle")
            for e in word.element.body.iter(qn(tag))}
    assert used and used <= set(styles)  # the heading and the grid keep their look
    for style in styles.values():  # and every style they inherit from is there
        for tag in ("w:basedOn", "w:link", "w:next"):
            assert all(e.get(qn("w:val")) in styles for e in style.findall(qn(tag)))
    assert len(styles) < 12 and word.styles.element.find(qn("w:latentStyles")) is None
    assert path.stat().st_size < 12_000 + len(word.element.xml.encode()) // 8


def test_every_corpus_word_file_loses_only_the_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Over every revision of the corpus (Markdown terms, statutes, an English edition): the trimmed Word file's
    body is byte for byte the one python-docx writes, and every style it names or inherits is still there."""
    import datetime as dt
    import zipfile
    from xml.etree import ElementTree

    import docx
    from docx.enum.section import WD_ORIENT

    from conftest import corpus_source
    from site_builder import compare_export, downloads
    from site_builder.loader import load_source

    corpus_source(tmp_path / "src")
    jobs = downloads.plan(load_source(tmp_path / "src"), dt.date(2026, 1, 1), ["docx"])
    assert len({job.path.split("/")[0] for job in jobs}) >= 15  # every folder with two versions or more
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    whole: dict[str, bytes] = {}
    monkeypatch.setattr(compare_export, "_lean", lambda word: None)
    compare_export._blank.cache_clear()  # the blank page a file starts from, made again without trimming
    for job in jobs:
        assert job.table is not None
        with zipfile.ZipFile(io.BytesIO(compare_export.to_docx(job.table))) as z:
            whole[job.path] = z.read("word/document.xml")
    monkeypatch.undo()
    compare_export._blank.cache_clear()
    for job in jobs:
        assert job.table is not None
        data = compare_export.to_docx(job.table)
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            body, styles = z.read("word/document.xml"), ElementTree.fromstring(z.read("word/styles.xml"))
        assert body == whole[job.path], job.path
        ids = {s.get(f"{w}styleId") for s in styles.iter(f"{w}style")}
        named = set(re.findall(rb'w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"', body))
        inherited = {e.get(f"{w}val") for tag in ("basedOn", "link", "next") for e in styles.iter(f"{w}{tag}")}
        assert named and {n.decode() for n in named} | inherited <= ids, job.path
        assert len(data) < 12_000 + len(body) // 4, job.path
        # every file starts from the same blank page: A4 landscape, 15 mm margins, 9 pt with a Japanese font,
        # and nothing of the page's own making left in its body
        word = docx.Document(io.BytesIO(data))
        section = word.sections[0]
        assert section.orientation == WD_ORIENT.LANDSCAPE, job.path
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210), job.path
        assert {round(getattr(section, f"{side}_margin").mm) for side in ("left", "right", "top", "bottom")} == {15}
        normal = styles.find(f"{w}style[@{w}styleId='Normal']")
        assert normal is not None and normal.find(f"{w}rPr/{w}sz").get(f"{w}val") == "18", job.path
        assert normal.find(f"{w}rPr/{w}rFonts").get(f"{w}eastAsia") == "ＭＳ 明朝", job.path
        title = word.paragraphs[0]
        assert title.style.name == "Heading 1" and title.text == compare_export.heading(job.table), job.path
        assert len(word.tables) == 1 and len(word.tables[0].columns) == 2, job.path


def test_pdf_has_the_japanese_text_and_underlines(sample_site: Path) -> None:
    from pdfminer.high_level import extract_text

    pdf = sample_site / "your-connect-terms/2026-03-01/changes.pdf"
    # the Adobe-Japan1 CID fonts map ～ (U+FF5E) back as 〜 (U+301C), as every JIS-based PDF does
    text = extract_text(str(pdf)).replace("〜", "～")
    for words in ("Your Connect利用規約 新旧対照表", "NTTドコモビジネス", "エヌ・ティ・ティ・コミュニケーションズ",
                  "第6条～第10条 (略)", "（新設）", "第14条 (CRM連携機能に関する条件)", "改定後（2026年3月1日～）"):
        assert words in text, words
    # 傍線 is drawn as short lines under the words (the grid's lines span a whole column)
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTCurve

    first_page = next(iter(extract_pages(str(pdf))))
    underlines = [o for o in first_page if isinstance(o, LTCurve) and o.height < 1.5 and o.width < 300]
    assert len(underlines) >= 4


def test_pdf_breaks_each_cell_into_lines_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A table sizes, splits and draws every cell: over the sample and every corpus revision, the lines of a
    cell are broken once, and each file is the one breaking them every time gives."""
    import collections
    import datetime as dt

    from pdfminer.pdfpage import PDFPage
    from reportlab.platypus.paragraph import Paragraph

    from conftest import corpus_source
    from site_builder import downloads
    from site_builder.compare_export import _cell_paragraph, to_pdf
    from site_builder.loader import load_source

    corpus_source(tmp_path / "src")
    jobs = [*downloads.plan(load_source(SAMPLE), dt.date(2026, 2, 15), ["pdf"], None),
            *downloads.plan(load_source(tmp_path / "src"), dt.date(2026, 1, 1), ["pdf"], None)]
    assert len({job.path.split("/")[0] for job in jobs}) >= 18  # the sample's documents and 15 corpus ones
    breaks: collections.Counter[int] = collections.Counter()
    original = Paragraph.breakLinesCJK

    def counted(self: Paragraph, *args: object, **kwargs: object) -> object:
        breaks[id(self)] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Paragraph, "breakLinesCJK", counted)
    made: dict[str, bytes] = {}
    for job in jobs:
        assert job.table is not None
        breaks.clear()
        made[job.path] = to_pdf(job.table)
        assert breaks and max(breaks.values()) == 1, (job.path, collections.Counter(breaks.values()))
    # the tables that span pages are the ones a cell was asked for its size again and again
    assert sum(len(list(PDFPage.get_pages(io.BytesIO(pdf)))) >= 2 for pdf in made.values()) >= 10
    monkeypatch.setattr(_cell_paragraph(), "wrap", Paragraph.wrap)
    for job in jobs:
        assert job.table is not None
        assert to_pdf(job.table) == made[job.path], job.path


def test_version_pages_link_to_their_comparison(sample_site: Path) -> None:
    version = page(sample_site, "your-connect-terms/2026-03-01/")
    assert version.select_one('a[href="changes/"]') is not None
    first = page(sample_site, "your-connect-terms/2024-04-01/")
    assert first.select_one('a[href="changes/"]') is None
    assert not (sample_site / "your-connect-terms" / "2024-04-01" / "changes").exists()


def test_new_side_left_gives_the_government_order(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "src"
    shutil.copytree(SAMPLE, root)
    (root / "your-connect-terms" / "document.yml").write_text(
        "title: Your Connect利用規約\nsettings:\n  compare:\n    new_side: left\n", encoding="utf-8"
    )
    site = build_site(tmp_path / "b", root, "2026-02-15")
    soup = page(site, "your-connect-terms/2026-03-01/changes/")
    assert [th.get_text() for th in soup.select("table.terms-compare-table > thead th")] == [
        "改定後2026年3月1日～", "改定前2024年4月1日～2026年2月28日"]
    assert top_rows(soup)[0].select("td")[0]["class"] == ["cmp-new"]


def test_renumbered_run_is_folded_with_both_ranges() -> None:
    old = parse("第1条（目的）\n目的。\n" + "".join(f"第{n}条（条{n}）\n本文{n}。\n" for n in range(2, 8)))
    new = parse("第1条（目的）\n目的。\n第2条（新設）\n新しい条。\n"
                + "".join(f"第{n + 1}条（条{n}）\n本文{n}。\n" for n in range(2, 8)))
    lines = table_lines(compare(old, new), cite)
    assert [fold_text(line) if line.kind == "fold" else None for line in lines] == [
        "第1条（略）", None, "第3条～第8条（略）← 第2条～第7条"]
    # each column labels the run with its own numbers
    assert (lines[2].old.label, lines[2].new.label) == ("第2条～第7条（略）", "第3条～第8条（略）")


def test_notation_rows_are_marked_and_can_be_hidden() -> None:
    old = parse(strip_foreign_front_matter(corpus_file("ikaskey/terms_05_*.md").read_text(encoding="utf-8")))
    new = parse(strip_foreign_front_matter(corpus_file("ikaskey/terms_06_*.md").read_text(encoding="utf-8")))
    soup = BeautifulSoup(str(comparison_table(compare(old, new))), "html.parser")
    assert "表記のみの変更（3件）を隠す" in soup.get_text()
    assert len(soup.select("tr.cmp-row.cmp-notation")) == 3
    assert len(soup.select("tr.cmp-note.cmp-notation")) == 3


def test_fold_label_keeps_a_published_placeholder() -> None:
    old = parse((YC / "2024-04-01.md").read_text(encoding="utf-8").split("---\n", 2)[2])
    new = parse((YC / "2026-03-01.md").read_text(encoding="utf-8").split("---\n", 2)[2])
    lines = table_lines(compare(old, new), cite)
    assert "第6条～第10条 (略)" in [fold_text(line) for line in lines if line.kind == "fold"]


# --- terms-site diff -----------------------------------------------------------------------------------------


def test_diff_json(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["diff", str(YC / "2024-04-01.md"), str(YC / "2026-03-01.md"), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert status == 1
    rows = data["rows"]
    assert [(r["status"], r["old"], r["new"]) for r in rows if r["status"] != "unchanged"] == [
        ("changed", "preamble", "preamble"), ("changed", "art1", "art1"), ("changed", "art2", "art2"),
        ("changed", "art3", "art3"), ("changed", "art4", "art4"), ("changed", "art5", "art5"),
        ("changed", "art11", "art11"), ("added", None, "art14"), ("added", None, "suppl"),
    ]
    art1 = next(r for r in rows if r["new"] == "art1")
    assert {"status", "old", "new", "old_spans", "new_spans", "children"} == set(art1)
    assert any(c["new"] == "art1-p1" for c in art1["children"])


def test_diff_text_and_html(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(YC / "2024-04-01.md"), str(YC / "2026-03-01.md")]) == 1
    text = capsys.readouterr().out
    assert "[-エヌ・ティ・ティ・コミュニケーションズ-]" in text and "{+NTTドコモビジネス+}" in text
    assert "  第6条～第10条 (略)" in text
    assert "改定前: （新設）" in text
    assert main(["diff", str(YC / "2024-04-01.md"), str(YC / "2026-03-01.md"), "--format", "html"]) == 1
    html = capsys.readouterr().out
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("table.terms-compare-table") is not None
    assert soup.select("a.cmp-link") == []  # a pull-request comment has no site to link to


def test_diff_of_plain_text_files_without_front_matter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("第1条（目的）\nコンピュータを使う。\n", encoding="utf-8")
    new.write_text("第1条（目的）\nコンピューターを使う。\n", encoding="utf-8")
    assert main(["diff", str(old), str(old)]) == 0
    assert main(["diff", str(old), str(new), "--format", "json"]) == 1
    out = capsys.readouterr().out
    row = json.loads(out[out.index("{"):])["rows"][0]
    new_text = "第1条（目的）\nコンピューターを使う。"
    assert [new_text[s:e] for s, e in row["new_spans"]] == ["コンピューター"]


def test_diff_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sjis = tmp_path / "sjis.txt"
    sjis.write_bytes("第1条 本文\n".encode("cp932"))
    assert main(["diff", str(tmp_path / "missing.md"), str(sjis)]) == 2
    assert main(["diff", str(sjis), str(sjis)]) == 2
    err = capsys.readouterr().err
    assert "sjis.txt:1: not UTF-8" in err and "Traceback" not in err


def test_pr_summary_compares_changed_and_new_versions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    import shutil
    import subprocess

    repo = tmp_path / "repo"
    shutil.copytree(SAMPLE, repo / "source_terms")
    (repo / "source_terms" / "your-connect-terms" / "2026-03-01.md").unlink()

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.email=t@example.com", "-c", "user.name=t", *args], cwd=repo, check=True,
                       capture_output=True)

    git("init", "-q", "-b", "main")
    git("add", ".")
    git("commit", "-qm", "base")
    # the pull request: a new Your Connect version, and a fix to Hasso's text
    shutil.copy(YC / "2026-03-01.md", repo / "source_terms" / "your-connect-terms" / "2026-03-01.md")
    hasso = repo / "source_terms" / "hasso-terms" / "2023-09-28.md"
    hasso.write_text(hasso.read_text(encoding="utf-8").replace("日本語でのみ", "日本語と英語で"), encoding="utf-8")
    git("add", ".")
    git("commit", "-qm", "pr")
    monkeypatch.chdir(repo)
    assert main(["pr-summary", "--base", "HEAD~1"]) == 0
    out = capsys.readouterr().out
    assert "### Your Connect利用規約 2026-03-01（2024-04-01.md との比較）" in out
    assert "変更 7・新設 2・削除 0・表記のみ 0" in out
    assert "### Hasso 利用規約 2023-09-28（HEAD~1 の 2023-09-28.md との比較）" in out
    soup = BeautifulSoup(out, "html.parser")
    hasso_table = next(t for t in soup.select("table.terms-compare-table") if "ユーザーサポート" in t.get_text())
    assert [d.get_text() for d in hasso_table.select("del")] == ["でのみ"]
    assert [i.get_text() for i in hasso_table.select("ins")] == ["と英語で"]
    assert main(["pr-summary", "--base", "HEAD"]) == 0
    assert "このプルリクエストは規約の版を変更していません。" in capsys.readouterr().out


def test_diff_writes_word_and_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import docx
    from pdfminer.high_level import extract_text

    old, new = str(YC / "2024-04-01.md"), str(YC / "2026-03-01.md")
    out = tmp_path / "対照表.docx"
    assert main(["diff", old, new, "--format", "docx", "-o", str(out), "--title", "Your Connect利用規約 新旧対照表"]) == 1
    word = docx.Document(str(out))
    assert word.paragraphs[0].text == "Your Connect利用規約 新旧対照表"
    rows = [(r.cells[0].text, r.cells[1].text) for r in word.tables[0].rows]
    assert rows[0] == ("改定前（2024-04-01.md）", "改定後（2026-03-01.md）")
    assert ("第12条～第13条 (略)", "第12条～第13条 (略)") in rows
    pdf = tmp_path / "対照表.pdf"
    assert main(["diff", old, new, "--format", "pdf", "-o", str(pdf), "--new-side", "left"]) == 1
    text = extract_text(str(pdf))
    assert text.index("改定後（2026-03-01.md）") < text.index("改定前（2024-04-01.md）")
    assert "NTTドコモビジネス" in text
    assert [p.name for p in tmp_path.iterdir()] and not list(tmp_path.glob(".*partial"))
    # a folder that cannot be written: exit 2, a message, nothing left behind
    assert main(["diff", old, new, "--format", "pdf", "-o", str(tmp_path / "missing" / "x.pdf")]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_word_and_pdf_files_are_kept_by_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PDF costs more to lay out than its page: made again only when its table or the code changed."""
    import datetime as dt

    import site_builder.downloads as downloads
    from site_builder.loader import load_source

    source = load_source(SAMPLE)
    first = downloads.render_downloads(source, dt.date(2026, 2, 15), ["docx", "pdf"], tmp_path / "cache")
    assert {d.path for d in first} >= {"your-connect-terms/2026-03-01/changes.docx",
                                       "your-connect-terms/2026-03-01/changes.pdf"}

    def fail(*args: object) -> bytes:
        raise AssertionError("made again")

    monkeypatch.setattr(downloads, "_make", fail)
    again = downloads.render_downloads(source, dt.date(2026, 2, 15), ["docx", "pdf"], tmp_path / "cache")
    assert again == first
    # an edited version is made again (and only it)
    edited = tmp_path / "src"
    import shutil

    shutil.copytree(SAMPLE, edited)
    target = edited / "your-connect-terms" / "2026-03-01.md"
    target.write_text(target.read_text(encoding="utf-8").replace("30日前までに", "60日前までに"), encoding="utf-8")
    with pytest.raises(AssertionError, match="made again"):
        downloads.render_downloads(load_source(edited), dt.date(2026, 2, 15), ["docx"], tmp_path / "cache")
    # the cache keeps what the site offers, no more: the replaced version's file and the PDFs a site that no
    # longer offers them made are gone, the others are still there (a CI that saves the folder keeps it small)
    kept = {p.name for p in (tmp_path / "cache").iterdir()}
    offered = {j.cached.name for j in downloads.plan(load_source(edited), dt.date(2026, 2, 15), ["docx"],
                                                        tmp_path / "cache") if j.cached and j.ready}
    assert offered and offered <= kept and not any(name.endswith(".pdf") for name in kept)
    assert len(kept) == len(first) // 2 - 1


def test_a_cold_build_makes_the_files_beside_the_pages(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A build whose cache has no Word/PDF files makes them while MkDocs builds the pages: the site has every
    one, the bytes a build from the cache publishes, and MkDocs, which knows them as excluded from its own
    copying meanwhile, notes no link to them."""
    import logging
    import zipfile

    from conftest import build_site, corpus_source

    root = tmp_path / "src"
    assert corpus_source(root) >= 8  # enough pairs to be made on the other cores
    with caplog.at_level(logging.INFO):
        cold = build_site(tmp_path / "b", root, "2026-01-01", strict=False)  # the corpus has real defects
    assert not [r for r in caplog.records if "excluded from the built site" in r.getMessage()]
    assert any("file(s) made, 0 from the cache" in r.getMessage() for r in caplog.records)
    made = {p.relative_to(cold): p.read_bytes() for p in cold.rglob("changes.*") if p.suffix in (".docx", ".pdf")}
    linked = {p.parent.relative_to(cold) for p in cold.rglob("changes/index.html")}
    assert len(made) == 2 * len(linked) >= 16
    for path, data in made.items():
        assert data.startswith(b"PK" if path.suffix == ".docx" else b"%PDF"), path
        if path.suffix == ".docx":
            assert zipfile.ZipFile(cold / path).testzip() is None
    warm = build_site(tmp_path / "b", root, "2026-01-01", strict=False)  # the same folder: its cache is full now
    assert {p.relative_to(warm): p.read_bytes() for p in warm.rglob("changes.*")
            if p.suffix in (".docx", ".pdf")} == made
