"""Shared helpers: the real texts in the project (tests/corpus, source_terms), and real MkDocs builds read back
as HTML."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from site_builder.verify import source_lines_as_text, squeeze  # noqa: F401  (used by the tests)

REPO = Path(__file__).resolve().parent.parent
# the real texts with several versions live in the project (tests/corpus/, licences in its README.md)
CORPUS = REPO / "tests" / "corpus"
SAMPLE = REPO / "source_terms"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "true")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite tests/goldens/ from the current output")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


CHROMIUM = Path("/usr/bin/chromium")
# root in this sandbox; no background requests (this machine reaches no host but the package registries)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu"]


@contextmanager
def serving(site: Path) -> Iterator[str]:
    """A built site on a free port of 127.0.0.1, for the browser tests; its base URL."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def need_chromium() -> None:
    """Browser tests run in Debian's Chromium; without it they skip with the reason, except in CI, which sets
    TERMS_REQUIRE_BROWSER so that a missing install step fails instead of passing quietly."""
    if CHROMIUM.exists():
        return
    if os.environ.get("TERMS_REQUIRE_BROWSER"):
        pytest.fail("TERMS_REQUIRE_BROWSER is set but /usr/bin/chromium is missing: apt-get install -y chromium")
    pytest.skip("Chromium is not installed: apt-get install -y chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the whole run (Playwright's sync API, one thread): each test opens its pages."""
    need_chromium()
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e .[test])")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


def page_urls(site: Path) -> list[str]:
    """The URL path of every page of a built site: "/", "/hasso-terms/", …"""
    return sorted(
        "/" + (p.parent.relative_to(site).as_posix() + "/").removeprefix("./")
        for p in site.rglob("index.html") if "assets" not in p.parts
    )


def corpus_texts(folder: str | None = None) -> list[Path]:
    """Every version file of the corpus (or of one folder of it): its texts, not its notes."""
    root = CORPUS / folder if folder else CORPUS
    return sorted(p for p in root.rglob("*") if p.suffix in (".md", ".txt") and p.name not in ("README.md", "INDEX.txt"))


def corpus_file(pattern: str) -> Path:
    matches = sorted(CORPUS.glob(pattern))
    assert matches, f"no corpus file matches {pattern}"
    return matches[0]


def strip_foreign_front_matter(text: str) -> str:
    """いかすきー's files carry VuePress front matter, Jekyll's YAML, Hugo's TOML (+++): not part of the terms."""
    for fence in ("---", "+++"):
        if text.startswith(fence + "\n"):
            end = text.index(f"\n{fence}\n", 4)
            return text[end + 5 :]
    return text


# the Markdown (and reST) texts of real terms, with their history: sina-tos … pyconjp-coc
MARKDOWN_FOLDERS = ("sina-tos", "sina-guideline", "alesinfiny-terms", "pdl-ja", "pdl-en", "kenpo", "covenant-ja",
                    "thisisbot-tos", "pyconjp-teikan", "pyconjp-privacy", "pyconjp-coc")


def corpus_source(root: Path) -> int:
    """Every version in tests/corpus as a version of a document of one source folder; the number of versions."""
    groups = {
        "ikaskey": sorted(CORPUS.glob("ikaskey/terms_*.md")),
        "eccube": sorted(CORPUS.glob("eccube/ec-cube*.md")) + sorted(CORPUS.glob("eccube/ec-cube*.txt")),
        "gyosei": sorted(CORPUS.glob("gyosei-tetsuzuki-ho/*.derived.txt")),
        "appi": sorted(CORPUS.glob("appi-seirei/*.derived.md")),
        **{folder: sorted(CORPUS.glob(f"{folder}/{folder}_*")) for folder in MARKDOWN_FOLDERS},
    }
    count = 0
    for slug, files in groups.items():
        assert files, slug
        (root / slug).mkdir(parents=True)
        (root / slug / "document.yml").write_text(f"title: {slug}\n", encoding="utf-8")
        for index, path in enumerate(files):
            body = strip_foreign_front_matter(path.read_text(encoding="utf-8"))
            # versions that share a publication date get distinct dates: the test is about the text
            (root / slug / f"v{index + 1:02d}.md").write_text(
                f"---\neffective: 2020-01-{index + 1:02d}\n---\n{body}", encoding="utf-8"
            )
            count += 1
    return count


def write_mkdocs_yml(folder: Path, source: Path, *, extra: dict[str, object] | None = None,
                     options: dict[str, object] | None = None) -> Path:
    """A config like the repository's, pointing at another source folder."""
    config = yaml.safe_load(
        (REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV [TERMS_SOURCE, source_terms]", "source_terms")
    )
    config["docs_dir"] = str(folder / "docs")
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    config["site_dir"] = str(folder / "site")
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "terms" in plugin:
            plugin["terms"]["source"] = str(source)
            plugin["terms"].update(options or {})
    config.update(extra or {})
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def build_site(folder: Path, source: Path, as_of: str | None, *, strict: bool = True,
               options: dict[str, object] | None = None, extra: dict[str, object] | None = None) -> Path:
    """Build with MkDocs itself (the plugin is found through its entry point); return the site folder.  With
    `as_of` the build is a preview of that day (TERMS_AS_OF); without, a build of today, as published."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config_file = write_mkdocs_yml(folder, source, options=options, extra=extra)
    old = os.environ.get("TERMS_AS_OF")
    if as_of is None:
        os.environ.pop("TERMS_AS_OF", None)
    else:
        os.environ["TERMS_AS_OF"] = as_of
    try:
        config = load_config(config_file=str(config_file), strict=strict)
        build(config)
    finally:
        if old is None:
            os.environ.pop("TERMS_AS_OF", None)
        else:
            os.environ["TERMS_AS_OF"] = old
    return folder / "site"


def page(site: Path, url: str) -> BeautifulSoup:
    path = site / url.strip("/") / "index.html" if not url.endswith(".html") else site / url
    assert path.is_file(), f"no page at {url}"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def content_text(soup: BeautifulSoup) -> str:
    """The text a reader sees in the page's main column."""
    main = soup.select_one("article.md-content__inner") or soup
    return main.get_text(" ")


def ids(soup: BeautifulSoup) -> set[str]:
    return {el["id"] for el in soup.select("[id]")}


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The sample site as it stands on 2026-02-15: Your Connect's revision announced, not yet in force."""
    folder = tmp_path_factory.mktemp("sample")
    yield build_site(folder, SAMPLE, "2026-02-15")
