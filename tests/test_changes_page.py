"""The 新旧対照表 as a reader sees it (built HTML), and `terms-site diff` as an author runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import SAMPLE, build_site, content_text, corpus_file, page, strip_foreign_front_matter
from site_builder.cli import main
from site_builder.compare import compare
from site_builder.parser import parse
from site_builder.render import comparison_table, fold_label, table_groups

YC = SAMPLE / "your-connect-terms"


def top_rows(soup: BeautifulSoup) -> list[BeautifulSoup]:
    table = soup.select_one("table.terms-compare-table")
    return table.select(":scope > tbody > tr")


def test_your_connect_changes_page(sample_site: Path) -> None:
    soup = page(sample_site, "your-connect-terms/2026-03-01/changes/")
    text = content_text(soup)
    assert "（下線部は変更箇所）" in text
    assert [th.get_text() for th in soup.select("table.terms-compare-table > thead th")] == ["改定前", "改定後"]
    rows = top_rows(soup)
    kinds = [" ".join(c for c in tr["class"] if c.startswith("cmp-")) for tr in rows]
    assert kinds == ["cmp-row cmp-changed"] * 6 + ["cmp-fold", "cmp-row cmp-changed", "cmp-fold"] + ["cmp-row cmp-added"] * 2
    folds = [tr.select_one("summary").get_text() for tr in rows if "cmp-fold" in tr["class"]]
    assert folds == ["第6条～第10条 (略)", "第12条～第13条 (略)"]
    # the changed words, underlined on both sides
    first = rows[0]
    assert [d.get_text() for d in first.select("td.cmp-old del")] == ["エヌ・ティ・ティ・コミュニケーションズ"]
    assert [i.get_text() for i in first.select("td.cmp-new ins")] == ["NTTドコモビジネス"]
    # added article and 附則: （新設） on the old side, all underlined on the new
    added = rows[-2]
    assert added.select_one("td.cmp-old").get_text() == "（新設）"
    assert added.select_one("td.cmp-new ins").get_text().startswith("第14条 (CRM連携機能に関する条件)")
    # every row links to the provision on both version pages
    art1 = rows[1]
    assert art1.select_one("td.cmp-old a.cmp-link")["href"] == "../../2024-04-01/#art1"
    assert art1.select_one("td.cmp-new a.cmp-link")["href"] == "../#art1"
    assert "第14条" in rows[-2].select_one("td.cmp-new a.cmp-link").get_text()


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
    assert [th.get_text() for th in soup.select("table.terms-compare-table > thead th")] == ["改定後", "改定前"]
    assert top_rows(soup)[0].select("td")[0]["class"] == ["cmp-new"]


def test_renumbered_run_is_folded_with_both_ranges() -> None:
    old = parse("第1条（目的）\n目的。\n" + "".join(f"第{n}条（条{n}）\n本文{n}。\n" for n in range(2, 8)))
    new = parse("第1条（目的）\n目的。\n第2条（新設）\n新しい条。\n"
                + "".join(f"第{n + 1}条（条{n}）\n本文{n}。\n" for n in range(2, 8)))
    groups = table_groups(compare(old, new).rows)
    assert [g.label for g in groups] == ["第1条（略）", None, "第3条～第8条（略）← 第2条～第7条"]


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
    rows = compare(old, new).rows
    assert fold_label(tuple(r for r in rows if r.old_text == "第6条～第10条 (略)")) == "第6条～第10条 (略)"


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
