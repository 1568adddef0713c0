"""What a reader does in a real browser (headless Debian Chromium): follow a link to a clause, reach a
permalink with the keyboard.  Skipped, with the reason, where Chromium or Playwright is missing; CI installs both."""

from __future__ import annotations

import http.server
import os
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")

if not CHROMIUM.exists() and os.environ.get("TERMS_REQUIRE_BROWSER"):
    raise RuntimeError("TERMS_REQUIRE_BROWSER is set but /usr/bin/chromium is missing: apt-get install -y chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed: apt-get install -y chromium")


@pytest.fixture(scope="module")
def server(sample_site: Path) -> Iterator[str]:
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(sample_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e .[test])")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"]
        )
        yield b
        b.close()


def test_link_to_a_clause_lands_on_it_highlighted(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(f"{server}/hasso-terms/#art14-p2")
    target = page.locator("#art14-p2")
    assert "お客様情報を用いて" in target.inner_text()
    assert page.evaluate("document.querySelector(':target').id") == "art14-p2"
    # highlighted: the :target rule draws an outline that its neighbour does not have
    assert target.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    assert page.locator("#art14-p1").evaluate("e => getComputedStyle(e).outlineStyle") == "none"
    # and it is in view
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]
    page.close()


def test_permalinks_are_visible_and_reachable_by_keyboard(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(f"{server}/hasso-terms/")
    link = page.locator('#art5-p3-i1 > a.terms-permalink')
    assert link.is_visible()
    assert link.get_attribute("aria-label") == "第5条第3項第1号へのリンク"
    link.focus()
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#art5-p3-i1"
    page.keyboard.press("Enter")
    assert page.url.endswith("/hasso-terms/#art5-p3-i1")
    # Tab from the permalink before reaches the next provision's permalink: all are in the tab order
    page.locator('#art5-p3 > a.terms-permalink').focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#art5-p3-i1"
    page.close()


def test_phone_width_has_no_sideways_scroll(server: str, browser: object) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 740})  # type: ignore[attr-defined]
    page.goto(f"{server}/hasso-terms/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.close()
