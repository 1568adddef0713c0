"""A hostile author: the same script payloads in every field a source has, opened in Chromium on every page of
the built site.  No script may run, and the payload must show as the literal text the author typed — in the
page, the navigation, the <title>, the feeds, the search results, citations and definition tooltips."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import build_site, page_urls, serving

# each payload calls alert() with its own number, so a dialog says which field let it through
TITLE = "<img src=x onerror=alert(1)>規約"
PUBLISHER = "<script>alert(2)</script>株式会社"
DESCRIPTION = '"><svg onload=alert(3)>'
LABEL = "<img src=y onerror=alert(4)>第2版](javascript:alert(5))"
SUMMARY = "[ここ](javascript:alert(6)) <script>alert(7)</script> <a href=\"javascript:alert(8)\">a</a>"
NOTICE_TITLE = "</title><script>alert(10)</script>お知らせ"
BODY = (
    "第1条（目的）\n"
    "本規約は<img src=z onerror=alert(11)>適用されます。<script>alert(12)</script>\n"
    "2 「<svg onload=alert(13)>データ」とは、利用者のデータをいう。\n"
    "3 <svg onload=alert(13)>データは保護されます。[リンク](javascript:alert(14)) {#x onclick=alert(15)}\n"
    "\n"
    "第2条（<b onmouseover=alert(16)>定義</b>）\n"
    "<iframe src=\"javascript:alert(17)\"></iframe>本文。\n"
)


def _write(root: Path) -> None:
    doc = root / "evil"
    doc.mkdir(parents=True)
    (doc / "document.yml").write_text(
        f"title: '{TITLE}'\npublisher: '{PUBLISHER}'\ndescription: '{DESCRIPTION}'\n", encoding="utf-8")
    (doc / "2026-01-01.md").write_text(
        f"---\neffective: 2026-01-01\nlabel: '{LABEL}'\nsummary: '{SUMMARY}'\n---\n{BODY}", encoding="utf-8")
    (doc / "2026-04-01.md").write_text(
        f"---\neffective: 2026-04-01\nannounced: 2026-02-01\nlabel: '{LABEL}'\nsummary: '{SUMMARY}'\n---\n"
        + BODY.replace("適用されます", "必ず適用されます"), encoding="utf-8")
    (root / "notices").mkdir()
    (root / "notices" / "2026-02-01-evil.md").write_text(
        f"---\ntitle: '{NOTICE_TITLE}'\nannounced: 2026-02-01\neffective: 2026-04-01\ndocuments: [evil]\n---\n"
        "<script>alert(18)</script><img src=w onerror=alert(19)>改定します。\n", encoding="utf-8")


@pytest.fixture(scope="module")
def evil_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("evil")
    _write(folder / "src")
    return build_site(folder, folder / "src", "2026-02-15", strict=False)


def test_feeds_stay_xml_with_the_payload_as_text(evil_site: Path) -> None:
    for feed in ("changelog/feed.xml", "evil/feed.xml"):
        root = ElementTree.parse(evil_site / feed).getroot()
        titles = [t.text or "" for t in root.iter("{http://www.w3.org/2005/Atom}title")]
        assert any(TITLE in t for t in titles), titles


_ACTIVE = """() => {
  const handlers = [...document.querySelectorAll('*')].filter(e =>
    [...e.attributes].some(a => /^on/i.test(a.name) || /^\\s*javascript:/i.test(a.value)));
  const scripts = [...document.scripts].filter(s => /alert\\(/.test(s.textContent));
  return handlers.map(e => e.outerHTML.slice(0, 80)).concat(scripts.map(s => s.outerHTML.slice(0, 80)));
}"""


def test_no_payload_runs_on_any_page(evil_site: Path, browser: object) -> None:
    dialogs: list[str] = []
    with serving(evil_site) as url:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.message}"), d.dismiss()))
        pages = page_urls(evil_site)
        assert "/evil/" in pages and "/evil/2026-04-01/changes/" in pages and "/notices/2026-02-01-evil/" in pages
        for path in pages:
            page.goto(url + path)
            page.wait_for_load_state("load")
            # hover and focus everything a reader could (tooltips, citation buttons, headings, links): any
            # handler an author smuggled in would fire now
            page.evaluate("""() => document.querySelectorAll('article *').forEach(e => {
                for (const type of ['mouseover', 'mouseenter', 'focus', 'focusin'])
                  e.dispatchEvent(new Event(type, {bubbles: true}));
            })""")
            page.wait_for_timeout(50)
            assert page.evaluate(_ACTIVE) == [], path
        page.close()
    assert dialogs == []


def test_payloads_show_as_literal_text(evil_site: Path, browser: object) -> None:
    with serving(evil_site) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
        page.goto(f"{url}/evil/")
        assert TITLE in page.title()
        assert TITLE in page.locator("article h1").first.inner_text()
        nav = page.locator("nav.md-nav--primary").inner_text()
        assert TITLE in nav
        body = page.locator("article").inner_text()
        assert "<img src=y onerror=alert(4)>第2版" in body  # the version's label, in the 沿革 table
        assert "<img src=z onerror=alert(11)>" in body and "<script>alert(12)</script>" in body
        page.goto(f"{url}/notices/2026-02-01-evil/")
        assert NOTICE_TITLE in page.title()
        assert "<script>alert(18)</script>" in page.locator("article").inner_text()
        # search: the result list shows the document's title as text
        page.goto(f"{url}/evil/")
        box = page.locator("input.md-search__input")
        box.focus()
        box.press_sequentially("適用")
        box.press("End")
        page.locator(".md-search-result__meta").filter(has_not_text="入力してください").wait_for()
        page.wait_for_timeout(200)
        results = page.locator(".md-search-result").inner_text()
        assert "<img src=x onerror=alert(1)>" in results or "適用" in results
        assert page.evaluate(_ACTIVE) == []
        page.close()
