"""Japanese search that lands on the article: real queries typed into Material's search box in Chromium, and
the index behind it (only provisions in force and upcoming)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import CHROMIUM, CHROMIUM_ARGS, SAMPLE, need_chromium, serving
from site_builder.loader import load_source
from site_builder.search import index_entries, use_our_worker

# (query, where the first result must land): the three stock Material finds nothing for come first
QUERIES = [
    ("利用状況データ", "cybozu-data-policy/#sec3"),
    ("CRM連携", "your-connect-terms/2026-03-01/#art14"),  # upcoming version, labelled 施行予定
    ("返金されない", "hasso-terms/#art6"),  # inflected phrase
    ("ユーザーサポート", "hasso-terms/#art13"),  # katakana
    ("解約", "hasso-terms/#art10"),  # two characters, heading above body
    ("返金", "hasso-terms/#art6"),
    # two documents have the article: either is the article (ranking by the reader's document is #14's)
    ("準拠法", ("hasso-terms/#art25", "sample-service-terms/#art14")),
    ("免責", "hasso-terms/#art23"),  # two headings match: the closer one first
    ("秘密情報", "hasso-terms/#art19"),
    ("特定個人情報", "hasso-terms/#art21"),
    ("個人情報の取り扱い", "hasso-terms/#art20"),
    ("禁止事項", ("hasso-terms/#art18", "sample-service-terms/#art5")),
    ("製品改善", "hasso-terms/#art14"),
    ("提供地域", "hasso-terms/#art3"),
    ("委託", "hasso-terms/#art24"),
    ("お客様保有データ", "hasso-terms/#art22"),
    ("解約 返還", "hasso-terms/#art10"),  # every space-separated term must occur
    ("ユーザーサポート　日本語", "hasso-terms/#art13"),  # full-width space
    ("ＣＲＭ連携", "your-connect-terms/2026-03-01/#art14"),  # full-width letters
    ("操作ログ", "your-connect-terms/#art11"),  # only the version in force says 操作ログ
    ("動作ログ", "your-connect-terms/2026-03-01/#art11"),  # only the upcoming one says 動作ログ
    ("利用中止", "your-connect-terms/#art2"),  # in both: the version in force first
    ("甲の義務", "your-connect-terms/#art4"),
    ("再許諾不可", "your-connect-terms/#art1"),
    ("入力データの取扱い", "cybozu-data-policy/#sec2"),
    ("本ポリシーの改定", "cybozu-data-policy/#sec4"),
]


def test_index_has_only_what_is_in_force_and_upcoming() -> None:
    import datetime as dt

    entries = index_entries(load_source(SAMPLE), dt.date(2026, 2, 15))
    locations = [e["location"] for e in entries]
    assert "hasso-terms/#art13" in locations
    assert "your-connect-terms/#art11" in locations and "your-connect-terms/2026-03-01/#art14" in locations
    assert not any("/changes/" in loc or "history" in loc or "2024-04-01" in loc for loc in locations)
    assert len(locations) == len(set(locations))
    upcoming = next(e for e in entries if e["location"] == "your-connect-terms/2026-03-01/#art14")
    assert upcoming["upcoming"] and upcoming["doc"] == "Your Connect利用規約（2026年3月1日施行予定）"
    assert upcoming["title"] == "第14条 (CRM連携機能に関する条件)"
    after = index_entries(load_source(SAMPLE), dt.date(2026, 3, 1))
    assert "your-connect-terms/#art14" in [e["location"] for e in after]
    assert not any("2026-03-01/" in e["location"] for e in after)


def test_the_build_fails_loudly_if_material_changes_its_worker_config() -> None:
    page = '<script id="__config">{"search": "../assets/javascripts/workers/search.2c215733.min.js"}</script>'
    assert '"search": "../assets/javascripts/terms-search-worker.js"' in use_our_worker(page, "x.md")
    with pytest.raises(ValueError, match="Material's search configuration has changed"):
        use_our_worker('<script id="__config">{"search_worker": "w.js"}</script>', "x.md")


def test_built_site_uses_our_index_and_worker(sample_site: Path) -> None:
    html = (sample_site / "hasso-terms" / "index.html").read_text(encoding="utf-8")
    assert '"search": "../assets/javascripts/terms-search-worker.js"' in html
    assert (sample_site / "assets" / "javascripts" / "terms-search-worker.js").is_file()
    index = json.loads((sample_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    # 47 articles, sections, 前文 and 附則, and the two closing 改定履歴 blocks; the bilingual sample's two
    # editions, 14 articles and a 前文 each
    assert set(index) == {"config", "docs"} and len(index["docs"]) == 49 + 30


@pytest.fixture(scope="module")
def search_page(sample_site: Path) -> Iterator[object]:
    need_chromium()
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e .[test])")
    with serving(sample_site) as url, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{url}/hasso-terms/")
        page.locator("input.md-search__input").focus()
        yield page
        browser.close()


def run_query(page: object, query: str) -> list[tuple[str, str]]:
    box = page.locator("input.md-search__input")  # type: ignore[attr-defined]
    box.fill("")
    box.press_sequentially(query)
    box.press("End")  # Material reacts to key events, as to the last keystroke of an IME
    meta = page.locator(".md-search-result__meta")  # type: ignore[attr-defined]
    meta.filter(has_not_text="入力してください").wait_for()
    links = page.locator("li.md-search-result__item > a.md-search-result__link:first-child")  # type: ignore[attr-defined]
    page.wait_for_timeout(150)  # type: ignore[attr-defined]
    return [(links.nth(i).get_attribute("href") or "", links.nth(i).locator("h1").inner_text())
            for i in range(min(3, links.count()))]


@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[q for q, _ in QUERIES])
def test_query_lands_on_the_article(search_page: object, query: str, expected: str | tuple[str, ...]) -> None:
    results = run_query(search_page, query)
    assert results, f"no result for {query!r}"
    href, title = results[0]
    assert href.endswith(tuple("/" + e for e in ((expected,) if isinstance(expected, str) else expected))), results
    assert title.startswith(("第", "1 ", "2 ", "3 ", "4 ")), title  # the article's heading is the title


def test_matches_are_highlighted(search_page: object) -> None:
    run_query(search_page, "返金されない")
    marks = search_page.locator("li.md-search-result__item mark")  # type: ignore[attr-defined]
    assert marks.count() >= 1 and marks.first.inner_text() == "返金されない"


def test_no_match_shows_the_empty_state(search_page: object) -> None:
    box = search_page.locator("input.md-search__input")  # type: ignore[attr-defined]
    box.fill("")
    box.press_sequentially("存在しない語句")
    box.press("End")
    meta = search_page.locator(".md-search-result__meta")  # type: ignore[attr-defined]
    meta.filter(has_text="何も見つかりませんでした").wait_for()
    assert search_page.locator("li.md-search-result__item").count() == 0  # type: ignore[attr-defined]
