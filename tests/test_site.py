"""The built site, read back as HTML: pages, anchors, permalinks, the version in force, no text lost."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from conftest import (
    CORPUS,
    SAMPLE,
    build_site,
    content_text,
    corpus_source,
    corpus_texts,
    ids,
    page,
    source_lines_as_text,
    strip_foreign_front_matter,
    write_mkdocs_yml,
)
from site_builder.loader import load_source
from site_builder.verify import check_links, check_text

PROVISION_ID = re.compile(r"^(art|ch|sec|suppl|appx|preamble)")


def test_every_version_has_its_page(sample_site: Path) -> None:
    source = load_source(SAMPLE)
    for doc in source.documents:
        assert page(sample_site, f"{doc.slug}/").select_one("h1").get_text().rstrip("¶ ") == doc.title
        for version in doc.versions:
            soup = page(sample_site, f"{doc.slug}/{version.id}/")
            assert doc.title in soup.title.get_text()
    for notice in source.notices:
        assert notice.title in content_text(page(sample_site, f"notices/{notice.id}/"))
    home = content_text(page(sample_site, "/"))
    for doc in source.documents:
        assert doc.title in home


@pytest.mark.parametrize("url", ["hasso-terms/", "hasso-terms/2023-09-28/"])
def test_hasso_anchors_on_current_and_version_page(sample_site: Path, url: str) -> None:
    found = ids(page(sample_site, url))
    expected = (
        {f"art{n}" for n in range(1, 26)}
        | {f"art1-p1-i{n}" for n in range(1, 10)}
        | {"art5-p3-i1", "art5-p3-i2", "art14-p1", "art14-p2", "preamble"}
        | {f"art23-p2-i{n}" for n in range(1, 7)}
    )
    assert expected <= found, sorted(expected - found)


def test_anchor_lands_on_the_provision_text(sample_site: Path) -> None:
    soup = page(sample_site, "hasso-terms/")
    assert soup.select_one("#art14").get_text().startswith("第14条 (製品改善、市場調査)")
    assert "お客様情報を用いて" in soup.select_one("#art14-p2").get_text()
    assert "年額契約の場合" in soup.select_one("#art5-p3-i1").get_text()
    assert soup.select_one("#art6-p7 > a[aria-label]").get_text() == "7."


def test_every_provision_has_a_visible_permalink(sample_site: Path) -> None:
    for url in ("hasso-terms/", "cybozu-data-policy/", "your-connect-terms/2026-03-01/"):
        soup = page(sample_site, url)
        anchored = [el for el in soup.select("[id]") if PROVISION_ID.match(el["id"]) and el["id"] != "preamble"]
        assert len(anchored) > 15
        for el in anchored:
            link = el.select_one(f':scope > a[href="#{el["id"]}"]')
            assert link is not None, f"{url}#{el['id']} has no permalink"
            if "headerlink" in (link.get("class") or []):  # an article's heading: the `toc` extension's ¶
                assert link.get_text() == "¶"
                continue
            assert not link.get("class") and link["aria-label"], (url, el["id"])  # no class: it is div[id] > a[aria-label]
            # its text is the printed number, or nothing (the ¶ is drawn by terms.css): never a character that
            # is not in the source
            number = link.get_text()
            assert "¶" not in number and (not number or el.get_text().startswith(number)), (url, el["id"], number)


def test_every_corpus_provision_is_linked_by_its_printed_number(tmp_path: Path) -> None:
    """On every version page of every corpus text, each provision under an article heading has one permalink, and
    its text is the number the parser read (２, 一, イ, (1), 7.), or nothing for an unnumbered one or a
    sub-heading: the number is shown once, as the link, and no ¶ is text."""
    root = tmp_path / "corpus"
    corpus_source(root)
    site = build_site(tmp_path / "b", root, "2026-02-15", strict=False)
    source = load_source(root)
    checked = numbered = 0
    for doc in source.documents:
        for version in doc.versions:
            soup = page(site, f"{doc.slug}/{version.id}/")
            assert "¶" not in "".join(a.get_text() for a in soup.select("div[id] > a[aria-label]"))
            for p in version.parsed.walk():
                el = soup.find(id=p.anchor) if p.anchor else None
                if el is None or re.fullmatch(r"h[1-6]", el.name) or p.kind.value in ("preamble", "omitted", "closing"):
                    continue
                links = el.select(":scope > a[aria-label]")
                assert len(links) == 1 and links[0]["href"] == f"#{p.anchor}" and links[0]["aria-label"], \
                    (doc.slug, version.id, p.anchor)
                expected = "" if p.heading else p.label
                assert links[0].get_text() == expected, (doc.slug, version.id, p.anchor, links[0].get_text(), expected)
                assert not el.select(":scope > .terms-num")
                checked += 1
                numbered += bool(expected)
    assert checked > 2000 and numbered > 1000, (checked, numbered)


def test_current_page_follows_the_build_date(tmp_path: Path, sample_site: Path) -> None:
    before = page(sample_site, "your-connect-terms/")
    text = content_text(before)
    assert "エヌ・ティ・ティ・コミュニケーションズ株式会社" in text
    assert "2026年3月1日から改定後のYour Connect利用規約が適用されます" in text
    assert before.select_one('a[href="../2026-03-01/"], a[href="2026-03-01/"]') is not None

    after_site = build_site(tmp_path, SAMPLE, "2026-03-01")
    after = content_text(page(after_site, "your-connect-terms/"))
    assert "NTTドコモビジネス株式会社" in after
    assert "改定後" not in after
    old = content_text(page(after_site, "your-connect-terms/2024-04-01/"))
    assert "旧版" in old and "エヌ・ティ・ティ・コミュニケーションズ株式会社" in old


def test_japanese_interface_and_no_outside_requests(sample_site: Path) -> None:
    for html in sample_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert '<html lang="ja"' in text, html
        for url in re.findall(r'<(?:link|script|img|iframe)\b[^>]*\b(?:href|src)="([^"]+)"', text):
            assert not re.match(r"^(https?:)?//", url), f"{html}: request to another host: {url}"


# Markdown or HTML syntax a reader must never see as text on a page
MARKUP = ("<br", "{#", "{ target=", "<span", "</a>", "<u>", "??? ", "**")


def _literal_markup(text: str) -> dict[str, int]:
    return {m: text.count(m) for m in MARKUP if m in text}


def _assert_no_text_lost(site: Path, source_root: Path) -> int:
    """Every source line on its page, and no more markup shown as text than markdown-it leaves in the whole
    source rendered at once (an author's unclosed ** stays visible there too)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.attrs import attrs_plugin

    # independent of our renderer: plain CommonMark with raw HTML, as GitHub or any Markdown viewer shows it
    commonmark = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).use(attrs_plugin)
    source = load_source(source_root)
    assert [p.format() for p in check_text(site, source)] == []
    for doc in source.documents:
        for version in doc.versions:
            reference = BeautifulSoup(commonmark.render(version.body), "html.parser").get_text(" ")
            shown = content_text(page(site, f"{doc.slug}/{version.id}/"))
            allowed = _literal_markup(reference)
            allowed.pop("{#", None)  # a heading's {#id} is always markup (plain CommonMark shows it)
            extra = {m: n for m, n in _literal_markup(shown).items() if n > allowed.get(m, 0)}
            assert extra == {}, f"{version.path}: markup shown as text: {extra}"
    return sum(len(source_lines_as_text(v.body)) for d in source.documents for v in d.versions)


def test_no_text_lost_from_sample_versions(sample_site: Path) -> None:
    assert _assert_no_text_lost(sample_site, SAMPLE) > 300


def test_no_text_lost_from_corpus_versions(tmp_path: Path) -> None:
    """Every version in tests/corpus as a document of its own site; every line must reach its page."""
    root = tmp_path / "corpus_source"
    assert corpus_source(root) >= 19 + 55
    site = build_site(tmp_path / "build", root, "2026-01-01", strict=False)
    assert _assert_no_text_lost(site, root) > 4000
    # the statute's caption stands before the number on the page, the table of contents reads 第三十六条の二（…）
    law = page(site, "gyosei/v02/")
    assert law.select_one("#art36_2").get_text().startswith("（行政指導の中止等の求め） 第三十六条の二")
    toc = [a.get_text(" ", strip=True) for a in law.select(".md-sidebar--secondary a.md-nav__link")]
    assert "第三十六条の二（行政指導の中止等の求め）" in toc


def test_source_html_is_shown_as_text_never_run(tmp_path: Path) -> None:
    root = tmp_path / "src"
    (root / "doc").mkdir(parents=True)
    (root / "doc" / "document.yml").write_text("title: 規約\n", encoding="utf-8")
    (root / "doc" / "2026-03-01.md").write_text(
        "---\neffective: 2026-03-01\n---\n## 第1条 <script>alert('title')</script>\n"
        "本規約は<script>alert(1)</script>適用されます。<img src=x onerror=alert(2)>\n"
        "[詳細](javascript:alert(3))\n",
        encoding="utf-8",
    )
    site = build_site(tmp_path / "b", root, "2026-03-01")
    html = (site / "doc" / "index.html").read_text(encoding="utf-8")
    assert "alert(" not in "".join(s.get_text() for s in page(site, "doc/").select("script"))
    assert "onerror" not in "".join(str(i) for i in page(site, "doc/").select("img"))
    assert "javascript:" not in "".join(a.get("href", "") for a in page(site, "doc/").select("a"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" in content_text(page(site, "doc/"))
    assert page(site, "doc/").select_one("h2#art1").get_text().startswith("第1条 <script>alert('title')</script>")


def test_export_builds_with_plain_mkdocs(tmp_path: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from site_builder.cli import main

    out = tmp_path / "export"
    assert main(["export", str(out), "--source", str(SAMPLE), "--as-of", "2026-02-15"]) == 0
    assert (out / "docs" / "hasso-terms" / "2023-09-28" / "index.md").is_file()
    markdown = (out / "docs" / "hasso-terms" / "index.md").read_text(encoding="utf-8")
    assert "{#art14 data-cite=\"第14条\"}" in markdown and 'id="art14-p2"' in markdown
    build(load_config(config_file=str(out / "mkdocs.yml"), site_dir=str(tmp_path / "plain"), strict=True))
    found = ids(page(tmp_path / "plain", "hasso-terms/"))
    assert {"art14", "art14-p2", "art23-p2-i6"} <= found


def test_a_failed_build_reports_file_and_line(tmp_path: Path) -> None:
    """`mkdocs build` on a bad source: the author sees file:line, the exit status is non-zero."""
    root = tmp_path / "src"
    shutil.copytree(SAMPLE, root)
    bad = root / "hasso-terms" / "2023-09-28.md"
    bad.write_text(bad.read_text(encoding="utf-8").replace("effective: 2023-09-28", "effective: 2023-09-31"),
                   encoding="utf-8")
    config = write_mkdocs_yml(tmp_path / "b", root)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
        capture_output=True, text=True, check=False, env={**os.environ, "TERMS_AS_OF": "2026-01-01"},
    )
    assert result.returncode != 0
    assert "hasso-terms/2023-09-28.md:2: effective: '2023-09-31' is not a date" in result.stderr
    assert "Traceback" not in result.stderr


def test_every_internal_link_and_anchor_resolves(sample_site: Path) -> None:
    assert [p.format() for p in check_links(sample_site)] == []


def test_link_checker_finds_broken_links_and_anchors(tmp_path: Path, sample_site: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(sample_site, site)
    page_file = site / "hasso-terms" / "index.html"
    html = page_file.read_text(encoding="utf-8")
    html = html.replace('href="#art14-p2"', 'href="#art99-p9"', 1).replace('href="2023-09-28/"', 'href="2023-09-29/"', 1)
    page_file.write_text(html, encoding="utf-8")
    problems = [p.format() for p in check_links(site)]
    assert "hasso-terms/index.html: no anchor #art99-p9 on hasso-terms/index.html: #art99-p9" in problems
    assert "hasso-terms/index.html: broken link: 2023-09-29/" in problems


def test_text_check_finds_a_dropped_line(tmp_path: Path, sample_site: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(sample_site, site)
    page_file = site / "hasso-terms" / "2023-09-28" / "index.html"
    page_file.write_text(page_file.read_text(encoding="utf-8").replace("ユーザーサポートは、日本語でのみ", "", 1),
                         encoding="utf-8")
    problems = [p.format() for p in check_text(site, load_source(SAMPLE))]
    assert len(problems) == 1 and "2023-09-28.md:" in problems[0] and "ユーザーサポートは、日本語でのみ" in problems[0]


def test_a_failed_build_leaves_the_last_good_site_untouched(tmp_path: Path) -> None:
    """`mkdocs build --strict` as CI runs it: a failure at any stage keeps the previous site/ as it was."""
    root = tmp_path / "src"
    shutil.copytree(SAMPLE, root)
    config = write_mkdocs_yml(tmp_path / "b", root)
    site = tmp_path / "b" / "site"
    env = {**os.environ, "TERMS_AS_OF": "2026-02-15"}

    def mkdocs_build() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
                              capture_output=True, text=True, check=False, env=env)

    assert mkdocs_build().returncode == 0
    marker = site / "last-good-build.txt"
    marker.write_text("kept", encoding="utf-8")
    docs = tmp_path / "b" / "docs"

    # a warning that --strict turns into a failure, raised after every page was written
    (docs / "about.md").write_text("# about\n\n[link](nosuch.md)\n", encoding="utf-8")
    result = mkdocs_build()
    assert result.returncode != 0 and "nosuch.md" in result.stderr
    assert marker.read_text(encoding="utf-8") == "kept" and (site / "hasso-terms" / "index.html").is_file()
    (docs / "about.md").unlink()

    # an error after MkDocs has emptied its output folder: a page clashing with a generated one
    (docs / "hasso-terms").mkdir()
    (docs / "hasso-terms" / "index.md").write_text("# clash\n", encoding="utf-8")
    result = mkdocs_build()
    assert result.returncode != 0 and "clashes with the generated page hasso-terms/index.md" in result.stderr
    assert marker.read_text(encoding="utf-8") == "kept"
    shutil.rmtree(docs / "hasso-terms")
    assert [p.name for p in (tmp_path / "b").glob(".site.*")] == [".site.lock"], "the staging folder is cleaned up"

    # a good build replaces the site
    assert mkdocs_build().returncode == 0
    assert not marker.exists() and (site / "hasso-terms" / "index.html").is_file()


def test_verify_command(sample_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from site_builder.cli import main

    assert main(["verify", str(sample_site), "--source", str(SAMPLE), "--as-of", "2026-02-15"]) == 0
    assert "0 problem(s)" in capsys.readouterr().out
    site = tmp_path / "site"
    shutil.copytree(sample_site, site)
    (site / "hasso-terms" / "2023-09-28" / "index.html").unlink()
    assert main(["verify", str(site), "--source", str(SAMPLE), "--as-of", "2026-02-15"]) == 1
    out = capsys.readouterr().out
    assert "hasso-terms/2023-09-28/index.html: missing page" in out and "broken link" in out
    assert main(["verify", str(tmp_path / "nothing"), "--source", str(SAMPLE)]) == 2


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    """Same source, TERMS_AS_OF and SOURCE_DATE_EPOCH: the same bytes in every file."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1767225600"
    try:
        first = build_site(tmp_path / "one", SAMPLE, "2026-02-15")
        second = build_site(tmp_path / "two", SAMPLE, "2026-02-15")
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH")
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    different = [str(f) for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []


def _verify(site: Path, source: Path, capsys: pytest.CaptureFixture[str], as_of: str = "2026-02-15") -> tuple[int, str]:
    from site_builder.cli import main

    status = main(["verify", str(site), "--source", str(source), "--as-of", as_of])
    return status, capsys.readouterr().out


@pytest.mark.parametrize(("damage", "expected"), [
    (lambda s: _cut(s / "hasso-terms" / "index.html", "ユーザーサポートは、日本語でのみ"),
     "hasso-terms/index.html: "),
    (lambda s: _cut(s / "your-connect-terms" / "2026-03-01" / "changes" / "index.html", "CRM連携仕様に基づき保守"),
     "your-connect-terms/2026-03-01/changes/index.html: "),
    (lambda s: (s / "changelog" / "feed.xml").write_text("<feed>\f</feed>", encoding="utf-8"),
     "changelog/feed.xml: not well-formed XML"),
    (lambda s: (s / "search" / "search_index.json").unlink(), "missing or unreadable search index"),
    (lambda s: (s / "assets" / "javascripts" / "terms-search-worker.js").unlink(), "the search worker is missing"),
], ids=["current page", "新旧対照表", "feed", "search index", "search worker"])
def test_verify_finds_what_a_tampered_site_lost(
    sample_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: Any, expected: str
) -> None:
    site = tmp_path / "site"
    shutil.copytree(sample_site, site)
    damage(site)
    status, out = _verify(site, SAMPLE, capsys)
    assert status == 1, out
    assert expected in out


def _cut(page_file: Path, text: str) -> None:
    html = page_file.read_text(encoding="utf-8")
    assert text in html
    page_file.write_text(html.replace(text, "", 1), encoding="utf-8")


def test_verify_raises_no_false_alarm_on_markup_in_a_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """HTML shown as text, strikethrough, a pipe outside a table, a <br> in a table cell: all as the page shows them."""
    root = tmp_path / "src"
    (root / "doc").mkdir(parents=True)
    (root / "doc" / "document.yml").write_text("title: 規約\n", encoding="utf-8")
    (root / "doc" / "2026-01-01.md").write_text(
        "---\neffective: 2026-01-01\n---\n第1条（目的）\nこれは<b>重要</b>です。~~削除~~された条項。A | B の場合。\n\n"
        "第2条（表）\n\n| 区分 | 内容 |\n| --- | --- |\n| 甲 | 一行目<br>二行目 |\n", encoding="utf-8")
    (root / "doc" / "2026-06-01.md").write_text(
        "---\neffective: 2026-06-01\n---\n第1条（目的）\nこれは<b>大切</b>です。~~削除~~された条項。A | B の場合。\n\n"
        "第2条（表）\n\n| 区分 | 内容 |\n| --- | --- |\n| 甲 | 一行目<br>三行目 |\n", encoding="utf-8")
    site = build_site(tmp_path / "b", root, "2026-07-01")
    status, out = _verify(site, root, capsys, "2026-07-01")
    assert status == 0, out
    assert "0 problem(s)" in out


def test_a_defect_in_one_text_fails_strict_but_a_plain_build_publishes(tmp_path: Path) -> None:
    """A typed duplicate 第2条: `check` and `--strict` fail with file:line; a plain build publishes every
    document, the second 第2条 under an anchor of its own."""
    root = tmp_path / "src"
    shutil.copytree(SAMPLE, root)
    bad = root / "hasso-terms" / "2023-09-28.md"
    text = bad.read_text(encoding="utf-8")
    bad.write_text(text.replace("第3条（提供地域）", "第2条（提供地域）", 1), encoding="utf-8")
    line = next(i for i, x in enumerate(bad.read_text(encoding="utf-8").split("\n"), 1) if x == "第2条（提供地域）")
    config = write_mkdocs_yml(tmp_path / "b", root)
    env = {**os.environ, "TERMS_AS_OF": "2026-02-15"}

    def run(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config), *extra],
                              capture_output=True, text=True, check=False, env=env)

    strict = run("--strict")
    assert strict.returncode != 0
    assert f"hasso-terms/2023-09-28.md:{line}: duplicate 第2条" in strict.stderr
    plain = run()
    assert plain.returncode == 0, plain.stderr
    site = tmp_path / "b" / "site"
    assert {"art2", "art2-dup2", "art2-dup2-p1"} <= ids(page(site, "hasso-terms/"))
    assert (site / "your-connect-terms" / "index.html").is_file()


def test_closing_lines_have_an_anchor_on_the_page(sample_site: Path) -> None:
    """cybozu's closing 「2017年7月28日 制定 …」 lines: a provision like any other, linkable."""
    closing = page(sample_site, "cybozu-data-policy/").select_one("#closing")
    assert closing is not None and "2017年7月28日" in closing.get_text()


def test_a_docs_page_and_a_document_with_the_same_url_are_refused(tmp_path: Path) -> None:
    """docs/hasso-terms.md and the document hasso-terms/ would both be /hasso-terms/: said, not overwritten."""
    config = write_mkdocs_yml(tmp_path / "b", SAMPLE)
    (tmp_path / "b" / "docs" / "hasso-terms.md").write_text("# 会社の紹介\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config)], capture_output=True,
                            text=True, check=False, env={**os.environ, "TERMS_AS_OF": "2026-02-15"})
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "docs/hasso-terms.md clashes with the generated page hasso-terms/index.md" in result.stdout + result.stderr


# Markdown or HTML syntax a reader must never see as text
_SYNTAX_SHOWN = re.compile(r"\*\*|__|\]\(|</?[a-zA-Z][^>]*>|^#+ |`")


@pytest.mark.parametrize("folder", sorted(p.name for p in CORPUS.iterdir() if p.is_dir()))
def test_toc_citations_and_glossary_of_every_corpus_text(folder: str) -> None:
    """Every real text: the 目次 names every 章 and 条 (with its caption) and links to anchors the page has; every
    anchor has a citation for anchors.json; no 目次 label or definition shows Markdown as text."""
    from site_builder.definitions import find_definitions
    from site_builder.model import Kind
    from site_builder.parser import parse
    from site_builder.render import citations, toc_entries

    texts = corpus_texts(folder)
    assert texts, folder
    lang = "en" if folder.endswith("-en") else "ja"
    for path in texts:
        parsed = parse(strip_foreign_front_matter(path.read_text(encoding="utf-8", errors="replace")), path)
        anchors = parsed.anchors()
        toc = toc_entries(parsed, lang)
        entries = [*toc, *(c for t in toc for c in t.children)]
        listed = [e.anchor for e in entries]
        assert len(listed) == len(set(listed)) and set(listed) <= set(anchors), path.name
        heads = [p for p in parsed.provisions if p.kind in (Kind.CHAPTER, Kind.ARTICLE) and p.anchor]
        heads += [c for p in parsed.provisions if p.kind is Kind.CHAPTER for c in p.children
                  if c.kind is Kind.ARTICLE and c.anchor]
        assert {p.anchor for p in heads} <= set(listed), path.name
        for e in entries:
            assert e.label.strip() and not _SYNTAX_SHOWN.search(e.label), (path.name, e)
        for p in heads:
            if p.caption:  # 第1条（目的）: the caption is in the 目次
                label = next(e.label for e in entries if e.anchor == p.anchor)
                assert p.caption.strip("（）() ") in label, (path.name, label, p.caption)
        cites = citations(parsed, lang)
        assert set(cites) == set(anchors), path.name
        assert all(c.strip() and "•" not in c for c in cites.values()), path.name
        for d in find_definitions(parsed).terms:
            assert not _SYNTAX_SHOWN.search(d.text), (path.name, d)


def test_the_toc_shows_a_heading_as_read_not_its_markdown() -> None:
    from site_builder.parser import parse
    from site_builder.render import toc_entries

    parsed = parse("## 第1条 **目的**\n本規約の目的です。\n\n## 第2条 [定義](#art2)\n用語を定めます。\n\n"
                   "## 第3条　`利用` 規約\n利用します。\n", "h.md")
    assert [e.label for e in toc_entries(parsed, "ja")] == ["第1条 目的", "第2条 定義", "第3条 利用 規約"]
