"""`mkdocs serve --dirty` as an author uses it: a saved version is republished, untouched pages stay right, and
a new version reaches its document's pages (bench/build_bench.py measures how fast)."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import SAMPLE, corpus_source, write_mkdocs_yml


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def without_livereload(html: str) -> str:
    return re.sub(r"<script>[^<]*livereload[^<]*</script>", "", html, flags=re.S)


def wait_for(url: str, text: str, seconds: float = 60) -> float:
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        try:
            if text in fetch(url):
                return time.monotonic() - start
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{url} did not show {text!r} within {seconds} s")


@pytest.fixture(params=["--dirty", "plain"])
def served(tmp_path: Path, request: pytest.FixtureRequest) -> object:
    """`mkdocs serve --dirty`, and plain `mkdocs serve`, which builds again only the generated pages whose
    content or surroundings changed and hands over the others as they were built (plugin.py, rebuild.py)."""
    root = tmp_path / "src"
    shutil.copytree(SAMPLE, root)
    config = write_mkdocs_yml(tmp_path / "b", root)
    port = free_port()
    env = {**os.environ, "TERMS_AS_OF": "2026-02-15", "NO_MKDOCS_2_WARNING": "true"}
    flags = ["--dirty"] if request.param == "--dirty" else []
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", *flags, "-f", str(config), "-a", f"127.0.0.1:{port}"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/hasso-terms/", "Hasso", seconds=120)
        yield base, root
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_serve_republishes_what_changed(served: tuple[str, Path]) -> None:
    base, root = served
    cybozu = fetch(f"{base}/cybozu-data-policy/2025-06-19/")
    version = root / "hasso-terms" / "2023-09-28.md"
    time.sleep(1.1)
    version.write_text(version.read_text(encoding="utf-8").replace("日本語でのみ", "日本語と英語で"), encoding="utf-8")
    wait_for(f"{base}/hasso-terms/2023-09-28/", "日本語と英語で")
    wait_for(f"{base}/hasso-terms/", "日本語と英語で")
    # an untouched document's page is served as it was (what mkdocs serve injects for live reload aside)
    assert without_livereload(fetch(f"{base}/cybozu-data-policy/2025-06-19/")) == without_livereload(cybozu)

    # a new version reaches its document's pages; the navigation names documents, not versions, so another
    # document's pages stay as they were
    new = root / "hasso-terms" / "2026-06-01.md"
    new.write_text(version.read_text(encoding="utf-8").replace("effective: 2023-09-28", "effective: 2026-06-01")
                   .replace("label: 第11版", "label: 第12版"), encoding="utf-8")
    wait_for(f"{base}/hasso-terms/2026-06-01/", "第12版")
    wait_for(f"{base}/hasso-terms/history/", "第12版（2026年6月1日施行）")
    wait_for(f"{base}/hasso-terms/2023-09-28/", "第12版（2026年6月1日施行）")  # its 沿革 table
    assert without_livereload(fetch(f"{base}/cybozu-data-policy/2025-06-19/")) == without_livereload(cybozu)


def test_serve_shows_a_new_title_on_every_page(served: tuple[str, Path]) -> None:
    """A document's new title is in the navigation of every page: no page may be written as it was before."""
    base, root = served
    meta = root / "cybozu-data-policy" / "document.yml"
    time.sleep(1.1)
    meta.write_text(re.sub(r"(?m)^title: .*$", "title: 改題されたデータポリシー", meta.read_text(encoding="utf-8")),
                    encoding="utf-8")
    wait_for(f"{base}/cybozu-data-policy/", "改題されたデータポリシー")
    # another document's page, its own content untouched, names the new title in its navigation
    wait_for(f"{base}/hasso-terms/2023-09-28/", "改題されたデータポリシー", seconds=30)


SITE_URL = "https://terms.example.jp/"


@pytest.mark.parametrize("saved, old, new, page", [
    # the newest version of a document: the pages of its older versions are as they were
    ("hasso-terms/2023-09-28.md", "日本語でのみ", "日本語と英語で", "hasso-terms/2023-09-28"),
    # the first of three: the later versions' pages list its changes per article (their 改定 links), so they change
    ("sample-service-terms/2025-04-01.md", "本サービス", "当サービス", "sample-service-terms/2025-04-01"),
    # the publisher, which every page of the document names (its footer, its description)
    ("sample-service-terms/document.yml", "サンプル株式会社", "サンプル合同会社", "sample-service-terms/2026-01-01"),
])
def test_a_serve_rebuild_writes_unchanged_pages_as_they_were(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                                              saved: str, old: str, new: str, page: str) -> None:
    """In-process, as `mkdocs serve` rebuilds: after a save, most pages are handed over as they were built (or
    written so), and the site is the one a fresh build of the saved source makes, file for file."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = tmp_path / "src"
    shutil.copytree(SAMPLE, root)
    # with a site_url, so that the sitemap lists the pages
    config_file = write_mkdocs_yml(tmp_path / "b", root, extra={"site_url": SITE_URL})
    site = tmp_path / "b" / "site"
    os.environ["TERMS_AS_OF"] = "2026-02-15"
    try:
        config = load_config(config_file=str(config_file))
        config.plugins.on_startup(command="serve", dirty=False)
        build(config)
        config.plugins["terms"].afterwards.wait()
        version = root / saved
        text = version.read_text(encoding="utf-8")
        assert old in text
        version.write_text(text.replace(old, new), encoding="utf-8")
        caplog.clear()
        with caplog.at_level("INFO"):
            build(load_config(config_file=str(config_file)))  # serve loads the config again, keeps the plugin
        config.plugins["terms"].afterwards.wait()
        messages = [r.getMessage() for r in caplog.records]
        reused = [m for m in messages if "written as they were built" in m]
        assert reused, "no page was written as it was built"
        count = int(reused[0].split()[1])
        pages = sum(1 for _ in site.rglob("*.html"))
        assert 10 < count < pages  # the saved document's pages were built again
        # MkDocs notes each link to a page excluded from its build; a page handed over is in the site
        assert not [m for m in messages if "excluded from the built site" in m]
        # in a process of its own: this one keeps what serve rendered
        fresh = write_mkdocs_yml(tmp_path / "fresh", root, extra={"site_url": SITE_URL})
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(fresh)], check=True,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "true", "TERMS_AS_OF": "2026-02-15"})
        fresh_site = tmp_path / "fresh" / "site"
        assert (fresh_site / "sitemap.xml").read_text(encoding="utf-8").count("<loc>") > count
        assert new in (site / page / "index.html").read_text(encoding="utf-8")
        _same_files(site, fresh_site)
        config.plugins.on_shutdown()
    finally:
        os.environ.pop("TERMS_AS_OF", None)


def _same_files(site: Path, fresh_site: Path) -> None:
    """Every file of `fresh_site` in `site` with the same bytes, and no other file."""
    built = {p.relative_to(fresh_site) for p in fresh_site.rglob("*") if p.is_file()}
    assert {p.relative_to(site) for p in site.rglob("*") if p.is_file()} == built
    for rel in built:
        if rel.suffix == ".gz":  # its header holds a time
            assert gzip.decompress((site / rel).read_bytes()) == gzip.decompress((fresh_site / rel).read_bytes())
        else:
            assert (site / rel).read_bytes() == (fresh_site / rel).read_bytes(), rel


def test_a_serve_rebuild_of_every_corpus_text_is_the_site_a_fresh_build_makes(tmp_path: Path) -> None:
    """The real texts of tests/corpus (Japanese and English, Markdown, Word exports and statutes): a save to a
    middle version of every document, rebuilt as `serve` rebuilds, gives the site a fresh build of the saved
    source makes, file for file; the versions before the saved one are handed over, the saved one is not."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = tmp_path / "src"
    corpus_source(root)
    config_file = write_mkdocs_yml(tmp_path / "b", root, extra={"site_url": SITE_URL}, options={"downloads": []})
    site = tmp_path / "b" / "site"
    env = {"NO_MKDOCS_2_WARNING": "true", "TERMS_AS_OF": "2026-02-15"}
    old_env = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        config = load_config(config_file=str(config_file))
        config.plugins.on_startup(command="serve", dirty=False)
        build(config)
        config.plugins["terms"].afterwards.wait()
        saved: dict[str, tuple[str, str]] = {}
        for doc in sorted(p for p in root.iterdir() if p.is_dir()):
            versions = sorted(doc.glob("v*.md"))
            if len(versions) < 2:
                continue
            middle = versions[max(1, (len(versions) - 1) // 2)]  # never the first: it has one before it
            text = middle.read_text(encoding="utf-8")
            # the first sentence of the body gets a word more: a change of one provision, as authors make them
            body_at = text.index("\n---\n", 3) + 5
            end = next(text.find(mark, body_at) for mark in ("。", ". ") if text.find(mark, body_at) > 0)
            middle.write_text(text[:end] + "（改訂試験）" + text[end:], encoding="utf-8")
            saved[doc.name] = (versions[0].stem, middle.stem)
        assert len(saved) >= 12, saved
        build(load_config(config_file=str(config_file)))
        config.plugins["terms"].afterwards.wait()
        handed = config.plugins["terms"].handed_over
        for doc, (first, middle) in saved.items():
            assert f"{doc}/{first}/index.md" in handed, doc  # before the saved version: a snapshot, unchanged
            assert f"{doc}/{middle}/index.md" not in handed, doc  # the saved version (later ones: if they show it)
        fresh = write_mkdocs_yml(tmp_path / "fresh", root, extra={"site_url": SITE_URL}, options={"downloads": []})
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(fresh)], check=True,
                       env={**os.environ, **env})
        _same_files(site, tmp_path / "fresh" / "site")
        config.plugins.on_shutdown()
    finally:
        for k, v in old_env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def test_a_serve_rebuild_on_another_day_prints_that_day_on_every_page(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing saved, but the build date moved (midnight, or TERMS_AS_OF): every page prints it
    (<meta name="terms-build-date">), so none is written as it was, not even the pages the navigation names."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = tmp_path / "src"
    shutil.copytree(SAMPLE, root)
    config_file = write_mkdocs_yml(tmp_path / "b", root)
    site = tmp_path / "b" / "site"
    monkeypatch.setenv("TERMS_AS_OF", "2026-02-15")
    config = load_config(config_file=str(config_file))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    config.plugins["terms"].afterwards.wait()
    monkeypatch.setenv("TERMS_AS_OF", "2026-02-16")
    build(load_config(config_file=str(config_file)))
    config.plugins["terms"].afterwards.wait()
    for page in ("index.html", "hasso-terms/index.html", "hasso-terms/2023-09-28/index.html"):
        assert 'content="2026-02-16"' in (site / page).read_text(encoding="utf-8"), page
    fresh = write_mkdocs_yml(tmp_path / "fresh", root)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(fresh)], check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "true"})
    _same_files(site, tmp_path / "fresh" / "site")
    config.plugins.on_shutdown()


def test_a_serve_rebuild_writes_the_index_and_word_files_after_the_reload(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Under `serve` the search index and a saved revision's Word/PDF are made after the build returns (the
    livereload server holds requests until then): the site meanwhile has the last ones, whole; once the job has
    run, it has what a fresh build of the saved source makes."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from site_builder import serving

    held: list[object] = []
    monkeypatch.setattr(serving.Afterwards, "start", lambda self, what, job: held.append(job))
    monkeypatch.setenv("TERMS_AS_OF", "2026-02-15")
    root = tmp_path / "src"
    shutil.copytree(SAMPLE, root)
    config_file = write_mkdocs_yml(tmp_path / "b", root)
    site = tmp_path / "b" / "site"
    config = load_config(config_file=str(config_file))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    for job in held:
        job()  # type: ignore[operator]
    held.clear()
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    docx = (site / "your-connect-terms" / "2026-03-01" / "changes.docx").read_bytes()

    version = root / "your-connect-terms" / "2026-03-01.md"
    version.write_text(version.read_text(encoding="utf-8").replace("ソフトフォン機能", "ソフトフォン通話機能"),
                       encoding="utf-8")
    build(load_config(config_file=str(config_file)))
    # the pages are new; the index and the revision's files are the last ones, whole, until the job runs
    assert "ソフトフォン通話機能" in (site / "your-connect-terms" / "2026-03-01" / "index.html").read_text(encoding="utf-8")
    assert len(held) == 1
    assert (site / "search" / "search_index.json").read_text(encoding="utf-8") == index
    meta = json.loads(index)["config"]["terms"]["meta"]
    assert (site / "search" / meta).is_file()
    assert (site / "your-connect-terms" / "2026-03-01" / "changes.docx").read_bytes() == docx
    held[0]()  # type: ignore[operator]

    fresh = write_mkdocs_yml(tmp_path / "fresh", root)
    build(load_config(config_file=str(fresh)))
    fresh_site = tmp_path / "fresh" / "site"
    new_index = (fresh_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert new_index != index and (site / "search" / "search_index.json").read_text(encoding="utf-8") == new_index
    for path in (fresh_site / "search").rglob("*.json"):
        assert (site / path.relative_to(fresh_site)).read_bytes() == path.read_bytes(), path
    new_docx = (fresh_site / "your-connect-terms" / "2026-03-01" / "changes.docx").read_bytes()
    assert new_docx != docx and (site / "your-connect-terms" / "2026-03-01" / "changes.docx").read_bytes() == new_docx
    assert (site / "your-connect-terms" / "2026-03-01" / "changes.pdf").read_bytes() == \
        (fresh_site / "your-connect-terms" / "2026-03-01" / "changes.pdf").read_bytes()
    config.plugins.on_shutdown()


def test_files_linked_into_the_site_are_replaced_never_written_through(tmp_path: Path) -> None:
    from site_builder.output import replace_file
    from site_builder.serving import put_linked

    kept, site = tmp_path / "cache" / "a.docx", tmp_path / "site" / "doc" / "changes.docx"
    kept.parent.mkdir()
    kept.write_bytes(b"old")
    put_linked(kept, site)
    assert site.read_bytes() == b"old" and os.path.samefile(kept, site)
    put_linked(kept, site)  # again, as `serve --dirty` does: nothing left behind
    assert sorted(p.name for p in site.parent.iterdir()) == ["changes.docx"]
    replace_file(site, b"new")  # the file made after the reload replaces the link
    assert site.read_bytes() == b"new" and kept.read_bytes() == b"old"
    other = tmp_path / "cache" / "b.docx"
    other.write_bytes(b"other")
    put_linked(other, site)
    assert site.read_bytes() == b"other" and kept.read_bytes() == b"old"
    assert sorted(p.name for p in site.parent.iterdir()) == ["changes.docx"]
