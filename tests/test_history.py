"""History, changelog, notices, the upcoming banner and the Atom feeds — what a reader sees, at two build dates."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import SAMPLE, build_site, content_text, page
from site_builder.cli import main

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def site_on_effective_day(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("march"), SAMPLE, "2026-03-01")


def feed(site: Path, path: str) -> ET.Element:
    return ET.parse(site / path).getroot()


def entries(root: ET.Element) -> list[dict[str, str]]:
    out = []
    for e in root.findall(f"{ATOM}entry"):
        link = e.find(f"{ATOM}link[@rel='alternate']")
        out.append({
            "title": e.findtext(f"{ATOM}title") or "",
            "id": e.findtext(f"{ATOM}id") or "",
            "updated": e.findtext(f"{ATOM}updated") or "",
            "href": link.get("href", "") if link is not None else "",
            "content": e.findtext(f"{ATOM}content") or "",
        })
    return out


# --- before the effective date: announced, not yet in force ------------------------------------------------


def test_current_page_shows_the_version_in_force_with_a_banner(sample_site: Path) -> None:
    soup = page(sample_site, "your-connect-terms/")
    banner = soup.select_one(".terms-upcoming")
    assert banner is not None and banner["data-effective"] == "2026-03-01"
    assert banner.get_text(strip=True) == "2026年3月1日から改定後のYour Connect利用規約が適用されます。"
    assert "エヌ・ティ・ティ・コミュニケーションズ" in content_text(soup)
    hrefs = {a["href"] for a in soup.select("article a")}
    assert {"2026-03-01/", "2026-03-01/changes/"} <= hrefs


def test_the_upcoming_version_says_so(sample_site: Path) -> None:
    soup = page(sample_site, "your-connect-terms/2026-03-01/")
    assert "この版は2026年3月1日に施行される予定です（施行予定）。公表日: 2026年1月30日。" in content_text(soup)


def test_changelog_lists_the_revision_under_upcoming(sample_site: Path) -> None:
    soup = page(sample_site, "changelog/")
    upcoming = soup.select_one("section.terms-changelog-upcoming")
    assert upcoming is not None and upcoming.select_one("h2").get_text(strip=True).startswith("施行予定")
    titles = [a.get_text() for a in upcoming.select(".terms-entry-title a")]
    assert titles == ["Your Connect利用規約 2026年3月1日施行版"]
    dates = [t.get_text() for t in upcoming.select(".terms-entry-dates time")]
    assert dates == ["2026年1月30日", "2026年3月1日"]
    assert "変更 7・新設 2・削除 0" in upcoming.get_text()
    months = [h.get_text(strip=True).rstrip("¶") for h in soup.select("section.terms-changelog-month h2")]
    assert months == ["2026年1月", "2025年12月", "2025年6月", "2025年3月", "2025年2月", "2024年11月", "2024年4月",
                      "2024年2月", "2023年9月"]


def test_both_feeds_carry_the_upcoming_revision(sample_site: Path) -> None:
    for path in ("changelog/feed.xml", "your-connect-terms/feed.xml"):
        root = feed(sample_site, path)
        assert root.tag == f"{ATOM}feed"
        assert root.findtext(f"{ATOM}title") and root.findtext(f"{ATOM}id") and root.findtext(f"{ATOM}updated")
        first = entries(root)[0]
        assert first["title"] == "Your Connect利用規約 改定: 2026年3月1日施行版（施行予定）"
        assert first["updated"] == "2026-01-30T00:00:00+09:00"  # the announcement date
        assert first["id"].startswith("tag:")
        assert "公表日: 2026年1月30日 / 施行日: 2026年3月1日" in first["content"]
        assert "CRM連携機能" in first["content"] and "新旧対照表" in first["content"]
        base = (sample_site / path).parent
        assert (base / first["href"] / "index.html").resolve().is_file(), first["href"]
    # 4 versions of the Japanese documents, 3 of the sample's Japanese edition, 2 of its English edition, 4 notices
    assert len(entries(feed(sample_site, "changelog/feed.xml"))) == 13


def test_feed_without_announcement_uses_the_effective_date(sample_site: Path) -> None:
    hasso = entries(feed(sample_site, "hasso-terms/feed.xml"))
    assert [(e["title"], e["updated"]) for e in hasso] == [
        ("Hasso 利用規約 施行: 第11版（2023年9月28日施行）", "2023-09-28T00:00:00+09:00")
    ]


def test_pages_advertise_the_feeds(sample_site: Path) -> None:
    soup = page(sample_site, "your-connect-terms/2024-04-01/")
    feeds = {link["href"] for link in soup.select('head link[rel~="alternate"][type="application/atom+xml"]')}
    assert feeds == {"../../changelog/feed.xml", "../feed.xml"}
    home = page(sample_site, "/")
    assert [link["href"] for link in home.select('head link[type="application/atom+xml"]')] == ["changelog/feed.xml"]


def test_history_page(sample_site: Path) -> None:
    soup = page(sample_site, "your-connect-terms/history/")
    items = soup.select("article.terms-entry")
    assert [a.select_one(".terms-entry-title a").get_text() for a in items] == ["2026年3月1日施行版", "2024年4月1日施行版"]
    newest, oldest = items
    assert [t.get_text() for t in newest.select("time")] == ["2026年1月30日", "2026年3月1日"]
    assert "CRM連携機能" in newest.select_one(".terms-entry-summary").get_text()
    assert newest.select_one(".terms-entry-counts").get_text(" ", strip=True).startswith("変更 7・新設 2・削除 0")
    assert newest.select_one('.terms-entry-counts a')["href"] == "../2026-03-01/changes/"
    assert oldest.select_one(".terms-entry-counts") is None  # nothing to compare the first version with


def test_version_pages_end_with_the_history_table(sample_site: Path) -> None:
    """沿革 as a table: 版 | 公表日 | 施行日 | 適用期間 | 状態, newest first, this version and the one in force marked."""
    def rows(path: str) -> list[list[str]]:
        table = page(sample_site, path).select_one("h2#history").find_next("table")
        return [[c.get_text() for c in tr.select("th, td")] for tr in table.select("tbody tr")]

    assert rows("your-connect-terms/2024-04-01/") == [
        ["2026年3月1日施行版", "2026年1月30日", "2026年3月1日", "2026年3月1日～", "施行予定"],
        ["2024年4月1日施行版（この版）", "", "2024年4月1日", "2024年4月1日～2026年2月28日", "現行版"],
    ]
    table = page(sample_site, "your-connect-terms/2024-04-01/").select_one("table.terms-history-table")
    assert table.select_one('tr[aria-current="page"]')["class"] == ["terms-history-current"]
    assert table.select_one("tbody a")["href"] == "../2026-03-01/"
    assert rows("hasso-terms/") == [["第11版（2023年9月28日施行）（この版）", "", "2023年9月28日", "2023年9月28日～", "現行版"]]


def test_notices_show_both_dates_and_are_in_the_timeline(sample_site: Path) -> None:
    soup = page(sample_site, "notices/2024-11-12-twilio-dpa-update/")
    dates = [t.get_text() for t in soup.select(".terms-meta time")]
    assert dates == ["2024年11月12日", "2024年12月19日"]
    changelog = page(sample_site, "changelog/")
    notices = changelog.select("article.terms-entry-notice")
    assert [n.select_one(".terms-entry-title a").get_text() for n in notices] == [
        "サンプルサービス利用規約の改定のお知らせ",
        "Twilioのサービス利用規約の更新について（2025年2月25日）",
        "Twilioのサービス利用規約の更新について（2024年11月12日）",
        "Twilioのサービス利用規約の更新について（2024年2月27日）",
    ]
    assert [t.get_text() for t in notices[1].select("time")] == ["2025年2月25日", "2025年4月1日"]


def test_a_notice_belongs_to_the_documents_it_names(sample_site: Path) -> None:
    """documents: [sample-service-terms] puts the notice on that document's history and feed, says 対象文書 on
    the notice and its changelog entry, and the changelog shows the notice's summary."""
    summary = "2026年1月1日に利用規約を改定し、禁止事項に不正アクセスを加え、管轄裁判所を大阪地方裁判所に変更します。"
    notice = page(sample_site, "notices/2025-12-01-sample-service-terms-revision/")
    text = content_text(notice)
    assert "対象文書: サンプルサービス利用規約" in " ".join(text.split()) and summary in text
    assert notice.select_one('a[href="../../sample-service-terms/"]') is not None
    history = page(sample_site, "sample-service-terms/history/")
    on_history = history.select("article.terms-entry-notice")
    assert [n.select_one(".terms-entry-title a").get_text() for n in on_history] == ["サンプルサービス利用規約の改定のお知らせ"]
    assert on_history[0].select_one(".terms-entry-summary").get_text(strip=True) == summary
    # a notice that names no document is on no document's history
    assert page(sample_site, "hasso-terms/history/").select("article.terms-entry-notice") == []
    entry = next(n for n in page(sample_site, "changelog/").select("article.terms-entry-notice")
                 if "サンプルサービス" in n.get_text())
    assert entry.select_one(".terms-entry-summary").get_text(strip=True) == summary
    assert entry.select_one(".terms-entry-docs").get_text() == "対象文書: サンプルサービス利用規約"
    titles = [e["title"] for e in entries(feed(sample_site, "sample-service-terms/feed.xml"))]
    assert "サンプルサービス利用規約の改定のお知らせ" in titles
    assert "サンプルサービス" not in " ".join(e["title"] for e in entries(feed(sample_site, "hasso-terms/feed.xml")))


def test_check_flags_a_notice_summary_left_as_the_placeholder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from site_builder.loader import PLACEHOLDER_SUMMARY

    root = tmp_path / "src"
    (root / "doc").mkdir(parents=True)
    (root / "doc" / "document.yml").write_text("title: テスト規約\n", encoding="utf-8")
    (root / "doc" / "2026-03-01.md").write_text("---\neffective: 2026-03-01\n---\n第1条（目的）\n本文。\n", encoding="utf-8")
    (root / "notices").mkdir()
    (root / "notices" / "2026-02-01-kaitei.md").write_text(
        f"---\ntitle: 改定のお知らせ\nannounced: 2026-02-01\ndocuments: [doc]\nsummary: {PLACEHOLDER_SUMMARY}\n---\n本文。\n",
        encoding="utf-8")
    assert main(["check", str(root)]) == 1
    captured = capsys.readouterr()
    line = next(x for x in captured.err.splitlines() if "2026-02-01-kaitei.md" in x)
    assert "2026-02-01-kaitei.md:5:" in line and "summary: still" in line
    assert captured.out.strip().endswith("1 error(s), 0 warning(s)")


def test_check_prints_its_errors_before_its_summary(tmp_path: Path) -> None:
    """Through a pipe, as CI reads it: the summary line is the last line."""
    import subprocess
    import sys

    root = tmp_path / "src"
    (root / "doc").mkdir(parents=True)
    (root / "doc" / "document.yml").write_text("title: テスト規約\n", encoding="utf-8")
    (root / "doc" / "2026-03-01.md").write_text("---\neffective: 2026-03-01\n---\n第1条\n本文。\n\n第1条\n重複。\n",
                                                encoding="utf-8")
    (root / "doc" / "2026-04-01.md").write_text("---\neffective: 2026-04-31\n---\n第1条\n本文。\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "site_builder.cli", "check", str(root)], stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True, check=False)
    lines = run.stdout.strip().splitlines()
    assert run.returncode == 1 and len(lines) >= 3
    assert "2026-04-01.md:2:" in run.stdout and "2026-03-01.md:" in run.stdout
    assert lines[-1].startswith(f"{root}: 1 document(s)") and "error(s)" in lines[-1]


# --- on the effective date --------------------------------------------------------------------------------


def test_on_the_effective_day_the_new_version_is_current(site_on_effective_day: Path) -> None:
    soup = page(site_on_effective_day, "your-connect-terms/")
    assert soup.select_one(".terms-upcoming") is None
    text = content_text(soup)
    assert "NTTドコモビジネス株式会社" in text and "改定後" not in text
    changelog = page(site_on_effective_day, "changelog/")
    assert changelog.select_one("section.terms-changelog-upcoming") is None
    first = entries(feed(site_on_effective_day, "changelog/feed.xml"))[0]
    assert first["title"] == "Your Connect利用規約 改定: 2026年3月1日施行版"


def test_builds_are_reproducible(site_on_effective_day: Path, tmp_path: Path) -> None:
    again = build_site(tmp_path, SAMPLE, "2026-03-01")
    for path in ("changelog/feed.xml", "your-connect-terms/feed.xml", "changelog/index.html",
                 "your-connect-terms/2026-03-01/changes/index.html"):
        assert (again / path).read_bytes() == (site_on_effective_day / path).read_bytes(), path


# --- editorial revisions and notices naming documents ------------------------------------------------------


def test_editorial_revisions_are_marked(tmp_path: Path) -> None:
    root = tmp_path / "src"
    (root / "doc").mkdir(parents=True)
    (root / "doc" / "document.yml").write_text("title: テスト規約\n", encoding="utf-8")
    (root / "doc" / "2025-01-01.md").write_text(
        "---\neffective: 2025-01-01\nlabel: 第1版\n---\n第一条　本文。\n", encoding="utf-8"
    )
    (root / "doc" / "2025-02-01.md").write_text(
        "---\neffective: 2025-02-01\nkind: editorial\nsummary: 表記を統一しました。\n---\n第1条　本文。\n", encoding="utf-8"
    )
    (root / "notices").mkdir()
    (root / "notices" / "2025-01-20-notice.md").write_text(
        "---\ntitle: 表記統一のお知らせ\nannounced: 2025-01-20\neffective: 2025-02-01\ndocuments: [doc]\n---\n本文\n",
        encoding="utf-8",
    )
    site = build_site(tmp_path / "b", root, "2025-03-01")
    changelog = page(site, "changelog/")
    editorial = changelog.select("article.terms-entry-editorial")
    assert len(editorial) == 1 and "表記の修正" in editorial[0].select_one(".terms-badge").get_text()
    assert "表記のみ 1" in editorial[0].get_text()
    assert changelog.select_one("input.terms-hide-editorial") is not None
    first = changelog.select("article.terms-entry-revision")[-1]
    assert "制定" in first.get_text()
    notice = changelog.select_one("article.terms-entry-notice")
    assert notice.select_one(".terms-entry-docs a")["href"] == "../doc/"
    notice_page = page(site, "notices/2025-01-20-notice/")
    assert notice_page.select_one('article a[href="../../doc/"]').get_text() == "テスト規約"


def test_check_warns_when_the_supplement_date_disagrees(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "src"
    (root / "doc").mkdir(parents=True)
    (root / "doc" / "document.yml").write_text("title: テスト規約\n", encoding="utf-8")
    (root / "doc" / "2026-03-02.md").write_text(
        "---\neffective: 2026-03-02\n---\n第1条（目的）\n本文。\n\n附 則\n\n1 この改正規定は、令和8年3月1日から実施します。\n",
        encoding="utf-8",
    )
    assert main(["check", str(root)]) == 0
    out = capsys.readouterr().out
    assert ("2026-03-02.md:9: warning: the 附則 says 2026年3月1日 (2026-03-01) but effective is 2026-03-02"
            in out)
    (root / "doc" / "2026-03-02.md").rename(root / "doc" / "2026-03-01.md")
    text = (root / "doc" / "2026-03-01.md").read_text(encoding="utf-8").replace("2026-03-02", "2026-03-01")
    (root / "doc" / "2026-03-01.md").write_text(text, encoding="utf-8")
    main(["check", str(root)])
    assert "附則 says" not in capsys.readouterr().out


def test_each_version_says_when_it_applies(sample_site: Path) -> None:
    """#16: a version page gives its period; an old version says so first, with a link to the one in force."""
    def meta(path: str) -> str:
        return page(sample_site, path).select_one(".terms-meta").get_text(" ", strip=True)

    # in force, with a revision announced: its last day is known
    assert "適用期間 2024年4月1日～2026年2月28日" in meta("your-connect-terms/")
    assert "適用期間 2026年2月1日～" in meta("sample-service-terms/")
    old = page(sample_site, "sample-service-terms/2025-04-01/")
    banner = old.select_one(".terms-superseded")
    assert banner.get_text(strip=True).startswith("この版は2025年4月1日から2025年12月31日まで適用されていました。")
    assert banner.a["href"] == "../" and banner.a.get_text() == "現行版"
    # the page in force has no such banner; an English one speaks English
    assert page(sample_site, "sample-service-terms/").select_one(".terms-superseded") is None
    en = page(sample_site, "sample-service-terms-en/2025-04-01/").select_one(".terms-superseded").get_text(" ", strip=True)
    assert en.startswith("This version applied from 1 April 2025 to 31 December 2025. For the version in force")


def test_a_page_does_not_grow_with_the_years(tmp_path: Path) -> None:
    """Twenty revisions of 第1条: a version page names the latest five of them and about a dozen rows of the
    沿革 (this version, its neighbours, the one in force, the newest and the first), and says where the rest are."""
    root = tmp_path / "src"
    (root / "terms").mkdir(parents=True)
    (root / "terms" / "document.yml").write_text("title: 長く続く規約\n", encoding="utf-8")
    for k in range(20):
        (root / "terms" / f"{2001 + k}-04-01.md").write_text(
            f"---\neffective: {2001 + k}-04-01\n---\n\n## 第1条（料金）\n\n月額料金は{1000 + k * 10}円とします。\n\n"
            "## 第2条（解約）\n\n利用者はいつでも解約できます。\n", encoding="utf-8")
    site = build_site(tmp_path / "b", root, "2026-01-01")
    soup = page(site, "terms/2010-04-01/")
    rows = soup.select(".terms-history-table tbody tr")
    shown = [r.select_one("th a")["href"] for r in rows if r.select_one("th a")]
    assert 8 <= len(shown) <= 12
    # newest first; this version with its neighbours, the one in force, the first
    assert shown[0] == "../2020-04-01/" and shown[-1] == "../2001-04-01/"
    assert {"../2008-04-01/", "../2009-04-01/", "../2010-04-01/", "../2011-04-01/", "../2012-04-01/"} <= set(shown)
    gaps = [r for r in rows if "terms-history-gap" in (r.get("class") or [])]
    assert gaps and all("沿革" in g.get_text() for g in gaps)
    assert soup.select_one('a[href="../history/"]') is not None
    # 第1条 changed in all nine revisions up to this version: the latest five, and the earlier ones by the 沿革
    (history,) = soup.select("details.terms-clause-history")  # 第2条 never changed
    links = history.select("a")
    assert [a["href"] for a in links][1:] == [f"../{y}-04-01/changes/#art1" for y in range(2006, 2011)]
    assert links[0]["href"] == "../history/" and "それ以前の改定4件" in links[0].get_text()
    # the full 沿革 still lists every version
    assert len(page(site, "terms/history/").select('a[href$="-04-01/"]')) >= 20


def test_the_anchor_history_names_each_version_once(tmp_path: Path) -> None:
    """/<doc>/anchors.json, which a page fetches to say where a missing provision went: twenty versions, each
    adding a 条; the file names every version once, and each anchor only by its places among them."""
    import json

    root = tmp_path / "src"
    (root / "terms").mkdir(parents=True)
    (root / "terms" / "document.yml").write_text("title: 増える規約\n", encoding="utf-8")
    for k in range(20):
        articles = "".join(f"## 第{n}条（第{n}の定め）\n\n第{n}の事項を定めます。\n\n" for n in range(1, k + 2))
        (root / "terms" / f"{2001 + k}-04-01.md").write_text(
            f"---\neffective: {2001 + k}-04-01\n---\n\n{articles}", encoding="utf-8")
    site = build_site(tmp_path / "b", root, "2026-01-01")
    raw = (site / "terms" / "anchors.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    assert [v["id"] for v in data["versions"]] == [f"{2001 + k}-04-01" for k in range(20)]
    assert data["versions"][3]["name"] == "2004年4月1日施行版"
    assert raw.count("2004年4月1日") == 1  # not once per anchor the 4th version has
    # 第5条 came with the 5th version (place 4) and stayed; 第1条 is in all of them, so not listed
    assert data["anchors"]["art5"] == {"cite": "第5条", "at": list(range(4, 20))}
    assert data["anchors"]["art5-p1"]["cite"] == "第5条第1項"
    assert "art1" not in data["anchors"]
