"""The plugin's glue: the source option and TERMS_SOURCE, `mkdocs serve` watching the source, the nav."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, SAMPLE, page

GOLDEN_SOURCE = REPO / "tests" / "fixtures" / "golden_source"


def test_terms_source_env_switches_the_source(tmp_path: Path) -> None:
    """mkdocs.yml reads `source` from TERMS_SOURCE through !ENV."""
    env = {**os.environ, "TERMS_SOURCE": str(GOLDEN_SOURCE), "TERMS_AS_OF": "2026-03-15", "NO_MKDOCS_2_WARNING": "true"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=REPO, env=env, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "sample-terms" / "2026-04-01" / "index.html").is_file()
    assert not (tmp_path / "site" / "hasso-terms").exists()
    # the site's own docs/ pages are kept beside the generated ones
    assert (tmp_path / "site" / "about" / "index.html").is_file()


def test_serve_watches_the_source_folder() -> None:
    from mkdocs.config import load_config

    config = load_config(config_file=str(REPO / "mkdocs.yml"))
    plugin = config.plugins["terms"]

    class Server:
        def __init__(self) -> None:
            self.watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = Server()
    plugin.on_serve(server, config=config, builder=None)  # type: ignore[arg-type]
    assert server.watched == [str(SAMPLE.resolve())]


def test_navigation_names_each_document_once_and_its_pages_link_the_rest(sample_site: Path) -> None:
    """Every page carries the navigation: one link a document keeps a page's weight independent of how many
    documents and versions there are; a document's bar and its 沿革 lead to its other pages."""
    soup = page(sample_site, "your-connect-terms/2024-04-01/")
    nav = [a.get_text(" ", strip=True) for a in soup.select(".md-sidebar--primary a.md-nav__link")]
    assert nav[:2] == ["規約一覧", "改定履歴"]
    assert "Your Connect利用規約" in nav and "Hasso 利用規約" in nav
    assert not any("施行版" in label or "新旧対照表" in label for label in nav), nav
    bar = soup.select_one("nav.terms-doc-links")
    assert bar is not None
    assert [(a.get_text(strip=True), a["href"]) for a in bar.select("a")] == [
        ("現行版", "../"), ("沿革", "../history/"), ("版の比較", "../compare/")]
    history = page(sample_site, "your-connect-terms/history/")
    assert history.select_one('nav.terms-doc-links a[aria-current="page"]').get_text() == "沿革"  # type: ignore[union-attr]
    links = {a["href"] for a in history.select("article a[href]")}
    assert {"../2024-04-01/", "../2026-03-01/", "../2026-03-01/changes/"} <= links
    english = page(sample_site, "sample-service-terms-en/")
    assert [a.get_text(strip=True) for a in english.select("nav.terms-doc-links a")] == [
        "In force", "History", "Compare versions"]


def test_init_makes_a_site_that_builds_with_the_package_alone(tmp_path: Path) -> None:
    """pip install + plugins: [terms]: the plugin brings its templates, CSS and JS; no theme/ folder is copied."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from site_builder.cli import main

    folder = tmp_path / "company"
    assert main(["init", str(folder), "--title", "ご利用規約", "--publisher", "株式会社テスト商事"]) == 0
    assert not (folder / "theme").exists() and (folder / ".github/workflows/publish.yml").is_file()
    # init never writes over a site
    assert main(["init", str(folder)]) == 2
    os.environ["TERMS_AS_OF"] = "2099-01-01"
    try:
        build(load_config(str(folder / "mkdocs.yml"), site_dir=str(folder / "site")))
    finally:
        del os.environ["TERMS_AS_OF"]
    page = (folder / "site" / "terms" / "index.html").read_text(encoding="utf-8")
    assert "assets/stylesheets/terms.css" in page and "assets/javascripts/terms.js" in page
    assert (folder / "site" / "assets" / "stylesheets" / "terms.css").is_file()
    assert "株式会社テスト商事" in page.split('<footer', 1)[1]  # the publisher in the footer
    feed = (folder / "site" / "terms" / "feed.xml").read_text(encoding="utf-8")
    assert "<name>株式会社テスト商事</name>" in feed
    # the site's own feed is the publisher's too, not the tool's
    assert "<name>株式会社テスト商事</name>" in (folder / "site" / "changelog" / "feed.xml").read_text(encoding="utf-8")


def test_each_page_says_what_it_is_and_who_publishes_it(sample_site: Path) -> None:
    """<meta name=description> and og: tags per document and version, and the publisher above the footer."""
    version = page(sample_site, "hasso-terms/2023-09-28/")
    description = version.select_one('meta[name="description"]')["content"]  # type: ignore[index]
    assert description.startswith("Hasso 利用規約（第11版（2023年9月28日施行））。株式会社インターコムが公表しています。")
    assert version.select_one('meta[property="og:title"]')["content"] == "Hasso 利用規約 第11版（2023年9月28日施行）"  # type: ignore[index]
    assert version.select_one('meta[property="og:description"]')["content"] == description  # type: ignore[index]
    assert version.select_one(".terms-publisher").get_text(strip=True) == "公表者：株式会社インターコム"  # type: ignore[union-attr]
    other = page(sample_site, "cybozu-data-policy/history/")
    assert "サイボウズ株式会社" in other.select_one('meta[name="description"]')["content"]  # type: ignore[index]
    assert other.select_one('meta[name="description"]')["content"] != description  # type: ignore[index]
    english = page(sample_site, "sample-service-terms-en/")
    assert english.select_one(".terms-publisher").get_text(strip=True).startswith("Published by ")  # type: ignore[union-attr]


def test_materials_own_search_index_is_not_built(tmp_path: Path) -> None:
    """Ours replaces it: Material's search plugin must not parse every page's HTML for nothing."""
    from mkdocs.config import load_config

    from conftest import write_mkdocs_yml

    config = load_config(config_file=str(write_mkdocs_yml(tmp_path, SAMPLE)))
    config = config.plugins.on_config(config)
    search = config.plugins["material/search"]
    search.search_index.add_entry_from_context(object())  # what it does for every page: now nothing
    assert '"docs": []' in search.search_index.generate_search_index(None)


def test_beyond_nav_documents_the_navigation_names_no_document(tmp_path: Path) -> None:
    """Hundreds of documents: the sidebar would be hundreds of titles on every page; the home page lists them."""
    import datetime as dt

    from site_builder.loader import load_source
    from site_builder.render import nav_paths, navigation

    source = load_source(SAMPLE)
    titles = {d.title for d in source.documents}
    few = navigation(source, dt.date(2026, 2, 15))
    assert titles <= {k for entry in few for k in entry}
    many = navigation(source, dt.date(2026, 2, 15), max_documents=3)
    assert not titles & {k for entry in many for k in entry}
    assert {"index.md", "changelog/index.md"} <= nav_paths(many)
    # built so, strictly: every document is still reached, from the home page
    import yaml
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from conftest import write_mkdocs_yml

    config_file = write_mkdocs_yml(tmp_path, SAMPLE)
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    next(p for p in config["plugins"] if isinstance(p, dict) and "terms" in p)["terms"]["nav_documents"] = 3
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    os.environ["TERMS_AS_OF"] = "2026-02-15"
    try:
        build(load_config(str(config_file), strict=True))
    finally:
        del os.environ["TERMS_AS_OF"]
    current = page(tmp_path / "site", "hasso-terms/")
    nav = [a.get_text(" ", strip=True) for a in current.select(".md-sidebar--primary a.md-nav__link")]
    assert nav[:2] == ["規約一覧", "改定履歴"] and not titles & set(nav)
    home = page(tmp_path / "site", "")
    assert {d.slug for d in source.documents} <= {a["href"].strip("./").split("/")[0] for a in home.select("article a[href]")}


def test_the_build_date_is_japans_today() -> None:
    """The daily rebuild runs at 00:05 in Japan, 15:05 UTC the day before: it must publish Japan's day."""
    import datetime as dt

    from site_builder.builddate import today_in_japan

    utc = dt.UTC
    assert today_in_japan(dt.datetime(2026, 2, 28, 15, 5, tzinfo=utc)) == dt.date(2026, 3, 1)
    assert today_in_japan(dt.datetime(2026, 2, 28, 14, 59, tzinfo=utc)) == dt.date(2026, 2, 28)


def test_only_terms_as_of_another_day_is_a_preview(monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    from site_builder.builddate import build_date, is_preview, today_in_japan

    monkeypatch.delenv("TERMS_AS_OF", raising=False)
    assert build_date() == today_in_japan() and not is_preview(build_date())
    assert build_date("2026-03-01") == dt.date(2026, 3, 1) and not is_preview(dt.date(2026, 3, 1))
    monkeypatch.setenv("TERMS_AS_OF", "2026-03-01")
    assert build_date() == dt.date(2026, 3, 1) and is_preview(build_date()) is (today_in_japan() != dt.date(2026, 3, 1))
    monkeypatch.setenv("TERMS_AS_OF", today_in_japan().isoformat())
    assert not is_preview(build_date())
