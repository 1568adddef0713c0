"""The plugin's glue: the source option and TERMS_SOURCE, `mkdocs serve` watching the source, the nav."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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


def test_navigation_lists_versions_newest_first(sample_site: Path) -> None:
    soup = page(sample_site, "your-connect-terms/")
    labels = [a.get_text(" ", strip=True) for a in soup.select(".md-sidebar--primary a.md-nav__link")]
    yc = [label for label in labels if "施行版" in label and ("2026年3月1日" in label or "2024年4月1日" in label)]
    assert yc == ["2026年3月1日施行版 — 施行予定", "2024年4月1日施行版 — 現行版"]
    assert "新旧対照表 2026年3月1日施行" in labels


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
