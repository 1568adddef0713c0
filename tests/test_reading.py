"""Reading the sample site on any device, in headless Chromium: every page passes axe-core's WCAG 2.1 A/AA rules
in light and dark mode and logs no console error at 1280 px and 390 px; the 目次, the heading repeated above a
linked provision on a phone, a version printed on A4.  Skipped, with the reason, where Chromium is missing."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import need_chromium, page_urls, serving

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(autouse=True)
def _chromium() -> None:
    need_chromium()


@pytest.fixture(scope="module")
def site(sample_site: Path) -> Iterator[tuple[str, list[str]]]:
    """The served sample site and the path of every page in it."""
    with serving(sample_site) as url:
        yield url, page_urls(sample_site)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_passes_axe_wcag_21_aa(site: tuple[str, list[str]], browser: object, scheme: str) -> None:
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright",
                                     reason="axe-playwright-python is not installed (pip install -e .[test])")
    url, pages = site
    assert len(pages) > 20
    axe = axe_module.Axe()
    page = browser.new_page(color_scheme=scheme)  # type: ignore[attr-defined]
    found: list[str] = []
    for path in pages:
        page.goto(url + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == (
            "slate" if scheme == "dark" else "default")
        result = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
        for v in result.response["violations"]:
            found.append(f"{path}: {v['id']} ({len(v['nodes'])}×, e.g. {v['nodes'][0]['html'][:120]})")
    page.close()
    assert found == []


@pytest.mark.parametrize("width", [1280, 390])
def test_no_page_logs_a_console_error(site: tuple[str, list[str]], browser: object, width: int) -> None:
    url, pages = site
    page = browser.new_page(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    for path in pages:
        page.goto(url + path)
        page.wait_for_load_state("networkidle")
        # nor sideways scrolling, on a phone: no clipped text or table
        if width < 500:
            assert page.evaluate("document.documentElement.scrollWidth <= innerWidth + 1"), path
    page.close()
    assert errors == []


def in_view(page: object, selector: str, height: int) -> bool:
    header = page.locator(".md-header").bounding_box()  # type: ignore[attr-defined]
    box = page.locator(selector).bounding_box()  # type: ignore[attr-defined]
    return bool(header and box and header["y"] + header["height"] - 1 <= box["y"] < height)


def test_a_link_to_a_provision_on_a_phone_shows_its_article(site: tuple[str, list[str]], browser: object) -> None:
    url, _ = site
    page = browser.new_page(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)  # type: ignore[attr-defined]
    # 第14条第2項, a few lines under its heading: the page shows the heading above it, not behind the header
    page.goto(url + "/hasso-terms/#art14-p2")
    page.wait_for_function("document.querySelector('#art14').getBoundingClientRect().top > 40")
    assert in_view(page, "#art14", 844) and in_view(page, "#art14-p2", 844)
    assert page.locator("#art14-p2").evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    assert page.locator(".terms-arrival").count() == 0
    # 第1条第1項第9号, screens under its heading: the heading is repeated above it, and links to the article
    page.goto(url + "/hasso-terms/#art1-p1-i9")
    arrival = page.locator(".terms-arrival")
    arrival.wait_for()
    assert arrival.inner_text() == "第1条（用語の定義）"
    assert arrival.locator("a").get_attribute("href") == "#art1"
    assert in_view(page, ".terms-arrival", 844) and in_view(page, "#art1-p1-i9", 844)
    assert arrival.bounding_box()["y"] < page.locator("#art1-p1-i9").bounding_box()["y"]  # type: ignore[index]
    # another link takes it away
    page.evaluate("location.hash = '#art22-p1'")
    page.wait_for_function("!document.querySelector('.terms-arrival')")
    page.wait_for_function("document.querySelector('#art22').getBoundingClientRect().top > 40")
    assert in_view(page, "#art22", 844)
    page.close()


def test_the_toc_lists_every_article_with_its_caption(site: tuple[str, list[str]], browser: object) -> None:
    url, _ = site
    page = browser.new_page(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    page.goto(url + "/hasso-terms/")
    toc = page.get_by_role("navigation", name="条文の目次")
    entries = toc.locator("a")
    assert not entries.first.is_visible()  # folded: the text stays near the top on a phone
    toc.locator("summary").click()
    labels = entries.all_inner_texts()
    headings = page.locator("article h2[id^=art]")
    assert len(labels) == headings.count() == 25
    assert labels[0] == "第1条（用語の定義）" and labels[13] == "第14条 (製品改善、市場調査)"
    entries.nth(13).click()
    assert page.url.endswith("#art14")
    box = page.locator("#art14").bounding_box()
    assert box is not None and 0 <= box["y"] < 844
    page.close()


def test_a_version_prints_on_a4_without_widgets(site: tuple[str, list[str]], browser: object, tmp_path: Path) -> None:
    from pdfminer.high_level import extract_text

    url, _ = site
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(url + "/hasso-terms/2023-09-28/")
    page.emulate_media(media="print")
    # a permalink's ¶ is not printed; its number is
    link = page.locator("div[id] > a[aria-label]:not(:empty)").first
    assert link.evaluate("e => getComputedStyle(e, '::before').display") == "none"
    assert link.evaluate("e => getComputedStyle(e).display") != "none" and link.is_visible()
    for selector in (".terms-toc", ".terms-doc-links", ".md-header", ".md-sidebar--primary",
                     "details.terms-clause-history"):
        if page.locator(selector).count():
            assert page.locator(selector).first.evaluate("e => getComputedStyle(e).display") == "none", selector
    pdf = tmp_path / "version.pdf"
    pdf.write_bytes(page.pdf(prefer_css_page_size=True))
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf.read_bytes())
    assert box is not None and (round(float(box.group(1))), round(float(box.group(2)))) == (595, 842)  # A4
    # NFKC: the PDF's font maps some kanji to their Kangxi radical look-alikes (⽤ for 用)
    first = unicodedata.normalize("NFKC", extract_text(str(pdf), page_numbers=[0]))
    # page 1 is not left blank under 第1条: its first definitions are printed there, with no pilcrow or widget
    assert "第1条(用語の定義)" in first and "「利用契約」" in first
    assert "¶" not in first and "目次" not in first
    assert re.search(r"\b1\s+「利用契約」", first), first[:600]  # the 号's number, which is its permalink
    page.close()
